//! The rules: what each kind of change does to partner code, in one table that reads in one
//! sitting. Every change gets three verdicts:
//!
//! - *rebuild, as a dependency*: does code written against the old `xcover-generated` compile
//!   against the regenerated one? Every generated struct and enum is `#[non_exhaustive]`, and
//!   structs are built with `Type::new(required…)` and setters, so new fields and variants
//!   break nothing. This decides the SDK's semver bump.
//! - *rebuild, in the partner's crate* (`build.rs`): `#[non_exhaustive]` protects nothing
//!   there, so struct literals, field-listing patterns and exhaustive matches break on every
//!   new field or variant. Stated only where it differs.
//! - *deployed*: does the old SDK, already running, keep working against the new API? Its
//!   requests may be rejected (a removed endpoint, a new required input, a tightened
//!   constraint, a removed value it may send, newly required security), or NEW's responses
//!   may not decode into its types (a field it requires may be missing or `null`, a value of
//!   another type, a union member it does not know).

use crate::model::{Deployed, Severity};

/// The three verdicts of one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdicts {
    pub(crate) rebuild: (Severity, &'static str),
    pub(crate) in_crate: Option<(Severity, &'static str)>,
    pub(crate) deployed: (bool, &'static str),
}

const UNAFFECTED: &str = "what the old SDK sends and decodes is unchanged";

const fn rebuild(severity: Severity, reason: &'static str) -> Verdicts {
    Verdicts {
        rebuild: (severity, reason),
        in_crate: None,
        deployed: (false, UNAFFECTED),
    }
}

const fn breaking(reason: &'static str) -> Verdicts {
    rebuild(Severity::Breaking, reason)
}

const fn additive(reason: &'static str) -> Verdicts {
    rebuild(Severity::Additive, reason)
}

const fn patch(reason: &'static str) -> Verdicts {
    rebuild(Severity::Patch, reason)
}

impl Verdicts {
    /// The same, with the in-crate verdict where it differs.
    const fn in_crate(mut self, severity: Severity, reason: &'static str) -> Verdicts {
        self.in_crate = Some((severity, reason));
        self
    }

    /// The same, with a deployed verdict.
    const fn deployed(mut self, breaks: bool, reason: &'static str) -> Verdicts {
        self.deployed = (breaks, reason);
        self
    }

    /// The same, with a deployed verdict that holds only `when`.
    const fn deployed_breaks_if(self, when: bool, reason: &'static str) -> Verdicts {
        if when {
            self.deployed(true, reason)
        } else {
            self
        }
    }
}

/// A struct literal, a field-listing pattern or an exhaustive match in the partner's crate.
const IN_CRATE_FIELD: &str = "struct literals and patterns that list every field must name it";
const IN_CRATE_VARIANT: &str = "exhaustive matches without `_` must handle it";

// Client methods.

/// A new operation.
pub(crate) const METHOD_ADDED: Verdicts = additive("new client method");
/// A removed operation.
pub(crate) const METHOD_REMOVED: Verdicts = breaking("the client method is removed")
    .deployed(true, "the old SDK calls an endpoint the API no longer has");
/// Same endpoint, new Rust name (a new operationId, or a renamed path parameter of an
/// operation named from its path).
pub(crate) const METHOD_RENAMED: Verdicts =
    breaking("the client method and its request builder are renamed");
/// Same method, another endpoint.
pub(crate) const METHOD_MOVED: Verdicts = patch(
    "the client method keeps its name and signature; the regenerated SDK calls the new endpoint",
)
.deployed(true, "the old SDK calls the old endpoint");
/// Paging methods (`pages()`, `items()`) appear or disappear.
pub(crate) fn paging(added: bool) -> Verdicts {
    if added {
        additive("the request builder gains `pages()` and `items()`")
    } else {
        breaking("the request builder loses `pages()` and `items()`")
    }
}

/// A new input of a client method: an argument breaks every call, a setter none. A required
/// one is never sent by the old SDK.
pub(crate) fn input_added(argument: bool, required_on_wire: bool) -> Verdicts {
    let verdicts = if argument {
        breaking("a new argument of the client method: every call must pass it")
    } else {
        additive("a new setter on the request builder")
    };
    verdicts.deployed_breaks_if(
        required_on_wire,
        "the old SDK never sends this required input",
    )
}
/// A removed input.
pub(crate) fn input_removed(argument: bool) -> Verdicts {
    if argument {
        breaking("the client method loses an argument")
    } else {
        breaking("the request builder loses the setter")
    }
    .deployed(
        false,
        "the old SDK may still send it; the API ignores an unknown parameter",
    )
}
/// An input that moved from a setter to an argument.
pub(crate) const INPUT_MADE_REQUIRED: Verdicts =
    breaking("the setter becomes an argument of the client method").deployed(
        true,
        "the API now requires what the old SDK sends only when set",
    );
/// An input that moved from an argument to a setter.
pub(crate) const INPUT_MADE_OPTIONAL: Verdicts =
    breaking("the argument becomes a setter on the request builder");
/// An input whose Rust name changed.
pub(crate) const INPUT_RENAMED: Verdicts = breaking("the setter is renamed");
/// A path parameter renamed without changing the method: positional, so only its doc name.
pub(crate) const ARGUMENT_RENAMED: Verdicts =
    patch("a positional argument: only its name in the documentation changes");
/// An input of another Rust type; `wire_compatible`: NEW accepts every value OLD sends.
pub(crate) fn input_retyped(wire_compatible: bool) -> Verdicts {
    breaking("the argument or setter takes another type").deployed_breaks_if(
        !wire_compatible,
        "the API may reject values of the old type that the old SDK sends",
    )
}
/// A success or error type of another Rust type; `decodes`: the old type decodes every NEW
/// value.
pub(crate) fn outcome_retyped(success: bool, decodes: bool) -> Verdicts {
    let verdicts = if success {
        breaking("the client method returns another type on success")
    } else {
        breaking("the client method's documented error is another type")
    };
    verdicts.deployed_breaks_if(
        success && !decodes,
        "the old SDK can't decode every response the API now sends",
    )
}
/// A new success status: the old SDK reads it as an unexpected status.
pub(crate) fn status_added(success: bool) -> Verdicts {
    patch("handled inside `send()`; the outcome types say what it gives").deployed_breaks_if(
        success,
        "the old SDK treats the new success status as an error",
    )
}
/// A status no longer documented.
pub(crate) const STATUS_REMOVED: Verdicts =
    patch("handled inside `send()`; the outcome types say what it gives");

// Types.

/// A new generated type.
pub(crate) const TYPE_ADDED: Verdicts = additive("new Rust type");
/// A removed generated type.
pub(crate) const TYPE_REMOVED: Verdicts = breaking("the Rust type is removed");
/// The same schema under another Rust name.
pub(crate) const TYPE_RENAMED: Verdicts =
    breaking("the Rust type is renamed; code naming it must use the new name");
/// A type that is now another kind of type (a struct that became an enum, an alias that
/// became a struct of its own). `compatible`: its values still travel both ways.
pub(crate) fn type_rekinded(compatible: bool) -> Verdicts {
    breaking("the Rust type is now another kind of type").deployed_breaks_if(
        !compatible,
        "values of the new shape don't decode or validate as the old one",
    )
}
/// The target of an alias or newtype changed.
pub(crate) fn target_retyped(compatible: bool) -> Verdicts {
    breaking("the alias names another type").deployed_breaks_if(
        !compatible,
        "values of the new type don't decode or validate as the old one",
    )
}

/// A new struct field: a constructor argument when the API requires it, else a setter.
/// `sent_required`: callers send the type and NEW requires the field.
pub(crate) fn field_added(constructor_argument: bool, sent_required: bool) -> Verdicts {
    let verdicts = if constructor_argument {
        breaking("a new required field: the constructor takes one more argument")
    } else {
        additive("a new field with its setter; the type is `#[non_exhaustive]`")
            .in_crate(Severity::Breaking, IN_CRATE_FIELD)
    };
    verdicts.deployed_breaks_if(sent_required, "the old SDK never sends the required field")
}
/// A removed struct field. `decodes`: the old type still decodes NEW's values without it.
/// `accepted`: NEW still accepts the field when the old SDK sends it.
pub(crate) fn field_removed(decodes: bool, accepted: bool) -> Verdicts {
    breaking("the struct field and its setter are removed").deployed_breaks_if(
        !(decodes && accepted),
        if decodes {
            "the old SDK sends a field the API now refuses"
        } else {
            "the old SDK requires a field the API no longer sends"
        },
    )
}
/// A struct field of another Rust type (`T` ↔ `Option<T>` included). `decodes`: the old type
/// takes every value NEW sends; `accepted`: NEW takes every value the old SDK sends.
pub(crate) fn field_retyped(decodes: bool, accepted: bool) -> Verdicts {
    let verdicts = breaking("the struct field has another type");
    match (decodes, accepted) {
        (true, true) => verdicts,
        (false, _) => verdicts.deployed(
            true,
            "the old SDK can't decode every value the API now sends",
        ),
        (true, false) => verdicts.deployed(true, "the API may refuse values the old SDK sends"),
    }
}
/// A field that moved between the constructor's arguments and the setters.
pub(crate) fn field_construction_changed(now_argument: bool, sent_required: bool) -> Verdicts {
    if now_argument {
        breaking("the field becomes a constructor argument").deployed_breaks_if(
            sent_required,
            "the API now requires the field, which the old SDK sends only when set",
        )
    } else {
        breaking("the field is no longer a constructor argument but a setter")
    }
}
/// A field that keeps its Rust type and its place among the constructor's arguments or the
/// setters, but may now be absent or `null` where the other side requires it.
pub(crate) const FIELD_PRESENCE_CHANGED: Verdicts = patch(
    "the field keeps its type and its place in the constructor or the setters",
)
.deployed(
    true,
    "the old SDK may leave out a field the API now requires, or require one the API may leave out",
);
/// A renamed struct field (same JSON name).
pub(crate) const FIELD_RENAMED: Verdicts = breaking("the struct field and its setter are renamed");

/// A new variant: of a string enum, a union or a response enum. `decodes`: the old type
/// decoded its values already (an `Unknown` variant kept them).
pub(crate) fn variant_added(decodes: bool) -> Verdicts {
    additive("a new variant; the enum is `#[non_exhaustive]`")
        .in_crate(Severity::Breaking, IN_CRATE_VARIANT)
        .deployed_breaks_if(
            !decodes,
            "the old SDK can't decode values of the new variant it may now receive",
        )
}
/// A removed variant. `sent`: the old SDK may send it.
pub(crate) fn variant_removed(sent: bool) -> Verdicts {
    breaking("code naming the variant breaks").deployed_breaks_if(
        sent,
        "the old SDK may send a value the API no longer accepts",
    )
}
/// A variant of another type.
pub(crate) fn variant_retyped(compatible: bool) -> Verdicts {
    breaking("the variant holds another type").deployed_breaks_if(
        !compatible,
        "values of the variant's new type don't decode or validate as the old one",
    )
}
/// A union no longer converts `From` a variant's type: another variant now holds it too.
pub(crate) const CONVERSION_REMOVED: Verdicts = breaking(
    "the union no longer implements `From` the variant's type, which another variant now holds too",
);
/// A union now converts `From` a variant's type: no other variant holds it any more.
pub(crate) const CONVERSION_ADDED: Verdicts =
    additive("the union implements `From` the variant's type, which no other variant holds now");
/// A renamed variant (same value on the wire).
pub(crate) const VARIANT_RENAMED: Verdicts = breaking("the variant is renamed");
/// A union chooses its variant by other tags.
pub(crate) const TAGS_CHANGED: Verdicts = patch("the variants keep their names and types")
    .deployed(
        true,
        "the old SDK tags or reads variants as the API no longer does",
    );

/// The deployed verdict of any change to a type no request, response or webhook carries.
pub(crate) fn not_carried() -> Deployed {
    Deployed {
        breaks: false,
        reason: "no request, response or webhook carries the type".to_owned(),
    }
}

// What the IR does not hold.

/// A doc comment's text changed.
pub(crate) const DOC_CHANGED: Verdicts = patch("doc comments only");
/// Deprecation added or removed.
pub(crate) const DEPRECATION_CHANGED: Verdicts = patch("a deprecation note; warnings only");
/// A validation keyword of something callers send; `tightened`: it refuses more.
pub(crate) fn constraint_changed(tightened: bool) -> Verdicts {
    patch("validation only; the Rust type is unchanged")
        .deployed_breaks_if(tightened, "values the old SDK may send are now refused")
}
/// A validation keyword of something callers only receive: the SDK doesn't validate.
pub(crate) const RECEIVED_CONSTRAINT_CHANGED: Verdicts =
    patch("validation of what the API sends; the SDK doesn't check it");

// Credentials and security.

/// A new `ClientBuilder` credential setting.
pub(crate) const CREDENTIAL_ADDED: Verdicts =
    additive("a new credential setting on `ClientBuilder`");
/// A removed credential setting.
pub(crate) const CREDENTIAL_REMOVED: Verdicts =
    breaking("the `ClientBuilder` credential setting is removed");
/// A credential setting under another name, sent the same way.
pub(crate) const CREDENTIAL_RENAMED: Verdicts =
    breaking("the `ClientBuilder` credential setting is renamed");
/// A credential sent another way whose setter takes the same arguments. `in_use`: an
/// operation of NEW requires the scheme.
pub(crate) fn credential_moved(in_use: bool) -> Verdicts {
    patch("the setter keeps its name and arguments; the regenerated SDK sends the credential the new way")
        .deployed_breaks_if(in_use, "the old SDK sends the credential where the API no longer reads it")
}
/// A credential setting whose arguments changed (an API key that became basic credentials).
pub(crate) const CREDENTIAL_RETYPED: Verdicts =
    breaking("the `ClientBuilder` credential setting takes other arguments").deployed(
        true,
        "the old SDK sends a credential the API no longer reads",
    );
/// A new alternative in a security requirement: one more way to authenticate.
pub(crate) const REQUIREMENT_ADDED: Verdicts = patch("no generated code names a requirement");
/// A removed alternative (`anonymous` when requests needed none). `rejects`: what it asked
/// for satisfies no alternative left, and an operation follows the requirement.
pub(crate) fn requirement_removed(rejects: bool) -> Verdicts {
    patch("no generated code names a requirement").deployed_breaks_if(
        rejects,
        "requests authenticated only this way are now rejected",
    )
}

// Servers.

/// A server added, removed or changed: the caller gives the client its base URL.
pub(crate) const SERVER_CHANGED: Verdicts =
    patch("no code change; the caller passes the base URL to `Client::new`");
