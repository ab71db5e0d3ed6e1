//! The Markdown report and changelog entries.

use std::fmt::Write;

use crate::model::{Change, Scope, Severity};
use crate::render::describe::{heading, pointers, sentence};
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
        for (scope, group) in by_scope(&changes) {
            let _ = write!(out, "\n### {}\n\n", heading(scope));
            for change in group {
                let _ = writeln!(out, "- {}: {}.", sentence(change), change.reason);
                let _ = writeln!(out, "  {}", pointers(change));
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
        for change in changes {
            let _ = writeln!(
                out,
                "- {}: {}: {}.",
                heading(&change.scope),
                sentence(change),
                change.reason
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
