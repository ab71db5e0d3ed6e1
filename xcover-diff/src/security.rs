//! Security: the schemes in `components/securitySchemes` and the requirements that name them,
//! document-wide and per operation.

use serde_json::Value;

use crate::classify;
use crate::context::{change, Diff, Site};
use crate::document::{str_field, Document};
use crate::model::{ChangeKind, Element, Scope};
use crate::pointer::{escape, join, Pointers};
use crate::schemas::diff_doc;

/// Compares security schemes and the document-wide `security` requirement.
pub(crate) fn diff_security(diff: &mut Diff) {
    let (old_doc, new_doc) = (diff.old, diff.new);
    let old_schemes = old_doc.components("securitySchemes");
    let new_schemes = new_doc.components("securitySchemes");
    for (old_name, old_scheme) in old_schemes {
        let new_name = diff.scheme_renames.to_new(old_name);
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
        if old_schemes.contains_key(name) || diff.scheme_renames.is_renamed_to(name) {
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
        Requirements::at(old_requirements, "/security", &diff.scheme_renames),
        Requirements::at(new_requirements, "/security", &SchemeRenames::default()),
        &Scope::Security,
        "document security requirement",
    );
}

fn scheme_pointer(name: &str) -> String {
    format!("/components/securitySchemes/{}", escape(name))
}

/// Security schemes that only changed their name, OLD name to NEW name.
#[derive(Debug, Default)]
pub(crate) struct SchemeRenames<'a> {
    pairs: Vec<(&'a str, &'a str)>,
}

impl<'a> SchemeRenames<'a> {
    /// Pairs each scheme missing from NEW with the first one new in NEW that a client
    /// satisfies the same way (same type, location and parameter name), in document order.
    pub(crate) fn detect(old: &'a Document, new: &'a Document) -> SchemeRenames<'a> {
        let old_schemes = old.components("securitySchemes");
        let new_schemes = new.components("securitySchemes");
        let added: Vec<(&str, String)> = new_schemes
            .iter()
            .filter(|(name, _)| !old_schemes.contains_key(*name))
            .map(|(name, scheme)| (name.as_str(), describe_scheme(scheme)))
            .collect();
        let mut renames = SchemeRenames::default();
        for (old_name, old_scheme) in old_schemes {
            if new_schemes.contains_key(old_name) {
                continue;
            }
            let old_description = describe_scheme(old_scheme);
            let same = added.iter().find(|(new_name, new_description)| {
                !renames.is_renamed_to(new_name) && *new_description == old_description
            });
            if let Some((new_name, _)) = same {
                renames.pairs.push((old_name, new_name));
            }
        }
        renames
    }

    /// NEW's name for an OLD scheme name (the same name unless renamed).
    fn to_new<'n>(&self, old_name: &'n str) -> &'n str
    where
        'a: 'n,
    {
        self.pairs
            .iter()
            .find(|(old, _)| *old == old_name)
            .map_or(old_name, |(_, new)| new)
    }

    /// Whether a NEW scheme name is the new name of a renamed scheme.
    fn is_renamed_to(&self, new_name: &str) -> bool {
        self.pairs.iter().any(|(_, new)| *new == new_name)
    }
}

/// Compares the requirements of an operation that declares its own on either side.
pub(crate) fn diff_operation_security(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    if old.get("security").is_none() && new.get("security").is_none() {
        return;
    }
    let effective = |operation: &Value,
                     root: &Value,
                     operation_pointer: &str,
                     renames: &SchemeRenames| {
        match operation.get("security") {
            Some(own) => Requirements::at(Some(own), &join(operation_pointer, "security"), renames),
            None => Requirements::at(root.get("security"), "/security", renames),
        }
    };
    let old_requirements = effective(
        old,
        diff.old.root(),
        &site.pointers.old,
        &diff.scheme_renames,
    );
    let new_requirements = effective(
        new,
        diff.new.root(),
        &site.pointers.new,
        &SchemeRenames::default(),
    );
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
    fn at(list: Option<&Value>, pointer: &str, renames: &SchemeRenames) -> Requirements {
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
fn describe_alternative(requirement: &Value, renames: &SchemeRenames) -> String {
    let mut schemes: Vec<String> = requirement
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, scopes)| {
            let name = renames.to_new(name);
            let scopes: Vec<String> = scopes
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            if scopes.is_empty() {
                name.to_owned()
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
