fn main() {
    // Writes OUT_DIR/xcover.rs; on a bad spec, fails the build with the file, the JSON
    // pointer, the line and column, and the reason. The spec's path is relative to the crate
    // (here, this repository's newest XCover document).
    xcover_codegen::Generator::new()
        .spec("../../spec/xcover-2.152.1.yaml")
        .client_param("partner_id")
        .build_script("xcover.rs");
}
