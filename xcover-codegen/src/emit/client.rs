//! Emits the client module: `Client`, `ClientBuilder`, and one request builder per operation.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::{code_line, doc_attrs};
use super::rust_types::{ident, TypePath, TypeWriter};
use crate::ir::operations::{Arm, BodyKind, Operation, ResponseBody, StatusMatch};
use crate::ir::types::{Scalar, TypeRef};
use crate::ir::Ir;

/// The `builder` module with nothing in it: its items are [`emit_builder_imports`] and
/// [`emit_builders`].
pub fn emit_builder_module_shell() -> TokenStream {
    quote! {
        /// One request builder per operation.
        pub mod builder {}
    }
}

/// The imports of the `builder` module.
pub fn emit_builder_imports(ir: &Ir) -> TokenStream {
    if ir.operations.is_empty() {
        return TokenStream::new();
    }
    let types = builders_use_types(ir).then(|| {
        quote!(
            use super::super::types;
        )
    });
    quote! {
        use super::super::runtime::{self, Error, Response};
        #types
        use super::Client;
    }
}

/// The request builders of the operations in `range`.
pub fn emit_builders(ir: &Ir, range: std::ops::Range<usize>) -> TokenStream {
    let writer = TypeWriter {
        space: &ir.types,
        path: TypePath::Types,
    };
    ir.operations[range]
        .iter()
        .map(|operation| request_builder(operation, writer))
        .collect()
}

/// The client module up to the `builder` module: `Client` and `ClientBuilder`.
pub fn emit_client_head(ir: &Ir) -> TokenStream {
    let writer = TypeWriter {
        space: &ir.types,
        path: TypePath::Types,
    };
    let param_names: Vec<Ident> = ir.client_params.iter().map(|p| ident(&p.name)).collect();
    let param_docs: Vec<String> = ir
        .client_params
        .iter()
        .map(|p| code_line("The ", &p.wire, " path parameter of every operation."))
        .collect();
    let client_doc = doc_attrs(Some(&format!(
        "A client for {} (version {}).\n\nEach operation is a method returning a request builder; `send()` makes the call.",
        ir.title, ir.version
    )));
    let methods = ir
        .operations
        .iter()
        .map(|operation| client_method(operation, writer));
    let client_uses_types = ir
        .operations
        .iter()
        .flat_map(|operation| &operation.path_params)
        .any(|param| !param.bound && mentions_named(&param.ty));
    let client_imports = client_uses_types.then(|| {
        quote!(
            use super::types;
        )
    });
    quote! {
        use std::sync::Arc;
        use std::time::Duration;

        #client_imports

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            base_url: String,
            #( #param_names: String, )*
            http: reqwest_middleware::ClientWithMiddleware,
        }

        impl Client {
            /// A client with default settings and no middleware.
            pub fn new(base_url: impl Into<String>, #( #param_names: impl Into<String> ),*) -> Self {
                Self::with_http_client(
                    base_url,
                    #( #param_names, )*
                    reqwest_middleware::ClientWithMiddleware::from(reqwest::Client::new()),
                )
            }

            /// A builder for a client with timeouts, a user agent, a custom `reqwest::Client`
            /// or middleware (signing, retries, …).
            pub fn builder(base_url: impl Into<String>, #( #param_names: impl Into<String> ),*) -> ClientBuilder {
                ClientBuilder {
                    base_url: base_url.into(),
                    #( #param_names: #param_names.into(), )*
                    http: None,
                    timeout: None,
                    connect_timeout: None,
                    user_agent: None,
                    middleware: Vec::new(),
                }
            }

            /// A client that sends every request through `http`.
            pub fn with_http_client(
                base_url: impl Into<String>,
                #( #param_names: impl Into<String>, )*
                http: reqwest_middleware::ClientWithMiddleware,
            ) -> Self {
                Client {
                    base_url: base_url.into(),
                    #( #param_names: #param_names.into(), )*
                    http,
                }
            }

            /// The base URL every path is appended to.
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            /// A request for `path`, below the base URL, through the middleware.
            fn request(&self, method: reqwest::Method, path: &str) -> reqwest_middleware::RequestBuilder {
                let base_url = self.base_url.trim_end_matches('/');
                self.http.request(method, format!("{base_url}{path}"))
            }

            #(
                #[doc = #param_docs]
                pub fn #param_names(&self) -> &str {
                    &self.#param_names
                }
            )*

            #( #methods )*
        }

        /// Builds a [`Client`].
        pub struct ClientBuilder {
            base_url: String,
            #( #param_names: String, )*
            http: Option<reqwest::Client>,
            timeout: Option<Duration>,
            connect_timeout: Option<Duration>,
            user_agent: Option<String>,
            middleware: Vec<Arc<dyn reqwest_middleware::Middleware>>,
        }

        impl std::fmt::Debug for ClientBuilder {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("ClientBuilder")
                    .field("base_url", &self.base_url)
                    .field("timeout", &self.timeout)
                    .field("connect_timeout", &self.connect_timeout)
                    .field("user_agent", &self.user_agent)
                    .field("middleware", &self.middleware.len())
                    .finish_non_exhaustive()
            }
        }

        impl ClientBuilder {
            /// The total time a request may take (ignored with [`ClientBuilder::http_client`]).
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.timeout = Some(timeout);
                self
            }

            /// The time connecting may take (ignored with [`ClientBuilder::http_client`]).
            pub fn connect_timeout(mut self, timeout: Duration) -> Self {
                self.connect_timeout = Some(timeout);
                self
            }

            /// The `User-Agent` header (ignored with [`ClientBuilder::http_client`]).
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.user_agent = Some(user_agent.into());
                self
            }

            /// Sends through this `reqwest::Client` instead of building one.
            pub fn http_client(mut self, http: reqwest::Client) -> Self {
                self.http = Some(http);
                self
            }

            /// Adds a middleware; the first added sees each request first.
            pub fn with(self, middleware: impl reqwest_middleware::Middleware) -> Self {
                self.with_arc(Arc::new(middleware))
            }

            /// Adds a shared middleware; the first added sees each request first.
            pub fn with_arc(mut self, middleware: Arc<dyn reqwest_middleware::Middleware>) -> Self {
                self.middleware.push(middleware);
                self
            }

            /// Builds the client.
            pub fn build(self) -> Result<Client, reqwest::Error> {
                let http = match self.http {
                    Some(http) => http,
                    None => {
                        let mut builder = reqwest::Client::builder().user_agent(
                            self.user_agent.unwrap_or_else(|| {
                                concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_string()
                            }),
                        );
                        if let Some(timeout) = self.timeout {
                            builder = builder.timeout(timeout);
                        }
                        if let Some(timeout) = self.connect_timeout {
                            builder = builder.connect_timeout(timeout);
                        }
                        builder.build()?
                    }
                };
                let http = self
                    .middleware
                    .into_iter()
                    .fold(reqwest_middleware::ClientBuilder::new(http), |stack, middleware| {
                        stack.with_arc(middleware)
                    })
                    .build();
                Ok(Client {
                    base_url: self.base_url,
                    #( #param_names: self.#param_names, )*
                    http,
                })
            }
        }
    }
}

/// Whether a type mentions a generated type (and so needs the `types` import).
fn mentions_named(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(_) => true,
        TypeRef::Scalar(_) => false,
        TypeRef::List(inner)
        | TypeRef::IndexKeyedList(inner)
        | TypeRef::Map(inner)
        | TypeRef::Option(inner)
        | TypeRef::Boxed(inner) => mentions_named(inner),
    }
}

/// Whether any request builder names a generated type.
fn builders_use_types(ir: &Ir) -> bool {
    ir.operations.iter().any(|operation| {
        let body = operation.body.as_ref().and_then(|body| match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form(ty) => Some(ty),
            _ => None,
        });
        operation
            .path_params
            .iter()
            .filter(|param| !param.bound)
            .map(|param| &param.ty)
            .chain(
                operation
                    .query
                    .iter()
                    .chain(&operation.headers)
                    .map(|param| &param.ty),
            )
            .chain(body)
            .chain([&operation.success, &operation.failure])
            .any(mentions_named)
    })
}

/// The argument type of a path parameter or setter: `impl Into<String>` for strings.
fn argument_type(ty: &TypeRef, writer: TypeWriter<'_>) -> (TokenStream, bool) {
    if ty.is_scalar(Scalar::String) {
        (quote!(impl Into<String>), true)
    } else {
        (writer.ty(ty), false)
    }
}

fn client_method(operation: &Operation, writer: TypeWriter<'_>) -> TokenStream {
    let fn_name = ident(&operation.fn_name);
    let builder = ident(&operation.type_name);
    let doc = doc_attrs(Some(&format!(
        "{}\n\n`{} {}`",
        operation.doc.as_deref().unwrap_or(""),
        operation.method,
        operation.path
    )));
    let (args, values): (Vec<_>, Vec<_>) = operation
        .path_params
        .iter()
        .filter(|p| !p.bound)
        .map(|p| {
            let name = ident(&p.name);
            let (ty, into) = argument_type(&p.ty, writer);
            let value = if into {
                quote!(#name.into())
            } else {
                quote!(#name)
            };
            (quote!(#name: #ty), value)
        })
        .unzip();
    quote! {
        #doc
        pub fn #fn_name(&self, #( #args ),*) -> builder::#builder<'_> {
            builder::#builder::new(self, #( #values ),*)
        }
    }
}

fn request_builder(operation: &Operation, writer: TypeWriter<'_>) -> TokenStream {
    let name = ident(&operation.type_name);
    let doc = code_line(
        "A ",
        &format!("{} {}", operation.method, operation.path),
        &format!(" request: see [`Client::{}`].", operation.fn_name),
    );
    let positional: Vec<_> = operation.path_params.iter().filter(|p| !p.bound).collect();
    let positional_names: Vec<Ident> = positional.iter().map(|p| ident(&p.name)).collect();
    let positional_types: Vec<TokenStream> = positional.iter().map(|p| writer.ty(&p.ty)).collect();

    let mut fields = Vec::new();
    let mut setters = Vec::new();
    let mut field_names = Vec::new();
    for param in operation.query.iter().chain(&operation.headers) {
        let field = ident(&param.name);
        let ty = writer.ty(&param.ty);
        let (arg, into) = argument_type(&param.ty, writer);
        let value = if into {
            quote!(value.into())
        } else {
            quote!(value)
        };
        let doc = doc_attrs(param.doc.as_deref().or(Some(&format!("`{}`", param.wire))));
        fields.push(quote!(#field: Option<#ty>));
        setters.push(quote! {
            #doc
            pub fn #field(mut self, value: #arg) -> Self {
                self.#field = Some(#value);
                self
            }
        });
        field_names.push(field);
    }
    if let Some(body) = &operation.body {
        let (ty, arg, value) = match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form(ty) => {
                let ty = writer.ty(ty);
                (ty.clone(), ty, quote!(value))
            }
            BodyKind::Multipart => (
                quote!(reqwest::multipart::Form),
                quote!(reqwest::multipart::Form),
                quote!(value),
            ),
            BodyKind::Binary(_) => (
                quote!(bytes::Bytes),
                quote!(impl Into<bytes::Bytes>),
                quote!(value.into()),
            ),
        };
        let doc = doc_attrs(Some(body.doc.as_deref().unwrap_or("The request body.")));
        fields.push(quote!(body: Option<#ty>));
        setters.push(quote! {
            #doc
            pub fn body(mut self, value: #arg) -> Self {
                self.body = Some(#value);
                self
            }
        });
        field_names.push(format_ident!("body"));
    }
    let send = send_method(operation, writer, &positional_names, &field_names);
    let debug = if matches!(
        operation.body.as_ref().map(|b| &b.kind),
        Some(BodyKind::Multipart)
    ) {
        TokenStream::new()
    } else {
        quote!(#[derive(Debug)])
    };
    quote! {
        #[doc = #doc]
        #debug
        #[must_use = "a request does nothing until `send` is called"]
        pub struct #name<'a> {
            client: &'a Client,
            #( #positional_names: #positional_types, )*
            #( #fields, )*
        }

        impl<'a> #name<'a> {
            pub(super) fn new(client: &'a Client, #( #positional_names: #positional_types ),*) -> Self {
                Self {
                    client,
                    #( #positional_names, )*
                    #( #field_names: None, )*
                }
            }

            #( #setters )*

            #send
        }
    }
}

fn send_method(
    operation: &Operation,
    writer: TypeWriter<'_>,
    positional: &[Ident],
    fields: &[Ident],
) -> TokenStream {
    let success = writer.ty(&operation.success);
    let failure = writer.ty(&operation.failure);
    let method = format_ident!("{}", operation.method);

    let (format_string, segments) = path_format(operation);
    let (path, path_arg) = if segments.is_empty() {
        (TokenStream::new(), quote!(#format_string))
    } else {
        (
            quote! {
                #( #segments )*
                let path = format!(#format_string);
            },
            quote!(&path),
        )
    };

    let mut steps = Vec::new();
    if !operation.query.is_empty() {
        let pushes = operation.query.iter().map(|param| {
            let field = ident(&param.name);
            let wire = &param.wire;
            if param.required {
                quote! {
                    let value = #field.ok_or_else(|| runtime::missing(#wire))?;
                    runtime::push_query(&mut query, #wire, &value)?;
                }
            } else {
                // `None` adds nothing.
                quote!(runtime::push_query(&mut query, #wire, &#field)?;)
            }
        });
        let capacity = Literal::usize_unsuffixed(operation.query.len());
        steps.push(quote! {
            let mut query = Vec::with_capacity(#capacity);
            #( #pushes )*
            request = request.query(&query);
        });
    }
    for (index, param) in operation.headers.iter().enumerate() {
        let field = ident(&param.name);
        let wire = &param.wire;
        let generated = operation
            .idempotency
            .as_ref()
            .is_some_and(|idempotency| idempotency.header == index && idempotency.generate);
        steps.push(if generated {
            quote! {
                let key = #field.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
                request = request.header(#wire, runtime::header_value(#wire, &key)?);
            }
        } else if param.required {
            quote! {
                let value = #field.ok_or_else(|| runtime::missing(#wire))?;
                request = request.header(#wire, runtime::header_value(#wire, &value)?);
            }
        } else {
            quote! {
                if let Some(value) = &#field {
                    request = request.header(#wire, runtime::header_value(#wire, value)?);
                }
            }
        });
    }
    if let Some(body) = &operation.body {
        let attach = match &body.kind {
            BodyKind::Json(_) => quote!(request.json(&body)),
            BodyKind::Form(_) => quote!(request.form(&body)),
            BodyKind::Multipart => quote!(request.multipart(body)),
            BodyKind::Binary(media) => {
                quote!(request.header(reqwest::header::CONTENT_TYPE, #media).body(body))
            }
        };
        steps.push(if body.required {
            quote! {
                let body = body.ok_or_else(|| runtime::missing("body"))?;
                request = #attach;
            }
        } else {
            quote! {
                if let Some(body) = body {
                    request = #attach;
                }
            }
        });
    }
    let request_binding = if steps.is_empty() {
        quote!(let request)
    } else {
        quote!(let mut request)
    };

    let replay = operation
        .idempotency
        .as_ref()
        .and_then(|idempotency| idempotency.replay_status)
        .filter(|_| replayable(operation));
    let (raw_binding, replay_step) = match replay.map(Literal::u16_unsuffixed) {
        Some(status) => (
            quote!(let mut raw),
            quote! {
                if raw.status() == #status {
                    match raw.replay() {
                        Ok(response) => return Ok(response),
                        Err(original) => raw = original,
                    }
                }
            },
        ),
        None => (quote!(let raw), TokenStream::new()),
    };
    let arms = status_arms(operation, writer);
    let catch_all = (!operation
        .arms
        .iter()
        .any(|arm| arm.status == StatusMatch::DefaultFailure))
    .then(|| quote!(_ => Err(raw.unexpected()),));
    quote! {
        /// Sends the request.
        pub async fn send(self) -> Result<Response<#success>, Error<#failure>> {
            let Self { client, #( #positional, )* #( #fields, )* } = self;
            #path
            #request_binding = client.request(reqwest::Method::#method, #path_arg);
            #( #steps )*
            #raw_binding = runtime::send(request).await?;
            #replay_step
            match raw.status() {
                #( #arms )*
                #catch_all
            }
        }
    }
}

/// A replayed response can be taken as the success when the success is one JSON or empty body.
fn replayable(operation: &Operation) -> bool {
    let mut success = operation.arms.iter().filter(|arm| arm.success);
    success.clone().all(|arm| arm.variant.is_none())
        && success.any(|arm| matches!(arm.body, ResponseBody::Json(_) | ResponseBody::Empty))
}

/// The path as a `format!` string with inline arguments, and the statements that
/// percent-encode each path parameter into a variable of the same name.
fn path_format(operation: &Operation) -> (String, Vec<TokenStream>) {
    let mut format_string = String::with_capacity(operation.path.len());
    let mut segments = Vec::new();
    let mut rest = operation.path.as_str();
    let mut params = operation.path_params.iter();
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        format_string.push_str(&escape_braces(&rest[..start]));
        if let Some(param) = params.next() {
            // Raw identifiers cannot be inline format arguments.
            let variable = format_ident!("{}_segment", param.name);
            let source = ident(&param.name);
            let value = if param.bound {
                quote!(&client.#source)
            } else {
                quote!(&#source)
            };
            segments.push(quote!(let #variable = runtime::path_segment(#value)?;));
            format_string.push_str(&format!("{{{variable}}}"));
        }
        rest = &rest[start + length + 1..];
    }
    format_string.push_str(&escape_braces(rest));
    if segments.is_empty() {
        format_string = operation.path.clone();
    }
    (format_string, segments)
}

fn escape_braces(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// The `match` arms on the status. A status class (`4XX`, or the 2xx of `default`) is a range
/// when no listed code falls in it and a guard otherwise, since a range overlapping a listed
/// code is a clippy warning. Neighbouring arms with the same outcome share one arm
/// (`400 | 401 | 422 => …`, `400..=599 => …`).
fn status_arms(operation: &Operation, writer: TypeWriter<'_>) -> Vec<TokenStream> {
    let mut grouped: Vec<(StatusPattern, &Arm)> = Vec::new();
    for arm in &operation.arms {
        let pattern = StatusPattern::of(operation, &arm.status);
        let absorbed = grouped.last_mut().is_some_and(|(previous, previous_arm)| {
            same_outcome(previous_arm, arm) && previous.absorb(&pattern)
        });
        if !absorbed {
            grouped.push((pattern, arm));
        }
    }
    grouped
        .into_iter()
        .map(|(pattern, arm)| {
            let pattern = pattern.tokens();
            let outcome = arm_outcome(operation, arm, writer);
            quote!(#pattern => #outcome,)
        })
        .collect()
}

/// Whether two arms of one operation have the same [`arm_outcome`]: it depends on the side,
/// the variant and how the body is decoded, not on the body's type.
fn same_outcome(a: &Arm, b: &Arm) -> bool {
    a.success == b.success
        && a.variant == b.variant
        && std::mem::discriminant(&a.body) == std::mem::discriminant(&b.body)
}

/// The pattern of one `match` arm on the status.
enum StatusPattern {
    /// Codes and ranges of codes, inclusive.
    Spans(Vec<(u16, u16)>),
    /// `status if status / 100 == class`.
    Class(u16),
    /// `_`.
    Any,
}

impl StatusPattern {
    fn of(operation: &Operation, status: &StatusMatch) -> Self {
        let class_pattern = |class: u16| {
            let overlaps = operation.arms.iter().any(|arm| match arm.status {
                StatusMatch::Code(code) => code / 100 == class,
                StatusMatch::Range(other) => other == class && status != &arm.status,
                _ => false,
            });
            if overlaps {
                StatusPattern::Class(class)
            } else {
                StatusPattern::Spans(vec![(class * 100, class * 100 + 99)])
            }
        };
        match status {
            StatusMatch::Code(code) => StatusPattern::Spans(vec![(*code, *code)]),
            StatusMatch::Range(class) => class_pattern(*class),
            StatusMatch::DefaultSuccess => class_pattern(2),
            StatusMatch::DefaultFailure => StatusPattern::Any,
        }
    }

    /// Adds `next`'s statuses to this pattern when both are lists of codes and ranges; two
    /// ranges that meet become one.
    fn absorb(&mut self, next: &StatusPattern) -> bool {
        let (StatusPattern::Spans(spans), StatusPattern::Spans(next)) = (self, next) else {
            return false;
        };
        for &(start, end) in next {
            match spans.last_mut() {
                Some((last_start, last_end))
                    if *last_start < *last_end && start < end && *last_end + 1 == start =>
                {
                    *last_end = end;
                }
                _ => spans.push((start, end)),
            }
        }
        true
    }

    fn tokens(&self) -> TokenStream {
        match self {
            StatusPattern::Spans(spans) => {
                let spans = spans.iter().map(|&(start, end)| {
                    let first = Literal::u16_unsuffixed(start);
                    let last = Literal::u16_unsuffixed(end);
                    if start == end {
                        quote!(#first)
                    } else {
                        quote!(#first..=#last)
                    }
                });
                quote!(#( #spans )|*)
            }
            StatusPattern::Class(class) => {
                let class = Literal::u16_unsuffixed(*class);
                quote!(status if status / 100 == #class)
            }
            StatusPattern::Any => quote!(_),
        }
    }
}

fn arm_outcome(operation: &Operation, arm: &Arm, writer: TypeWriter<'_>) -> TokenStream {
    let enum_type = if arm.success {
        &operation.success
    } else {
        &operation.failure
    };
    let wrap = arm.variant.as_ref().map(|variant| {
        let enum_type = writer.ty(enum_type);
        let variant = ident(variant);
        quote!(#enum_type::#variant)
    });
    let response = match (&arm.body, &wrap) {
        (ResponseBody::Json(_), None) => quote!(raw.json()),
        (ResponseBody::Json(_), Some(wrap)) => {
            quote!(raw.json().map(|response| response.map(#wrap)))
        }
        (ResponseBody::Text, None) => quote!(Ok(raw.text())),
        (ResponseBody::Text, Some(wrap)) => quote!(Ok(raw.text().map(#wrap))),
        (ResponseBody::Bytes, None) => quote!(Ok(raw.bytes())),
        (ResponseBody::Bytes, Some(wrap)) => quote!(Ok(raw.bytes().map(#wrap))),
        (ResponseBody::Empty, None) => quote!(Ok(raw.empty())),
        (ResponseBody::Empty, Some(wrap)) => quote!(Ok(raw.empty().map(|()| #wrap))),
    };
    if arm.success {
        response
    } else {
        quote!(runtime::failure(#response))
    }
}
