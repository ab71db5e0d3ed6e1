//! How deeply the generated types nest inside each other, so that a document rustc could not
//! compile is refused here, at its place, instead of by the partner's compiler.
//!
//! rustc walks a type's fields to check drops and derived traits, and stops at its recursion
//! limit (128): a chain of 80 schemas each holding the next in an `Option` is 160 levels
//! deep. Boxing does not help, since drop checking goes through a `Box`; only a shallower
//! document does.

use super::types::{TypeId, TypeKind, TypeRef};
use super::typespace::TypeSpace;
use crate::diagnostics::SpecError;

/// The deepest nesting accepted, counting each struct, enum and wrapper (`Option`, `Vec`,
/// `Box`, map) as a level; well below rustc's 128, which a few levels of the client (its
/// `Result` and `Response`) add to. Real documents stay within 30.
pub const MAX_NESTING: usize = 100;

/// Refuses the document when a type nests deeper than [`MAX_NESTING`], at the outermost type.
pub fn check(types: &TypeSpace) -> Result<(), SpecError> {
    let mut depths = Depths {
        types,
        known: vec![None; types.len()],
        open: 0,
    };
    let deepest = types
        .iter()
        .map(|(id, _)| (depths.of_type(id), id))
        .max_by_key(|(depth, id)| (*depth, std::cmp::Reverse(*id)));
    match deepest {
        Some((depth, id)) if depth > MAX_NESTING => {
            let entry = types.get(id);
            Err(SpecError::new(
                &entry.pointer,
                format!(
                    "`{}` nests types more than {MAX_NESTING} levels deep, more than rustc can \
                     be trusted to compile: shorten the chain of schemas it starts",
                    entry.name
                ),
            ))
        }
        _ => Ok(()),
    }
}

/// The depth of each type, worked out once.
struct Depths<'t> {
    types: &'t TypeSpace,
    /// `Some(0)` while a type is being measured: a cycle adds nothing more (rustc accepts
    /// recursive types, which are boxed).
    known: Vec<Option<usize>>,
    /// Types being measured: past [`MAX_NESTING`] the answer is known, and a chain of
    /// thousands of schemas must not exhaust the stack.
    open: usize,
}

impl Depths<'_> {
    fn of_type(&mut self, id: TypeId) -> usize {
        if let Some(depth) = self.known[id.0] {
            return depth;
        }
        if self.open > MAX_NESTING {
            return MAX_NESTING + 1;
        }
        self.open += 1;
        self.known[id.0] = Some(0);
        let types = self.types;
        let depth = match &types.get(id).kind {
            TypeKind::Struct(structure) => {
                let mut deepest = 0;
                for field in &structure.fields {
                    let optional = usize::from(!field.required || field.nullable);
                    deepest = deepest.max(optional + self.of_ref(&field.ty));
                }
                if let Some((_, value)) = &structure.extra {
                    deepest = deepest.max(1 + self.of_ref(value));
                }
                1 + deepest
            }
            TypeKind::Alias(ty) => self.of_ref(ty),
            // A union, a response enum or a newtype: one level around its deepest part.
            kind => {
                let mut deepest = 0;
                kind.for_each_part(|ty, _| deepest = deepest.max(self.of_ref(ty)));
                1 + deepest
            }
        };
        self.open -= 1;
        self.known[id.0] = Some(depth);
        depth
    }

    fn of_ref(&mut self, ty: &TypeRef) -> usize {
        match ty.innermost() {
            (TypeRef::Named(id), wrappers) => wrappers + self.of_type(*id),
            (_, wrappers) => wrappers + 1,
        }
    }
}
