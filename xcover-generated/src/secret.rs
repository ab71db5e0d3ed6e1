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
}
