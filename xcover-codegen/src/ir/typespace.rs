//! The `TypeSpace`: every generated type, and every naming decision about types.

use std::collections::{BTreeMap, HashSet};

use super::names::{settle, type_name};
use super::types::{TypeEntry, TypeId, TypeKind};
use crate::diagnostics::Pointer;

/// All generated types, in the order they are emitted.
///
/// A type's name is the one it wants until [`TypeSpace::settle_names`] makes the names
/// distinct, once every type is known, so that a type's name never depends on the order of
/// the document or on types that want other names.
#[derive(Debug, Clone, Default)]
pub struct TypeSpace {
    entries: Vec<TypeEntry>,
    components: BTreeMap<String, TypeId>,
    ranks: Vec<NameRank>,
    wanted: HashSet<String>,
}

/// Which of the types wanting one name keeps it (the first), before the JSON pointer decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NameRank {
    /// A component schema with `x-rust-name`.
    Chosen,
    /// A component schema whose name is its Rust name already (`Pet`, not `pet`).
    Exact,
    /// Any other component schema.
    Component,
    /// A type named after where it is (an inline schema, an operation's alias).
    Derived,
}

impl TypeSpace {
    /// Reserves a type for the component schema `name`, so references to it resolve before
    /// it is converted; `rust_name` is its `x-rust-name`.
    pub fn declare_component(
        &mut self,
        name: &str,
        rust_name: Option<&str>,
        pointer: Pointer,
    ) -> TypeId {
        if let Some(id) = self.components.get(name) {
            return *id;
        }
        let wanted = type_name(rust_name.unwrap_or(name));
        let rank = match rust_name {
            Some(_) => NameRank::Chosen,
            None if wanted == name => NameRank::Exact,
            None => NameRank::Component,
        };
        let id = self.reserve_ranked(wanted, pointer, rank);
        self.components.insert(name.to_string(), id);
        id
    }

    /// Every component schema's name and type.
    pub fn components(&self) -> impl Iterator<Item = (&str, TypeId)> {
        self.components
            .iter()
            .map(|(name, id)| (name.as_str(), *id))
    }

    /// The type of a component schema, if declared.
    pub fn component(&self, name: &str) -> Option<TypeId> {
        self.components.get(name).copied()
    }

    /// Reserves a type named after where it is: `wanted`, made unique once all are known.
    pub fn reserve(&mut self, wanted: String, pointer: Pointer) -> TypeId {
        self.reserve_ranked(wanted, pointer, NameRank::Derived)
    }

    fn reserve_ranked(&mut self, wanted: String, pointer: Pointer, rank: NameRank) -> TypeId {
        self.wanted.insert(wanted.clone());
        self.entries.push(TypeEntry {
            name: wanted,
            doc: None,
            pointer,
            kind: TypeKind::Pending,
        });
        self.ranks.push(rank);
        TypeId(self.entries.len() - 1)
    }

    /// Whether a type wants the name `name`.
    pub fn is_name_taken(&self, name: &str) -> bool {
        self.wanted.contains(name)
    }

    /// Makes the type names distinct: of the types wanting one name, the first by rank, then
    /// by JSON pointer, keeps it; the others get `2`, `3`, …
    pub fn settle_names(&mut self) {
        let wanted: Vec<(&str, (NameRank, &Pointer))> = self
            .entries
            .iter()
            .zip(&self.ranks)
            .map(|(entry, rank)| (entry.name.as_str(), (*rank, &entry.pointer)))
            .collect();
        let renamed = settle(&wanted, &[]);
        for (entry, renamed) in self.entries.iter_mut().zip(renamed) {
            if let Some(name) = renamed {
                entry.name = name;
            }
        }
    }

    /// Gives a reserved type its shape and documentation.
    pub fn define(&mut self, id: TypeId, kind: TypeKind, doc: Option<String>) {
        let entry = &mut self.entries[id.0];
        entry.kind = kind;
        if doc.is_some() {
            entry.doc = doc;
        }
    }

    /// One type.
    pub fn get(&self, id: TypeId) -> &TypeEntry {
        &self.entries[id.0]
    }

    /// One type, to change its shape (cycle breaking).
    pub fn get_mut(&mut self, id: TypeId) -> &mut TypeEntry {
        &mut self.entries[id.0]
    }

    /// Every type, with its id, in emission order.
    pub fn iter(&self) -> impl Iterator<Item = (TypeId, &TypeEntry)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(index, entry)| (TypeId(index), entry))
    }

    /// How many types there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no types.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
