//! Stage 1, load: bytes (YAML or JSON) → `openapiv3::OpenAPI`, with errors that name the place.

use openapiv3::OpenAPI;
use serde::Deserialize;

use crate::diagnostics::{Pointer, SpecError};

/// Parses an OpenAPI 3.0 document from YAML or JSON text.
pub fn load_str(text: &str) -> Result<OpenAPI, SpecError> {
    if let Some(document) = load_yaml_in_parts(text) {
        return Ok(document);
    }
    let mut value = parse_tree(text)?;
    check_depth(&value)?;
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

/// serde stops at the map holding a bad entry when the entries are untagged enums
/// (`ReferenceOr`); decode each entry as its concrete type to find the entry and the field.
fn deepen(document: &serde_json::Value, pointer: Pointer, message: String) -> (Pointer, String) {
    fn first_error<T: serde::de::DeserializeOwned>(
        map: &serde_json::Map<String, serde_json::Value>,
        at: &Pointer,
    ) -> Option<(Pointer, String)> {
        map.iter().find_map(|(key, entry)| {
            if entry.get("$ref").is_some() {
                return None;
            }
            serde_path_to_error::deserialize::<_, T>(entry)
                .err()
                .map(|error| {
                    let inner = pointer_of(error.path());
                    let pointer = Pointer::from_ref(&format!(
                        "#{}/{}{}",
                        at.as_str(),
                        escape(key),
                        inner.as_str()
                    ))
                    .unwrap_or_else(|| at.join(key));
                    (pointer, error.into_inner().to_string())
                })
        })
    }
    let Some(map) = document
        .pointer(pointer.as_str())
        .and_then(|value| value.as_object())
    else {
        return (pointer, message);
    };
    let found = match pointer.as_str() {
        "/paths" => first_error::<openapiv3::PathItem>(map, &pointer),
        "/components/schemas" => first_error::<openapiv3::Schema>(map, &pointer),
        "/components/parameters" => first_error::<openapiv3::Parameter>(map, &pointer),
        "/components/responses" => first_error::<openapiv3::Response>(map, &pointer),
        "/components/requestBodies" => first_error::<openapiv3::RequestBody>(map, &pointer),
        _ => None,
    };
    found.unwrap_or((pointer, message))
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Reads and parses an OpenAPI document from a file.
pub fn load_path(path: &std::path::Path) -> Result<OpenAPI, SpecError> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        SpecError::new(
            &Pointer::root(),
            format!("cannot read {}: {error}", path.display()),
        )
    })?;
    load_str(&text)
}

/// The document as a JSON tree; JSON is tried first as it is a strict, fast subset of YAML.
fn parse_tree(text: &str) -> Result<serde_json::Value, SpecError> {
    let json = text
        .trim_start()
        .starts_with('{')
        .then(|| serde_json::from_str(text).ok())
        .flatten();
    let value = match json {
        Some(value) => value,
        None => serde_yaml::from_str(text).map_err(|error| {
            SpecError::new(&Pointer::root(), format!("not valid YAML or JSON: {error}"))
        })?,
    };
    check_version(&value)?;
    Ok(value)
}

/// Refuses anything but an object declaring OpenAPI 3.0.x.
fn check_version(value: &serde_json::Value) -> Result<(), SpecError> {
    if !value.is_object() {
        return Err(SpecError::new(
            &Pointer::root(),
            "the document is not an object (expected an OpenAPI 3.0 document)",
        ));
    }
    match value.get("openapi").and_then(serde_json::Value::as_str) {
        Some(version) if version.starts_with("3.0") => Ok(()),
        Some(version) => Err(SpecError::new(
            &Pointer::root().join("openapi"),
            format!("OpenAPI version {version} is not supported (expected 3.0.x)"),
        )),
        None => Err(SpecError::new(
            &Pointer::root().join("openapi"),
            "missing `openapi` version field (expected 3.0.x)",
        )),
    }
}

/// A large YAML document loaded in two parts at once: its `components` (most of a typical
/// document) parsed, checked and decoded on a second thread while this one does the rest and,
/// to even out the work, the first of the component schemas. `None` when the text does not
/// split cleanly or a part does not load alone (an alias to an anchor in the other part, say);
/// then the whole text is loaded, which also finds and names any error.
fn load_yaml_in_parts(text: &str) -> Option<OpenAPI> {
    /// Below this size a second thread costs more than it saves.
    const MIN_BYTES: usize = 16 << 10;
    if text.len() < MIN_BYTES || text.trim_start().starts_with('{') {
        return None;
    }
    let entries = block_entries(text, 0)?;
    let (components, rest): (Vec<&str>, Vec<&str>) = entries
        .into_iter()
        .partition(|entry| entry.starts_with("components:"));
    let [components] = components[..] else {
        return None;
    };
    let rest_bytes: usize = rest.iter().map(|entry| entry.len()).sum();
    let (first_schemas, components) =
        match leading_schemas(components, (text.len() / 2).saturating_sub(rest_bytes)) {
            Some(schemas) => (schemas, cut_out(components, schemas)),
            None => ("", components.to_string()),
        };
    let (document, components) = beside(
        || {
            let tree = serde_json::Value::Object(parse_entries(&rest)?);
            check_version(&tree).ok()?;
            too_deep(&tree, 1).is_none().then_some(())?;
            let document = OpenAPI::deserialize(&tree).ok()?;
            if first_schemas.is_empty() {
                return Some((document, Default::default()));
            }
            let schemas = serde_json::Value::Object(serde_yaml::from_str(first_schemas).ok()?);
            too_deep(&schemas, 3).is_none().then_some(())?;
            let schemas = indexmap::IndexMap::deserialize(&schemas).ok()?;
            Some((document, schemas))
        },
        || {
            let tree = parse_entries(&[&components])?.remove("components")?;
            too_deep(&tree, 2).is_none().then_some(())?;
            openapiv3::Components::deserialize(&tree).ok()
        },
    );
    let (mut document, mut schemas) = document?;
    let mut components = components??;
    for (name, schema) in std::mem::take(&mut components.schemas) {
        // A name given in both parts is left to the whole load.
        if schemas.insert(name, schema).is_some() {
            return None;
        }
    }
    components.schemas = schemas;
    document.components = Some(components);
    Some(document)
}

/// The text of the first entries of `components.schemas`, about `bytes` long; `None` when
/// there are no schemas to take, or they are not a plain block mapping.
fn leading_schemas(components: &str, bytes: usize) -> Option<&str> {
    if bytes == 0 {
        return None;
    }
    let (_, body) = split_key_line(components)?;
    let schemas = block_entries(body, indentation(body)?)?
        .into_iter()
        .find_map(|entry| match split_key_line(entry)? {
            ("schemas:", schemas) => Some(schemas),
            _ => None,
        })?;
    let entries = block_entries(schemas, indentation(schemas)?)?;
    // The entries cover the text in order. At least one schema stays on each side, so that
    // neither part is left with `schemas:` alone.
    let mut end = 0;
    for entry in &entries[..entries.len() - 1] {
        if end >= bytes {
            break;
        }
        end += entry.len();
    }
    (end > 0).then(|| &schemas[..end])
}

/// An entry's key line (its first line holding more than a comment), trimmed, and the text
/// after it.
fn split_key_line(entry: &str) -> Option<(&str, &str)> {
    let mut offset = 0;
    for line in entry.split_inclusive('\n') {
        offset += line.len();
        let content = line.trim();
        if !content.is_empty() && !content.starts_with('#') {
            return Some((content, &entry[offset..]));
        }
    }
    None
}

/// `text` without `part`, a slice of it.
fn cut_out(text: &str, part: &str) -> String {
    let start = offset_in(text, part);
    [&text[..start], &text[start + part.len()..]].concat()
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// The indentation of the first line of `text` holding more than a comment.
fn indentation(text: &str) -> Option<usize> {
    text.lines()
        .map(|line| (line, line.trim_start_matches(' ')))
        .find(|(_, content)| !content.is_empty() && !content.starts_with('#'))
        .map(|(line, content)| line.len() - content.len())
}

/// The entries of a block mapping, each parsed alone; `None` when one does not parse to a
/// single entry, or a key is given twice (left to the whole parse).
fn parse_entries(entries: &[&str]) -> Option<serde_json::Map<String, serde_json::Value>> {
    let mut map = serde_json::Map::with_capacity(entries.len());
    for entry in entries {
        let parsed: serde_json::Map<String, serde_json::Value> =
            serde_yaml::from_str(entry).ok()?;
        let mut parsed = parsed.into_iter();
        let (Some((key, value)), None) = (parsed.next(), parsed.next()) else {
            return None;
        };
        if map.insert(key, value).is_some() {
            return None;
        }
    }
    Some(map)
}

/// The text of each entry of a block mapping whose keys stand `indent` spaces in (comments,
/// blank lines, deeper lines and sequence items at that column go with the entry before
/// them); `None` when a line at that column is anything else but a plain key (a document
/// marker, a directive, a quoted or complex key), or a line stands further out.
///
/// A plain key at the mapping's column cannot belong to a block scalar or a multi-line plain
/// scalar of the entry before it, and a quoted scalar cut there leaves a part that does not
/// parse.
fn block_entries(text: &str, indent: usize) -> Option<Vec<&str>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let column = line.len() - content.len();
        // An entry's block sequence may start at the mapping's column too (`servers:` then
        // `- url: …`).
        let sequence_item = content.starts_with("- ") || content.trim_end() == "-";
        match content.bytes().next() {
            // Blank lines, comments, and lines a tab starts (which only a scalar can hold).
            None | Some(b'\r' | b'\n' | b'#' | b'\t') => {}
            Some(_) if column > indent => {}
            Some(_) if column < indent => return None,
            Some(_) if sequence_item && !starts.is_empty() => {}
            Some(first) => {
                let plain_key = first.is_ascii_alphanumeric() || matches!(first, b'_' | b'$');
                if !plain_key {
                    return None;
                }
                starts.push(offset);
            }
        }
        offset += line.len();
    }
    *starts.first_mut()? = 0;
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    Some(
        starts
            .iter()
            .zip(ends)
            .map(|(&start, end)| &text[start..end])
            .collect(),
    )
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

fn pointer_of(path: &serde_path_to_error::Path) -> Pointer {
    use serde_path_to_error::Segment;
    path.iter()
        .fold(Pointer::root(), |pointer, segment| match segment {
            Segment::Seq { index } => pointer.join(index.to_string()),
            Segment::Map { key } => pointer.join(key),
            Segment::Enum { variant } => pointer.join(variant),
            Segment::Unknown => pointer,
        })
}

/// Turns serde's message for an untagged enum (`ReferenceOr`) into one a person can act on.
fn explain(document: &serde_json::Value, pointer: &Pointer, message: String) -> String {
    let target = document.pointer(pointer.as_str());
    if !message.contains("did not match any variant") {
        let problem = target
            .and_then(|value| value.as_object())
            .and_then(|object| {
                object
                    .iter()
                    .find_map(|(key, value)| numeric_problem(key, value))
            });
        return match problem {
            Some(problem) => format!("{message} ({problem})"),
            None => message,
        };
    }
    match target.and_then(|value| value.as_object()) {
        Some(object) if object.contains_key("$ref") => {
            "a `$ref` object must hold only a string `$ref`".to_string()
        }
        Some(object) => {
            let detail = object
                .iter()
                .find_map(|(key, value)| numeric_problem(key, value))
                .unwrap_or_else(|| "its fields do not have the types OpenAPI 3.0 requires".into());
            format!("not a valid schema, parameter, response or reference: {detail}")
        }
        None => "expected an object (a schema, parameter, response or reference)".to_string(),
    }
}

fn numeric_problem(key: &str, value: &serde_json::Value) -> Option<String> {
    const INTEGER_KEYWORDS: &[&str] = &[
        "minimum",
        "maximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    ];
    let number = value.as_number()?;
    (INTEGER_KEYWORDS.contains(&key) && (number.as_i64().is_none() || number.as_u64().is_none()))
        .then(|| format!("`{key}` = {number} is out of the range this keyword allows"))
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
    fn an_out_of_range_keyword_names_the_schema_and_the_keyword() {
        let error = load_str(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Big: {type: string, maxLength: -1}\n",
        )
        .unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/components/schemas/Big");
        assert!(error.message.contains("maxLength"), "{error}");
    }

    /// Big enough to be loaded in parts.
    fn padded(text: &str) -> String {
        format!("{text}\nx-padding: '{}'\n", "p".repeat(20_000))
    }

    /// The whole text parsed and decoded on one thread, as the fallback does.
    fn loaded_whole(text: &str) -> OpenAPI {
        let mut tree = parse_tree(text).expect("parses");
        decode(&mut tree).expect("decodes")
    }

    #[test]
    fn loading_in_parts_gives_the_document_of_the_whole_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut specs = vec![root.join("spec/xcover-2.152.1.yaml")];
        for public in ["openai__openapi.yaml", "XeroAPI__xero_accounting.yaml"] {
            let path = root.join("../shared/specs").join(public);
            if path.exists() {
                specs.push(path);
            }
        }
        for spec in specs {
            let text = std::fs::read_to_string(&spec).expect("readable");
            let parts = load_yaml_in_parts(&text);
            assert!(parts.is_some(), "{} was not split", spec.display());
            assert!(
                parts == Some(loaded_whole(&text)),
                "{} differs",
                spec.display()
            );
        }
    }

    #[test]
    fn text_that_does_not_split_cleanly_is_loaded_whole() {
        let head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}";
        // An alias to an anchor in the other part.
        let alias = padded(&format!(
            "{head}\nx-anchor: &schemas {{A: {{type: string}}}}\ncomponents:\n  schemas: *schemas"
        ));
        assert_eq!(load_yaml_in_parts(&alias), None);
        let document = load_str(&alias).expect("loads");
        assert!(document
            .components
            .expect("has components")
            .schemas
            .contains_key("A"));
        // A quoted scalar running on at column 0.
        let quoted = padded(&format!(
            "{head}\ncomponents: {{}}\nx-note: \"a\nx-more: b\""
        ));
        assert!(load_str(&quoted).is_ok());
        assert_eq!(load_yaml_in_parts(&quoted), None);
        // A key given twice, in one part or across both: what the whole parse makes of it.
        let twice = padded(&format!("{head}\npaths: {{}}\ncomponents: {{}}"));
        assert_eq!(load_yaml_in_parts(&twice), None);
        let twice = padded(&format!("{head}\ncomponents: {{}}\ncomponents: {{}}"));
        assert_eq!(load_yaml_in_parts(&twice), None);
        // A document marker.
        let marked = padded(&format!("---\n{head}\ncomponents: {{}}"));
        assert_eq!(load_yaml_in_parts(&marked), None);
        assert!(load_str(&marked).is_ok());
        // An error in either part is found by the whole load, with its place.
        let wrong = padded(&format!(
            "{head}\ncomponents:\n  schemas:\n    Big: {{type: string, maxLength: -1}}"
        ));
        assert_eq!(load_yaml_in_parts(&wrong), None);
        let error = load_str(&wrong).unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/components/schemas/Big");
    }

    #[test]
    fn the_first_schemas_are_whole_entries_with_one_left_for_the_other_part() {
        let components = "components:\n  schemas:\n    # first\n    A:\n      type: string\n    B:\n      type: string\n    C: {type: string}\n  responses: {}\n";
        assert_eq!(
            leading_schemas(components, 1),
            Some("    # first\n    A:\n      type: string\n")
        );
        assert_eq!(
            leading_schemas(components, 10_000),
            Some("    # first\n    A:\n      type: string\n    B:\n      type: string\n")
        );
        assert_eq!(leading_schemas(components, 0), None);
        let one = "components:\n  schemas:\n    A: {type: string}\n";
        assert_eq!(leading_schemas(one, 10_000), None);
        let flow = "components:\n  schemas: {A: {type: string}, B: {type: string}}\n";
        assert_eq!(leading_schemas(flow, 10_000), None);
        // What is left is still YAML, holding the other schemas and the other components.
        let left = cut_out(components, leading_schemas(components, 1).expect("taken"));
        assert_eq!(
            left,
            "components:\n  schemas:\n    B:\n      type: string\n    C: {type: string}\n  responses: {}\n"
        );
    }

    #[test]
    fn a_schema_named_in_both_parts_is_left_to_the_whole_load() {
        let schemas: String = (0..800)
            .map(|index| format!("    S{index}:\n      type: string\n"))
            .collect();
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}    S0:\n      type: integer\n"
        );
        assert!(text.len() > 16 << 10);
        assert_eq!(load_yaml_in_parts(&text), None);
        let without_repeat = text.replace("    S0:\n      type: integer\n", "");
        assert!(load_yaml_in_parts(&without_repeat).is_some());
    }

    #[test]
    fn a_large_document_in_parts_gets_the_version_check() {
        let error = load_str(&padded(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {}",
        ))
        .unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/openapi");
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
            r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
        )
        .unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/openapi");
        assert!(error.message.contains("3.1.0"), "{error}");
        let error =
            load_str(r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#)
                .unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/openapi");
    }
}
