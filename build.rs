//! Build-time generation, exactly as a partner crate would use xcover-codegen: the newest
//! spec, the oldest (whose types the 2019 recordings are checked against) and a spec with one
//! of each construct the generator supports, each generated into one file in `OUT_DIR`
//! whenever its spec changes.

/// The specs generated at build time, the file each goes to, and its client-bound parameters.
const SPECS: &[(&str, &str, &[&str])] = &[
    (
        "spec/xcover-2.152.1.yaml",
        "xcover-2.152.1.rs",
        &["partner_id"],
    ),
    (
        "spec/xcover-2.16.0.yaml",
        "xcover-2.16.0.rs",
        &["partner_id"],
    ),
    ("tests/fixtures/codegen-features.yaml", "features.rs", &[]),
];

fn main() {
    for (spec, file, client_params) in SPECS {
        client_params
            .iter()
            .fold(
                xcover_codegen::Generator::new().spec(spec),
                |generator, param| generator.client_param(*param),
            )
            .build_script(file);
    }
}
