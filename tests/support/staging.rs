//! Where XCover's staging API serves the partner paths: the recordings were made under this
//! prefix, and the fake XCover serves under it too, so that signed paths include it.

/// The path prefix of the staging base URL.
pub const PREFIX: &str = "/xcover";
