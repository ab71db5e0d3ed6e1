//! What a call gives back: [`Response`], and the raw response each operation decodes by
//! status.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::Error;

/// A response from the API: status, headers, extensions and the decoded body.
#[derive(Debug)]
pub struct Response<T> {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) extensions: http::Extensions,
    pub(crate) replayed: bool,
    /// The body as received, for showing a person what the server said.
    pub(crate) raw: Bytes,
    pub(crate) body: T,
}

impl<T> Response<T> {
    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Values that middleware attached to the response (for example a retry count).
    pub fn extensions(&self) -> &http::Extensions {
        &self.extensions
    }

    /// True when the server replayed a stored response for a repeated idempotency key.
    pub fn is_replay(&self) -> bool {
        self.replayed
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The body as received, before decoding.
    pub fn raw_body(&self) -> &Bytes {
        &self.raw
    }

    /// Consumes the response, returning its body.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// Maps the body, keeping status, headers and extensions.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            extensions: self.extensions,
            replayed: self.replayed,
            raw: self.raw,
            body: f(self.body),
        }
    }
}

/// A received response whose body has not been decoded yet.
#[doc(hidden)]
pub struct RawResponse(pub(crate) Box<Response<Bytes>>);

impl RawResponse {
    #[doc(hidden)]
    pub fn status(&self) -> u16 {
        self.0.status.as_u16()
    }

    /// Decodes the body as JSON of type `T`; an empty body is taken as `null`.
    #[doc(hidden)]
    pub fn json<T: DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        self.decode_json().map_err(invalid_body)
    }

    fn decode_json<T: DeserializeOwned>(self) -> Result<Response<T>, DecodeFailure> {
        let body = if self.0.body.is_empty() {
            Bytes::from_static(b"null")
        } else {
            self.0.body.clone()
        };
        let deserializer = &mut serde_json::Deserializer::from_slice(&body);
        match serde_path_to_error::deserialize(deserializer) {
            Ok(body) => Ok(self.0.map(|_| body)),
            Err(error) => {
                let path = error.path().to_string();
                Err(DecodeFailure {
                    response: self.0,
                    path,
                    source: error.into_inner(),
                })
            }
        }
    }

    /// A response whose body is ignored.
    #[doc(hidden)]
    pub fn empty(self) -> Response<()> {
        self.0.map(|_| ())
    }

    /// The body as text.
    #[doc(hidden)]
    pub fn text(self) -> Response<String> {
        let text = String::from_utf8_lossy(&self.0.body).into_owned();
        self.0.map(|_| text)
    }

    /// The body as raw bytes.
    #[doc(hidden)]
    pub fn bytes(self) -> Response<Bytes> {
        *self.0
    }

    /// A status the operation does not document.
    #[doc(hidden)]
    pub fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedResponse(self.0)
    }

    /// The server replayed a stored response for a repeated idempotency key: decode it as the
    /// success type, or give it back when it is not one. An empty body replays an empty success.
    #[doc(hidden)]
    pub fn replay<T: DeserializeOwned>(self) -> Result<Response<T>, RawResponse> {
        match self.decode_json::<T>() {
            Ok(mut response) => {
                response.replayed = true;
                Ok(response)
            }
            Err(failure) => Err(RawResponse(failure.response)),
        }
    }
}

/// A body that did not decode: the response, and where and why decoding failed.
struct DecodeFailure {
    response: Box<Response<Bytes>>,
    path: String,
    source: serde_json::Error,
}

fn invalid_body<E>(failure: DecodeFailure) -> Error<E> {
    Error::InvalidBody {
        response: failure.response,
        path: failure.path,
        source: failure.source,
    }
}

/// A documented error status: its decoded body as the error, or why it did not decode.
#[doc(hidden)]
pub fn failure<T, E>(decoded: Result<Response<E>, Error<E>>) -> Result<Response<T>, Error<E>> {
    Err(match decoded {
        Ok(response) => Error::ErrorResponse(Box::new(response)),
        Err(error) => error,
    })
}

/// A person's view of a response: its status, then what its body says.
///
/// `422 Unprocessable Entity: policyholder.phone: …` when the body type has a `Display` of its
/// own (the SDK's error types); see [`Error`]'s `Display` for a raw excerpt instead.
impl<T: fmt::Display> fmt::Display for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status, self.body)
    }
}

#[cfg(test)]
pub(crate) fn raw(status: u16, body: &'static [u8]) -> RawResponse {
    RawResponse(Box::new(Response {
        status: StatusCode::from_u16(status).unwrap(),
        headers: HeaderMap::new(),
        extensions: http::Extensions::new(),
        replayed: false,
        raw: Bytes::from_static(body),
        body: Bytes::from_static(body),
    }))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[test]
    fn a_body_that_does_not_decode_names_the_field() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Quote {
            price: f64,
        }
        let error = raw(200, br#"{"price": "cheap"}"#)
            .json::<Quote, ()>()
            .unwrap_err();
        match error {
            Error::InvalidBody { path, response, .. } => {
                assert_eq!(path, "price");
                assert_eq!(response.status(), 200);
            }
            other => panic!("{other:?}"),
        }
        // An empty body is `null`, which a unit success accepts.
        assert!(raw(204, b"").json::<(), ()>().is_ok());
    }

    #[test]
    fn a_replayed_success_is_marked_and_anything_else_given_back() {
        let replayed = raw(409, br#"{"price": 5}"#).replay::<serde_json::Value>();
        assert!(replayed.is_ok_and(|response| response.is_replay()));
        let refused = raw(409, b"not json").replay::<serde_json::Value>();
        assert_eq!(refused.err().map(|raw| raw.status()), Some(409));
    }
}
