//! The operation half of the IR: each operation as a method description (parameters, body,
//! responses by status), with every name chosen here.

use indexmap::IndexMap;
use openapiv3::{
    MediaType, OpenAPI, Operation as SpecOperation, Parameter, ParameterSchemaOrContent, PathItem,
    ReferenceOr, StatusCode,
};

use super::convert::Converter;
use super::names::{snake_name, type_name, variant_name, UniqueNames};
use super::types::{ResponseVariant, Scalar, TypeKind, TypeRef};
use crate::diagnostics::{Pointer, SpecError};
use crate::resolve::SchemaRef;

/// One API operation, ready to emit as a client method and a request builder.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Where the operation is.
    pub pointer: Pointer,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path template, e.g. `/partners/{partner_id}/quotes/`.
    pub path: String,
    /// The client method (snake_case operationId).
    pub fn_name: String,
    /// The request builder type (UpperCamelCase operationId).
    pub type_name: String,
    /// Summary and description.
    pub doc: Option<String>,
    /// Path parameters in template order.
    pub path_params: Vec<PathParam>,
    /// Query parameters.
    pub query: Vec<Param>,
    /// Header parameters.
    pub headers: Vec<Param>,
    /// The request body.
    pub body: Option<Body>,
    /// What a success gives (a body type, or an enum of the possible responses).
    pub success: TypeRef,
    /// What a documented error gives.
    pub failure: TypeRef,
    /// What each status means, in match order.
    pub arms: Vec<Arm>,
    /// The idempotency key header, when the operation takes one.
    pub idempotency: Option<Idempotency>,
}

/// A path parameter.
#[derive(Debug, Clone)]
pub struct PathParam {
    /// The name in the template.
    pub wire: String,
    /// The Rust name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Bound once per client (e.g. `partner_id`) instead of passed per call.
    pub bound: bool,
}

/// A query or header parameter: a setter on the request builder.
#[derive(Debug, Clone)]
pub struct Param {
    /// The name on the wire.
    pub wire: String,
    /// The setter's name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// `required: true`: `send()` fails without it.
    pub required: bool,
    /// The spec's description.
    pub doc: Option<String>,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// How it is encoded.
    pub kind: BodyKind,
    /// `required: true`.
    pub required: bool,
    /// The spec's description.
    pub doc: Option<String>,
}

/// The encoding of a request body.
#[derive(Debug, Clone)]
pub enum BodyKind {
    /// `application/json`.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`.
    Form(TypeRef),
    /// `multipart/form-data`: the caller builds a `reqwest::multipart::Form`.
    Multipart,
    /// Any other media type: raw bytes, sent with that content type.
    Binary(String),
}

/// Which statuses an arm matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusMatch {
    /// One status.
    Code(u16),
    /// `2XX`, `4XX`, …: the first digit.
    Range(u16),
    /// `default`, for a 2xx status not listed.
    DefaultSuccess,
    /// `default`, for any other status not listed.
    DefaultFailure,
}

/// What a response body is decoded as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseBody {
    /// JSON of this type.
    Json(TypeRef),
    /// Text.
    Text,
    /// Raw bytes.
    Bytes,
    /// No body.
    Empty,
}

impl ResponseBody {
    /// The Rust type the body is decoded into.
    pub fn ty(&self) -> TypeRef {
        match self {
            ResponseBody::Json(ty) => ty.clone(),
            ResponseBody::Text => TypeRef::Scalar(Scalar::String),
            ResponseBody::Bytes => TypeRef::Scalar(Scalar::Bytes),
            ResponseBody::Empty => TypeRef::Scalar(Scalar::Unit),
        }
    }
}

/// One status arm of an operation's response handling.
#[derive(Debug, Clone)]
pub struct Arm {
    /// The statuses it matches.
    pub status: StatusMatch,
    /// Success (`Ok`) or documented error (`Err(ErrorResponse)`).
    pub success: bool,
    /// How the body is decoded.
    pub body: ResponseBody,
    /// The variant of the operation's response (or error) enum the body goes into.
    pub variant: Option<String>,
}

/// An operation that takes an idempotency key.
#[derive(Debug, Clone)]
pub struct Idempotency {
    /// Index of the header parameter carrying the key.
    pub header: usize,
    /// Generate a UUID v4 key when the caller gives none (POST, PUT, PATCH).
    pub generate: bool,
    /// The status with which the server replays a stored response.
    pub replay_status: Option<u16>,
}

/// The document-level `x-idempotency` extension: `{header, replay-status}`.
#[derive(Debug, Clone)]
pub struct IdempotencyConvention {
    header: String,
    replay_status: Option<u16>,
}

impl IdempotencyConvention {
    /// Reads `x-idempotency` from the document.
    pub fn from_document(document: &OpenAPI) -> Option<Self> {
        let value = document.extensions.get("x-idempotency")?;
        Some(IdempotencyConvention {
            header: value.get("header")?.as_str()?.to_string(),
            replay_status: value
                .get("replay-status")
                .and_then(serde_json::Value::as_u64)
                .and_then(|status| u16::try_from(status).ok()),
        })
    }
}

/// Names client methods and builder types, and holds what every operation shares.
pub struct OperationBuilder<'d> {
    /// Path parameters bound once per client.
    pub client_params: &'d [String],
    /// The idempotency convention, if the document has one.
    pub idempotency: Option<IdempotencyConvention>,
    /// Method names taken so far.
    pub fn_names: UniqueNames,
    /// Builder type names taken so far.
    pub type_names: UniqueNames,
}

/// Header parameters that OpenAPI says to ignore.
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];
/// Builder members, and the locals of `send()`, that parameters must not shadow.
const BUILDER_MEMBERS: &[&str] = &[
    "body", "send", "client", "path", "request", "raw", "query", "value", "key", "response", "new",
];

impl<'d> OperationBuilder<'d> {
    /// Converts every operation of the document, in path order.
    pub fn build_all<'a>(
        &mut self,
        document: &'a OpenAPI,
        converter: &mut Converter<'a, '_>,
    ) -> Result<Vec<Operation>, SpecError> {
        let mut operations = Vec::new();
        let paths = Pointer::root().join("paths");
        for (path, item) in &document.paths.paths {
            let at = paths.join(path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    converter.fall_back(
                        &at,
                        format!("path item `$ref` `{reference}` is not supported: skipped"),
                    );
                    continue;
                }
            };
            for (method, operation) in item.iter() {
                operations.push(self.build(path, method, item, operation, &at, converter)?);
            }
        }
        Ok(operations)
    }

    fn build<'a>(
        &mut self,
        path: &str,
        method: &str,
        item: &'a PathItem,
        operation: &'a SpecOperation,
        item_at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<Operation, SpecError> {
        let at = &item_at.join(method);
        let base_name = match &operation.operation_id {
            Some(id) if !snake_name(id).is_empty() => id.clone(),
            _ => format!("{method} {path}"),
        };
        let fn_name = self.fn_names.claim(snake_name(&base_name));
        let type_name = self.type_names.claim(type_name(&base_name));
        let doc = join_doc(
            operation.summary.as_deref(),
            operation.description.as_deref(),
        );

        let parameters = self.parameters(item, operation, item_at, at, converter)?;
        let mut names = UniqueNames::with_reserved(BUILDER_MEMBERS);
        let mut path_params = Vec::new();
        for wire in template_names(path) {
            let declared = parameters
                .iter()
                .find(|p| p.location == "path" && p.wire == wire);
            let ty = match declared {
                Some(declared) => self.param_type(declared, &type_name, converter)?,
                None => {
                    converter.fall_back(
                        at,
                        format!("path parameter `{wire}` is not declared: taken as a string"),
                    );
                    TypeRef::Scalar(Scalar::String)
                }
            };
            path_params.push(PathParam {
                name: names.claim(snake_name(&wire)),
                bound: self.client_params.contains(&wire),
                wire,
                ty,
            });
        }
        let mut query = Vec::new();
        let mut headers = Vec::new();
        let mut idempotency_header = None;
        for parameter in &parameters {
            let list = match parameter.location {
                "query" => &mut query,
                "header"
                    if !IGNORED_HEADERS.contains(&parameter.wire.to_ascii_lowercase().as_str()) =>
                {
                    &mut headers
                }
                "path" | "header" => continue,
                _ => {
                    converter.fall_back(
                        &parameter.pointer,
                        format!(
                            "{} parameters are not supported: skipped",
                            parameter.location
                        ),
                    );
                    continue;
                }
            };
            let mut ty = self.param_type(parameter, &type_name, converter)?;
            let names_idempotency_header = parameter.location == "header"
                && self.idempotency.as_ref().is_some_and(|convention| {
                    parameter.wire.eq_ignore_ascii_case(&convention.header)
                });
            // The key is opaque text (a generated one is a UUID v4), whatever string format the
            // spec gives it; a header of another type is an ordinary header.
            let is_idempotency_key = names_idempotency_header
                && matches!(ty, TypeRef::Scalar(Scalar::String | Scalar::Uuid));
            if names_idempotency_header && !is_idempotency_key {
                converter.fall_back(
                    &parameter.pointer,
                    "the idempotency header is not a string: sent as declared, and no key is generated",
                );
            }
            // The idempotency header's setter is `idempotency_key`, whatever the header is called.
            let setter = if is_idempotency_key {
                ty = TypeRef::Scalar(Scalar::String);
                idempotency_header = Some(list.len());
                "idempotency_key".to_string()
            } else {
                snake_name(&parameter.wire)
            };
            list.push(Param {
                wire: parameter.wire.clone(),
                name: names.claim(setter),
                ty,
                required: parameter.required,
                doc: parameter.doc.clone(),
            });
        }

        let body = match &operation.request_body {
            Some(body) => Some(self.body(body, &type_name, &at.join("requestBody"), converter)?),
            None => None,
        };
        let idempotency =
            self.idempotency
                .as_ref()
                .zip(idempotency_header)
                .map(|(convention, header)| Idempotency {
                    header,
                    generate: matches!(method, "post" | "put" | "patch"),
                    replay_status: convention.replay_status,
                });
        let (arms, success, failure) =
            self.responses(operation, &type_name, &at.join("responses"), converter)?;
        Ok(Operation {
            pointer: at.clone(),
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            fn_name,
            type_name,
            doc,
            path_params,
            query,
            headers,
            body,
            success,
            failure,
            arms,
            idempotency,
        })
    }

    /// Path-item and operation parameters; the operation's win on the same name and location.
    fn parameters<'a>(
        &self,
        item: &'a PathItem,
        operation: &'a SpecOperation,
        item_at: &Pointer,
        at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<Vec<ResolvedParam<'a>>, SpecError> {
        let mut merged: IndexMap<(&'static str, String), ResolvedParam<'a>> = IndexMap::new();
        let sources = item
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, item_at.join("parameters").join(i.to_string())))
            .chain(
                operation
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, at.join("parameters").join(i.to_string()))),
            );
        for (parameter, parameter_at) in sources {
            let resolved = converter.resolver.parameter(parameter, &parameter_at)?;
            let (location, data) = match resolved.item {
                Parameter::Query { parameter_data, .. } => ("query", parameter_data),
                Parameter::Header { parameter_data, .. } => ("header", parameter_data),
                Parameter::Path { parameter_data, .. } => ("path", parameter_data),
                Parameter::Cookie { parameter_data, .. } => ("cookie", parameter_data),
            };
            let schema = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    Some((SchemaRef::from(schema), resolved.pointer.join("schema")))
                }
                ParameterSchemaOrContent::Content(content) => {
                    content.iter().next().and_then(|(media, body)| {
                        body.schema.as_ref().map(|schema| {
                            (
                                SchemaRef::from(schema),
                                resolved.pointer.join("content").join(media).join("schema"),
                            )
                        })
                    })
                }
            };
            merged.insert(
                (location, data.name.clone()),
                ResolvedParam {
                    location,
                    wire: data.name.clone(),
                    required: data.required || location == "path",
                    doc: data.description.clone().filter(|d| !d.trim().is_empty()),
                    schema,
                    pointer: resolved.pointer.clone(),
                },
            );
        }
        Ok(merged.into_values().collect())
    }

    fn param_type<'a>(
        &self,
        parameter: &ResolvedParam<'a>,
        type_name: &str,
        converter: &mut Converter<'a, '_>,
    ) -> Result<TypeRef, SpecError> {
        match &parameter.schema {
            Some((schema, at)) => {
                let name = format!("{type_name}{}", super::names::type_name(&parameter.wire));
                Ok(converter.convert(*schema, &name, at)?.ty)
            }
            None => Ok(TypeRef::Scalar(Scalar::String)),
        }
    }

    fn body<'a>(
        &self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        type_name: &str,
        at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<Body, SpecError> {
        let resolved = converter.resolver.request_body(body, at)?;
        let content_at = resolved.pointer.join("content");
        let chosen = choose_media(&resolved.item.content);
        let kind = match chosen {
            Some((media, MediaKind::Json, content)) => BodyKind::Json(self.media_type(
                content,
                &format!("{type_name}Request"),
                &content_at.join(media),
                converter,
            )?),
            Some((media, MediaKind::Form, content)) => BodyKind::Form(self.media_type(
                content,
                &format!("{type_name}Request"),
                &content_at.join(media),
                converter,
            )?),
            Some((_, MediaKind::Multipart, _)) => BodyKind::Multipart,
            Some((media, MediaKind::Text | MediaKind::Binary, _)) => {
                BodyKind::Binary(media.to_string())
            }
            None => BodyKind::Binary("application/octet-stream".to_string()),
        };
        Ok(Body {
            kind,
            required: resolved.item.required,
            doc: resolved
                .item
                .description
                .clone()
                .filter(|d| !d.trim().is_empty()),
        })
    }

    fn media_type<'a>(
        &self,
        media: &'a MediaType,
        name: &str,
        at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<TypeRef, SpecError> {
        match &media.schema {
            Some(schema) => {
                let converted = converter.convert(schema.into(), name, &at.join("schema"))?;
                Ok(super::convert::optional(converted))
            }
            None => Ok(TypeRef::Scalar(Scalar::Json)),
        }
    }

    /// The status arms, and the success and failure types they produce.
    fn responses<'a>(
        &self,
        operation: &'a SpecOperation,
        type_name: &str,
        at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<(Vec<Arm>, TypeRef, TypeRef), SpecError> {
        let responses = &operation.responses;
        let mut arms = Vec::new();
        let mut listed: Vec<(StatusCode, &ReferenceOr<openapiv3::Response>)> = responses
            .responses
            .iter()
            .map(|(status, response)| (status.clone(), response))
            .collect();
        // Exact codes before ranges, each in numeric order: the order a `match` needs.
        listed.sort_by_key(|(status, _)| match status {
            StatusCode::Code(code) => (0, *code),
            StatusCode::Range(range) => (1, *range),
        });
        for (status, response) in listed {
            let (key, status_match, success) = match status {
                StatusCode::Code(code) => (
                    code.to_string(),
                    StatusMatch::Code(code),
                    (200..300).contains(&code),
                ),
                StatusCode::Range(range) => {
                    (format!("{range}XX"), StatusMatch::Range(range), range == 2)
                }
            };
            let name = format!("{type_name}{}", status_name(&status_match));
            let body = self.response_body(response, &name, &at.join(&key), converter)?;
            arms.push(Arm {
                status: status_match,
                success,
                body,
                variant: None,
            });
        }
        if let Some(default) = &responses.default {
            let body = self.response_body(
                default,
                &format!("{type_name}Default"),
                &at.join("default"),
                converter,
            )?;
            arms.push(Arm {
                status: StatusMatch::DefaultSuccess,
                success: true,
                body: body.clone(),
                variant: None,
            });
            arms.push(Arm {
                status: StatusMatch::DefaultFailure,
                success: false,
                body,
                variant: None,
            });
        }
        let success = self.outcome_type(
            &mut arms,
            true,
            &format!("{type_name}Response"),
            at,
            converter,
        );
        let failure = self.outcome_type(
            &mut arms,
            false,
            &format!("{type_name}Error"),
            at,
            converter,
        );
        Ok((arms, success, failure))
    }

    /// One type for the success (or failure) arms: their common body type, or an enum with a
    /// variant per arm when they differ.
    fn outcome_type(
        &self,
        arms: &mut [Arm],
        success: bool,
        enum_name: &str,
        at: &Pointer,
        converter: &mut Converter<'_, '_>,
    ) -> TypeRef {
        let mut bodies = arms
            .iter()
            .filter(|arm| arm.success == success)
            .map(|arm| &arm.body);
        let first = bodies.next();
        if bodies.all(|body| Some(body) == first) {
            return first
                .map(ResponseBody::ty)
                .unwrap_or(TypeRef::Scalar(Scalar::Unit));
        }
        let mut names = UniqueNames::default();
        let mut variants = Vec::new();
        for arm in arms.iter_mut().filter(|arm| arm.success == success) {
            let name = names.claim(status_name(&arm.status));
            variants.push(ResponseVariant {
                name: name.clone(),
                ty: match &arm.body {
                    ResponseBody::Empty => None,
                    body => Some(body.ty()),
                },
            });
            arm.variant = Some(name);
        }
        TypeRef::Named(converter.define_inline(
            enum_name,
            at,
            TypeKind::ResponseEnum(variants),
            None,
        ))
    }

    fn response_body<'a>(
        &self,
        response: &'a ReferenceOr<openapiv3::Response>,
        name: &str,
        at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<ResponseBody, SpecError> {
        let resolved = converter.resolver.response(response, at)?;
        let content_at = resolved.pointer.join("content");
        Ok(match choose_media(&resolved.item.content) {
            Some((media, MediaKind::Json, content)) => ResponseBody::Json(self.media_type(
                content,
                name,
                &content_at.join(media),
                converter,
            )?),
            Some((_, MediaKind::Text, _)) => ResponseBody::Text,
            Some(_) => ResponseBody::Bytes,
            None => ResponseBody::Empty,
        })
    }
}

/// A parameter after `$ref`s are followed.
struct ResolvedParam<'a> {
    location: &'static str,
    wire: String,
    required: bool,
    doc: Option<String>,
    schema: Option<(SchemaRef<'a>, Pointer)>,
    pointer: Pointer,
}

/// What kind of encoding a media type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

fn media_kind(media: &str) -> MediaKind {
    let essence = media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || essence.ends_with("+json")
        || essence == "*/*"
        || essence == "text/json"
    {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence == "multipart/form-data" {
        MediaKind::Multipart
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

/// The media type to use when several are offered: JSON first, then form, multipart, text,
/// binary; among equals the first listed.
fn choose_media(content: &IndexMap<String, MediaType>) -> Option<(&str, MediaKind, &MediaType)> {
    content
        .iter()
        .map(|(media, body)| (media.as_str(), media_kind(media), body))
        .min_by_key(|(_, kind, _)| *kind)
}

/// The names in `{…}` of a path template, in order.
fn template_names(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        names.push(rest[start + 1..start + length].to_string());
        rest = &rest[start + length + 1..];
    }
    names
}

/// The variant name for a status: `Ok`, `Created`, `NotFound`, `Status418`, `Default`, …
fn status_name(status: &StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => reason_phrase(*code)
            .map(variant_name)
            .unwrap_or_else(|| format!("Status{code}")),
        StatusMatch::Range(range) => format!("Status{range}xx"),
        StatusMatch::DefaultSuccess | StatusMatch::DefaultFailure => "Default".to_string(),
    }
}

/// The standard reason phrase of a status code.
fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "Non Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        423 => "Locked",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// Summary and description as one doc comment.
pub fn join_doc(summary: Option<&str>, description: Option<&str>) -> Option<String> {
    let summary = summary.map(str::trim).filter(|s| !s.is_empty());
    let description = description.map(str::trim).filter(|s| !s.is_empty());
    match (summary, description) {
        (Some(summary), Some(description)) if summary != description => {
            Some(format!("{summary}\n\n{description}"))
        }
        (Some(text), _) | (None, Some(text)) => Some(text.to_string()),
        (None, None) => None,
    }
}
