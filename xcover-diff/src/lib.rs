//! What changed between two versions of an OpenAPI document, judged by what it does to code
//! that uses the Rust SDK generated from them.
//!
//! ```text
//! xcover-codegen diff OLD NEW [--format markdown|json|changelog] [--fail-on rebuild|deployed|any]
//!                             [--mode dependency|in-crate] [--sdk-version X.Y.Z] [--client-param NAME]
//! ```
//!
//! Both documents are loaded and checked as `generate` does it (a bad one is refused with the
//! JSON pointer of the bad node, its line and column), and the generator's IR is built for
//! each: every Rust name and type in a report is the one the SDK has, because it comes from
//! the generator itself. Each [`Change`] gets three verdicts, all decided in one table
//! (`rules.rs`): whether code written against the old SDK still compiles against the
//! regenerated one, as a dependency ([`Change::rebuild`]) and when generated into the
//! partner's crate by `build.rs` ([`Change::in_crate`], where it differs), and whether the old
//! SDK, already deployed, keeps working against the new API ([`Change::deployed`]).
//! `tests/cases/RESULTS.md` holds what the compiler and a running old SDK say of each case.
//!
//! ```
//! use xcover_diff::{Format, Options, Spec};
//! let text = "openapi: 3.0.3\ninfo: {title: XCover, version: 2.152.1}\npaths: {}\n";
//! let settings = xcover_codegen::Settings::default();
//! let (old, new) = (Spec::parse(text, &settings)?, Spec::parse(text, &settings)?);
//! let outcome = xcover_diff::run(&old, &new, &Options::default());
//! assert_eq!(outcome.output, "# XCover 2.152.1 → 2.152.1\n\nNo changes.\n");
//! assert_eq!(outcome.code, 0);
//! # Ok::<(), xcover_diff::InputError>(())
//! ```
//!
//! The layers, each using only those above it: the vocabulary (`model`, `pointer`,
//! `pairing`), the inputs (`spec`, `json`, `renames`), the rules (`rules`, `record`), what is
//! the same thing in both documents (`pairs`, `compat`), the comparisons (`surface` for what
//! the IR holds, `wire` for what only the JSON does), and the report (`report`, `render`).

mod compat;
mod json;
mod model;
mod pairing;
mod pairs;
mod pointer;
mod record;
mod renames;
mod render;
mod report;
mod rules;
mod semver;
mod spec;
mod surface;
mod wire;

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

pub use model::{Change, ChangeKind, Deployed, Element, Mode, Rebuild, Scope, Severity};
pub use report::Report;
pub use semver::Bump;
pub use spec::{InputError, Spec};

/// Compares OLD with NEW; `sdk_version`, the SDK's current version, gives the next one.
pub fn diff(old: &Spec, new: &Spec, sdk_version: Option<&str>) -> Report {
    let context = pairs::Context::new(old, new);
    let mut changes = Vec::new();
    surface::operations::compare(&context, &mut changes);
    surface::types::compare(&context, &mut changes);
    surface::credentials::compare(&context, &mut changes);
    wire::constraints::compare(&context, &mut changes);
    wire::deprecation::compare(&context, &mut changes);
    wire::security::compare(&context, &mut changes);
    wire::servers::compare(&context, &mut changes);
    for change in &mut changes {
        change.old_pointer = change.old_pointer.as_deref().map(|p| old.as_written(p));
        change.new_pointer = change.new_pointer.as_deref().map(|p| new.as_written(p));
        change.fingerprint = fingerprint(change);
    }
    Report::new(
        new.title().to_owned(),
        (old.version().to_owned(), new.version().to_owned()),
        changes,
        sdk_version,
    )
}

/// The first 12 hex digits of a SHA-256 of what identifies a change: its kind, element,
/// scope, location and pointers, none of which a re-run changes. (A shared parameter that
/// changes once is one change per client method it reaches, each with its own fingerprint.)
fn fingerprint(change: &Change) -> String {
    let identity = format!(
        "{:?}|{:?}|{:?}|{}|{}|{}",
        change.kind,
        change.element,
        change.scope,
        change.location,
        change.old_pointer.as_deref().unwrap_or(""),
        change.new_pointer.as_deref().unwrap_or("")
    );
    Sha256::digest(identity.as_bytes())
        .iter()
        .take(6)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Output format of [`run`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// A readable report ([`Report::to_markdown`]).
    #[default]
    Markdown,
    /// The report as JSON ([`Report::to_json`]).
    Json,
    /// An `## Unreleased` entry for `xcover-generated/CHANGELOG.md`
    /// ([`Report::to_changelog_entry`]): named after the next version when it is known.
    Changelog,
}

/// Which verdict makes [`run`] exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Code written against the old SDK may not compile against the regenerated one (in the
    /// generation mode of [`Options::mode`]).
    Rebuild,
    /// The old SDK, already deployed, may stop working against the new API.
    Deployed,
    /// Either.
    Any,
}

/// What [`run`] does besides comparing.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How the report is written.
    pub format: Format,
    /// The verdict that makes the exit code 1, if any.
    pub fail_on: Option<FailOn>,
    /// The generation mode `--fail-on rebuild` judges.
    pub mode: Mode,
    /// The SDK's current version, to print the next one.
    pub sdk_version: Option<String>,
}

/// What `xcover-codegen diff` prints and how it exits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The report in the requested format, ending in a newline.
    pub output: String,
    /// 1 when the verdict of `--fail-on` says it breaks, else 0.
    pub code: u8,
    /// The report itself.
    pub report: Report,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(&self) -> std::process::ExitCode {
        std::process::ExitCode::from(self.code)
    }
}

/// Everything `xcover-codegen diff` does once the documents are loaded: compare, render, and
/// decide the exit code.
pub fn run(old: &Spec, new: &Spec, options: &Options) -> Outcome {
    let report = diff(old, new, options.sdk_version.as_deref());
    let mut output = match options.format {
        Format::Markdown => report.to_markdown(),
        Format::Json => report.to_json(),
        Format::Changelog => {
            report.to_changelog_entry(report.next_sdk_version.as_deref().unwrap_or("Unreleased"))
        }
    };
    if !output.ends_with('\n') {
        output.push('\n');
    }
    let rebuild = report.breaks_rebuild(options.mode);
    let deployed = report.breaks_deployed();
    let fails = match options.fail_on {
        None => false,
        Some(FailOn::Rebuild) => rebuild,
        Some(FailOn::Deployed) => deployed,
        Some(FailOn::Any) => rebuild || deployed,
    };
    Outcome {
        output,
        code: u8::from(fails),
        report,
    }
}

/// A command-line value that names none of the choices.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown {what} `{value}`: expected {expected}")]
pub struct UnknownChoice {
    what: &'static str,
    value: String,
    expected: &'static str,
}

/// `FromStr` and `Display` for a command-line choice, from one table of names.
macro_rules! choice {
    ($type:ty, $what:literal, $expected:literal, { $($name:literal => $value:expr),* $(,)? }) => {
        impl FromStr for $type {
            type Err = UnknownChoice;

            fn from_str(name: &str) -> Result<$type, UnknownChoice> {
                match name {
                    $($name => Ok($value),)*
                    other => Err(UnknownChoice { what: $what, value: other.to_owned(), expected: $expected }),
                }
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                $(if *self == $value { return f.write_str($name); })*
                unreachable!("every value has a name")
            }
        }
    };
}

choice!(Format, "format", "`markdown`, `json` or `changelog`", {
    "markdown" => Format::Markdown,
    "json" => Format::Json,
    "changelog" => Format::Changelog,
});
choice!(FailOn, "verdict", "`rebuild`, `deployed` or `any`", {
    "rebuild" => FailOn::Rebuild,
    "deployed" => FailOn::Deployed,
    "any" => FailOn::Any,
});
choice!(Mode, "generation mode", "`dependency` or `in-crate`", {
    "dependency" => Mode::Dependency,
    "in-crate" => Mode::InCrate,
});
