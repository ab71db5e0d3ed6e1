//! JSON pointers (RFC 6901) into OLD and NEW, built side by side as the walk descends.

/// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends one reference token to a pointer.
pub(crate) fn join(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape(token))
}

/// Where the walk stands in OLD and in NEW. The two differ when an element was renamed or
/// sits at another index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pointers {
    pub(crate) old: String,
    pub(crate) new: String,
}

impl Pointers {
    /// The same pointer in both documents.
    pub(crate) fn same(pointer: &str) -> Pointers {
        Pointers {
            old: pointer.to_owned(),
            new: pointer.to_owned(),
        }
    }

    /// Both pointers, one token deeper.
    pub(crate) fn join(&self, token: &str) -> Pointers {
        Pointers {
            old: join(&self.old, token),
            new: join(&self.new, token),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_slashes_and_tildes() {
        assert_eq!(join("/paths", "/quotes/{id}"), "/paths/~1quotes~1{id}");
        assert_eq!(join("", "a~b"), "/a~0b");
    }
}
