//! The Rust type the SDK generates for a schema, coarsely: enough to tell whether a change
//! to the schema changes the type code has to name.

use std::fmt;

use heck::ToUpperCamelCase;
use serde_json::Value;

use crate::document::{flag, schema_ref_name, str_field};
use crate::pointer::join;

/// A generated Rust type. Inline structs and enums are compared by their members rather than
/// by the name the generator gives them, so they carry none here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RustType {
    /// A component schema's type.
    Named(String),
    /// `String`.
    String,
    /// `chrono::DateTime<FixedOffset>` (`format: date-time`).
    DateTime,
    /// `chrono::NaiveDate` (`format: date`).
    Date,
    /// `uuid::Uuid` (`format: uuid`).
    Uuid,
    /// `rust_decimal::Decimal` (`format: decimal`, as a JSON number or a string).
    Decimal,
    /// `i32` or `i64`.
    Integer(&'static str),
    /// `f32` or `f64`.
    Float(&'static str),
    /// `bool`.
    Bool,
    /// An inline string enum.
    InlineEnum,
    /// An inline object.
    InlineStruct,
    /// An inline `oneOf`/`anyOf`.
    InlineUnion,
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// `HashMap<String, T>`.
    Map(Box<RustType>),
    /// `serde_json::Value`: a schema without a type.
    Json,
}

impl RustType {
    /// The type generated for `schema`. `name_of` turns a component name into the name the
    /// comparison should use (OLD's names pass through the detected renames).
    pub(crate) fn of(schema: &Value, name_of: &dyn Fn(&str) -> String) -> RustType {
        let (schema, _) = unwrap_wrapper(schema, "");
        if let Some(name) = schema_ref_name(schema) {
            return RustType::Named(name_of(&name).to_upper_camel_case());
        }
        if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
            return RustType::InlineUnion;
        }
        if schema.get("allOf").is_some() {
            return RustType::InlineStruct;
        }
        let has_enum = schema
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|values| !values.is_empty());
        match str_field(schema, "type") {
            Some("string") if has_enum => RustType::InlineEnum,
            Some("string") => match str_field(schema, "format") {
                Some("date-time") => RustType::DateTime,
                Some("date") => RustType::Date,
                Some("uuid") => RustType::Uuid,
                Some("decimal") => RustType::Decimal,
                _ => RustType::String,
            },
            Some("integer") => match str_field(schema, "format") {
                Some("int32") => RustType::Integer("i32"),
                _ => RustType::Integer("i64"),
            },
            Some("number") => match str_field(schema, "format") {
                Some("float") => RustType::Float("f32"),
                Some("decimal") => RustType::Decimal,
                _ => RustType::Float("f64"),
            },
            Some("boolean") => RustType::Bool,
            Some("array") => RustType::Vec(Box::new(
                schema
                    .get("items")
                    .map_or(RustType::Json, |items| RustType::of(items, name_of)),
            )),
            _ if has_properties(schema) => RustType::InlineStruct,
            Some("object") | None => match schema.get("additionalProperties") {
                Some(Value::Object(values)) if !values.is_empty() => RustType::Map(Box::new(
                    RustType::of(&schema["additionalProperties"], name_of),
                )),
                _ if has_enum => RustType::InlineEnum,
                _ => RustType::Json,
            },
            Some(_) => RustType::Json,
        }
    }
}

impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RustType::Named(name) => f.write_str(name),
            RustType::String => f.write_str("String"),
            RustType::DateTime => f.write_str("DateTime<FixedOffset>"),
            RustType::Date => f.write_str("NaiveDate"),
            RustType::Uuid => f.write_str("Uuid"),
            RustType::Decimal => f.write_str("Decimal"),
            RustType::Integer(name) | RustType::Float(name) => f.write_str(name),
            RustType::Bool => f.write_str("bool"),
            RustType::InlineEnum => f.write_str("inline enum"),
            RustType::InlineStruct => f.write_str("inline struct"),
            RustType::InlineUnion => f.write_str("inline oneOf enum"),
            RustType::Vec(item) => write!(f, "Vec<{item}>"),
            RustType::Map(value) => write!(f, "HashMap<String, {value}>"),
            RustType::Json => f.write_str("serde_json::Value"),
        }
    }
}

/// Whether the schema declares any properties.
pub(crate) fn has_properties(schema: &Value) -> bool {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|properties| !properties.is_empty())
}

/// Sees through the `allOf: [$ref]` wrapper that OpenAPI 3.0 needs to attach `nullable` or a
/// description to a reference: the generator emits the referenced type.
pub(crate) fn unwrap_wrapper<'a>(schema: &'a Value, pointer: &str) -> (&'a Value, String) {
    if let Some([only]) = schema
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        if !has_properties(schema) && schema.get("type").is_none_or(|t| t == "object") {
            let inner = join(&join(pointer, "allOf"), "0");
            return unwrap_wrapper(only, &inner);
        }
    }
    (schema, pointer.to_owned())
}

/// Whether the schema (or its wrapper) accepts `null`.
pub(crate) fn is_nullable(schema: &Value) -> bool {
    flag(schema, "nullable")
}
