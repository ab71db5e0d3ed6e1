//! The semver bump a set of changes calls for.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Change, Mode, Severity};

/// Which part of the SDK's version to bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// At least one breaking change.
    Major,
    /// Additions, nothing breaking.
    Minor,
    /// Neither: documentation, validation hints, or no change at all.
    Patch,
}

impl Bump {
    /// The bump for a list of changes in one generation mode: the most severe change decides.
    pub fn of(changes: &[Change], mode: Mode) -> Bump {
        match changes
            .iter()
            .map(|change| change.rebuild_in(mode).severity)
            .min()
        {
            Some(Severity::Breaking) => Bump::Major,
            Some(Severity::Additive) => Bump::Minor,
            Some(Severity::Patch) | None => Bump::Patch,
        }
    }

    /// The version after `current` (`MAJOR.MINOR.PATCH`), following Cargo's reading of semver:
    /// below 1.0.0 a breaking change bumps the minor number and anything else the patch
    /// number. `None` if `current` is not three dot-separated numbers.
    pub fn next_version(self, current: &str) -> Option<String> {
        let mut parts = current.split('.').map(|part| part.parse::<u64>().ok());
        let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let (major, minor, patch) = match (major, self) {
            (0, Bump::Major) => (0, minor + 1, 0),
            (0, _) => (0, minor, patch + 1),
            (_, Bump::Major) => (major + 1, 0, 0),
            (_, Bump::Minor) => (major, minor + 1, 0),
            (_, Bump::Patch) => (major, minor, patch + 1),
        };
        Some(format!("{major}.{minor}.{patch}"))
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::Major => "major",
            Bump::Minor => "minor",
            Bump::Patch => "patch",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Bump;

    #[test]
    fn next_version_follows_cargo_semver() {
        assert_eq!(Bump::Major.next_version("0.1.0").as_deref(), Some("0.2.0"));
        assert_eq!(Bump::Minor.next_version("0.1.0").as_deref(), Some("0.1.1"));
        assert_eq!(Bump::Patch.next_version("0.1.3").as_deref(), Some("0.1.4"));
        assert_eq!(Bump::Major.next_version("1.4.2").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::Minor.next_version("1.4.2").as_deref(), Some("1.5.0"));
        assert_eq!(Bump::Patch.next_version("1.4.2").as_deref(), Some("1.4.3"));
        assert_eq!(Bump::Patch.next_version("1.4"), None);
    }
}
