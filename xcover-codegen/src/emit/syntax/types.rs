//! Types: paths with generic arguments, references, `impl Trait`.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{
    AngleBracketedGenericArguments, GenericArgument, Generics, Lifetime, LifetimeParam, Path,
    PathArguments, TraitBound, TraitBoundModifier, Type, TypeImplTrait, TypeParamBound, TypePath,
    TypeReference,
};

use super::path;

/// The type at a path.
pub fn path_type(path: Path) -> Type {
    Type::Path(TypePath { qself: None, path })
}

/// A type at a path of plain segments: `reqwest::multipart::Form`.
pub fn named_type(segments: &[&str]) -> Type {
    path_type(path(segments))
}

/// A generic type: `Option<T>`, `std::collections::BTreeMap<String, T>`.
pub fn generic_type(segments: &[&str], arguments: impl IntoIterator<Item = Type>) -> Type {
    path_type(with_arguments(
        path(segments),
        arguments.into_iter().map(GenericArgument::Type),
    ))
}

/// `path` with generic arguments on its last segment: `builder::GetQuote<'_>`.
pub fn with_arguments(
    mut path: Path,
    arguments: impl IntoIterator<Item = GenericArgument>,
) -> Path {
    if let Some(last) = path.segments.last_mut() {
        last.arguments = PathArguments::AngleBracketed(AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: arguments.into_iter().collect(),
            gt_token: Default::default(),
        });
    }
    path
}

/// A lifetime: `'a`.
pub fn lifetime(name: &str) -> Lifetime {
    Lifetime::new(name, Span::call_site())
}

/// `impl Trait<Argument>`.
pub fn impl_trait(segments: &[&str], argument: Type) -> Type {
    Type::ImplTrait(TypeImplTrait {
        impl_token: Default::default(),
        bounds: Punctuated::from_iter([TypeParamBound::Trait(TraitBound {
            paren_token: None,
            modifier: TraitBoundModifier::None,
            lifetimes: None,
            path: with_arguments(path(segments), [GenericArgument::Type(argument)]),
        })]),
    })
}

/// `&'lifetime T`.
pub fn reference_type(lifetime: Option<Lifetime>, elem: Type) -> Type {
    Type::Reference(TypeReference {
        and_token: Default::default(),
        lifetime,
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `()`.
pub fn unit_type() -> Type {
    Type::Tuple(syn::TypeTuple {
        paren_token: Default::default(),
        elems: Punctuated::new(),
    })
}

/// `<'a>` on an item.
pub fn lifetime_generics(name: &str) -> Generics {
    Generics {
        lt_token: Some(Default::default()),
        params: Punctuated::from_iter([syn::GenericParam::Lifetime(LifetimeParam::new(lifetime(
            name,
        )))]),
        gt_token: Some(Default::default()),
        where_clause: None,
    }
}
