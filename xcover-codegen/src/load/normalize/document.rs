//! What is not a schema: the document's top level, path items, operations, parameters,
//! bodies and responses. Each schema found on the way is handed to [`super::schema`].

use serde_json::{Map, Value};

use super::{schema, Ctx};
use crate::diagnostics::{Pointer, SpecError};

/// The HTTP methods of a path item that OpenAPI 3.0 has.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The JSON Schema dialects a 3.1 or 3.2 document may declare: those of OpenAPI, and JSON
/// Schema 2020-12 itself.
pub(super) fn is_default_dialect(uri: &str) -> bool {
    let uri = uri.trim_end_matches('#');
    uri.starts_with("https://spec.openapis.org/oas/3.1/dialect")
        || uri.starts_with("https://spec.openapis.org/oas/3.2/dialect")
        || uri == "https://json-schema.org/draft/2020-12/schema"
}

/// The document's own keys: its dialect, `webhooks`, a missing `paths`, security schemes
/// OpenAPI 3.0 lacks, and the version itself.
pub(super) fn top_level(ctx: &mut Ctx<'_>, document: &mut Value) -> Result<(), SpecError> {
    let root = Pointer::root();
    let Some(map) = document.as_object_mut() else {
        return Ok(());
    };
    if let Some(dialect) = map.get("jsonSchemaDialect") {
        let at = root.join("jsonSchemaDialect");
        match dialect.as_str() {
            Some(uri) if is_default_dialect(uri) => {}
            Some(uri) => {
                return Err(ctx.error(
                    &at,
                    format!(
                        "the JSON Schema dialect `{uri}` is not supported (only OpenAPI's default \
                         dialect, or JSON Schema 2020-12)"
                    ),
                ))
            }
            None => return Err(ctx.error(&at, "`jsonSchemaDialect` must be a URI string")),
        }
        map.shift_remove("jsonSchemaDialect");
    }
    map.shift_remove("$self");
    if let Some(webhooks) = map.shift_remove("webhooks") {
        if map.contains_key("x-webhooks") {
            return Err(ctx.error(
                &root.join("webhooks"),
                "both `webhooks` and `x-webhooks`: give the webhooks in one of them",
            ));
        }
        // In the place of `webhooks`, for the order of the document.
        map.insert("x-webhooks".to_string(), webhooks);
        ctx.moved(&root.join("webhooks"), &root.join("x-webhooks"));
    }
    if !map.contains_key("paths") {
        map.insert("paths".to_string(), Value::Object(Map::new()));
    }
    map.insert("openapi".to_string(), Value::String("3.0.3".to_string()));
    if let Some(components) = map.get_mut("components") {
        security_schemes(ctx, components);
    }
    Ok(())
}

/// Leaves out the security schemes OpenAPI 3.0 lacks (`mutualTLS`), each noted.
pub(super) fn security_schemes(ctx: &mut Ctx<'_>, components: &mut Value) {
    let schemes_at = Pointer::root().join("components").join("securitySchemes");
    if let Some(Value::Object(schemes)) = components.get_mut("securitySchemes") {
        let mutual: Vec<String> = schemes
            .iter()
            .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
            .map(|(name, _)| name.clone())
            .collect();
        for name in mutual {
            schemes.shift_remove(&name);
            ctx.note(
                &schemes_at.join(&name),
                "a `mutualTLS` security scheme (not in OpenAPI 3.0): left out; the client does \
                 not configure TLS client certificates",
            );
        }
    }
}

/// The path items a `$ref` of a path item may name: `components/pathItems` and `paths`.
pub(super) struct PathItems(Value);

impl PathItems {
    /// None to name: for a part of a document that has no `$ref` to a path item.
    pub(super) fn none() -> Self {
        PathItems(Value::Null)
    }

    pub(super) fn of(document: &Value) -> Self {
        let mut snapshot = Map::new();
        for key in ["components", "paths", "x-webhooks"] {
            let part = match key {
                "components" => document
                    .get("components")
                    .and_then(|components| components.get("pathItems"))
                    .map(|items| {
                        let mut components = Map::new();
                        components.insert("pathItems".to_string(), items.clone());
                        Value::Object(components)
                    }),
                _ => document.get(key).filter(|part| part_has_ref(part)).cloned(),
            };
            if let Some(part) = part {
                snapshot.insert(key.to_string(), part);
            }
        }
        PathItems(Value::Object(snapshot))
    }
}

/// Whether a map of path items has a `$ref` one.
fn part_has_ref(part: &Value) -> bool {
    part.as_object()
        .is_some_and(|items| items.values().any(|item| item.get("$ref").is_some()))
}

/// Every path item, operation and schema of the document, in document order.
pub(super) fn walk(ctx: &mut Ctx<'_>, document: &mut Value) -> Result<(), SpecError> {
    let root = Pointer::root();
    let items = PathItems::of(document);
    let Some(map) = document.as_object_mut() else {
        return Ok(());
    };
    for key in ["paths", "x-webhooks"] {
        let at = root.join(key);
        if let Some(Value::Object(paths)) = map.get_mut(key) {
            for (path, item) in paths.iter_mut() {
                if key == "paths" && path.starts_with("x-") {
                    continue;
                }
                path_item(ctx, &items, item, &at.join(path))?;
            }
        }
    }
    if let Some(components) = map.get_mut("components") {
        walk_components(ctx, &items, components)?;
    }
    Ok(())
}

/// The schemas, parameters, bodies, responses and callbacks of `components`.
pub(super) fn walk_components(
    ctx: &mut Ctx<'_>,
    items: &PathItems,
    components: &mut Value,
) -> Result<(), SpecError> {
    let at = Pointer::root().join("components");
    if let Value::Object(components) = components {
        components.shift_remove("pathItems");
        for (kind, entries) in components.iter_mut() {
            let Value::Object(entries) = entries else {
                continue;
            };
            let kind_at = at.join(kind);
            for (name, entry) in entries.iter_mut() {
                let entry_at = kind_at.join(name);
                match kind.as_str() {
                    "schemas" => schema::schema(ctx, entry, &entry_at)?,
                    "parameters" | "headers" => parameter(ctx, entry, &entry_at)?,
                    "requestBodies" | "responses" => body(ctx, entry, &entry_at)?,
                    "callbacks" => callback(ctx, items, entry, &entry_at)?,
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

/// A path item: a `$ref` to one is replaced by a copy of it; OpenAPI 3.2's `query` method
/// and `additionalOperations` are skipped, as is an operation with a `querystring` parameter.
fn path_item(
    ctx: &mut Ctx<'_>,
    items: &PathItems,
    item: &mut Value,
    at: &Pointer,
) -> Result<(), SpecError> {
    inline_path_item(ctx, items, item, at)?;
    let Some(map) = item.as_object_mut() else {
        return Ok(());
    };
    if map.shift_remove("query").is_some() {
        ctx.note(
            &at.join("query"),
            "the QUERY method (OpenAPI 3.2) has no client method: operation skipped",
        );
    }
    if let Some(additional) = map.shift_remove("additionalOperations") {
        let additional_at = at.join("additionalOperations");
        match additional.as_object() {
            Some(operations) if !operations.is_empty() => {
                for method in operations.keys() {
                    ctx.note(
                        &additional_at.join(method),
                        format!(
                            "the method `{method}` (an OpenAPI 3.2 additional operation) has no \
                             client method: operation skipped"
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    if let Some(index) = querystring_parameter(map.get("parameters")) {
        ctx.note(
            &at.join("parameters").join(index.to_string()),
            "a `querystring` parameter (OpenAPI 3.2) on the path item: its operations are skipped",
        );
        for method in METHODS {
            map.shift_remove(*method);
        }
    }
    for method in METHODS {
        let Some(operation) = map.get(*method) else {
            continue;
        };
        if let Some(index) = querystring_parameter(operation.get("parameters")) {
            ctx.note(
                &at.join(method).join("parameters").join(index.to_string()),
                "a `querystring` parameter (OpenAPI 3.2: the whole query string as one value) \
                 has no client argument: operation skipped",
            );
            map.shift_remove(*method);
        }
    }
    if let Some(Value::Array(parameters)) = map.get_mut("parameters") {
        let parameters_at = at.join("parameters");
        for (index, entry) in parameters.iter_mut().enumerate() {
            parameter(ctx, entry, &parameters_at.join(index.to_string()))?;
        }
    }
    for method in METHODS {
        if let Some(operation_value) = map.get_mut(*method) {
            operation(ctx, items, operation_value, &at.join(method))?;
        }
    }
    Ok(())
}

/// Replaces a path item that is a `$ref` by a copy of what it names; the reference's own
/// `summary` and `description` win.
fn inline_path_item(
    ctx: &mut Ctx<'_>,
    items: &PathItems,
    item: &mut Value,
    at: &Pointer,
) -> Result<(), SpecError> {
    let mut seen = 0;
    while let Some(reference) = item.get("$ref").cloned() {
        let ref_at = at.join("$ref");
        let Some(reference) = reference.as_str() else {
            return Err(ctx.error(&ref_at, "a path item's `$ref` must be a string"));
        };
        let target_pointer = reference
            .strip_prefix('#')
            .filter(|pointer| pointer.starts_with('/'))
            .ok_or_else(|| {
                ctx.error(
                    &ref_at,
                    format!(
                        "the path item reference `{reference}` is not a local one \
                         (`#/components/pathItems/…`)"
                    ),
                )
            })?;
        let target = items.0.pointer(target_pointer).ok_or_else(|| {
            ctx.error(
                &ref_at,
                format!("the path item reference `{reference}` names nothing in the document"),
            )
        })?;
        seen += 1;
        if seen > 16 {
            return Err(ctx.error(&ref_at, "path item references go round in a cycle"));
        }
        let mut copy = target.clone();
        if let (Some(copy_map), Some(reference_map)) = (copy.as_object_mut(), item.as_object()) {
            for key in ["summary", "description"] {
                if let Some(value) = reference_map.get(key) {
                    copy_map.insert(key.to_string(), value.clone());
                }
            }
        }
        *item = copy;
        ctx.moved(&super::pointer_from(target_pointer), at);
    }
    Ok(())
}

/// The index of a `querystring` parameter in a list of parameters.
fn querystring_parameter(parameters: Option<&Value>) -> Option<usize> {
    parameters?
        .as_array()?
        .iter()
        .position(|parameter| parameter.get("in").and_then(Value::as_str) == Some("querystring"))
}

/// An operation: its parameters, request body, responses (an empty set when it has none, as
/// OpenAPI 3.1 allows) and callbacks.
fn operation(
    ctx: &mut Ctx<'_>,
    items: &PathItems,
    operation: &mut Value,
    at: &Pointer,
) -> Result<(), SpecError> {
    let Some(map) = operation.as_object_mut() else {
        return Ok(());
    };
    if let Some(Value::Array(parameters)) = map.get_mut("parameters") {
        let parameters_at = at.join("parameters");
        for (index, entry) in parameters.iter_mut().enumerate() {
            parameter(ctx, entry, &parameters_at.join(index.to_string()))?;
        }
    }
    if let Some(request) = map.get_mut("requestBody") {
        body(ctx, request, &at.join("requestBody"))?;
    }
    match map.get_mut("responses") {
        Some(Value::Object(responses)) => {
            let responses_at = at.join("responses");
            for (status, response) in responses.iter_mut() {
                if !status.starts_with("x-") {
                    body(ctx, response, &responses_at.join(status))?;
                }
            }
        }
        Some(_) => {}
        None => {
            ctx.note(
                at,
                "an operation without `responses` (allowed since OpenAPI 3.1): any 2XX answer is \
                 a success without a typed body",
            );
            map.insert(
                "responses".to_string(),
                serde_json::json!({"2XX": {"description": "Any success: the operation declares no responses."}}),
            );
        }
    }
    if let Some(Value::Object(callbacks)) = map.get_mut("callbacks") {
        let callbacks_at = at.join("callbacks");
        for (name, entry) in callbacks.iter_mut() {
            callback(ctx, items, entry, &callbacks_at.join(name))?;
        }
    }
    Ok(())
}

/// A callback: a map of expressions to path items.
fn callback(
    ctx: &mut Ctx<'_>,
    items: &PathItems,
    callback: &mut Value,
    at: &Pointer,
) -> Result<(), SpecError> {
    if let Some(Value::Object(entries)) = Some(callback).filter(|c| c.get("$ref").is_none()) {
        for (expression, item) in entries.iter_mut() {
            if !expression.starts_with("x-") {
                path_item(ctx, items, item, &at.join(expression))?;
            }
        }
    }
    Ok(())
}

/// A parameter or a header: its schema, or its content.
fn parameter(ctx: &mut Ctx<'_>, parameter: &mut Value, at: &Pointer) -> Result<(), SpecError> {
    let Some(map) = parameter
        .as_object_mut()
        .filter(|map| !map.contains_key("$ref"))
    else {
        return Ok(());
    };
    if let Some(schema_value) = map.get_mut("schema") {
        schema::schema(ctx, schema_value, &at.join("schema"))?;
    }
    content(ctx, map, at)
}

/// A request body or a response: its content, and a response's headers.
fn body(ctx: &mut Ctx<'_>, body: &mut Value, at: &Pointer) -> Result<(), SpecError> {
    let Some(map) = body.as_object_mut().filter(|map| !map.contains_key("$ref")) else {
        return Ok(());
    };
    if let Some(Value::Object(headers)) = map.get_mut("headers") {
        let headers_at = at.join("headers");
        for (name, header) in headers.iter_mut() {
            parameter(ctx, header, &headers_at.join(name))?;
        }
    }
    content(ctx, map, at)
}

/// The media types of `content`: each schema, and OpenAPI 3.2's `itemSchema` (skipped).
fn content(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, at: &Pointer) -> Result<(), SpecError> {
    let Some(Value::Object(media_types)) = map.get_mut("content") else {
        return Ok(());
    };
    let content_at = at.join("content");
    for (media, media_type) in media_types.iter_mut() {
        let media_at = content_at.join(media);
        let Some(media_map) = media_type.as_object_mut() else {
            continue;
        };
        if media_map.shift_remove("itemSchema").is_some() {
            let what = if media_map.contains_key("schema") {
                "left out; the `schema` beside it is used"
            } else {
                "the body is not typed"
            };
            ctx.note(
                &media_at.join("itemSchema"),
                format!("`itemSchema` (a stream of items, OpenAPI 3.2): {what}"),
            );
        }
        media_map.shift_remove("prefixEncoding");
        media_map.shift_remove("itemEncoding");
        if let Some(schema_value) = media_map.get_mut("schema") {
            schema::schema(ctx, schema_value, &media_at.join("schema"))?;
        }
        if let Some(Value::Object(encodings)) = media_map.get_mut("encoding") {
            let encoding_at = media_at.join("encoding");
            for (name, encoding) in encodings.iter_mut() {
                if let Some(Value::Object(headers)) = encoding.get_mut("headers") {
                    let headers_at = encoding_at.join(name).join("headers");
                    for (header_name, header) in headers.iter_mut() {
                        parameter(ctx, header, &headers_at.join(header_name))?;
                    }
                }
            }
        }
    }
    // Nothing else of 3.2 changes the generated API: its other additions (tag `parent` and
    // `kind`, server `name`, …) are read past by the 3.0 model.
    Ok(())
}
