//! The README's partner program is real: its `Cargo.toml` lines and its code are the files of
//! `examples/partner-dependency/`, which the workspace builds (so it compiles against the SDK
//! with no dependency beyond the SDK and tokio).

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

#[test]
fn the_readme_partner_program_is_the_example_crate() {
    let readme = read(&root().join("README.md"));
    let partner = root().join("examples/partner-dependency");
    let code = blocks(&readme, "Using the SDK", "rust");
    assert_eq!(code, [read(&partner.join("src/main.rs"))]);
    let manifest = read(&partner.join("Cargo.toml"));
    let dependencies = &manifest[manifest
        .find("[dependencies]\n")
        .expect("a [dependencies] table")..];
    assert_eq!(blocks(&readme, "Using the SDK", "toml"), [dependencies]);
}
