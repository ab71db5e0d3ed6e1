//! Client methods: their names, endpoints, arguments, setters, outcomes and statuses.

use xcover_codegen::ir::operations::{
    Input, InputValue, Operation, StatusMatch, BYTES, MULTIPART_FORM,
};

use crate::compat::Flow;
use crate::json::{parameter_key, Json};
use crate::model::{Change, ChangeKind, Element, Scope};
use crate::pairing::{pair_by, Pairs};
use crate::pairs::{endpoint, method_scope, Context};
use crate::pointer::join;
use crate::record::change;
use crate::rules;

/// Compares every operation: added, removed, and each pair.
pub(crate) fn compare(context: &Context, changes: &mut Vec<Change>) {
    let (old, new) = (&context.old.ir.operations, &context.new.ir.operations);
    for &index in &context.operations.removed {
        let operation = &old[index];
        changes.push(
            change(
                &method_scope(operation),
                ChangeKind::Removed,
                Element::Method,
                "",
                rules::METHOD_REMOVED,
            )
            .values(Some(signature(operation)), None)
            .at(operation.pointer.as_str(), ""),
        );
    }
    for &(old_index, new_index) in &context.operations.both {
        compare_pair(context, &old[old_index], &new[new_index], changes);
    }
    for &index in &context.operations.added {
        let operation = &new[index];
        changes.push(
            change(
                &method_scope(operation),
                ChangeKind::Added,
                Element::Method,
                "",
                rules::METHOD_ADDED,
            )
            .values(None, Some(signature(operation)))
            .at("", operation.pointer.as_str()),
        );
    }
}

/// `get_quote(quote_id)`: the method as callers write it.
fn signature(operation: &Operation) -> String {
    let arguments: Vec<&str> = operation
        .arguments()
        .iter()
        .map(|input| input.name)
        .collect();
    format!("{}({})", operation.fn_name, arguments.join(", "))
}

fn compare_pair(context: &Context, old: &Operation, new: &Operation, changes: &mut Vec<Change>) {
    let scope = method_scope(new);
    let mut record = |kind, location: &str, verdicts, values: (Option<String>, Option<String>)| {
        changes.push(
            change(&scope, kind, Element::Method, location, verdicts)
                .values(values.0, values.1)
                .at(old.pointer.as_str(), new.pointer.as_str()),
        );
    };
    if old.fn_name != new.fn_name || old.type_name != new.type_name {
        let named =
            |operation: &Operation| format!("{} ({})", operation.fn_name, operation.type_name);
        record(
            ChangeKind::Renamed,
            "",
            rules::METHOD_RENAMED,
            (Some(named(old)), Some(named(new))),
        );
    }
    if endpoint(old) != endpoint(new) {
        let shown =
            |operation: &Operation| format!("{} {}", operation.method.as_str(), operation.path);
        record(
            ChangeKind::Changed,
            "endpoint",
            rules::METHOD_MOVED,
            (Some(shown(old)), Some(shown(new))),
        );
    }
    if old.doc != new.doc {
        record(
            ChangeKind::DocChanged,
            "",
            rules::DOC_CHANGED,
            (old.doc.clone(), new.doc.clone()),
        );
    }
    if old.pagination.is_some() != new.pagination.is_some() {
        let added = new.pagination.is_some();
        let kind = if added {
            ChangeKind::Added
        } else {
            ChangeKind::Removed
        };
        record(kind, "paging", rules::paging(added), (None, None));
    }
    compare_inputs(context, old, new, &scope, changes);
    compare_outcomes(context, old, new, &scope, changes);
    compare_statuses(old, new, &scope, changes);
}

/// One input with what the comparison needs: whether it is an argument, and its key across
/// documents (a path parameter's position, a parameter's wire name, or the body).
struct Slot<'o> {
    input: Input<'o>,
    argument: bool,
    key: String,
    in_path: bool,
    /// The parameter's node, or the request body's.
    pointer: String,
}

fn slots<'o>(operation: &'o Operation, json: &Json) -> Vec<Slot<'o>> {
    let path_arguments = operation.path_params.iter().filter(|p| !p.bound).count();
    let parameters = json.parameters(operation.pointer.as_str());
    let pointer = |input: &Input, in_path: bool| {
        let Some(wire) = input.wire else {
            return join(operation.pointer.as_str(), "requestBody");
        };
        let locations: &[&str] = if in_path {
            &["path"]
        } else {
            &["query", "header", "cookie"]
        };
        locations
            .iter()
            .find_map(|location| {
                let key = parameter_key(location, wire);
                parameters.iter().find(|(found, _, _)| *found == key)
            })
            .map_or_else(
                || operation.pointer.as_str().to_owned(),
                |(_, _, pointer)| pointer.clone(),
            )
    };
    let arguments = operation
        .arguments()
        .into_iter()
        .enumerate()
        .map(|(index, input)| {
            let in_path = index < path_arguments;
            Slot {
                key: key(&input, in_path.then_some(index)),
                pointer: pointer(&input, in_path),
                input,
                argument: true,
                in_path,
            }
        });
    let setters = operation.setters().into_iter().map(|input| Slot {
        key: key(&input, None),
        pointer: pointer(&input, false),
        input,
        argument: false,
        in_path: false,
    });
    arguments.chain(setters).collect()
}

fn key(input: &Input, path_position: Option<usize>) -> String {
    match (path_position, input.wire) {
        (Some(position), _) => format!("path #{position}"),
        (None, Some(wire)) => format!("parameter {}", wire.to_ascii_lowercase()),
        (None, None) => "body".to_owned(),
    }
}

/// ``argument `quote_id` `` or ``setter `currency` ``.
fn label(slot: &Slot) -> String {
    let role = if slot.argument { "argument" } else { "setter" };
    format!("{role} `{}`", slot.input.name)
}

fn input_text(context: &Context, input: &Input, old: bool) -> String {
    match input.value {
        InputValue::Parameter(ty) | InputValue::Body(ty) if old => context.old_text(ty),
        InputValue::Parameter(ty) | InputValue::Body(ty) => context.new_text(ty),
        InputValue::Multipart => MULTIPART_FORM.join("::"),
        InputValue::Bytes => BYTES.join("::"),
    }
}

fn compare_inputs(
    context: &Context,
    old: &Operation,
    new: &Operation,
    scope: &Scope,
    changes: &mut Vec<Change>,
) {
    let (old_slots, new_slots) = (slots(old, &context.old.json), slots(new, &context.new.json));
    let pairs: Pairs = pair_by(&old_slots, &new_slots, |slot| slot.key.clone());
    let element = |slot: &Slot| {
        if slot.argument {
            Element::Argument
        } else {
            Element::Setter
        }
    };
    for &index in &pairs.removed {
        let slot = &old_slots[index];
        changes.push(
            change(
                scope,
                ChangeKind::Removed,
                element(slot),
                label(slot),
                rules::input_removed(slot.argument),
            )
            .values(Some(input_text(context, &slot.input, true)), None)
            .at(&slot.pointer, ""),
        );
    }
    for &(old_index, new_index) in &pairs.both {
        let (old_slot, new_slot) = (&old_slots[old_index], &new_slots[new_index]);
        let location = label(new_slot);
        let at = |change: Change| change.at(&old_slot.pointer, &new_slot.pointer);
        if old_slot.argument != new_slot.argument {
            let (kind, verdicts) = if new_slot.argument {
                (ChangeKind::MadeRequired, rules::INPUT_MADE_REQUIRED)
            } else {
                (ChangeKind::MadeOptional, rules::INPUT_MADE_OPTIONAL)
            };
            // Named as the argument it is on one side, whichever way it moved.
            let location = format!("argument `{}`", new_slot.input.name);
            changes.push(at(change(
                scope,
                kind,
                Element::Argument,
                location,
                verdicts,
            )));
        } else if old_slot.input.name != new_slot.input.name {
            let verdicts = if new_slot.in_path {
                rules::ARGUMENT_RENAMED
            } else {
                rules::INPUT_RENAMED
            };
            changes.push(at(change(
                scope,
                ChangeKind::Renamed,
                element(new_slot),
                label(old_slot),
                verdicts,
            )
            .values(
                Some(old_slot.input.name.to_owned()),
                Some(new_slot.input.name.to_owned()),
            )));
        }
        let same = match (old_slot.input.value, new_slot.input.value) {
            (InputValue::Parameter(old_ty), InputValue::Parameter(new_ty))
            | (InputValue::Body(old_ty), InputValue::Body(new_ty)) => {
                context.same_type(old_ty, new_ty)
            }
            (old_value, new_value) => {
                std::mem::discriminant(&old_value) == std::mem::discriminant(&new_value)
            }
        };
        if !same {
            let fits = match (old_slot.input.ty(), new_slot.input.ty()) {
                (Some(old_ty), Some(new_ty)) => context.fits(Flow::Sent, old_ty, new_ty),
                _ => false,
            } || (old_slot.input.wire.is_none()
                && still_accepts_body(context, old, new));
            changes.push(at(change(
                scope,
                ChangeKind::Retyped,
                element(new_slot),
                location.clone(),
                rules::input_retyped(fits),
            )
            .values(
                Some(input_text(context, &old_slot.input, true)),
                Some(input_text(context, &new_slot.input, false)),
            )));
        }
        if old_slot.input.doc != new_slot.input.doc {
            changes.push(at(change(
                scope,
                ChangeKind::DocChanged,
                element(new_slot),
                location,
                rules::DOC_CHANGED,
            )
            .values(
                old_slot.input.doc.map(str::to_owned),
                new_slot.input.doc.map(str::to_owned),
            )));
        }
    }
    for &index in &pairs.added {
        let slot = &new_slots[index];
        changes.push(
            change(
                scope,
                ChangeKind::Added,
                element(slot),
                label(slot),
                rules::input_added(slot.argument, slot.argument),
            )
            .values(None, Some(input_text(context, &slot.input, false)))
            .at("", &slot.pointer),
        );
    }
}

/// Whether NEW still takes the body as the old SDK sends it: in the media type OLD chose,
/// which NEW still offers beside the one it now chooses.
fn still_accepts_body(context: &Context, old: &Operation, new: &Operation) -> bool {
    let Some(body) = &old.body else {
        return true;
    };
    context
        .new
        .json
        .at(&join(new.pointer.as_str(), "requestBody"))
        .and_then(|request_body| request_body.get("content"))
        .is_some_and(|content| content.get(&body.media_type).is_some())
}

fn compare_outcomes(
    context: &Context,
    old: &Operation,
    new: &Operation,
    scope: &Scope,
    changes: &mut Vec<Change>,
) {
    for (success, old_ty, new_ty) in [
        (true, &old.success, &new.success),
        (false, &old.failure, &new.failure),
    ] {
        if context.same_type(old_ty, new_ty) {
            continue;
        }
        let location = if success {
            "success type"
        } else {
            "error type"
        };
        let decodes = context.fits(Flow::Received, old_ty, new_ty);
        changes.push(
            change(
                scope,
                ChangeKind::Retyped,
                Element::Outcome,
                location,
                rules::outcome_retyped(success, decodes),
            )
            .values(
                Some(context.old_text(old_ty)),
                Some(context.new_text(new_ty)),
            )
            .at(old.pointer.as_str(), new.pointer.as_str()),
        );
    }
}

/// `201`, `4XX`, `default`.
fn status_text(status: &StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(digit) => format!("{digit}XX"),
        StatusMatch::DefaultSuccess => "default (success)".to_owned(),
        StatusMatch::DefaultFailure => "default".to_owned(),
    }
}

/// The response a status arm comes from: `responses/201`, `responses/4XX`, `responses/default`.
fn status_pointer(operation: &Operation, status: &StatusMatch) -> String {
    let key = match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(digit) => format!("{digit}XX"),
        StatusMatch::DefaultSuccess | StatusMatch::DefaultFailure => "default".to_owned(),
    };
    join(&join(operation.pointer.as_str(), "responses"), &key)
}

fn compare_statuses(old: &Operation, new: &Operation, scope: &Scope, changes: &mut Vec<Change>) {
    let pairs = pair_by(&old.arms, &new.arms, |arm| status_text(&arm.status));
    for &index in &pairs.removed {
        let arm = &old.arms[index];
        let status = status_text(&arm.status);
        changes.push(
            change(
                scope,
                ChangeKind::Removed,
                Element::Status,
                format!("status `{status}`"),
                rules::STATUS_REMOVED,
            )
            .at(&status_pointer(old, &arm.status), ""),
        );
    }
    for &index in &pairs.added {
        let arm = &new.arms[index];
        let status = status_text(&arm.status);
        changes.push(
            change(
                scope,
                ChangeKind::Added,
                Element::Status,
                format!("status `{status}`"),
                rules::status_added(arm.success),
            )
            .at("", &status_pointer(new, &arm.status)),
        );
    }
}
