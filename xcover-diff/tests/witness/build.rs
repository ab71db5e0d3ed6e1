//! The throwaway Cargo workspace of every witness build, in the test's target directory so that
//! its own target directory (shared by all builds) persists between runs.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use xcover_codegen::{CrateName, Generated, RuntimeDependency};

/// How a partner uses the SDK.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A separate crate: `#[non_exhaustive]` applies.
    Dependency,
    /// `include!`d in the partner's own crate: `#[non_exhaustive]` protects nothing.
    InCrate,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Dependency, Mode::InCrate];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Dependency => "dependency",
            Mode::InCrate => "in-crate",
        }
    }
}

/// A case to build: its name, its witness, and its two SDKs.
pub struct Build<'a> {
    pub case: &'a str,
    pub witness: &'a Path,
    pub old: &'a Generated,
    pub new: &'a Generated,
}

/// Whether a witness package compiled, and its first errors when not.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub compiled: bool,
    pub errors: Vec<String>,
}

/// The root of the throwaway workspace.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("witnesses")
}

/// The repository's root.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xcover-diff is inside the repository")
        .to_path_buf()
}

/// Writes `text` to `path` unless it already holds it (an unchanged file keeps its time, so
/// Cargo rebuilds nothing).
pub fn write(path: &Path, text: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    fs::create_dir_all(path.parent().expect("a file has a folder")).expect("create folder");
    fs::write(path, text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

fn package_name(case: &str) -> String {
    case.replace('_', "-")
}

/// The folder of a witness package.
fn witness_dir(case: &str, mode: Mode, side: &str) -> PathBuf {
    root()
        .join("cases")
        .join(case)
        .join(format!("{}-{side}", mode.name()))
}

/// Writes one case's SDK crates and witness packages; gives their folders, relative to the
/// workspace root.
fn write_case(build: &Build) -> Vec<String> {
    let dir = root().join("cases").join(build.case);
    let runtime = RuntimeDependency::path(&repository().join("xcover-runtime"));
    let mut members = Vec::new();
    for (side, sdk) in [("old", build.old), ("new", build.new)] {
        let package = format!("sdk-{}-{}", package_name(build.case), side);
        let name = CrateName::new(&package).expect("a valid crate name");
        let sdk_dir = dir.join(format!("sdk-{}", side));
        for (file, text) in sdk.crate_files(&name, &runtime) {
            write(&sdk_dir.join(file), &text);
        }
        members.push(format!("cases/{}/sdk-{}", build.case, side));
        for mode in Mode::ALL {
            let package_dir = witness_dir(build.case, mode, side);
            let witness_package = format!(
                "witness-{}-{}-{side}",
                package_name(build.case),
                mode.name()
            );
            let (dependency, features, lib) = match mode {
                Mode::Dependency => (
                    format!(
                        "sdk = {{ package = \"{package}\", path = \"{}\" }}",
                        sdk_dir.display()
                    ),
                    "in-crate = []",
                    "pub use ::sdk;\n".to_owned(),
                ),
                Mode::InCrate => {
                    write(&package_dir.join("src/xcover.rs"), &sdk.include_file());
                    (
                        format!(
                            "xcover-runtime = {{ path = \"{}\" }}",
                            repository().join("xcover-runtime").display()
                        ),
                        "default = [\"in-crate\"]\nin-crate = []",
                        "pub mod sdk {\n    include!(\"xcover.rs\");\n}\n".to_owned(),
                    )
                }
            };
            write(
                &package_dir.join("Cargo.toml"),
                &format!(
                    "[package]\nname = \"{witness_package}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[features]\n{features}\n\n[dependencies]\n{dependency}\n"
                ),
            );
            write(
                &package_dir.join("src/lib.rs"),
                &format!(
                    "// A witness uses what a partner may, not all of it, and deprecated items too.\n#![allow(dead_code, unused, unreachable_patterns, deprecated)]\n{lib}#[path = \"{}\"]\nmod witness;\n",
                    build.witness.display()
                ),
            );
            members.push(format!("cases/{}/{}-{side}", build.case, mode.name()));
        }
    }
    members
}

/// Writes the workspace (every case, and `runner`, which is not checked) and runs one
/// `cargo check --workspace --keep-going`: the outcome of each witness, by case, mode and side.
pub fn check_all(
    builds: &[Build],
    runner: (&str, &str),
) -> BTreeMap<(String, &'static str, &'static str), Outcome> {
    let (runner_dir, runner_package) = runner;
    let mut members: Vec<String> = builds.iter().flat_map(write_case).collect();
    members.push(runner_dir.to_owned());
    write_workspace(&members);
    let output = cargo()
        .args([
            "check",
            "--workspace",
            "--exclude",
            runner_package,
            "--keep-going",
        ])
        .args(["--message-format", "json"])
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut built = BTreeSet::new();
    let mut errors: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for message in stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
    {
        let Some(manifest) = message.get("manifest_path").and_then(Value::as_str) else {
            continue;
        };
        let manifest = PathBuf::from(manifest);
        match message.get("reason").and_then(Value::as_str) {
            Some("compiler-artifact") => {
                built.insert(manifest);
            }
            Some("compiler-message")
                if message.pointer("/message/level").and_then(Value::as_str) == Some("error") =>
            {
                let rendered = message
                    .pointer("/message/rendered")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                errors
                    .entry(manifest)
                    .or_default()
                    .push(rendered.to_owned());
            }
            _ => {}
        }
    }
    if built.is_empty() {
        panic!(
            "cargo built nothing:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let mut outcomes = BTreeMap::new();
    for build in builds {
        for mode in Mode::ALL {
            for side in ["old", "new"] {
                let manifest = witness_dir(build.case, mode, side).join("Cargo.toml");
                let errors = errors.remove(&manifest).unwrap_or_default();
                outcomes.insert(
                    (build.case.to_owned(), mode.name(), side),
                    Outcome {
                        compiled: built.contains(&manifest) && errors.is_empty(),
                        errors,
                    },
                );
            }
        }
    }
    outcomes
}

fn write_workspace(members: &[String]) {
    let list: String = members
        .iter()
        .map(|member| format!("    \"{member}\",\n"))
        .collect();
    write(
        &root().join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"2\"\nmembers = [\n{list}]\n\n[profile.dev]\ndebug = 0\n"
        ),
    );
    // The repository's versions: nothing new is resolved.
    let lock = fs::read_to_string(repository().join("Cargo.lock")).expect("Cargo.lock");
    write(&root().join("Cargo.lock"), &lock);
}

/// Cargo, run in the workspace with its own target directory.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .current_dir(root())
        .env("CARGO_TARGET_DIR", root().join("target"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    command
}
