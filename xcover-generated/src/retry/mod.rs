//! Retries: which failures are worth another attempt, how long to wait, and the middleware
//! that does it.
//!
//! XCover answers 429 when throttling and 423 when a duplicate of a request is still being
//! processed: the request was not acted on, so it is retried with exponential backoff and
//! jitter, honouring `Retry-After`. A failure that leaves it unknown whether the server acted
//! on the request (502, 503 or 504 from a gateway, a timeout, a connection dropped
//! mid-request) is retried only when repeating the request is harmless: it carries an
//! `x-idempotency-key`, so XCover replays the first outcome instead of acting twice, or its
//! method is `GET`, `HEAD` or `OPTIONS`. A connection that could not be opened is always
//! retried: nothing was sent.
//!
//! The retried request is the same `reqwest::Request`, cloned, so its idempotency key (set by
//! the generated client before the middleware chain runs) is identical on every attempt.
//!
//! A call has an overall deadline ([`DEFAULT_DEADLINE`] unless the policy says otherwise), so
//! that retries can't stretch it to minutes: past it, the call ends with
//! [`DeadlineExceeded`].

mod middleware;
mod policy;

pub use middleware::RetryMiddleware;
pub use policy::{RetryPolicy, DEFAULT_DEADLINE, DEFAULT_MAX_BACKOFF};

use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method, StatusCode};

/// The header that makes a retried write safe: XCover replays the stored outcome of a key it
/// has seen (409) instead of acting twice.
pub const IDEMPOTENCY_KEY: &str = "x-idempotency-key";

/// How many attempts a call took, left by [`RetryMiddleware`] in the extensions of the
/// response it returns (`response.extensions().get::<Attempts>()`), retried or not; the
/// runtime's type, so that the call's tracing span records it too.
pub use xcover_runtime::Attempts;

/// A transport failure (timeout, connection error) that persisted through retries: the last
/// attempt's error (its `source`, which the SDK's `Error` shows after this one's message), with
/// the number of attempts made.
///
/// [`RetryMiddleware`] returns it as `reqwest_middleware::Error::Middleware` when it retried
/// at least once; a failure it did not retry comes back unchanged. [`attempts`] and
/// [`is_timeout`] read both forms.
#[derive(Debug, thiserror::Error)]
#[error("failed after {attempts} attempts")]
pub struct RetriesExhausted {
    /// Attempts made, the first included.
    pub attempts: u32,
    /// The last attempt's error.
    #[source]
    pub last_error: reqwest_middleware::Error,
}

/// A call that ran out of time: its [deadline](RetryPolicy::deadline) passed during an
/// attempt, or before a failed attempt could be retried.
///
/// [`RetryMiddleware`] returns it as `reqwest_middleware::Error::Middleware`;
/// [`is_deadline_exceeded`] recognises it and [`attempts`] reads it. A retryable status whose
/// retry would end after the deadline is not an error: the response comes back as it is.
#[derive(Debug, thiserror::Error)]
#[error(
    "deadline of {} s passed after {attempts} {}",
    .deadline.as_secs_f64(),
    if *.attempts == 1 { "attempt" } else { "attempts" }
)]
pub struct DeadlineExceeded {
    /// The deadline that passed, counted from the start of the call.
    pub deadline: Duration,
    /// Attempts made, the one cut short included.
    pub attempts: u32,
    /// The last transport failure, if an attempt failed in transport before the deadline
    /// passed (`None` when the attempts got responses, or the first one was cut short).
    #[source]
    pub last_error: Option<reqwest_middleware::Error>,
}

/// The attempts made for a call that failed in transport: `Some(n)` when the retry middleware
/// retried it or its deadline passed, `None` otherwise (a single attempt, or no retry
/// middleware).
pub fn attempts(error: &reqwest_middleware::Error) -> Option<u32> {
    if let Some(exceeded) = middleware_error::<DeadlineExceeded>(error) {
        return Some(exceeded.attempts);
    }
    middleware_error::<RetriesExhausted>(error).map(|exhausted| exhausted.attempts)
}

/// Whether a transport failure was a timeout, retried or not: an attempt's timeout, or the
/// call's deadline.
pub fn is_timeout(error: &reqwest_middleware::Error) -> bool {
    if is_deadline_exceeded(error) {
        return true;
    }
    match middleware_error::<RetriesExhausted>(error) {
        Some(exhausted) => exhausted.last_error.is_timeout(),
        None => error.is_timeout(),
    }
}

/// Whether a call ended because its deadline passed ([`DeadlineExceeded`]).
pub fn is_deadline_exceeded(error: &reqwest_middleware::Error) -> bool {
    middleware_error::<DeadlineExceeded>(error).is_some()
}

fn middleware_error<E>(error: &reqwest_middleware::Error) -> Option<&E>
where
    E: std::error::Error + Send + Sync + 'static,
{
    match error {
        reqwest_middleware::Error::Middleware(error) => error.downcast_ref::<E>(),
        reqwest_middleware::Error::Reqwest(_) => None,
    }
}

/// Whether a response with this status is worth another attempt of a request with this
/// method and headers. 423 (a duplicate still being processed) and 429 (throttled) mean the
/// request was not acted on, so any request is retried; after 502, 503 or 504 the server may
/// have acted on it, so only a request that is [safe to repeat](is_safe_to_repeat) is.
pub fn is_retryable_status(status: StatusCode, method: &Method, headers: &HeaderMap) -> bool {
    match status.as_u16() {
        423 | 429 => true,
        502..=504 => is_safe_to_repeat(method, headers),
        _ => false,
    }
}

/// Whether sending the request twice is harmless: it carries an idempotency key, or its
/// method changes nothing.
pub fn is_safe_to_repeat(method: &Method, headers: &HeaderMap) -> bool {
    headers.contains_key(IDEMPOTENCY_KEY)
        || matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether a transport failure is worth another attempt of a request with this method and
/// headers. Failures in a middleware (signing, for one) are not: they would fail again.
pub fn is_retryable_error(
    error: &reqwest_middleware::Error,
    method: &Method,
    headers: &HeaderMap,
) -> bool {
    let reqwest_middleware::Error::Reqwest(error) = error else {
        return false;
    };
    if error.is_connect() {
        return true;
    }
    (error.is_timeout() || error.is_request()) && is_safe_to_repeat(method, headers)
}

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
/// A date in the past means no wait; delay-seconds too large for a `u64` is `Duration::MAX`,
/// beyond any limit, rather than unreadable; an unreadable value is ignored.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        return Some(value.parse().map_or(Duration::MAX, Duration::from_secs));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn retryable_statuses() {
        let mut keyed = HeaderMap::new();
        keyed.insert(IDEMPOTENCY_KEY, HeaderValue::from_static("k"));
        let none = HeaderMap::new();
        let retryable = |status: u16, method: &Method, headers: &HeaderMap| {
            is_retryable_status(StatusCode::from_u16(status).unwrap(), method, headers)
        };
        for status in [423, 429, 502, 503, 504] {
            assert!(retryable(status, &Method::GET, &none), "{status}");
            assert!(retryable(status, &Method::POST, &keyed), "{status}");
        }
        for status in [200, 201, 400, 401, 404, 409, 422, 500] {
            assert!(!retryable(status, &Method::GET, &keyed), "{status}");
        }
    }

    /// A gateway error leaves it unknown whether the server acted: a request without a key
    /// that is not read-only would be acted on twice.
    #[test]
    fn a_gateway_error_is_retried_only_when_repeating_is_safe() {
        let none = HeaderMap::new();
        for status in [502, 503, 504] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(
                !is_retryable_status(status, &Method::POST, &none),
                "{status}"
            );
            assert!(
                !is_retryable_status(status, &Method::PATCH, &none),
                "{status}"
            );
        }
        for status in [423, 429] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(
                is_retryable_status(status, &Method::POST, &none),
                "{status}"
            );
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = httpdate::parse_http_date("Sun, 29 Aug 2021 12:07:26 GMT").unwrap();
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, now), None);

        headers.insert("retry-after", HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(3)));

        headers.insert(
            "retry-after",
            HeaderValue::from_static("Sun, 29 Aug 2021 12:07:36 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(10)));

        headers.insert(
            "retry-after",
            HeaderValue::from_static("Sun, 29 Aug 2021 12:00:00 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::ZERO));

        headers.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
    }

    #[test]
    fn retry_after_too_large_for_a_u64_is_the_longest_wait() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "retry-after",
            HeaderValue::from_static("99999999999999999999"),
        );
        assert_eq!(
            retry_after(&headers, SystemTime::now()),
            Some(Duration::MAX)
        );
    }

    #[test]
    fn only_keyed_or_read_only_requests_are_safe_to_repeat() {
        let mut headers = HeaderMap::new();
        assert!(!is_safe_to_repeat(&Method::POST, &headers));
        assert!(is_safe_to_repeat(&Method::GET, &headers));
        headers.insert(IDEMPOTENCY_KEY, HeaderValue::from_static("k"));
        assert!(is_safe_to_repeat(&Method::POST, &headers));
    }
}
