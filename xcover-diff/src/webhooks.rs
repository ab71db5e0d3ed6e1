//! Webhooks: the `x-webhooks` extension, event name to a path item whose `post` request body
//! is the payload the partner's server receives. The SDK parses payloads, so they are compared
//! like responses.

use serde_json::Value;

use crate::bodies::{body_type, diff_request_body};
use crate::classify;
use crate::context::{change, Diff, Site};
use crate::document::Document;
use crate::model::{ChangeKind, Element, Scope};
use crate::operations::HTTP_METHODS;
use crate::pointer::{escape, Pointers};
use crate::schemas::diff_doc;
use crate::usage::Usage;

/// Compares webhook events and their payloads.
pub(crate) fn diff_webhooks(diff: &mut Diff) {
    let (old_doc, new_doc) = (diff.old, diff.new);
    let old_events = old_doc.webhooks();
    let new_events = new_doc.webhooks();
    for (event, old_item) in &old_events {
        let pointers = Pointers::same(&format!("/x-webhooks/{}", escape(event)));
        let scope = Scope::Webhook {
            event: (*event).to_owned(),
        };
        let Some(new_item) = new_events.get(event) else {
            diff.record(
                change(
                    scope,
                    ChangeKind::Removed,
                    Element::Webhook,
                    String::new(),
                    classify::WEBHOOK_REMOVED,
                )
                .values(Some(payload_type(old_doc, old_item)), None)
                .at(&pointers.old, ""),
            );
            continue;
        };
        for method in HTTP_METHODS {
            let (Some(old_operation), Some(new_operation)) =
                (old_item.get(*method), new_item.get(*method))
            else {
                continue;
            };
            let site = Site {
                scope: scope.clone(),
                usage: Usage::RESPONSE,
                context: String::new(),
                field: String::new(),
                pointers: pointers.join(method),
            };
            for keyword in ["summary", "description"] {
                diff_doc(
                    diff,
                    old_operation,
                    new_operation,
                    keyword,
                    Element::Webhook,
                    &site,
                );
            }
            diff_request_body(
                diff,
                old_operation.get("requestBody"),
                new_operation.get("requestBody"),
                &site,
                "payload",
                Usage::RESPONSE,
            );
        }
    }
    for (event, new_item) in &new_events {
        if old_events.contains_key(event) {
            continue;
        }
        diff.record(
            change(
                Scope::Webhook {
                    event: (*event).to_owned(),
                },
                ChangeKind::Added,
                Element::Webhook,
                String::new(),
                classify::WEBHOOK_ADDED,
            )
            .values(None, Some(payload_type(new_doc, new_item)))
            .at("", &format!("/x-webhooks/{}", escape(event))),
        );
    }
}

/// The Rust type of a webhook's payload (its `post` request body).
fn payload_type(doc: &Document, item: &Value) -> String {
    match item.get("post").and_then(|post| post.get("requestBody")) {
        Some(body) => body_type(doc.resolve(body, "").0),
        None => "no payload".to_owned(),
    }
}
