//! One side of a diff: a document loaded and checked exactly as `generate` does it, its IR
//! (every Rust name and type the SDK has), and its JSON tree for what the IR does not hold.

use std::path::Path;

use xcover_codegen::ir::Ir;
use xcover_codegen::load::{self, Loaded, SourceMap};
use xcover_codegen::{Pointer, Settings, SpecError};

use crate::json::Json;

/// A document ready to compare.
pub struct Spec {
    pub(crate) ir: Ir,
    pub(crate) json: Json,
    source_map: SourceMap,
}

/// A document `generate` would refuse: read as it reads it, with the same error (the JSON
/// pointer of the bad node, its line and column).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(#[from] SpecError);

impl Spec {
    /// Reads and checks the document at `path`; `$ref`s to other files are followed.
    pub fn read(path: &Path, settings: &Settings) -> Result<Spec, InputError> {
        let text = load::read_path(path)?;
        let loaded = load::load_document_at(&text, path)?;
        Spec::checked(loaded, &text, settings)
    }

    /// Checks a document given as text (OpenAPI 3.0, 3.1 or 3.2, YAML or JSON).
    pub fn parse(text: &str, settings: &Settings) -> Result<Spec, InputError> {
        let loaded = load::load_document(text)?;
        Spec::checked(loaded, text, settings)
    }

    fn checked(loaded: Loaded, text: &str, settings: &Settings) -> Result<Spec, InputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let ir = loaded.ir(settings).map_err(|error| error.locate_in(text))?;
        Ok(Spec {
            json: Json::new(&loaded.document),
            ir,
            source_map: loaded.source_map,
        })
    }

    /// The generator's IR of the document: every type and operation the SDK has.
    pub fn ir(&self) -> &Ir {
        &self.ir
    }

    /// `info.title`.
    pub fn title(&self) -> &str {
        self.ir.title.as_str()
    }

    /// `info.version`.
    pub fn version(&self) -> &str {
        self.ir.version.as_str()
    }

    /// A pointer the diff found (into the 3.0 form the IR is built from) as a pointer into the
    /// document as written: the same for a 3.0 document, else where the node came from
    /// (`common.yaml#/…` for another file).
    pub(crate) fn as_written(&self, pointer: &str) -> String {
        if self.source_map.is_identity() {
            return pointer.to_owned();
        }
        let Some(rewritten) = Pointer::from_ref(&format!("#{pointer}")) else {
            return pointer.to_owned();
        };
        let original = self.source_map.original(&rewritten).to_string();
        original
            .strip_prefix('#')
            .map_or(original.clone(), str::to_owned)
    }
}
