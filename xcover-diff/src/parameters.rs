//! Parameters: pairing an operation's parameters across documents and comparing each pair.
//!
//! Parameters are paired by location and name. Path parameters left over on both sides are
//! paired in order: they are positional arguments, so a new name alone changes no signature.

use serde_json::Value;

use crate::classify;
use crate::context::{change, Diff};
use crate::document::{flag, ref_of, str_field, Document};
use crate::model::{ChangeKind, Element, Scope};
use crate::pointer::{join, Pointers};
use crate::rust_type::RustType;
use crate::schemas::{diff_deprecation, diff_doc, diff_schema, holder_site};
use crate::usage::Usage;

/// A parameter as an operation lists it: possibly a reference, and what it resolves to.
pub(crate) struct ParameterSite<'a> {
    /// The node in the operation's `parameters` list.
    pub(crate) node: &'a Value,
    /// Pointer to that node.
    pub(crate) pointer: String,
    /// The parameter itself, after following a reference.
    pub(crate) resolved: &'a Value,
    /// Pointer to the parameter itself.
    pub(crate) resolved_pointer: String,
}

impl<'a> ParameterSite<'a> {
    /// Resolves a parameter node found at `pointer`.
    pub(crate) fn new(doc: &'a Document, node: &'a Value, pointer: String) -> ParameterSite<'a> {
        let (resolved, resolved_pointer) = doc.resolve(node, &pointer);
        ParameterSite {
            node,
            pointer,
            resolved,
            resolved_pointer,
        }
    }

    /// `query`, `header`, `path` or `cookie`.
    fn location(&self) -> &'a str {
        str_field(self.resolved, "in").unwrap_or("query")
    }

    fn name(&self) -> &'a str {
        str_field(self.resolved, "name").unwrap_or_default()
    }

    /// Identity across documents: location and name (header names ignore case).
    pub(crate) fn key(&self) -> (String, String) {
        let name = if self.location() == "header" {
            self.name().to_ascii_lowercase()
        } else {
            self.name().to_owned()
        };
        (self.location().to_owned(), name)
    }

    fn is_required(&self) -> bool {
        self.location() == "path" || flag(self.resolved, "required")
    }

    /// ``query parameter `name` ``.
    fn label(&self) -> String {
        label(self.resolved)
    }

    /// The Rust type of the setter or argument.
    fn rust_type(&self) -> String {
        let rust_type =
            schema_of(self.resolved).map_or(RustType::Json, |(schema, _)| Diff::own_type(schema));
        if self.is_required() {
            rust_type.to_string()
        } else {
            format!("Option<{rust_type}>")
        }
    }
}

/// ``query parameter `name` `` for a resolved parameter.
fn label(parameter: &Value) -> String {
    format!(
        "{} parameter `{}`",
        str_field(parameter, "in").unwrap_or("query"),
        str_field(parameter, "name").unwrap_or_default()
    )
}

/// A parameter's schema and its key relative to the parameter: `schema`, or the schema of the
/// first media type of `content`.
fn schema_of(parameter: &Value) -> Option<(&Value, String)> {
    if let Some(schema) = parameter.get("schema") {
        return Some((schema, "/schema".to_owned()));
    }
    let (media_type, content) = parameter.get("content")?.as_object()?.iter().next()?;
    let schema = content.get("schema")?;
    Some((schema, format!("{}/schema", join("/content", media_type))))
}

/// Compares two operations' parameter lists.
pub(crate) fn diff_parameters(
    diff: &mut Diff,
    old: &[ParameterSite],
    new: &[ParameterSite],
    scope: &Scope,
) {
    let mut new_paired = vec![false; new.len()];
    let mut old_unpaired = Vec::new();
    for old_parameter in old {
        match new.iter().position(|p| p.key() == old_parameter.key()) {
            Some(index) => {
                new_paired[index] = true;
                diff_parameter(diff, old_parameter, &new[index], scope);
            }
            None => old_unpaired.push(old_parameter),
        }
    }
    for old_parameter in old_unpaired {
        let renamed_path_parameter = (old_parameter.location() == "path")
            .then(|| {
                new.iter()
                    .enumerate()
                    .position(|(i, p)| !new_paired[i] && p.location() == "path")
            })
            .flatten();
        if let Some(index) = renamed_path_parameter {
            new_paired[index] = true;
            let new_parameter = &new[index];
            diff.record(
                change(
                    scope.clone(),
                    ChangeKind::Renamed,
                    Element::Parameter,
                    old_parameter.label(),
                    classify::PATH_PARAMETER_RENAMED,
                )
                .values(
                    Some(old_parameter.name().to_owned()),
                    Some(new_parameter.name().to_owned()),
                )
                .at(&old_parameter.pointer, &new_parameter.pointer),
            );
            diff_parameter(diff, old_parameter, new_parameter, scope);
            continue;
        }
        diff.record(
            change(
                scope.clone(),
                ChangeKind::Removed,
                Element::Parameter,
                old_parameter.label(),
                classify::PARAMETER_REMOVED,
            )
            .values(Some(old_parameter.rust_type()), None)
            .at(&old_parameter.pointer, ""),
        );
    }
    for (index, new_parameter) in new.iter().enumerate() {
        if new_paired[index] {
            continue;
        }
        let verdict = classify::parameter_added(
            new_parameter.is_required(),
            new_parameter.location() == "path",
        );
        diff.record(
            change(
                scope.clone(),
                ChangeKind::Added,
                Element::Parameter,
                new_parameter.label(),
                verdict,
            )
            .values(None, Some(new_parameter.rust_type()))
            .at("", &new_parameter.pointer),
        );
    }
}

/// Compares a paired parameter, unless both sides use the same reusable parameter: that one
/// is compared once, under `components/parameters`.
fn diff_parameter(diff: &mut Diff, old: &ParameterSite, new: &ParameterSite, scope: &Scope) {
    if ref_of(old.node).is_some() && ref_of(old.node) == ref_of(new.node) {
        return;
    }
    let pointers = Pointers {
        old: old.resolved_pointer.clone(),
        new: new.resolved_pointer.clone(),
    };
    diff_parameter_contents(diff, old.resolved, new.resolved, pointers, scope);
}

/// Compares two resolved parameters: required, deprecation, description and schema.
pub(crate) fn diff_parameter_contents(
    diff: &mut Diff,
    old: &Value,
    new: &Value,
    pointers: Pointers,
    scope: &Scope,
) {
    let site = holder_site(scope.clone(), Usage::REQUEST, label(new), pointers);
    let in_path = str_field(new, "in") == Some("path");
    let (old_required, new_required) = (flag(old, "required"), flag(new, "required"));
    if old_required != new_required && !in_path {
        let (kind, verdict) = if new_required {
            (ChangeKind::MadeRequired, classify::INPUT_MADE_REQUIRED)
        } else {
            (ChangeKind::MadeOptional, classify::INPUT_MADE_OPTIONAL)
        };
        diff.record(site.change(kind, Element::Parameter, verdict));
    }
    diff_deprecation(diff, old, new, Element::Parameter, &site);
    diff_doc(diff, old, new, "description", Element::Parameter, &site);
    if let (Some((old_schema, old_key)), Some((new_schema, new_key))) =
        (schema_of(old), schema_of(new))
    {
        let schema_site = site.at(Pointers {
            old: format!("{}{old_key}", site.pointers.old),
            new: format!("{}{new_key}", site.pointers.new),
        });
        diff_schema(diff, old_schema, new_schema, &schema_site);
    }
}
