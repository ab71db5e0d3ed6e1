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
    let operations = context
        .operations
        .both
        .iter()
        .map(|&(old_index, new_index)| {
            let (old, new) = (
                &context.old.ir.operations[old_index],
                &context.new.ir.operations[new_index],
            );
            (
                method_scope(new),
                Element::Method,
                old.pointer.as_str(),
                new.pointer.as_str(),
            )
        });
    let types = context.types.both.iter().map(|&(old_index, new_index)| {
        let (old, new) = (
            context.old.ir.types.get(TypeId(old_index)),
            context.new.ir.types.get(TypeId(new_index)),
        );
        (
            type_scope(new),
            Element::Type,
            old.pointer.as_str(),
            new.pointer.as_str(),
        )
    });
    for (scope, element, old_pointer, new_pointer) in operations.chain(types) {
        let pointers = (old_pointer.to_owned(), new_pointer.to_owned());
        compare_flag(context, &pointers, &scope, element, String::new(), changes);
    }
    for field in &context.fields {
        let location = format!("field `{}`", field.new.name);
        compare_flag(
            context,
            &field.pointers,
            &field.scope,
            Element::Field,
            location,
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
