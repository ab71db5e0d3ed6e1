//! The operation half of the IR: each operation as a method description (parameters, body,
//! responses by status), with every name chosen here. One job a file: `parameters` merges and
//! types them, `bodies` chooses the request body's media type, `responses` gives each status
//! its arm, and `arms` plans the `match` on the status.

pub mod arms;
mod bodies;
mod parameters;
mod responses;

use openapiv3::{OpenAPI, Operation as SpecOperation, PathItem, ReferenceOr};

use super::convert::Converter;
use super::extensions::{IDEMPOTENCY, RUST_NAME};
use super::names::{settle, snake_name, type_name, UniqueNames};
use super::pagination::Pagination;
use super::types::{Scalar, TypeRef};
use crate::diagnostics::{Pointer, SpecError};

/// One API operation, ready to emit as a client method and a request builder.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Where the operation is.
    pub pointer: Pointer,
    /// The spec's operationId, or `METHOD /path` when it has none: how tracing and test
    /// doubles name the operation.
    pub id: String,
    /// `GET`, `POST`, …
    pub method: HttpMethod,
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
    /// The arms of the `match` on the status, `arms` grouped where they share an outcome.
    pub status_arms: Vec<arms::StatusArm>,
    /// The idempotency key header, when the operation takes one.
    pub idempotency: Option<Idempotency>,
    /// How its pages are followed, when it is a paged list (decided once fields are).
    pub pagination: Option<Pagination>,
}

impl Operation {
    /// Whether the client method takes `param` (a query or header parameter) as an argument:
    /// what the spec requires can't be forgotten, and a generated idempotency key is never
    /// required of the caller.
    pub fn takes_argument(&self, param: &Param) -> bool {
        param.required
            && !self.idempotency.as_ref().is_some_and(|idempotency| {
                idempotency.generate
                    && self
                        .headers
                        .get(idempotency.header)
                        .is_some_and(|header| std::ptr::eq(header, param))
            })
    }

    /// The client method's arguments, in order: the path parameters not bound to the client,
    /// then what the spec requires (query and header parameters, the body), so that forgetting
    /// one is a compile error.
    pub fn arguments(&self) -> Vec<Input<'_>> {
        let path = self
            .path_params
            .iter()
            .filter(|p| !p.bound)
            .map(|p| Input::parameter(&p.name, &p.wire, &p.ty, None));
        let params = self
            .query
            .iter()
            .chain(&self.headers)
            .filter(|param| self.takes_argument(param))
            .map(Input::of_param);
        let body = self
            .body
            .iter()
            .filter(|body| body.required)
            .map(Input::body);
        path.chain(params).chain(body).collect()
    }

    /// The request builder's setters, in order: the query and header parameters the client
    /// method does not take, then the body when it is optional.
    pub fn setters(&self) -> Vec<Input<'_>> {
        let params = self
            .query
            .iter()
            .chain(&self.headers)
            .filter(|param| !self.takes_argument(param))
            .map(Input::of_param);
        let body = self
            .body
            .iter()
            .filter(|body| !body.required)
            .map(Input::body);
        params.chain(body).collect()
    }
}

/// What a client method takes as an argument, or its request builder by a setter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input<'o> {
    /// The argument's or setter's name.
    pub name: &'o str,
    /// The parameter's name on the wire; none for a body.
    pub wire: Option<&'o str>,
    /// What it takes.
    pub value: InputValue<'o>,
    /// The spec's description.
    pub doc: Option<&'o str>,
}

/// The value an [`Input`] takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputValue<'o> {
    /// A path, query or header parameter of this type (`impl Into<String>` for a string).
    Parameter(&'o TypeRef),
    /// A JSON or form body of this type.
    Body(&'o TypeRef),
    /// A multipart body: a `reqwest::multipart::Form` the caller builds.
    Multipart,
    /// Any other body: raw bytes (`impl Into<bytes::Bytes>`).
    Bytes,
}

/// The Rust type of a multipart body, which the caller builds.
pub const MULTIPART_FORM: &[&str] = &["reqwest", "multipart", "Form"];
/// The Rust type of a raw body (any media type but JSON, form and multipart).
pub const BYTES: &[&str] = &["bytes", "Bytes"];

/// The name of a body's argument or setter.
const BODY_INPUT: &str = "body";

impl<'o> Input<'o> {
    fn parameter(name: &'o str, wire: &'o str, ty: &'o TypeRef, doc: Option<&'o str>) -> Self {
        Input {
            name,
            wire: Some(wire),
            value: InputValue::Parameter(ty),
            doc,
        }
    }

    fn of_param(param: &'o Param) -> Self {
        Input::parameter(&param.name, &param.wire, &param.ty, param.doc.as_deref())
    }

    fn body(body: &'o Body) -> Self {
        let value = match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form(ty) => InputValue::Body(ty),
            BodyKind::Multipart => InputValue::Multipart,
            BodyKind::Binary => InputValue::Bytes,
        };
        Input {
            name: BODY_INPUT,
            wire: None,
            value,
            doc: body.doc.as_deref(),
        }
    }

    /// The generated type it takes, when it takes one.
    pub fn ty(&self) -> Option<&'o TypeRef> {
        match self.value {
            InputValue::Parameter(ty) | InputValue::Body(ty) => Some(ty),
            InputValue::Multipart | InputValue::Bytes => None,
        }
    }
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
    /// The local of `send()` holding its percent-encoded value, unlike any parameter's name.
    pub segment: String,
}

/// A query or header parameter: an argument of the client method when required, else a
/// setter on the request builder.
#[derive(Debug, Clone)]
pub struct Param {
    /// The name on the wire.
    pub wire: String,
    /// The setter's name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// `required: true`.
    pub required: bool,
    /// The spec's description.
    pub doc: Option<String>,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// How it is encoded.
    pub kind: BodyKind,
    /// The media type chosen among those the spec offers, which the content type follows.
    pub media_type: String,
    /// `required: true`: an argument of the client method, not a setter.
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
    /// Any other media type: raw bytes, sent with the body's media type as content type.
    Binary,
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
        let value = document.extensions.get(IDEMPOTENCY)?;
        Some(IdempotencyConvention {
            header: value.get("header")?.as_str()?.to_string(),
            replay_status: value
                .get("replay-status")
                .and_then(serde_json::Value::as_u64)
                .and_then(|status| u16::try_from(status).ok()),
        })
    }
}

/// An operation's HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`: absent and `null` differ in its body.
    Patch,
    /// `TRACE`.
    Trace,
}

impl HttpMethod {
    /// The method of an operation under `item.iter()`'s lowercase name.
    fn from_spec(method: &str) -> Self {
        match method {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "delete" => HttpMethod::Delete,
            "options" => HttpMethod::Options,
            "head" => HttpMethod::Head,
            "patch" => HttpMethod::Patch,
            _ => HttpMethod::Trace,
        }
    }

    /// The method as HTTP writes it, which is also its `reqwest::Method` constant.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// Whether a request may change state, so that a generated idempotency key guards it.
    fn changes_state(self) -> bool {
        matches!(self, HttpMethod::Post | HttpMethod::Put | HttpMethod::Patch)
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie (not supported: skipped, as a fallback).
    Cookie,
}

impl ParamLocation {
    /// The spec's name of the location.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

/// Names client methods and builder types, and holds what every operation shares.
pub struct OperationBuilder<'d> {
    /// Path parameters bound once per client.
    pub client_params: &'d [String],
    /// The idempotency convention, if the document has one.
    pub idempotency: Option<IdempotencyConvention>,
    /// Names no client method may take.
    pub reserved_methods: Vec<String>,
    /// Names no builder type may take.
    pub reserved_types: &'static [&'static str],
}

/// Which of the operations wanting one name keeps it (the first), before the JSON pointer
/// decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NameRank {
    /// Named by `x-rust-name`.
    Chosen,
    /// Named by its operationId.
    Id,
    /// Named after its method and path.
    Path,
}

/// An operation's `x-rust-name`.
fn rust_name(operation: &SpecOperation) -> Option<&str> {
    operation
        .extensions
        .get(RUST_NAME)
        .and_then(serde_json::Value::as_str)
        .filter(|name| !snake_name(name).is_empty())
}

/// Header parameters that OpenAPI says to ignore.
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];
/// Builder members, and the locals of `send()`, that parameters must not shadow.
const BUILDER_MEMBERS: &[&str] = &[
    "body", "send", "client", "options", "pages", "items", "path", "request", "raw", "query",
    "value", "key", "response", "new",
];

impl<'d> OperationBuilder<'d> {
    /// Converts every operation of the document, in path order.
    pub fn build_all<'a>(
        &mut self,
        document: &'a OpenAPI,
        converter: &mut Converter<'a, '_>,
    ) -> Result<Vec<Operation>, SpecError> {
        let mut operations = Vec::new();
        let mut ranks = Vec::new();
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
                let rank = match (&operation.operation_id, rust_name(operation)) {
                    (_, Some(_)) => NameRank::Chosen,
                    (Some(id), None) if !snake_name(id).is_empty() => NameRank::Id,
                    _ => NameRank::Path,
                };
                operations.push(self.build(path, method, item, operation, &at, converter)?);
                ranks.push(rank);
            }
        }
        self.settle_names(&ranks, &mut operations);
        Ok(operations)
    }

    /// Makes method and builder names distinct, whatever the order of the document: of the
    /// operations wanting one name, the first by rank, then by JSON pointer, keeps it.
    fn settle_names(&self, ranks: &[NameRank], operations: &mut [Operation]) {
        let keyed = |name: fn(&Operation) -> &str| -> Vec<(&str, (NameRank, &Pointer))> {
            operations
                .iter()
                .zip(ranks)
                .map(|(operation, rank)| (name(operation), (*rank, &operation.pointer)))
                .collect()
        };
        let reserved_methods: Vec<&str> =
            self.reserved_methods.iter().map(String::as_str).collect();
        let fn_names = settle(&keyed(|operation| &operation.fn_name), &reserved_methods);
        let type_names = settle(
            &keyed(|operation| &operation.type_name),
            self.reserved_types,
        );
        for ((operation, fn_name), type_name) in operations.iter_mut().zip(fn_names).zip(type_names)
        {
            if let Some(fn_name) = fn_name {
                operation.fn_name = fn_name;
            }
            if let Some(type_name) = type_name {
                operation.type_name = type_name;
            }
        }
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
        let http_method = HttpMethod::from_spec(method);
        let base_name = match (&operation.operation_id, rust_name(operation)) {
            (_, Some(chosen)) => chosen.to_string(),
            (Some(id), None) if !snake_name(id).is_empty() => id.clone(),
            _ => format!("{method} {path}"),
        };
        // Made distinct by `settle_names` once every operation is known.
        let fn_name = snake_name(&base_name);
        let type_name = type_name(&base_name);
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
                .find(|p| p.location == ParamLocation::Path && p.wire == wire);
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
                segment: String::new(),
            });
        }
        let mut query = Vec::new();
        let mut headers = Vec::new();
        let mut idempotency_header = None;
        for parameter in &parameters {
            let list = match parameter.location {
                ParamLocation::Query => &mut query,
                ParamLocation::Header
                    if !IGNORED_HEADERS.contains(&parameter.wire.to_ascii_lowercase().as_str()) =>
                {
                    &mut headers
                }
                ParamLocation::Path | ParamLocation::Header => continue,
                _ => {
                    converter.fall_back(
                        &parameter.pointer,
                        format!(
                            "{} parameters are not supported: skipped",
                            parameter.location.as_str()
                        ),
                    );
                    continue;
                }
            };
            let mut ty = self.param_type(parameter, &type_name, converter)?;
            let names_idempotency_header = parameter.location == ParamLocation::Header
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

        name_segments(&mut path_params, &query, &headers);
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
                    generate: http_method.changes_state(),
                    replay_status: convention.replay_status,
                });
        let (arms, success, failure) =
            self.responses(operation, &type_name, &at.join("responses"), converter)?;
        Ok(Operation {
            pointer: at.clone(),
            id: operation
                .operation_id
                .clone()
                .unwrap_or_else(|| format!("{} {path}", http_method.as_str())),
            method: http_method,
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
            status_arms: arms::plan(&arms),
            arms,
            idempotency,
            pagination: None,
        })
    }
}

/// Names the locals holding the path parameters' encoded values: `{name}_segment`, made
/// longer until no parameter has the name.
fn name_segments(path_params: &mut [PathParam], query: &[Param], headers: &[Param]) {
    let mut taken: std::collections::HashSet<String> = path_params
        .iter()
        .map(|param| param.name.clone())
        .chain(query.iter().chain(headers).map(|param| param.name.clone()))
        .collect();
    for param in path_params {
        let mut segment = format!("{}_segment", param.name);
        while !taken.insert(segment.clone()) {
            segment.push_str("_segment");
        }
        param.segment = segment;
    }
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
