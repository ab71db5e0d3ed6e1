//! What is the same thing in both documents: component schemas renamed, generated types, and
//! operations, paired once up front for every comparison to read.

use std::collections::HashMap;

use xcover_codegen::ir::operations::Operation;
use xcover_codegen::ir::types::{Field, TypeEntry, TypeId, TypeKind, TypeRef};

use crate::json::SCHEMA_REF_PREFIX;
use crate::model::Scope;
use crate::pairing::{pair, pair_by, Pairs, Pass};
use crate::pointer::{escape, unescape};
use crate::renames::Renames;
use crate::spec::Spec;

/// Both documents and what pairs them.
pub(crate) struct Context<'s> {
    pub(crate) old: &'s Spec,
    pub(crate) new: &'s Spec,
    /// Generated types, by [`TypeId`] index.
    pub(crate) types: Pairs,
    /// Operations, by index.
    pub(crate) operations: Pairs,
    /// The fields of paired structs that both have, found once for every comparison.
    pub(crate) fields: Vec<FieldPair<'s>>,
    partner: HashMap<TypeId, TypeId>,
}

impl<'s> Context<'s> {
    /// Pairs types (by schema pointer, read through schema renames, with its Rust name, then
    /// with its kind, then with path parameter names blanked, then by Rust name alone) and
    /// operations (by endpoint, path parameter names ignored, then by operationId).
    pub(crate) fn new(old: &'s Spec, new: &'s Spec) -> Context<'s> {
        let renames = Renames::detect(&old.json, &new.json);
        let old_types: Vec<&TypeEntry> = old.ir.types.iter().map(|(_, entry)| entry).collect();
        let new_types: Vec<&TypeEntry> = new.ir.types.iter().map(|(_, entry)| entry).collect();
        let old_pointers: Vec<String> = old_types
            .iter()
            .map(|entry| renamed_pointer(&renames, entry.pointer.as_str()))
            .collect();
        let new_pointers: Vec<String> = new_types
            .iter()
            .map(|entry| entry.pointer.as_str().to_owned())
            .collect();
        let (old_blanked, new_blanked): (Vec<String>, Vec<String>) = (
            old_pointers.iter().map(|p| blank_parameters(p)).collect(),
            new_pointers.iter().map(|p| blank_parameters(p)).collect(),
        );
        let key = |pointer: &str, tail: &str| Some(format!("{pointer}\0{tail}"));
        let types = pair(
            old_types.len(),
            new_types.len(),
            &[
                Pass {
                    old: &|i| key(&old_pointers[i], &old_types[i].name),
                    new: &|i| key(&new_pointers[i], &new_types[i].name),
                },
                Pass {
                    old: &|i| key(&old_pointers[i], kind_name(&old_types[i].kind)),
                    new: &|i| key(&new_pointers[i], kind_name(&new_types[i].kind)),
                },
                // An inline type under a path whose parameter was renamed.
                Pass {
                    old: &|i| key(&old_blanked[i], kind_name(&old_types[i].kind)),
                    new: &|i| key(&new_blanked[i], kind_name(&new_types[i].kind)),
                },
                Pass {
                    old: &|i| Some(old_types[i].name.clone()),
                    new: &|i| Some(new_types[i].name.clone()),
                },
            ],
        );
        let partner = types
            .both
            .iter()
            .map(|&(old_index, new_index)| (TypeId(old_index), TypeId(new_index)))
            .collect();
        let (old_operations, new_operations) = (&old.ir.operations, &new.ir.operations);
        let operations = pair(
            old_operations.len(),
            new_operations.len(),
            &[
                Pass {
                    old: &|i| Some(endpoint(&old_operations[i])),
                    new: &|i| Some(endpoint(&new_operations[i])),
                },
                Pass {
                    old: &|i| Some(old_operations[i].id.clone()),
                    new: &|i| Some(new_operations[i].id.clone()),
                },
            ],
        );
        let mut context = Context {
            old,
            new,
            types,
            operations,
            fields: Vec::new(),
            partner,
        };
        context.fields = context.paired_fields();
        context
    }

    /// NEW's type for an OLD one.
    pub(crate) fn partner(&self, old: TypeId) -> Option<TypeId> {
        self.partner.get(&old).copied()
    }

    /// An OLD type as the generated code writes it.
    pub(crate) fn old_text(&self, ty: &TypeRef) -> String {
        xcover_codegen::rust_type_text(&self.old.ir.types, ty)
    }

    /// A NEW type as the generated code writes it.
    pub(crate) fn new_text(&self, ty: &TypeRef) -> String {
        xcover_codegen::rust_type_text(&self.new.ir.types, ty)
    }

    /// Whether code written for OLD's type compiles with NEW's: the same shape, and generated
    /// types that are the same type (a renamed one is reported once, as a type).
    pub(crate) fn same_type(&self, old: &TypeRef, new: &TypeRef) -> bool {
        match (old, new) {
            (TypeRef::Named(old), TypeRef::Named(new)) => self.partner(*old) == Some(*new),
            (TypeRef::Scalar(old), TypeRef::Scalar(new)) => old == new,
            (TypeRef::List(old), TypeRef::List(new))
            | (TypeRef::IndexKeyedList(old), TypeRef::IndexKeyedList(new))
            | (TypeRef::List(old), TypeRef::IndexKeyedList(new))
            | (TypeRef::IndexKeyedList(old), TypeRef::List(new))
            | (TypeRef::Map(old), TypeRef::Map(new))
            | (TypeRef::Option(old), TypeRef::Option(new))
            | (TypeRef::Boxed(old), TypeRef::Boxed(new)) => self.same_type(old, new),
            _ => false,
        }
    }
}

/// How a paired type travels, in either document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Travel {
    /// Callers send it (requests).
    pub(crate) sent: bool,
    /// Callers receive it (responses, webhook payloads).
    pub(crate) received: bool,
}

/// A struct field both documents have, in paired structs, with where its property is written.
pub(crate) struct FieldPair<'s> {
    /// Its struct's scope.
    pub(crate) scope: Scope,
    /// How its struct travels.
    pub(crate) travel: Travel,
    /// NEW's field.
    pub(crate) new: &'s Field,
    /// The property's pointer in OLD and in NEW.
    pub(crate) pointers: (String, String),
}

impl<'s> Context<'s> {
    /// How a paired type travels.
    pub(crate) fn travel(&self, old: TypeId, new: TypeId) -> Travel {
        let (old_directions, new_directions) = (&self.old.ir.directions, &self.new.ir.directions);
        Travel {
            sent: old_directions.sent.contains(&old) || new_directions.sent.contains(&new),
            received: old_directions.received.contains(&old)
                || new_directions.received.contains(&new),
        }
    }

    /// Every field of paired structs that both have (by JSON name) and both documents write.
    fn paired_fields(&self) -> Vec<FieldPair<'s>> {
        let mut found = Vec::new();
        for &(old_index, new_index) in &self.types.both {
            let (old_id, new_id) = (TypeId(old_index), TypeId(new_index));
            let (old, new) = (self.old.ir.types.get(old_id), self.new.ir.types.get(new_id));
            let (TypeKind::Struct(old_struct), TypeKind::Struct(new_struct)) =
                (&old.kind, &new.kind)
            else {
                continue;
            };
            let pairs = pair_by(&old_struct.fields, &new_struct.fields, |field| {
                field.wire.clone()
            });
            for (old_field, new_field) in pairs
                .both
                .iter()
                .map(|&(o, n)| (&old_struct.fields[o], &new_struct.fields[n]))
            {
                let (Some(old_pointer), Some(new_pointer)) = (
                    self.old
                        .json
                        .property_pointer(old.pointer.as_str(), &old_field.wire),
                    self.new
                        .json
                        .property_pointer(new.pointer.as_str(), &new_field.wire),
                ) else {
                    continue;
                };
                found.push(FieldPair {
                    scope: type_scope(new),
                    travel: self.travel(old_id, new_id),
                    new: new_field,
                    pointers: (old_pointer, new_pointer),
                });
            }
        }
        found
    }
}

/// An OLD pointer with a renamed component schema's name replaced by its NEW name.
fn renamed_pointer(renames: &Renames, pointer: &str) -> String {
    let prefix = &SCHEMA_REF_PREFIX[1..];
    let Some(rest) = pointer.strip_prefix(prefix) else {
        return pointer.to_owned();
    };
    let (escaped_name, tail) = rest
        .split_once('/')
        .map_or((rest, ""), |(name, tail)| (name, tail));
    let name = unescape(escaped_name);
    let renamed = escape(&renames.to_new(&name));
    if tail.is_empty() {
        format!("{prefix}{renamed}")
    } else {
        format!("{prefix}{renamed}/{tail}")
    }
}

/// Where a client method's changes are grouped.
pub(crate) fn method_scope(operation: &Operation) -> Scope {
    Scope::Method {
        name: operation.fn_name.clone(),
        method: operation.method.as_str().to_owned(),
        path: operation.path.clone(),
    }
}

/// Where a generated type's changes are grouped.
pub(crate) fn type_scope(entry: &TypeEntry) -> Scope {
    Scope::Type {
        name: entry.name.clone(),
    }
}

/// What kind of Rust item a type is, for pairing and for reports.
pub(crate) fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Pending => "pending type",
        TypeKind::Struct(_) => "struct",
        TypeKind::StringEnum(_) => "string enum",
        TypeKind::Union(_) => "union enum",
        TypeKind::Alias(_) => "type alias",
        TypeKind::Newtype(_) => "newtype",
        TypeKind::ResponseEnum(_) => "response enum",
    }
}

/// Method and path with path parameter names blanked: `GET /quotes/{}`.
pub(crate) fn endpoint(operation: &Operation) -> String {
    format!(
        "{} {}",
        operation.method.as_str(),
        blank_parameters(&operation.path)
    )
}

/// A path template, or a pointer holding one, with every `{name}` blanked to `{}`.
fn blank_parameters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_parameter = false;
    for c in text.chars() {
        match c {
            '{' => {
                in_parameter = true;
                out.push_str("{}");
            }
            '}' => in_parameter = false,
            _ if in_parameter => {}
            _ => out.push(c),
        }
    }
    out
}
