//! Why a call failed: [`Error`], and how a person is told.

use std::error::Error as _;
use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;

use crate::Response;

/// Why a call failed.
#[derive(Debug)]
pub enum Error<E> {
    /// The request could not be built: a required parameter is missing or a value is invalid.
    InvalidRequest(String),
    /// The request could not be sent or its response not received (connection, timeout,
    /// middleware).
    Transport(reqwest_middleware::Error),
    /// A status the operation documents as an error, with its decoded body.
    ErrorResponse(Box<Response<E>>),
    /// A status the operation does not document, with the raw body.
    UnexpectedResponse(Box<Response<Bytes>>),
    /// The body did not match the documented type.
    InvalidBody {
        /// The response, with its raw body.
        response: Box<Response<Bytes>>,
        /// Where in the body decoding failed, e.g. `quotes[0].price`.
        path: String,
        /// The decoding error.
        source: serde_json::Error,
    },
}

impl<E> Error<E> {
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::InvalidRequest(_) => None,
            Error::Transport(error) => error.status(),
            Error::ErrorResponse(response) => Some(response.status()),
            Error::UnexpectedResponse(response) | Error::InvalidBody { response, .. } => {
                Some(response.status())
            }
        }
    }

    /// The extensions of the response, when one was received.
    pub fn extensions(&self) -> Option<&http::Extensions> {
        match self {
            Error::InvalidRequest(_) | Error::Transport(_) => None,
            Error::ErrorResponse(response) => Some(response.extensions()),
            Error::UnexpectedResponse(response) | Error::InvalidBody { response, .. } => {
                Some(response.extensions())
            }
        }
    }
}

/// For people: the status and a short excerpt of the body as the server sent it, or what
/// happened in transport, never Rust `Debug`. No URL is shown: one may carry a credential
/// in its query.
impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Error::Transport(error) => Transport(error).fmt(f),
            Error::ErrorResponse(response) => {
                write!(f, "{}: {}", response.status(), Excerpt(response.raw_body()))
            }
            Error::UnexpectedResponse(response) => write!(
                f,
                "unexpected status {}: {}",
                response.status(),
                Excerpt(response.raw_body())
            ),
            Error::InvalidBody {
                response,
                path,
                source,
            } => write!(
                f,
                "the body of a {} response does not match its type at `{path}`: {source}",
                response.status()
            ),
        }
    }
}

/// What went wrong in transport, in words: timed out, could not connect, or the middleware's
/// own message (a deadline passed, retries ran out), then the underlying causes.
pub(crate) struct Transport<'a>(pub &'a reqwest_middleware::Error);

impl fmt::Display for Transport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        describe_transport(self.0, f)
    }
}

fn describe_transport(
    error: &reqwest_middleware::Error,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    match error {
        reqwest_middleware::Error::Reqwest(error) => describe_reqwest(error, f),
        // The middleware's own message (a deadline passed, retries ran out), then its causes.
        reqwest_middleware::Error::Middleware(error) => {
            write!(f, "{error}")?;
            describe_causes((**error).source(), f)
        }
    }
}

/// A reqwest failure in words, then its causes: reqwest's own message names the URL, its
/// causes (hyper, the OS) do not.
fn describe_reqwest(error: &reqwest::Error, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else if error.is_body() || error.is_decode() {
        "the response body could not be read"
    } else {
        "the request failed"
    })?;
    describe_causes(error.source(), f)
}

fn describe_causes(
    mut cause: Option<&(dyn std::error::Error + 'static)>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    while let Some(error) = cause {
        f.write_str(": ")?;
        if let Some(reqwest_middleware::Error::Reqwest(error)) =
            error.downcast_ref::<reqwest_middleware::Error>()
        {
            return describe_reqwest(error, f);
        }
        if let Some(error) = error.downcast_ref::<reqwest::Error>() {
            return describe_reqwest(error, f);
        }
        write!(f, "{error}")?;
        cause = error.source();
    }
    Ok(())
}

/// The start of a body, on one line, for a message: at most [`Excerpt::LIMIT`] characters.
struct Excerpt<'a>(&'a [u8]);

impl Excerpt<'_> {
    const LIMIT: usize = 200;
}

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = String::from_utf8_lossy(self.0);
        let mut words = text.split_whitespace().peekable();
        if words.peek().is_none() {
            return f.write_str("(empty body)");
        }
        let mut written = 0;
        for (index, word) in words.enumerate() {
            if index > 0 {
                f.write_str(" ")?;
                written += 1;
            }
            for character in word.chars() {
                if written == Self::LIMIT {
                    return f.write_str("…");
                }
                write!(f, "{character}")?;
                written += 1;
            }
        }
        Ok(())
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => Some(error),
            Error::InvalidBody { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Why a request could not be built.
#[doc(hidden)]
#[derive(Debug)]
pub struct InvalidRequest(String);

impl InvalidRequest {
    pub(crate) fn new(reason: impl Into<String>) -> Self {
        Self(reason.into())
    }
}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(error: InvalidRequest) -> Self {
        Error::InvalidRequest(error.0)
    }
}

impl<E> From<reqwest_middleware::Error> for Error<E> {
    fn from(error: reqwest_middleware::Error) -> Self {
        Error::Transport(error)
    }
}

#[cfg(test)]
mod tests {
    use crate::response::raw;

    #[test]
    fn an_error_response_shows_its_status_and_body_not_debug() {
        let body = br#"{"type": "validation_error",
            "errors": {"currency": ["This field is required."]}}"#;
        let error = crate::failure::<(), serde_json::Value>(raw(422, body).json()).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"422 Unprocessable Entity: {"type": "validation_error", "errors": {"currency": ["This field is required."]}}"#
        );
        let long = raw(500, &[b'x'; 300]).unexpected::<()>().to_string();
        assert_eq!(
            long,
            format!(
                "unexpected status 500 Internal Server Error: {}…",
                "x".repeat(200)
            )
        );
        assert_eq!(
            raw(502, b"").unexpected::<()>().to_string(),
            "unexpected status 502 Bad Gateway: (empty body)"
        );
    }
}
