//! Builders of syn trees for the code that every type and operation repeats.
//!
//! Emitting that code as tokens and parsing them back with syn was most of the cost of
//! generation (a setter's five tokens of statements cost syn more than its whole tree costs to
//! build), so the emitters build these trees directly and prettyplease prints them as it would
//! print the parsed tokens. The code written once per module (the client's fixed head, the
//! `defaults` module) and the rarer kinds of type (unions, newtypes, response enums, `Default`
//! impls) are still quoted and parsed.

mod exprs;
mod items;
mod patterns;
mod types;

pub use exprs::*;
pub use items::*;
pub use patterns::*;
pub use types::*;

use proc_macro2::Span;
use syn::{Path, PathSegment};

/// A name the generator writes itself (`request`, `self`, `Some`): never a keyword in need of
/// `r#`, unlike names from the spec ([`ident`](super::rust_types::ident)).
pub fn word(name: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(name, Span::call_site())
}

/// A path of the generator's own names: `runtime::push_query`.
pub fn path(segments: &[&str]) -> Path {
    Path {
        leading_colon: None,
        segments: segments
            .iter()
            .map(|segment| PathSegment::from(word(segment)))
            .collect(),
    }
}

/// A path with `segment` appended.
pub fn join(mut path: Path, segment: proc_macro2::Ident) -> Path {
    path.segments.push(PathSegment::from(segment));
    path
}
