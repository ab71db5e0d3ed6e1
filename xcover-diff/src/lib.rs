//! Semantic diff of two OpenAPI 3.0 documents, classified by its effect on code that uses the
//! Rust SDK generated from them.
//!
//! ```text
//! xcover-codegen diff OLD NEW [--format markdown|json|changelog] [--fail-on-breaking]
//! ```
//!
//! The CLI loads both files and makes one call:
//!
//! ```
//! # let text = "openapi: 3.0.3\ninfo: {title: XCover, version: 2.152.1}\npaths: {}\n";
//! # let (old, new) = (xcover_diff::load_str(text).unwrap(), xcover_diff::load_str(text).unwrap());
//! # let (format, fail_on_breaking) = (xcover_diff::Format::Markdown, true);
//! let outcome = xcover_diff::run(&old, &new, format, fail_on_breaking);
//! print!("{}", outcome.output);
//! # let _ =
//! outcome.exit_code() // std::process::ExitCode: 1 when breaking and --fail-on-breaking, else 0
//! # ;
//! ```
//!
//! `Format` parses from `markdown`, `json` and `changelog` (an entry for
//! `xcover-generated/CHANGELOG.md`), so clap can take it as the `--format` value.
//! For more control, [`diff`] returns a [`Report`] with [`Report::to_markdown`],
//! [`Report::to_json`], [`Report::semver_bump`] and [`Report::is_breaking`].
//!
//! The walk: detect renamed schemas (`renames`), work out which schemas are sent and which
//! received, then compare operations, webhooks, component schemas, reusable components,
//! security and servers. Each change gets a severity from one table of rules (`classify`).

mod bodies;
mod classify;
mod components;
mod context;
mod document;
mod model;
mod operations;
mod parameters;
mod pointer;
mod renames;
mod render;
mod report;
mod rust_type;
mod schemas;
mod security;
mod semver;
mod servers;
mod usage;
mod webhooks;

use std::fmt;
use std::str::FromStr;

pub use model::{Change, ChangeKind, Element, Scope, Severity};
pub use report::Report;
pub use semver::Bump;

/// Compares OLD with NEW.
pub fn diff(old: &openapiv3::OpenAPI, new: &openapiv3::OpenAPI) -> Report {
    let old = document::Document::new(old);
    let new = document::Document::new(new);
    let mut diff = context::Diff::new(&old, &new);
    operations::diff_operations(&mut diff);
    webhooks::diff_webhooks(&mut diff);
    schemas::diff_component_schemas(&mut diff);
    components::diff_reusable_components(&mut diff);
    security::diff_security(&mut diff);
    servers::diff_servers(&mut diff);
    Report::new(old.version(), new.version(), diff.changes)
}

/// A document that could not be parsed.
#[derive(Debug, thiserror::Error)]
#[error("not an OpenAPI 3.0 document: {0}")]
pub struct LoadError(#[from] serde_yaml::Error);

/// Parses an OpenAPI document from YAML or JSON text. The CLI has its own loader with better
/// error locations; this one is for tests and other callers.
pub fn load_str(text: &str) -> Result<openapiv3::OpenAPI, LoadError> {
    Ok(serde_yaml::from_str(text)?)
}

/// Output format of [`run`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// A readable changelog ([`Report::to_markdown`]).
    #[default]
    Markdown,
    /// The report as JSON ([`Report::to_json`]).
    Json,
    /// An `## Unreleased` entry for `xcover-generated/CHANGELOG.md`
    /// ([`Report::to_changelog_entry`]); rename the heading to the version when releasing.
    Changelog,
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Format, UnknownFormat> {
        match name {
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "changelog" => Ok(Format::Changelog),
            other => Err(UnknownFormat(other.to_owned())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Changelog => "changelog",
        })
    }
}

/// A `--format` value other than `markdown` or `json`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown format `{0}`: expected `markdown`, `json` or `changelog`")]
pub struct UnknownFormat(String);

/// What `xcover-codegen diff` prints and how it exits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The report in the requested format, ending in a newline.
    pub output: String,
    /// 1 when the diff is breaking and the caller asked to fail on that, else 0.
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
pub fn run(
    old: &openapiv3::OpenAPI,
    new: &openapiv3::OpenAPI,
    format: Format,
    fail_on_breaking: bool,
) -> Outcome {
    render(diff(old, new), format, fail_on_breaking)
}

/// A report rendered in `format`, and the exit code: what [`run`] does after comparing, for a
/// caller that rewrites the report's pointers first (into the documents as written, when they
/// were rewritten at load).
pub fn render(report: Report, format: Format, fail_on_breaking: bool) -> Outcome {
    let mut output = match format {
        Format::Markdown => report.to_markdown(),
        Format::Json => report.to_json(),
        Format::Changelog => report.to_changelog_entry("Unreleased"),
    };
    if !output.ends_with('\n') {
        output.push('\n');
    }
    let code = u8::from(fail_on_breaking && report.is_breaking());
    Outcome {
        output,
        code,
        report,
    }
}
