//! The XCover OpenAPI documents in `spec/`. Needs `support::repo`.

use std::path::PathBuf;

use super::repo::root;

/// The XCover versions in `spec/`, oldest first.
pub const VERSIONS: [&str; 5] = ["2.16.0", "2.77.4", "2.107.2", "2.138.1", "2.152.1"];

/// The path of `spec/xcover-<version>.yaml`, for a version in [`VERSIONS`].
pub fn spec_path(version: &str) -> PathBuf {
    assert!(
        VERSIONS.contains(&version),
        "{version} is not one of the VERSIONS in spec/"
    );
    root().join(format!("spec/xcover-{version}.yaml"))
}
