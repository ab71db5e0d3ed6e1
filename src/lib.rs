//! The workspace root package. Its build script generates SDK modules at build time, the way a
//! partner crate would, so tests can prove that build-time generation and the committed
//! `xcover-generated` code are the same, check real recordings against the types of the spec
//! version they were recorded with, and exercise every construct the generator supports.

/// The SDK generated at build time from the newest spec, `spec/xcover-2.152.1.yaml`.
pub mod latest {
    include!(concat!(env!("OUT_DIR"), "/xcover-2.152.1.rs"));
}

/// The SDK generated at build time from the oldest spec, `spec/xcover-2.16.0.yaml` (the API of
/// the 2019 recordings).
pub mod v2_16_0 {
    include!(concat!(env!("OUT_DIR"), "/xcover-2.16.0.rs"));
}

/// The SDK generated at build time from `tests/fixtures/codegen-features.yaml`, a spec with one
/// of each construct the generator supports.
pub mod features {
    include!(concat!(env!("OUT_DIR"), "/features.rs"));
}

/// The file `build.rs` generated from the newest spec, as text.
pub const LATEST_FILE: &str = include_str!(concat!(env!("OUT_DIR"), "/xcover-2.152.1.rs"));
