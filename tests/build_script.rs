//! `Generator::build_script` as a partner's build meets it: a bad spec fails the build with
//! the file, the JSON pointer, the line and column and the reason, never a panic; a fallback
//! is a Cargo warning. Built in a workspace of its own under `target/`, with the dependencies
//! the generated crates' check already built.

mod support {
    pub mod repo;
}

use std::process::{Command, Output};

use support::repo::{read, root};

/// Builds a crate whose `build.rs` generates from `spec` (YAML text), and returns cargo's
/// output.
fn build_with_spec(name: &str, spec: &str) -> Output {
    let dir = root().join("target/build-script-crates").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let path = |crate_dir: &str| format!("{:?}", root().join(crate_dir));
    let write = |file: &str, text: String| std::fs::write(dir.join(file), text).unwrap();
    write(
        "Cargo.toml",
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nxcover-runtime = {{ path = {} }}\n\n\
             [build-dependencies]\nxcover-codegen = {{ path = {}, default-features = false }}\n\n\
             [workspace]\n",
            path("xcover-runtime"),
            path("xcover-codegen")
        ),
    );
    write(
        "build.rs",
        "fn main() {\n    xcover_codegen::Generator::new().spec(\"spec.yaml\").build_script(\"xcover.rs\");\n}\n"
            .into(),
    );
    write(
        "src/lib.rs",
        "#![allow(dead_code)]\ninclude!(concat!(env!(\"OUT_DIR\"), \"/xcover.rs\"));\n".into(),
    );
    write("spec.yaml", spec.into());
    // The project's lock file: the dependency versions the SDK is built with.
    write("Cargo.lock", read(&root().join("Cargo.lock")));
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .arg("build")
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            root().join("target/generated-crates/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn a_bad_spec_fails_the_build_with_its_place_and_reason_and_a_fallback_warns() {
    let bad = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200': {{content: {{}}}}\n"
    );
    let output = build_with_spec("bad-spec", &bad);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "error: spec.yaml: #/paths/~1a/get/responses/200 (line 7, column 16): missing field `description`"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    let cookie = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - {{name: c, in: cookie, schema: {{type: string}}}}\n      responses:\n        '204': {{description: none}}\n"
    );
    let output = build_with_spec("fallback-spec", &cookie);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: fallback-spec@0.1.0: spec.yaml: fallback #/paths/~1a/get/parameters/0"
        ),
        "{stderr}"
    );
}
