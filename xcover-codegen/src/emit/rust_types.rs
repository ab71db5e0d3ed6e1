//! How IR types are written as Rust type expressions.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::names::is_keyword;
use crate::ir::types::{Scalar, TypeRef};
use crate::ir::typespace::TypeSpace;

/// Writes types as seen from one module.
#[derive(Clone, Copy)]
pub struct TypeWriter<'a> {
    /// Where the names of generated types come from.
    pub space: &'a TypeSpace,
    /// How generated types are reached from that module.
    pub path: TypePath,
}

/// How a module reaches the generated types.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TypePath {
    /// From the types module itself: `Name`.
    Local,
    /// From a child of the types module: `super::Name`.
    Super,
    /// From the client module: `types::Name`.
    Types,
}

impl TypeWriter<'_> {
    /// The Rust type for `ty`.
    pub fn ty(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Named(id) => {
                let name = ident(&self.space.get(*id).name);
                match self.path {
                    TypePath::Local => quote!(#name),
                    TypePath::Super => quote!(super::#name),
                    TypePath::Types => quote!(types::#name),
                }
            }
            TypeRef::Scalar(scalar) => scalar_type(*scalar),
            TypeRef::List(inner) | TypeRef::IndexKeyedList(inner) => {
                let inner = self.ty(inner);
                quote!(Vec<#inner>)
            }
            TypeRef::Map(inner) => {
                let inner = self.ty(inner);
                quote!(std::collections::BTreeMap<String, #inner>)
            }
            TypeRef::Option(inner) => {
                let inner = self.ty(inner);
                quote!(Option<#inner>)
            }
            TypeRef::Boxed(inner) => {
                let inner = self.ty(inner);
                quote!(Box<#inner>)
            }
        }
    }
}

fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::String => quote!(String),
        Scalar::Bool => quote!(bool),
        Scalar::I32 => quote!(i32),
        Scalar::I64 => quote!(i64),
        Scalar::F32 => quote!(f32),
        Scalar::F64 => quote!(f64),
        Scalar::DecimalNumber | Scalar::DecimalString => quote!(rust_decimal::Decimal),
        Scalar::DateTime => quote!(chrono::DateTime<chrono::FixedOffset>),
        Scalar::Date => quote!(chrono::NaiveDate),
        Scalar::Uuid => quote!(uuid::Uuid),
        Scalar::Json => quote!(serde_json::Value),
        Scalar::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        Scalar::Unit => quote!(()),
        Scalar::Bytes => quote!(bytes::Bytes),
    }
}

/// An identifier, raw (`r#type`) when it is a keyword.
pub fn ident(name: &str) -> Ident {
    if is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}
