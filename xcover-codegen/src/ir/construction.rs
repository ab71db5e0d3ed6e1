//! How callers build generated values: each struct's constructor (its name, its arguments, the
//! union tag it sets itself) and its setters, and which union variants convert with `From`.
//!
//! The rule that keeps regeneration safe: structs are built only through these, so a new
//! optional field adds a setter and breaks no caller.

use std::collections::BTreeMap;

use super::types::{Field, FieldForm, FieldRole, Scalar, TypeId, TypeKind, TypeRef};
use super::typespace::TypeSpace;

/// The constructor's name, unless a field's setter takes it.
const CONSTRUCTOR: &str = "new";

impl Field {
    /// The field's Rust type: its value type inside the `Option`s its form adds.
    pub fn declared_type(&self) -> TypeRef {
        let option = |ty| TypeRef::Option(Box::new(ty));
        match self.form {
            FieldForm::Bare => self.ty.clone(),
            FieldForm::Option { .. } => option(self.ty.clone()),
            FieldForm::DoubleOption => option(option(self.ty.clone())),
        }
    }

    /// What the field is to the constructor and setters, given its form.
    pub fn role(&self) -> FieldRole {
        match self.form {
            FieldForm::Bare if self.spec_default.is_some() => FieldRole::Defaulted,
            FieldForm::Bare
            | FieldForm::Option {
                omitted_when_none: false,
            } => FieldRole::Required,
            FieldForm::Option {
                omitted_when_none: true,
            }
            | FieldForm::DoubleOption => FieldRole::Optional,
        }
    }
}

/// Decides every struct's construction and every union's `From` conversions. Runs after
/// field forms are decided.
pub fn decide(types: &mut TypeSpace) {
    let tags = implied_tags(types);
    for index in 0..types.len() {
        let id = TypeId(index);
        // Aliases are the same Rust type as their target: two variants `From` one type clash.
        let variant_types: Vec<TypeRef> = match &types.get(id).kind {
            TypeKind::Union(union) => union
                .variants
                .iter()
                .map(|v| without_aliases(types, &v.ty))
                .collect(),
            _ => Vec::new(),
        };
        match &mut types.get_mut(id).kind {
            TypeKind::Struct(structure) => {
                let constructor = if structure.fields.iter().any(|f| f.name == CONSTRUCTOR)
                    || structure
                        .extra
                        .as_ref()
                        .is_some_and(|(n, _)| n == CONSTRUCTOR)
                {
                    format!("{CONSTRUCTOR}_")
                } else {
                    CONSTRUCTOR.to_string()
                };
                structure.construction.constructor = constructor;
                structure.construction.tag = tags.get(&id).cloned().flatten();
            }
            TypeKind::Union(union) => {
                for (variant, ty) in union.variants.iter_mut().zip(&variant_types) {
                    variant.from = variant_types.iter().filter(|other| *other == ty).count() == 1;
                }
            }
            _ => {}
        }
    }
}

/// For each struct that is a variant of a discriminated union: the tag field and the one
/// value it must hold, or `None` when unions give it several (then callers set it).
fn implied_tags(types: &TypeSpace) -> BTreeMap<TypeId, Option<(usize, String)>> {
    let mut tags: BTreeMap<TypeId, Option<(usize, String)>> = BTreeMap::new();
    for (_, entry) in types.iter() {
        let TypeKind::Union(union) = &entry.kind else {
            continue;
        };
        let Some(tagging) = &union.tagging else {
            continue;
        };
        for (index, variant) in union.variants.iter().enumerate() {
            let TypeRef::Named(id) = variant.ty else {
                continue;
            };
            let TypeKind::Struct(structure) = &types.get(id).kind else {
                continue;
            };
            let Some(field) = structure.fields.iter().position(|field| {
                field.wire == tagging.property
                    && field.role() == FieldRole::Required
                    && is_string_like(types, &field.ty)
            }) else {
                continue;
            };
            let mut values = tagging
                .tags
                .iter()
                .filter(|(_, target)| *target == index)
                .map(|(tag, _)| tag);
            let implied = match (values.next(), values.next()) {
                (Some(tag), None) => Some((field, tag.clone())),
                _ => None,
            };
            tags.entry(id)
                .and_modify(|known| {
                    if *known != implied {
                        *known = None;
                    }
                })
                .or_insert(implied);
        }
    }
    tags
}

/// Whether a `&str` converts into the type: `String`, or a string enum (`From<&str>`).
fn is_string_like(types: &TypeSpace, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Scalar(Scalar::String) => true,
        TypeRef::Named(id) => matches!(types.get(*id).kind, TypeKind::StringEnum(_)),
        _ => false,
    }
}

/// The type as rustc sees it: aliases replaced by their targets, at any depth.
fn without_aliases(types: &TypeSpace, ty: &TypeRef) -> TypeRef {
    let wrap = |inner: &TypeRef| Box::new(without_aliases(types, inner));
    match ty {
        TypeRef::Named(id) => match &types.get(*id).kind {
            TypeKind::Alias(target) => without_aliases(types, target),
            _ => ty.clone(),
        },
        // Both are `rust_decimal::Decimal`, differing only in how serde writes them.
        TypeRef::Scalar(Scalar::DecimalString) => TypeRef::Scalar(Scalar::DecimalNumber),
        TypeRef::Scalar(_) => ty.clone(),
        TypeRef::List(inner) | TypeRef::IndexKeyedList(inner) => TypeRef::List(wrap(inner)),
        TypeRef::Map(inner) => TypeRef::Map(wrap(inner)),
        TypeRef::Option(inner) => TypeRef::Option(wrap(inner)),
        TypeRef::Boxed(inner) => TypeRef::Boxed(wrap(inner)),
    }
}
