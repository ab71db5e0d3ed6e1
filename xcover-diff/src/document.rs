//! One OpenAPI document as a JSON tree, with `$ref` resolution.
//!
//! The diff walks JSON rather than `openapiv3` types so that every JSON pointer it reports
//! addresses exactly the node it compared, whatever shape the schema has.

use indexmap::IndexMap;
use serde_json::{Map, Value};

/// Prefix of a reference to a component schema.
pub(crate) const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// A document to compare.
pub(crate) struct Document {
    root: Value,
}

impl Document {
    /// Wraps a parsed document.
    pub(crate) fn new(openapi: &openapiv3::OpenAPI) -> Document {
        // Serialising an `OpenAPI` cannot fail: it is plain data with string keys.
        let root = serde_json::to_value(openapi).expect("an OpenAPI document serialises to JSON");
        Document { root }
    }

    /// The `info.version` string.
    pub(crate) fn version(&self) -> String {
        str_field(&self.root["info"], "version")
            .unwrap_or_default()
            .to_owned()
    }

    /// The root node.
    pub(crate) fn root(&self) -> &Value {
        &self.root
    }

    /// The entries of `components/<section>` (`schemas`, `parameters`, ...), in document order.
    pub(crate) fn components(&self, section: &str) -> &Map<String, Value> {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        self.root["components"][section]
            .as_object()
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
    }

    /// Follows `$ref` chains within the document. Returns the node and its JSON pointer;
    /// a dangling reference yields the reference node itself.
    pub(crate) fn resolve<'a>(&'a self, node: &'a Value, pointer: &str) -> (&'a Value, String) {
        let mut node = node;
        let mut pointer = pointer.to_owned();
        // A reference cycle made only of `$ref`s is invalid; the bound keeps it from hanging.
        for _ in 0..32 {
            let Some(target) = ref_of(node) else { break };
            let Some(local) = target.strip_prefix('#') else {
                break;
            };
            let Some(found) = self.root.pointer(local) else {
                break;
            };
            node = found;
            pointer = local.to_owned();
        }
        (node, pointer)
    }

    /// The `x-webhooks` extension: event name to path item.
    pub(crate) fn webhooks(&self) -> IndexMap<&str, &Value> {
        self.root["x-webhooks"]
            .as_object()
            .map(|events| events.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default()
    }
}

/// The `$ref` string of a reference node.
pub(crate) fn ref_of(node: &Value) -> Option<&str> {
    node.get("$ref").and_then(Value::as_str)
}

/// The component name of a `#/components/schemas/<name>` reference.
pub(crate) fn schema_ref_name(node: &Value) -> Option<String> {
    let name = ref_of(node)?.strip_prefix(SCHEMA_REF_PREFIX)?;
    Some(name.replace("~1", "/").replace("~0", "~"))
}

/// A string member of an object node.
pub(crate) fn str_field<'a>(node: &'a Value, key: &str) -> Option<&'a str> {
    node.get(key).and_then(Value::as_str)
}

/// A boolean member of an object node; absent means `false`.
pub(crate) fn flag(node: &Value, key: &str) -> bool {
    node.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// Every component-schema name referenced anywhere below `node`.
pub(crate) fn referenced_schemas(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(members) => {
            if let Some(name) = schema_ref_name(node) {
                out.push(name);
            }
            for child in members.values() {
                referenced_schemas(child, out);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|child| referenced_schemas(child, out)),
        _ => {}
    }
}

/// Renders a JSON scalar for a report: strings bare, everything else as JSON.
pub(crate) fn display_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
