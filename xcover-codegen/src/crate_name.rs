//! The name of a generated crate, checked before it reaches `Cargo.toml`.

use std::fmt;
use std::str::FromStr;

/// A package name Cargo accepts: ASCII letters, digits, `-` and `_`, starting with a letter or
/// `_`, at most 64 characters, and not a Rust keyword or a name Cargo reserves. Anything else
/// could break the manifest or add to it (a quote and a newline write a new key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateName(String);

/// Why a crate name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` is not a valid crate name: {reason}")]
pub struct InvalidCrateName {
    name: String,
    reason: &'static str,
}

/// The longest name crates.io accepts.
const MAX_LENGTH: usize = 64;

/// Names Cargo refuses for a package: Rust keywords, and the crates every build links.
const RESERVED: &str = "abstract as async await become box break const continue crate do dyn \
    else enum extern false final fn for gen if impl in let loop macro match mod move mut \
    override priv pub ref return self Self static struct super trait true try type typeof \
    unsafe unsized use virtual where while yield alloc core proc_macro proc-macro std test";

impl CrateName {
    /// The name, if Cargo accepts it.
    pub fn new(name: &str) -> Result<Self, InvalidCrateName> {
        let refuse = |reason| {
            Err(InvalidCrateName {
                name: name.escape_debug().to_string(),
                reason,
            })
        };
        let Some(first) = name.chars().next() else {
            return refuse("it is empty");
        };
        if !(first.is_ascii_alphabetic() || first == '_') {
            return refuse("it must start with an ASCII letter or `_`");
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        {
            return refuse("only ASCII letters, digits, `-` and `_` are allowed");
        }
        if name.len() > MAX_LENGTH {
            return refuse("it is longer than 64 characters");
        }
        if RESERVED.split_whitespace().any(|reserved| reserved == name) {
            return refuse("it is a Rust keyword or a name Cargo reserves");
        }
        Ok(CrateName(name.to_string()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for CrateName {
    type Err = InvalidCrateName;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        CrateName::new(name)
    }
}

impl fmt::Display for CrateName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::CrateName;

    #[test]
    fn cargo_package_names_are_accepted() {
        for name in ["xcover", "my-sdk", "_private", "sdk_2", "A"] {
            assert_eq!(CrateName::new(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn names_that_break_or_extend_the_manifest_are_refused() {
        let long = "x".repeat(65);
        for name in [
            "x\"\nbuild = \"evil.rs\" #",
            "../../x",
            "",
            "a b",
            "1abc",
            "-x",
            "fn",
            "std",
            "ünï",
            long.as_str(),
        ] {
            assert!(CrateName::new(name).is_err(), "{name:?} was accepted");
        }
    }

    #[test]
    fn the_message_shows_control_characters_escaped() {
        let error = CrateName::new("x\"\nbuild").unwrap_err();
        assert_eq!(
            error.to_string(),
            "`x\\\"\\nbuild` is not a valid crate name: only ASCII letters, digits, `-` and `_` are allowed"
        );
    }
}
