//! `deprecated` on operations, schemas and properties: the generated code's deprecation notes.

use serde_json::Value;
use xcover_codegen::ir::types::{TypeId, TypeKind};

use crate::json::flag;
use crate::model::{Change, ChangeKind, Element, Scope};
use crate::pairing::pair_by;
use crate::pairs::{method_scope, type_scope, Context};
use crate::pointer::join;
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
            let pointers = (
                join(&join(&pointers.0, "properties"), &old_field.wire),
                join(&join(&pointers.1, "properties"), &new_field.wire),
            );
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
    let old = deprecated(
        context
            .old
            .json
            .at(old_pointer)
            .or_else(|| property_at(context, true, old_pointer)),
    );
    let new = deprecated(
        context
            .new
            .json
            .at(new_pointer)
            .or_else(|| property_at(context, false, new_pointer)),
    );
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

/// A property merged from an `allOf` part: `<schema>/properties/<name>` is not a node of the
/// document, so it is looked up through the parts.
fn property_at<'c>(context: &'c Context, old: bool, pointer: &str) -> Option<&'c Value> {
    let json = if old {
        &context.old.json
    } else {
        &context.new.json
    };
    let (schema, name) = pointer.rsplit_once("/properties/")?;
    json.property(
        json.at(schema)?,
        &name.replace("~1", "/").replace("~0", "~"),
    )
}
