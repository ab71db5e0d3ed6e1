//! Stage 4, emit: the IR as Rust token streams, one per module.

pub mod client;
pub mod docs;
pub mod manifest;
pub mod rust_types;
pub mod types;

use proc_macro2::TokenStream;

use crate::ir::Ir;

/// The shared runtime every generated client uses, copied verbatim.
pub const RUNTIME: &str = include_str!("../../templates/runtime.rs");

/// The token streams of the generated modules.
pub struct EmittedModules {
    /// Models.
    pub types: TokenStream,
    /// Client and request builders.
    pub client: TokenStream,
}

/// Emits every module of the IR.
pub fn emit(ir: &Ir) -> EmittedModules {
    EmittedModules {
        types: types::emit_types(ir),
        client: client::emit_client(ir),
    }
}
