//! A test double for code that uses a generated client: an in-process transport that answers
//! each operation with the replies a test queued, and keeps every request the client sent.
//!
//! Add it as the client's last middleware, so that the requests it keeps are the ones the
//! network would have seen: signed, with their idempotency keys, once per attempt.
//!
//! ```
//! # async fn example() {
//! use xcover_runtime::testing::{Reply, TestDouble};
//!
//! let double = TestDouble::new();
//! double.reply("getBooking", Reply::status(503));
//! double.reply("getBooking", Reply::json(200, &serde_json::json!({"id": "33K6D-WBHLY-INS"})));
//! let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
//!     .with(double.clone())
//!     .build();
//! // … a generated client on `http` (`with_http_client`), or through its builder's `with` …
//! let requests = double.requests();
//! # }
//! ```

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use reqwest_middleware::{Middleware, Next};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::Operation;

/// The status of a request no reply was queued for: the test forgot one.
const NO_REPLY: StatusCode = StatusCode::NOT_IMPLEMENTED;

/// An in-process transport answering from queued replies; clones share the queues and the
/// requests kept.
#[derive(Debug, Clone, Default)]
pub struct TestDouble {
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    /// The replies not yet given, by operation id, in order.
    replies: HashMap<String, VecDeque<Reply>>,
    /// Every request received, in order.
    requests: Vec<SentRequest>,
}

impl TestDouble {
    /// A double with no replies queued.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues `reply` for the next request of the operation with this id (the spec's
    /// operationId). Replies to one operation are given in the order queued, one per attempt,
    /// so a retry sequence is several replies; a request with none left gets
    /// `501 Not Implemented` saying so.
    pub fn reply(&self, operation: &str, reply: Reply) -> &Self {
        self.lock()
            .replies
            .entry(operation.to_owned())
            .or_default()
            .push_back(reply);
        self
    }

    /// Every request received, in order, each attempt of a retried call included.
    pub fn requests(&self) -> Vec<SentRequest> {
        self.lock().requests.clone()
    }

    /// The requests of one operation, in order.
    pub fn requests_of(&self, operation: &str) -> Vec<SentRequest> {
        self.lock()
            .requests
            .iter()
            .filter(|request| request.operation == Some(operation))
            .cloned()
            .collect()
    }

    /// Whether every queued reply has been given.
    pub fn is_drained(&self) -> bool {
        self.lock().replies.values().all(VecDeque::is_empty)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock left whole values behind.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[async_trait::async_trait]
impl Middleware for TestDouble {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut http::Extensions,
        _next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let operation = extensions.get::<Operation>().map(Operation::id);
        let sent = SentRequest::new(&request, operation);
        let mut state = self.lock();
        state.requests.push(sent);
        let reply = operation
            .and_then(|id| state.replies.get_mut(id))
            .and_then(VecDeque::pop_front)
            .unwrap_or_else(|| {
                let id = operation.unwrap_or("(a request of no operation)");
                Reply::raw(
                    NO_REPLY.as_u16(),
                    format!("the test queued no reply for {id}"),
                )
            });
        drop(state);
        Ok(reply.into_response())
    }
}

/// A reply the double gives: a status, headers and a body.
#[derive(Debug, Clone)]
pub struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Reply {
    /// A reply with no body. A status that is not a valid HTTP status is 500.
    pub fn status(status: u16) -> Self {
        Self::raw(status, Bytes::new())
    }

    /// A JSON reply of any serializable value: a generated type, or `serde_json::json!`.
    pub fn json<T: Serialize + ?Sized>(status: u16, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(body) => Self::raw(status, body).header("content-type", "application/json"),
            Err(error) => Self::raw(500, format!("the test's reply is not JSON: {error}")),
        }
    }

    /// A reply with these bytes as its body, as sent.
    pub fn raw(status: u16, body: impl Into<Bytes>) -> Self {
        Self {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: HeaderMap::new(),
            body: body.into(),
        }
    }

    /// Adds a header (`retry-after`, say); an invalid name or value is left out.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            self.headers.append(name, value);
        }
        self
    }

    fn into_response(self) -> reqwest::Response {
        let mut response = http::Response::new(self.body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        reqwest::Response::from(response)
    }
}

/// A request the client sent, as the network would have seen it.
///
/// `Debug` hides the values of credential headers (`authorization`, `x-api-key`, …).
#[derive(Debug, Clone)]
pub struct SentRequest {
    /// The operation's id, when a generated client sent it.
    pub operation: Option<&'static str>,
    /// The method.
    pub method: Method,
    /// The whole URL, query included.
    pub url: reqwest::Url,
    /// The headers, signature and idempotency key included.
    pub headers: HeaderMap,
    /// The body, when it was not a stream.
    pub body: Option<Bytes>,
}

impl SentRequest {
    fn new(request: &reqwest::Request, operation: Option<&'static str>) -> Self {
        let mut headers = request.headers().clone();
        for (name, value) in headers.iter_mut() {
            value.set_sensitive(crate::call::is_credential(name));
        }
        Self {
            operation,
            method: request.method().clone(),
            url: request.url().clone(),
            headers,
            body: request
                .body()
                .and_then(reqwest::Body::as_bytes)
                .map(Bytes::copy_from_slice),
        }
    }

    /// A header's value as text, if it was sent and is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The body decoded as JSON of type `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(self.body.as_deref().unwrap_or(b"null"))
    }
}
