//! One call: the per-call options a request builder carries, and sending it under a tracing
//! span that names the operation.

use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument;

use crate::error::Transport;
use crate::{Error, InvalidRequest, RawResponse, Response};

/// Settings for one call, given to a request builder's `options`: a timeout, extra headers,
/// and extensions for the client's middleware to read (a retry policy, say).
///
/// ```
/// use std::time::Duration;
/// use xcover_runtime::RequestOptions;
///
/// let options = RequestOptions::new()
///     .timeout(Duration::from_secs(5))
///     .header("x-correlation-id", "3f1c…");
/// ```
///
/// `Debug` hides the values of credential headers (`authorization`, `cookie`, `x-api-key`).
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    timeout: Option<Duration>,
    headers: HeaderMap,
    extensions: http::Extensions,
    /// Why a header given could not be sent; the call fails with it.
    invalid: Option<String>,
    /// The URL of the page to fetch instead of the builder's own (a next link).
    next_page: Option<String>,
}

/// Whether a header carries a credential, so that `Debug` must never show its value.
pub(crate) fn is_credential(name: &HeaderName) -> bool {
    const CREDENTIALS: [&str; 4] = [
        "authorization",
        "proxy-authorization",
        "cookie",
        "x-api-key",
    ];
    CREDENTIALS.contains(&name.as_str())
}

impl RequestOptions {
    /// No timeout of its own, no extra headers, no extensions.
    pub fn new() -> Self {
        Self::default()
    }

    /// The time each attempt may take, instead of the client's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// A header to send, replacing any the request would otherwise have by that name; given
    /// twice, both values are sent. An invalid name or value fails the call with
    /// [`Error::InvalidRequest`].
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        K: TryInto<HeaderName>,
        V: TryInto<HeaderValue>,
    {
        match (name.try_into(), value.try_into()) {
            (Ok(name), Ok(mut value)) => {
                value.set_sensitive(is_credential(&name));
                self.headers.append(name, value);
            }
            (Err(_), _) => {
                self.invalid = Some("a header name given in the options is invalid".into())
            }
            (Ok(name), Err(_)) => {
                self.invalid = Some(format!("the options' header `{name}` has an invalid value"));
            }
        }
        self
    }

    /// A value the client's middleware reads from the request's extensions, e.g. a retry
    /// policy for this call alone.
    pub fn extension<T: Clone + Send + Sync + 'static>(mut self, value: T) -> Self {
        self.extensions.insert(value);
        self
    }

    /// Fetches `url` (the next page's link) instead of the builder's own URL. Followed only on
    /// the origin of the URL the builder would call, so that a response cannot send the
    /// request, credentials included, to another host.
    #[doc(hidden)]
    pub fn follow(mut self, url: &str) -> Self {
        self.next_page = Some(url.to_owned());
        self
    }

    /// Applies the options to a built request, giving back the extensions for the middleware.
    fn apply(self, request: &mut reqwest::Request) -> Result<http::Extensions, InvalidRequest> {
        if let Some(reason) = self.invalid {
            return Err(InvalidRequest::new(reason));
        }
        if let Some(next) = self.next_page {
            let url = request.url().join(&next).map_err(|error| {
                InvalidRequest::new(format!("the next page's link is not a URL: {error}"))
            })?;
            if url.origin() != request.url().origin() {
                return Err(InvalidRequest::new(format!(
                    "the next page's link leads to another origin ({}): not followed",
                    url.origin().ascii_serialization()
                )));
            }
            *request.url_mut() = url;
        }
        if let Some(timeout) = self.timeout {
            *request.timeout_mut() = Some(timeout);
        }
        // Replaces the request's values of each name the options give.
        request.headers_mut().extend(self.headers);
        Ok(self.extensions)
    }
}

/// Which operation a request is, in the request's extensions for middleware to read (a test
/// double answers by it) and in the call's tracing span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    id: &'static str,
    path: &'static str,
}

impl Operation {
    #[doc(hidden)]
    pub const fn new(id: &'static str, path: &'static str) -> Self {
        Self { id, path }
    }

    /// The spec's operationId, or `METHOD /path` when it has none.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The path template, e.g. `/partners/{partner_id}/quotes/`.
    pub fn path(&self) -> &'static str {
        self.path
    }
}

/// How many attempts a call took: a retry middleware leaves it in the extensions of the
/// response it returns, and the call's span records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Attempts(pub u32);

/// Why a request was not sent or not answered.
#[doc(hidden)]
#[derive(Debug)]
pub enum SendError {
    Invalid(InvalidRequest),
    Transport(reqwest_middleware::Error),
}

impl<E> From<SendError> for Error<E> {
    fn from(error: SendError) -> Self {
        match error {
            SendError::Invalid(error) => error.into(),
            SendError::Transport(error) => Error::Transport(error),
        }
    }
}

/// Sends a request with its options and reads the whole response body, in a span named
/// after the operation: its id, method and path template, then the attempts, status and
/// latency. Neither headers nor bodies are recorded.
#[doc(hidden)]
pub async fn send(
    request: reqwest_middleware::RequestBuilder,
    options: RequestOptions,
    operation: Operation,
) -> Result<RawResponse, SendError> {
    let (http, request) = request.build_split();
    let mut request = request.map_err(|error| SendError::Transport(error.into()))?;
    let mut extensions = options.apply(&mut request).map_err(SendError::Invalid)?;
    extensions.insert(operation);
    let span = tracing::info_span!(
        "call",
        operation = operation.id,
        method = %request.method(),
        path = operation.path,
        attempts = tracing::field::Empty,
        status = tracing::field::Empty,
        latency_ms = tracing::field::Empty,
    );
    let started = Instant::now();
    let received = async {
        let mut response = http
            .execute_with_extensions(request, &mut extensions)
            .await?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let extensions = std::mem::take(response.extensions_mut());
        let body = response.bytes().await?;
        Ok::<_, reqwest_middleware::Error>(Response {
            status,
            headers,
            extensions,
            replayed: false,
            raw: body.clone(),
            body,
        })
    }
    .instrument(span.clone())
    .await;
    let latency_ms = started.elapsed().as_millis() as u64;
    span.record("latency_ms", latency_ms);
    match received {
        Ok(response) => {
            let attempts = response
                .extensions
                .get::<Attempts>()
                .map_or(1, |attempts| attempts.0);
            span.record("attempts", attempts);
            span.record("status", response.status.as_u16());
            tracing::debug!(parent: &span, status = response.status.as_u16(), latency_ms, attempts, "response received");
            Ok(RawResponse(Box::new(response)))
        }
        Err(error) => {
            tracing::warn!(parent: &span, latency_ms, error = %Transport(&error), "call failed");
            Err(SendError::Transport(error))
        }
    }
}
