//! The Markdown report and changelog entries.

use std::fmt::Write;

use crate::model::{Change, Mode, Scope, Severity};
use crate::render::describe::{heading, pointers, sentence};
use crate::report::Report;

/// A change must recur in at least this many scopes to be printed once for all of them.
const MIN_REPEATS: usize = 3;

const SEVERITIES: [(Severity, &str, &str); 3] = [
    (Severity::Breaking, "Breaking changes", "Breaking"),
    (Severity::Additive, "Additive changes", "Added"),
    (Severity::Patch, "Patch-level changes", "Changed"),
];

impl Report {
    /// A Markdown report: the verdicts, then the changes by severity and scope, each with its
    /// three verdicts, pointers and fingerprint.
    pub fn to_markdown(&self) -> String {
        report(self)
    }

    /// An entry for `xcover-generated/CHANGELOG.md` announcing SDK version `sdk_version`.
    pub fn to_changelog_entry(&self, sdk_version: &str) -> String {
        changelog_entry(self, sdk_version)
    }
}

/// The full report: the verdicts, then one section per rebuild severity (as a dependency), one
/// subsection per scope.
fn report(report: &Report) -> String {
    let mut out = format!(
        "# {} {} → {}\n\n",
        report.title, report.old_version, report.new_version
    );
    if report.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let count = |mode, severity| report.with_severity(mode, severity).count();
    let version = match (&report.sdk_version, &report.next_sdk_version) {
        (Some(current), Some(next)) => format!("{current} → {next} ({})", report.bump),
        _ => report.bump.to_string(),
    };
    let _ = writeln!(out, "SDK version: **{version}**.\n");
    for (mode, title) in [
        (Mode::Dependency, "Rebuild, SDK as a dependency"),
        (
            Mode::InCrate,
            "Rebuild, SDK generated into the partner's crate (`build.rs`)",
        ),
    ] {
        let _ = writeln!(
            out,
            "- {title}: **{}** ({} breaking, {} additive, {} patch-level).",
            if report.breaks_rebuild(mode) {
                "breaks"
            } else {
                "compiles"
            },
            count(mode, Severity::Breaking),
            count(mode, Severity::Additive),
            count(mode, Severity::Patch),
        );
    }
    let deployed = report
        .changes
        .iter()
        .filter(|change| change.deployed.breaks)
        .count();
    let _ = writeln!(
        out,
        "- Deployed SDK against the new API: **{}** ({deployed} {} it can't absorb).",
        if report.breaks_deployed() {
            "breaks"
        } else {
            "keeps working"
        },
        if deployed == 1 { "change" } else { "changes" },
    );
    for (severity, title, _) in SEVERITIES {
        let changes: Vec<&Change> = report.with_severity(Mode::Dependency, severity).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = write!(out, "\n## {title}\n");
        let (repeated, single) = split_repeated(&changes);
        if !repeated.is_empty() {
            out.push_str("\n### Repeated in several places\n\n");
            for copies in repeated {
                let first = copies[0];
                verdicts(&mut out, first);
                let places: Vec<String> = copies.iter().map(|c| heading(&c.scope)).collect();
                let fingerprints: Vec<String> = copies
                    .iter()
                    .map(|c| format!("`{}`", c.fingerprint))
                    .collect();
                let _ = writeln!(
                    out,
                    "  In {} places: {}. First: {} · {}",
                    copies.len(),
                    places.join(", "),
                    pointers(first),
                    fingerprints.join(", ")
                );
            }
        }
        for (scope, group) in by_scope(&single) {
            let _ = write!(out, "\n### {}\n\n", heading(scope));
            for change in group {
                verdicts(&mut out, change);
                let _ = writeln!(out, "  {} · `{}`", pointers(change), change.fingerprint);
            }
        }
    }
    out
}

/// A change's bullet: what happened and its rebuild verdict, then the in-crate verdict where
/// it differs and the deployed one where it breaks.
fn verdicts(out: &mut String, change: &Change) {
    let _ = writeln!(out, "- {} — {}.", sentence(change), change.rebuild.reason);
    if let Some(in_crate) = &change.in_crate {
        let _ = writeln!(
            out,
            "  In the partner's crate: {} — {}.",
            in_crate.severity_word(),
            in_crate.reason
        );
    }
    if change.deployed.breaks {
        let _ = writeln!(out, "  Deployed SDK: breaks — {}.", change.deployed.reason);
    }
}

/// Separates changes that recur identically in several scopes (a shared path parameter
/// gaining a pattern in every operation) from the rest, so that each is printed once.
/// Returns the recurring ones as lists of copies, in order of first appearance.
fn split_repeated<'a>(changes: &[&'a Change]) -> (Vec<Vec<&'a Change>>, Vec<&'a Change>) {
    let same = |a: &Change, b: &Change| {
        (
            a.kind,
            a.element,
            &a.location,
            &a.old,
            &a.new,
            &a.rebuild,
            &a.in_crate,
            &a.deployed,
        ) == (
            b.kind,
            b.element,
            &b.location,
            &b.old,
            &b.new,
            &b.rebuild,
            &b.in_crate,
            &b.deployed,
        )
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

/// A `CHANGELOG.md` entry: one line per change, scope first, no pointers.
fn changelog_entry(report: &Report, sdk_version: &str) -> String {
    let mut out = format!(
        "## {sdk_version}\n\nGenerated from version {} of {} (previously {}): a {} release.\n",
        report.new_version, report.title, report.old_version, report.bump
    );
    if report.is_empty() {
        out.push_str("\nNo API changes.\n");
    }
    for (severity, _, title) in SEVERITIES {
        let changes: Vec<&Change> = report.with_severity(Mode::Dependency, severity).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = write!(out, "\n### {title}\n\n");
        for change in changes {
            let _ = writeln!(
                out,
                "- {}: {} — {}.",
                heading(&change.scope),
                lowercase_first(&sentence(change)),
                change.rebuild.reason
            );
        }
    }
    out
}

impl crate::model::Rebuild {
    /// `breaking`, `additive` or `patch-level`.
    fn severity_word(&self) -> &'static str {
        match self.severity {
            Severity::Breaking => "breaking",
            Severity::Additive => "additive",
            Severity::Patch => "patch-level",
        }
    }
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

/// `Added field` → `added field`, to follow a colon.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
