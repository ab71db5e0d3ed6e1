//! Where a generated crate (`generate --crate`) takes the runtime crate from.

use std::path::Path;

use crate::ir::spec_text::SpecLine;

/// The value of a generated crate's `xcover-runtime` dependency in its `Cargo.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeDependency(String);

impl RuntimeDependency {
    /// `{ path = "…" }`: the `xcover-runtime` folder of a checkout of this repository, as
    /// long as the crate is not published.
    pub fn path(path: &Path) -> Self {
        let path = SpecLine::new(&path.to_string_lossy()).toml_string();
        RuntimeDependency(format!("{{ path = {path} }}"))
    }

    /// The version of the runtime released with this generator, from crates.io.
    pub fn published() -> Self {
        RuntimeDependency(format!("\"{}\"", env!("CARGO_PKG_VERSION")))
    }

    /// The dependency's value, as TOML.
    pub fn as_toml(&self) -> &str {
        &self.0
    }
}

impl Default for RuntimeDependency {
    fn default() -> Self {
        Self::published()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_stays_inside_its_toml_string() {
        let dependency = RuntimeDependency::path(Path::new("../x\"\nbuild = \"evil.rs"));
        assert_eq!(
            dependency.as_toml(),
            r#"{ path = "../x\" build = \"evil.rs" }"#
        );
        assert_eq!(RuntimeDependency::published().as_toml(), "\"0.1.0\"");
    }
}
