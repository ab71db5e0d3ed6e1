//! Snapshots of the generated code, so every change to the generator or to a spec shows up as
//! a reviewable diff (`cargo insta review`, or `INSTA_UPDATE=always cargo test` to accept).
//! Whole modules for the specs of every construct (`tests/fixtures/codegen-features.yaml` and
//! `xcover-codegen/tests/robustness/tricky.yaml`), the XCover versions before the newest, and
//! the petstores; a summary (operations, types, fallbacks) for the large public specs, whose
//! full output is too big to review. The newest XCover version's output is the committed SDK,
//! which `codegen_build_time.rs` compares byte for byte.

mod support {
    pub mod repo;
    pub mod specs;
}

use std::fmt::Write;

use support::repo::{read, root};
use support::specs::{spec_path, VERSIONS};
use xcover_codegen::ir::Ir;
use xcover_codegen::Settings;

/// The text of `file` from the public specs in `../shared/specs`, beside the repository.
fn public_spec(file: &str) -> String {
    let path = root().join("../shared/specs").join(file);
    assert!(
        path.exists(),
        "{} is missing: the public specs live in ../shared/specs, beside the repository",
        path.display()
    );
    read(&path)
}

fn xcover_settings() -> Settings {
    Settings {
        client_params: vec!["partner_id".to_string()],
        ..Settings::default()
    }
}

#[test]
fn generated_code_of_the_specs_of_every_construct() {
    for (path, name) in [
        ("tests/fixtures/codegen-features.yaml", "codegen_features"),
        ("xcover-codegen/tests/robustness/tricky.yaml", "tricky"),
    ] {
        let text = read(&root().join(path));
        let generated =
            xcover_codegen::generate_from_str(&text, &Settings::default()).expect("generates");
        insta::assert_snapshot!(format!("generated__{name}__types"), generated.types);
        insta::assert_snapshot!(format!("generated__{name}__client"), generated.client);
    }
}

/// Every version but the newest: its output is the committed SDK, in `xcover-generated`.
#[test]
fn generated_code_of_every_older_xcover_version() {
    let (_newest, older) = VERSIONS.split_last().unwrap();
    for version in older {
        let text = read(&spec_path(version));
        let generated =
            xcover_codegen::generate_from_str(&text, &xcover_settings()).expect("generates");
        let name = version.replace('.', "_");
        insta::assert_snapshot!(format!("generated__xcover_{name}__types"), generated.types);
        insta::assert_snapshot!(
            format!("generated__xcover_{name}__client"),
            generated.client
        );
    }
}

#[test]
fn generated_code_of_the_petstores() {
    for spec in ["OAI__petstore", "OAI__petstore-expanded"] {
        let text = public_spec(&format!("{spec}.yaml"));
        let generated =
            xcover_codegen::generate_from_str(&text, &Settings::default()).expect("generates");
        let name = spec.replace(['.', '-'], "_").to_lowercase();
        insta::assert_snapshot!(format!("generated__{name}__types"), generated.types);
        insta::assert_snapshot!(format!("generated__{name}__client"), generated.client);
    }
}

#[test]
fn summaries_of_the_large_public_specs() {
    for spec in [
        "bigcommerce__products_catalog.v3.yml",
        "XeroAPI__xero_accounting.yaml",
        "openai__openapi.yaml",
        "oxide__nexus.json",
    ] {
        let text = public_spec(spec);
        let document = xcover_codegen::load::load_str(&text).expect("loads");
        let ir = xcover_codegen::ir::build(&document, &Settings::default()).expect("builds");
        let name = spec
            .split('.')
            .next()
            .unwrap()
            .replace('-', "_")
            .to_lowercase();
        insta::assert_snapshot!(format!("summary__{name}"), summary(&ir));
    }
}

/// Operations with their method names, types by name, and every fallback with its pointer.
fn summary(ir: &Ir) -> String {
    let mut out = String::new();
    writeln!(out, "{} {}", ir.title, ir.version).unwrap();
    writeln!(
        out,
        "{} operations, {} types, {} fallbacks",
        ir.operations.len(),
        ir.types.len(),
        ir.fallbacks.len()
    )
    .unwrap();
    writeln!(out, "\n## Fallbacks").unwrap();
    for fallback in &ir.fallbacks {
        writeln!(out, "{fallback}").unwrap();
    }
    writeln!(out, "\n## Operations").unwrap();
    for operation in &ir.operations {
        writeln!(
            out,
            "{} {} -> {}",
            operation.method, operation.path, operation.fn_name
        )
        .unwrap();
    }
    writeln!(out, "\n## Types").unwrap();
    for (_, entry) in ir.types.iter() {
        writeln!(out, "{}", entry.name).unwrap();
    }
    out
}
