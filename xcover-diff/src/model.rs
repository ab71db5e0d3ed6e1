//! The vocabulary of a diff: what changed, where, and what it does to code using the SDK.

use serde::{Deserialize, Serialize};

/// How a change affects code written against the generated SDK.
///
/// Ordered from most to least severe, so sorting puts breaking changes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Code that compiled against the old SDK may stop compiling, or calls that worked may now
    /// be rejected. Needs a major version.
    Breaking,
    /// New API surface; existing code keeps compiling and working. Needs a minor version.
    Additive,
    /// No effect on signatures: documentation, validation hints, server details. A patch version.
    Patch,
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
    /// Same element, new name (an operationId or a component schema).
    Renamed,
    /// The Rust type generated for the element changed.
    Retyped,
    /// An optional field, parameter or body became required.
    MadeRequired,
    /// A required field, parameter or body became optional.
    MadeOptional,
    /// The element now accepts `null`.
    MadeNullable,
    /// The element no longer accepts `null`.
    MadeNonNullable,
    /// The element became deprecated.
    Deprecated,
    /// The element is no longer deprecated.
    Undeprecated,
    /// A validation keyword changed (`pattern`, `maxLength`, a string `format`, ...).
    ConstraintChanged,
    /// A summary or description changed: the SDK's doc comments change.
    DocChanged,
    /// Some other property of the element changed (a server URL, a security scheme's location).
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
            ChangeKind::MadeNullable => ChangeKind::MadeNonNullable,
            ChangeKind::MadeNonNullable => ChangeKind::MadeNullable,
            ChangeKind::Deprecated => ChangeKind::Undeprecated,
            ChangeKind::Undeprecated => ChangeKind::Deprecated,
            ChangeKind::Renamed
            | ChangeKind::Retyped
            | ChangeKind::ConstraintChanged
            | ChangeKind::DocChanged
            | ChangeKind::Changed => self,
        }
    }
}

/// The kind of thing that changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    /// An operation: a client method.
    Operation,
    /// A path, query, header or cookie parameter.
    Parameter,
    /// An operation's request body.
    RequestBody,
    /// One media type (`application/json`, ...) of a body.
    MediaType,
    /// One status code of an operation's responses.
    Response,
    /// A component schema, or the schema at a body, parameter or field.
    Schema,
    /// An object property: a struct field.
    Property,
    /// One value of an enum.
    EnumValue,
    /// One member of a `oneOf`, `anyOf` or `allOf`.
    Variant,
    /// A security scheme in `components/securitySchemes`.
    SecurityScheme,
    /// An alternative in a `security` requirement list.
    SecurityRequirement,
    /// An entry of `servers`.
    Server,
    /// A webhook event in `x-webhooks`.
    Webhook,
}

/// The part of the API a change belongs to; the Markdown report groups changes by scope.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum Scope {
    /// An operation, named by its method and path (as in NEW when it exists there).
    Operation {
        /// Upper-case HTTP method.
        method: String,
        /// Path template.
        path: String,
        /// The operationId (NEW's when it exists there, else OLD's).
        operation_id: Option<String>,
    },
    /// A webhook event in the `x-webhooks` extension.
    Webhook {
        /// Event name.
        event: String,
    },
    /// A component schema (named as in NEW when it exists there).
    Schema {
        /// Component name.
        name: String,
    },
    /// A reusable parameter, request body or response in `components`.
    Component {
        /// `parameters`, `requestBodies` or `responses`.
        section: String,
        /// Component name.
        name: String,
    },
    /// Security schemes and document-wide security requirements.
    Security,
    /// The document's servers.
    Servers,
}

/// One semantic change between OLD and NEW.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Effect on code using the SDK.
    pub severity: Severity,
    /// What happened.
    pub kind: ChangeKind,
    /// What it happened to.
    pub element: Element,
    /// Where it belongs, for grouping.
    pub scope: Scope,
    /// Human description of the element within its scope, e.g. ``query parameter `extra_fields` ``
    /// or ``field `price.currency` ``; empty when the change is to the scope itself.
    pub location: String,
    /// The relevant value in OLD (old type, old name, old pattern, removed enum value), if any.
    pub old: Option<String>,
    /// The relevant value in NEW, if any.
    pub new: Option<String>,
    /// JSON pointer (RFC 6901) to the element in OLD; `None` when it is new.
    pub old_pointer: Option<String>,
    /// JSON pointer (RFC 6901) to the element in NEW; `None` when it was removed.
    pub new_pointer: Option<String>,
    /// Why the change has its severity, in terms of SDK code.
    pub reason: String,
}
