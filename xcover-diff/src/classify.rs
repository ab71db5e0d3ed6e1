//! The rules: how much each kind of change matters to code that uses the generated SDK.
//!
//! The SDK maps a component schema to a Rust type, a property to a struct field (`T` when
//! required and not nullable, `Option<T>` otherwise), a string enum to a Rust enum with an
//! `Unknown(String)` variant, a `oneOf`/`anyOf` to an enum without one, and an operation to a
//! client method whose required path parameters are positional and whose other parameters and
//! body are builder setters. A change is breaking when code written against the old SDK stops
//! compiling or its requests start being rejected, additive when it only adds API surface, and a
//! patch when signatures do not move at all. Every rule lives here so they can be read in one
//! sitting.

use crate::model::Severity;
use crate::usage::Usage;

/// A severity and the reason for it, phrased in terms of SDK code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub(crate) severity: Severity,
    pub(crate) reason: &'static str,
}

const fn breaking(reason: &'static str) -> Verdict {
    Verdict {
        severity: Severity::Breaking,
        reason,
    }
}

const fn additive(reason: &'static str) -> Verdict {
    Verdict {
        severity: Severity::Additive,
        reason,
    }
}

const fn patch(reason: &'static str) -> Verdict {
    Verdict {
        severity: Severity::Patch,
        reason,
    }
}

/// A new operation: a new client method.
pub(crate) const OPERATION_ADDED: Verdict = additive("new client method");
/// A removed operation: its client method disappears.
pub(crate) const OPERATION_REMOVED: Verdict = breaking("the client method is removed");
/// Same method and path, new operationId: the client method is renamed.
pub(crate) const OPERATION_RENAMED: Verdict =
    breaking("the client method is renamed; callers must use the new name");
/// Same operationId at another path or method: the method keeps its name and signature.
pub(crate) const OPERATION_MOVED: Verdict =
    patch("the client method keeps its name; the SDK sends the request to the new endpoint");
/// A new parameter; required ones are breaking since every call must now supply them.
pub(crate) fn parameter_added(required: bool, in_path: bool) -> Verdict {
    if in_path {
        breaking("a new positional argument of the client method")
    } else if required {
        breaking("every call must now set the new required parameter")
    } else {
        additive("new optional builder setter")
    }
}
/// A removed parameter: its setter or argument disappears.
pub(crate) const PARAMETER_REMOVED: Verdict =
    breaking("the parameter's setter or argument is removed");
/// A path parameter that only changed its name stays in the same position.
pub(crate) const PATH_PARAMETER_RENAMED: Verdict =
    patch("positional argument: only its name in the docs changes");
/// An optional parameter or body that becomes required.
pub(crate) const INPUT_MADE_REQUIRED: Verdict =
    breaking("calls that do not set it are now rejected");
/// A required parameter or body that becomes optional.
pub(crate) const INPUT_MADE_OPTIONAL: Verdict = additive("callers may now leave it out");

/// A new request body.
pub(crate) fn request_body_added(required: bool) -> Verdict {
    if required {
        breaking("every call must now send a body")
    } else {
        additive("new optional body setter")
    }
}
/// A removed request body.
pub(crate) const REQUEST_BODY_REMOVED: Verdict = breaking("the body setter is removed");
/// A new media type for a body.
pub(crate) const MEDIA_TYPE_ADDED: Verdict = additive("a new content type is accepted");
/// A media type no longer offered.
pub(crate) const MEDIA_TYPE_REMOVED: Verdict = breaking("code relying on this content type breaks");
/// A new status code in an operation's responses.
pub(crate) const RESPONSE_ADDED: Verdict = additive("a new response type");
/// A status code no longer documented.
pub(crate) const RESPONSE_REMOVED: Verdict =
    breaking("the response type for this status is removed");

/// A new component schema: a new Rust type.
pub(crate) const SCHEMA_ADDED: Verdict = additive("new Rust type");
/// A removed component schema: code naming the type breaks.
pub(crate) const SCHEMA_REMOVED: Verdict = breaking("the Rust type is removed");
/// A component schema under a new name: code naming the type breaks.
pub(crate) const SCHEMA_RENAMED: Verdict =
    breaking("the Rust type is renamed; code naming it must use the new name");
/// The Rust type of a field, parameter, body or item changed.
pub(crate) const RETYPED: Verdict = breaking("the generated Rust type changed");

/// A new property. A required, non-nullable one is a non-`Option` field that every caller
/// building the type must now fill in; in a type that is only received it is just more data.
pub(crate) fn property_added(non_option: bool, usage: Usage) -> Verdict {
    if non_option && usage.request {
        breaking("new required field: every caller building this type must set it")
    } else {
        additive("new struct field")
    }
}
/// A removed property: code reading or setting the field breaks.
pub(crate) const PROPERTY_REMOVED: Verdict = breaking("the struct field is removed");

/// A change to `required` or `nullable` of a property. `option_changed` says whether the field
/// moved between `T` and `Option<T>`; `made_required_in_request` covers a nullable field that
/// stays `Option<T>` but must now be sent.
pub(crate) fn optionality_changed(option_changed: bool, made_required_in_request: bool) -> Verdict {
    if option_changed {
        breaking("the field changes between `T` and `Option<T>`")
    } else if made_required_in_request {
        breaking("callers must now send the field")
    } else {
        patch("the field stays `Option<T>`")
    }
}
/// A nullability change on something other than a property (an item, a body, a parameter).
pub(crate) const NULLABILITY_CHANGED: Verdict =
    breaking("the generated type gains or loses an `Option`");

/// A new string enum value.
pub(crate) const ENUM_VALUE_ADDED: Verdict =
    additive("new enum variant; the `Unknown` variant absorbed it before");
/// A removed enum value.
pub(crate) const ENUM_VALUE_REMOVED: Verdict = breaking("code naming the enum variant breaks");
/// A new member of a `oneOf` or `anyOf`: a new variant of an enum without `Unknown`, which
/// breaks exhaustive matches of anything callers receive.
pub(crate) fn variant_added(usage: Usage) -> Verdict {
    if usage.response {
        breaking("new enum variant: matches on received values must handle it")
    } else {
        additive("new enum variant to send")
    }
}
/// A new member of a discriminated `oneOf`/`anyOf`: its enum is `#[non_exhaustive]` with an
/// `Unknown` variant that received this tag before.
pub(crate) const TAGGED_VARIANT_ADDED: Verdict =
    additive("new enum variant; the `Unknown` variant absorbed its tag before");
/// A removed member of a `oneOf`, `anyOf` or `allOf`.
pub(crate) const VARIANT_REMOVED: Verdict = breaking("the enum variant or its fields are removed");
/// A new member of an `allOf`: more flattened fields.
pub(crate) fn all_of_part_added(usage: Usage) -> Verdict {
    if usage.request {
        breaking("the struct gains fields from a new `allOf` part that callers must fill in")
    } else {
        additive("the struct gains fields from a new `allOf` part")
    }
}
/// A `discriminator` whose mapping only gains tags: every old tag decodes as before, and the
/// enum is `#[non_exhaustive]`.
pub(crate) const DISCRIMINATOR_EXTENDED: Verdict =
    additive("new tags for new variants; every old tag decodes as before");
/// A changed `discriminator`: the enum is (de)serialised differently.
pub(crate) const DISCRIMINATOR_CHANGED: Verdict =
    breaking("the enum's tag changes, so its serde representation changes");
/// A validation keyword changed; signatures stay the same.
pub(crate) const CONSTRAINT_CHANGED: Verdict = patch("validation only; the Rust type is unchanged");
/// A summary or description changed.
pub(crate) const DOC_CHANGED: Verdict = patch("doc comments only");
/// The element became deprecated or stopped being deprecated.
pub(crate) const DEPRECATION_CHANGED: Verdict = patch("a deprecation attribute; warnings only");

/// A new security scheme.
pub(crate) const SECURITY_SCHEME_ADDED: Verdict = additive("a new way to authenticate the client");
/// A removed security scheme.
pub(crate) const SECURITY_SCHEME_REMOVED: Verdict =
    breaking("clients configured with this scheme no longer authenticate");
/// A security scheme under a new name that clients satisfy the same way: no generated code
/// names a scheme, and requirements are compared through the rename.
pub(crate) const SECURITY_SCHEME_RENAMED: Verdict =
    patch("clients authenticate exactly as before; only the scheme's name in the document changed");
/// A security scheme whose type, location or parameter name changed.
pub(crate) const SECURITY_SCHEME_CHANGED: Verdict =
    breaking("clients must be configured differently to authenticate");
/// A new alternative in a security requirement. When there was no requirement before,
/// authentication becomes mandatory.
pub(crate) fn security_requirement_added(had_requirements: bool) -> Verdict {
    if had_requirements {
        additive("one more accepted way to authenticate")
    } else {
        breaking("requests must now be authenticated")
    }
}
/// A removed alternative in a security requirement.
pub(crate) const SECURITY_REQUIREMENT_REMOVED: Verdict =
    breaking("clients authenticating this way are rejected");

/// A new server.
pub(crate) const SERVER_ADDED: Verdict = additive("a new server to point the client at");
/// A removed server.
pub(crate) const SERVER_REMOVED: Verdict = breaking("clients pointed at this server stop working");
/// A server whose URL or variables changed.
pub(crate) const SERVER_CHANGED: Verdict =
    patch("no code change; the SDK's base URL for this server changes");

/// A new webhook event.
pub(crate) const WEBHOOK_ADDED: Verdict = additive("a new webhook event to handle");
/// A webhook event no longer sent.
pub(crate) const WEBHOOK_REMOVED: Verdict = breaking("the webhook payload type is removed");
