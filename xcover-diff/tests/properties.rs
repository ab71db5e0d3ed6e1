//! Properties every diff has, checked over every hand-written case.

mod support {
    pub mod corpus;
}

use std::collections::BTreeSet;

use support::corpus::{pairs, spec};
use xcover_diff::{diff, Change, ChangeKind, Element, Report};

/// A change as seen from the other direction: inverse kind, pointers and values swapped.
type Mirror = (
    ChangeKind,
    Element,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn mirrored(change: &Change) -> Mirror {
    (
        change.kind.inverse(),
        change.element,
        change.new_pointer.clone(),
        change.old_pointer.clone(),
        change.new.clone(),
        change.old.clone(),
    )
}

fn as_is(change: &Change) -> Mirror {
    (
        change.kind,
        change.element,
        change.old_pointer.clone(),
        change.new_pointer.clone(),
        change.old.clone(),
        change.new.clone(),
    )
}

#[test]
fn identical_documents_have_no_changes() {
    for case in pairs() {
        for text in [&case.old, &case.new] {
            let doc = spec(text);
            let report = diff(&doc, &doc, None);
            assert!(
                report.is_empty(),
                "{}:\n{}",
                case.name,
                report.to_markdown()
            );
        }
    }
}

#[test]
fn every_case_but_those_without_effect_reports_something() {
    // A header's name changing case, JSON gaining an alternative media type, a change in a
    // media type the generator does not choose (XML beside JSON; problem+json for JSON), and
    // an optional field becoming nullable (an `Option` either way, and `None` is not sent)
    // change nothing in the generated code and nothing the old SDK sends or decodes.
    let without_effect = [
        "header_name_case",
        "media_type_added",
        "problem_json_swap",
        "property_made_nullable_optional",
        "xml_alternative_changed",
    ];
    for case in pairs() {
        let report = diff(&spec(&case.old), &spec(&case.new), None);
        assert_eq!(
            report.is_empty(),
            without_effect.contains(&case.name.as_str()),
            "{}",
            case.name
        );
    }
}

#[test]
fn diff_is_antisymmetric() {
    for case in pairs() {
        let (old, new) = (spec(&case.old), spec(&case.new));
        let forward = diff(&old, &new, None);
        let backward = diff(&new, &old, None);
        let mut expected: Vec<Mirror> = forward.changes.iter().map(mirrored).collect();
        let mut actual: Vec<Mirror> = backward.changes.iter().map(as_is).collect();
        expected.sort();
        actual.sort();
        assert_eq!(
            expected,
            actual,
            "{}: forward\n{}\nbackward\n{}",
            case.name,
            forward.to_markdown(),
            backward.to_markdown()
        );
    }
}

#[test]
fn cases_cover_every_kind_of_change() {
    let mut seen = BTreeSet::new();
    for case in pairs() {
        let (old, new) = (spec(&case.old), spec(&case.new));
        for report in [diff(&old, &new, None), diff(&new, &old, None)] {
            seen.extend(report.changes.iter().map(|change| change.kind));
        }
    }
    let all = [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Renamed,
        ChangeKind::Retyped,
        ChangeKind::MadeRequired,
        ChangeKind::MadeOptional,
        ChangeKind::Deprecated,
        ChangeKind::Undeprecated,
        ChangeKind::ConstraintTightened,
        ChangeKind::ConstraintLoosened,
        ChangeKind::DocChanged,
        ChangeKind::Changed,
    ];
    for kind in all {
        assert!(seen.contains(&kind), "no case shows {kind:?}");
    }
}

/// A document's JSON tree, which a report's pointers address.
fn json(text: &str) -> serde_json::Value {
    serde_yaml::from_str(text).expect("a case is YAML")
}

/// Every pointer a report gives resolves in the document it names.
fn assert_pointers_resolve(
    name: &str,
    old: &serde_json::Value,
    new: &serde_json::Value,
    report: &Report,
) {
    for change in &report.changes {
        if let Some(pointer) = &change.old_pointer {
            assert!(
                old.pointer(pointer).is_some(),
                "{name}: OLD has no {pointer}"
            );
        }
        if let Some(pointer) = &change.new_pointer {
            assert!(
                new.pointer(pointer).is_some(),
                "{name}: NEW has no {pointer}"
            );
        }
        assert!(
            change.old_pointer.is_some() || change.new_pointer.is_some(),
            "{name}: {change:?} has no pointer"
        );
    }
}

#[test]
fn pointers_resolve() {
    for case in pairs() {
        let (old, new) = (spec(&case.old), spec(&case.new));
        let (old_json, new_json) = (json(&case.old), json(&case.new));
        assert_pointers_resolve(&case.name, &old_json, &new_json, &diff(&old, &new, None));
        assert_pointers_resolve(&case.name, &new_json, &old_json, &diff(&new, &old, None));
    }
}

/// A reviewer acknowledges a change by its fingerprint: it names one change of a report, and
/// the same change whatever else the documents gain.
#[test]
fn fingerprints_name_one_change_and_survive_other_changes() {
    let mut everywhere = BTreeSet::new();
    for case in pairs() {
        let report = diff(&spec(&case.old), &spec(&case.new), None);
        let fingerprints: BTreeSet<&str> = report
            .changes
            .iter()
            .map(|change| change.fingerprint.as_str())
            .collect();
        assert_eq!(fingerprints.len(), report.changes.len(), "{}", case.name);
        everywhere.extend(
            report
                .changes
                .iter()
                .map(|change| change.fingerprint.clone()),
        );
    }
    // Two cases that share a change give it the same fingerprint: adding a required field to a
    // request type is the same change whether or not a server is added too.
    let field = |report: &xcover_diff::Report| {
        report
            .changes
            .iter()
            .find(|change| change.element == Element::Field)
            .map(|change| change.fingerprint.clone())
    };
    let case = pairs()
        .into_iter()
        .find(|case| case.name == "property_added_required_request")
        .expect("the case");
    let alone = diff(&spec(&case.old), &spec(&case.new), None);
    let with_server = case.new.replacen(
        "paths:",
        "servers:\n  - url: https://api.example.com\npaths:",
        1,
    );
    let beside = diff(&spec(&case.old), &spec(&with_server), None);
    assert_eq!(beside.changes.len(), alone.changes.len() + 1);
    assert_eq!(field(&alone), field(&beside));
    assert!(field(&alone).is_some_and(|fingerprint| everywhere.contains(&fingerprint)));
}
