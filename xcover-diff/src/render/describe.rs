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
        (ChangeKind::Added, Element::Variant) => {
            format!(
                "added {} {}{}",
                noun(change.element),
                new(),
                within(" to", location)
            )
        }
        (ChangeKind::Removed, Element::Variant) => {
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
        (ChangeKind::Added, _) if change.new.is_none() => format!("added {what}"),
        (ChangeKind::Removed, _) if change.old.is_none() => format!("removed {what}"),
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
        (ChangeKind::Deprecated, _) => format!("{what} is now deprecated"),
        (ChangeKind::Undeprecated, _) => format!("{what} is no longer deprecated"),
        (ChangeKind::DocChanged, _) => format!(
            "changed {what}: {} → {}",
            quote(change.old.as_deref()),
            quote(change.new.as_deref())
        ),
        (ChangeKind::ConstraintTightened, _) => {
            format!("tightened {what}: {} → {}", old(), new())
        }
        (ChangeKind::ConstraintLoosened, _) => {
            format!("loosened {what}: {} → {}", old(), new())
        }
        (ChangeKind::Changed, _) => format!("changed {what}: {} → {}", old(), new()),
    };
    capitalise(&text)
}

/// A heading naming a scope.
pub(crate) fn heading(scope: &Scope) -> String {
    match scope {
        Scope::Method { name, method, path } => format!("`Client::{name}` (`{method} {path}`)"),
        Scope::Type { name } => format!("Type `{name}`"),
        Scope::Security => "Credentials and security".to_owned(),
        Scope::Servers => "Servers".to_owned(),
    }
}

/// Old and new pointers, as a Markdown fragment.
pub(crate) fn pointers(change: &Change) -> String {
    let shown = |pointer: &str| {
        if pointer.is_empty() {
            "the document's root".to_owned()
        } else {
            format!("`{pointer}`")
        }
    };
    match (&change.old_pointer, &change.new_pointer) {
        (Some(old), Some(new)) if old == new => shown(old),
        (Some(old), Some(new)) => format!("old {}, new {}", shown(old), shown(new)),
        (Some(old), None) => format!("old {}", shown(old)),
        (None, Some(new)) => format!("new {}", shown(new)),
        (None, None) => String::new(),
    }
}

fn noun(element: Element) -> &'static str {
    match element {
        Element::Method => "client method",
        Element::Argument => "argument",
        Element::Setter => "setter",
        Element::Outcome => "outcome",
        Element::Status => "status",
        Element::Type => "type",
        Element::Field => "field",
        Element::Variant => "variant",
        Element::Conversion => "conversion",
        Element::Credential => "credential setting",
        Element::SecurityRequirement => "security requirement",
        Element::Server => "server",
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
