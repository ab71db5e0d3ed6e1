//! `deprecated` on operations, schemas and properties: the generated code's deprecation notes.

use serde_json::Value;
use xcover_codegen::ir::types::TypeId;

use crate::json::flag;
use crate::model::{Change, ChangeKind, Element, Scope};
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
    }
    for field in &context.fields {
        compare_flag(
            context,
            &field.pointers,
            &field.scope,
            Element::Field,
            format!("field `{}`", field.new.name),
            changes,
        );
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
