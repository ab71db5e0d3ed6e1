//! Items and their parts: visibility, attributes, fields, structs, impl blocks, functions.

use proc_macro2::TokenStream;
use syn::{
    AttrStyle, Attribute, Block, Field, Fields, FieldsNamed, FnArg, Generics, ImplItem, ImplItemFn,
    Item, ItemImpl, ItemStruct, MacroDelimiter, Meta, MetaList, MetaNameValue, PatType, Receiver,
    ReturnType, Signature, Stmt, Type, VisRestricted, Visibility,
};

use super::{binding, named_type, path, reference_type, string};

/// `pub`.
pub fn public() -> Visibility {
    Visibility::Public(Default::default())
}

/// `pub(super)`.
pub fn public_in_parent() -> Visibility {
    Visibility::Restricted(VisRestricted {
        pub_token: Default::default(),
        paren_token: Default::default(),
        in_token: None,
        path: Box::new(path(&["super"])),
    })
}

/// `#[name(tokens)]`: `derive`, `serde`.
pub fn list_attr(name: &str, tokens: TokenStream) -> Attribute {
    outer_attr(Meta::List(MetaList {
        path: path(&[name]),
        delimiter: MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

/// `#[name = "value"]`: `doc`, `must_use`.
pub fn string_attr(name: &str, value: &str) -> Attribute {
    outer_attr(Meta::NameValue(MetaNameValue {
        path: path(&[name]),
        eq_token: Default::default(),
        value: string(value),
    }))
}

/// `#[name]`.
pub fn path_attr(name: &str) -> Attribute {
    outer_attr(Meta::Path(path(&[name])))
}

fn outer_attr(meta: Meta) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// A named field: `pub name: Type`.
pub fn field(attrs: Vec<Attribute>, vis: Visibility, name: proc_macro2::Ident, ty: Type) -> Field {
    Field {
        attrs,
        vis,
        mutability: syn::FieldMutability::None,
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
    }
}

/// A field of a tuple struct or variant: `(Type)`.
pub fn field_unnamed(ty: Type) -> Field {
    Field {
        attrs: Vec::new(),
        vis: Visibility::Inherited,
        mutability: syn::FieldMutability::None,
        ident: None,
        colon_token: None,
        ty,
    }
}

/// A struct with named fields.
pub fn struct_item(
    attrs: Vec<Attribute>,
    name: proc_macro2::Ident,
    generics: Generics,
    fields: Vec<Field>,
) -> Item {
    Item::Struct(ItemStruct {
        attrs,
        vis: public(),
        struct_token: Default::default(),
        ident: name,
        generics,
        fields: Fields::Named(FieldsNamed {
            brace_token: Default::default(),
            named: fields.into_iter().collect(),
        }),
        semi_token: None,
    })
}

/// An inherent impl: `impl<generics> SelfType { items }`.
pub fn impl_block(generics: Generics, self_ty: Type, items: Vec<ImplItem>) -> Item {
    Item::Impl(ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics,
        trait_: None,
        self_ty: Box::new(self_ty),
        brace_token: Default::default(),
        items,
    })
}

/// How a method takes `self`.
#[derive(Clone, Copy)]
pub enum SelfArg {
    /// No receiver: an associated function.
    None,
    /// `self`.
    Value,
    /// `mut self`.
    MutValue,
    /// `&self`.
    Ref,
}

/// A function or method of an impl block.
pub struct Function {
    /// Its attributes, doc comment first.
    pub attrs: Vec<Attribute>,
    /// Its visibility.
    pub vis: Visibility,
    /// Whether it is `async`.
    pub is_async: bool,
    /// Its name.
    pub name: proc_macro2::Ident,
    /// How it takes `self`.
    pub receiver: SelfArg,
    /// Its other arguments.
    pub inputs: Vec<(proc_macro2::Ident, Type)>,
    /// Its return type, if any.
    pub output: Option<Type>,
    /// Its body.
    pub body: Vec<Stmt>,
}

impl Function {
    /// The function as an impl item.
    pub fn into_impl_item(self) -> ImplItem {
        let (mutable, by_reference) = match self.receiver {
            SelfArg::None | SelfArg::Value => (false, false),
            SelfArg::MutValue => (true, false),
            SelfArg::Ref => (false, true),
        };
        let receiver = (!matches!(self.receiver, SelfArg::None)).then(|| {
            let self_type = named_type(&["Self"]);
            FnArg::Receiver(Receiver {
                attrs: Vec::new(),
                reference: by_reference.then(|| (Default::default(), None)),
                mutability: mutable.then(Default::default),
                self_token: Default::default(),
                colon_token: None,
                ty: Box::new(if by_reference {
                    reference_type(None, self_type)
                } else {
                    self_type
                }),
            })
        });
        let inputs = receiver
            .into_iter()
            .chain(self.inputs.into_iter().map(|(name, ty)| {
                FnArg::Typed(PatType {
                    attrs: Vec::new(),
                    pat: Box::new(binding(name)),
                    colon_token: Default::default(),
                    ty: Box::new(ty),
                })
            }));
        ImplItem::Fn(ImplItemFn {
            attrs: self.attrs,
            vis: self.vis,
            defaultness: None,
            sig: Signature {
                constness: None,
                asyncness: self.is_async.then(Default::default),
                unsafety: None,
                abi: None,
                fn_token: Default::default(),
                ident: self.name,
                generics: Generics::default(),
                paren_token: Default::default(),
                inputs: inputs.collect(),
                variadic: None,
                output: match self.output {
                    Some(ty) => ReturnType::Type(Default::default(), Box::new(ty)),
                    None => ReturnType::Default,
                },
            },
            block: block(self.body),
        })
    }
}

/// `{ statements }`.
pub fn block(stmts: Vec<Stmt>) -> Block {
    Block {
        brace_token: Default::default(),
        stmts,
    }
}
