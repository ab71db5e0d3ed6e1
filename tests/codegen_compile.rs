//! The generated crates compile, and pass clippy with `-D warnings`: every XCover version and
//! both petstores, each as the standalone crate `xcover-codegen generate --crate` writes.
//! They are checked together in one workspace under `target/`, so dependencies build once.
//!
//! With them, the pairs of `tests/semver/`: the partner program written against the SDK of
//! `base.yaml` compiles against the SDK of each changed spec (a new optional property, enum
//! value, union variant, optional parameter, operation, schema, error status), so that no
//! such change can break a partner's build unnoticed.

mod support {
    pub mod repo;
    pub mod specs;
}

use std::path::PathBuf;
use std::process::Command;

use support::repo::{read, root};
use support::specs::{spec_path, VERSIONS};
use xcover_codegen::Settings;

/// `(crate name, spec path, client-bound parameters)`.
fn crates() -> Vec<(String, PathBuf, Vec<String>)> {
    let mut crates: Vec<_> = VERSIONS
        .iter()
        .map(|version| {
            (
                format!("xcover-{}", version.replace('.', "-")),
                spec_path(version),
                vec!["partner_id".to_string()],
            )
        })
        .collect();
    for spec in ["OAI__petstore", "OAI__petstore-expanded"] {
        crates.push((
            spec.to_lowercase().replace("__", "-"),
            root().join(format!("../shared/specs/{spec}.yaml")),
            Vec::new(),
        ));
    }
    crates
}

/// Writes the crate `name` that `generate --crate` makes of `spec`, depending on the
/// workspace's runtime, into `workspace`.
fn write_crate(
    workspace: &std::path::Path,
    name: &str,
    spec: &std::path::Path,
    settings: Settings,
) {
    let document = xcover_codegen::load::load_str(&read(spec))
        .unwrap_or_else(|error| panic!("{}: {error}", spec.display()));
    let generated = xcover_codegen::generate(&document, &settings).expect("generates");
    let crate_name = xcover_codegen::CrateName::new(name).expect("a valid crate name");
    let runtime = xcover_codegen::RuntimeDependency::path(&root().join("xcover-runtime"));
    for (path, contents) in generated.crate_files(&crate_name, &runtime) {
        let path = workspace.join(name).join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
    }
}

/// Writes each SDK of `tests/semver/specs/` and, beside each, the partner program depending on
/// it under the name `sdk`; returns their names as workspace members.
fn semver_pairs(workspace: &std::path::Path) -> Vec<String> {
    let specs = root().join("tests/semver/specs");
    let partner = read(&root().join("tests/semver/partner/src/lib.rs"));
    let mut changes: Vec<PathBuf> = std::fs::read_dir(&specs)
        .expect("tests/semver/specs")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    changes.sort();
    let mut members = Vec::new();
    for spec in changes {
        let change = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let sdk = format!("semver-{change}");
        write_crate(workspace, &sdk, &spec, Settings::default());
        let user = format!("semver-partner-{change}");
        std::fs::create_dir_all(workspace.join(&user).join("src")).unwrap();
        std::fs::write(
            workspace.join(&user).join("Cargo.toml"),
            format!(
                "[package]\nname = \"{user}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nsdk = {{ package = \"{sdk}\", path = \"../{sdk}\" }}\n"
            ),
        )
        .unwrap();
        std::fs::write(workspace.join(&user).join("src/lib.rs"), &partner).unwrap();
        members.extend([format!("{sdk:?}"), format!("{user:?}")]);
    }
    members
}

#[test]
fn generated_crates_compile_without_clippy_warnings() {
    let workspace = root().join("target/generated-crates/checked");
    let mut members = Vec::new();
    for (name, spec, client_params) in crates() {
        let settings = Settings {
            client_params,
            ..Settings::default()
        };
        write_crate(&workspace, &name, &spec, settings);
        members.push(format!("{name:?}"));
    }
    members.extend(semver_pairs(&workspace));
    std::fs::write(
        workspace.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    // The project's lock file pins the same dependency versions the SDK is built with.
    std::fs::copy(root().join("Cargo.lock"), workspace.join("Cargo.lock")).unwrap();

    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&workspace)
        .env(
            "CARGO_TARGET_DIR",
            root().join("target/generated-crates/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "generated crates do not compile cleanly:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
