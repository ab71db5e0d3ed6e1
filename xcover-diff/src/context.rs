//! The state shared by every walk: both documents, the schema and security scheme renames
//! and the usages derived from them, and the changes recorded so far.

use serde_json::Value;

use crate::classify::Verdict;
use crate::document::Document;
use crate::model::{Change, ChangeKind, Element, Scope};
use crate::pointer::Pointers;
use crate::renames::Renames;
use crate::rust_type::RustType;
use crate::security::SchemeRenames;
use crate::usage::{SchemaUsage, Usage};

/// One comparison of OLD against NEW in progress.
pub(crate) struct Diff<'a> {
    pub(crate) old: &'a Document,
    pub(crate) new: &'a Document,
    pub(crate) schema_renames: Renames,
    pub(crate) scheme_renames: SchemeRenames<'a>,
    old_usage: SchemaUsage,
    new_usage: SchemaUsage,
    pub(crate) changes: Vec<Change>,
}

impl<'a> Diff<'a> {
    /// Prepares a comparison: detects renames and schema usage once, up front.
    pub(crate) fn new(old: &'a Document, new: &'a Document) -> Diff<'a> {
        Diff {
            old,
            new,
            schema_renames: Renames::detect(old, new),
            scheme_renames: SchemeRenames::detect(old, new),
            old_usage: SchemaUsage::of(old),
            new_usage: SchemaUsage::of(new),
            changes: Vec::new(),
        }
    }

    /// How a component schema travels, in either document.
    pub(crate) fn schema_usage(&self, old_name: &str, new_name: &str) -> Usage {
        self.old_usage
            .get(old_name)
            .union(self.new_usage.get(new_name))
    }

    /// The Rust type of an OLD schema, with renamed references under their NEW names so that
    /// it compares equal to NEW's when only a name changed.
    pub(crate) fn old_type_renamed(&self, schema: &Value) -> RustType {
        RustType::of(schema, &|name| self.schema_renames.to_new(name))
    }

    /// The Rust type of a schema as its own document names it.
    pub(crate) fn own_type(schema: &Value) -> RustType {
        RustType::of(schema, &|name| name.to_owned())
    }

    /// Records a change.
    pub(crate) fn record(&mut self, change: Change) {
        self.changes.push(change);
    }
}

/// Where in the API a schema is being compared, and how it travels.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub(crate) scope: Scope,
    pub(crate) usage: Usage,
    /// What holds the schema (``query parameter `x` ``, `request body`); empty for a component.
    pub(crate) context: String,
    /// Dotted path of fields from there, `[]` marking array items.
    pub(crate) field: String,
    pub(crate) pointers: Pointers,
}

impl Site {
    /// The human location of the current node.
    pub(crate) fn location(&self) -> String {
        match (self.context.is_empty(), self.field.is_empty()) {
            (_, true) => self.context.clone(),
            (true, false) => format!("field `{}`", self.field),
            (false, false) => format!("{} field `{}`", self.context, self.field),
        }
    }

    /// The site of a property.
    pub(crate) fn property(&self, name: &str, pointers: Pointers) -> Site {
        let field = if self.field.is_empty() {
            name.to_owned()
        } else if self.field.ends_with("[]") {
            format!("{}{name}", self.field)
        } else {
            format!("{}.{name}", self.field)
        };
        Site {
            field,
            pointers,
            ..self.clone()
        }
    }

    /// The site of array items or map values (`suffix` is `[]` or `{}`).
    pub(crate) fn element(&self, suffix: &str, pointers: Pointers) -> Site {
        let field = if self.field.is_empty() && self.context.is_empty() {
            suffix.to_owned()
        } else {
            format!("{}{suffix}", self.field)
        };
        Site {
            field,
            pointers,
            ..self.clone()
        }
    }

    /// The same site at other pointers (after seeing through a wrapper).
    pub(crate) fn at(&self, pointers: Pointers) -> Site {
        Site {
            pointers,
            ..self.clone()
        }
    }

    /// A change at this site.
    pub(crate) fn change(&self, kind: ChangeKind, element: Element, verdict: Verdict) -> Change {
        change(self.scope.clone(), kind, element, self.location(), verdict)
            .at(&self.pointers.old, &self.pointers.new)
    }
}

/// A change without values or pointers yet.
pub(crate) fn change(
    scope: Scope,
    kind: ChangeKind,
    element: Element,
    location: String,
    verdict: Verdict,
) -> Change {
    Change {
        severity: verdict.severity,
        kind,
        element,
        scope,
        location,
        old: None,
        new: None,
        old_pointer: None,
        new_pointer: None,
        reason: verdict.reason.to_owned(),
    }
}

impl Change {
    /// Sets both pointers; an added element keeps only NEW's, a removed one only OLD's.
    pub(crate) fn at(mut self, old: &str, new: &str) -> Change {
        self.old_pointer = (self.kind != ChangeKind::Added).then(|| old.to_owned());
        self.new_pointer = (self.kind != ChangeKind::Removed).then(|| new.to_owned());
        self
    }

    /// Sets the values before and after.
    pub(crate) fn values(mut self, old: Option<String>, new: Option<String>) -> Change {
        self.old = old;
        self.new = new;
        self
    }

    /// Replaces the location.
    pub(crate) fn location(mut self, location: String) -> Change {
        self.location = location;
        self
    }
}
