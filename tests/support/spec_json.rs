//! The XCover documents as JSON trees, each parsed once per test binary. Needs
//! `support::{repo, specs, per_version}`.

use serde_json::Value;

use super::per_version::PerVersion;
use super::repo::read;
use super::specs::spec_path;

/// The document of `version` as a JSON tree.
pub fn spec_json(version: &str) -> &'static Value {
    static DOCUMENTS: PerVersion<Value> = PerVersion::new();
    DOCUMENTS.get(version, || {
        let path = spec_path(version);
        serde_yaml::from_str(&read(&path))
            .unwrap_or_else(|error| panic!("{} is not valid YAML: {error}", path.display()))
    })
}
