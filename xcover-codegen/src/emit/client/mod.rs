//! Emits the client module: `Client` and `ClientBuilder` (`head`), and one request builder per
//! operation (`builder`), whose `send()` (`send`) matches the status (`status`).

mod builder;
mod head;
mod pages;
mod send;
mod status;

use proc_macro2::TokenStream;
use quote::quote;
use syn::Item;

use super::docs::DocLines;
use super::runtime_crates;
use super::rust_types::{TypePath, TypeWriter};
use crate::ir::operations::BodyKind;
use crate::ir::types::{Through, TypeRef};
use crate::ir::Ir;

use builder::request_builder;
pub use head::emit_client_head;

/// The `builder` module with nothing in it: its items are [`emit_builder_imports`] and
/// [`emit_builders`].
pub fn emit_builder_module_shell() -> TokenStream {
    quote! {
        /// One request builder per operation.
        pub mod builder {}
    }
}

/// The imports of the `builder` module.
pub fn emit_builder_imports(ir: &Ir) -> TokenStream {
    if ir.operations.is_empty() {
        return TokenStream::new();
    }
    let types = builders_use_types(ir).then(|| {
        quote!(
            use super::super::types;
        )
    });
    let crates = runtime_crates("super::super::runtime");
    quote! {
        #crates
        use super::super::runtime::{self, Error, Response};
        #types
        use super::Client;
    }
}

/// The request builders of the operations in `range`.
pub fn emit_builders(ir: &Ir, range: std::ops::Range<usize>, docs: &mut DocLines) -> Vec<Item> {
    let writer = TypeWriter {
        space: &ir.types,
        path: TypePath::Types,
    };
    ir.operations[range]
        .iter()
        .flat_map(|operation| request_builder(operation, writer, docs))
        .collect()
}

/// Whether a type mentions a generated type (and so needs the `types` import).
pub(super) fn mentions_named(ty: &TypeRef) -> bool {
    ty.named(Through::Everything).is_some()
}

/// Whether any request builder names a generated type.
fn builders_use_types(ir: &Ir) -> bool {
    ir.operations.iter().any(|operation| {
        let body = operation.body.as_ref().and_then(|body| match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form(ty) => Some(ty),
            _ => None,
        });
        operation
            .path_params
            .iter()
            .filter(|param| !param.bound)
            .map(|param| &param.ty)
            .chain(
                operation
                    .query
                    .iter()
                    .chain(&operation.headers)
                    .map(|param| &param.ty),
            )
            .chain(body)
            .chain([&operation.success, &operation.failure])
            .any(mentions_named)
    })
}
