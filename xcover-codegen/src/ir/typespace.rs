//! The `TypeSpace`: every generated type, and every naming decision about types.

use std::collections::BTreeMap;

use super::names::{type_name, UniqueNames};
use super::types::{TypeEntry, TypeId, TypeKind};
use crate::diagnostics::Pointer;

/// All generated types, in the order they are emitted.
#[derive(Debug, Clone, Default)]
pub struct TypeSpace {
    entries: Vec<TypeEntry>,
    components: BTreeMap<String, TypeId>,
    names: UniqueNames,
}

impl TypeSpace {
    /// Reserves a type for the component schema `name`, so references to it resolve before
    /// it is converted.
    pub fn declare_component(&mut self, name: &str, pointer: Pointer) -> TypeId {
        if let Some(id) = self.components.get(name) {
            return *id;
        }
        let id = self.reserve(type_name(name), pointer);
        self.components.insert(name.to_string(), id);
        id
    }

    /// The type of a component schema, if declared.
    pub fn component(&self, name: &str) -> Option<TypeId> {
        self.components.get(name).copied()
    }

    /// Reserves a type with a name derived from `wanted`, made unique.
    pub fn reserve(&mut self, wanted: String, pointer: Pointer) -> TypeId {
        let name = self.names.claim(wanted);
        self.entries.push(TypeEntry {
            name,
            doc: None,
            pointer,
            kind: TypeKind::Pending,
        });
        TypeId(self.entries.len() - 1)
    }

    /// Whether a type name is already used.
    pub fn is_name_taken(&self, name: &str) -> bool {
        self.names.contains(name)
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
