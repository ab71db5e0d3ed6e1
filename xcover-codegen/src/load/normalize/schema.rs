//! JSON Schema 2020-12 → the OpenAPI 3.0 schema object, one schema at a time, then its
//! subschemas.

use serde_json::{json, Map, Value};

use super::document::is_default_dialect;
use super::{numbers, Ctx, ONE_SUBSCHEMA, SUBSCHEMA_LISTS, SUBSCHEMA_MAPS};
use crate::diagnostics::{Pointer, SpecError};

/// Keywords that change what is valid but that the generated types do not express: dropped,
/// each reported.
const IGNORED: &[(&str, &str)] = &[
    ("if", "`if`/`then`/`else` (conditional validation)"),
    ("then", "`if`/`then`/`else` (conditional validation)"),
    ("else", "`if`/`then`/`else` (conditional validation)"),
    ("unevaluatedProperties", "`unevaluatedProperties`"),
    ("unevaluatedItems", "`unevaluatedItems`"),
    ("dependentRequired", "`dependentRequired`"),
    ("dependentSchemas", "`dependentSchemas`"),
    ("dependencies", "`dependencies`"),
    ("contains", "`contains`"),
    ("minContains", "`minContains`"),
    ("maxContains", "`maxContains`"),
];

/// Keywords that carry no validation: dropped without a word.
const SILENT: &[&str] = &[
    "$comment",
    "$vocabulary",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$schema",
    "contentSchema",
];

/// The keywords of an OpenAPI 3.0 schema: beside a `$ref`, one of these makes the reference
/// a one-member `allOf` that keeps it.
const SCHEMA_KEYWORDS: &[&str] = &[
    "title",
    "description",
    "default",
    "example",
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "externalDocs",
    "xml",
    "discriminator",
    "type",
    "format",
    "properties",
    "required",
    "items",
    "additionalProperties",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

/// Rewrites the schema at `at`, then its subschemas.
pub(super) fn schema(ctx: &mut Ctx<'_>, value: &mut Value, at: &Pointer) -> Result<(), SpecError> {
    walk(
        ctx,
        value,
        &At {
            base: at,
            parent: None,
            token: Token::Index(0),
        },
    )
}

/// A place below a pointer, made into a [`Pointer`] only when a rewrite needs one: most
/// schemas need none, and a pointer for each would cost an allocation.
struct At<'a> {
    base: &'a Pointer,
    parent: Option<&'a At<'a>>,
    token: Token<'a>,
}

#[derive(Clone, Copy)]
enum Token<'a> {
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    fn child(&'a self, token: Token<'a>) -> At<'a> {
        At {
            base: self.base,
            parent: Some(self),
            token,
        }
    }

    fn pointer(&self) -> Pointer {
        match self.parent {
            None => self.base.clone(),
            Some(parent) => match self.token {
                Token::Key(key) => parent.pointer().join(key),
                Token::Index(index) => parent.pointer().join(index.to_string()),
            },
        }
    }
}

/// The schema at `at`, rewritten when it has anything to rewrite, then its subschemas.
fn walk(ctx: &mut Ctx<'_>, value: &mut Value, at: &At<'_>) -> Result<(), SpecError> {
    if needs_rewrite(value) {
        rewrite(ctx, value, &at.pointer())?;
    }
    let Value::Object(map) = value else {
        return Ok(());
    };
    for key in SUBSCHEMA_MAPS {
        if let Some(Value::Object(children)) = map.get_mut(*key) {
            let key_at = at.child(Token::Key(key));
            for (name, child) in children.iter_mut() {
                walk(ctx, child, &key_at.child(Token::Key(name)))?;
            }
        }
    }
    for key in ONE_SUBSCHEMA {
        if let Some(child) = map.get_mut(*key) {
            // `additionalProperties: true/false` is OpenAPI 3.0 already.
            if !(*key == "additionalProperties" && child.is_boolean()) {
                walk(ctx, child, &at.child(Token::Key(key)))?;
            }
        }
    }
    for key in SUBSCHEMA_LISTS {
        if let Some(Value::Array(children)) = map.get_mut(*key) {
            let key_at = at.child(Token::Key(key));
            for (index, child) in children.iter_mut().enumerate() {
                walk(ctx, child, &key_at.child(Token::Index(index)))?;
            }
        }
    }
    Ok(())
}

/// Whether a schema has anything of JSON Schema 2020-12 that OpenAPI 3.0 does not: one look at
/// each key.
fn needs_rewrite(value: &Value) -> bool {
    let map = match value {
        Value::Bool(_) => return true,
        Value::Object(map) => map,
        _ => return false,
    };
    let integer = map.get("type").and_then(Value::as_str) == Some("integer");
    map.iter().any(|(key, value)| match key.as_str() {
        "type" => value.is_array(),
        "exclusiveMinimum" | "exclusiveMaximum" => value.is_number(),
        "examples" => value.is_array(),
        "anyOf" | "oneOf" => value
            .as_array()
            .is_some_and(|members| members.iter().any(is_null)),
        "$ref" => map.len() > 1 || value.is_null(),
        "minimum" | "maximum" | "multipleOf" | "enum" => integer,
        "const" | "contentEncoding" | "contentMediaType" | "prefixItems" | "patternProperties"
        | "propertyNames" | "$dynamicRef" => true,
        key => SILENT.contains(&key) || IGNORED.iter().any(|(ignored, _)| *ignored == key),
    })
}

/// Rewrites one schema (not its subschemas).
fn rewrite(ctx: &mut Ctx<'_>, value: &mut Value, at: &Pointer) -> Result<(), SpecError> {
    match value {
        Value::Bool(true) => {
            *value = json!({});
            return Ok(());
        }
        Value::Bool(false) => {
            ctx.note(
                at,
                "the schema `false` (no value is valid): typed as any value, as 3.0 has no such \
                 schema",
            );
            *value = json!({});
            return Ok(());
        }
        Value::Object(_) => {}
        _ => return Ok(()),
    }
    let Value::Object(map) = value else {
        return Ok(());
    };
    null_reference(ctx, map, at);
    if let Some(dialect) = map.get("$schema") {
        if !dialect.as_str().is_some_and(is_default_dialect) {
            return Err(ctx.error(
                &at.join("$schema"),
                format!(
                    "the JSON Schema dialect {dialect} is not supported (only OpenAPI's default \
                     dialect, or JSON Schema 2020-12)"
                ),
            ));
        }
    }
    for key in SILENT {
        map.shift_remove(*key);
    }
    for key in SUBSCHEMA_LISTS {
        if *key != "allOf" {
            null_union(ctx, map, key, at);
        }
    }
    type_list(ctx, map, at);
    constant(ctx, map, at);
    exclusive_bounds(map, at, ctx);
    // Before `examples` becomes `example`, so that every example beyond `i64` is noted.
    numbers::check_schema(ctx, map, at);
    examples(ctx, map, at);
    content_encoding(ctx, map, at);
    prefix_items(ctx, map, at);
    pattern_properties(ctx, map, at);
    for (key, what) in IGNORED {
        if map.shift_remove(*key).is_some() {
            ctx.note(
                &at.join(key),
                format!("{what} is not expressed by the generated types: ignored"),
            );
        }
    }
    if map.shift_remove("$dynamicRef").is_some() {
        ctx.note(
            &at.join("$dynamicRef"),
            "`$dynamicRef` (a generic type's parameter): typed as any value",
        );
    }
    reference_siblings(ctx, map, at);
    Ok(())
}

/// `$ref: null`: YAML reads an unquoted `#/…` as a comment. A warning with its line.
fn null_reference(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, at: &Pointer) {
    if !matches!(map.get("$ref"), Some(Value::Null)) {
        return;
    }
    map.shift_remove("$ref");
    let ref_at = at.join("$ref");
    let place = super::super::locate(ctx.text, &ctx.map.original(&ref_at))
        .map(|location| format!(" ({location})"))
        .unwrap_or_default();
    ctx.note(
        &ref_at,
        format!(
            "`$ref` is null{place}: YAML reads an unquoted `#…` as a comment, so quote the \
             reference; typed as any value"
        ),
    );
}

/// Whether a schema allows only null: `{type: "null"}`, perhaps annotated.
fn is_null(member: &Value) -> bool {
    let Some(map) = member.as_object() else {
        return false;
    };
    let null_type = match map.get("type") {
        Some(Value::String(ty)) => ty == "null",
        Some(Value::Array(types)) => types.len() == 1 && types[0] == "null",
        _ => false,
    };
    null_type
        && map.keys().all(|key| {
            matches!(
                key.as_str(),
                "type" | "title" | "description" | "$comment" | "nullable"
            ) || key.starts_with("x-")
        })
}

/// `anyOf`/`oneOf` with a `{type: "null"}` member → `nullable: true` without it. With one
/// member left, the union goes: a reference becomes a one-member `allOf`, a schema is merged
/// into this one (or, when their keywords meet, a one-member `allOf` too).
fn null_union(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, key: &str, at: &Pointer) {
    let Some(Value::Array(members)) = map.get(key) else {
        return;
    };
    if !members.iter().any(is_null) {
        return;
    }
    let key_at = at.join(key);
    let Some(Value::Array(members)) = map.shift_remove(key) else {
        return;
    };
    let rest: Vec<(usize, Value)> = members
        .into_iter()
        .enumerate()
        .filter(|(_, member)| !is_null(member))
        .collect();
    map.insert("nullable".to_string(), Value::Bool(true));
    match rest.len() {
        0 => {
            map.insert("type".to_string(), Value::String("null".to_string()));
        }
        1 if !map.contains_key("discriminator") => {
            let (index, member) = rest.into_iter().next().expect("one member");
            let member_at = key_at.join(index.to_string());
            let mergeable = member.as_object().filter(|member| {
                !member.contains_key("$ref") && member.keys().all(|key| !map.contains_key(key))
            });
            match mergeable {
                Some(member_map) => {
                    for (member_key, member_value) in member_map.clone() {
                        ctx.moved(&member_at.join(&member_key), &at.join(&member_key));
                        map.insert(member_key, member_value);
                    }
                }
                None => push_all_of(ctx, map, member, &member_at, at),
            }
        }
        _ => {
            let mut kept = Vec::with_capacity(rest.len());
            for (index, member) in rest {
                ctx.moved(
                    &key_at.join(index.to_string()),
                    &key_at.join(kept.len().to_string()),
                );
                kept.push(member);
            }
            map.insert(key.to_string(), Value::Array(kept));
        }
    }
}

/// Adds `member` (now at `from`) to this schema's `allOf`.
fn push_all_of(
    ctx: &mut Ctx<'_>,
    map: &mut Map<String, Value>,
    member: Value,
    from: &Pointer,
    at: &Pointer,
) {
    let all_of = map
        .entry("allOf")
        .or_insert_with(|| Value::Array(Vec::new()));
    if !all_of.is_array() {
        *all_of = Value::Array(Vec::new());
    }
    let Value::Array(all_of) = all_of else {
        return;
    };
    let to = at.join("allOf").join(all_of.len().to_string());
    all_of.push(member);
    ctx.moved(from, &to);
}

/// `type: [X, "null"]` → `type: X, nullable: true`; several types are a union of them.
fn type_list(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, at: &Pointer) {
    let Some(Value::Array(types)) = map.get("type") else {
        return;
    };
    let nullable = types.iter().any(|ty| ty == "null");
    let mut others: Vec<&str> = types
        .iter()
        .filter_map(Value::as_str)
        .filter(|ty| *ty != "null")
        .collect();
    others.dedup();
    // An integer is a number.
    if others.len() == 2 && others.contains(&"integer") && others.contains(&"number") {
        others = vec!["number"];
    }
    let single = match others.as_slice() {
        [] if nullable => Some("null".to_string()),
        [] => None,
        [only] => Some((*only).to_string()),
        several => {
            ctx.note(
                &at.join("type"),
                format!(
                    "a value of several types ({}): typed as any value",
                    several.join(", ")
                ),
            );
            None
        }
    };
    match single {
        Some(ty) => {
            map.insert("type".to_string(), Value::String(ty));
        }
        None => {
            map.shift_remove("type");
        }
    }
    if nullable {
        map.insert("nullable".to_string(), Value::Bool(true));
    }
}

/// `const: v` → `enum: [v]`, with the type of `v` when the schema gives none.
fn constant(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, at: &Pointer) {
    let Some(value) = map.shift_remove("const") else {
        return;
    };
    if !map.contains_key("type") {
        let ty = match &value {
            Value::String(_) => Some("string"),
            Value::Bool(_) => Some("boolean"),
            Value::Number(number) if number.is_i64() || number.is_u64() => Some("integer"),
            Value::Number(_) => Some("number"),
            Value::Object(_) => Some("object"),
            Value::Array(_) => Some("array"),
            Value::Null => None,
        };
        if let Some(ty) = ty {
            map.insert("type".to_string(), Value::String(ty.to_string()));
        }
    }
    if value.is_null() {
        map.insert("nullable".to_string(), Value::Bool(true));
    }
    map.insert("enum".to_string(), Value::Array(vec![value]));
    ctx.moved(&at.join("const"), &at.join("enum").join("0"));
    ctx.moved(&at.join("const"), &at.join("enum"));
}

/// Numeric `exclusiveMinimum: n` → `minimum: n, exclusiveMinimum: true` (and the same for the
/// maximum); beside a `minimum` the stricter bound is kept.
fn exclusive_bounds(map: &mut Map<String, Value>, at: &Pointer, ctx: &mut Ctx<'_>) {
    for (exclusive, bound, lower) in [
        ("exclusiveMinimum", "minimum", true),
        ("exclusiveMaximum", "maximum", false),
    ] {
        let Some(Value::Number(limit)) = map.get(exclusive).cloned() else {
            continue;
        };
        map.shift_remove(exclusive);
        let stricter = match map.get(bound).and_then(Value::as_f64) {
            Some(inclusive) => {
                let limit = limit.as_f64().unwrap_or(f64::NAN);
                if lower {
                    limit >= inclusive
                } else {
                    limit <= inclusive
                }
            }
            None => true,
        };
        if stricter {
            map.insert(bound.to_string(), Value::Number(limit));
            map.insert(exclusive.to_string(), Value::Bool(true));
            ctx.moved(&at.join(exclusive), &at.join(bound));
        }
    }
}

/// Schema `examples: [a, …]` → `example: a`; the others are documentation only.
fn examples(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, at: &Pointer) {
    let Some(examples) = map.get("examples") else {
        return;
    };
    if !examples.is_array() {
        return;
    }
    let Some(Value::Array(examples)) = map.shift_remove("examples") else {
        return;
    };
    if map.contains_key("example") {
        return;
    }
    if let Some(first) = examples.into_iter().next() {
        map.insert("example".to_string(), first);
        ctx.moved(&at.join("examples").join("0"), &at.join("example"));
    }
}

/// `contentEncoding: base64` → `format: byte`; `contentMediaType` of a string that is not
/// text → `format: binary`.
fn content_encoding(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, at: &Pointer) {
    let encoding = map.shift_remove("contentEncoding");
    let media_type = map.shift_remove("contentMediaType");
    if encoding.is_none() && media_type.is_none() {
        return;
    }
    let is_string = map
        .get("type")
        .is_none_or(|ty| ty.as_str() == Some("string"));
    let format = match (
        encoding.as_ref().and_then(Value::as_str),
        media_type.as_ref(),
    ) {
        (Some("base64" | "base64url"), _) => Some("byte"),
        (Some(other), _) => {
            ctx.note(
                &at.join("contentEncoding"),
                format!("the content encoding `{other}` is not decoded: a plain string"),
            );
            None
        }
        (None, Some(Value::String(media)))
            if !media.starts_with("text/") && !media.contains("json") =>
        {
            Some("binary")
        }
        (None, _) => None,
    };
    if let (Some(format), true) = (format, is_string) {
        if !map.contains_key("format") {
            map.insert("type".to_string(), Value::String("string".to_string()));
            map.insert("format".to_string(), Value::String(format.to_string()));
        }
    }
}

/// `prefixItems`: a tuple. A list of one type when every item has the same schema; otherwise
/// a list of any value, reported.
fn prefix_items(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, at: &Pointer) {
    let Some(Value::Array(prefix)) = map.shift_remove("prefixItems") else {
        return;
    };
    let rest = match map.get("items") {
        Some(Value::Bool(false)) | None => None,
        Some(items) => Some(items.clone()),
    };
    let first = prefix.first().cloned();
    let same = first.as_ref().is_some_and(|first| {
        prefix.iter().all(|item| item == first) && rest.as_ref().is_none_or(|rest| rest == first)
    });
    if same {
        if let Some(first) = first {
            map.insert("items".to_string(), first);
            ctx.moved(&at.join("prefixItems").join("0"), &at.join("items"));
        }
    } else {
        ctx.note(
            &at.join("prefixItems"),
            "`prefixItems` (a tuple of items of different types): a list of any value",
        );
        map.insert("items".to_string(), json!({}));
    }
    if !map.contains_key("type") {
        map.insert("type".to_string(), Value::String("array".to_string()));
    }
}

/// `patternProperties` with one pattern → a map of its schema; `propertyNames` dropped. Each
/// is reported: the keys are not checked.
fn pattern_properties(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, at: &Pointer) {
    if let Some(Value::Object(patterns)) = map.shift_remove("patternProperties") {
        let patterns_at = at.join("patternProperties");
        let free = match map.get("additionalProperties") {
            None | Some(Value::Bool(true)) => true,
            Some(Value::Object(schema)) => schema.is_empty(),
            _ => false,
        };
        match (patterns.len(), free) {
            (1, true) => {
                let (pattern, schema) = patterns.into_iter().next().expect("one pattern");
                ctx.note(
                    &patterns_at.join(&pattern),
                    format!(
                        "`patternProperties`: a map of the values of keys matching `{pattern}`; \
                         the keys are not checked"
                    ),
                );
                map.insert("additionalProperties".to_string(), schema);
                ctx.moved(
                    &patterns_at.join(&pattern),
                    &at.join("additionalProperties"),
                );
            }
            _ => ctx.note(
                &patterns_at,
                "`patternProperties` with several patterns, or beside `additionalProperties`: \
                 ignored",
            ),
        }
    }
    if map.shift_remove("propertyNames").is_some() {
        ctx.note(
            &at.join("propertyNames"),
            "`propertyNames`: the keys of the map are not checked (typed as strings)",
        );
    }
}

/// A `$ref` with keywords beside it (3.1 reads them; 3.0 ignores them) → a one-member `allOf`
/// holding the reference, with the keywords kept.
fn reference_siblings(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, at: &Pointer) {
    if !map.get("$ref").is_some_and(Value::is_string) || map.len() == 1 {
        return;
    }
    if !map
        .keys()
        .any(|key| SCHEMA_KEYWORDS.contains(&key.as_str()))
    {
        // Only unknown keywords or extensions: the reference alone, as 3.0 reads it.
        map.retain(|key, _| key == "$ref");
        return;
    }
    let Some(reference) = map.shift_remove("$ref") else {
        return;
    };
    let mut member = Map::new();
    member.insert("$ref".to_string(), reference);
    let position = match map.get("allOf") {
        Some(Value::Array(all_of)) => all_of.len(),
        _ => 0,
    };
    push_all_of(ctx, map, Value::Object(member), &at.join("$ref-member"), at);
    let member_at = at.join("allOf").join(position.to_string());
    ctx.moved(&at.join("$ref"), &member_at.join("$ref"));
    ctx.moved(at, &member_at);
}
