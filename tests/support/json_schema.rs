//! OpenAPI 3.0 schema objects as JSON Schema (draft 2020-12), and a [`Checker`] that validates
//! JSON values against a document's schemas with the `jsonschema` crate.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{json, Map, Value};

const COMPONENT_PREFIX: &str = "#/components/schemas/";

fn def_ref(reference: &str) -> Value {
    let name = reference
        .strip_prefix(COMPONENT_PREFIX)
        .unwrap_or_else(|| panic!("unexpected $ref {reference}"));
    json!({ "$ref": format!("#/$defs/{name}") })
}

/// Converts one OpenAPI schema object:
/// - `$ref: #/components/schemas/X` -> `$ref: #/$defs/X`;
/// - `nullable: true` -> `null` added to `type` (and `enum`), or `anyOf [null, schema]`;
/// - `format: decimal` -> dropped on numbers, a decimal-string `pattern` on strings;
/// - `discriminator` + `x-discriminator-fallback` -> an `if`/`then`/`else` chain on the
///   discriminator property (the generic fallback variant would otherwise also match typed
///   requests, and `oneOf` would reject them);
/// - vendor extensions, `example` and `discriminator` dropped;
/// - with `strict`, objects with `properties` but no `additionalProperties` are closed.
fn convert(schema: &Value, strict: bool) -> Value {
    let Value::Object(map) = schema else {
        return schema.clone();
    };
    if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
        return def_ref(reference);
    }
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    let mut out = Map::new();
    for (key, value) in map {
        match key.as_str() {
            "nullable" | "discriminator" | "example" => {}
            k if k.starts_with("x-") => {}
            "properties" => {
                let props = value
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(name, s)| (name.clone(), convert(s, strict)))
                    .collect();
                out.insert(key.clone(), Value::Object(props));
            }
            "items" | "additionalProperties" | "not" if value.is_object() => {
                out.insert(key.clone(), convert(value, strict));
            }
            "allOf" | "oneOf" | "anyOf" => {
                let items = value
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| convert(s, strict))
                    .collect();
                out.insert(key.clone(), Value::Array(items));
            }
            "format" if value == "decimal" => {
                if map.get("type") == Some(&Value::from("string")) {
                    out.insert("pattern".into(), json!(r"^-?[0-9]+(\.[0-9]+)?$"));
                }
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    if let (Some(discriminator), Some(fallback)) = (
        map.get("discriminator"),
        map.get("x-discriminator-fallback").and_then(Value::as_str),
    ) {
        out.remove("oneOf");
        let property = discriminator["propertyName"].as_str().unwrap();
        let mut chain = def_ref(fallback);
        if let Some(mapping) = discriminator.get("mapping").and_then(Value::as_object) {
            for (value, target) in mapping.iter().rev() {
                chain = json!({
                    "if": { "properties": { property: { "const": value } }, "required": [property] },
                    "then": def_ref(target.as_str().unwrap()),
                    "else": chain,
                });
            }
        }
        for (k, v) in chain.as_object().unwrap() {
            out.insert(k.clone(), v.clone());
        }
    }
    if strict && out.contains_key("properties") && !out.contains_key("additionalProperties") {
        out.insert("additionalProperties".into(), Value::Bool(false));
    }
    if nullable {
        let untyped = out.keys().all(|k| k == "description");
        match out.get("type").cloned() {
            Some(Value::String(t)) => {
                out.insert("type".into(), json!([t, "null"]));
                if let Some(Value::Array(values)) = out.get_mut("enum") {
                    values.push(Value::Null);
                }
            }
            Some(other) => panic!("unexpected type {other}"),
            // An untyped schema already accepts null.
            None if untyped => {}
            None => return json!({ "anyOf": [{ "type": "null" }, Value::Object(out)] }),
        }
    }
    Value::Object(out)
}

pub struct Checker {
    defs: Value,
    /// The validator of each OpenAPI schema asked about, by its JSON text: compiling one takes
    /// far longer than validating with it.
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

impl Checker {
    /// The checker of the component schemas of `doc`; with `strict`, objects that do not
    /// declare `additionalProperties` are closed.
    pub fn new(doc: &Value, strict: bool) -> Self {
        let defs = doc["components"]["schemas"]
            .as_object()
            .expect("components.schemas")
            .iter()
            .map(|(name, s)| (name.clone(), convert(s, strict)))
            .collect();
        Checker {
            defs: Value::Object(defs),
            validators: Mutex::default(),
        }
    }

    /// The validator of an OpenAPI schema object, compiled the first time it is asked for.
    fn validator(&self, openapi_schema: &Value) -> Arc<jsonschema::Validator> {
        let key = openapi_schema.to_string();
        if let Some(validator) = self.validators.lock().unwrap().get(&key) {
            return Arc::clone(validator);
        }
        let mut root = match convert(openapi_schema, false) {
            Value::Object(m) => m,
            other => panic!("schema is not an object: {other}"),
        };
        root.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        root.insert("$defs".into(), self.defs.clone());
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&Value::Object(root))
            .unwrap_or_else(|e| panic!("the converted schema does not compile: {e}"));
        let validator = Arc::new(validator);
        let mut validators = self.validators.lock().unwrap();
        Arc::clone(validators.entry(key).or_insert(validator))
    }

    /// Errors of `instance` against an OpenAPI schema object (usually a `$ref`).
    pub fn errors(&self, openapi_schema: &Value, instance: &Value) -> Vec<String> {
        self.validator(openapi_schema)
            .iter_errors(instance)
            .map(|e| {
                let mut message = e.to_string();
                if message.len() > 300 {
                    let cut = (0..=300)
                        .rev()
                        .find(|&i| message.is_char_boundary(i))
                        .unwrap();
                    message.truncate(cut);
                    message.push_str("...");
                }
                format!("at `{}`: {message}", e.instance_path())
            })
            .collect()
    }

    /// Errors of `instance` against the component schema `component`.
    pub fn errors_for(&self, component: &str, instance: &Value) -> Vec<String> {
        self.errors(
            &json!({ "$ref": format!("{COMPONENT_PREFIX}{component}") }),
            instance,
        )
    }
}
