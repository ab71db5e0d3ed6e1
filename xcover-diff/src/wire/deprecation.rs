//! `deprecated` on operations, schemas and properties: the generated code's deprecation notes.

use serde_json::Value;
use xcover_codegen::ir::types::{TypeId, TypeKind};

use crate::json::flag;
use crate::model::{Change, ChangeKind, Element, Scope};
use crate::pairing::pair_by;
use crate::pairs::{method_scope, type_scope, Context};
use crate::record::change;
use crate::rules;

/// Compares the flag on every paired operation, type and struct field.
pub(crate) fn compare(context: &Context, changes: &mut Vec<Change>) {
    for &(old_index, new_index) in &context.operations.both {
        let (old, new) = (
            &context.old.ir.operations[old_index],
            &context.new.ir.operations[new_index],
        );
        let scope = method_scope(new);
        let pointers = (
            old.pointer.as_str().to_owned(),
            new.pointer.as_str().to_owned(),
        );
        compare_flag(
            context,
            &pointers,
            &scope,
            Element::Method,
            String::new(),
            changes,
        );
    }
    for &(old_index, new_index) in &context.types.both {
        let (old, new) = (
            context.old.ir.types.get(TypeId(old_index)),
            context.new.ir.types.get(TypeId(new_index)),
        );
        let scope = type_scope(new);
        let pointers = (
            old.pointer.as_str().to_owned(),
            new.pointer.as_str().to_owned(),
        );
        compare_flag(
            context,
            &pointers,
            &scope,
            Element::Type,
            String::new(),
            changes,
        );
        let (TypeKind::Struct(old_struct), TypeKind::Struct(new_struct)) = (&old.kind, &new.kind)
        else {
            continue;
        };
        let pairs = pair_by(&old_struct.fields, &new_struct.fields, |field| {
            field.wire.clone()
        });
        for &(old_field, new_field) in &pairs.both {
            let (old_field, new_field) =
                (&old_struct.fields[old_field], &new_struct.fields[new_field]);
            let (Some(old_pointer), Some(new_pointer)) = (
                context
                    .old
                    .json
                    .property_pointer(&pointers.0, &old_field.wire),
                context
                    .new
                    .json
                    .property_pointer(&pointers.1, &new_field.wire),
            ) else {
                continue;
            };
            let pointers = (old_pointer, new_pointer);
            compare_flag(
                context,
                &pointers,
                &scope,
                Element::Field,
                format!("field `{}`", new_field.name),
                changes,
            );
        }
    }
}

fn compare_flag(
    context: &Context,
    (old_pointer, new_pointer): &(String, String),
    scope: &Scope,
    element: Element,
    location: String,
    changes: &mut Vec<Change>,
) {
    let deprecated = |node: Option<&Value>| node.is_some_and(|node| flag(node, "deprecated"));
    let old = deprecated(context.old.json.at(old_pointer));
    let new = deprecated(context.new.json.at(new_pointer));
    if old == new {
        return;
    }
    let kind = if new {
        ChangeKind::Deprecated
    } else {
        ChangeKind::Undeprecated
    };
    changes.push(
        change(scope, kind, element, location, rules::DEPRECATION_CHANGED)
            .at(old_pointer, new_pointer),
    );
}
