//! Building changes: a change with its verdicts, values and pointers.

use crate::model::{Change, ChangeKind, Deployed, Element, Rebuild, Scope};
use crate::rules::Verdicts;

/// A change without values or pointers yet.
pub(crate) fn change(
    scope: &Scope,
    kind: ChangeKind,
    element: Element,
    location: impl Into<String>,
    verdicts: Verdicts,
) -> Change {
    let rebuild = |(severity, reason): (_, &str)| Rebuild {
        severity,
        reason: reason.to_owned(),
    };
    Change {
        fingerprint: String::new(),
        kind,
        element,
        scope: scope.clone(),
        location: location.into(),
        old: None,
        new: None,
        old_pointer: None,
        new_pointer: None,
        rebuild: rebuild(verdicts.rebuild),
        in_crate: verdicts.in_crate.map(rebuild),
        deployed: Deployed {
            breaks: verdicts.deployed.0,
            reason: verdicts.deployed.1.to_owned(),
        },
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
}
