//! Reusable parameters, request bodies and responses in `components`. Operations that use the
//! same one on both sides leave it to this walk, so a change to a shared parameter is reported
//! once rather than once per operation. Whether one is added or removed shows up in the
//! operations that use it.

use crate::bodies::{diff_request_body_contents, diff_response_contents};
use crate::context::Diff;
use crate::model::Scope;
use crate::parameters::diff_parameter_contents;
use crate::pointer::{escape, Pointers};
use crate::usage::Usage;

/// Compares every reusable parameter, request body and response present in both documents.
pub(crate) fn diff_reusable_components(diff: &mut Diff) {
    let (old_doc, new_doc) = (diff.old, diff.new);
    for section in ["parameters", "requestBodies", "responses"] {
        let new_components = new_doc.components(section);
        for (name, old_component) in old_doc.components(section) {
            let Some(new_component) = new_components.get(name) else {
                continue;
            };
            let pointer = format!("/components/{section}/{}", escape(name));
            let (old_component, old_pointer) = old_doc.resolve(old_component, &pointer);
            let (new_component, new_pointer) = new_doc.resolve(new_component, &pointer);
            let pointers = Pointers {
                old: old_pointer,
                new: new_pointer,
            };
            let scope = Scope::Component {
                section: section.to_owned(),
                name: name.clone(),
            };
            match section {
                "parameters" => {
                    diff_parameter_contents(diff, old_component, new_component, pointers, &scope)
                }
                "requestBodies" => diff_request_body_contents(
                    diff,
                    old_component,
                    new_component,
                    pointers,
                    &scope,
                    "request body",
                    Usage::REQUEST,
                ),
                _ => diff_response_contents(
                    diff,
                    old_component,
                    new_component,
                    pointers,
                    &scope,
                    "response".to_owned(),
                ),
            }
        }
    }
}
