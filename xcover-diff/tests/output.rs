//! What the CLI prints and how it exits: the changelog and JSON forms (each case's Markdown
//! report is its `report.md`, which `witnesses.rs` checks).

mod support {
    pub mod corpus;
    pub mod named;
}

use support::corpus::spec;
use support::named::{forward, pair};
use xcover_diff::{run, Bump, FailOn, Format, Mode, Options, Report};

#[test]
fn markdown_of_no_changes_says_so() {
    let report = forward("header_name_case");
    assert_eq!(
        report.to_markdown(),
        "# Test 1.0.0 → 1.1.0\n\nNo changes.\n"
    );
}

#[test]
fn changelog_entry_lists_changes_by_severity() {
    insta::assert_snapshot!(
        "changelog_one_of_variant_added",
        forward("one_of_variant_added").to_changelog_entry("0.2.0")
    );
}

#[test]
fn json_round_trips() {
    let report = forward("schema_renamed_and_changed");
    let json = report.to_json();
    insta::assert_snapshot!("json_schema_renamed_and_changed", json);
    let parsed: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed, report);
}

#[test]
fn bump_follows_the_most_severe_change_in_each_mode() {
    let renamed = forward("operation_renamed");
    assert_eq!(renamed.bump, Bump::Major);
    assert!(renamed.breaks_rebuild(Mode::Dependency));
    let optional_field = forward("property_added_optional");
    assert_eq!(optional_field.bump_in(Mode::Dependency), Bump::Minor);
    assert_eq!(optional_field.bump_in(Mode::InCrate), Bump::Major);
    assert_eq!(forward("summary_changed").bump, Bump::Patch);
    assert_eq!(forward("header_name_case").bump, Bump::Patch);
}

#[test]
fn next_version_is_printed_when_the_current_one_is_given() {
    let case = pair("operation_renamed");
    let (old, new) = (spec(&case.old), spec(&case.new));
    let report = xcover_diff::diff(&old, &new, Some("0.1.0"));
    assert_eq!(report.next_sdk_version.as_deref(), Some("0.2.0"));
    assert!(report
        .to_markdown()
        .contains("SDK version: **0.1.0 → 0.2.0 (major)**."));
}

#[test]
fn fail_on_chooses_the_verdict_that_exits_1() {
    let exit_code = |name: &str, fail_on: Option<FailOn>, mode: Mode| {
        let case = pair(name);
        let (old, new) = (spec(&case.old), spec(&case.new));
        let options = Options {
            fail_on,
            mode,
            ..Options::default()
        };
        run(&old, &new, &options).code
    };
    let dependency = Mode::Dependency;
    assert_eq!(
        exit_code("operation_renamed", Some(FailOn::Rebuild), dependency),
        1
    );
    assert_eq!(exit_code("operation_renamed", None, dependency), 0);
    // A renamed method: the old SDK still calls the same endpoint.
    assert_eq!(
        exit_code("operation_renamed", Some(FailOn::Deployed), dependency),
        0
    );
    assert_eq!(
        exit_code("operation_renamed", Some(FailOn::Any), dependency),
        1
    );
    // A new optional field breaks struct literals only in the partner's crate.
    assert_eq!(
        exit_code("property_added_optional", Some(FailOn::Rebuild), dependency),
        0
    );
    assert_eq!(
        exit_code(
            "property_added_optional",
            Some(FailOn::Rebuild),
            Mode::InCrate
        ),
        1
    );
    // A new required parameter: the old SDK never sends it.
    assert_eq!(
        exit_code(
            "query_parameter_added_required",
            Some(FailOn::Deployed),
            dependency
        ),
        1
    );
    assert_eq!(
        exit_code("header_name_case", Some(FailOn::Any), Mode::InCrate),
        0
    );
}

#[test]
fn run_renders_the_requested_format() {
    let case = pair("operation_added");
    let (old, new) = (spec(&case.old), spec(&case.new));
    let with = |format| Options {
        format,
        ..Options::default()
    };
    let markdown = run(&old, &new, &with(Format::Markdown));
    assert_eq!(markdown.output, markdown.report.to_markdown());
    let json = run(&old, &new, &with(Format::Json));
    assert_eq!(json.output, format!("{}\n", json.report.to_json()));
    let changelog = run(&old, &new, &with(Format::Changelog));
    assert!(changelog.output.starts_with("## Unreleased\n"));
}

#[test]
fn format_parses_cli_values() {
    assert_eq!("markdown".parse::<Format>().unwrap(), Format::Markdown);
    assert_eq!("json".parse::<Format>().unwrap(), Format::Json);
    let error = "yaml".parse::<Format>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "unknown format `yaml`: expected `markdown`, `json` or `changelog`"
    );
    assert_eq!("changelog".parse::<Format>().unwrap(), Format::Changelog);
}
