//! Stage 1, load: bytes (YAML or JSON) → `openapiv3::OpenAPI`, with errors that name the place.
//!
//! One job a file: `tree` parses the text into a JSON tree, refusing a key given twice and an
//! integer beyond 64 bits; `in_parts` does that and the decoding for a large YAML document in
//! two parts at once; `errors` and `keywords` find the bad node of a tree that does not decode;
//! `locate` finds a node's line and column in the text; `bundle` brings in what the document
//! refers to in other files. Only the first two run when a document in one file is good.

mod bundle;
mod errors;
mod in_parts;
mod keywords;
mod locate;
mod normalize;
mod tree;

use openapiv3::OpenAPI;
use serde::Deserialize;

use crate::diagnostics::{Fallback, Location, Pointer, SpecError};
use errors::{deepen, explain, pointer_of};
use in_parts::load_yaml_in_parts;
pub(crate) use locate::locate;
pub use normalize::SourceMap;
use normalize::Version;

/// A loaded document: the OpenAPI 3.0 model every later stage reads, where its nodes were in
/// the text (for a 3.1 or 3.2 document, which is rewritten into 3.0 first), and what the
/// rewriting could not keep.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The document, in the OpenAPI 3.0 model.
    pub document: OpenAPI,
    /// From a pointer into `document` to the place in the original text's document; the
    /// identity for a 3.0 document.
    pub source_map: SourceMap,
    /// Each lossy step of the rewriting, at its pointer in the original document.
    pub notes: Vec<Fallback>,
    /// The texts of the other files the document refers to, to locate errors in them.
    files: bundle::Files,
}

impl Loaded {
    /// Generates the SDK (as [`crate::generate`]) with every error and fallback pointing into
    /// the original document; the rewriting's notes are among the fallbacks. An error in the
    /// document's own file is not yet located in its text ([`SpecError::locate_in`] does
    /// that); one in another file of the document is.
    pub fn generate(&self, settings: &crate::Settings) -> Result<crate::Generated, SpecError> {
        let mut generated =
            crate::generate(&self.document, settings).map_err(|error| self.in_original(error))?;
        if self.source_map.is_identity() && self.notes.is_empty() {
            return Ok(generated);
        }
        let fallbacks = &mut generated.summary.fallbacks;
        for fallback in fallbacks.iter_mut() {
            fallback.pointer = self.source_map.original(&fallback.pointer);
        }
        fallbacks.extend(self.notes.iter().cloned());
        fallbacks.sort();
        fallbacks.dedup();
        Ok(generated)
    }

    /// The IR [`Loaded::generate`] emits, refused for the same reasons with the same errors:
    /// what `diff` compares.
    pub fn ir(&self, settings: &crate::Settings) -> Result<crate::ir::Ir, SpecError> {
        crate::ir::build(&self.document, settings).map_err(|error| self.in_original(error))
    }

    /// An error of a later stage, pointing into the original document.
    fn in_original(&self, error: SpecError) -> SpecError {
        self.files.locate(SpecError {
            pointer: self.source_map.original(&error.pointer),
            ..error
        })
    }
}

/// Parses an OpenAPI 3.0, 3.1 or 3.2 document from YAML or JSON text, as [`load_str`] does,
/// keeping where each node of a rewritten 3.1 or 3.2 document came from. A reference to
/// another file is an error: [`load_document_at`] follows them.
pub fn load_document(text: &str) -> Result<Loaded, SpecError> {
    load_located(text, None)
}

/// [`load_document`] for the text of the file at `path`: a `$ref` to another file
/// (`common.yaml#/components/schemas/Pet`, `schemas/pet.json`) is read relative to the file
/// holding it and bundled in, and an error or fallback there names that file
/// (`common.yaml#/components/schemas/Pet/properties/id`), with its line and column.
pub fn load_document_at(text: &str, path: &std::path::Path) -> Result<Loaded, SpecError> {
    load_located(
        text,
        Some(path.parent().unwrap_or(std::path::Path::new(""))),
    )
}

fn load_located(text: &str, dir: Option<&std::path::Path>) -> Result<Loaded, SpecError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_text(text, dir).map_err(|error| error.locate_in(text))
}

/// Parses an OpenAPI 3.0 document from YAML or JSON text (a leading byte order mark is
/// ignored). An error names the bad node with a JSON pointer, and its line and column.
///
/// A key given twice in one mapping is an error, and so is an integer beyond 64 bits in YAML.
///
/// A 3.1 or 3.2 document is rewritten into 3.0 first; [`load_document`] keeps the source map
/// and the notes of that rewriting, which this drops.
pub fn load_str(text: &str) -> Result<OpenAPI, SpecError> {
    load_document(text).map(|loaded| loaded.document)
}

fn load_text(text: &str, dir: Option<&std::path::Path>) -> Result<Loaded, SpecError> {
    let plain = |document| Loaded {
        document,
        source_map: SourceMap::default(),
        notes: Vec::new(),
        files: bundle::Files::default(),
    };
    let refers_out = bundle::may_refer_out(text);
    if !refers_out {
        if let Some(document) = load_yaml_in_parts(text) {
            return Ok(plain(document));
        }
        if let Some(loaded) = in_parts::load_31_in_parts(text) {
            return Ok(loaded);
        }
    }
    // A large 3.1 document is parsed in two parts at once, as a 3.0 one is.
    let parts =
        in_parts::parse_yaml_in_parts(text).and_then(|value| {
            match normalize::version::of(&value) {
                Ok(version) if version != Version::V30 => Some((value, version)),
                _ => None,
            }
        });
    let (mut value, version, approximated) = match parts {
        Some((value, version)) => (value, version, Vec::new()),
        None => parse_tree(text)?,
    };
    check_depth(&value)?;
    if !refers_out {
        if version == Version::V30 {
            return decode_tree(value).map(plain);
        }
        let mut loaded = rewrite(value, version, text, SourceMap::default())?;
        loaded.notes.extend(approximation_notes(approximated));
        loaded.notes.sort();
        return Ok(loaded);
    }
    let bundled = bundle::bundle(&mut value, dir)?;
    let files = bundled.files;
    match rewrite(value, version, text, bundled.map) {
        Ok(mut loaded) => {
            loaded.notes.extend(approximation_notes(approximated));
            loaded.notes.sort();
            Ok(Loaded { files, ..loaded })
        }
        Err(error) => Err(files.locate(error)),
    }
}

/// A checked tree (a 3.1 or 3.2 one rewritten into 3.0) → the loaded document; `map` says
/// where the nodes bundled from other files came from, and an error is mapped through it.
fn rewrite(
    mut value: serde_json::Value,
    version: Version,
    text: &str,
    map: SourceMap,
) -> Result<Loaded, SpecError> {
    let (map, notes) = if version == Version::V30 {
        (map, Vec::new())
    } else {
        let normalized = normalize::normalize(&mut value, text, map)?;
        (normalized.map, normalized.notes)
    };
    let located = |error: SpecError| SpecError {
        pointer: map.original(&error.pointer),
        ..error
    };
    if version != Version::V30 {
        check_depth(&value).map_err(located)?;
        check_webhooks(&value).map_err(located)?;
    }
    let document = decode_tree(value).map_err(located)?;
    Ok(Loaded {
        document,
        source_map: map,
        notes,
        files: bundle::Files::default(),
    })
}

/// Decodes each webhook (an `x-webhooks` path item, which the 3.0 model keeps as raw JSON) as
/// a path item of a document of its own, so that an error in it names its bad node, as one in
/// `paths` does.
fn check_webhooks(document: &serde_json::Value) -> Result<(), SpecError> {
    let Some(webhooks) = document
        .get("x-webhooks")
        .and_then(serde_json::Value::as_object)
    else {
        return Ok(());
    };
    for (event, item) in webhooks {
        if openapiv3::PathItem::deserialize(item).is_ok() {
            continue;
        }
        let alone = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "", "version": ""},
            "paths": {"/": item},
        });
        if let Err(error) = decode_tree(alone) {
            let inside = error
                .pointer
                .as_str()
                .strip_prefix("/paths/~1")
                .unwrap_or("");
            let pointer = Pointer::root().join("x-webhooks").join(event);
            let pointer =
                Pointer::from_ref(&format!("#{}{inside}", pointer.as_str())).unwrap_or(pointer);
            return Err(SpecError::new(&pointer, error.message));
        }
    }
    Ok(())
}

/// A checked tree → the OpenAPI 3.0 model, or an error at the bad node.
fn decode_tree(mut value: serde_json::Value) -> Result<OpenAPI, SpecError> {
    check_response_keys(&value)?;
    // The common case pays for neither a copy of the tree nor path tracking; an error is
    // decoded again, tracking the path, to say where it is.
    if let Some(document) = decode(&mut value) {
        return Ok(document);
    }
    serde_path_to_error::deserialize::<_, OpenAPI>(&value).map_err(|error| {
        let pointer = pointer_of(error.path());
        let message = error.into_inner().to_string();
        let (pointer, message) = deepen(&value, pointer, message);
        let message = explain(&value, &pointer, message);
        SpecError::new(&pointer, message)
    })
}

/// Decodes the document, its `components` (often most of it) on a second thread; `None`, with
/// the tree as it was, when it does not decode.
fn decode(value: &mut serde_json::Value) -> Option<OpenAPI> {
    let map = value.as_object_mut()?;
    let place = map.keys().position(|key| key == "components");
    let components = map.shift_remove("components");
    let (document, decoded_components) = decode_apart(value, components.as_ref());
    match (document, decoded_components) {
        (Ok(mut document), Ok(decoded_components)) => {
            document.components = decoded_components;
            Some(document)
        }
        _ => {
            // Back in its place, so that errors are looked for in the document's order.
            if let (Some(place), Some(components), Some(map)) =
                (place, components, value.as_object_mut())
            {
                map.shift_insert(place, "components".to_string(), components);
            }
            None
        }
    }
}

/// The document without its components, and its components, decoded side by side.
fn decode_apart(
    document: &serde_json::Value,
    components: Option<&serde_json::Value>,
) -> (
    Result<OpenAPI, serde_json::Error>,
    Result<Option<openapiv3::Components>, serde_json::Error>,
) {
    let (document, components) = beside(
        || OpenAPI::deserialize(document),
        || {
            components
                .map(openapiv3::Components::deserialize)
                .transpose()
        },
    );
    let components = components.unwrap_or_else(|| {
        Err(serde::de::Error::custom(
            "no thread to decode the components on",
        ))
    });
    (document, components)
}

/// `here` on this thread and `there` on a second one, at the same time; `there` gives `None`
/// when no thread could be had or it panicked.
fn beside<A, B: Send>(
    here: impl FnOnce() -> A,
    there: impl FnOnce() -> B + Send,
) -> (A, Option<B>) {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("xcover-codegen-load".to_string())
            .stack_size(LOAD_STACK_BYTES)
            .spawn_scoped(scope, there);
        let here = here();
        (here, thread.ok().and_then(|thread| thread.join().ok()))
    })
}

/// The stack of a loading thread: parsing and decoding recurse about a dozen frames for each
/// of up to [`MAX_DEPTH`] levels, the most in an unoptimised build.
const LOAD_STACK_BYTES: usize = 16 << 20;

/// Reads and parses an OpenAPI document from a file, following its references to other files
/// (as [`load_document_at`]).
pub fn load_path(path: &std::path::Path) -> Result<OpenAPI, SpecError> {
    load_document_at(&read_path(path)?, path).map(|loaded| loaded.document)
}

/// Reads a document's text, for [`load_str`]; a caller that keeps the text can locate the
/// errors of later stages in it ([`SpecError::locate_in`]).
pub fn read_path(path: &std::path::Path) -> Result<String, SpecError> {
    std::fs::read_to_string(path).map_err(|error| {
        SpecError::new(
            &Pointer::root(),
            format!("cannot read {}: {error}", path.display()),
        )
    })
}

/// The document as a JSON tree, and its version.
/// The tree and its version, and where integers beyond 64 bits were read as the nearest float:
/// in a 3.1 or 3.2 document, a bound, `multipleOf` or data may hold one; anywhere else, and in
/// a 3.0 document, one is a located error.
fn parse_tree(text: &str) -> Result<(serde_json::Value, Version, Vec<Pointer>), SpecError> {
    let error = match parse_value(text) {
        Ok(value) => {
            let version = normalize::version::of(&value)?;
            return Ok((value, version, Vec::new()));
        }
        Err(error) => error,
    };
    let lenient = tree::Tracked::lenient();
    let Ok(value) = tree::from_yaml(text, &lenient) else {
        return Err(error);
    };
    match normalize::version::of(&value)? {
        Version::V30 => Err(error),
        version => Ok((value, version, lenient.approximated.into_inner())),
    }
}

/// The notes of integers read as the nearest float.
fn approximation_notes(approximated: Vec<Pointer>) -> impl Iterator<Item = Fallback> {
    approximated.into_iter().map(|pointer| Fallback {
        pointer,
        message: "an integer beyond 64 bits: read as the nearest floating-point number".into(),
    })
}

/// Text as a JSON tree; JSON is tried first as it is a strict, fast subset of YAML.
fn parse_value(text: &str) -> Result<serde_json::Value, SpecError> {
    let json = text
        .trim_start()
        .starts_with('{')
        .then(|| tree::from_json(text, ()).ok())
        .flatten();
    match json {
        Some(value) => Ok(value),
        None => tree::from_yaml(text, ()).map_err(|error| parse_error(text, error)),
    }
}

/// The error of text that does not parse: a node the tree refuses (found by parsing again,
/// following the path), or the parser's own error with its place.
fn parse_error(text: &str, error: serde_yaml::Error) -> SpecError {
    let tracked = tree::Tracked::default();
    // The same text fails the same way; this time the path is followed.
    let _ = tree::from_yaml(text, &tracked);
    if let Some(refusal) = tracked.refusal.into_inner() {
        let mut spec_error = SpecError::new(&refusal.pointer, refusal.message);
        if refusal.repeated_key {
            spec_error.location = locate::locate_repeated_key(text, &refusal.pointer);
        }
        return spec_error;
    }
    let mut message = error.to_string();
    let location = error.location().map(|location| Location {
        line: location.line(),
        column: location.column(),
    });
    if let Some(location) = location {
        // The place is given apart from the message.
        let place = format!(" at line {} column {}", location.line, location.column);
        message = message.replacen(&place, "", 1);
    }
    let mut spec_error = SpecError::new(
        &Pointer::root(),
        format!("not valid YAML or JSON: {message}"),
    );
    spec_error.location = location;
    spec_error
}

/// Refuses anything but an object declaring OpenAPI 3.0.x: the fast path of a large 3.0
/// document takes no other.
fn check_version(value: &serde_json::Value) -> Result<(), SpecError> {
    match normalize::version::of(value)? {
        Version::V30 => Ok(()),
        _ => Err(SpecError::new(
            &Pointer::root().join("openapi"),
            "not OpenAPI 3.0.x: loaded whole, and rewritten",
        )),
    }
}

/// Refuses a response key that is not an HTTP status: openapiv3 drops it without a word, and
/// the operation could then never answer with it.
fn check_response_keys(document: &serde_json::Value) -> Result<(), SpecError> {
    const METHODS: &[&str] = &[
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let Some(paths) = document.get("paths").and_then(serde_json::Value::as_object) else {
        return Ok(());
    };
    for (path, item) in paths {
        for method in METHODS {
            let responses = item
                .get(method)
                .and_then(|operation| operation.get("responses"))
                .and_then(serde_json::Value::as_object);
            let Some(bad) = responses.and_then(|map| map.keys().find(|key| !is_response_key(key)))
            else {
                continue;
            };
            return Err(SpecError::new(
                &Pointer::root()
                    .join("paths")
                    .join(path)
                    .join(method)
                    .join("responses")
                    .join(bad),
                format!("`{bad}` is not an HTTP status (100 to 599, 1XX to 5XX, or `default`)"),
            ));
        }
    }
    Ok(())
}

/// `default`, a status code, a status class (`4XX`) or an extension (`x-…`).
fn is_response_key(key: &str) -> bool {
    let status = matches!(
        key.as_bytes(),
        [b'1'..=b'5', b'0'..=b'9', b'0'..=b'9'] | [b'1'..=b'5', b'X', b'X']
    );
    status || key == "default" || key.starts_with("x-")
}

/// How deeply a document may nest. Real specs stay within 20 levels; decoding an
/// `openapiv3::OpenAPI` recurses about a dozen frames per level, so a bound keeps the stack of
/// any caller (a test thread has 2 MiB) safe.
pub const MAX_DEPTH: usize = 64;

/// Refuses a document nested deeper than [`MAX_DEPTH`], naming the first place that is.
fn check_depth(document: &serde_json::Value) -> Result<(), SpecError> {
    match too_deep(document, 1) {
        None => Ok(()),
        Some(path) => Err(SpecError::new(
            &path
                .iter()
                .rev()
                .fold(Pointer::root(), |pointer, token| pointer.join(token)),
            format!("the document nests more than {MAX_DEPTH} levels deep here"),
        )),
    }
}

/// The reference tokens, innermost first, of the first value deeper than [`MAX_DEPTH`] in
/// `value`, which is `depth` levels deep.
fn too_deep(value: &serde_json::Value, depth: usize) -> Option<Vec<String>> {
    if depth > MAX_DEPTH {
        return Some(Vec::new());
    }
    let found = match value {
        serde_json::Value::Object(map) => map
            .iter()
            .find_map(|(key, child)| too_deep(child, depth + 1).map(|path| (path, key.clone()))),
        serde_json::Value::Array(items) => items.iter().enumerate().find_map(|(index, child)| {
            too_deep(child, depth + 1).map(|path| (path, index.to_string()))
        }),
        _ => None,
    };
    found.map(|(mut path, token)| {
        path.push(token);
        path
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_yaml_is_an_error_not_a_panic() {
        let error = load_str("openapi: [unclosed").unwrap_err();
        assert!(error.message.contains("not valid YAML"), "{error}");
    }

    #[test]
    fn a_wrong_type_is_reported_with_its_pointer() {
        let error = load_str(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n",
        )
        .unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/paths/~1a/get/responses");
    }

    #[test]
    fn an_out_of_range_keyword_is_named_with_its_place() {
        let error = load_str(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Big: {type: string, maxLength: -1}\n",
        )
        .unwrap_err();
        assert_eq!(
            error.pointer.to_string(),
            "#/components/schemas/Big/maxLength"
        );
        assert_eq!(
            error.location,
            Some(Location {
                line: 6,
                column: 36
            })
        );
        assert!(error.message.contains("maxLength"), "{error}");
    }

    #[test]
    fn swagger_2_is_refused_clearly() {
        let error =
            load_str("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/openapi");
    }

    #[test]
    fn a_json_document_gets_the_same_version_check_as_yaml() {
        let error = load_str(
            r#"{"openapi": "3.3.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
        )
        .unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/openapi");
        assert!(error.message.contains("3.3.0"), "{error}");
        let error =
            load_str(r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#)
                .unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/openapi");
    }
}
