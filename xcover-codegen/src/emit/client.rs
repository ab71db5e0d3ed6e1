//! Emits the client module: `Client`, `ClientBuilder`, and one request builder per operation.

use proc_macro2::{Ident, Literal, TokenStream, TokenTree};
use quote::quote;
use syn::{
    Attribute, BinOp, Expr, GenericArgument, ImplItem, Item, Pat, Path, Stmt, Type, Visibility,
};

use super::docs::{code_line, doc_attr};
use super::rust_types::{ident, TypePath, TypeWriter};
use super::syntax::{
    assign, awaited, binary, binding, borrow, borrow_mut, call, call_path, closure, equals, field,
    generic_type, if_expr, if_let, impl_block, impl_trait, integer, join, let_stmt, lifetime,
    lifetime_generics, list_attr, literal_pattern, local, macro_call, match_arm, match_expr,
    member, method, mut_binding, named_type, or_pattern, path, path_expr, path_type, public,
    public_in_parent, question, range_pattern, reference_type, return_expr, semi, string,
    string_attr, struct_expr, struct_item, struct_pattern, tail, unit_pattern, var,
    variant_pattern, wild_pattern, with_arguments, word, Function, SelfArg,
};
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
pub fn emit_builders(ir: &Ir, range: std::ops::Range<usize>) -> Vec<Item> {
    let writer = TypeWriter {
        space: &ir.types,
        path: TypePath::Types,
    };
    ir.operations[range]
        .iter()
        .flat_map(|operation| request_builder(operation, writer))
        .collect()
}

/// The client module up to the `builder` module: `Client` and `ClientBuilder`.
pub fn emit_client_head(ir: &Ir) -> syn::Result<Vec<Item>> {
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
    let client_doc = doc_attr(Some(&format!(
        "A client for {} (version {}).\n\nEach operation is a method returning a request builder; `send()` makes the call.",
        ir.title, ir.version
    )));
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
    // A document without operations (OpenAPI 3.1 allows one with webhooks only) sends no
    // request: the client keeps its transport for code that adds calls, unused here.
    let unused = if ir.operations.is_empty() {
        quote!(#[allow(dead_code)])
    } else {
        quote!()
    };
    let mut items = syn::parse2::<syn::File>(quote! {
        use std::sync::Arc;
        use std::time::Duration;

        #client_imports

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            base_url: String,
            #( #param_names: String, )*
            #unused
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
            #unused
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
    })?
    .items;
    // One method per operation, built as trees rather than parsed (see `syntax`).
    let client_impl = items.iter_mut().find_map(|item| match item {
        Item::Impl(block) if block.trait_.is_none() && is_named(&block.self_ty, "Client") => {
            Some(block)
        }
        _ => None,
    });
    if let Some(client_impl) = client_impl {
        client_impl.items.extend(
            ir.operations
                .iter()
                .map(|operation| client_method(operation, writer)),
        );
    }
    Ok(items)
}

/// Whether `ty` is the plain name `name`.
fn is_named(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(ty) if ty.qself.is_none() && ty.path.is_ident(name))
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
fn argument_type(ty: &TypeRef, writer: TypeWriter<'_>) -> (Type, bool) {
    if ty.is_scalar(Scalar::String) {
        (impl_trait(&["Into"], named_type(&["String"])), true)
    } else {
        (writer.ty(ty), false)
    }
}

/// `value.into()` when the argument is `impl Into<…>`, else `value`.
fn argument_value(name: Ident, into: bool) -> Expr {
    if into {
        method(var(name), "into", [])
    } else {
        var(name)
    }
}

fn client_method(operation: &Operation, writer: TypeWriter<'_>) -> ImplItem {
    let builder = join(path(&["builder"]), ident(&operation.type_name));
    let doc = doc_attr(Some(&format!(
        "{}\n\n`{} {}`",
        operation.doc.as_deref().unwrap_or(""),
        operation.method,
        operation.path
    )));
    let (inputs, values): (Vec<_>, Vec<_>) = operation
        .path_params
        .iter()
        .filter(|p| !p.bound)
        .map(|p| {
            let name = ident(&p.name);
            let (ty, into) = argument_type(&p.ty, writer);
            ((name.clone(), ty), argument_value(name, into))
        })
        .unzip();
    let output = with_arguments(builder.clone(), [GenericArgument::Lifetime(lifetime("'_"))]);
    let new = path_expr(join(builder, word("new")));
    Function {
        attrs: doc.into_iter().collect(),
        vis: public(),
        is_async: false,
        name: ident(&operation.fn_name),
        receiver: SelfArg::Ref,
        inputs,
        output: Some(path_type(output)),
        body: vec![tail(call(new, [local("self")].into_iter().chain(values)))],
    }
    .into_impl_item()
}

/// The request builder of an operation: its struct and its impl block.
fn request_builder(operation: &Operation, writer: TypeWriter<'_>) -> [Item; 2] {
    let name = ident(&operation.type_name);
    let doc = code_line(
        "A ",
        &format!("{} {}", operation.method, operation.path),
        &format!(" request: see [`Client::{}`].", operation.fn_name),
    );
    let private = |name: Ident, ty: Type| field(Vec::new(), Visibility::Inherited, name, ty);
    let client_type = reference_type(Some(lifetime("'a")), named_type(&["Client"]));
    let positional: Vec<(Ident, Type)> = operation
        .path_params
        .iter()
        .filter(|p| !p.bound)
        .map(|p| (ident(&p.name), writer.ty(&p.ty)))
        .collect();
    let mut fields = vec![private(word("client"), client_type.clone())];
    fields.extend(
        positional
            .iter()
            .map(|(name, ty)| private(name.clone(), ty.clone())),
    );
    let mut setters = Vec::new();
    let mut optional = Vec::new();
    for param in operation.query.iter().chain(&operation.headers) {
        let field_name = ident(&param.name);
        let (argument, into) = argument_type(&param.ty, writer);
        let doc = doc_attr(param.doc.as_deref().or(Some(&format!("`{}`", param.wire))));
        fields.push(private(
            field_name.clone(),
            generic_type(&["Option"], [writer.ty(&param.ty)]),
        ));
        setters.push(setter(doc, field_name.clone(), argument, into));
        optional.push(field_name);
    }
    if let Some(body) = &operation.body {
        let (ty, argument, into) = match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form(ty) => {
                let ty = writer.ty(ty);
                (ty.clone(), ty, false)
            }
            BodyKind::Multipart => {
                let form = named_type(&["reqwest", "multipart", "Form"]);
                (form.clone(), form, false)
            }
            BodyKind::Binary(_) => (
                named_type(&["bytes", "Bytes"]),
                impl_trait(&["Into"], named_type(&["bytes", "Bytes"])),
                true,
            ),
        };
        let doc = doc_attr(Some(body.doc.as_deref().unwrap_or("The request body.")));
        fields.push(private(word("body"), generic_type(&["Option"], [ty])));
        setters.push(setter(doc, word("body"), argument, into));
        optional.push(word("body"));
    }
    let positional_names: Vec<Ident> = positional.iter().map(|(name, _)| name.clone()).collect();
    let send = send_method(operation, writer, &positional_names, &optional);

    let mut attrs = vec![string_attr("doc", &doc)];
    if !matches!(
        operation.body.as_ref().map(|b| &b.kind),
        Some(BodyKind::Multipart)
    ) {
        attrs.push(list_attr("derive", quote!(Debug)));
    }
    attrs.push(string_attr(
        "must_use",
        "a request does nothing until `send` is called",
    ));
    let structure = struct_item(attrs, name.clone(), lifetime_generics("'a"), fields);

    let initialised = std::iter::once((word("client"), None))
        .chain(positional_names.into_iter().map(|name| (name, None)))
        .chain(
            optional
                .into_iter()
                .map(|name| (name, Some(var(word("None"))))),
        );
    let new = Function {
        attrs: Vec::new(),
        vis: public_in_parent(),
        is_async: false,
        name: word("new"),
        receiver: SelfArg::None,
        inputs: std::iter::once((word("client"), client_type))
            .chain(positional)
            .collect(),
        output: Some(named_type(&["Self"])),
        body: vec![tail(struct_expr(path(&["Self"]), initialised))],
    };
    let mut items = vec![new.into_impl_item()];
    items.extend(setters);
    items.push(send);
    let self_type = path_type(with_arguments(
        Path::from(name),
        [GenericArgument::Lifetime(lifetime("'a"))],
    ));
    [
        structure,
        impl_block(lifetime_generics("'a"), self_type, items),
    ]
}

/// `pub fn name(mut self, value: Argument) -> Self { self.name = Some(value); self }`.
fn setter(doc: Option<Attribute>, name: Ident, argument: Type, into: bool) -> ImplItem {
    let this = || local("self");
    let value = argument_value(word("value"), into);
    Function {
        attrs: doc.into_iter().collect(),
        vis: public(),
        is_async: false,
        name: name.clone(),
        receiver: SelfArg::MutValue,
        inputs: vec![(word("value"), argument)],
        output: Some(named_type(&["Self"])),
        body: vec![
            semi(assign(member(this(), name), call_path(&["Some"], [value]))),
            tail(this()),
        ],
    }
    .into_impl_item()
}

fn send_method(
    operation: &Operation,
    writer: TypeWriter<'_>,
    positional: &[Ident],
    optional: &[Ident],
) -> ImplItem {
    let output = generic_type(
        &["Result"],
        [
            generic_type(&["Response"], [writer.ty(&operation.success)]),
            generic_type(&["Error"], [writer.ty(&operation.failure)]),
        ],
    );
    let fields = std::iter::once(word("client"))
        .chain(positional.iter().cloned())
        .chain(optional.iter().cloned());
    let mut body = vec![let_stmt(
        struct_pattern(path(&["Self"]), fields),
        local("self"),
    )];

    let (format_string, segments) = path_format(operation);
    let path_arg = if segments.is_empty() {
        string(&format_string)
    } else {
        body.extend(segments);
        let format_args = TokenStream::from(TokenTree::Literal(Literal::string(&format_string)));
        body.push(let_stmt(
            binding(word("path")),
            macro_call("format", format_args),
        ));
        borrow(local("path"))
    };
    let mut steps = query_steps(operation);
    steps.extend(header_steps(operation));
    steps.extend(body_steps(operation));
    let request = if steps.is_empty() {
        binding(word("request"))
    } else {
        mut_binding(word("request"))
    };
    let verb = path_expr(path(&["reqwest", "Method", &operation.method]));
    body.push(let_stmt(
        request,
        method(local("client"), "request", [verb, path_arg]),
    ));
    body.extend(steps);
    body.extend(response_steps(operation, writer));
    Function {
        attrs: vec![string_attr("doc", " Sends the request.")],
        vis: public(),
        is_async: true,
        name: word("send"),
        receiver: SelfArg::Value,
        inputs: Vec::new(),
        output: Some(output),
        body,
    }
    .into_impl_item()
}

/// `request = value;`.
fn set_request(value: Expr) -> Stmt {
    semi(assign(local("request"), value))
}

/// `let value = field.ok_or_else(|| runtime::missing("wire"))?;`.
fn required_value(binding_name: &str, field: Expr, wire: &str) -> Stmt {
    let missing = closure([], call_path(&["runtime", "missing"], [string(wire)]));
    let_stmt(
        binding(word(binding_name)),
        question(method(field, "ok_or_else", [missing])),
    )
}

/// The query string: each parameter pushed in order (`None` adds nothing), then set.
fn query_steps(operation: &Operation) -> Vec<Stmt> {
    if operation.query.is_empty() {
        return Vec::new();
    }
    let push = |wire: &str, value: Expr| {
        semi(question(call_path(
            &["runtime", "push_query"],
            [borrow_mut(local("query")), string(wire), borrow(value)],
        )))
    };
    let capacity = integer(operation.query.len() as u64);
    let mut steps = vec![let_stmt(
        mut_binding(word("query")),
        call_path(&["Vec", "with_capacity"], [capacity]),
    )];
    for param in &operation.query {
        let field = var(ident(&param.name));
        if param.required {
            steps.push(required_value("value", field, &param.wire));
            steps.push(push(&param.wire, local("value")));
        } else {
            steps.push(push(&param.wire, field));
        }
    }
    steps.push(set_request(method(
        local("request"),
        "query",
        [borrow(local("query"))],
    )));
    steps
}

/// The header parameters: a generated idempotency key when none is given, a required value,
/// or an optional one.
fn header_steps(operation: &Operation) -> Vec<Stmt> {
    let mut steps = Vec::new();
    for (index, param) in operation.headers.iter().enumerate() {
        let field = var(ident(&param.name));
        let wire = param.wire.as_str();
        let set_header = |value: Expr| {
            let value = call_path(&["runtime", "header_value"], [string(wire), value]);
            set_request(method(
                local("request"),
                "header",
                [string(wire), question(value)],
            ))
        };
        let generated = operation
            .idempotency
            .as_ref()
            .is_some_and(|idempotency| idempotency.header == index && idempotency.generate);
        if generated {
            let new_key = method(call_path(&["uuid", "Uuid", "new_v4"], []), "to_string", []);
            steps.push(let_stmt(
                binding(word("key")),
                method(field, "unwrap_or_else", [closure([], new_key)]),
            ));
            steps.push(set_header(borrow(local("key"))));
        } else if param.required {
            steps.push(required_value("value", field, wire));
            steps.push(set_header(borrow(local("value"))));
        } else {
            steps.push(if_let(
                some_pattern("value"),
                borrow(field),
                vec![set_header(local("value"))],
            ));
        }
    }
    steps
}

/// The request body, attached as its media type requires.
fn body_steps(operation: &Operation) -> Vec<Stmt> {
    let Some(body) = &operation.body else {
        return Vec::new();
    };
    let attach = match &body.kind {
        BodyKind::Json(_) => method(local("request"), "json", [borrow(local("body"))]),
        BodyKind::Form(_) => method(local("request"), "form", [borrow(local("body"))]),
        BodyKind::Multipart => method(local("request"), "multipart", [local("body")]),
        BodyKind::Binary(media) => {
            let content_type = path_expr(path(&["reqwest", "header", "CONTENT_TYPE"]));
            let typed = method(local("request"), "header", [content_type, string(media)]);
            method(typed, "body", [local("body")])
        }
    };
    if body.required {
        vec![
            required_value("body", local("body"), "body"),
            set_request(attach),
        ]
    } else {
        vec![if_let(
            some_pattern("body"),
            local("body"),
            vec![set_request(attach)],
        )]
    }
}

/// Sending, taking a replayed response as the success where the operation allows it, and the
/// `match` on the status.
fn response_steps(operation: &Operation, writer: TypeWriter<'_>) -> Vec<Stmt> {
    let sent = question(awaited(call_path(&["runtime", "send"], [local("request")])));
    let replay = operation
        .idempotency
        .as_ref()
        .and_then(|idempotency| idempotency.replay_status)
        .filter(|_| replayable(operation));
    let mut steps = Vec::new();
    match replay {
        Some(status) => {
            steps.push(let_stmt(mut_binding(word("raw")), sent));
            let replayed = match_expr(
                method(local("raw"), "replay", []),
                vec![
                    match_arm(
                        variant_pattern("Ok", "response"),
                        None,
                        return_expr(call_path(&["Ok"], [local("response")])),
                    ),
                    match_arm(
                        variant_pattern("Err", "original"),
                        None,
                        assign(local("raw"), local("original")),
                    ),
                ],
            );
            let is_replay = equals(method(local("raw"), "status", []), integer(status));
            steps.push(tail(if_expr(is_replay, vec![tail(replayed)])));
        }
        None => steps.push(let_stmt(binding(word("raw")), sent)),
    }
    let mut arms = status_arms(operation, writer);
    let has_default = operation
        .arms
        .iter()
        .any(|arm| arm.status == StatusMatch::DefaultFailure);
    if !has_default {
        let unexpected = call_path(&["Err"], [method(local("raw"), "unexpected", [])]);
        arms.push(match_arm(wild_pattern(), None, unexpected));
    }
    steps.push(tail(match_expr(method(local("raw"), "status", []), arms)));
    steps
}

/// `Some(name)`.
fn some_pattern(name: &str) -> Pat {
    variant_pattern("Some", name)
}

/// A replayed response can be taken as the success when the success is one JSON or empty body.
fn replayable(operation: &Operation) -> bool {
    let mut success = operation.arms.iter().filter(|arm| arm.success);
    success.clone().all(|arm| arm.variant.is_none())
        && success.any(|arm| matches!(arm.body, ResponseBody::Json(_) | ResponseBody::Empty))
}

/// The path as a `format!` string with inline arguments, and the statements that
/// percent-encode each path parameter into a variable `{name}_segment`: with more `_segment`
/// when that is the name of a parameter, which the variable would shadow before it is read.
fn path_format(operation: &Operation) -> (String, Vec<Stmt>) {
    let mut taken: std::collections::HashSet<String> = operation
        .path_params
        .iter()
        .map(|param| param.name.clone())
        .chain(
            operation
                .query
                .iter()
                .chain(&operation.headers)
                .map(|param| param.name.clone()),
        )
        .collect();
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
            let mut variable = format!("{}_segment", param.name);
            while !taken.insert(variable.clone()) {
                variable.push_str("_segment");
            }
            let source = ident(&param.name);
            let value = if param.bound {
                member(local("client"), source)
            } else {
                var(source)
            };
            // Raw identifiers cannot be inline format arguments; `{name}_segment` is never a
            // keyword.
            format_string.push_str(&format!("{{{variable}}}"));
            segments.push(let_stmt(
                binding(word(&variable)),
                question(call_path(&["runtime", "path_segment"], [borrow(value)])),
            ));
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
fn status_arms(operation: &Operation, writer: TypeWriter<'_>) -> Vec<syn::Arm> {
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
        .map(|(pattern, status_arm)| {
            let (pattern, guard) = pattern.syntax();
            match_arm(pattern, guard, arm_outcome(operation, status_arm, writer))
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

    /// The pattern, and its guard if it has one.
    fn syntax(&self) -> (Pat, Option<Expr>) {
        match self {
            StatusPattern::Spans(spans) => {
                let cases = spans
                    .iter()
                    .map(|&(start, end)| {
                        if start == end {
                            literal_pattern(start)
                        } else {
                            range_pattern(start, end)
                        }
                    })
                    .collect();
                (or_pattern(cases), None)
            }
            StatusPattern::Class(class) => {
                let hundreds = binary(
                    local("status"),
                    BinOp::Div(Default::default()),
                    integer(100u16),
                );
                let guard = binary(hundreds, BinOp::Eq(Default::default()), integer(*class));
                (binding(word("status")), Some(guard))
            }
            StatusPattern::Any => (wild_pattern(), None),
        }
    }
}

fn arm_outcome(operation: &Operation, arm: &Arm, writer: TypeWriter<'_>) -> Expr {
    let enum_type = if arm.success {
        &operation.success
    } else {
        &operation.failure
    };
    let decode = |how: &str| method(local("raw"), how, []);
    // The IR gives a variant only to a status whose side is a generated enum.
    let wrap = match (&arm.variant, enum_type) {
        (Some(variant), TypeRef::Named(id)) => {
            Some(path_expr(join(writer.named(*id), ident(variant))))
        }
        _ => None,
    };
    let ok = |value: Expr| call_path(&["Ok"], [value]);
    let response = match (&arm.body, wrap) {
        (ResponseBody::Json(_), None) => decode("json"),
        (ResponseBody::Json(_), Some(wrap)) => {
            let rewrap = closure(
                [binding(word("response"))],
                method(local("response"), "map", [wrap]),
            );
            method(decode("json"), "map", [rewrap])
        }
        (ResponseBody::Text, None) => ok(decode("text")),
        (ResponseBody::Text, Some(wrap)) => ok(method(decode("text"), "map", [wrap])),
        (ResponseBody::Bytes, None) => ok(decode("bytes")),
        (ResponseBody::Bytes, Some(wrap)) => ok(method(decode("bytes"), "map", [wrap])),
        (ResponseBody::Empty, None) => ok(decode("empty")),
        (ResponseBody::Empty, Some(wrap)) => ok(method(
            decode("empty"),
            "map",
            [closure([unit_pattern()], wrap)],
        )),
    };
    if arm.success {
        response
    } else {
        call_path(&["runtime", "failure"], [response])
    }
}
