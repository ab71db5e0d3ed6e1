//! Component schemas that were renamed rather than removed and added.
//!
//! A schema missing from NEW is paired with a schema new in NEW when their shapes match once
//! documentation is ignored and references are read through the renames found so far, or when
//! their shapes are close and the places that referred to the old name refer to the new one at
//! the same JSON pointer. Pairing repeats until nothing changes, so a rename of a schema that
//! refers to another renamed schema is found too. Everything that referred to the old name is
//! then compared through this map, so one rename is one change.

use std::collections::{BTreeSet, HashMap};

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::json::{schema_ref_name, Json, SCHEMA_REF_PREFIX};
use crate::pointer::escape;

/// Schema keywords that only document; they are ignored when comparing shapes.
const DOC_KEYWORDS: &[&str] = &[
    "description",
    "title",
    "example",
    "examples",
    "externalDocs",
];

/// How close two shapes must be, without an exact match, for referring sites to decide.
const MIN_SIMILARITY: f64 = 0.5;

/// Detected renames, OLD name to NEW name.
#[derive(Debug, Default, Clone)]
pub(crate) struct Renames {
    old_to_new: IndexMap<String, String>,
    new_to_old: HashMap<String, String>,
}

impl Renames {
    /// Pairs schemas removed from OLD with schemas added in NEW.
    pub(crate) fn detect(old: &Json, new: &Json) -> Renames {
        let old_schemas = old.components("schemas");
        let new_schemas = new.components("schemas");
        let removed: Vec<&String> = old_schemas
            .keys()
            .filter(|name| !new_schemas.contains_key(*name))
            .collect();
        // A NEW shape does not depend on the renames found, so each is taken once.
        let added: Vec<(&String, Value)> = new_schemas
            .iter()
            .filter(|(name, _)| !old_schemas.contains_key(*name))
            .map(|(name, schema)| (name, new_fingerprint(schema)))
            .collect();
        let evidence = moved_references(old, new);

        let mut renames = Renames::default();
        loop {
            let mut candidates = Vec::new();
            for old_name in removed.iter().filter(|n| !renames.has_old(n)) {
                let old_shape = renames.old_fingerprint(&old_schemas[old_name.as_str()]);
                for (new_name, new_shape) in added.iter().filter(|(n, _)| !renames.has_new(n)) {
                    let seen = evidence
                        .get(&(old_name.to_string(), new_name.to_string()))
                        .copied()
                        .unwrap_or(0);
                    let exact = old_shape == *new_shape;
                    let accepted = if exact {
                        is_distinctive(new_shape) || seen > 0
                    } else {
                        seen > 0 && similarity(&old_shape, new_shape) >= MIN_SIMILARITY
                    };
                    if accepted {
                        candidates.push((exact, seen, old_name.to_string(), new_name.to_string()));
                    }
                }
            }
            // Exact shapes first, then the pair most referring sites agree on.
            candidates.sort_by_key(|candidate| std::cmp::Reverse((candidate.0, candidate.1)));
            let mut progressed = false;
            for (_, _, old_name, new_name) in candidates {
                if !renames.has_old(&old_name) && !renames.has_new(&new_name) {
                    renames.insert(old_name, new_name);
                    progressed = true;
                }
            }
            if !progressed {
                return renames;
            }
        }
    }

    fn insert(&mut self, old_name: String, new_name: String) {
        self.new_to_old.insert(new_name.clone(), old_name.clone());
        self.old_to_new.insert(old_name, new_name);
    }

    fn has_old(&self, old_name: &str) -> bool {
        self.old_to_new.contains_key(old_name)
    }

    fn has_new(&self, new_name: &str) -> bool {
        self.new_to_old.contains_key(new_name)
    }

    /// NEW's name for an OLD schema name (the same name unless renamed).
    pub(crate) fn to_new(&self, old_name: &str) -> String {
        self.old_to_new
            .get(old_name)
            .cloned()
            .unwrap_or_else(|| old_name.to_owned())
    }

    /// The shape of an OLD schema, its references under their NEW names.
    fn old_fingerprint(&self, schema: &Value) -> Value {
        shape(schema, &|name| schema_ref(&self.to_new(&name)))
    }
}

/// The shape of a NEW schema: documentation dropped, references as they are.
fn new_fingerprint(schema: &Value) -> Value {
    shape(schema, &|name| schema_ref(&name))
}

/// A reference to the component schema `name`.
fn schema_ref(name: &str) -> Value {
    Value::String(format!("{SCHEMA_REF_PREFIX}{}", escape(name)))
}

/// A schema without its documentation keywords and extensions, with references rewritten.
fn shape(schema: &Value, rename_ref: &dyn Fn(String) -> Value) -> Value {
    let Value::Object(members) = schema else {
        return schema.clone();
    };
    if let Some(name) = schema_ref_name(schema) {
        let mut out = Map::new();
        out.insert("$ref".to_owned(), rename_ref(name));
        return Value::Object(out);
    }
    let mut out = Map::new();
    for (key, value) in members {
        if DOC_KEYWORDS.contains(&key.as_str()) || key.starts_with("x-") {
            continue;
        }
        let value = match key.as_str() {
            "items" | "not" | "additionalProperties" => shape(value, rename_ref),
            "allOf" | "oneOf" | "anyOf" => Value::Array(
                value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|member| shape(member, rename_ref))
                    .collect(),
            ),
            "properties" => Value::Object(
                value
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, property)| (name.clone(), shape(property, rename_ref)))
                    .collect(),
            ),
            _ => value.clone(),
        };
        out.insert(key.clone(), value);
    }
    Value::Object(out)
}

/// Whether a shape is specific enough for an exact match to mean a rename on its own:
/// two unrelated schemas that are both just `type: string` say nothing.
fn is_distinctive(shape: &Value) -> bool {
    ["enum", "properties", "allOf", "oneOf", "anyOf"]
        .iter()
        .any(|key| shape.get(key).is_some())
}

/// Overlap of enum values or property names (Jaccard index), 0 when the shapes differ in kind.
fn similarity(old: &Value, new: &Value) -> f64 {
    let members = |shape: &Value| -> Option<BTreeSet<String>> {
        if let Some(values) = shape.get("enum").and_then(Value::as_array) {
            return Some(values.iter().map(Value::to_string).collect());
        }
        shape
            .get("properties")
            .and_then(Value::as_object)
            .map(|properties| properties.keys().cloned().collect())
    };
    match (members(old), members(new)) {
        (Some(a), Some(b)) if old.get("enum").is_some() == new.get("enum").is_some() => {
            let union = a.union(&b).count();
            if union == 0 {
                return 0.0;
            }
            a.intersection(&b).count() as f64 / union as f64
        }
        _ => 0.0,
    }
}

/// For each (OLD name, NEW name), how many JSON pointers refer to OLD name in OLD and to NEW
/// name in NEW.
fn moved_references(old: &Json, new: &Json) -> HashMap<(String, String), usize> {
    let mut old_sites = HashMap::new();
    reference_sites(old.root(), String::new(), &mut old_sites);
    let mut new_sites = HashMap::new();
    reference_sites(new.root(), String::new(), &mut new_sites);
    let mut counts = HashMap::new();
    for (pointer, old_name) in old_sites {
        if let Some(new_name) = new_sites.get(&pointer) {
            if *new_name != old_name {
                *counts.entry((old_name, new_name.clone())).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// Every schema reference below `node`, by the pointer of the referring node.
fn reference_sites(node: &Value, pointer: String, out: &mut HashMap<String, String>) {
    match node {
        Value::Object(members) => {
            if let Some(name) = schema_ref_name(node) {
                out.insert(pointer.clone(), name);
            }
            for (key, child) in members {
                reference_sites(child, format!("{pointer}/{}", escape(key)), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                reference_sites(child, format!("{pointer}/{index}"), out);
            }
        }
        _ => {}
    }
}
