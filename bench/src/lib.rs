//! What the benchmarks share: the inputs, and progenitor driven as its documentation shows,
//! formatting with prettyplease as xcover-codegen does.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/ is inside the repository")
        .to_path_buf()
}

/// A public spec from `../shared/specs/` beside the repository.
pub fn public_spec(file: &str) -> String {
    read(&repo_root().join("../shared/specs").join(file))
}

/// The newest XCover spec.
pub fn xcover_spec() -> String {
    read(&repo_root().join("spec/xcover-2.152.1.yaml"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The bare cost of parsing the document: text → `openapiv3::OpenAPI` in one serde pass
/// (serde_json for JSON, serde_yaml for YAML), with none of the checks and error reporting
/// that `xcover_codegen::load` adds.
pub fn parse_only(text: &str) -> openapiv3::OpenAPI {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).expect("the spec parses")
    } else {
        serde_yaml::from_str(text).expect("the spec parses")
    }
}

/// xcover-codegen: text → formatted `types.rs` and `client.rs`.
pub fn xcover_generate(text: &str) -> usize {
    let generated = xcover_codegen::generate_from_str(text, &Default::default())
        .expect("xcover-codegen generates");
    generated.types.len() + generated.client.len()
}

/// progenitor: text → formatted client source (one file), as its build-script example does,
/// with prettyplease in place of rustfmt.
pub fn progenitor_generate(text: &str) -> String {
    let spec: openapiv3::OpenAPI = serde_json::from_str(text).expect("progenitor's input is JSON");
    let mut generator = progenitor::Generator::default();
    let tokens = generator
        .generate_tokens(&spec)
        .expect("progenitor generates");
    let file = syn::parse2::<syn::File>(tokens).expect("progenitor's output parses");
    prettyplease::unparse(&file)
}
