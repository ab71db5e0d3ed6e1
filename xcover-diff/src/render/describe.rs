//! One sentence per change, and one heading per scope.

use crate::model::{Change, ChangeKind, Element, Scope};

/// Longest doc text quoted in full; longer ones are cut.
const MAX_QUOTED_DOC: usize = 100;

/// A one-sentence description of a change, without its reason or pointers.
pub(crate) fn sentence(change: &Change) -> String {
    let location = change.location.as_str();
    let what = if location.is_empty() {
        noun(change.element).to_owned()
    } else {
        location.to_owned()
    };
    let old = || code(change.old.as_deref());
    let new = || code(change.new.as_deref());
    let text = match (change.kind, change.element) {
        (ChangeKind::Added, Element::EnumValue | Element::Variant | Element::MediaType) => {
            format!(
                "added {} {}{}",
                noun(change.element),
                new(),
                within(" to", location)
            )
        }
        (ChangeKind::Removed, Element::EnumValue | Element::Variant | Element::MediaType) => {
            format!(
                "removed {} {}{}",
                noun(change.element),
                old(),
                within(" from", location)
            )
        }
        (ChangeKind::Added, Element::SecurityRequirement) => {
            format!("added alternative {} to the {location}", new())
        }
        (ChangeKind::Removed, Element::SecurityRequirement) => {
            format!("removed alternative {} from the {location}", old())
        }
        (ChangeKind::Added, _) if location.is_empty() => format!("added {what} {}", new()),
        (ChangeKind::Removed, _) if location.is_empty() => format!("removed {what} {}", old()),
        (ChangeKind::Added, _) => format!("added {what}: {}", new()),
        (ChangeKind::Removed, _) => format!("removed {what}: {}", old()),
        (ChangeKind::Renamed, _) if location.is_empty() => {
            format!("renamed {what} {} → {}", old(), new())
        }
        (ChangeKind::Renamed, _) => format!("renamed {what} to {}", new()),
        (ChangeKind::Retyped, _) => format!("retyped {what}: {} → {}", old(), new()),
        (ChangeKind::MadeRequired, _) => format!("{what} is now required"),
        (ChangeKind::MadeOptional, _) => format!("{what} is now optional"),
        (ChangeKind::MadeNullable, _) => format!("{what} is now nullable"),
        (ChangeKind::MadeNonNullable, _) => format!("{what} is no longer nullable"),
        (ChangeKind::Deprecated, _) => format!("{what} is now deprecated"),
        (ChangeKind::Undeprecated, _) => format!("{what} is no longer deprecated"),
        (ChangeKind::DocChanged, _) => format!(
            "changed {what}: {} → {}",
            quote(change.old.as_deref()),
            quote(change.new.as_deref())
        ),
        (ChangeKind::ConstraintChanged | ChangeKind::Changed, _) => {
            format!("changed {what}: {} → {}", old(), new())
        }
    };
    capitalise(&text)
}

/// One sentence for several values added to or removed from the same enum.
pub(crate) fn enum_values_sentence(changes: &[&Change]) -> String {
    let first = changes[0];
    let added = first.kind == ChangeKind::Added;
    let values: Vec<String> = changes
        .iter()
        .map(|change| {
            code(if added {
                change.new.as_deref()
            } else {
                change.old.as_deref()
            })
        })
        .collect();
    let (verb, preposition) = if added {
        ("Added", " to")
    } else {
        ("Removed", " from")
    };
    format!(
        "{verb} {} enum values {}{}",
        values.len(),
        values.join(", "),
        within(preposition, &first.location)
    )
}

/// The pointers of several enum values: the enum's, and the values' indices.
pub(crate) fn enum_values_pointers(changes: &[&Change]) -> String {
    let added = changes[0].kind == ChangeKind::Added;
    let pointer_of = |change: &Change| {
        if added {
            change.new_pointer.clone()
        } else {
            change.old_pointer.clone()
        }
        .unwrap_or_default()
    };
    let first = pointer_of(changes[0]);
    let list = first
        .rsplit_once('/')
        .map_or("", |(list, _)| list)
        .to_owned();
    let indices: Vec<String> = changes
        .iter()
        .map(|change| {
            let pointer = pointer_of(change);
            pointer
                .rsplit_once('/')
                .map_or(String::new(), |(_, i)| i.to_owned())
        })
        .collect();
    let side = if added { "new" } else { "old" };
    format!("{side} `{list}` (indices {})", indices.join(", "))
}

/// A heading naming a scope.
pub(crate) fn heading(scope: &Scope) -> String {
    match scope {
        Scope::Operation {
            method,
            path,
            operation_id: Some(id),
        } => format!("`{method} {path}` (`{id}`)"),
        Scope::Operation { method, path, .. } => format!("`{method} {path}`"),
        Scope::Webhook { event } => format!("Webhook `{event}`"),
        Scope::Schema { name } => format!("Schema `{name}`"),
        Scope::Component { section, name } => format!("`components/{section}/{name}`"),
        Scope::Security => "Security".to_owned(),
        Scope::Servers => "Servers".to_owned(),
    }
}

/// A short name for a scope in a list: the operationId, event or schema name.
pub(crate) fn short_name(scope: &Scope) -> String {
    match scope {
        Scope::Operation {
            operation_id: Some(id),
            ..
        } => format!("`{id}`"),
        Scope::Operation { method, path, .. } => format!("`{method} {path}`"),
        Scope::Webhook { event } => format!("`{event}`"),
        Scope::Schema { name } | Scope::Component { name, .. } => format!("`{name}`"),
        Scope::Security => "security".to_owned(),
        Scope::Servers => "servers".to_owned(),
    }
}

/// Old and new pointers, as a Markdown fragment.
pub(crate) fn pointers(change: &Change) -> String {
    match (&change.old_pointer, &change.new_pointer) {
        (Some(old), Some(new)) if old == new => format!("`{old}`"),
        (Some(old), Some(new)) => format!("old `{old}`, new `{new}`"),
        (Some(old), None) => format!("old `{old}`"),
        (None, Some(new)) => format!("new `{new}`"),
        (None, None) => String::new(),
    }
}

fn noun(element: Element) -> &'static str {
    match element {
        Element::Operation => "operation",
        Element::Parameter => "parameter",
        Element::RequestBody => "request body",
        Element::MediaType => "media type",
        Element::Response => "response",
        Element::Schema => "schema",
        Element::Property => "field",
        Element::EnumValue => "enum value",
        Element::Variant => "variant",
        Element::SecurityScheme => "security scheme",
        Element::SecurityRequirement => "security requirement",
        Element::Server => "server",
        Element::Webhook => "webhook",
    }
}

fn within(preposition: &str, location: &str) -> String {
    if location.is_empty() {
        String::new()
    } else {
        format!("{preposition} {location}")
    }
}

fn code(value: Option<&str>) -> String {
    match value {
        Some(value) => format!("`{value}`"),
        None => "none".to_owned(),
    }
}

fn quote(text: Option<&str>) -> String {
    let Some(text) = text else {
        return "none".to_owned();
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > MAX_QUOTED_DOC {
        let cut: String = text.chars().take(MAX_QUOTED_DOC).collect();
        format!("“{cut}…”")
    } else {
        format!("“{text}”")
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
