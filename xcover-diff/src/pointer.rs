//! JSON pointers (RFC 6901), built token by token.

/// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Reads one escaped reference token back: `~1` is `/` and `~0` is `~`.
pub(crate) fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends one reference token to a pointer.
pub(crate) fn join(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_slashes_and_tildes() {
        assert_eq!(join("/paths", "/quotes/{id}"), "/paths/~1quotes~1{id}");
        assert_eq!(join("", "a~b"), "/a~0b");
        assert_eq!(unescape(&escape("a/~b")), "a/~b");
    }
}
