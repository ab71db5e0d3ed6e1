//! Validation keywords: the Rust type ignores them, but the API enforces them, so tightening
//! one on something the old SDK sends gets its requests refused.

use serde_json::Value;

use crate::json::display_value;
use crate::model::{Change, ChangeKind, Element, Scope};
use crate::pairing::pair_by;
use crate::pairs::{method_scope, Context};
use crate::pointer::join;
use crate::record::change;
use crate::rules;

/// Upper bounds: lowering one, or adding one, refuses more.
const MAXIMA: &[&str] = &["maxLength", "maxItems", "maxProperties", "maximum"];
/// Lower bounds: raising one, or adding one, refuses more.
const MINIMA: &[&str] = &["minLength", "minItems", "minProperties", "minimum"];
/// Flags that refuse more when they turn on.
const FLAGS: &[&str] = &["exclusiveMinimum", "exclusiveMaximum", "uniqueItems"];
/// Keywords whose every change may refuse a value that passed before.
const OTHERS: &[&str] = &["pattern", "multipleOf", "format"];

/// Compares the validation keywords of every struct field and every parameter.
pub(crate) fn compare(context: &Context, changes: &mut Vec<Change>) {
    for field in &context.fields {
        let (Some(old_node), Some(new_node)) = (
            context.old.json.at(&field.pointers.0),
            context.new.json.at(&field.pointers.1),
        ) else {
            continue;
        };
        compare_keywords(
            old_node,
            new_node,
            field.travel.sent,
            &field.scope,
            &format!("field `{}`", field.new.name),
            &field.pointers,
            changes,
        );
    }
    for &(old_index, new_index) in &context.operations.both {
        let (old_operation, new_operation) = (
            &context.old.ir.operations[old_index],
            &context.new.ir.operations[new_index],
        );
        let scope = method_scope(new_operation);
        let old_parameters = context.old.json.parameters(old_operation.pointer.as_str());
        let new_parameters = context.new.json.parameters(new_operation.pointer.as_str());
        let pairs = pair_by(&old_parameters, &new_parameters, |(key, _, _)| key.clone());
        for &(old_index, new_index) in &pairs.both {
            let (key, old_node, old_pointer) = &old_parameters[old_index];
            let (_, new_node, new_pointer) = &new_parameters[new_index];
            let (Some(old_schema), Some(new_schema)) =
                (old_node.get("schema"), new_node.get("schema"))
            else {
                continue;
            };
            let pointers = (join(old_pointer, "schema"), join(new_pointer, "schema"));
            compare_keywords(
                old_schema,
                new_schema,
                true,
                &scope,
                &format!("{key} parameter"),
                &pointers,
                changes,
            );
        }
    }
}

/// One change per validation keyword that differs.
fn compare_keywords(
    old: &Value,
    new: &Value,
    sent: bool,
    scope: &Scope,
    location: &str,
    pointers: &(String, String),
    changes: &mut Vec<Change>,
) {
    for keyword in MAXIMA.iter().chain(MINIMA).chain(FLAGS).chain(OTHERS) {
        let (old_value, new_value) = (old.get(*keyword), new.get(*keyword));
        if old_value == new_value {
            continue;
        }
        let tightened = tightens(keyword, old_value, new_value);
        let (kind, verdicts) = match (sent, tightened) {
            (true, true) => (
                ChangeKind::ConstraintTightened,
                rules::constraint_changed(true),
            ),
            (true, false) => (
                ChangeKind::ConstraintLoosened,
                rules::constraint_changed(false),
            ),
            (false, true) => (
                ChangeKind::ConstraintTightened,
                rules::RECEIVED_CONSTRAINT_CHANGED,
            ),
            (false, false) => (
                ChangeKind::ConstraintLoosened,
                rules::RECEIVED_CONSTRAINT_CHANGED,
            ),
        };
        changes.push(
            change(
                scope,
                kind,
                Element::Field,
                format!("`{keyword}` of {location}"),
                verdicts,
            )
            .values(old_value.map(display_value), new_value.map(display_value))
            .at(
                &keyword_pointer(&pointers.0, old_value, keyword),
                &keyword_pointer(&pointers.1, new_value, keyword),
            ),
        );
    }
}

/// The keyword's pointer where the schema has it, else the schema's.
fn keyword_pointer(schema: &str, value: Option<&Value>, keyword: &str) -> String {
    match value {
        Some(_) => join(schema, keyword),
        None => schema.to_owned(),
    }
}

/// Whether the new value of a keyword refuses a value the old one took.
fn tightens(keyword: &str, old: Option<&Value>, new: Option<&Value>) -> bool {
    let number = |value: Option<&Value>| value.and_then(Value::as_f64);
    if MAXIMA.contains(&keyword) {
        match (number(old), number(new)) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(old), Some(new)) => new < old,
        }
    } else if MINIMA.contains(&keyword) {
        match (number(old), number(new)) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(old), Some(new)) => new > old,
        }
    } else if FLAGS.contains(&keyword) {
        new.and_then(Value::as_bool) == Some(true)
    } else {
        new.is_some()
    }
}
