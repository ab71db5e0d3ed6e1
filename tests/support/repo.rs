//! The repository the tests read their inputs from.
//!
//! The modules of `tests/support/` are small and each serves one purpose, so that a test
//! binary includes only the ones it uses, and uses all of what it includes:
//! `mod support { pub mod repo; pub mod specs; }`.

use std::path::Path;

/// The repository root (the root package's directory); the public specs lie beside it, in
/// `../shared/specs`.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The text of the file at `path`, failing the test with the path when it cannot be read.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}
