//! Build-time generation (root `build.rs`) and the committed SDK (`xcover-generated`) are the
//! same code, and the committed code is what the generator makes from the newest spec today.

mod support {
    pub mod repo;
    pub mod specs;
}

use std::path::PathBuf;

use support::repo::{read, root};
use support::specs::spec_path;

/// The version `build.rs` and the committed SDK are generated from.
const NEWEST: &str = "2.152.1";
const COMMITTED_DIR: &str = "xcover-generated/src/generated";

fn committed(name: &str) -> String {
    read(&root().join(COMMITTED_DIR).join(name))
}

/// The text without its doc comments: build-time output leaves the examples out (a partner's
/// doctests would compile them), and is otherwise the committed code.
fn without_docs(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim_start().starts_with("///"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `build.rs` wrote is the library's one include file, and its modules are the committed
/// SDK's but for the examples.
#[test]
fn build_time_generation_equals_the_committed_sdk_but_for_examples() {
    let document = xcover_codegen::load::load_path(&spec_path(NEWEST)).expect("spec loads");
    let settings = xcover_codegen::Settings {
        client_params: vec!["partner_id".to_string()],
        ..xcover_codegen::Settings::default()
    };
    let generated = xcover_codegen::generate(&document, &settings).expect("spec generates");
    assert!(
        generated.include_file() == xcover_rs::LATEST_FILE,
        "build.rs wrote something else than `Generated::include_file`"
    );
    for (name, contents) in generated.module_files() {
        assert!(
            without_docs(contents) == without_docs(&committed(name)),
            "{name}: build-time output differs from {COMMITTED_DIR}/{name}"
        );
    }
    assert!(!xcover_rs::LATEST_FILE.contains("```no_run"));
    assert!(committed("client.rs")
        .contains("/// # async fn example(client: &xcover_generated::Client) {"));
}

/// The committed SDK cannot go stale: when the generator or the spec changed, this test
/// rewrites the files (so the fix is one `cargo test` away) and fails, showing the diff in
/// review.
#[test]
fn committed_sdk_is_what_the_generator_makes_today() {
    let document = xcover_codegen::load::load_path(&spec_path(NEWEST)).expect("spec loads");
    let settings = xcover_codegen::Settings {
        client_params: vec!["partner_id".to_string()],
        example_root: Some("xcover_generated".to_string()),
    };
    let generated = xcover_codegen::generate(&document, &settings).expect("spec generates");
    let mut stale: Vec<PathBuf> = Vec::new();
    for (name, contents) in generated.module_files() {
        if committed(name) != contents {
            let path = root().join(COMMITTED_DIR).join(name);
            std::fs::write(&path, contents).expect("rewrite the stale file");
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "the committed SDK was stale and has been regenerated; review and commit: {stale:?}"
    );
}

#[test]
fn generation_is_deterministic() {
    let text = read(&spec_path(NEWEST));
    let settings = xcover_codegen::Settings {
        client_params: vec!["partner_id".to_string()],
        example_root: Some("xcover_generated".to_string()),
    };
    let first = xcover_codegen::generate_from_str(&text, &settings).expect("generates");
    let second = xcover_codegen::generate_from_str(&text, &settings).expect("generates");
    assert_eq!(first.module_files(), second.module_files());
}
