//! Operations: listing them, pairing OLD's with NEW's, and comparing each pair.
//!
//! Operations are paired by method and path (path parameter names ignored), so a new
//! operationId at the same endpoint is a renamed client method. Those left over are paired by
//! operationId, so an endpoint that moved keeps its method.

use heck::ToSnakeCase;
use serde_json::Value;

use crate::bodies::{diff_request_body, diff_responses};
use crate::classify;
use crate::context::{change, Diff, Site};
use crate::document::{str_field, Document};
use crate::model::{ChangeKind, Element, Scope};
use crate::parameters::{diff_parameters, ParameterSite};
use crate::pointer::{escape, Pointers};
use crate::schemas::{diff_deprecation, diff_doc};
use crate::security::diff_operation_security;
use crate::usage::Usage;

/// The HTTP methods a path item can hold, in the order the specification lists them.
pub(crate) const HTTP_METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation of a document.
pub(crate) struct Operation<'a> {
    pub(crate) path: &'a str,
    pub(crate) method: &'static str,
    pub(crate) node: &'a Value,
    path_item: &'a Value,
    pub(crate) pointer: String,
}

impl<'a> Operation<'a> {
    /// The operationId, if any.
    pub(crate) fn operation_id(&self) -> Option<&'a str> {
        str_field(self.node, "operationId")
    }

    /// Method and path with path parameter names blanked: `GET /quotes/{}`.
    fn endpoint(&self) -> String {
        format!("{} {}", self.method, blank_parameters(self.path))
    }

    /// Where the operation's changes are grouped.
    pub(crate) fn scope(&self) -> Scope {
        Scope::Operation {
            method: self.method.to_uppercase(),
            path: self.path.to_owned(),
            operation_id: self.operation_id().map(str::to_owned),
        }
    }

    /// The name of the client method.
    fn method_name(&self) -> String {
        self.operation_id()
            .map(|id| id.to_snake_case())
            .unwrap_or_else(|| self.endpoint())
    }

    /// Path-level and operation-level parameters, the latter overriding the former.
    pub(crate) fn parameters(&self, doc: &'a Document) -> Vec<ParameterSite<'a>> {
        let path_pointer = self.pointer.rsplit_once('/').map_or("", |(path, _)| path);
        let mut sites: Vec<ParameterSite<'a>> = Vec::new();
        let levels = [
            (self.path_item, path_pointer.to_owned()),
            (self.node, self.pointer.clone()),
        ];
        for (holder, holder_pointer) in levels {
            let Some(list) = holder.get("parameters").and_then(Value::as_array) else {
                continue;
            };
            for (index, node) in list.iter().enumerate() {
                let site =
                    ParameterSite::new(doc, node, format!("{holder_pointer}/parameters/{index}"));
                sites.retain(|existing| existing.key() != site.key());
                sites.push(site);
            }
        }
        sites
    }
}

/// Replaces every `{name}` in a path template with `{}`.
fn blank_parameters(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_parameter = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_parameter = true;
                out.push_str("{}");
            }
            '}' => in_parameter = false,
            _ if in_parameter => {}
            _ => out.push(c),
        }
    }
    out
}

/// Every operation of a document, in document order.
pub(crate) fn operations(doc: &Document) -> Vec<Operation<'_>> {
    let mut found = Vec::new();
    let Some(paths) = doc.root()["paths"].as_object() else {
        return found;
    };
    for (path, item) in paths {
        let item_pointer = format!("/paths/{}", escape(path));
        let (item, _) = doc.resolve(item, &item_pointer);
        for method in HTTP_METHODS {
            if let Some(node) = item.get(*method) {
                found.push(Operation {
                    path,
                    method,
                    node,
                    path_item: item,
                    pointer: format!("{item_pointer}/{method}"),
                });
            }
        }
    }
    found
}

/// Whether two operations are the same one across documents.
type Pairing = fn(&Operation, &Operation) -> bool;

/// Same method and path: the first way operations are paired.
fn same_endpoint(old: &Operation, new: &Operation) -> bool {
    old.endpoint() == new.endpoint()
}

/// Same operationId: pairs an operation that moved to another endpoint.
fn same_operation_id(old: &Operation, new: &Operation) -> bool {
    old.operation_id().is_some() && old.operation_id() == new.operation_id()
}

/// Pairs and compares every operation.
pub(crate) fn diff_operations(diff: &mut Diff) {
    let old_operations = operations(diff.old);
    // Each NEW operation is in one place: still unpaired here, or moved to its OLD partner.
    let mut unpaired_new: Vec<Option<Operation>> =
        operations(diff.new).into_iter().map(Some).collect();
    let mut partners: Vec<Option<Operation>> = old_operations.iter().map(|_| None).collect();
    let pairings: [Pairing; 2] = [same_endpoint, same_operation_id];
    for same in pairings {
        for (old_operation, partner) in old_operations.iter().zip(&mut partners) {
            if partner.is_none() {
                *partner = unpaired_new
                    .iter_mut()
                    .find(|slot| slot.as_ref().is_some_and(|new| same(old_operation, new)))
                    .and_then(Option::take);
            }
        }
    }
    for (old_operation, partner) in old_operations.iter().zip(&partners) {
        match partner {
            Some(new_operation) => diff_operation(diff, old_operation, new_operation),
            None => diff.record(
                change(
                    old_operation.scope(),
                    ChangeKind::Removed,
                    Element::Operation,
                    String::new(),
                    classify::OPERATION_REMOVED,
                )
                .values(Some(old_operation.method_name()), None)
                .at(&old_operation.pointer, ""),
            ),
        }
    }
    for new_operation in unpaired_new.iter().flatten() {
        diff.record(
            change(
                new_operation.scope(),
                ChangeKind::Added,
                Element::Operation,
                String::new(),
                classify::OPERATION_ADDED,
            )
            .values(None, Some(new_operation.method_name()))
            .at("", &new_operation.pointer),
        );
    }
}

/// Compares two paired operations.
fn diff_operation(diff: &mut Diff, old: &Operation, new: &Operation) {
    let scope = new.scope();
    let pointers = Pointers {
        old: old.pointer.clone(),
        new: new.pointer.clone(),
    };
    let site = Site {
        scope: scope.clone(),
        usage: Usage::BOTH,
        context: String::new(),
        field: String::new(),
        pointers: pointers.clone(),
    };
    if old.endpoint() != new.endpoint() {
        diff.record(
            site.change(
                ChangeKind::Changed,
                Element::Operation,
                classify::OPERATION_MOVED,
            )
            .location("endpoint".to_owned())
            .values(
                Some(format!("{} {}", old.method.to_uppercase(), old.path)),
                Some(format!("{} {}", new.method.to_uppercase(), new.path)),
            ),
        );
    }
    if old.operation_id() != new.operation_id() {
        let id_pointers = pointers.join("operationId");
        diff.record(
            site.change(
                ChangeKind::Renamed,
                Element::Operation,
                classify::OPERATION_RENAMED,
            )
            .values(Some(old.method_name()), Some(new.method_name()))
            .at(&id_pointers.old, &id_pointers.new),
        );
    }
    for keyword in ["summary", "description"] {
        diff_doc(diff, old.node, new.node, keyword, Element::Operation, &site);
    }
    diff_deprecation(diff, old.node, new.node, Element::Operation, &site);
    diff_parameters(
        diff,
        &old.parameters(diff.old),
        &new.parameters(diff.new),
        &scope,
    );
    diff_request_body(
        diff,
        old.node.get("requestBody"),
        new.node.get("requestBody"),
        &site,
        "request body",
        Usage::REQUEST,
    );
    diff_responses(diff, old.node, new.node, &site);
    diff_operation_security(diff, old.node, new.node, &site);
}
