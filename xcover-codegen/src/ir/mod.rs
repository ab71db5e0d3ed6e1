//! Stage 3, the intermediate representation: every type and operation the output will have,
//! with all naming and typing decisions made. Emission only writes down what is here.

mod construction;
mod convert;
mod cycles;
pub mod directions;
mod extensions;
mod fields;
mod merge;
pub(crate) mod names;
mod nesting;
pub mod operations;
pub mod pagination;
pub mod security;
pub mod spec_text;
mod summaries;
pub mod types;
pub mod typespace;
mod unions;
mod webhooks;

use std::collections::BTreeSet;

use openapiv3::OpenAPI;

use crate::diagnostics::{Fallback, SpecError};
use crate::resolve::Resolver;
use crate::Settings;
use convert::Converter;
use names::{snake_name, UniqueNames};
use operations::{BodyKind, HttpMethod, IdempotencyConvention, Operation, OperationBuilder};
use spec_text::SpecLine;
use types::{Through, TypeId, TypeKind, TypeRef};
use typespace::TypeSpace;
use webhooks::Webhooks;

/// Everything the emitter needs.
#[derive(Debug, Clone)]
pub struct Ir {
    /// `info.title`, on one line.
    pub title: SpecLine,
    /// `info.version`, on one line.
    pub version: SpecLine,
    /// `info.description`.
    pub description: Option<String>,
    /// Every generated type.
    pub types: TypeSpace,
    /// Every operation.
    pub operations: Vec<Operation>,
    /// Path parameters bound once per client, with their Rust names.
    pub client_params: Vec<ClientParam>,
    /// The credentials the client builder takes, one per security scheme it can apply.
    pub credentials: Vec<security::Credential>,
    /// The enum of webhook events, when the document has `x-webhooks`.
    pub webhook_event: Option<TypeId>,
    /// Types reachable from PATCH bodies: there, absent and `null` differ.
    pub patch_types: BTreeSet<TypeId>,
    /// Which types callers send and which they receive.
    pub directions: directions::Directions,
    /// Places where a looser type was used or a construct skipped.
    pub fallbacks: Vec<Fallback>,
    /// The path callers reach the generated code by, named by the documentation's examples;
    /// none leaves the examples out.
    pub example_root: Option<String>,
}

impl Ir {
    /// The API's title and version, as the output names it: the version once, even when the
    /// title already holds it ("XCover API (2.152.1)").
    pub fn api_name(&self) -> SpecLine {
        let (title, version) = (self.title.as_str(), self.version.as_str());
        if version.is_empty() || title.contains(version) {
            self.title.clone()
        } else {
            SpecLine::new(&format!("{title} {version}"))
        }
    }
}

/// A path parameter bound once per client.
#[derive(Debug, Clone)]
pub struct ClientParam {
    /// The name in path templates.
    pub wire: String,
    /// The Rust name of the constructor argument and client field.
    pub name: String,
}

/// Client members that a bound parameter must not shadow.
const CLIENT_MEMBERS: &[&str] = &[
    "base_url",
    "http",
    "new",
    "builder",
    "with_http_client",
    "request",
];

/// Names the request builders' module imports, which no builder type may take.
const BUILDER_MODULE_NAMES: &[&str] = &["Client", "Error", "Response"];

/// Builds the IR of a document.
pub fn build(document: &OpenAPI, settings: &Settings) -> Result<Ir, SpecError> {
    let resolver = Resolver::new(document);
    let webhooks = Webhooks::parse(&document.extensions)?;
    let mut types = TypeSpace::default();
    let mut fallbacks = Vec::new();
    let mut converter = Converter::new(resolver, &mut types, &mut fallbacks);
    if let Some(components) = &document.components {
        converter.convert_components(&components.schemas)?;
    }
    let mut member_names = UniqueNames::with_reserved(CLIENT_MEMBERS);
    let client_params: Vec<ClientParam> = settings
        .client_params
        .iter()
        .map(|wire| ClientParam {
            wire: wire.clone(),
            name: member_names.claim(snake_name(wire)),
        })
        .collect();
    let reserved_methods: Vec<String> = CLIENT_MEMBERS
        .iter()
        .map(|name| name.to_string())
        .chain(client_params.iter().map(|p| p.name.clone()))
        .collect();
    let mut builder = OperationBuilder {
        client_params: &settings.client_params,
        idempotency: IdempotencyConvention::from_document(document),
        reserved_methods,
        reserved_types: BUILDER_MODULE_NAMES,
    };
    let mut operations = builder.build_all(document, &mut converter)?;
    check_client_params(&client_params, &operations)?;
    let credentials = security::credentials(document, &mut converter);
    let webhook_event = webhooks.define(&mut converter)?;
    define_operation_aliases(&operations, &mut converter);
    types.settle_names();
    summaries::fill(&mut types);
    let directions = directions::apply(&mut types, &operations, webhook_event);
    cycles::break_cycles(&mut types, &mut fallbacks);
    nesting::check(&types)?;
    let patch_types = reachable(
        &types,
        operations
            .iter()
            .filter(|operation| operation.method == HttpMethod::Patch)
            .filter_map(|operation| match &operation.body {
                Some(body) => match &body.kind {
                    BodyKind::Json(ty) | BodyKind::Form(ty) => Some(ty),
                    _ => None,
                },
                None => None,
            }),
    );
    fields::decide(&mut types, &patch_types);
    construction::decide(&mut types);
    pagination::decide(document, &mut operations, &types)?;
    fallbacks.sort();
    fallbacks.dedup();
    Ok(Ir {
        title: SpecLine::new(&document.info.title),
        version: SpecLine::new(&document.info.version),
        description: document.info.description.clone(),
        types,
        operations,
        client_params,
        credentials,
        webhook_event,
        patch_types,
        directions,
        fallbacks,
        example_root: settings.example_root.clone(),
    })
}

/// Refuses a client parameter that no path has: it is a mistyped name, or the wrong spec.
fn check_client_params(
    client_params: &[ClientParam],
    operations: &[Operation],
) -> Result<(), SpecError> {
    let unused = client_params.iter().find(|param| {
        !operations
            .iter()
            .flat_map(|operation| &operation.path_params)
            .any(|path_param| path_param.wire == param.wire)
    });
    match unused {
        Some(param) => Err(SpecError::new(
            &crate::diagnostics::Pointer::root().join("paths"),
            format!(
                "the client parameter `{}` is a path parameter of no operation",
                param.wire
            ),
        )),
        None => Ok(()),
    }
}

/// `<Operation>Request` and `<Operation>Response` aliases, so code can name an operation's
/// body types whatever the spec calls their schemas.
fn define_operation_aliases(operations: &[Operation], converter: &mut Converter<'_, '_>) {
    for operation in operations {
        let body = operation.body.as_ref().and_then(|body| match &body.kind {
            BodyKind::Json(ty) => Some(ty.clone()),
            _ => None,
        });
        let endpoint = format!("(`{} {}`)", operation.method.as_str(), operation.path);
        let aliases = [
            (
                format!("{}Request", operation.type_name),
                body,
                format!("The body of `{}` {endpoint}.", operation.fn_name),
            ),
            (
                format!("{}Response", operation.type_name),
                Some(operation.success.clone()),
                format!("What `{}` gives on success {endpoint}.", operation.fn_name),
            ),
        ];
        for (name, target, doc) in aliases {
            let Some(target) = target else { continue };
            if let TypeRef::Named(id) = &target {
                if converter.space.get(*id).name == name {
                    continue;
                }
            }
            if converter.space.is_name_taken(&name) {
                converter.fall_back(
                    &operation.pointer,
                    format!("no alias `{name}`: a schema already has that name"),
                );
                continue;
            }
            converter.define_inline(
                &name,
                &operation.pointer,
                TypeKind::Alias(target),
                Some(doc),
            );
        }
    }
}

/// Every generated type that `roots` mention, directly or through other types (a struct's
/// extra properties included).
fn reachable<'t>(types: &TypeSpace, roots: impl Iterator<Item = &'t TypeRef>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<TypeId> = roots
        .filter_map(|ty| ty.named(Through::Everything))
        .collect();
    while let Some(id) = pending.pop() {
        if seen.insert(id) {
            types.get(id).kind.for_each_part(|ty, _| {
                pending.extend(ty.named(Through::Everything));
            });
        }
    }
    seen
}
