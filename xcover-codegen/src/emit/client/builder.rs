//! A request builder: its struct, `new`, and one setter per optional parameter and body.

use proc_macro2::Ident;
use quote::quote;
use syn::{Attribute, Expr, GenericArgument, ImplItem, Item, Path, Type, Visibility};

use super::super::docs::{code_line, DocLines};
use super::super::rust_types::{ident, TypeWriter};
use super::super::syntax::{
    assign, call_path, field, generic_type, impl_block, impl_trait, lifetime, lifetime_generics,
    list_attr, local, member, method, named_type, path, path_type, public, public_in_parent,
    reference_type, semi, string_attr, struct_expr, struct_item, tail, var, with_arguments, word,
    Function, SelfArg,
};
use super::pages::page_methods;
use super::send::send_method;
use crate::ir::operations::{BodyKind, InputValue, Operation, BYTES, MULTIPART_FORM};
use crate::ir::types::{Scalar, TypeRef};

/// The request builder of an operation: its struct and its impl block.
pub(super) fn request_builder(
    operation: &Operation,
    writer: TypeWriter<'_>,
    docs: &mut DocLines,
) -> [Item; 2] {
    let name = ident(&operation.type_name);
    let doc = code_line(
        "A ",
        &format!("{} {}", operation.method.as_str(), operation.path),
        &format!(" request: see [`Client::{}`].", operation.fn_name),
    );
    let private = |name: Ident, ty: Type| field(Vec::new(), Visibility::Inherited, name, ty);
    let client_type = reference_type(Some(lifetime("'a")), named_type(&["Client"]));
    let positional = arguments(operation, writer);
    let options_type = named_type(&["runtime", "RequestOptions"]);
    let mut fields = vec![
        private(word("client"), client_type.clone()),
        private(word("options"), options_type),
    ];
    fields.extend(
        positional
            .iter()
            .map(|argument| private(argument.name.clone(), argument.stored.clone())),
    );
    let mut setters = Vec::new();
    let mut optional = Vec::new();
    for input in operation.setters() {
        let field_name = ident(input.name);
        let (stored, argument, into) = input_types(input.value, writer);
        let doc = match (input.doc, input.wire) {
            (Some(doc), _) => docs.attr(Some(doc)),
            (None, Some(wire)) => docs.attr(Some(&format!("`{wire}`"))),
            (None, None) => docs.attr(Some("The request body.")),
        };
        fields.push(private(
            field_name.clone(),
            generic_type(&["Option"], [stored]),
        ));
        setters.push(setter(doc, field_name.clone(), argument, into));
        optional.push(field_name);
    }
    let positional_names: Vec<Ident> = positional.iter().map(|a| a.name.clone()).collect();
    setters.push(shared_members(operation));
    let send = send_method(operation, writer, &positional_names, &optional);

    let mut attrs = vec![string_attr("doc", &doc)];
    if operation.pagination.is_some() {
        // A page's request is the one before it, changed.
        attrs.push(list_attr("derive", quote!(Debug, Clone)));
    } else if !matches!(
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

    let default_options = call_path(&["Default", "default"], []);
    let initialised = [
        (word("client"), None),
        (word("options"), Some(default_options)),
    ]
    .into_iter()
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
            .chain(positional.into_iter().map(|a| (a.name, a.stored)))
            .collect(),
        output: Some(named_type(&["Self"])),
        body: vec![tail(struct_expr(path(&["Self"]), initialised))],
    };
    let mut items = vec![new.into_impl_item()];
    items.extend(setters);
    items.push(send);
    if let Some(pagination) = &operation.pagination {
        items.push(page_methods(operation, pagination, writer));
    }
    let self_type = path_type(with_arguments(
        Path::from(name),
        [GenericArgument::Lifetime(lifetime("'a"))],
    ));
    [
        structure,
        impl_block(lifetime_generics("'a"), self_type, items),
    ]
}

/// What the client method of an operation takes and its builder stores: the path parameters
/// not bound to the client, then what the spec requires (query and header parameters, the
/// body), so that forgetting one is a compile error.
pub(super) struct Argument {
    /// The parameter's and the builder field's name.
    pub name: Ident,
    /// The builder field's type.
    pub stored: Type,
    /// The parameter's type (`impl Into<String>` for a string).
    pub argument: Type,
    /// Whether the parameter converts with `.into()`.
    pub into: bool,
}

/// The arguments of an operation's client method, in order.
pub(super) fn arguments(operation: &Operation, writer: TypeWriter<'_>) -> Vec<Argument> {
    operation
        .arguments()
        .into_iter()
        .map(|input| {
            let (stored, argument, into) = input_types(input.value, writer);
            Argument {
                name: ident(input.name),
                stored,
                argument,
                into,
            }
        })
        .collect()
}

/// An input's stored type, the type its setter or argument takes, and whether that converts
/// with `.into()`.
fn input_types(value: InputValue<'_>, writer: TypeWriter<'_>) -> (Type, Type, bool) {
    match value {
        InputValue::Parameter(ty) => {
            let (argument, into) = argument_type(ty, writer);
            (writer.ty(ty), argument, into)
        }
        InputValue::Body(ty) => {
            let ty = writer.ty(ty);
            (ty.clone(), ty, false)
        }
        InputValue::Multipart => {
            let form = named_type(MULTIPART_FORM);
            (form.clone(), form, false)
        }
        InputValue::Bytes => (
            named_type(BYTES),
            impl_trait(&["Into"], named_type(BYTES)),
            true,
        ),
    }
}

/// `options()` and the operation's identity (`Self::OPERATION`), which every builder has, from
/// one runtime macro call rather than written out per operation.
fn shared_members(operation: &Operation) -> ImplItem {
    let (id, path) = (&operation.id, &operation.path);
    syn::parse_quote!(runtime::request_builder!(#id, #path);)
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
/// The argument type of a path parameter or setter: `impl Into<String>` for strings.
pub(super) fn argument_type(ty: &TypeRef, writer: TypeWriter<'_>) -> (Type, bool) {
    if ty.is_scalar(Scalar::String) {
        (impl_trait(&["Into"], named_type(&["String"])), true)
    } else {
        (writer.ty(ty), false)
    }
}

/// `value.into()` when the argument is `impl Into<…>`, else `value`.
pub(super) fn argument_value(name: Ident, into: bool) -> Expr {
    if into {
        method(var(name), "into", [])
    } else {
        var(name)
    }
}
