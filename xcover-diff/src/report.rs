//! The result of a diff. Its Markdown forms are `render`'s.

use serde::{Deserialize, Serialize};

use crate::model::{Change, Mode, Severity};
use crate::semver::Bump;

/// Every change between two documents, with the verdicts they add up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// NEW's `info.title`.
    pub title: String,
    /// `info.version` of OLD.
    pub old_version: String,
    /// `info.version` of NEW.
    pub new_version: String,
    /// The SDK's semver bump: what rebuilding it as a dependency asks for.
    pub bump: Bump,
    /// What rebuilding asks for when `build.rs` generates into the partner's crate.
    pub in_crate_bump: Bump,
    /// Whether the old SDK, already deployed, may stop working against the new API.
    pub deployed_breaks: bool,
    /// The SDK's current version, when given.
    pub sdk_version: Option<String>,
    /// The version after it, by [`Report::bump`] and Cargo's semver rules.
    pub next_sdk_version: Option<String>,
    /// The changes: those breaking a rebuild first, each group in document order.
    pub changes: Vec<Change>,
}

impl Report {
    /// Builds a report, ordering changes by their rebuild severity as a dependency.
    pub(crate) fn new(
        title: String,
        (old_version, new_version): (String, String),
        mut changes: Vec<Change>,
        sdk_version: Option<&str>,
    ) -> Report {
        changes.sort_by_key(|change| change.rebuild.severity);
        let bump = Bump::of(&changes, Mode::Dependency);
        Report {
            title,
            old_version,
            new_version,
            bump,
            in_crate_bump: Bump::of(&changes, Mode::InCrate),
            deployed_breaks: changes.iter().any(|change| change.deployed.breaks),
            sdk_version: sdk_version.map(str::to_owned),
            next_sdk_version: sdk_version.and_then(|version| bump.next_version(version)),
            changes,
        }
    }

    /// No change at all.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The semver bump in one generation mode.
    pub fn bump_in(&self, mode: Mode) -> Bump {
        match mode {
            Mode::Dependency => self.bump,
            Mode::InCrate => self.in_crate_bump,
        }
    }

    /// Whether code written against the old SDK may stop compiling against the regenerated one.
    pub fn breaks_rebuild(&self, mode: Mode) -> bool {
        self.bump_in(mode) == Bump::Major
    }

    /// Whether the old SDK may stop working against the new API.
    pub fn breaks_deployed(&self) -> bool {
        self.deployed_breaks
    }

    /// The changes of one rebuild severity in one mode.
    pub fn with_severity(&self, mode: Mode, severity: Severity) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |change| change.rebuild_in(mode).severity == severity)
    }

    /// The report as pretty-printed JSON, for tools.
    pub fn to_json(&self) -> String {
        // A report holds only strings, booleans and enums, so serialising it cannot fail.
        serde_json::to_string_pretty(self).expect("a report serialises to JSON")
    }
}
