//! A document as a JSON tree, for what the IR does not hold: deprecation, validation keywords,
//! security requirements and servers. Every pointer the diff reports addresses a node here.

use serde_json::{Map, Value};

use crate::pointer::{join, unescape};

/// Prefix of a reference to a component schema.
pub(crate) const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// A document's JSON tree.
pub(crate) struct Json {
    root: Value,
}

impl Json {
    /// The JSON form of a parsed document.
    pub(crate) fn new(openapi: &openapiv3::OpenAPI) -> Json {
        // Serialising an `OpenAPI` cannot fail: it is plain data with string keys.
        let root = serde_json::to_value(openapi).expect("an OpenAPI document serialises to JSON");
        Json { root }
    }

    /// The root node.
    pub(crate) fn root(&self) -> &Value {
        &self.root
    }

    /// The node at a pointer, after following `$ref`s.
    pub(crate) fn at(&self, pointer: &str) -> Option<&Value> {
        self.root.pointer(pointer).map(|node| self.resolve(node))
    }

    /// The entries of `components/<section>` (`schemas`, `securitySchemes`), in document order.
    pub(crate) fn components(&self, section: &str) -> &Map<String, Value> {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        self.root["components"][section]
            .as_object()
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
    }

    /// Follows `$ref` chains within the document; a dangling one yields the reference itself
    /// (the loader has refused those already).
    pub(crate) fn resolve<'a>(&'a self, node: &'a Value) -> &'a Value {
        let mut node = node;
        // A reference cycle made only of `$ref`s is invalid; the bound keeps it from hanging.
        for _ in 0..32 {
            let Some(found) = ref_of(node)
                .and_then(|target| target.strip_prefix('#'))
                .and_then(|local| self.root.pointer(local))
            else {
                break;
            };
            node = found;
        }
        node
    }

    /// Each parameter of the operation at `pointer`: its key (location and name, a header's
    /// name in lower case), its node (resolved) and its pointer (where a reusable one is
    /// defined). Operation-level parameters override path-level ones.
    pub(crate) fn parameters(&self, pointer: &str) -> Vec<(String, &Value, String)> {
        let path_item = pointer.rsplit_once('/').map_or("", |(item, _)| item);
        let mut found: Vec<(String, &Value, String)> = Vec::new();
        for holder in [path_item, pointer] {
            let Some(list) = self
                .at(holder)
                .and_then(|node| node.get("parameters"))
                .and_then(Value::as_array)
            else {
                continue;
            };
            for (index, listed) in list.iter().enumerate() {
                let node = self.resolve(listed);
                let pointer = match ref_of(listed).and_then(|target| target.strip_prefix('#')) {
                    Some(target) => target.to_owned(),
                    None => format!("{holder}/parameters/{index}"),
                };
                let location = str_field(node, "in").unwrap_or("query");
                let name = str_field(node, "name").unwrap_or_default();
                let key = parameter_key(location, name);
                found.retain(|(existing, _, _)| *existing != key);
                found.push((key, node, pointer));
            }
        }
        found
    }

    /// Whether any operation's effective security requirement names the scheme: the
    /// operation's own, or the document's for an operation without one.
    pub(crate) fn requires_scheme(&self, scheme: &str) -> bool {
        let names = |list: Option<&Value>| {
            list.and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|alternative| alternative.get(scheme).is_some())
        };
        let document = self.root.get("security");
        self.operations()
            .any(|operation| match operation.get("security") {
                Some(own) => names(Some(own)),
                None => names(document),
            })
    }

    /// Whether some operation has no `security` of its own, and so follows the document's.
    pub(crate) fn has_operation_without_own_security(&self) -> bool {
        self.operations()
            .any(|operation| operation.get("security").is_none())
    }

    /// Every operation node under `paths`.
    fn operations(&self) -> impl Iterator<Item = &Value> {
        const METHODS: [&str; 8] = [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ];
        self.root["paths"]
            .as_object()
            .into_iter()
            .flat_map(|paths| paths.values())
            .map(|item| self.resolve(item))
            .flat_map(|item| METHODS.iter().filter_map(move |method| item.get(*method)))
    }

    /// The pointer of property `wire` of the object schema at `schema`: under its
    /// `properties`, or those of an `allOf` part (a referenced one where it is defined).
    pub(crate) fn property_pointer(&self, schema: &str, wire: &str) -> Option<String> {
        let node = self.root.pointer(schema)?;
        if let Some(target) = ref_of(node).and_then(|target| target.strip_prefix('#')) {
            return self.property_pointer(target, wire);
        }
        if node.get("properties").and_then(|p| p.get(wire)).is_some() {
            return Some(join(&join(schema, "properties"), wire));
        }
        let parts = node.get("allOf")?.as_array()?.len();
        (0..parts).find_map(|index| self.property_pointer(&format!("{schema}/allOf/{index}"), wire))
    }
}

/// How a parameter is known across documents: `query page`, `header x-api-key` (header
/// names ignore case).
pub(crate) fn parameter_key(location: &str, name: &str) -> String {
    if location == "header" {
        format!("{location} {}", name.to_ascii_lowercase())
    } else {
        format!("{location} {name}")
    }
}

/// The `$ref` string of a reference node.
pub(crate) fn ref_of(node: &Value) -> Option<&str> {
    node.get("$ref").and_then(Value::as_str)
}

/// The component name of a `#/components/schemas/<name>` reference.
pub(crate) fn schema_ref_name(node: &Value) -> Option<String> {
    let name = ref_of(node)?.strip_prefix(SCHEMA_REF_PREFIX)?;
    Some(unescape(name))
}

/// A string member of an object node.
pub(crate) fn str_field<'a>(node: &'a Value, key: &str) -> Option<&'a str> {
    node.get(key).and_then(Value::as_str)
}

/// A boolean member of an object node; absent means `false`.
pub(crate) fn flag(node: &Value, key: &str) -> bool {
    node.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// Renders a JSON scalar for a report: strings bare, everything else as JSON.
pub(crate) fn display_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
