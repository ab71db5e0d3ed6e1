//! The API secret, kept out of `Debug` output, logs and error messages.

use std::fmt;

/// The partner's API secret: the HMAC key that signs requests and webhooks.
///
/// It has no `Display` impl, and its `Debug` output is redacted, so a secret cannot reach a
/// log line or an error message by accident: reading it takes an explicit
/// [`expose`](ApiSecret::expose).
#[derive(Clone, PartialEq, Eq)]
pub struct ApiSecret(String);

impl ApiSecret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself, for the HMAC key.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Checks that the secret can be a key XCover issued: not empty, since anyone can sign with
    /// an empty key, and without leading or trailing whitespace, which is refused rather than
    /// trimmed so that the key used is always the one given, byte for byte.
    pub fn check(&self) -> Result<(), SecretError> {
        let trimmed = self.0.trim();
        if trimmed.is_empty() {
            Err(SecretError::Empty)
        } else if trimmed.len() != self.0.len() {
            Err(SecretError::SurroundingWhitespace)
        } else {
            Ok(())
        }
    }
}

/// Why a secret was refused by [`ApiSecret::check`]. Never holds the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// The secret is empty or all whitespace.
    #[error("the API secret is empty")]
    Empty,
    /// The secret starts or ends with whitespace, such as the newline at the end of a file:
    /// it would sign with another key than the one XCover issued.
    #[error(
        "the API secret starts or ends with whitespace (a file's trailing newline?); remove it"
    )]
    SurroundingWhitespace,
}

impl fmt::Debug for ApiSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiSecret(<redacted>)")
    }
}

impl From<String> for ApiSecret {
    fn from(secret: String) -> Self {
        Self(secret)
    }
}

impl From<&str> for ApiSecret {
    fn from(secret: &str) -> Self {
        Self(secret.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_secret() {
        let secret = ApiSecret::new("s3cr3t-value");
        let debug = format!("{secret:?} {secret:#?}");
        assert!(!debug.contains("s3cr3t-value"), "{debug}");
        assert_eq!(secret.expose(), "s3cr3t-value");
    }

    #[test]
    fn an_empty_or_padded_secret_is_refused() {
        assert_eq!(ApiSecret::new("s3cr3t-value").check(), Ok(()));
        assert_eq!(ApiSecret::new("s3cr3t value").check(), Ok(()));
        for empty in ["", " ", "\n"] {
            assert_eq!(
                ApiSecret::new(empty).check(),
                Err(SecretError::Empty),
                "{empty:?}"
            );
        }
        for padded in [
            "s3cr3t-value\n",
            "s3cr3t-value\r\n",
            " s3cr3t-value",
            "\ts3cr3t-value",
        ] {
            let err = ApiSecret::new(padded).check().unwrap_err();
            assert_eq!(err, SecretError::SurroundingWhitespace, "{padded:?}");
            assert!(!format!("{err} {err:?}").contains("s3cr3t"), "{err}");
        }
    }
}
