//! Which keyword of a schema that does not decode is wrong: the JSON type each keyword needs.
//!
//! serde decodes a schema through flattened and untagged parts, so it can only say that the
//! schema as a whole is wrong; checking each keyword's type names the keyword, or the keyword
//! of a schema nested in it.

use serde::Deserialize;
use serde_json::Value;

use super::errors::{is_reference, reference_problem};
use crate::diagnostics::Pointer;

/// The first bad keyword of the schema `value` at `pointer`, or of a schema nested in it, and
/// what is wrong with it; `None` when the schema decodes.
pub(super) fn schema_problem(value: &Value, pointer: &Pointer) -> Option<(Pointer, String)> {
    let error = openapiv3::Schema::deserialize(value).err()?;
    let Some(object) = value.as_object() else {
        return Some((
            pointer.clone(),
            format!("a schema must be an object, not {}", describe(value)),
        ));
    };
    let found = object
        .iter()
        .find_map(|(keyword, value)| keyword_problem(keyword, value, &pointer.join(keyword)));
    found.or_else(|| Some((pointer.clone(), error.to_string())))
}

/// What the JSON type of a keyword's value must be.
#[derive(Clone, Copy)]
enum Expected {
    String,
    Boolean,
    Number,
    Count,
    Array,
    Strings,
    Schema,
    Schemas,
    SchemaMap,
    BooleanOrSchema,
}

impl Expected {
    fn of(keyword: &str) -> Option<Expected> {
        Some(match keyword {
            "type" | "format" | "pattern" | "title" | "description" => Expected::String,
            "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems"
            | "exclusiveMinimum" | "exclusiveMaximum" => Expected::Boolean,
            "minimum" | "maximum" | "multipleOf" => Expected::Number,
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
            | "maxProperties" => Expected::Count,
            "enum" => Expected::Array,
            "required" => Expected::Strings,
            "items" | "not" => Expected::Schema,
            "allOf" | "oneOf" | "anyOf" => Expected::Schemas,
            "properties" => Expected::SchemaMap,
            "additionalProperties" => Expected::BooleanOrSchema,
            _ => return None,
        })
    }

    fn describe(self) -> &'static str {
        match self {
            Expected::String => "a string",
            Expected::Boolean => "a boolean",
            Expected::Number => "a number",
            Expected::Count => "a non-negative integer",
            Expected::Array => "an array",
            Expected::Strings => "an array of strings",
            Expected::Schema => "a schema or a `$ref` object",
            Expected::Schemas => "an array of schemas",
            Expected::SchemaMap => "an object mapping names to schemas",
            Expected::BooleanOrSchema => "a boolean, a schema or a `$ref` object",
        }
    }

    /// Whether `value` has the JSON type this keyword needs (its nested schemas aside).
    fn accepts(self, value: &Value) -> bool {
        match self {
            Expected::String => value.is_string(),
            Expected::Boolean => value.is_boolean(),
            Expected::Number => value.is_number(),
            Expected::Count => value.is_u64(),
            Expected::Array | Expected::Schemas => value.is_array(),
            Expected::Strings => value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string)),
            Expected::Schema | Expected::SchemaMap => value.is_object(),
            Expected::BooleanOrSchema => value.is_boolean() || value.is_object(),
        }
    }
}

/// What is wrong with `keyword`'s `value` (at `pointer`), or with a schema nested in it.
fn keyword_problem(keyword: &str, value: &Value, pointer: &Pointer) -> Option<(Pointer, String)> {
    let expected = Expected::of(keyword)?;
    if !expected.accepts(value) {
        if let (Expected::Strings, Some(items)) = (expected, value.as_array()) {
            let (index, item) = items
                .iter()
                .enumerate()
                .find(|(_, item)| !item.is_string())?;
            return Some((
                pointer.join(index.to_string()),
                format!(
                    "each entry of `{keyword}` must be a string, not {}",
                    describe(item)
                ),
            ));
        }
        return Some((
            pointer.clone(),
            format!(
                "`{keyword}` must be {}, not {}",
                expected.describe(),
                describe(value)
            ),
        ));
    }
    let nested = |value: &Value, pointer: Pointer| {
        if is_reference(value) {
            reference_problem(value, &pointer)
        } else {
            schema_problem(value, &pointer)
        }
    };
    match (expected, value) {
        (Expected::Schema | Expected::BooleanOrSchema, Value::Object(_)) => {
            nested(value, pointer.clone())
        }
        (Expected::Schemas, Value::Array(items)) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| nested(item, pointer.join(index.to_string()))),
        (Expected::SchemaMap, Value::Object(properties)) => properties
            .iter()
            .find_map(|(name, property)| nested(property, pointer.join(name))),
        _ => None,
    }
}

/// A value as a message names it: scalars as written, collections by their kind.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(value) => format!("`{value}`"),
        Value::Number(number) => format!("`{number}`"),
        Value::String(string) if string.chars().count() <= 40 => format!("the string {value}"),
        Value::String(_) => "a string".to_string(),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}
