//! Emits the types module: structs, enums, unions, aliases, the webhook event enum, and the
//! response enums of operations.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::punctuated::Punctuated;
use syn::{Attribute, Fields, Generics, Item, Type, Variant};

use super::docs::{code_line, DocLines};
use super::rust_types::{ident, ident_text, TypePath, TypeWriter};
use super::syntax::{
    self, list_attr, named_type, path, path_attr, public, string_attr, struct_item,
};
use super::{parse_items, runtime_crates};
use crate::ir::types::{
    DefaultValue, Field, FieldForm, FieldRole, ResponseVariant, Scalar, StringEnum, StructType,
    TagFallback, TypeKind, TypeRef, Union,
};
use crate::ir::Ir;

/// The imports of the types module: the crates it is written against, and serde's traits
/// unless every type is an alias (an OpenAPI 3.1 document may have neither schemas nor bodies,
/// and then nothing derives them).
pub fn emit_types_head(ir: &Ir) -> TokenStream {
    let crates = runtime_crates("super::runtime");
    if ir
        .types
        .iter()
        .all(|(_, entry)| matches!(entry.kind, TypeKind::Alias(_)))
    {
        return crates;
    }
    quote! {
        #crates
        use serde::{Deserialize, Serialize};
    }
}

/// Tells serde's derives to reach serde through this module's import of it: the crate holding
/// the generated code need not depend on serde itself.
fn serde_crate() -> Attribute {
    list_attr("serde", quote!(crate = "self::serde"))
}

/// The items of the types in `range` (indices into the type space).
pub fn emit_type_items(
    ir: &Ir,
    range: std::ops::Range<usize>,
    docs: &mut DocLines,
) -> syn::Result<Vec<Item>> {
    let writer = TypeWriter {
        space: &ir.types,
        path: TypePath::Local,
    };
    let mut items = Vec::with_capacity(range.len());
    for (_, entry) in ir.types.iter().skip(range.start).take(range.len()) {
        let name = ident(&entry.name);
        let doc = docs.attr(entry.doc.as_deref());
        match &entry.kind {
            TypeKind::Pending => {}
            TypeKind::Struct(structure) => {
                items.extend(emit_struct(name, doc, structure, writer, docs)?)
            }
            TypeKind::StringEnum(string_enum) => {
                items.extend(emit_string_enum(name, doc, string_enum))
            }
            TypeKind::Union(union) => {
                items.extend(parse_items(emit_union(&name, doc, union, writer))?);
                items.extend(emit_conversions(&name, union, writer, docs));
            }
            TypeKind::Alias(ty) => items.push(Item::Type(syn::ItemType {
                attrs: doc.into_iter().collect(),
                vis: public(),
                type_token: Default::default(),
                ident: name,
                generics: Default::default(),
                eq_token: Default::default(),
                ty: Box::new(writer.ty(ty)),
                semi_token: Default::default(),
            })),
            TypeKind::Newtype(ty) => {
                let ty = writer.ty(ty);
                items.extend(parse_items(quote! {
                    #doc
                    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                    #[serde(crate = "self::serde", transparent)]
                    pub struct #name(pub #ty);
                })?)
            }
            TypeKind::ResponseEnum(variants) => {
                items.extend(parse_items(emit_response_enum(&name, variants, writer))?)
            }
        }
    }
    Ok(items)
}

/// The `defaults` module: one function per field whose spec default is used.
pub fn emit_defaults_module(ir: &Ir) -> TokenStream {
    let writer = TypeWriter {
        space: &ir.types,
        path: TypePath::Super,
    };
    let functions: Vec<TokenStream> = ir
        .types
        .iter()
        .filter_map(|(_, entry)| match &entry.kind {
            TypeKind::Struct(structure) => Some(&structure.fields),
            _ => None,
        })
        .flatten()
        .filter_map(|field| {
            let spec_default = field.spec_default.as_ref()?;
            let expr = default_expr(ir, &spec_default.value);
            let fn_ident = ident(&spec_default.function);
            let ty = writer.ty(&field.ty);
            Some(quote! {
                pub(super) fn #fn_ident() -> #ty { #expr }
            })
        })
        .collect();
    if functions.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// Values of fields that the spec gives a default.
        mod defaults {
            #( #functions )*
        }
    }
}

/// How a field is declared: its Rust type and serde attributes.
struct FieldShape {
    ty: Type,
    serde: Vec<TokenStream>,
    /// Whether `Default::default()` is a right value when the field is absent.
    defaultable: bool,
    /// A spec default, as the function that produces it.
    default_fn: Option<String>,
}

fn field_shape(field: &Field, writer: TypeWriter<'_>) -> FieldShape {
    let inner = writer.ty(&field.ty);
    let decimal_number = field.ty.is_scalar(Scalar::DecimalNumber);
    let index_keyed = matches!(field.ty, TypeRef::IndexKeyedList(_));
    let mut serde = Vec::new();
    if field.name != field.wire {
        let wire = &field.wire;
        serde.push(quote!(rename = #wire));
    }
    let default_fn = field
        .spec_default
        .as_ref()
        .map(|spec_default| spec_default.function.clone());
    match field.form {
        FieldForm::Bare => {
            if let Some(fn_name) = &default_fn {
                let path = format!("defaults::{fn_name}");
                serde.push(quote!(default = #path));
            }
            if decimal_number {
                serde.push(quote!(with = "rust_decimal::serde::float"));
            }
            if index_keyed {
                serde.push(quote!(deserialize_with = "super::runtime::index_keyed"));
            }
            FieldShape {
                ty: inner,
                serde,
                defaultable: default_fn.is_some(),
                default_fn,
            }
        }
        FieldForm::DoubleOption => {
            serde.push(quote!(default));
            serde.push(quote!(skip_serializing_if = "Option::is_none"));
            serde.push(quote!(deserialize_with = "super::runtime::double_option"));
            FieldShape {
                ty: writer.ty(&field.declared_type()),
                serde,
                defaultable: true,
                default_fn: None,
            }
        }
        FieldForm::Option { omitted_when_none } => {
            serde.push(quote!(default));
            if omitted_when_none {
                serde.push(quote!(skip_serializing_if = "Option::is_none"));
            }
            if decimal_number {
                serde.push(quote!(with = "rust_decimal::serde::float_option"));
            }
            if index_keyed {
                serde.push(quote!(
                    deserialize_with = "super::runtime::index_keyed_option"
                ));
            }
            FieldShape {
                ty: writer.ty(&field.declared_type()),
                serde,
                defaultable: true,
                default_fn: None,
            }
        }
    }
}

fn emit_struct(
    name: proc_macro2::Ident,
    doc: Option<Attribute>,
    structure: &StructType,
    writer: TypeWriter<'_>,
    docs: &mut DocLines,
) -> syn::Result<Vec<Item>> {
    let mut fields = Vec::with_capacity(structure.fields.len() + 1);
    let mut initialisers = Vec::with_capacity(structure.fields.len() + 1);
    let mut all_defaultable = true;
    let mut any_spec_default = false;
    for field in &structure.fields {
        let shape = field_shape(field, writer);
        let field_name = ident(&field.name);
        let doc = match field.doc.as_deref() {
            Some(doc) => docs.attr(Some(doc)),
            None => docs.attr_with(None, vec![code_line("The ", &field.wire, " property.")]),
        };
        let mut attrs: Vec<Attribute> = doc.into_iter().collect();
        if !shape.serde.is_empty() {
            let serde = &shape.serde;
            attrs.push(list_attr("serde", quote!(#(#serde),*)));
        }
        all_defaultable &= shape.defaultable;
        initialisers.push(match &shape.default_fn {
            Some(fn_name) => {
                any_spec_default = true;
                let fn_ident = ident(fn_name);
                quote!(#field_name: defaults::#fn_ident())
            }
            None => quote!(#field_name: Default::default()),
        });
        fields.push(syntax::field(attrs, public(), field_name, shape.ty));
    }
    if let Some((extra_name, value)) = &structure.extra {
        let extra = ident(extra_name);
        let map = writer.ty(&extra_value_map(value));
        let attrs = vec![
            string_attr("doc", " Properties beyond those listed above."),
            list_attr("serde", quote!(flatten)),
        ];
        initialisers.push(quote!(#extra: Default::default()));
        fields.push(syntax::field(attrs, public(), extra, map));
    }
    let derive_default = (all_defaultable && !any_spec_default).then(|| quote!(Default,));
    let mut attrs: Vec<Attribute> = doc.into_iter().collect();
    attrs.push(list_attr(
        "derive",
        quote!(Debug, Clone, PartialEq, #derive_default Serialize, Deserialize),
    ));
    attrs.push(serde_crate());
    let default_impl = (all_defaultable && any_spec_default).then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self { #( #initialisers ),* }
                }
            }
        }
    });
    attrs.push(path_attr("non_exhaustive"));
    let construction = emit_construction(&name, structure, writer, docs);
    let mut items = vec![struct_item(attrs, name, Generics::default(), fields)];
    if let Some(default_impl) = default_impl {
        items.extend(parse_items(default_impl)?);
    }
    items.push(construction);
    Ok(items)
}

/// The `record!` call that gives a struct its constructor and setters.
fn emit_construction(
    name: &proc_macro2::Ident,
    structure: &StructType,
    writer: TypeWriter<'_>,
    docs: &mut DocLines,
) -> Item {
    let construction = &structure.construction;
    let (mut required, mut tag, mut optional, mut defaulted) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let text = |ty: &TypeRef, in_option: bool| {
        let mut text = String::with_capacity(32);
        if in_option {
            text.push_str("Option<");
        }
        writer.text(ty, &mut text);
        if in_option {
            text.push('>');
        }
        text
    };
    for (index, field) in structure.fields.iter().enumerate() {
        let field_name = ident_text(&field.name);
        match &construction.tag {
            Some((tag_index, tag_value)) if *tag_index == index => {
                let value = syn::LitStr::new(tag_value, proc_macro2::Span::call_site());
                tag.push(format!("{field_name} = {}", value.to_token_stream()));
                continue;
            }
            _ => {}
        }
        match field.role() {
            FieldRole::Required => {
                let nullable = matches!(field.form, FieldForm::Option { .. });
                required.push(format!("{field_name}: {}", text(&field.ty, nullable)));
            }
            FieldRole::Optional => {
                let nullable = field.form == FieldForm::DoubleOption;
                optional.push(format!("{field_name}: {}", text(&field.ty, nullable)));
            }
            FieldRole::Defaulted => {
                let function = field
                    .spec_default
                    .as_ref()
                    .map_or("", |spec_default| &spec_default.function);
                let ty = text(&field.ty, false);
                defaulted.push(format!("{field_name}: {ty} = defaults::{function}()"));
            }
        }
    }
    if let Some((extra_name, value)) = &structure.extra {
        let ty = text(&extra_value_map(value), false);
        defaulted.push(format!(
            "{}: {ty} = Default::default()",
            ident_text(extra_name)
        ));
    }
    let mut lines = vec!["super::runtime::record! {".to_string()];
    let head = format!(
        "    {name}::{}({})",
        construction.constructor,
        required.join(", ")
    );
    if head.len() <= LINE_WIDTH {
        lines.push(head);
    } else {
        lines.push(format!("    {name}::{}(", construction.constructor));
        lines.extend(
            required
                .iter()
                .map(|argument| format!("        {argument},")),
        );
        lines.push("    )".to_string());
    }
    lines.push(if tag.is_empty() {
        "    tag {}".to_string()
    } else {
        format!("    tag {{ {} }}", tag.join(", "))
    });
    for (group, entries) in [("some", optional), ("set", defaulted)] {
        if entries.is_empty() {
            lines.push(format!("    {group} {{}}"));
        } else {
            lines.push(format!("    {group} {{"));
            lines.extend(entries.iter().map(|entry| format!("        {entry},")));
            lines.push("    }".to_string());
        }
    }
    lines.push("}".to_string());
    runtime_macro_call("record", lines, docs)
}

/// The `union_from!` call that converts each variant's type into the union, for the variants
/// whose type no other variant has.
fn emit_conversions(
    name: &proc_macro2::Ident,
    union: &Union,
    writer: TypeWriter<'_>,
    docs: &mut DocLines,
) -> Option<Item> {
    let conversions: Vec<String> = union
        .variants
        .iter()
        .filter(|variant| variant.from)
        .map(|variant| {
            let mut line = format!("    {}(", ident_text(&variant.name));
            writer.text(&variant.ty, &mut line);
            line.push_str("),");
            line
        })
        .collect();
    if conversions.is_empty() {
        return None;
    }
    let mut lines = vec![
        "super::runtime::union_from! {".to_string(),
        format!("    {name};"),
    ];
    lines.extend(conversions);
    lines.push("}".to_string());
    Some(runtime_macro_call("union_from", lines, docs))
}

/// Where the generated code wraps lines, as prettyplease does.
const LINE_WIDTH: usize = 100;

/// A call of the runtime's macro `name`, written as `lines` (see [`DocLines::verbatim`]).
fn runtime_macro_call(name: &str, lines: Vec<String>, docs: &mut DocLines) -> Item {
    Item::Macro(syn::ItemMacro {
        attrs: vec![docs.verbatim(lines)],
        ident: None,
        mac: syn::Macro {
            path: path(&["super", "runtime", name]),
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Brace(Default::default()),
            tokens: TokenStream::new(),
        },
        semi_token: None,
    })
}

/// The type of a struct's extra properties: any JSON value is a `serde_json::Map`, as an
/// object schema without properties is.
fn extra_value_map(value: &TypeRef) -> TypeRef {
    match value {
        TypeRef::Scalar(Scalar::Json) => TypeRef::Scalar(Scalar::JsonObject),
        value => TypeRef::Map(Box::new(value.clone())),
    }
}

/// The Rust expression of a spec default.
fn default_expr(ir: &Ir, value: &DefaultValue) -> TokenStream {
    match value {
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::String(s) => quote!(#s.to_string()),
        DefaultValue::I64(n) => quote!(#n),
        DefaultValue::I32(n) => quote!(#n),
        DefaultValue::F64(n) => quote!(#n),
        DefaultValue::F32(n) => quote!(#n),
        DefaultValue::Variant { ty, variant } => {
            let type_name = ident(&ir.types.get(*ty).name);
            let variant = ident(variant);
            quote!(super::#type_name::#variant)
        }
    }
}

fn emit_string_enum(
    name: proc_macro2::Ident,
    doc: Option<Attribute>,
    string_enum: &StringEnum,
) -> [Item; 2] {
    let unit = |attrs: Vec<Attribute>, name: proc_macro2::Ident, fields: Fields| Variant {
        attrs,
        ident: name,
        fields,
        discriminant: None,
    };
    let mut variants: Vec<Variant> = string_enum
        .variants
        .iter()
        .enumerate()
        .map(|(index, variant)| {
            let mut attrs = vec![string_attr("doc", &code_line("", &variant.wire, ""))];
            if string_enum.default == Some(index) {
                attrs.push(path_attr("default"));
            }
            unit(attrs, ident(&variant.name), Fields::Unit)
        })
        .collect();
    let unknown = ident(&string_enum.unknown);
    variants.push(unit(
        vec![string_attr(
            "doc",
            " A value this version of the spec does not list, kept as sent.",
        )],
        unknown.clone(),
        Fields::Unnamed(syn::FieldsUnnamed {
            paren_token: Default::default(),
            unnamed: Punctuated::from_iter([syntax::field_unnamed(named_type(&["String"]))]),
        }),
    ));
    let default_derive = string_enum.default.map(|_| quote!(Default,));
    let mut attrs: Vec<Attribute> = doc.into_iter().collect();
    attrs.push(list_attr(
        "derive",
        quote!(Debug, Clone, PartialEq, Eq, Hash, #default_derive),
    ));
    attrs.push(path_attr("non_exhaustive"));
    let names = string_enum.variants.iter().map(|v| ident(&v.name));
    let wires = string_enum.variants.iter().map(|v| v.wire.as_str());
    let implementations = Item::Macro(syn::ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: syn::Macro {
            path: path(&["super", "runtime", "string_enum"]),
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Brace(Default::default()),
            tokens: quote!(#name, #unknown; #( #names(#wires) ),*),
        },
        semi_token: None,
    });
    let definition = Item::Enum(syn::ItemEnum {
        attrs,
        vis: public(),
        enum_token: Default::default(),
        ident: name,
        generics: Generics::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    });
    [definition, implementations]
}

fn emit_union(
    name: &proc_macro2::Ident,
    doc: Option<Attribute>,
    union: &Union,
    writer: TypeWriter<'_>,
) -> TokenStream {
    let names: Vec<_> = union.variants.iter().map(|v| ident(&v.name)).collect();
    let types: Vec<_> = union.variants.iter().map(|v| writer.ty(&v.ty)).collect();
    let variant_docs: Vec<String> = union
        .variants
        .iter()
        .map(|v| code_line("The ", &v.name, " alternative."))
        .collect();
    let Some(tagging) = &union.tagging else {
        return quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            #[serde(crate = "self::serde", untagged)]
            #[allow(clippy::large_enum_variant)]
            #[non_exhaustive]
            pub enum #name {
                #( #[doc = #variant_docs] #names(#types), )*
            }
        };
    };
    let property = &tagging.property;
    let mut arms = Vec::new();
    for (index, variant) in names.iter().enumerate() {
        let tags: Vec<&str> = tagging
            .tags
            .iter()
            .filter(|(_, target)| *target == index)
            .map(|(tag, _)| tag.as_str())
            .collect();
        if !tags.is_empty() {
            arms.push(quote! {
                Some(#( #tags )|*) => super::runtime::from_value(value).map(Self::#variant),
            });
        }
    }
    let (unknown_variant, fallback_arm) = match &tagging.fallback {
        TagFallback::Variant(index) => {
            let variant = &names[*index];
            (
                None,
                quote!(_ => super::runtime::from_value(value).map(Self::#variant),),
            )
        }
        TagFallback::Unknown(unknown) => {
            let unknown = ident(unknown);
            (
                Some(quote! {
                    /// A kind the spec does not list, kept as sent.
                    #unknown(serde_json::Value),
                }),
                quote!(_ => Ok(Self::#unknown(value)),),
            )
        }
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(crate = "self::serde", untagged)]
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #names(#types), )*
            #unknown_variant
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                match super::runtime::tag_of(&value, #property) {
                    #( #arms )*
                    #fallback_arm
                }
            }
        }
    }
}

fn emit_response_enum(
    name: &proc_macro2::Ident,
    variants: &[ResponseVariant],
    writer: TypeWriter<'_>,
) -> TokenStream {
    let variants = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let doc = code_line("The ", &variant.name, " response.");
        match &variant.ty {
            Some(ty) => {
                let ty = writer.ty(ty);
                quote!(#[doc = #doc] #variant_name(#ty))
            }
            None => quote!(#[doc = #doc] #variant_name),
        }
    });
    quote! {
        /// The documented responses of an operation, by status.
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants, )*
        }
    }
}
