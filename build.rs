//! Build-time generation, exactly as a partner crate would use xcover-codegen: the newest
//! spec (and the oldest, whose types the 2019 recordings are checked against) generated into
//! `OUT_DIR` on every build where a spec changed.

use std::path::PathBuf;

/// The specs generated at build time, and the module directory each goes to.
const SPECS: &[(&str, &str)] = &[
    ("spec/xcover-2.152.1.yaml", "xcover-2.152.1"),
    ("spec/xcover-2.16.0.yaml", "xcover-2.16.0"),
];

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (spec, module) in SPECS {
        let summary = xcover_codegen::Generator::new()
            .spec(spec)
            .client_param("partner_id")
            .generate_to(out_dir.join(module))
            .unwrap_or_else(|error| panic!("generating {spec}: {error}"));
        for fallback in &summary.fallbacks {
            println!("cargo:warning={spec}: fallback {fallback}");
        }
    }
}
