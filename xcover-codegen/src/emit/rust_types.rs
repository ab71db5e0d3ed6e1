//! How IR types are written as Rust type expressions.

use proc_macro2::{Ident, Span};
use syn::{Path, Type};

use super::syntax::{generic_type, join, named_type, path, path_type, unit_type};
use crate::ir::names::is_keyword;
use crate::ir::types::{Scalar, TypeId, TypeRef, MAP_PATH};
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
    pub fn ty(&self, ty: &TypeRef) -> Type {
        match ty {
            TypeRef::Named(id) => path_type(self.named(*id)),
            TypeRef::Scalar(scalar) => scalar_type(*scalar),
            TypeRef::List(inner) | TypeRef::IndexKeyedList(inner) => {
                generic_type(&["Vec"], [self.ty(inner)])
            }
            TypeRef::Map(inner) => {
                generic_type(MAP_PATH, [named_type(&["String"]), self.ty(inner)])
            }
            TypeRef::Option(inner) => generic_type(&["Option"], [self.ty(inner)]),
            TypeRef::Boxed(inner) => generic_type(&["Box"], [self.ty(inner)]),
        }
    }

    /// The path of a generated type.
    pub fn named(&self, id: TypeId) -> Path {
        let name = ident(&self.space.get(id).name);
        match self.path {
            TypePath::Local => Path::from(name),
            TypePath::Super => join(path(&["super"]), name),
            TypePath::Types => join(path(&["types"]), name),
        }
    }
}

fn scalar_type(scalar: Scalar) -> Type {
    let rust = scalar.rust();
    if rust.path.is_empty() {
        return unit_type();
    }
    if rust.arguments.is_empty() {
        return named_type(rust.path);
    }
    generic_type(
        rust.path,
        rust.arguments.iter().map(|argument| named_type(argument)),
    )
}

/// An identifier, raw (`r#type`) when it is a keyword.
pub fn ident(name: &str) -> Ident {
    if is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}
