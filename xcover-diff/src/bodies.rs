//! Request bodies, responses and webhook payloads: their presence, media types and schemas.

use serde_json::Value;

use crate::classify;
use crate::context::{change, Diff, Site};
use crate::document::{flag, ref_of};
use crate::model::{ChangeKind, Element, Scope};
use crate::pointer::{join, Pointers};
use crate::rust_type::RustType;
use crate::schemas::{diff_doc, diff_schema, holder_site};
use crate::usage::Usage;

/// The media type whose schema the SDK uses; others are named in locations.
const JSON: &str = "application/json";

/// The Rust type of a body: its JSON schema's type, or raw JSON.
pub(crate) fn body_type(body: &Value) -> String {
    body.get("content")
        .and_then(|content| content.get(JSON))
        .and_then(|media| media.get("schema"))
        .map_or(RustType::Json, Diff::own_type)
        .to_string()
}

/// Compares the `requestBody` of two operations (or webhook payloads, which the SDK reads:
/// `usage` says which). `site` is the operation's.
pub(crate) fn diff_request_body(
    diff: &mut Diff,
    old: Option<&Value>,
    new: Option<&Value>,
    site: &Site,
    context: &str,
    usage: Usage,
) {
    let pointers = site.pointers.join("requestBody");
    let scope = site.scope.clone();
    match (old, new) {
        (None, None) => {}
        (None, Some(new)) => {
            let (body, _) = diff.new.resolve(new, &pointers.new);
            let verdict = if usage.request {
                classify::request_body_added(flag(body, "required"))
            } else {
                classify::request_body_added(false)
            };
            diff.record(
                change(
                    scope,
                    ChangeKind::Added,
                    Element::RequestBody,
                    context.to_owned(),
                    verdict,
                )
                .values(None, Some(body_type(body)))
                .at("", &pointers.new),
            );
        }
        (Some(old), None) => {
            let (body, _) = diff.old.resolve(old, &pointers.old);
            diff.record(
                change(
                    scope,
                    ChangeKind::Removed,
                    Element::RequestBody,
                    context.to_owned(),
                    classify::REQUEST_BODY_REMOVED,
                )
                .values(Some(body_type(body)), None)
                .at(&pointers.old, ""),
            );
        }
        (Some(old), Some(new)) => {
            if ref_of(old).is_some() && ref_of(old) == ref_of(new) {
                return;
            }
            let (old, old_pointer) = diff.old.resolve(old, &pointers.old);
            let (new, new_pointer) = diff.new.resolve(new, &pointers.new);
            let pointers = Pointers {
                old: old_pointer,
                new: new_pointer,
            };
            diff_request_body_contents(diff, old, new, pointers, &scope, context, usage);
        }
    }
}

/// Compares two resolved request bodies.
pub(crate) fn diff_request_body_contents(
    diff: &mut Diff,
    old: &Value,
    new: &Value,
    pointers: Pointers,
    scope: &Scope,
    context: &str,
    usage: Usage,
) {
    let site = holder_site(scope.clone(), usage, context.to_owned(), pointers);
    let (old_required, new_required) = (flag(old, "required"), flag(new, "required"));
    if usage.request && old_required != new_required {
        let (kind, verdict) = if new_required {
            (ChangeKind::MadeRequired, classify::INPUT_MADE_REQUIRED)
        } else {
            (ChangeKind::MadeOptional, classify::INPUT_MADE_OPTIONAL)
        };
        diff.record(site.change(kind, Element::RequestBody, verdict));
    }
    diff_doc(diff, old, new, "description", Element::RequestBody, &site);
    diff_content(diff, old, new, &site);
}

/// Compares the `responses` of two operations, status by status.
pub(crate) fn diff_responses(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    let empty = serde_json::Map::new();
    let old_responses = old
        .get("responses")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let new_responses = new
        .get("responses")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let pointers = site.pointers.join("responses");
    for (status, old_response) in old_responses {
        let status_pointers = pointers.join(status);
        let context = format!("response `{status}`");
        let Some(new_response) = new_responses.get(status) else {
            diff.record(
                change(
                    site.scope.clone(),
                    ChangeKind::Removed,
                    Element::Response,
                    context,
                    classify::RESPONSE_REMOVED,
                )
                .values(Some(body_type(diff.old.resolve(old_response, "").0)), None)
                .at(&status_pointers.old, ""),
            );
            continue;
        };
        if ref_of(old_response).is_some() && ref_of(old_response) == ref_of(new_response) {
            continue;
        }
        let (old_response, old_pointer) = diff.old.resolve(old_response, &status_pointers.old);
        let (new_response, new_pointer) = diff.new.resolve(new_response, &status_pointers.new);
        let pointers = Pointers {
            old: old_pointer,
            new: new_pointer,
        };
        diff_response_contents(
            diff,
            old_response,
            new_response,
            pointers,
            &site.scope,
            context,
        );
    }
    for (status, new_response) in new_responses {
        if old_responses.contains_key(status) {
            continue;
        }
        diff.record(
            change(
                site.scope.clone(),
                ChangeKind::Added,
                Element::Response,
                format!("response `{status}`"),
                classify::RESPONSE_ADDED,
            )
            .values(None, Some(body_type(diff.new.resolve(new_response, "").0)))
            .at("", &pointers.join(status).new),
        );
    }
}

/// Compares two resolved responses.
pub(crate) fn diff_response_contents(
    diff: &mut Diff,
    old: &Value,
    new: &Value,
    pointers: Pointers,
    scope: &Scope,
    context: String,
) {
    let site = holder_site(scope.clone(), Usage::RESPONSE, context, pointers);
    diff_doc(diff, old, new, "description", Element::Response, &site);
    diff_content(diff, old, new, &site);
}

/// Compares the `content` of two bodies or responses, media type by media type.
fn diff_content(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    let empty = serde_json::Map::new();
    let old_content = old
        .get("content")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let new_content = new
        .get("content")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let content_pointers = site.pointers.join("content");
    let context_of = |media_type: &str| {
        if media_type == JSON {
            site.context.clone()
        } else {
            format!("{} (`{media_type}`)", site.context)
        }
    };
    for (media_type, old_media) in old_content {
        let media_pointers = content_pointers.join(media_type);
        let Some(new_media) = new_content.get(media_type) else {
            diff.record(
                site.change(
                    ChangeKind::Removed,
                    Element::MediaType,
                    classify::MEDIA_TYPE_REMOVED,
                )
                .values(Some(media_type.clone()), None)
                .at(&media_pointers.old, ""),
            );
            continue;
        };
        match (old_media.get("schema"), new_media.get("schema")) {
            (Some(old_schema), Some(new_schema)) => {
                let schema_site = Site {
                    context: context_of(media_type),
                    pointers: media_pointers.join("schema"),
                    ..site.clone()
                };
                diff_schema(diff, old_schema, new_schema, &schema_site);
            }
            (None, None) => {}
            (old_schema, new_schema) => {
                let schema_site = Site {
                    context: context_of(media_type),
                    pointers: media_pointers.clone(),
                    ..site.clone()
                };
                let type_of = |schema: Option<&Value>| {
                    schema.map_or(RustType::Json, Diff::own_type).to_string()
                };
                diff.record(
                    schema_site
                        .change(ChangeKind::Retyped, Element::Schema, classify::RETYPED)
                        .values(Some(type_of(old_schema)), Some(type_of(new_schema))),
                );
            }
        }
    }
    for (media_type, _) in new_content {
        if old_content.contains_key(media_type) {
            continue;
        }
        diff.record(
            site.change(
                ChangeKind::Added,
                Element::MediaType,
                classify::MEDIA_TYPE_ADDED,
            )
            .values(None, Some(media_type.clone()))
            .at("", &join(&content_pointers.new, media_type)),
        );
    }
}
