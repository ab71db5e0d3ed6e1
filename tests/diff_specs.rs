//! The diff between each pair of consecutive XCover versions in `spec/`: a snapshot of each
//! report, so that a change to a spec or to `xcover-diff` shows up as a reviewable diff, and
//! assertions on the changes each release is known for.

mod support {
    pub mod per_version;
    pub mod repo;
    pub mod specs;
}

use support::per_version::PerVersion;
use support::repo::read;
use support::specs::{spec_path, VERSIONS};
use xcover_diff::{Bump, Change, ChangeKind, Element, Mode, Report, Scope, Spec};

/// The document of `version`, loaded and checked once for all the tests, with `partner_id`
/// bound to the client as `xcover-generated` binds it.
fn load(version: &str) -> &'static Spec {
    static DOCUMENTS: PerVersion<Spec> = PerVersion::new();
    DOCUMENTS.get(version, || {
        let settings = xcover_codegen::Settings {
            client_params: vec!["partner_id".to_owned()],
            ..Default::default()
        };
        let path = spec_path(version);
        Spec::read(&path, &settings).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    })
}

fn diff(old: &str, new: &str) -> Report {
    xcover_diff::diff(load(old), load(new), None)
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
        let report = diff(version, version);
        assert!(report.is_empty(), "{version}:\n{}", report.to_markdown());
    }
}

#[test]
fn spec_diffs_are_antisymmetric_and_point_into_their_documents() {
    for pair in VERSIONS.windows(2) {
        let forward = diff(pair[0], pair[1]);
        let backward = diff(pair[1], pair[0]);
        let mut expected: Vec<_> = forward
            .changes
            .iter()
            .map(|c| (c.kind.inverse(), c.element, &c.new_pointer, &c.old_pointer))
            .collect();
        let mut actual: Vec<_> = backward
            .changes
            .iter()
            .map(|c| (c.kind, c.element, &c.old_pointer, &c.new_pointer))
            .collect();
        expected.sort();
        actual.sort();
        assert_eq!(expected, actual, "{} ↔ {}", pair[0], pair[1]);

        let json = |version: &str| -> serde_json::Value {
            serde_yaml::from_str(&read(&spec_path(version))).unwrap()
        };
        let (old_json, new_json) = (json(pair[0]), json(pair[1]));
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

/// The changes of a report to a type, by its name in NEW.
fn of_type<'r>(report: &'r Report, name: &str) -> Vec<&'r Change> {
    report
        .changes
        .iter()
        .filter(|c| matches!(&c.scope, Scope::Type { name: n } if n == name))
        .collect()
}

#[test]
fn currency_rename_in_2_152_1_renames_the_sdk_type() {
    let report = diff("2.138.1", "2.152.1");
    let renamed: Vec<&Change> = of_type(&report, "CurrencyEnum")
        .into_iter()
        .filter(|c| c.kind == ChangeKind::Renamed)
        .collect();
    assert_eq!(renamed.len(), 1, "{}", report.to_markdown());
    assert_eq!(renamed[0].old.as_deref(), Some("Currency"));
    assert_eq!(report.bump, Bump::Major);
}

#[test]
fn partner_id_pattern_in_2_152_1_compiles_but_breaks_the_deployed_sdk() {
    let report = diff("2.138.1", "2.152.1");
    let patterns: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::ConstraintTightened)
        .collect();
    assert_eq!(patterns.len(), load("2.152.1").ir().operations.len());
    for change in patterns {
        assert_eq!(change.new.as_deref(), Some("^[A-Z0-9]+$"));
        assert!(change.deployed.breaks);
        assert_eq!(
            change.rebuild_in(Mode::InCrate).severity,
            xcover_diff::Severity::Patch
        );
    }
    assert!(report.breaks_deployed());
}

#[test]
fn required_bodies_in_2_138_1_become_arguments() {
    let report = diff("2.107.2", "2.138.1");
    let made_required: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::MadeRequired && c.element == Element::Argument)
        .collect();
    assert!(
        made_required
            .iter()
            .any(|c| c.location == "argument `body`"),
        "{}",
        report.to_markdown()
    );
    assert!(made_required.iter().all(|c| c.deployed.breaks));
    assert_eq!(report.bump, Bump::Major);
}
