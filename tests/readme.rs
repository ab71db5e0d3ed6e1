//! The README's partner crates are real: the `Cargo.toml` lines and the code it shows are the
//! files of `examples/partner-dependency/` (a crate depending on the SDK) and
//! `examples/partner-build-time/` (a crate generating its client in `build.rs`), which the
//! workspace builds, each with no dependency beyond what the README lists.

mod support {
    pub mod repo;
}

use support::repo::{read, root};

/// The fenced blocks of `lang` in the README section headed `heading`.
fn blocks(readme: &str, heading: &str, lang: &str) -> Vec<String> {
    let section = readme
        .split("\n## ")
        .find(|section| section.starts_with(heading))
        .unwrap_or_else(|| panic!("README has no section `{heading}`"));
    let fence = format!("```{lang}\n");
    section
        .split(&fence)
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default().to_string())
        .collect()
}

/// The dependency tables of a crate's manifest, as the README shows them.
fn dependencies(partner: &std::path::Path) -> String {
    let manifest = read(&partner.join("Cargo.toml"));
    let start = manifest
        .find("[dependencies]\n")
        .expect("a [dependencies] table");
    manifest[start..].to_string()
}

#[test]
fn the_readme_partner_program_is_the_example_crate() {
    let readme = read(&root().join("README.md"));
    let partner = root().join("examples/partner-dependency");
    // The first Rust block; the others are snippets, compiled as doctests of the SDK.
    let code = blocks(&readme, "Using the SDK", "rust,no_run");
    assert_eq!(code.first(), Some(&read(&partner.join("src/main.rs"))));
    assert_eq!(
        blocks(&readme, "Using the SDK", "toml"),
        [dependencies(&partner)]
    );
}

#[test]
fn the_readme_build_time_partner_is_the_example_crate() {
    let readme = read(&root().join("README.md"));
    let partner = root().join("examples/partner-build-time");
    assert_eq!(
        blocks(&readme, "Generating at build time", "rust,ignore"),
        [
            read(&partner.join("build.rs")),
            read(&partner.join("src/main.rs"))
        ]
    );
    assert_eq!(
        blocks(&readme, "Generating at build time", "toml"),
        [dependencies(&partner)]
    );
}
