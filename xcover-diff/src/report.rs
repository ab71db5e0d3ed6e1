//! The result of a diff.

use serde::{Deserialize, Serialize};

use crate::model::{Change, Severity};
use crate::render;
use crate::semver::Bump;

/// Every change between two documents, breaking ones first, each group in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// `info.version` of OLD.
    pub old_version: String,
    /// `info.version` of NEW.
    pub new_version: String,
    /// The SDK version bump the changes call for.
    pub bump: Bump,
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// Builds a report, ordering changes by severity and keeping document order within one.
    pub(crate) fn new(
        old_version: String,
        new_version: String,
        mut changes: Vec<Change>,
    ) -> Report {
        changes.sort_by_key(|change| change.severity);
        Report {
            old_version,
            new_version,
            bump: Bump::of(&changes),
            changes,
        }
    }

    /// No semantic change at all.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// At least one change breaks code written against the old SDK.
    pub fn is_breaking(&self) -> bool {
        self.bump == Bump::Major
    }

    /// The SDK version bump the changes call for.
    pub fn semver_bump(&self) -> Bump {
        self.bump
    }

    /// The changes of one severity.
    pub fn with_severity(&self, severity: Severity) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |change| change.severity == severity)
    }

    /// A Markdown changelog: breaking changes first, grouped by operation and schema, each
    /// change with its JSON pointers.
    pub fn to_markdown(&self) -> String {
        render::markdown::report(self)
    }

    /// An entry for `xcover-generated/CHANGELOG.md` announcing SDK version `sdk_version`.
    pub fn to_changelog_entry(&self, sdk_version: &str) -> String {
        render::markdown::changelog_entry(self, sdk_version)
    }

    /// The report as pretty-printed JSON, for tools.
    pub fn to_json(&self) -> String {
        // A report holds only strings and enums, so serialising it cannot fail.
        serde_json::to_string_pretty(self).expect("a report serialises to JSON")
    }
}
