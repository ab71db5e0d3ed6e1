//! xcover-codegen: a Rust SDK (serde models and an async reqwest client) from an OpenAPI 3.0
//! document.
//!
//! The pipeline, one module per stage:
//! 1. [`load`]: YAML or JSON text → `openapiv3::OpenAPI`;
//! 2. `resolve`: `$ref`s to components;
//! 3. [`ir`]: every type and operation, with all naming and typing decisions;
//! 4. `emit`: the IR as syn syntax trees;
//! 5. `format`: prettyplease, and the generated-file header.
//!
//! [`generate`] runs them all; [`Generator`] does the same for build scripts. Only the stages
//! a build script, a test or the diff reads from are public: `load` and `ir`.
//!
//! ```no_run
//! // build.rs: writes OUT_DIR/xcover.rs, which the crate includes once:
//! // `include!(concat!(env!("OUT_DIR"), "/xcover.rs"));`
//! xcover_codegen::Generator::new()
//!     .spec("spec/xcover-2.152.1.yaml")
//!     .client_param("partner_id")
//!     .build_script("xcover.rs");
//! ```

#![deny(missing_docs)]

pub mod ir;
pub mod load;

mod diagnostics;
mod emit;
mod format;
mod resolve;

mod crate_name;
mod generator;
mod runtime_dependency;

pub use crate_name::{CrateName, InvalidCrateName};
pub use diagnostics::{Fallback, Location, Pointer, SpecError};
pub use generator::{GenerateError, Generator};
pub use runtime_dependency::RuntimeDependency;

use openapiv3::OpenAPI;

/// Generator settings.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Path parameters bound once per client instead of passed to every call (for XCover:
    /// `partner_id`, giving `Client::new(base_url, partner_id)`).
    pub client_params: Vec<String>,
    /// The path callers use the generated code by (`xcover_generated`), which each client
    /// method's `no_run` example names; `None` leaves the examples out, as build-time output
    /// should: a partner's own doctests would compile them.
    pub example_root: Option<String>,
}

/// The generated sources of one document.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The models module.
    pub types: String,
    /// The client module.
    pub client: String,
    /// The shared runtime module.
    pub runtime: String,
    /// The module root declaring the three.
    pub module_root: String,
    /// What was generated, and where it fell back to looser types.
    pub summary: Summary,
    manifest: String,
    crate_root: String,
}

/// What a generation produced.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Operations (client methods).
    pub operations: usize,
    /// Generated types.
    pub types: usize,
    /// Places where a looser type was used or a construct skipped.
    pub fallbacks: Vec<Fallback>,
}

impl Generated {
    /// The files of a module directory (`mod.rs`, `types.rs`, `client.rs`, `runtime.rs`).
    pub fn module_files(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("mod.rs", &self.module_root),
            ("types.rs", &self.types),
            ("client.rs", &self.client),
            ("runtime.rs", &self.runtime),
        ]
    }

    /// The one file a build script writes and a crate includes once
    /// (`include!(concat!(env!("OUT_DIR"), "/xcover.rs"));`): the three modules inline, and
    /// the client, its errors and responses re-exported beside them.
    pub fn include_file(&self) -> String {
        let mut text = String::with_capacity(self.types.len() + self.client.len() + 400);
        for (name, doc, contents) in [
            ("types", "Request, response and webhook types.", &self.types),
            (
                "client",
                "The client and its request builders.",
                &self.client,
            ),
            (
                "runtime",
                "The runtime crate, and the crates it re-exports.",
                &self.runtime,
            ),
        ] {
            text.push_str(&format!("/// {doc}\npub mod {name} {{\n"));
            text.push_str(contents);
            text.push_str("}\n\n");
        }
        text.push_str("pub use client::{builder, Client, ClientBuilder};\npub use runtime::{Error, Response};\n");
        text
    }

    /// The files of a standalone crate (`Cargo.toml`, `src/…`), depending on the runtime crate
    /// as `runtime` says.
    pub fn crate_files(
        &self,
        name: &CrateName,
        runtime: &RuntimeDependency,
    ) -> Vec<(&'static str, String)> {
        vec![
            (
                "Cargo.toml",
                self.manifest
                    .replace(emit::manifest::NAME_SLOT, name.as_str())
                    .replace(emit::manifest::RUNTIME_SLOT, runtime.as_toml()),
            ),
            ("src/lib.rs", self.crate_root.clone()),
            ("src/types.rs", self.types.clone()),
            ("src/client.rs", self.client.clone()),
            ("src/runtime.rs", self.runtime.clone()),
        ]
    }
}

/// How the generated code writes `ty`, named from its types module (`Vec<Quote>`,
/// `Option<chrono::DateTime<chrono::FixedOffset>>`): the emitter's own writer, so that a tool
/// comparing two IRs shows the types the code has.
pub fn rust_type_text(types: &ir::typespace::TypeSpace, ty: &ir::types::TypeRef) -> String {
    let mut text = String::new();
    emit::rust_types::TypeWriter {
        space: types,
        path: emit::rust_types::TypePath::Local,
    }
    .text(ty, &mut text);
    text
}

/// Generates the SDK for a parsed document.
pub fn generate(document: &OpenAPI, settings: &Settings) -> Result<Generated, SpecError> {
    let ir = ir::build(document, settings)?;
    let modules = emit::emit(&ir);
    let api_name = ir.api_name();
    let header = format!(
        "// Generated by xcover-codegen from {}. Do not edit: regenerate.",
        api_name.as_str()
    );
    let module_root = format!(
        "//! Generated from {} by xcover-codegen. Do not edit: regenerate.\n\npub mod client;\npub mod runtime;\npub mod types;\n",
        emit::docs::doc_line(api_name.as_str())
    );
    let [types, client] = format::format_modules(&[modules.types, modules.client], &header)?;
    Ok(Generated {
        types,
        client,
        runtime: format!("{header}\n\n{}", emit::RUNTIME),
        module_root,
        summary: Summary {
            operations: ir.operations.len(),
            types: ir.types.len(),
            fallbacks: ir.fallbacks.clone(),
        },
        manifest: emit::manifest::cargo_toml(&ir),
        crate_root: emit::manifest::lib_rs(&ir),
    })
}

/// Loads a document (OpenAPI 3.0, 3.1 or 3.2) from text and generates the SDK. An error names
/// its place in `text`: a JSON pointer, and the line and column of the node it names; so does
/// every fallback's pointer, for a 3.1 or 3.2 document too.
pub fn generate_from_str(text: &str, settings: &Settings) -> Result<Generated, SpecError> {
    load::load_document(text)?
        .generate(settings)
        .map_err(|error| error.locate_in(text.strip_prefix('\u{feff}').unwrap_or(text)))
}
