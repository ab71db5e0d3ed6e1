//! Reading an OpenAPI 3.0 document as plain JSON: its operations, `$ref`s, the JSON Schema of
//! a schema, and a body for a response.

use serde_json::{json, Map, Value};

/// The HTTP methods a path item can hold, lowercase as in the document.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// A document as JSON.
pub fn parse(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|error| panic!("not YAML: {error}"))
}

/// `value`, or what its `$ref` (a pointer into `document`) names, followed until no `$ref`.
pub fn resolve<'a>(document: &'a Value, mut value: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            return value;
        };
        let pointer = reference.strip_prefix('#').unwrap_or(reference);
        value = document
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{reference} names nothing"));
    }
    value
}

/// An operation of a document.
pub struct Operation<'a> {
    /// Uppercase.
    pub method: String,
    pub template: &'a str,
    pub path_item: &'a Value,
    pub operation: &'a Value,
}

/// Every operation, in document order.
pub fn operations(document: &Value) -> Vec<Operation<'_>> {
    let mut operations = Vec::new();
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        return operations;
    };
    for (template, path_item) in paths {
        let path_item = resolve(document, path_item);
        for method in METHODS {
            if let Some(operation) = path_item.get(method) {
                operations.push(Operation {
                    method: method.to_uppercase(),
                    template,
                    path_item,
                    operation,
                });
            }
        }
    }
    operations
}

/// The operation a request reaches, and the values of its path parameters (decoded).
pub struct Route<'a> {
    pub operation: Operation<'a>,
    pub path_values: Vec<(String, String)>,
    /// How many of the template's segments are literal: the most wins.
    literals: usize,
}

/// The operation a request of `method` to `path` (as sent, percent-encoded) reaches.
pub fn route<'a>(document: &'a Value, method: &str, path: &str) -> Option<Route<'a>> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut best: Option<Route<'a>> = None;
    for operation in operations(document) {
        if operation.method != method {
            continue;
        }
        let template: Vec<&str> = operation
            .template
            .trim_start_matches('/')
            .split('/')
            .collect();
        if template.len() != segments.len() {
            continue;
        }
        let mut literals = 0;
        let mut values = Vec::new();
        let matches = template.iter().zip(&segments).all(|(part, segment)| {
            match part
                .strip_prefix('{')
                .and_then(|rest| rest.strip_suffix('}'))
            {
                Some(name) => {
                    values.push((name.to_owned(), percent_decode(segment)));
                    !segment.is_empty()
                }
                None => {
                    literals += 1;
                    part == segment
                }
            }
        });
        if matches && best.as_ref().is_none_or(|best| literals > best.literals) {
            best = Some(Route {
                operation,
                path_values: values,
                literals,
            });
        }
    }
    best
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// The media type a client picks among `content`'s keys: JSON-like first.
pub fn preferred_media_type(content: &Map<String, Value>) -> Option<&str> {
    content
        .keys()
        .find(|name| is_json(name))
        .or_else(|| content.keys().next())
        .map(String::as_str)
}

/// `application/json`, `application/problem+json`, …
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

/// What a fake NEW server answers to an operation: its first documented success (in document
/// order), with its example (or a value generated from its schema) in its preferred media type.
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Option<String>,
}

pub fn answer(document: &Value, operation: &Value) -> Answer {
    let empty = Map::new();
    let responses = operation
        .get("responses")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let status_of = |key: &str| match key {
        "2XX" | "2xx" => Some(200),
        _ => key
            .parse::<u16>()
            .ok()
            .filter(|status| (200..300).contains(status)),
    };
    // The first in document order: a case shows a new success status by listing it first.
    let chosen = responses
        .iter()
        .find_map(|(key, response)| status_of(key).map(|status| (status, response)))
        .or_else(|| responses.get("default").map(|response| (200, response)));
    let Some((status, response)) = chosen else {
        return Answer {
            status: 200,
            content_type: None,
            body: None,
        };
    };
    let response = resolve(document, response);
    let Some(content) = response.get("content").and_then(Value::as_object) else {
        return Answer {
            status,
            content_type: None,
            body: None,
        };
    };
    let Some(media_type) = preferred_media_type(content) else {
        return Answer {
            status,
            content_type: None,
            body: None,
        };
    };
    let media = &content[media_type];
    let example = media
        .get("example")
        .cloned()
        .or_else(|| {
            let examples = media.get("examples")?.as_object()?;
            let first = resolve(document, examples.values().next()?);
            first.get("value").cloned()
        })
        .or_else(|| {
            media
                .get("schema")
                .map(|schema| generate(document, schema, 0))
        })
        .unwrap_or(Value::Null);
    let body = match (&example, is_json(media_type)) {
        (Value::String(text), false) => text.clone(),
        _ => example.to_string(),
    };
    Answer {
        status,
        content_type: Some(media_type.to_owned()),
        body: Some(body),
    }
}

/// A small value valid under `schema`: its example, its first enum value, or the least a type
/// allows with every required property.
pub fn generate(document: &Value, schema: &Value, depth: usize) -> Value {
    let schema = resolve(document, schema);
    if depth > 8 {
        return Value::Null;
    }
    if let Some(example) = schema.get("example").or_else(|| schema.get("default")) {
        return example.clone();
    }
    if let Some(first) = schema.get("enum").and_then(|values| values.get(0)) {
        return first.clone();
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in parts {
            if let Value::Object(fields) = generate(document, part, depth + 1) {
                merged.extend(fields);
            }
        }
        return Value::Object(merged);
    }
    for union in ["oneOf", "anyOf"] {
        if let Some(first) = schema.get(union).and_then(|parts| parts.get(0)) {
            return generate(document, first, depth + 1);
        }
    }
    let kind = schema.get("type").and_then(Value::as_str);
    match kind {
        Some("array") => match schema.get("items") {
            Some(items) if schema.get("minItems").and_then(Value::as_u64).unwrap_or(0) > 0 => {
                json!([generate(document, items, depth + 1)])
            }
            _ => json!([]),
        },
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2024-01-01T00:00:00Z"),
            Some("date") => json!("2024-01-01"),
            Some("uuid") => json!("00000000-0000-0000-0000-000000000000"),
            _ => json!("text"),
        },
        Some("integer") | Some("number") => schema.get("minimum").cloned().unwrap_or(json!(0)),
        Some("boolean") => json!(false),
        _ if kind == Some("object") || schema.get("properties").is_some() => {
            let mut object = Map::new();
            let required = schema.get("required").and_then(Value::as_array);
            for name in required.into_iter().flatten().filter_map(Value::as_str) {
                let property = schema
                    .get("properties")
                    .and_then(|properties| properties.get(name))
                    .unwrap_or(&Value::Null);
                object.insert(name.to_owned(), generate(document, property, depth + 1));
            }
            Value::Object(object)
        }
        _ => json!({}),
    }
}

/// OpenAPI 3.0's schema dialect as JSON Schema draft 4: `nullable: true` becomes "or null".
pub fn to_json_schema(schema: &Value) -> Value {
    match schema {
        Value::Object(fields) => {
            let mut converted: Map<String, Value> = fields
                .iter()
                .filter(|(key, _)| !matches!(key.as_str(), "nullable" | "example" | "xml"))
                .map(|(key, value)| (key.clone(), to_json_schema(value)))
                .collect();
            if let Some(Value::Array(values)) = converted.get_mut("enum") {
                if fields.get("nullable") == Some(&Value::Bool(true)) {
                    values.push(Value::Null);
                }
            }
            if fields.get("nullable") == Some(&Value::Bool(true)) {
                json!({"anyOf": [Value::Object(converted), {"type": "null"}]})
            } else {
                Value::Object(converted)
            }
        }
        Value::Array(values) => Value::Array(values.iter().map(to_json_schema).collect()),
        other => other.clone(),
    }
}

/// Checks `instance` against `schema`, a schema of `document` whose `$ref`s point into it.
pub fn check(document: &Value, schema: &Value, instance: &Value) -> Result<(), String> {
    let root = json!({
        "allOf": [to_json_schema(schema)],
        "components": to_json_schema(document.get("components").unwrap_or(&json!({}))),
    });
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&root)
        .map_err(|error| format!("the schema does not compile: {error}"))?;
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|error| format!("{} at `{}`", error, error.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}
