//! Patterns: bindings, destructuring, status codes and ranges.

use syn::punctuated::Punctuated;
use syn::{FieldPat, Member, Pat, PatIdent, PatStruct, PatTupleStruct, Path};

use super::exprs::{integer, integer_literal};
use super::{path, word};

/// A binding: `name`.
pub fn binding(name: proc_macro2::Ident) -> Pat {
    ident_pattern(name, false)
}

/// A mutable binding: `mut name`.
pub fn mut_binding(name: proc_macro2::Ident) -> Pat {
    ident_pattern(name, true)
}

fn ident_pattern(name: proc_macro2::Ident, mutable: bool) -> Pat {
    Pat::Ident(PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: mutable.then(Default::default),
        ident: name,
        subpat: None,
    })
}

/// `Path { a, b }`, every field bound by its name.
pub fn struct_pattern(path: Path, fields: impl IntoIterator<Item = proc_macro2::Ident>) -> Pat {
    Pat::Struct(PatStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        brace_token: Default::default(),
        fields: fields
            .into_iter()
            .map(|name| FieldPat {
                attrs: Vec::new(),
                member: Member::Named(name.clone()),
                colon_token: None,
                pat: Box::new(binding(name)),
            })
            .collect(),
        rest: None,
    })
}

/// `Path(a, b)`.
pub fn tuple_struct_pattern(path: Path, elems: impl IntoIterator<Item = Pat>) -> Pat {
    Pat::TupleStruct(PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `Variant(name)`: `Some(value)`, `Err(original)`.
pub fn variant_pattern(variant: &str, name: &str) -> Pat {
    tuple_struct_pattern(path(&[variant]), [binding(word(name))])
}

/// `()` as a pattern.
pub fn unit_pattern() -> Pat {
    Pat::Tuple(syn::PatTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: Punctuated::new(),
    })
}

/// An integer literal as a pattern.
pub fn literal_pattern(value: u16) -> Pat {
    Pat::Lit(integer_literal(value.into()))
}

/// `start..=end` as a pattern.
pub fn range_pattern(start: u16, end: u16) -> Pat {
    Pat::Range(syn::PatRange {
        attrs: Vec::new(),
        start: Some(Box::new(integer(start))),
        limits: syn::RangeLimits::Closed(Default::default()),
        end: Some(Box::new(integer(end))),
    })
}

/// `a | b | c`, or the one pattern alone.
pub fn or_pattern(mut cases: Vec<Pat>) -> Pat {
    if cases.len() == 1 {
        return cases.remove(0);
    }
    Pat::Or(syn::PatOr {
        attrs: Vec::new(),
        leading_vert: None,
        cases: cases.into_iter().collect(),
    })
}

/// `_`.
pub fn wild_pattern() -> Pat {
    Pat::Wild(syn::PatWild {
        attrs: Vec::new(),
        underscore_token: Default::default(),
    })
}
