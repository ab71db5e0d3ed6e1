//! [`SigningMiddleware`]: signs every request a `reqwest_middleware` client sends.

use http::Extensions;
use reqwest_middleware::{Middleware, Next};

use super::{SignExt, Signer};

/// Signs each request as it passes through the client's middleware chain.
///
/// Add it after (inside) [`RetryMiddleware`](crate::retry::RetryMiddleware), so that every
/// attempt is signed afresh with a new `Date`: XCover wants a new signature for each request.
/// A signing failure (a configured signed header missing from the request, an API key that is
/// not a valid header value) is returned as `reqwest_middleware::Error::Middleware` holding a
/// [`SigningError`](super::SigningError), and nothing is sent.
#[derive(Debug, Clone)]
pub struct SigningMiddleware {
    signer: Signer,
}

impl SigningMiddleware {
    /// Signs with `signer`.
    pub fn new(signer: Signer) -> Self {
        Self { signer }
    }
}

#[async_trait::async_trait]
impl Middleware for SigningMiddleware {
    async fn handle(
        &self,
        mut request: reqwest::Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        request
            .sign(&self.signer)
            .map_err(reqwest_middleware::Error::middleware)?;
        next.run(request, extensions).await
    }
}
