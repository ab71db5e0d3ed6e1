//! A large YAML document loaded in two parts at once, on two threads.

use openapiv3::OpenAPI;
use serde::Deserialize;

use super::normalize::{self, Version};
use super::{beside, check_response_keys, check_version, too_deep, tree};

/// A large YAML document loaded in two parts at once: its `components` (most of a typical
/// document) parsed, checked and decoded on a second thread while this one does the rest and,
/// to even out the work, the first of the component schemas. `None` when the text does not
/// split cleanly or a part does not load alone (an alias to an anchor in the other part, say);
/// then the whole text is loaded, which also finds and names any error. A key given twice
/// inside a part fails that part's parse, as it fails the whole one.
pub(super) fn load_yaml_in_parts(text: &str) -> Option<OpenAPI> {
    if !large_yaml(text) || declares_other(text) {
        return None;
    }
    let split = split(text)?;
    let rest = &split.rest;
    let (first_schemas, components) = split.balanced(text);
    let (document, components) = beside(
        || {
            let tree = serde_json::Value::Object(parse_entries(rest)?);
            check_version(&tree).ok()?;
            too_deep(&tree, 1).is_none().then_some(())?;
            check_response_keys(&tree).ok()?;
            let document = OpenAPI::deserialize(&tree).ok()?;
            if first_schemas.is_empty() {
                return Some((document, Default::default()));
            }
            let schemas = tree::from_yaml(first_schemas, ()).ok()?;
            schemas.is_object().then_some(())?;
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

/// A large OpenAPI 3.1 or 3.2 YAML document loaded in two parts at once, as a 3.0 one is: its
/// `components` parsed, rewritten into 3.0 and decoded on a second thread while this one does
/// the same with the rest. `None` when the text does not split cleanly, the rewriting needs the
/// whole document (`$id`, `$defs`, path-item references), or anything fails: the whole load
/// then runs, and names any error.
pub(super) fn load_31_in_parts(text: &str) -> Option<super::Loaded> {
    if !large_yaml(text) || declares_30(text) || normalize::needs_whole(text) {
        return None;
    }
    let split = split(text)?;
    let rest = &split.rest;
    // As for 3.0: the first schemas go with the rest, to even out the work.
    let (first_schemas, components) = split.balanced(text);
    let (document, components) = beside(
        || {
            let mut tree = serde_json::Value::Object(parse_entries(rest)?);
            match normalize::version::of(&tree) {
                Ok(Version::V31 | Version::V32) => {}
                _ => return None,
            }
            too_deep(&tree, 1).is_none().then_some(())?;
            let normalized = normalize::normalize_rest(&mut tree, text).ok()?;
            too_deep(&tree, 1).is_none().then_some(())?;
            super::check_webhooks(&tree).ok()?;
            check_response_keys(&tree).ok()?;
            let document = OpenAPI::deserialize(&tree).ok()?;
            if first_schemas.is_empty() {
                return Some((document, normalized, Default::default()));
            }
            let schemas = tree::from_yaml(first_schemas, ()).ok()?;
            schemas.is_object().then_some(())?;
            too_deep(&schemas, 3).is_none().then_some(())?;
            let mut part = serde_json::json!({ "schemas": schemas });
            let schemas_normalized = normalize::normalize_components(&mut part, text).ok()?;
            too_deep(&part, 2).is_none().then_some(())?;
            let schemas = indexmap::IndexMap::deserialize(part.get("schemas")?).ok()?;
            Some((document, normalized.join(schemas_normalized), schemas))
        },
        || {
            let mut tree = parse_entries(&[&components])?.remove("components")?;
            too_deep(&tree, 2).is_none().then_some(())?;
            let normalized = normalize::normalize_components(&mut tree, text).ok()?;
            too_deep(&tree, 2).is_none().then_some(())?;
            Some((openapiv3::Components::deserialize(&tree).ok()?, normalized))
        },
    );
    let (mut document, normalized, mut schemas) = document?;
    let (mut components, components_normalized) = components??;
    for (name, schema) in std::mem::take(&mut components.schemas) {
        // A name given in both parts is left to the whole load.
        if schemas.insert(name, schema).is_some() {
            return None;
        }
    }
    components.schemas = schemas;
    document.components = Some(components);
    let normalized = normalized.join(components_normalized);
    Some(super::Loaded {
        document,
        source_map: normalized.map,
        notes: normalized.notes,
        files: Default::default(),
    })
}

/// The tree of a large YAML document that is not OpenAPI 3.0 (it is rewritten before it is
/// decoded, so it cannot be decoded in parts): its `components` parsed on a second thread
/// while this one parses the rest. `None` when the text does not split cleanly, a part does
/// not parse alone, or the document declares OpenAPI 3.0 (loaded by [`load_yaml_in_parts`]).
pub(super) fn parse_yaml_in_parts(text: &str) -> Option<serde_json::Value> {
    if !large_yaml(text) || declares_30(text) {
        return None;
    }
    let Split {
        components,
        place,
        rest,
    } = split(text)?;
    let (rest, components) = beside(|| parse_entries(&rest), || parse_entries(&[components]));
    let (mut map, mut components) = (rest?, components??);
    let components = components.remove("components")?;
    map.shift_insert(place.min(map.len()), "components".to_string(), components);
    Some(serde_json::Value::Object(map))
}

/// Whether a top-level `openapi:` line declares a version other than 3.0: such a document is
/// not parsed twice, here and then whole.
fn declares_other(text: &str) -> bool {
    text.lines()
        .find_map(|line| line.strip_prefix("openapi:"))
        .map(|version| version.trim().trim_matches(|c| c == '\'' || c == '"'))
        .is_some_and(|version| !version.starts_with("3.0"))
}

/// Whether a top-level `openapi:` line declares 3.0.
fn declares_30(text: &str) -> bool {
    text.lines()
        .find_map(|line| line.strip_prefix("openapi:"))
        .map(|version| version.trim().trim_matches(|c| c == '\'' || c == '"'))
        .is_some_and(|version| version.starts_with("3.0"))
}

/// Whether the text is YAML (not JSON) large enough that a second thread saves time.
fn large_yaml(text: &str) -> bool {
    /// Below this size a second thread costs more than it saves.
    const MIN_BYTES: usize = 16 << 10;
    text.len() >= MIN_BYTES && !text.trim_start().starts_with('{')
}

/// A document's top-level entries: its one `components` entry, where it stood among them, and
/// the others.
struct Split<'t> {
    components: &'t str,
    place: usize,
    rest: Vec<&'t str>,
}

/// The entries of a document with exactly one `components` entry.
fn split(text: &str) -> Option<Split<'_>> {
    let entries = block_entries(text, 0)?;
    let is_components =
        |entry: &str| split_key_line(entry).is_some_and(|(key, _)| key == "components:");
    let mut found = entries
        .iter()
        .enumerate()
        .filter(|(_, entry)| is_components(entry));
    let (Some((place, components)), None) = (found.next(), found.next()) else {
        return None;
    };
    let components = *components;
    let rest = entries
        .iter()
        .copied()
        .filter(|entry| !is_components(entry))
        .collect();
    Some(Split {
        components,
        place,
        rest,
    })
}

impl<'t> Split<'t> {
    /// The first component schemas, which go with the rest to even out the two parts, and
    /// the `components` entry without them.
    fn balanced(&self, text: &str) -> (&'t str, String) {
        let rest_bytes: usize = self.rest.iter().map(|entry| entry.len()).sum();
        match leading_schemas(self.components, (text.len() / 2).saturating_sub(rest_bytes)) {
            Some(schemas) => (schemas, cut_out(self.components, schemas)),
            None => ("", self.components.to_string()),
        }
    }
}

/// The text of the first entries of `components.schemas`, about `bytes` long; `None` when
/// there are no schemas to take, or they are not a plain block mapping.
fn leading_schemas(components: &str, bytes: usize) -> Option<&str> {
    if bytes == 0 {
        return None;
    }
    let (_, body) = split_key_line(components)?;
    let entries = block_entries(body, indentation(body)?)?;
    // One `schemas` entry: of two, the whole load keeps the last.
    let mut keyed_schemas = entries
        .iter()
        .filter(|entry| split_key_line(entry).is_some_and(|(key, _)| key.starts_with("schemas")));
    let (Some(entry), None) = (keyed_schemas.next(), keyed_schemas.next()) else {
        return None;
    };
    let ("schemas:", schemas) = split_key_line(entry)? else {
        return None;
    };
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
    let taken = schemas.get(..end).filter(|taken| !taken.is_empty())?;
    // Nothing may be open where the taken schemas start (a quoted or flow scalar the text after
    // them would close), and they may define no anchor (which could stand in for an earlier one
    // of the same name that an alias after them means).
    let before = &components[..offset_in(components, taken)];
    serde_yaml::from_str::<serde::de::IgnoredAny>(before).ok()?;
    (!taken.contains('&')).then_some(taken)
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
        .find(|(_, content)| holds_content(content))
        .map(|(line, content)| line.len() - content.len())
}

/// Whether a line, without its leading spaces, is more than a blank, a comment, or the rest
/// of a scalar (which a tab can start, and a key cannot).
fn holds_content(content: &str) -> bool {
    !matches!(
        content.bytes().next(),
        None | Some(b'\r' | b'\n' | b'#' | b'\t')
    )
}

/// The entries of a block mapping, each parsed alone; `None` when one does not parse to a
/// single entry, or a key is given twice (left to the whole parse).
fn parse_entries(entries: &[&str]) -> Option<serde_json::Map<String, serde_json::Value>> {
    let mut map = serde_json::Map::with_capacity(entries.len());
    for entry in entries {
        let serde_json::Value::Object(parsed) = tree::from_yaml(entry, ()).ok()? else {
            return None;
        };
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
        // `- url: …`): its items belong to the entry.
        let sequence_item = content.starts_with("- ") || content.trim_end() == "-";
        let continues_entry = sequence_item && !starts.is_empty();
        let starts_entry = holds_content(content) && column <= indent && !continues_entry;
        if starts_entry {
            let plain_key = content
                .bytes()
                .next()
                .is_some_and(|first| first.is_ascii_alphanumeric() || matches!(first, b'_' | b'$'));
            if column < indent || !plain_key {
                return None;
            }
            starts.push(offset);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;
    use crate::load::{decode, load_str, parse_tree};

    /// Big enough to be loaded in parts.
    fn padded(text: &str) -> String {
        format!("{text}\nx-padding: '{}'\n", "p".repeat(20_000))
    }

    /// The whole text parsed and decoded on one thread, as the fallback does.
    fn loaded_whole(text: &str) -> OpenAPI {
        let (mut tree, _, _) = parse_tree(text).expect("parses");
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
        assert_eq!(
            error.pointer.to_string(),
            "#/components/schemas/Big/maxLength"
        );
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

    /// A document whose components hold `components`, padded inside a first schema `A` to
    /// be loaded in parts.
    fn with_components(components: &str) -> String {
        let padding = "p".repeat(20_000);
        format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n{}",
            components.replace("PAD", &padding)
        )
    }

    #[test]
    fn the_schemas_are_not_split_where_the_whole_text_reads_otherwise() {
        let cases = [
            // A quoted scalar running over `schemas:`: the whole text has no schemas.
            "  x-note: \"start\n  schemas:\n    A: {type: string, x-pad: PAD}\n    B: end\"\n",
            // An anchor defined again among the first schemas: the alias means the second.
            "  securitySchemes:\n    k: {type: apiKey, name: k, in: header, description: &a first}\n  schemas:\n    A: {type: string, description: &a second, x-pad: PAD}\n    B: {type: string, description: *a}\n",
        ];
        for components in cases {
            let text = with_components(components);
            assert_eq!(
                load_str(&text).ok(),
                Some(loaded_whole(&text)),
                "{components}"
            );
        }
        // `schemas` given twice: an error at the second, which neither part hides.
        let text = with_components(
            "  schemas:\n    A: {type: string, x-pad: PAD}\n    B: {type: string}\n  schemas: {C: {type: string}}\n",
        );
        assert_eq!(load_yaml_in_parts(&text), None);
        let error = load_str(&text).unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/components/schemas");
        assert_eq!(error.location, Some(Location { line: 8, column: 3 }));
    }

    #[test]
    fn a_large_document_in_parts_gets_the_version_check() {
        let error = load_str(&padded(
            "openapi: 3.3.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {}",
        ))
        .unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/openapi");
    }

    #[test]
    fn a_large_31_document_is_parsed_in_parts_into_the_tree_of_the_whole() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec/xcover-2.152.1.openapi31.yaml"
        );
        let text = std::fs::read_to_string(path).expect("the 3.1 form of the XCover spec");
        let parts = parse_yaml_in_parts(&text).expect("splits");
        let (whole, _, _) = parse_tree(&text).expect("parses");
        assert_eq!(parts, whole);
        let keys: Vec<&String> = parts.as_object().unwrap().keys().collect();
        let whole_keys: Vec<&String> = whole.as_object().unwrap().keys().collect();
        assert_eq!(keys, whole_keys);
        // A 3.0 document is left to `load_yaml_in_parts`.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/xcover-2.152.1.yaml");
        assert!(parse_yaml_in_parts(&std::fs::read_to_string(path).unwrap()).is_none());
    }

    #[test]
    fn a_large_31_document_loaded_in_parts_is_the_document_loaded_whole() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec/xcover-2.152.1.openapi31.yaml"
        );
        let text = std::fs::read_to_string(path).expect("the 3.1 form of the XCover spec");
        let parts = load_31_in_parts(&text).expect("loads in parts");
        let (mut whole, _, _) = parse_tree(&text).expect("parses");
        let normalized =
            normalize::normalize(&mut whole, &text, Default::default()).expect("rewrites");
        let whole = decode(&mut whole).expect("decodes");
        assert_eq!(parts.document, whole);
        assert_eq!(parts.notes, normalized.notes);
        assert_eq!(parts.source_map, normalized.map);
        // A document whose rewriting needs all of it is loaded whole.
        let with_defs = text.replacen("components:\n", "components:\n  x-note: {$defs: {}}\n", 1);
        assert!(load_31_in_parts(&with_defs).is_none());
    }
}
