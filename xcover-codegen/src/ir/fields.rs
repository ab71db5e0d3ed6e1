//! How each struct field is written: bare, `Option<T>` or (in PATCH bodies) `Option<Option<T>>`,
//! and the spec default it falls back to, under the name of the function that gives it.

use std::collections::BTreeSet;

use serde_json::Value;

use super::names::{snake_name, UniqueNames};
use super::types::{
    DefaultValue, Field, FieldForm, Scalar, SpecDefault, TypeId, TypeKind, TypeRef,
};
use super::typespace::TypeSpace;

/// Decides every struct field's form and spec default. `patch_types` are the types reachable
/// from PATCH bodies, where absent and `null` differ.
pub fn decide(types: &mut TypeSpace, patch_types: &BTreeSet<TypeId>) {
    let mut default_names = UniqueNames::default();
    for index in 0..types.len() {
        let id = TypeId(index);
        let entry = types.get(id);
        let TypeKind::Struct(structure) = &entry.kind else {
            continue;
        };
        let type_name = snake_name(&entry.name);
        // A nullable field's absence means `None`, so its spec default is not used.
        let defaults: Vec<Option<SpecDefault>> = structure
            .fields
            .iter()
            .map(|field| {
                let value = field.default.as_ref().filter(|_| !field.nullable)?;
                let value = default_value(types, &field.ty, value)?;
                Some(SpecDefault {
                    function: default_names.claim(format!("{type_name}_{}", field.name)),
                    value,
                })
            })
            .collect();
        let in_patch = patch_types.contains(&id);
        if let TypeKind::Struct(structure) = &mut types.get_mut(id).kind {
            for (field, spec_default) in structure.fields.iter_mut().zip(defaults) {
                field.form = form(field, spec_default.is_some(), in_patch);
                field.spec_default = spec_default;
            }
        }
    }
}

fn form(field: &Field, has_default: bool, in_patch: bool) -> FieldForm {
    if !field.nullable && (field.required || has_default) {
        FieldForm::Bare
    } else if !field.required && field.nullable && in_patch {
        FieldForm::DoubleOption
    } else {
        FieldForm::Option {
            omitted_when_none: !field.required,
        }
    }
}

/// A spec default as a Rust value of the field's type, when it can be one.
fn default_value(types: &TypeSpace, ty: &TypeRef, value: &Value) -> Option<DefaultValue> {
    match (ty, value) {
        (TypeRef::Scalar(Scalar::Bool), Value::Bool(b)) => Some(DefaultValue::Bool(*b)),
        (TypeRef::Scalar(Scalar::String), Value::String(s)) => {
            Some(DefaultValue::String(s.clone()))
        }
        (TypeRef::Scalar(Scalar::I64), Value::Number(n)) => n.as_i64().map(DefaultValue::I64),
        (TypeRef::Scalar(Scalar::I32), Value::Number(n)) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(DefaultValue::I32),
        (TypeRef::Scalar(Scalar::F64), Value::Number(n)) => {
            n.as_f64().filter(|n| n.is_finite()).map(DefaultValue::F64)
        }
        (TypeRef::Scalar(Scalar::F32), Value::Number(n)) => n
            .as_f64()
            .map(|n| n as f32)
            .filter(|n| n.is_finite())
            .map(DefaultValue::F32),
        (TypeRef::Named(id), Value::String(s)) => {
            let TypeKind::StringEnum(string_enum) = &types.get(*id).kind else {
                return None;
            };
            let variant = string_enum.variants.iter().find(|v| &v.wire == s)?;
            Some(DefaultValue::Variant {
                ty: *id,
                variant: variant.name.clone(),
            })
        }
        _ => None,
    }
}
