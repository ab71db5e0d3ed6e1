//! Security: the schemes in `components/securitySchemes` and the requirements that name them,
//! document-wide and per operation.

use serde_json::Value;

use crate::classify;
use crate::context::{change, Diff, Site};
use crate::document::str_field;
use crate::model::{ChangeKind, Element, Scope};
use crate::pointer::{escape, join, Pointers};
use crate::schemas::diff_doc;

/// Compares security schemes and the document-wide `security` requirement.
pub(crate) fn diff_security(diff: &mut Diff) {
    let (old_doc, new_doc) = (diff.old, diff.new);
    let old_schemes = old_doc.components("securitySchemes");
    let new_schemes = new_doc.components("securitySchemes");
    let renames = scheme_renames(diff);
    for (old_name, old_scheme) in old_schemes {
        let new_name = renames
            .iter()
            .find(|(old, _)| old == old_name)
            .map_or(old_name.as_str(), |(_, new)| new.as_str());
        let pointers = Pointers {
            old: scheme_pointer(old_name),
            new: scheme_pointer(new_name),
        };
        let location = format!("security scheme `{new_name}`");
        let Some(new_scheme) = new_schemes.get(new_name) else {
            diff.record(
                change(
                    Scope::Security,
                    ChangeKind::Removed,
                    Element::SecurityScheme,
                    format!("security scheme `{old_name}`"),
                    classify::SECURITY_SCHEME_REMOVED,
                )
                .values(Some(describe_scheme(old_scheme)), None)
                .at(&pointers.old, ""),
            );
            continue;
        };
        if new_name != old_name {
            diff.record(
                change(
                    Scope::Security,
                    ChangeKind::Renamed,
                    Element::SecurityScheme,
                    String::new(),
                    classify::SECURITY_SCHEME_RENAMED,
                )
                .values(Some(old_name.clone()), Some(new_name.to_owned()))
                .at(&pointers.old, &pointers.new),
            );
        }
        let (old_summary, new_summary) = (describe_scheme(old_scheme), describe_scheme(new_scheme));
        if old_summary != new_summary {
            diff.record(
                change(
                    Scope::Security,
                    ChangeKind::Changed,
                    Element::SecurityScheme,
                    location.clone(),
                    classify::SECURITY_SCHEME_CHANGED,
                )
                .values(Some(old_summary), Some(new_summary))
                .at(&pointers.old, &pointers.new),
            );
        }
        let site = Site {
            scope: Scope::Security,
            usage: crate::usage::Usage::BOTH,
            context: location,
            field: String::new(),
            pointers,
        };
        diff_doc(
            diff,
            old_scheme,
            new_scheme,
            "description",
            Element::SecurityScheme,
            &site,
        );
    }
    for (name, new_scheme) in new_schemes {
        if old_schemes.contains_key(name) || renames.iter().any(|(_, new)| new == name) {
            continue;
        }
        diff.record(
            change(
                Scope::Security,
                ChangeKind::Added,
                Element::SecurityScheme,
                format!("security scheme `{name}`"),
                classify::SECURITY_SCHEME_ADDED,
            )
            .values(None, Some(describe_scheme(new_scheme)))
            .at("", &scheme_pointer(name)),
        );
    }
    let old_requirements = old_doc.root().get("security");
    let new_requirements = new_doc.root().get("security");
    diff_requirements(
        diff,
        Requirements::at(old_requirements, "/security", &renames),
        Requirements::at(new_requirements, "/security", &[]),
        &Scope::Security,
        "document security requirement",
    );
}

fn scheme_pointer(name: &str) -> String {
    format!("/components/securitySchemes/{}", escape(name))
}

/// Schemes that only changed their name: one missing from NEW and one new in NEW that a
/// client satisfies the same way (same type, location and parameter name), paired in order.
fn scheme_renames(diff: &Diff) -> Vec<(String, String)> {
    let old_schemes = diff.old.components("securitySchemes");
    let new_schemes = diff.new.components("securitySchemes");
    let mut renames: Vec<(String, String)> = Vec::new();
    for (old_name, old_scheme) in old_schemes {
        if new_schemes.contains_key(old_name) {
            continue;
        }
        let same = new_schemes.iter().find(|(new_name, new_scheme)| {
            !old_schemes.contains_key(*new_name)
                && !renames.iter().any(|(_, taken)| taken == *new_name)
                && describe_scheme(new_scheme) == describe_scheme(old_scheme)
        });
        if let Some((new_name, _)) = same {
            renames.push((old_name.clone(), new_name.clone()));
        }
    }
    renames
}

/// Compares the requirements of an operation that declares its own on either side.
pub(crate) fn diff_operation_security(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    if old.get("security").is_none() && new.get("security").is_none() {
        return;
    }
    let scheme_renames = scheme_renames(diff);
    let effective = |operation: &Value,
                     root: &Value,
                     operation_pointer: &str,
                     renames: &[(String, String)]| {
        match operation.get("security") {
            Some(own) => Requirements::at(Some(own), &join(operation_pointer, "security"), renames),
            None => Requirements::at(root.get("security"), "/security", renames),
        }
    };
    let old_requirements = effective(old, diff.old.root(), &site.pointers.old, &scheme_renames);
    let new_requirements = effective(new, diff.new.root(), &site.pointers.new, &[]);
    diff_requirements(
        diff,
        old_requirements,
        new_requirements,
        &site.scope,
        "security requirement",
    );
}

/// A `security` list: alternatives, each a set of schemes that must all be satisfied.
struct Requirements {
    alternatives: Vec<String>,
    pointer: String,
}

impl Requirements {
    /// Reads a `security` list; `renames` gives NEW's names for OLD's renamed schemes.
    fn at(list: Option<&Value>, pointer: &str, renames: &[(String, String)]) -> Requirements {
        let alternatives = list
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|alternative| describe_alternative(alternative, renames))
            .collect();
        Requirements {
            alternatives,
            pointer: pointer.to_owned(),
        }
    }
}

/// `scheme_a + scheme_b (scope)`; `anonymous` for the empty requirement.
fn describe_alternative(requirement: &Value, renames: &[(String, String)]) -> String {
    let mut schemes: Vec<String> = requirement
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, scopes)| {
            let name = renames
                .iter()
                .find(|(old, _)| old == name)
                .map_or(name, |(_, new)| new);
            let scopes: Vec<String> = scopes
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            if scopes.is_empty() {
                name.clone()
            } else {
                format!("{name} ({})", scopes.join(", "))
            }
        })
        .collect();
    schemes.sort();
    if schemes.is_empty() {
        "anonymous".to_owned()
    } else {
        schemes.join(" + ")
    }
}

fn diff_requirements(
    diff: &mut Diff,
    old: Requirements,
    new: Requirements,
    scope: &Scope,
    location: &str,
) {
    for (index, alternative) in old.alternatives.iter().enumerate() {
        if !new.alternatives.contains(alternative) {
            diff.record(
                change(
                    scope.clone(),
                    ChangeKind::Removed,
                    Element::SecurityRequirement,
                    location.to_owned(),
                    classify::SECURITY_REQUIREMENT_REMOVED,
                )
                .values(Some(alternative.clone()), None)
                .at(&join(&old.pointer, &index.to_string()), ""),
            );
        }
    }
    for (index, alternative) in new.alternatives.iter().enumerate() {
        if !old.alternatives.contains(alternative) {
            diff.record(
                change(
                    scope.clone(),
                    ChangeKind::Added,
                    Element::SecurityRequirement,
                    location.to_owned(),
                    classify::security_requirement_added(!old.alternatives.is_empty()),
                )
                .values(None, Some(alternative.clone()))
                .at("", &join(&new.pointer, &index.to_string())),
            );
        }
    }
}

/// What a client must do to satisfy a scheme: `API key in header X-Api-Key`, `HTTP bearer`.
/// Two schemes with the same description are satisfied the same way.
fn describe_scheme(scheme: &Value) -> String {
    let field = |key| str_field(scheme, key).unwrap_or_default();
    match field("type") {
        "apiKey" => format!("API key in {} {}", field("in"), field("name")),
        "http" => match str_field(scheme, "bearerFormat") {
            Some(format) => format!("HTTP {} ({format})", field("scheme")),
            None => format!("HTTP {}", field("scheme")),
        },
        "oauth2" => {
            let flows: Vec<&str> = scheme
                .get("flows")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(flow, _)| flow.as_str())
                .collect();
            format!("OAuth 2 ({})", flows.join(", "))
        }
        "openIdConnect" => format!("OpenID Connect at {}", field("openIdConnectUrl")),
        other => other.to_owned(),
    }
}
