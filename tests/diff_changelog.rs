//! `xcover-generated/CHANGELOG.md` keeps up with `spec/` and with the SDK's version: a new
//! spec version needs a changelog entry (see the README's "Updating to a new XCover spec
//! version").

mod support {
    pub mod repo;
}

use support::repo::{read, root};

/// `(heading, body)` of each `## ` entry, newest first.
fn entries() -> Vec<(String, String)> {
    let text = read(&root().join("xcover-generated/CHANGELOG.md"));
    text.split("\n## ")
        .skip(1)
        .map(|entry| {
            let (heading, body) = entry.split_once('\n').unwrap_or((entry, ""));
            (heading.trim().to_owned(), body.to_owned())
        })
        .collect()
}

/// The newest `spec/xcover-<version>.yaml`.
fn newest_spec_version() -> String {
    let mut versions: Vec<Vec<u64>> = std::fs::read_dir(root().join("spec"))
        .expect("spec/")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let version = name.strip_prefix("xcover-")?.strip_suffix(".yaml")?;
            version.split('.').map(|part| part.parse().ok()).collect()
        })
        .collect();
    versions.sort();
    let newest = versions.last().expect("at least one spec");
    newest
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

#[test]
fn newest_entry_names_the_newest_spec() {
    let entries = entries();
    let (heading, body) = entries.first().expect("an entry");
    let spec = newest_spec_version();
    assert!(
        body.contains(&format!("XCover API {spec}")),
        "CHANGELOG entry {heading} does not name XCover API {spec}: add an entry with \
         `xcover-codegen diff ... --format changelog`"
    );
}

#[test]
fn current_version_has_an_entry() {
    // xcover-generated takes its version from the workspace, as this package does.
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        entries().iter().any(|(heading, _)| heading == version),
        "no CHANGELOG entry for {version}"
    );
}
