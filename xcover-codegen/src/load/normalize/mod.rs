//! OpenAPI 3.1 and 3.2 → the OpenAPI 3.0 model `openapiv3` reads, as a rewrite of the JSON
//! tree before it is decoded. Every later stage, and the diff, see a 3.0 document.
//!
//! One job a file: `version` says which documents are rewritten; `document` rewrites what is
//! not a schema (webhooks, path-item references, operations without responses, OpenAPI 3.2
//! constructs); `refs` resolves `$id`/`$anchor` references and hoists `$defs`; `schema`
//! rewrites the JSON Schema 2020-12 keywords; `numbers` loads integers beyond 64 bits where
//! they are harmless.
//!
//! Every node that moves is recorded in a [`SourceMap`], from its place in the rewritten
//! document to its place in the original, so that the errors and fallbacks of every stage
//! point into the document the user wrote. Every lossy step is a fallback (a note), made here
//! with its original pointer.

mod document;
pub(super) mod numbers;
mod refs;
mod schema;
pub(super) mod version;

use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostics::{Fallback, Pointer, SpecError};
pub(super) use refs::{is_data, looks_like_file, push_token, sanitize};
pub(super) use version::Version;

/// Where the nodes of a rewritten document were in the original one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// A rewritten pointer (as text, `/a/b`) → the original pointer of the node now there
    /// (perhaps into another file). A pointer below a moved node is mapped through its longest
    /// moved prefix.
    moved: HashMap<String, Pointer>,
}

impl SourceMap {
    /// The place in the original document of what `pointer` names in the rewritten one.
    pub fn original(&self, pointer: &Pointer) -> Pointer {
        if self.moved.is_empty() {
            return pointer.clone();
        }
        let text = pointer.as_str();
        let mut end = text.len();
        loop {
            if let Some(original) = self.moved.get(&text[..end]) {
                return original.extended(&text[end..]);
            }
            match text[..end].rfind('/') {
                Some(slash) => end = slash,
                None => return pointer.clone(),
            }
        }
    }

    /// Whether nothing moved (a 3.0 document, or a 3.1 one rewritten in place).
    pub fn is_identity(&self) -> bool {
        self.moved.is_empty()
    }

    /// Records that what was at `from` (a rewritten pointer, as the map stands) is now at `to`.
    fn record(&mut self, from: &Pointer, to: &Pointer) {
        let original = self.original(from);
        if original == *to {
            self.moved.remove(to.as_str());
        } else {
            self.moved.insert(to.as_str().to_string(), original);
        }
    }

    /// Records that the node at `at` (a rewritten pointer) came from `original`, in another
    /// file of the document.
    pub(in crate::load) fn bundled(&mut self, at: &str, original: Pointer) {
        self.moved.insert(at.to_string(), original);
    }
}

/// A pointer from its text (`/a/b`, the root `""`).
pub(crate) fn pointer_from(text: &str) -> Pointer {
    Pointer::from_ref(&format!("#{text}")).unwrap_or_default()
}

/// What the normalizer carries along: the source map and the notes made so far.
pub(super) struct Ctx<'t> {
    pub map: SourceMap,
    pub notes: Vec<Fallback>,
    /// The original text, to place a warning that needs a line and column.
    pub text: &'t str,
}

impl Ctx<'_> {
    /// A fallback at the original place of `at`.
    pub fn note(&mut self, at: &Pointer, message: impl Into<String>) {
        let pointer = self.map.original(at);
        self.notes.push(Fallback {
            pointer,
            message: message.into(),
        });
    }

    /// An error at the original place of `at`.
    pub fn error(&self, at: &Pointer, message: impl Into<String>) -> SpecError {
        SpecError::new(&self.map.original(at), message)
    }

    /// Records that the node at `from` is now at `to`.
    pub fn moved(&mut self, from: &Pointer, to: &Pointer) {
        self.map.record(from, to);
    }
}

/// What a normalized document brings besides its tree.
pub(super) struct Normalized {
    pub map: SourceMap,
    pub notes: Vec<Fallback>,
}

/// Rewrites a 3.1 or 3.2 document into OpenAPI 3.0, in place; `text` is its original text and
/// `map` says where the nodes bundled from other files came from.
pub(super) fn normalize(
    document: &mut Value,
    text: &str,
    map: SourceMap,
) -> Result<Normalized, SpecError> {
    let mut ctx = Ctx {
        map,
        notes: Vec::new(),
        text,
    };
    document::top_level(&mut ctx, document)?;
    refs::resolve(&mut ctx, document)?;
    document::walk(&mut ctx, document)?;
    let mut notes = ctx.notes;
    notes.sort();
    notes.dedup();
    Ok(Normalized {
        map: ctx.map,
        notes,
    })
}

/// Whether a document's text may hold what needs the whole document to rewrite (`$id`,
/// `$anchor` and `$defs` references, path-item references): such a document is not rewritten
/// in parts.
pub(super) fn needs_whole(text: &str) -> bool {
    [
        "$id",
        "$anchor",
        "$defs",
        "$dynamic",
        "pathItems",
        "$ref: /",
        "$ref: '/",
        "$ref: \"/",
    ]
    .iter()
    .any(|mark| text.contains(mark))
}

/// Rewrites the document without its `components`, for loading in parts; the text is the
/// whole document's.
pub(super) fn normalize_rest(rest: &mut Value, text: &str) -> Result<Normalized, SpecError> {
    let mut ctx = Ctx {
        map: SourceMap::default(),
        notes: Vec::new(),
        text,
    };
    document::top_level(&mut ctx, rest)?;
    document::walk(&mut ctx, rest)?;
    Ok(Normalized {
        map: ctx.map,
        notes: ctx.notes,
    })
}

/// Rewrites a document's `components` alone, for loading in parts.
pub(super) fn normalize_components(
    components: &mut Value,
    text: &str,
) -> Result<Normalized, SpecError> {
    let mut ctx = Ctx {
        map: SourceMap::default(),
        notes: Vec::new(),
        text,
    };
    document::security_schemes(&mut ctx, components);
    document::walk_components(&mut ctx, &document::PathItems::none(), components)?;
    Ok(Normalized {
        map: ctx.map,
        notes: ctx.notes,
    })
}

impl Normalized {
    /// The rewriting of a whole document from those of its two parts.
    pub(super) fn join(mut self, other: Normalized) -> Normalized {
        self.map.moved.extend(other.map.moved);
        self.notes.extend(other.notes);
        self.notes.sort();
        self.notes.dedup();
        self
    }
}

/// The keys of JSON Schema that hold one subschema.
pub(super) const ONE_SUBSCHEMA: &[&str] = &["items", "additionalProperties", "not"];
/// The keys of JSON Schema that hold a list of subschemas.
pub(super) const SUBSCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf"];
/// The keys of JSON Schema that hold a map of subschemas.
pub(super) const SUBSCHEMA_MAPS: &[&str] = &["properties"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_node_and_what_is_below_it_map_back() {
        let mut map = SourceMap::default();
        let root = Pointer::root();
        map.record(&root.join("webhooks"), &root.join("x-webhooks"));
        assert_eq!(
            map.original(&root.join("x-webhooks").join("a/b").join("post"))
                .to_string(),
            "#/webhooks/a~1b/post"
        );
        // A second move composes with the first.
        map.record(&root.join("x-webhooks").join("e"), &root.join("elsewhere"));
        assert_eq!(
            map.original(&root.join("elsewhere").join("post"))
                .to_string(),
            "#/webhooks/e/post"
        );
        assert_eq!(map.original(&root.join("paths")).to_string(), "#/paths");
    }
}
