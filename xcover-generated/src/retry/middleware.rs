//! [`RetryMiddleware`]: re-sends a request while its failure is worth retrying.

use std::time::{Duration, SystemTime};

use http::Extensions;
use reqwest_middleware::{Middleware, Next};
use tokio::time::Instant;

use super::{
    is_retryable_error, is_retryable_status, retry_after, Attempts, DeadlineExceeded,
    RetriesExhausted, RetryPolicy,
};

/// Retries what is worth retrying (see the [module docs](super)), following a [`RetryPolicy`]:
/// the one in the request's extensions if there is one (set for one call with
/// `with_extension(policy)`), else its own.
///
/// Put it first (outermost) in the client's middleware chain, before
/// [`SigningMiddleware`](crate::signing::SigningMiddleware), so that each attempt passes
/// through signing again and gets a fresh `Date` and signature.
///
/// - A response, retried or not, comes back unchanged (status, headers, body), so the typed
///   error of a call that ran out of retries, or whose next retry would end after the
///   deadline, still has the last status and body; its extensions hold [`Attempts`].
/// - A transport failure comes back unchanged when it was not retried, and as
///   [`RetriesExhausted`] (inside `reqwest_middleware::Error::Middleware`) when it was.
/// - A call whose deadline passes during an attempt, or before a failed attempt could be
///   retried, ends with [`DeadlineExceeded`] (inside `reqwest_middleware::Error::Middleware`).
/// - A request whose body cannot be cloned (a stream) is sent once, within the deadline.
#[derive(Debug, Clone, Default)]
pub struct RetryMiddleware {
    policy: RetryPolicy,
}

impl RetryMiddleware {
    /// Retries following `policy`, unless a request carries its own.
    pub fn new(policy: RetryPolicy) -> Self {
        Self { policy }
    }

    /// The policy followed when a request carries none.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }
}

#[async_trait::async_trait]
impl Middleware for RetryMiddleware {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let policy = extensions
            .get::<RetryPolicy>()
            .copied()
            .unwrap_or(self.policy);
        let deadline = Deadline::starting_now(policy.call_deadline());
        let mut attempts: u32 = 0;
        // The previous attempt's transport failure, reported if the deadline cuts the next short.
        let mut last_error = None;
        loop {
            attempts += 1;
            let past_retries = attempts - 1;
            let Some(attempt) = request.try_clone() else {
                let outcome = deadline.run(next.run(request, extensions)).await;
                let mut response = outcome.ok_or_else(|| deadline.exceeded(attempts, None))??;
                response.extensions_mut().insert(Attempts(1));
                return Ok(response);
            };

            let outcome = deadline.run(next.clone().run(attempt, extensions)).await;
            let Some(outcome) = outcome else {
                return Err(deadline.exceeded(attempts, last_error));
            };
            let wait = match outcome {
                Ok(mut response) => {
                    let wait = self
                        .wait_after_status(&policy, &request, &response, past_retries)
                        .filter(|wait| deadline.allows(*wait));
                    match wait {
                        Some(wait) => {
                            tracing::warn!(
                                method = %request.method(),
                                path = request.url().path(),
                                status = response.status().as_u16(),
                                attempt = attempts,
                                wait_ms = wait.as_millis() as u64,
                                deadline_remaining_ms = deadline.remaining_ms(),
                                "XCover answered with a retryable status; retrying"
                            );
                            last_error = None;
                            wait
                        }
                        None => {
                            response.extensions_mut().insert(Attempts(attempts));
                            return Ok(response);
                        }
                    }
                }
                Err(error) => {
                    let wait = is_retryable_error(&error, request.method(), request.headers())
                        .then(|| policy.backoff(past_retries))
                        .flatten();
                    match wait {
                        Some(wait) if !deadline.allows(wait) => {
                            return Err(deadline.exceeded(attempts, Some(error)));
                        }
                        Some(wait) => {
                            tracing::warn!(
                                method = %request.method(),
                                path = request.url().path(),
                                attempt = attempts,
                                wait_ms = wait.as_millis() as u64,
                                deadline_remaining_ms = deadline.remaining_ms(),
                                error = %error,
                                "XCover request failed in transport; retrying"
                            );
                            last_error = Some(error);
                            wait
                        }
                        None if attempts == 1 => return Err(error),
                        None => {
                            return Err(reqwest_middleware::Error::middleware(RetriesExhausted {
                                attempts,
                                last_error: error,
                            }))
                        }
                    }
                }
            };
            tokio::time::sleep(wait).await;
        }
    }
}

impl RetryMiddleware {
    /// The wait before retrying `request`, which got `response`, or `None` to return it.
    fn wait_after_status(
        &self,
        policy: &RetryPolicy,
        request: &reqwest::Request,
        response: &reqwest::Response,
        past_retries: u32,
    ) -> Option<Duration> {
        if !is_retryable_status(response.status(), request.method(), request.headers()) {
            return None;
        }
        let backoff = policy.backoff(past_retries)?;
        match retry_after(response.headers(), SystemTime::now()) {
            Some(asked) if asked > policy.retry_after_limit() => None,
            Some(asked) => Some(asked.max(backoff)),
            None => Some(backoff),
        }
    }
}

/// The end of a call's time budget, measured on tokio's clock from the call's start.
struct Deadline {
    budget: Duration,
    /// `None` when the budget reaches past what the clock can represent: no end.
    ends_at: Option<Instant>,
}

impl Deadline {
    fn starting_now(budget: Duration) -> Self {
        Self {
            budget,
            ends_at: Instant::now().checked_add(budget),
        }
    }

    /// The time left (`Duration::MAX` without an end).
    fn remaining(&self) -> Duration {
        self.ends_at.map_or(Duration::MAX, |ends_at| {
            ends_at.saturating_duration_since(Instant::now())
        })
    }

    /// The time left in milliseconds, for logs (`u64::MAX` without an end).
    fn remaining_ms(&self) -> u64 {
        u64::try_from(self.remaining().as_millis()).unwrap_or(u64::MAX)
    }

    /// Whether a wait of `wait` leaves time for another attempt: it must end before the
    /// deadline, as an attempt started at the deadline would be cut short at once.
    fn allows(&self, wait: Duration) -> bool {
        wait < self.remaining()
    }

    /// `attempt`'s outcome, or `None` when the deadline passed first.
    async fn run<T>(&self, attempt: impl std::future::Future<Output = T>) -> Option<T> {
        match self.ends_at {
            Some(ends_at) => tokio::time::timeout_at(ends_at, attempt).await.ok(),
            None => Some(attempt.await),
        }
    }

    fn exceeded(
        &self,
        attempts: u32,
        last_error: Option<reqwest_middleware::Error>,
    ) -> reqwest_middleware::Error {
        reqwest_middleware::Error::middleware(DeadlineExceeded {
            deadline: self.budget,
            attempts,
            last_error,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
    use wiremock::{
        matchers::{method, path},
        Mock, MockServer, ResponseTemplate,
    };

    use super::*;
    use crate::retry::{attempts, is_deadline_exceeded, is_timeout, IDEMPOTENCY_KEY};

    fn fast_policy(max_retries: u32) -> RetryPolicy {
        RetryPolicy::new(max_retries).backoff_factor(Duration::from_millis(1))
    }

    fn client(policy: RetryPolicy, timeout: Option<Duration>) -> ClientWithMiddleware {
        let mut http = reqwest::Client::builder();
        if let Some(timeout) = timeout {
            http = http.timeout(timeout);
        }
        ClientBuilder::new(http.build().unwrap())
            .with(RetryMiddleware::new(policy))
            .build()
    }

    async fn answer_once(server: &MockServer, status: u16, retry_after: Option<&str>) {
        let mut template = ResponseTemplate::new(status).set_body_string("{}");
        if let Some(value) = retry_after {
            template = template.insert_header("retry-after", value);
        }
        Mock::given(method("POST"))
            .respond_with(template)
            .up_to_n_times(1)
            .with_priority(1)
            .mount(server)
            .await;
    }

    async fn otherwise_answer(server: &MockServer, status: u16) {
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_string("{\"ok\":true}"))
            .with_priority(10)
            .mount(server)
            .await;
    }

    #[tokio::test]
    async fn retries_a_429_then_succeeds() {
        let server = MockServer::start().await;
        answer_once(&server, 429, None).await;
        otherwise_answer(&server, 200).await;

        let response = client(fast_policy(3), None)
            .post(server.uri())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(2)));
        assert_eq!(server.received_requests().await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn returns_the_last_response_when_retries_run_out() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(503).set_body_string("{\"down\":1}"))
            .mount(&server)
            .await;

        let response = client(fast_policy(3), None)
            .post(server.uri())
            .header(IDEMPOTENCY_KEY, "0b6c7d6e-4f5e-4a3b-9c2d-1e0f9a8b7c6d")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 503);
        assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(4)));
        assert_eq!(response.text().await.unwrap(), "{\"down\":1}");
        assert_eq!(server.received_requests().await.unwrap().len(), 4);
    }

    #[tokio::test]
    async fn a_gateway_error_is_not_retried_without_an_idempotency_key() {
        for status in [502, 503, 504] {
            let server = MockServer::start().await;
            answer_once(&server, status, None).await;
            otherwise_answer(&server, 200).await;

            let response = client(fast_policy(3), None)
                .post(server.uri())
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), status);
            assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(1)));
            assert_eq!(server.received_requests().await.unwrap().len(), 1);
        }
    }

    #[tokio::test]
    async fn does_not_retry_other_statuses() {
        let server = MockServer::start().await;
        otherwise_answer(&server, 422).await;
        let response = client(fast_policy(3), None)
            .post(server.uri())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(1)));
    }

    #[tokio::test]
    async fn honours_retry_after() {
        let server = MockServer::start().await;
        answer_once(&server, 429, Some("1")).await;
        otherwise_answer(&server, 200).await;

        let started = Instant::now();
        let response = client(fast_policy(3), None)
            .post(server.uri())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
    }

    #[tokio::test]
    async fn a_retry_after_beyond_the_limit_ends_the_retries() {
        // The second does not fit a u64: still a wait, and beyond the limit.
        for value in ["3600", "99999999999999999999"] {
            let server = MockServer::start().await;
            answer_once(&server, 429, Some(value)).await;
            otherwise_answer(&server, 200).await;

            let response = client(fast_policy(3), None)
                .post(server.uri())
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 429, "{value}");
            assert_eq!(
                response.extensions().get::<Attempts>(),
                Some(&Attempts(1)),
                "{value}"
            );
            assert_eq!(server.received_requests().await.unwrap().len(), 1);
        }
    }

    #[tokio::test]
    async fn retries_a_timeout_only_with_an_idempotency_key() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/slow"))
            .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
            .mount(&server)
            .await;
        let client = client(fast_policy(2), Some(Duration::from_millis(200)));

        let error = client
            .post(format!("{}/slow", server.uri()))
            .send()
            .await
            .unwrap_err();
        assert!(is_timeout(&error), "{error:?}");
        assert_eq!(attempts(&error), None);
        assert_eq!(server.received_requests().await.unwrap().len(), 1);

        let error = client
            .post(format!("{}/slow", server.uri()))
            .header(IDEMPOTENCY_KEY, "0b6c7d6e-4f5e-4a3b-9c2d-1e0f9a8b7c6d")
            .send()
            .await
            .unwrap_err();
        assert!(is_timeout(&error), "{error:?}");
        assert_eq!(attempts(&error), Some(3));
        let received = server.received_requests().await.unwrap();
        assert_eq!(received.len(), 4);
        assert!(received[1..].iter().all(|request| {
            request.headers[IDEMPOTENCY_KEY] == "0b6c7d6e-4f5e-4a3b-9c2d-1e0f9a8b7c6d"
        }));
    }

    #[tokio::test]
    async fn retries_a_refused_connection() {
        // Bind then drop a listener: nothing listens on that port any more.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let error = client(fast_policy(2), None)
            .post(format!("http://127.0.0.1:{port}/"))
            .send()
            .await
            .unwrap_err();
        assert_eq!(attempts(&error), Some(3));
        let reqwest_middleware::Error::Middleware(error) = &error else {
            panic!("{error:?}")
        };
        let exhausted = error.downcast_ref::<RetriesExhausted>().unwrap();
        assert!(exhausted.last_error.is_connect());
    }

    fn deadline_exceeded(error: &reqwest_middleware::Error) -> &DeadlineExceeded {
        match error {
            reqwest_middleware::Error::Middleware(inner) => inner
                .downcast_ref::<DeadlineExceeded>()
                .unwrap_or_else(|| panic!("{error:?}")),
            reqwest_middleware::Error::Reqwest(_) => panic!("{error:?}"),
        }
    }

    #[tokio::test]
    async fn the_deadline_cuts_a_slow_attempt_short() {
        let server = MockServer::start().await;
        answer_once(&server, 429, None).await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
            .with_priority(10)
            .mount(&server)
            .await;

        let started = Instant::now();
        let error = client(fast_policy(3).deadline(Duration::from_millis(300)), None)
            .post(server.uri())
            .send()
            .await
            .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(2), "{error}");
        assert!(is_deadline_exceeded(&error), "{error:?}");
        assert!(is_timeout(&error), "{error:?}");
        assert_eq!(attempts(&error), Some(2));
        let exceeded = deadline_exceeded(&error);
        assert!(exceeded.last_error.is_none(), "{exceeded:?}");
        assert_eq!(
            exceeded.to_string(),
            "deadline of 0.3 s passed after 2 attempts"
        );
        assert_eq!(server.received_requests().await.unwrap().len(), 2);
    }

    /// A connection refused is retried, but not when the wait would outlast the deadline: the
    /// refusal is kept as the last error.
    #[tokio::test]
    async fn a_failure_whose_retry_would_outlast_the_deadline_ends_the_call() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // The waits are at least half the factor: 500 ms, past the 200 ms deadline.
        let policy = RetryPolicy::new(3)
            .backoff_factor(Duration::from_secs(1))
            .deadline(Duration::from_millis(200));
        let started = Instant::now();
        let error = client(policy, None)
            .post(format!("http://127.0.0.1:{port}/"))
            .send()
            .await
            .unwrap_err();
        assert!(started.elapsed() < Duration::from_millis(450), "{error}");
        assert_eq!(attempts(&error), Some(1));
        let exceeded = deadline_exceeded(&error);
        let last_error = exceeded.last_error.as_ref().unwrap();
        assert!(last_error.is_connect(), "{last_error:?}");
        // The refusal is the source, which the SDK's `Error` shows after this message.
        assert_eq!(
            exceeded.to_string(),
            "deadline of 0.2 s passed after 1 attempt"
        );
    }

    /// `Retry-After: 1` makes the waits exact: attempts at 0 s and 1 s, then a wait that would
    /// end at 2 s, after the 1.5 s deadline, so the 429 comes back with 49 retries unused.
    #[tokio::test]
    async fn retries_stop_at_the_deadline_before_they_run_out() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
            .mount(&server)
            .await;
        let policy = fast_policy(50).deadline(Duration::from_millis(1500));

        let started = Instant::now();
        let response = client(policy, None)
            .post(server.uri())
            .send()
            .await
            .unwrap();
        let elapsed = started.elapsed();
        assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
        assert_eq!(response.status(), 429);
        assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(2)));
        assert_eq!(server.received_requests().await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn a_policy_in_the_request_extensions_replaces_the_middlewares() {
        let server = MockServer::start().await;
        otherwise_answer(&server, 429).await;
        let client = client(fast_policy(3), None);

        let response = client
            .post(server.uri())
            .with_extension(RetryPolicy::never())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 429);
        assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(1)));
        assert_eq!(server.received_requests().await.unwrap().len(), 1);

        let response = client
            .post(server.uri())
            .with_extension(fast_policy(1))
            .send()
            .await
            .unwrap();
        assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(2)));

        let response = client.post(server.uri()).send().await.unwrap();
        assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(4)));
    }
}
