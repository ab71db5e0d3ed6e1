//! [`RetryMiddleware`]: re-sends a request while its failure is worth retrying.

use std::time::{Duration, SystemTime};

use http::Extensions;
use reqwest_middleware::{Middleware, Next};

use super::{
    is_retryable_error, is_retryable_status, retry_after, Attempts, RetriesExhausted, RetryPolicy,
};

/// Retries what is worth retrying (see the [module docs](super)), following a [`RetryPolicy`].
///
/// Put it first (outermost) in the client's middleware chain, before
/// [`SigningMiddleware`](crate::signing::SigningMiddleware), so that each attempt passes
/// through signing again and gets a fresh `Date` and signature.
///
/// - A response, retried or not, comes back unchanged (status, headers, body), so the typed
///   error of a call that ran out of retries still has the last status and body; its
///   extensions hold [`Attempts`].
/// - A transport failure comes back unchanged when it was not retried, and as
///   [`RetriesExhausted`] (inside `reqwest_middleware::Error::Middleware`) when it was.
/// - A request whose body cannot be cloned (a stream) is sent once.
#[derive(Debug, Clone, Default)]
pub struct RetryMiddleware {
    policy: RetryPolicy,
}

impl RetryMiddleware {
    /// Retries following `policy`.
    pub fn new(policy: RetryPolicy) -> Self {
        Self { policy }
    }

    /// The policy followed.
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
        let mut attempts: u32 = 0;
        loop {
            attempts += 1;
            let past_retries = attempts - 1;
            let Some(attempt) = request.try_clone() else {
                let mut response = next.run(request, extensions).await?;
                response.extensions_mut().insert(Attempts(1));
                return Ok(response);
            };

            let wait = match next.clone().run(attempt, extensions).await {
                Ok(mut response) => match self.wait_after_status(&request, &response, past_retries)
                {
                    Some(wait) => {
                        tracing::warn!(
                            method = %request.method(),
                            path = request.url().path(),
                            status = response.status().as_u16(),
                            attempt = attempts,
                            wait_ms = wait.as_millis() as u64,
                            "XCover answered with a retryable status; retrying"
                        );
                        wait
                    }
                    None => {
                        response.extensions_mut().insert(Attempts(attempts));
                        return Ok(response);
                    }
                },
                Err(error) => {
                    let wait = is_retryable_error(&error, request.method(), request.headers())
                        .then(|| self.policy.backoff(past_retries))
                        .flatten();
                    match wait {
                        Some(wait) => {
                            tracing::warn!(
                                method = %request.method(),
                                path = request.url().path(),
                                attempt = attempts,
                                wait_ms = wait.as_millis() as u64,
                                error = %error,
                                "XCover request failed in transport; retrying"
                            );
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
        request: &reqwest::Request,
        response: &reqwest::Response,
        past_retries: u32,
    ) -> Option<Duration> {
        if !is_retryable_status(response.status(), request.method(), request.headers()) {
            return None;
        }
        let backoff = self.policy.backoff(past_retries)?;
        match retry_after(response.headers(), SystemTime::now()) {
            Some(asked) if asked > self.policy.retry_after_limit() => None,
            Some(asked) => Some(asked.max(backoff)),
            None => Some(backoff),
        }
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
    use crate::retry::{attempts, is_timeout, IDEMPOTENCY_KEY};

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
}
