//! What the CLI prints and how it exits.

mod fixtures {
    pub mod cases;
    pub mod named;
}

use fixtures::cases::document;
use fixtures::named::{case, forward};
use xcover_diff::{run, Bump, Format, Report};

#[test]
fn markdown_groups_by_severity_then_scope() {
    insta::assert_snapshot!(
        "markdown_one_of_variant_added",
        forward("one_of_variant_added").to_markdown()
    );
}

#[test]
fn markdown_of_no_changes_says_so() {
    let report = forward("header_name_case");
    assert_eq!(
        report.to_markdown(),
        "# XCover API 1.0.0 → 1.0.0\n\nNo changes.\n"
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
fn bump_follows_the_most_severe_change() {
    assert_eq!(forward("operation_renamed").semver_bump(), Bump::Major);
    assert!(forward("operation_renamed").is_breaking());
    assert_eq!(
        forward("query_parameter_added_optional").semver_bump(),
        Bump::Minor
    );
    assert_eq!(forward("summary_changed").semver_bump(), Bump::Patch);
    assert_eq!(forward("header_name_case").semver_bump(), Bump::Patch);
}

#[test]
fn run_exits_1_only_for_breaking_changes_when_asked() {
    let exit_code = |name: &str, fail_on_breaking: bool| {
        let case = case(name);
        let (old, new) = (document(case.old), document(case.new));
        run(&old, &new, Format::Markdown, fail_on_breaking).code
    };
    assert_eq!(exit_code("operation_renamed", true), 1);
    assert_eq!(exit_code("operation_renamed", false), 0);
    assert_eq!(exit_code("query_parameter_added_optional", true), 0);
    assert_eq!(exit_code("header_name_case", true), 0);
}

#[test]
fn run_renders_the_requested_format() {
    let case = case("operation_added");
    let (old, new) = (document(case.old), document(case.new));
    let markdown = run(&old, &new, Format::Markdown, false);
    assert_eq!(markdown.output, markdown.report.to_markdown());
    let json = run(&old, &new, Format::Json, false);
    assert_eq!(json.output, format!("{}\n", json.report.to_json()));
    let changelog = run(&old, &new, Format::Changelog, false);
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
