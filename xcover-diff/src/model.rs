//! The vocabulary of a diff: what changed, where, and what it does to code using the SDK, both
//! when the SDK is regenerated and when the old SDK keeps running.

use serde::{Deserialize, Serialize};

/// What regenerating the SDK from NEW does to code written against the one from OLD.
///
/// Ordered from most to least severe, so sorting puts breaking changes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Code that compiled against the old SDK may stop compiling. Needs a major version.
    Breaking,
    /// New API surface; existing code keeps compiling. Needs a minor version.
    Additive,
    /// No signature moves: documentation, validation, server details. A patch version.
    Patch,
}

/// How a partner gets the SDK, which decides what `#[non_exhaustive]` protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// The SDK is another crate (`xcover-generated`): struct literals and exhaustive matches
    /// of its `#[non_exhaustive]` types are refused, so new fields and variants break nothing.
    #[default]
    Dependency,
    /// `build.rs` generates the SDK into the partner's own crate, where `#[non_exhaustive]`
    /// protects nothing: a new field breaks struct literals, a new variant exhaustive matches.
    InCrate,
}

/// The rebuild verdict of a change in one generation mode, and why, in SDK terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rebuild {
    /// How far code written against the old SDK is affected.
    pub severity: Severity,
    /// Why, in terms of the generated Rust.
    pub reason: String,
}

/// Whether the old SDK, already deployed, keeps working against the new API, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deployed {
    /// Requests it sends may now be rejected, or responses may no longer decode.
    pub breaks: bool,
    /// Why, in terms of what the old SDK sends and decodes.
    pub reason: String,
}

/// What happened to the element.
///
/// Every kind has an inverse ([`ChangeKind::inverse`]): diffing NEW against OLD reports the
/// inverse of every change that diffing OLD against NEW reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The element exists only in NEW.
    Added,
    /// The element exists only in OLD.
    Removed,
    /// Same element, new Rust name.
    Renamed,
    /// The Rust type of the element changed.
    Retyped,
    /// An input moved from a setter to an argument: the caller must now give it.
    MadeRequired,
    /// An input moved from an argument to a setter.
    MadeOptional,
    /// The element became deprecated.
    Deprecated,
    /// The element is no longer deprecated.
    Undeprecated,
    /// A validation keyword of something sent was tightened (`pattern` added, `maxLength`
    /// lowered, …): values the old SDK may send are now refused.
    ConstraintTightened,
    /// A validation keyword was loosened or dropped.
    ConstraintLoosened,
    /// The text of a doc comment changed.
    DocChanged,
    /// Some other property changed (an endpoint, a server URL, a union's tags).
    Changed,
}

impl ChangeKind {
    /// The kind reported for the same change when OLD and NEW are swapped.
    pub fn inverse(self) -> ChangeKind {
        match self {
            ChangeKind::Added => ChangeKind::Removed,
            ChangeKind::Removed => ChangeKind::Added,
            ChangeKind::MadeRequired => ChangeKind::MadeOptional,
            ChangeKind::MadeOptional => ChangeKind::MadeRequired,
            ChangeKind::Deprecated => ChangeKind::Undeprecated,
            ChangeKind::Undeprecated => ChangeKind::Deprecated,
            ChangeKind::ConstraintTightened => ChangeKind::ConstraintLoosened,
            ChangeKind::ConstraintLoosened => ChangeKind::ConstraintTightened,
            ChangeKind::Renamed
            | ChangeKind::Retyped
            | ChangeKind::DocChanged
            | ChangeKind::Changed => self,
        }
    }
}

/// The kind of thing that changed, named as the generated Rust names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    /// A client method and its request builder.
    Method,
    /// A positional argument of a client method.
    Argument,
    /// A setter of a request builder.
    Setter,
    /// What a client method gives on success or on a documented error.
    Outcome,
    /// How one status is handled.
    Status,
    /// A generated type.
    Type,
    /// A struct field.
    Field,
    /// A variant of a string enum, a union or a response enum.
    Variant,
    /// A union's `From` conversion from one of its variants' types.
    Conversion,
    /// A `ClientBuilder` credential setting.
    Credential,
    /// An alternative in a `security` requirement.
    SecurityRequirement,
    /// An entry of `servers`.
    Server,
}

/// Where a change belongs; the Markdown report groups changes by scope.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum Scope {
    /// A client method, named as in NEW when it is there.
    Method {
        /// The method's Rust name.
        name: String,
        /// Upper-case HTTP method.
        method: String,
        /// Path template.
        path: String,
    },
    /// A generated type, named as in NEW when it is there.
    Type {
        /// The type's Rust name.
        name: String,
    },
    /// The client builder's credentials and the security requirements.
    Security,
    /// The document's servers.
    Servers,
}

/// One change between OLD and NEW, with its verdicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Stable across runs: a hash of the kind, the element, its scope, location and pointers,
    /// so that a reviewer's acknowledgement of a change survives a re-run.
    pub fingerprint: String,
    /// What happened.
    pub kind: ChangeKind,
    /// What it happened to.
    pub element: Element,
    /// Where it belongs, for grouping.
    pub scope: Scope,
    /// The element within its scope, e.g. ``field `price` `` or ``setter `extra_fields` ``;
    /// empty when the change is to the scope itself.
    pub location: String,
    /// The relevant value in OLD (a Rust type or name, a removed value), if any.
    pub old: Option<String>,
    /// The relevant value in NEW, if any.
    pub new: Option<String>,
    /// JSON pointer (RFC 6901) to the element in OLD; `None` when it is new.
    pub old_pointer: Option<String>,
    /// JSON pointer (RFC 6901) to the element in NEW; `None` when it was removed.
    pub new_pointer: Option<String>,
    /// The rebuild verdict for the SDK as a dependency: this decides its semver bump.
    pub rebuild: Rebuild,
    /// The rebuild verdict for an SDK generated into the partner's crate, when it differs.
    pub in_crate: Option<Rebuild>,
    /// The old SDK against the new API.
    pub deployed: Deployed,
}

impl Change {
    /// The rebuild verdict in one generation mode.
    pub fn rebuild_in(&self, mode: Mode) -> &Rebuild {
        match (mode, &self.in_crate) {
            (Mode::InCrate, Some(in_crate)) => in_crate,
            _ => &self.rebuild,
        }
    }
}
