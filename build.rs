//! Build-time generation, exactly as a partner crate would use xcover-codegen: the newest
//! spec, the oldest (whose types the 2019 recordings are checked against) and a spec with one
//! of each construct the generator supports, generated into `OUT_DIR` whenever one changes.

use std::path::PathBuf;

/// The specs generated at build time, and the module directory each goes to.
const SPECS: &[(&str, &str, &[&str])] = &[
    (
        "spec/xcover-2.152.1.yaml",
        "xcover-2.152.1",
        &["partner_id"],
    ),
    ("spec/xcover-2.16.0.yaml", "xcover-2.16.0", &["partner_id"]),
    ("tests/fixtures/codegen-features.yaml", "features", &[]),
];

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (spec, module, client_params) in SPECS {
        let generator = client_params.iter().fold(
            xcover_codegen::Generator::new().spec(spec),
            |generator, param| generator.client_param(*param),
        );
        let summary = generator
            .generate_to(out_dir.join(module))
            .unwrap_or_else(|error| panic!("generating {spec}: {error}"));
        for fallback in &summary.fallbacks {
            println!("cargo:warning={spec}: fallback {fallback}");
        }
    }
}
