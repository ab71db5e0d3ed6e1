//! Work done once per XCover version and shared by all the tests of one binary. Needs
//! `support::specs`.

use std::sync::OnceLock;

use super::specs::VERSIONS;

/// One value for each version in [`VERSIONS`], each made the first time it is asked for.
pub struct PerVersion<T>([OnceLock<T>; VERSIONS.len()]);

impl<T> PerVersion<T> {
    pub const fn new() -> Self {
        Self([const { OnceLock::new() }; VERSIONS.len()])
    }

    /// The value of `version`, made by `make` if no test has asked for it yet.
    pub fn get(&self, version: &str, make: impl FnOnce() -> T) -> &T {
        let index = VERSIONS
            .iter()
            .position(|known| *known == version)
            .unwrap_or_else(|| panic!("{version} is not one of the VERSIONS in spec/"));
        self.0[index].get_or_init(make)
    }
}
