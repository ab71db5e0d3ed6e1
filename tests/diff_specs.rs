//! The diff between each pair of consecutive XCover versions in `spec/`: a snapshot of each
//! report, so that a change to a spec or to `xcover-diff` shows up as a reviewable diff, and
//! assertions on the changes each release is known for.

mod support {
    pub mod per_version;
    pub mod repo;
    pub mod specs;
}

use openapiv3::OpenAPI;
use support::per_version::PerVersion;
use support::repo::read;
use support::specs::{spec_path, VERSIONS};
use xcover_diff::{Bump, Change, ChangeKind, Element, Report, Scope, Severity};

/// The document of `version`, loaded once for all the tests.
fn load(version: &str) -> &'static OpenAPI {
    static DOCUMENTS: PerVersion<OpenAPI> = PerVersion::new();
    DOCUMENTS.get(version, || {
        let path = spec_path(version);
        xcover_diff::load_str(&read(&path))
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    })
}

fn diff(old: &str, new: &str) -> Report {
    xcover_diff::diff(load(old), load(new))
}

fn operation_id(change: &Change) -> Option<&str> {
    match &change.scope {
        Scope::Operation { operation_id, .. } => operation_id.as_deref(),
        _ => None,
    }
}

#[test]
fn snapshots_of_consecutive_versions() {
    for pair in VERSIONS.windows(2) {
        let report = diff(pair[0], pair[1]);
        let name = format!("diff__{}__{}", pair[0], pair[1]).replace('.', "_");
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, report.to_markdown());
        });
    }
}

#[test]
fn each_version_against_itself_is_empty() {
    for version in VERSIONS {
        let doc = load(version);
        let report = xcover_diff::diff(doc, doc);
        assert!(report.is_empty(), "{version}:\n{}", report.to_markdown());
    }
}

#[test]
fn spec_diffs_are_antisymmetric_and_point_into_their_documents() {
    for pair in VERSIONS.windows(2) {
        let (old, new) = (load(pair[0]), load(pair[1]));
        let forward = xcover_diff::diff(old, new);
        let backward = xcover_diff::diff(new, old);
        let mut expected: Vec<_> = forward
            .changes
            .iter()
            .map(|c| {
                (
                    c.kind.inverse(),
                    c.element,
                    &c.new_pointer,
                    &c.old_pointer,
                    &c.new,
                    &c.old,
                )
            })
            .collect();
        let mut actual: Vec<_> = backward
            .changes
            .iter()
            .map(|c| {
                (
                    c.kind,
                    c.element,
                    &c.old_pointer,
                    &c.new_pointer,
                    &c.old,
                    &c.new,
                )
            })
            .collect();
        expected.sort();
        actual.sort();
        assert_eq!(expected, actual, "{} ↔ {}", pair[0], pair[1]);

        let (old_json, new_json) = (
            serde_json::to_value(old).unwrap(),
            serde_json::to_value(new).unwrap(),
        );
        for change in &forward.changes {
            if let Some(pointer) = &change.old_pointer {
                assert!(
                    old_json.pointer(pointer).is_some(),
                    "{}: {pointer}",
                    pair[0]
                );
            }
            if let Some(pointer) = &change.new_pointer {
                assert!(
                    new_json.pointer(pointer).is_some(),
                    "{}: {pointer}",
                    pair[1]
                );
            }
        }
    }
}

#[test]
fn currency_rename_in_2_152_1_is_one_breaking_rename() {
    let report = diff("2.138.1", "2.152.1");
    let currency: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| {
            [&c.old, &c.new]
                .iter()
                .any(|v| v.as_deref().is_some_and(|v| v.starts_with("Currency")))
        })
        .collect();
    assert_eq!(currency.len(), 1, "{}", report.to_markdown());
    let rename = currency[0];
    assert_eq!(
        (rename.kind, rename.element, rename.severity),
        (ChangeKind::Renamed, Element::Schema, Severity::Breaking)
    );
    assert_eq!(rename.old.as_deref(), Some("Currency"));
    assert_eq!(rename.new.as_deref(), Some("CurrencyEnum"));
    assert_eq!(
        rename.old_pointer.as_deref(),
        Some("/components/schemas/Currency")
    );
    assert_eq!(
        rename.new_pointer.as_deref(),
        Some("/components/schemas/CurrencyEnum")
    );
    // Nothing that refers to the currency is reported as retyped, nor a schema as removed.
    assert!(report.changes.iter().all(|c| c.kind != ChangeKind::Retyped));
    assert!(report.changes.iter().all(|c| c.element != Element::Schema
        || !matches!(c.kind, ChangeKind::Added | ChangeKind::Removed)));
    assert_eq!(report.semver_bump(), Bump::Major);
}

#[test]
fn partner_id_pattern_in_2_152_1_is_reported_in_every_operation_and_printed_once() {
    let report = diff("2.138.1", "2.152.1");
    let patterns: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.location == "`pattern` of path parameter `partner_id`")
        .collect();
    let operations = load("2.152.1").operations().count();
    assert_eq!(patterns.len(), operations);
    for change in &patterns {
        assert_eq!(
            (change.kind, change.severity),
            (ChangeKind::ConstraintChanged, Severity::Patch)
        );
        assert_eq!(change.old, None);
        assert_eq!(change.new.as_deref(), Some("^[A-Z0-9]+$"));
        assert!(change
            .new_pointer
            .as_deref()
            .unwrap()
            .ends_with("/parameters/0/schema/pattern"));
    }
    let markdown = report.to_markdown();
    assert_eq!(
        markdown
            .matches("`pattern` of path parameter `partner_id`")
            .count(),
        1
    );
}

#[test]
fn security_scheme_in_2_152_1_is_renamed() {
    let report = diff("2.138.1", "2.152.1");
    let security: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.scope == Scope::Security)
        .collect();
    assert_eq!(security.len(), 1, "{}", report.to_markdown());
    assert_eq!(
        (security[0].kind, security[0].element),
        (ChangeKind::Renamed, Element::SecurityScheme)
    );
    assert_eq!(security[0].old.as_deref(), Some("HMACSignature"));
    assert_eq!(security[0].new.as_deref(), Some("HMACAuthentication"));
}

#[test]
fn opt_out_summary_in_2_152_1_is_a_doc_change() {
    let report = diff("2.138.1", "2.152.1");
    let summary = report
        .changes
        .iter()
        .find(|c| operation_id(c) == Some("optOut") && c.location == "summary")
        .expect("the opt-out summary change");
    assert_eq!(
        (summary.kind, summary.element, summary.severity),
        (ChangeKind::DocChanged, Element::Operation, Severity::Patch)
    );
    assert_eq!(
        summary.old.as_deref(),
        Some("Report conversion of the main product without ancillary insurance products")
    );
    assert_eq!(
        summary.new.as_deref(),
        Some("Opt out of a specific booking.")
    );
    assert_eq!(
        summary.new_pointer.as_deref(),
        Some("/paths/~1partners~1{partner_id}~1bookings~1{quote_package_id}~1opt_out/post/summary")
    );
}

#[test]
fn extra_fields_and_new_currencies_in_2_107_2_are_additive() {
    let report = diff("2.77.4", "2.107.2");
    let extra_fields = report
        .changes
        .iter()
        .find(|c| c.location == "query parameter `extra_fields`")
        .expect("the extra_fields parameter");
    assert_eq!(
        (
            extra_fields.kind,
            extra_fields.element,
            extra_fields.severity
        ),
        (ChangeKind::Added, Element::Parameter, Severity::Additive)
    );
    assert_eq!(operation_id(extra_fields), Some("createQuote"));
    assert_eq!(extra_fields.new.as_deref(), Some("Option<String>"));

    let currencies: Vec<&str> = report
        .changes
        .iter()
        .filter(|c| c.element == Element::EnumValue)
        .inspect(|c| {
            assert_eq!(
                (c.kind, c.severity),
                (ChangeKind::Added, Severity::Additive)
            );
            assert_eq!(
                c.scope,
                Scope::Schema {
                    name: "Currency".into()
                }
            );
        })
        .filter_map(|c| c.new.as_deref())
        .collect();
    assert_eq!(currencies, ["AFN", "AZN"]);

    assert!(!report.is_breaking(), "{}", report.to_markdown());
    assert_eq!(report.semver_bump(), Bump::Minor);
}

#[test]
fn required_bodies_in_2_138_1_are_breaking() {
    let report = diff("2.107.2", "2.138.1");
    let made_required: Vec<Option<&str>> = report
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::MadeRequired && c.element == Element::RequestBody)
        .map(operation_id)
        .collect();
    assert_eq!(made_required, [Some("optOut"), Some("createQuote")]);
    assert_eq!(report.semver_bump(), Bump::Major);
}
