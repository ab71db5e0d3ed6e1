//! Which component schemas the SDK sends, which it receives, and which both.
//!
//! A new required field breaks callers only if they build the type, that is if the schema
//! reaches a request; a field that becomes nullable breaks only readers, that is responses and
//! webhook payloads.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::document::{referenced_schemas, Document};
use crate::operations::{operations, HTTP_METHODS};

/// The directions in which a schema travels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Usage {
    /// Callers build it: request bodies and parameters.
    pub(crate) request: bool,
    /// Callers read it: responses and webhook payloads.
    pub(crate) response: bool,
}

impl Usage {
    /// Sent only.
    pub(crate) const REQUEST: Usage = Usage {
        request: true,
        response: false,
    };
    /// Received only.
    pub(crate) const RESPONSE: Usage = Usage {
        request: false,
        response: true,
    };
    /// Sent and received, or unknown (a schema no operation reaches is assumed to be both).
    pub(crate) const BOTH: Usage = Usage {
        request: true,
        response: true,
    };

    /// Used in either of the two.
    pub(crate) fn union(self, other: Usage) -> Usage {
        Usage {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }
}

/// Usage of every component schema of a document.
pub(crate) struct SchemaUsage {
    by_name: HashMap<String, Usage>,
}

impl SchemaUsage {
    /// Walks operations and webhooks, then follows references between schemas.
    pub(crate) fn of(doc: &Document) -> SchemaUsage {
        let mut request_roots = Vec::new();
        let mut response_roots = Vec::new();
        for op in operations(doc) {
            for parameter in op.parameters(doc) {
                referenced_schemas(doc.resolve(parameter.node, "").0, &mut request_roots);
            }
            if let Some(body) = op.node.get("requestBody") {
                referenced_schemas(doc.resolve(body, "").0, &mut request_roots);
            }
            if let Some(responses) = op.node.get("responses").and_then(Value::as_object) {
                for response in responses.values() {
                    referenced_schemas(doc.resolve(response, "").0, &mut response_roots);
                }
            }
        }
        for (_, item) in doc.webhooks() {
            for method in HTTP_METHODS {
                if let Some(body) = item.get(*method).and_then(|op| op.get("requestBody")) {
                    referenced_schemas(doc.resolve(body, "").0, &mut response_roots);
                }
            }
        }

        let request = reachable(doc, request_roots);
        let response = reachable(doc, response_roots);
        let by_name = doc
            .components("schemas")
            .keys()
            .map(|name| {
                let usage = Usage {
                    request: request.contains(name),
                    response: response.contains(name),
                };
                let usage = if usage == Usage::default() {
                    Usage::BOTH
                } else {
                    usage
                };
                (name.clone(), usage)
            })
            .collect();
        SchemaUsage { by_name }
    }

    /// The usage of one schema; unknown names count as both.
    pub(crate) fn get(&self, name: &str) -> Usage {
        self.by_name.get(name).copied().unwrap_or(Usage::BOTH)
    }
}

/// Every schema reachable from the roots through references.
fn reachable(doc: &Document, roots: Vec<String>) -> HashSet<String> {
    let schemas = doc.components("schemas");
    let mut seen = HashSet::new();
    let mut queue = roots;
    while let Some(name) = queue.pop() {
        if seen.insert(name.clone()) {
            if let Some(schema) = schemas.get(&name) {
                referenced_schemas(schema, &mut queue);
            }
        }
    }
    seen
}
