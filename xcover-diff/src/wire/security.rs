//! Security requirements, document-wide and per operation: which credentials a request must
//! carry. No generated code names them; the old SDK's requests may be rejected by them.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::json::Json;
use crate::model::{Change, ChangeKind, Element, Scope};
use crate::pairing::{pair, pair_by, Pass};
use crate::pairs::{method_scope, Context};
use crate::pointer::join;
use crate::record::change;
use crate::rules;

/// One alternative: each scheme it needs, with its scopes.
type Alternative = BTreeMap<String, BTreeSet<String>>;

/// Compares the document's requirement, then each paired operation's effective one. OLD's
/// alternatives name schemes by NEW's names where a scheme was only renamed.
pub(crate) fn compare(context: &Context, changes: &mut Vec<Change>) {
    let (old, new) = (&context.old.json, &context.new.json);
    let renames = scheme_renames(old, new);
    let read_old = |list: Option<&Value>, pointer: &str| {
        let (alternatives, pointer, listed) = read(list, pointer);
        let renamed = alternatives
            .into_iter()
            .map(|alternative| {
                alternative
                    .into_iter()
                    .map(|(scheme, scopes)| {
                        (renames.get(&scheme).cloned().unwrap_or(scheme), scopes)
                    })
                    .collect()
            })
            .collect();
        (renamed, pointer, listed)
    };
    compare_lists(
        read_old(old.root().get("security"), "/security"),
        read(new.root().get("security"), "/security"),
        &Scope::Security,
        "document security requirement",
        new.has_operation_without_own_security(),
        changes,
    );
    for &(old_index, new_index) in &context.operations.both {
        let (old_operation, new_operation) = (
            &context.old.ir.operations[old_index],
            &context.new.ir.operations[new_index],
        );
        let own = |json: &Json, pointer: &str| {
            json.at(pointer)
                .and_then(|node| node.get("security"))
                .is_some()
        };
        let (old_pointer, new_pointer) = (
            old_operation.pointer.as_str(),
            new_operation.pointer.as_str(),
        );
        if !own(old, old_pointer) && !own(new, new_pointer) {
            continue;
        }
        let effective = |json: &Json, pointer: &str| match json
            .at(pointer)
            .and_then(|node| node.get("security"))
        {
            Some(list) => read(Some(list), &join(pointer, "security")),
            None => read(json.root().get("security"), "/security"),
        };
        let scope = method_scope(new_operation);
        compare_lists(
            effective(old, old_pointer),
            effective(new, new_pointer),
            &scope,
            "security requirement",
            true,
            changes,
        );
    }
}

/// A requirement list's alternatives, its pointer, and whether the document lists it.
type Listed = (Vec<Alternative>, String, bool);

/// Schemes missing from NEW that a scheme new in NEW replaces exactly (same definition but
/// for its description): OLD name to NEW name.
fn scheme_renames(old: &Json, new: &Json) -> BTreeMap<String, String> {
    let old_schemes: Vec<(&String, &Value)> = old.components("securitySchemes").iter().collect();
    let new_schemes: Vec<(&String, &Value)> = new.components("securitySchemes").iter().collect();
    let definition = |scheme: &Value| {
        let mut scheme = scheme.clone();
        if let Some(members) = scheme.as_object_mut() {
            members.remove("description");
        }
        scheme.to_string()
    };
    let pairs = pair(
        old_schemes.len(),
        new_schemes.len(),
        &[
            Pass {
                old: &|i| Some(old_schemes[i].0.clone()),
                new: &|i| Some(new_schemes[i].0.clone()),
            },
            Pass {
                old: &|i| Some(definition(old_schemes[i].1)),
                new: &|i| Some(definition(new_schemes[i].1)),
            },
        ],
    );
    pairs
        .both
        .iter()
        .map(|&(old_index, new_index)| (old_schemes[old_index].0, new_schemes[new_index].0))
        .filter(|(old_name, new_name)| old_name != new_name)
        .map(|(old_name, new_name)| (old_name.clone(), new_name.clone()))
        .collect()
}

/// A requirement list, its pointer and whether the document lists it; an absent or empty
/// list lets every request through, which reads as one alternative needing nothing
/// (`anonymous`).
fn read(list: Option<&Value>, pointer: &str) -> Listed {
    let mut alternatives: Vec<Alternative> = list
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|alternative| {
            alternative
                .as_object()
                .into_iter()
                .flatten()
                .map(|(scheme, scopes)| {
                    let scopes = scopes
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect();
                    (scheme.clone(), scopes)
                })
                .collect()
        })
        .collect();
    if alternatives.is_empty() {
        alternatives.push(Alternative::new());
        // No list, or an empty one: its `anonymous` is where the list would be.
        let holder = pointer.rsplit_once('/').map_or("", |(holder, _)| holder);
        return (alternatives, holder.to_owned(), false);
    }
    (alternatives, pointer.to_owned(), true)
}

/// The pointer of an alternative: its index in the list, or the list's holder when the list
/// was absent or empty.
fn alternative_pointer(list: &str, listed: bool, index: usize) -> String {
    if listed {
        join(list, &index.to_string())
    } else {
        list.to_owned()
    }
}

/// `api_key + oauth (read, write)`; `anonymous` for none.
fn describe(alternative: &Alternative) -> String {
    if alternative.is_empty() {
        return "anonymous".to_owned();
    }
    let schemes: Vec<String> = alternative
        .iter()
        .map(|(scheme, scopes)| {
            if scopes.is_empty() {
                scheme.clone()
            } else {
                format!(
                    "{scheme} ({})",
                    scopes.iter().cloned().collect::<Vec<_>>().join(", ")
                )
            }
        })
        .collect();
    schemes.join(" + ")
}

/// Whether a request carrying what `carried` asks for satisfies `required`.
fn satisfies(carried: &Alternative, required: &Alternative) -> bool {
    required.iter().all(|(scheme, scopes)| {
        carried
            .get(scheme)
            .is_some_and(|held| scopes.is_subset(held))
    })
}

fn compare_lists(
    (old, old_pointer, old_listed): Listed,
    (new, new_pointer, new_listed): Listed,
    scope: &Scope,
    location: &str,
    followed: bool,
    changes: &mut Vec<Change>,
) {
    let pairs = pair_by(&old, &new, Alternative::clone);
    for &index in &pairs.removed {
        let alternative = &old[index];
        let still_satisfied = new.iter().any(|required| satisfies(alternative, required));
        changes.push(
            change(
                scope,
                ChangeKind::Removed,
                Element::SecurityRequirement,
                location,
                rules::requirement_removed(followed && !still_satisfied),
            )
            .values(Some(describe(alternative)), None)
            .at(&alternative_pointer(&old_pointer, old_listed, index), ""),
        );
    }
    for &index in &pairs.added {
        changes.push(
            change(
                scope,
                ChangeKind::Added,
                Element::SecurityRequirement,
                location,
                rules::REQUIREMENT_ADDED,
            )
            .values(None, Some(describe(&new[index])))
            .at("", &alternative_pointer(&new_pointer, new_listed, index)),
        );
    }
}
