//! The Markdown report and changelog entries.

use std::fmt::Write;

use crate::model::{Change, Scope, Severity};
use crate::model::{ChangeKind, Element};
use crate::render::describe::{
    enum_values_pointers, enum_values_sentence, heading, pointers, sentence, short_name,
};

/// A change must recur in at least this many scopes to be printed once for all of them.
const MIN_REPEATS: usize = 3;
use crate::report::Report;

const SEVERITIES: [(Severity, &str, &str); 3] = [
    (Severity::Breaking, "Breaking changes", "Breaking"),
    (Severity::Additive, "Additive changes", "Added"),
    (Severity::Patch, "Patch-level changes", "Changed"),
];

/// The full report: a summary line, then one section per severity, one subsection per scope.
pub(crate) fn report(report: &Report) -> String {
    let mut out = format!(
        "# XCover API {} → {}\n\n",
        report.old_version, report.new_version
    );
    if report.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "SDK version bump: **{}** ({} breaking, {} additive, {} patch-level).",
        report.bump,
        report.with_severity(Severity::Breaking).count(),
        report.with_severity(Severity::Additive).count(),
        report.with_severity(Severity::Patch).count(),
    );
    for (severity, title, _) in SEVERITIES {
        let changes: Vec<&Change> = report.with_severity(severity).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = write!(out, "\n## {title}\n");
        let (repeated, single) = split_repeated(&changes);
        if !repeated.is_empty() {
            out.push_str("\n### Repeated in several places\n\n");
            for copies in repeated {
                let first = copies[0];
                let places: Vec<String> = copies.iter().map(|c| short_name(&c.scope)).collect();
                let _ = writeln!(out, "- {} — {}.", sentence(first), first.reason);
                let _ = writeln!(
                    out,
                    "  In {} places: {}. First: {}",
                    copies.len(),
                    places.join(", "),
                    pointers(first)
                );
            }
        }
        for (scope, group) in by_scope(&single) {
            let _ = write!(out, "\n### {}\n\n", heading(scope));
            for bullet in bullets(&group) {
                let first = bullet[0];
                if bullet.len() == 1 {
                    let _ = writeln!(out, "- {} — {}.", sentence(first), first.reason);
                    let _ = writeln!(out, "  {}", pointers(first));
                } else {
                    let _ = writeln!(
                        out,
                        "- {} — {}.",
                        enum_values_sentence(&bullet),
                        first.reason
                    );
                    let _ = writeln!(out, "  {}", enum_values_pointers(&bullet));
                }
            }
        }
    }
    out
}

/// A `CHANGELOG.md` entry: one line per change, scope first, no pointers.
pub(crate) fn changelog_entry(report: &Report, sdk_version: &str) -> String {
    let mut out = format!(
        "## {sdk_version}\n\nGenerated from XCover API {} (previously {}): a {} release.\n",
        report.new_version, report.old_version, report.bump
    );
    if report.is_empty() {
        out.push_str("\nNo API changes.\n");
    }
    for (severity, _, title) in SEVERITIES {
        let changes: Vec<&Change> = report.with_severity(severity).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = write!(out, "\n### {title}\n\n");
        let (repeated, single) = split_repeated(&changes);
        for copies in repeated {
            let places: Vec<String> = copies.iter().map(|c| short_name(&c.scope)).collect();
            let _ = writeln!(
                out,
                "- {} ({}) — {}.",
                sentence(copies[0]),
                places.join(", "),
                copies[0].reason
            );
        }
        for bullet in bullets(&single) {
            let first = bullet[0];
            let text = if bullet.len() == 1 {
                sentence(first)
            } else {
                enum_values_sentence(&bullet)
            };
            let _ = writeln!(
                out,
                "- {}: {} — {}.",
                heading(&first.scope),
                lowercase_first(&text),
                first.reason
            );
        }
    }
    out
}

/// Changes grouped by scope, groups in order of first appearance.
fn by_scope<'a>(changes: &[&'a Change]) -> Vec<(&'a Scope, Vec<&'a Change>)> {
    let mut groups: Vec<(&Scope, Vec<&Change>)> = Vec::new();
    for change in changes {
        match groups.iter_mut().find(|(scope, _)| **scope == change.scope) {
            Some((_, group)) => group.push(change),
            None => groups.push((&change.scope, vec![change])),
        }
    }
    groups
}

/// Separates changes that recur identically in several scopes (a shared path parameter
/// gaining a pattern in every operation) from the rest, so that each is printed once.
/// Returns the recurring ones as lists of copies, in order of first appearance.
fn split_repeated<'a>(changes: &[&'a Change]) -> (Vec<Vec<&'a Change>>, Vec<&'a Change>) {
    let same = |a: &Change, b: &Change| {
        (a.kind, a.element, &a.location, &a.old, &a.new, &a.reason)
            == (b.kind, b.element, &b.location, &b.old, &b.new, &b.reason)
    };
    let mut groups: Vec<Vec<&Change>> = Vec::new();
    for change in changes {
        match groups.iter_mut().find(|group| same(group[0], change)) {
            Some(group) => group.push(change),
            None => groups.push(vec![change]),
        }
    }
    let mut repeated = Vec::new();
    let mut single = Vec::new();
    for group in groups {
        let mut scopes: Vec<&Scope> = group.iter().map(|change| &change.scope).collect();
        scopes.dedup();
        if scopes.len() >= MIN_REPEATS {
            repeated.push(group);
        } else {
            single.extend(group);
        }
    }
    // Keep the rest in report order.
    single.sort_by_key(|change| changes.iter().position(|c| std::ptr::eq(*c, *change)));
    (repeated, single)
}

/// Consecutive changes printed as one bullet: values added to (or removed from) the same enum
/// share one, every other change has its own.
fn bullets<'a>(changes: &[&'a Change]) -> Vec<Vec<&'a Change>> {
    let mut out: Vec<Vec<&Change>> = Vec::new();
    for change in changes {
        let joins = out.last().is_some_and(|bullet| {
            let last = bullet[bullet.len() - 1];
            change.element == Element::EnumValue
                && last.element == Element::EnumValue
                && matches!(change.kind, ChangeKind::Added | ChangeKind::Removed)
                && (change.kind, &change.location, &change.reason)
                    == (last.kind, &last.location, &last.reason)
        });
        match out.last_mut() {
            Some(bullet) if joins => bullet.push(change),
            _ => out.push(vec![change]),
        }
    }
    out
}

/// `Added field` → `added field`, to follow a colon.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
