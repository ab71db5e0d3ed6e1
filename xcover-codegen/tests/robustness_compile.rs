//! The crates generated from the large public specs (`../shared/specs/` beside the repository),
//! from the public OpenAPI 3.1 and 3.2 documents (`../shared/specs31/`) and from
//! `robustness/tricky.yaml` compile and pass `cargo clippy -- -D warnings`.
//!
//! Each is a standalone crate under `target/generated-crates/public/`, checked with the target
//! directory the other generated-crate tests use, so dependencies build once; only the library
//! is checked (no test target), as that is what a partner compiles.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use xcover_codegen::Settings;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is inside the workspace")
        .to_path_buf()
}

fn public_spec(file: &str) -> PathBuf {
    shared_spec("specs", file)
}

/// A public OpenAPI 3.1 or 3.2 document; two of them may not be copied into the repository,
/// so they are read from beside it.
fn public_spec31(file: &str) -> PathBuf {
    shared_spec("specs31", file)
}

fn shared_spec(folder: &str, file: &str) -> PathBuf {
    let path = repo_root().join("../shared").join(folder).join(file);
    assert!(
        path.exists(),
        "{} is missing: the public specs are expected at ../shared/{folder}/ relative to the \
         repository root",
        path.display()
    );
    path
}

/// Generates the crate `name` from `spec` and runs clippy on it, failing with its output.
fn assert_generated_crate_is_clippy_clean(name: &str, spec: &Path) {
    // Through the same path as the CLI: a 3.1 or 3.2 document is rewritten into 3.0 first.
    let text = xcover_codegen::load::read_path(spec)
        .unwrap_or_else(|error| panic!("{}: {error}", spec.display()));
    let generated = xcover_codegen::generate_from_str(&text, &Settings::default())
        .unwrap_or_else(|error| panic!("{}: {error}", spec.display()));
    let root = repo_root();
    let dir = root.join("target/generated-crates/public").join(name);
    let crate_name = xcover_codegen::CrateName::new(name).expect("a valid crate name");
    for (path, contents) in generated.crate_files(
        &crate_name,
        &xcover_codegen::RuntimeDependency::path(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../xcover-runtime"),
        ),
    ) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a file has a parent")).unwrap();
        std::fs::write(&path, contents).unwrap();
    }
    // A standalone crate: not a member of any workspace above it.
    let manifest = dir.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("\n[workspace]\n");
    std::fs::write(&manifest, text).unwrap();
    // The project's lock file pins the dependency versions the SDK is built with.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let started = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["clippy", "--quiet", "--", "-D", "warnings"])
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/generated-crates/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    eprintln!(
        "{name}: {} operations, {} types, {} fallbacks; clippy {:.1} s",
        generated.summary.operations,
        generated.summary.types,
        generated.summary.fallbacks.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        output.status.success(),
        "the crate generated from {} does not pass clippy:\n{}",
        spec.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn tricky_constructs_compile() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/robustness/tricky.yaml");
    assert_generated_crate_is_clippy_clean("tricky", &spec);
}

#[test]
fn bigcommerce_catalog_compiles() {
    assert_generated_crate_is_clippy_clean(
        "bigcommerce-catalog",
        &public_spec("bigcommerce__products_catalog.v3.yml"),
    );
}

#[test]
fn xero_accounting_compiles() {
    assert_generated_crate_is_clippy_clean(
        "xero-accounting",
        &public_spec("XeroAPI__xero_accounting.yaml"),
    );
}

#[test]
fn openai_compiles() {
    assert_generated_crate_is_clippy_clean("openai", &public_spec("openai__openapi.yaml"));
}

#[test]
fn oxide_nexus_compiles() {
    assert_generated_crate_is_clippy_clean("oxide-nexus", &public_spec("oxide__nexus.json"));
}

#[test]
fn openapi31_webhook_example_compiles() {
    assert_generated_crate_is_clippy_clean(
        "oas31-webhook-example",
        &public_spec31("OAI__webhook-example.yaml"),
    );
}

#[test]
fn openapi31_mega_compiles() {
    assert_generated_crate_is_clippy_clean("oas31-mega", &public_spec31("OAI__mega.yaml"));
}

#[test]
fn openapi32_tags_example_compiles() {
    assert_generated_crate_is_clippy_clean(
        "oas32-tags-example",
        &public_spec31("OAI__3.2-tags-example.yaml"),
    );
}

#[test]
fn openapi31_petstore_compiles() {
    assert_generated_crate_is_clippy_clean(
        "oas31-petstore",
        &public_spec31("swagger-api__petstore.yaml"),
    );
}

#[test]
fn openapi31_train_travel_compiles() {
    assert_generated_crate_is_clippy_clean(
        "oas31-train-travel",
        &public_spec31("bump-sh-examples__openapi.yaml"),
    );
}

#[test]
fn openapi31_garage_admin_compiles() {
    assert_generated_crate_is_clippy_clean(
        "oas31-garage-admin",
        &public_spec31("deuxfleurs-org__garage-admin-v2.json"),
    );
}

#[test]
fn openapi31_prefect_compiles() {
    assert_generated_crate_is_clippy_clean(
        "oas31-prefect",
        &public_spec31("PrefectHQ__schema.json"),
    );
}

/// The 3.2 constructs that would change the API (the QUERY method, `additionalOperations`, a
/// `querystring` parameter) are skipped at their own pointers; the rest compiles.
#[test]
fn openapi32_galaxy_compiles() {
    assert_generated_crate_is_clippy_clean(
        "oas32-galaxy",
        &public_spec31("scalar__galaxy-3.2.yaml"),
    );
}
