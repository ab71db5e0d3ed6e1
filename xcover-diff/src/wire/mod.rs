//! What the IR does not hold, read from the documents' JSON: validation keywords, deprecation,
//! security requirements and servers.

pub(crate) mod constraints;
pub(crate) mod deprecation;
pub(crate) mod security;
pub(crate) mod servers;

use serde_json::Value;
use xcover_codegen::ir::operations::Operation;

use crate::json::{ref_of, str_field, Json};

/// Each parameter of an operation as its JSON node (resolved) and pointer, keyed by location
/// and name (header names ignore case); operation-level ones override path-level ones.
pub(crate) fn parameters<'j>(
    json: &'j Json,
    operation: &Operation,
) -> Vec<(String, &'j Value, String)> {
    let pointer = operation.pointer.as_str();
    let path_item = pointer.rsplit_once('/').map_or("", |(item, _)| item);
    let mut found: Vec<(String, &Value, String)> = Vec::new();
    for holder in [path_item, pointer] {
        let Some(list) = json
            .at(holder)
            .and_then(|node| node.get("parameters"))
            .and_then(Value::as_array)
        else {
            continue;
        };
        for (index, listed) in list.iter().enumerate() {
            let node = json.resolve(listed);
            // A reusable parameter is compared where it is defined.
            let pointer = match ref_of(listed).and_then(|target| target.strip_prefix('#')) {
                Some(target) => target.to_owned(),
                None => format!("{holder}/parameters/{index}"),
            };
            let location = str_field(node, "in").unwrap_or("query");
            let name = str_field(node, "name").unwrap_or_default();
            let name = if location == "header" {
                name.to_ascii_lowercase()
            } else {
                name.to_owned()
            };
            let key = format!("{location} {name}");
            found.retain(|(existing, _, _)| *existing != key);
            found.push((key, node, pointer));
        }
    }
    found
}
