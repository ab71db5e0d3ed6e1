//! The client module's head: `Client`, `ClientBuilder` and one method per operation.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::{GenericArgument, ImplItem, Item, Type};

use super::super::docs::{code_line, DocLines};
use super::super::examples::client_method_example;
use super::super::runtime_crates;
use super::super::rust_types::{ident, TypePath, TypeWriter};
use super::super::syntax::{
    call, join, lifetime, local, path, path_expr, path_type, public, tail, with_arguments, word,
    Function, SelfArg,
};
use super::builder::{argument_value, arguments};
use super::mentions_named;
use crate::ir::operations::Operation;
use crate::ir::security::{CredentialKind, KeyLocation};
use crate::ir::Ir;

/// The client module up to the `builder` module: `Client` and `ClientBuilder`.
pub fn emit_client_head(ir: &Ir, docs: &mut DocLines) -> syn::Result<Vec<Item>> {
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
    let client_doc = docs.attr(Some(&format!(
        "A client for {}.\n\nEach operation is a method returning a request builder; `send()` makes the call.",
        ir.api_name().as_str()
    )));
    let client_uses_types = ir
        .operations
        .iter()
        .flat_map(|operation| {
            operation
                .arguments()
                .into_iter()
                .filter_map(|input| input.ty())
        })
        .any(mentions_named);
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
    let crates = runtime_crates("super::runtime");
    let Credentials {
        field: credential_field,
        init: credential_init,
        debug: credential_field_debug,
        setters: credential_setters,
        middleware: credential_middleware,
    } = credentials(ir, docs);
    let mut items = syn::parse2::<syn::File>(quote! {
        use std::sync::Arc;
        use std::time::Duration;

        #crates

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
                    #credential_init
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
            #credential_field
        }

        impl std::fmt::Debug for ClientBuilder {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("ClientBuilder")
                    .field("base_url", &self.base_url)
                    .field("timeout", &self.timeout)
                    .field("connect_timeout", &self.connect_timeout)
                    .field("user_agent", &self.user_agent)
                    .field("middleware", &self.middleware.len())
                    #credential_field_debug
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

            #( #credential_setters )*

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
                let http = #credential_middleware
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
                .map(|operation| client_method(ir, operation, writer, docs)),
        );
    }
    Ok(items)
}

/// The `ClientBuilder`'s parts for the spec's credentials (none without any): its field, the
/// field's start, its `Debug`, one setter per scheme, and the middleware chain: theirs first
/// (outermost), so that every attempt of a retried request (a clone of the one they
/// authenticated) and every middleware added, a test double included, sees them.
struct Credentials {
    field: TokenStream,
    init: TokenStream,
    debug: TokenStream,
    setters: Vec<TokenStream>,
    middleware: TokenStream,
}

fn credentials(ir: &Ir, docs: &mut DocLines) -> Credentials {
    if ir.credentials.is_empty() {
        return Credentials {
            field: quote!(),
            init: quote!(),
            debug: quote!(),
            setters: Vec::new(),
            middleware: quote!(self.middleware.into_iter()),
        };
    }
    let setters = ir
        .credentials
        .iter()
        .map(|credential| {
            let setter = ident(&credential.setter);
            let arguments = credential.kind.arguments().iter().map(|name| ident(name));
            let inputs = quote!(#(#arguments: impl Into<String>),*);
            let (sent, value) = match &credential.kind {
                CredentialKind::ApiKey { location, name } => {
                    let place = match location {
                        KeyLocation::Header => "header",
                        KeyLocation::Query => "query parameter",
                        KeyLocation::Cookie => "cookie",
                    };
                    let location = ident(location.runtime_name());
                    (
                        code_line("Sent as the ", name, &format!(" {place} of every request.")),
                        quote!(api_key(super::runtime::KeyIn::#location, #name, key.into())),
                    )
                }
                CredentialKind::Bearer => (
                    "Sent as `Authorization: Bearer <token>` on every request.".to_string(),
                    quote!(bearer(token.into())),
                ),
                CredentialKind::Basic => (
                    "Sent as `Authorization: Basic …` on every request.".to_string(),
                    quote!(basic(username.into(), password.into())),
                ),
            };
            let heading = code_line("The ", &credential.scheme, " credential.");
            let text = match &credential.doc {
                Some(doc) => format!("{heading}\n\n{doc}\n\n{sent}"),
                None => format!("{heading}\n\n{sent}"),
            };
            let doc = docs.attr(Some(&text));
            quote! {
                #doc
                pub fn #setter(mut self, #inputs) -> Self {
                    self.credentials = self.credentials.#value;
                    self
                }
            }
        })
        .collect();
    Credentials {
        field: quote!(credentials: super::runtime::Credentials,),
        init: quote!(credentials: super::runtime::Credentials::default(),),
        debug: quote!(.field("credentials", &self.credentials)),
        setters,
        middleware: quote!(self
            .credentials
            .middleware()
            .into_iter()
            .chain(self.middleware)),
    }
}

/// Whether `ty` is the plain name `name`.
fn is_named(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(ty) if ty.qself.is_none() && ty.path.is_ident(name))
}

fn client_method(
    ir: &Ir,
    operation: &Operation,
    writer: TypeWriter<'_>,
    docs: &mut DocLines,
) -> ImplItem {
    let example_root = ir.example_root.as_deref();
    let builder = join(path(&["builder"]), ident(&operation.type_name));
    let example = example_root
        .and_then(|root| client_method_example(ir, operation, root))
        .unwrap_or_default();
    let doc = docs.attr_with(
        Some(&format!(
            "{}\n\n`{} {}`",
            operation.doc.as_deref().unwrap_or(""),
            operation.method.as_str(),
            operation.path
        )),
        example,
    );
    let (inputs, values): (Vec<_>, Vec<_>) = arguments(operation, writer)
        .into_iter()
        .map(|argument| {
            let value = argument_value(argument.name.clone(), argument.into);
            ((argument.name, argument.argument), value)
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
