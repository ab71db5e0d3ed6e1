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

    /// The same type as [`TypeWriter::ty`], written as compact source text (`Vec<String>`)
    /// straight from the IR: for the calls to the runtime's macros, which are text.
    pub fn text(&self, ty: &TypeRef, out: &mut String) {
        let generic = |out: &mut String, path: &str, inner: &TypeRef| {
            out.push_str(path);
            out.push('<');
            self.text(inner, out);
            out.push('>');
        };
        match ty {
            TypeRef::Named(id) => {
                match self.path {
                    TypePath::Local => {}
                    TypePath::Super => out.push_str("super::"),
                    TypePath::Types => out.push_str("types::"),
                }
                out.push_str(&self.space.get(*id).name);
            }
            TypeRef::Scalar(scalar) => {
                let rust = scalar.rust();
                if rust.path.is_empty() {
                    out.push_str("()");
                    return;
                }
                out.push_str(&rust.path.join("::"));
                if !rust.arguments.is_empty() {
                    let arguments: Vec<String> =
                        rust.arguments.iter().map(|path| path.join("::")).collect();
                    out.push('<');
                    out.push_str(&arguments.join(", "));
                    out.push('>');
                }
            }
            TypeRef::List(inner) | TypeRef::IndexKeyedList(inner) => generic(out, "Vec", inner),
            TypeRef::Map(inner) => {
                out.push_str(&MAP_PATH.join("::"));
                out.push_str("<String, ");
                self.text(inner, out);
                out.push('>');
            }
            TypeRef::Option(inner) => generic(out, "Option", inner),
            TypeRef::Boxed(inner) => generic(out, "Box", inner),
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

/// An identifier as source text, raw (`r#type`) when it is a keyword, as [`ident`] writes it.
pub fn ident_text(name: &str) -> std::borrow::Cow<'_, str> {
    if is_keyword(name) {
        format!("r#{name}").into()
    } else {
        name.into()
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

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    use super::*;
    use crate::ir::types::{TypeEntry, TypeKind};

    /// `text` spells every kind of type as `ty` does, once token spacing is taken out.
    #[test]
    fn text_is_the_type_written_as_source() {
        let mut space = TypeSpace::default();
        let pet = space.reserve("Pet".to_string(), crate::diagnostics::Pointer::root());
        space.define(pet, TypeKind::Alias(TypeRef::Scalar(Scalar::String)), None);
        let _: &TypeEntry = space.get(pet);
        let named = || Box::new(TypeRef::Named(pet));
        let mut types = vec![
            TypeRef::List(Box::new(TypeRef::Option(named()))),
            TypeRef::IndexKeyedList(named()),
            TypeRef::Map(Box::new(TypeRef::Boxed(named()))),
        ];
        for scalar in [
            Scalar::String,
            Scalar::Bool,
            Scalar::I32,
            Scalar::I64,
            Scalar::F32,
            Scalar::F64,
            Scalar::DecimalNumber,
            Scalar::DecimalString,
            Scalar::DateTime,
            Scalar::Date,
            Scalar::Uuid,
            Scalar::Json,
            Scalar::JsonObject,
            Scalar::Unit,
            Scalar::Bytes,
        ] {
            types.push(TypeRef::Scalar(scalar));
        }
        for path in [TypePath::Local, TypePath::Super, TypePath::Types] {
            let writer = TypeWriter {
                space: &space,
                path,
            };
            for ty in &types {
                let spaced = writer.ty(ty).to_token_stream().to_string();
                let mut text = String::new();
                writer.text(ty, &mut text);
                assert_eq!(text.replace(' ', ""), spaced.replace(' ', ""));
            }
        }
    }
}
