// Shared runtime of a generated client: response and error types, and the helpers every
// operation calls, so that operations stay small and the crate cheap to compile. Items marked
// `#[doc(hidden)]` are used by the generated code, not meant to be called directly.

use std::fmt;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

/// A response from the API: status, headers, extensions and the decoded body.
#[derive(Debug)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    extensions: http::Extensions,
    replayed: bool,
    body: T,
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
            body: f(self.body),
        }
    }
}

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

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Error::Transport(error) => write!(f, "transport error: {error}"),
            Error::ErrorResponse(response) => {
                write!(f, "error response {}: {:?}", response.status(), response.body())
            }
            Error::UnexpectedResponse(response) => write!(
                f,
                "unexpected response {}: {}",
                response.status(),
                String::from_utf8_lossy(response.body())
            ),
            Error::InvalidBody {
                response,
                path,
                source,
            } => write!(
                f,
                "invalid response body (status {}) at `{path}`: {source}",
                response.status()
            ),
        }
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

/// A received response whose body has not been decoded yet.
#[doc(hidden)]
pub struct RawResponse(Box<Response<Bytes>>);

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

    fn decode_json<T: DeserializeOwned>(
        self,
    ) -> Result<Response<T>, DecodeFailure> {
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

/// Sends a request and reads the whole response body.
#[doc(hidden)]
pub async fn send(request: reqwest_middleware::RequestBuilder) -> Result<RawResponse, reqwest_middleware::Error> {
    let mut response = request.send().await?;
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let extensions = std::mem::take(response.extensions_mut());
    let body = response.bytes().await?;
    Ok(RawResponse(Box::new(Response {
        status,
        headers,
        extensions,
        replayed: false,
        body,
    })))
}

/// Why a request could not be built.
#[doc(hidden)]
#[derive(Debug)]
pub struct InvalidRequest(String);

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

/// The text form of a parameter value, as it goes into a path, a query or a header.
fn parameter_text<T: Serialize + ?Sized>(value: &T) -> Result<Vec<String>, InvalidRequest> {
    let value = serde_json::to_value(value).map_err(|error| InvalidRequest(error.to_string()))?;
    Ok(match value {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::String(text) => vec![text],
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|item| match item {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            })
            .collect(),
        other => vec![other.to_string()],
    })
}

/// Percent-encodes a path parameter as one path segment.
#[doc(hidden)]
pub fn path_segment<T: Serialize + ?Sized>(value: &T) -> Result<String, InvalidRequest> {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let text = parameter_text(value)?.join(",");
    Ok(percent_encoding::utf8_percent_encode(&text, SEGMENT).to_string())
}

/// Appends a query parameter; arrays repeat the name (`form` style, exploded), and `None`
/// adds nothing.
#[doc(hidden)]
pub fn push_query<T: Serialize + ?Sized>(
    query: &mut Vec<(&'static str, String)>,
    name: &'static str,
    value: &T,
) -> Result<(), InvalidRequest> {
    for text in parameter_text(value)? {
        query.push((name, text));
    }
    Ok(())
}

/// A header value; arrays are joined with commas.
#[doc(hidden)]
pub fn header_value<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<HeaderValue, InvalidRequest> {
    let text = parameter_text(value)?.join(",");
    HeaderValue::from_str(&text)
        .map_err(|_| InvalidRequest(format!("header `{name}` has an invalid value")))
}

/// A documented error status: its decoded body as the error, or why it did not decode.
#[doc(hidden)]
pub fn failure<T, E>(decoded: Result<Response<E>, Error<E>>) -> Result<Response<T>, Error<E>> {
    Err(match decoded {
        Ok(response) => Error::ErrorResponse(Box::new(response)),
        Err(error) => error,
    })
}

/// A list the API sends either as a JSON array or as an object keyed by index
/// (`{"0": …, "1": …}`); it comes out in index order.
struct IndexKeyed<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for IndexKeyed<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = IndexKeyed<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array, or an object keyed by index")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(IndexKeyed(items))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries: Vec<(String, T)> = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                // Numeric keys in numeric order; anything else after them, in text order.
                entries.sort_by(|(a, _), (b, _)| {
                    match (a.parse::<u64>(), b.parse::<u64>()) {
                        (Ok(a), Ok(b)) => a.cmp(&b),
                        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
                        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
                        (Err(_), Err(_)) => a.cmp(b),
                    }
                });
                Ok(IndexKeyed(entries.into_iter().map(|(_, item)| item).collect()))
            }
        }

        deserializer.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

/// `deserialize_with` for a list that may arrive keyed by index.
#[doc(hidden)]
pub fn index_keyed<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    IndexKeyed::deserialize(deserializer).map(|list| list.0)
}

/// `deserialize_with` for an optional or nullable list that may arrive keyed by index.
#[doc(hidden)]
pub fn index_keyed_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    Option::<IndexKeyed<T>>::deserialize(deserializer).map(|list| list.map(|list| list.0))
}

/// `deserialize_with` for a field where absent (`None`) and `null` (`Some(None)`) differ.
#[doc(hidden)]
pub fn double_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The discriminator value of a tagged union, read from a buffered JSON value.
#[doc(hidden)]
pub fn tag_of<'a>(value: &'a serde_json::Value, property: &str) -> Option<&'a str> {
    value.get(property).and_then(serde_json::Value::as_str)
}

/// Decodes a buffered JSON value as one variant of a tagged union.
#[doc(hidden)]
pub fn from_value<T: DeserializeOwned, E: serde::de::Error>(
    value: serde_json::Value,
) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// Implements what a string enum needs: `as_str`, `From<&str>`, `Display`, `Serialize` and
/// `Deserialize`. Each listed variant is its wire value; the variant named after the `;`
/// (`Unknown(String)`) keeps any other value as sent. One macro instead of five impls per enum
/// keeps the generated code short and cheap to compile.
#[doc(hidden)]
#[allow(unused_macros)]
macro_rules! string_enum {
    ($name:ident, $unknown:ident; $($variant:ident($wire:literal)),* $(,)?) => {
        impl $name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$unknown(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::$unknown(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value: std::borrow::Cow<'de, str> = serde::Deserialize::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum;

/// Implements how a generated struct is built: a constructor taking the fields the spec
/// requires (a tag a union variant implies is set, not asked for) and one chainable setter per
/// other field. Structs are `#[non_exhaustive]`, so this is the one way to build them outside
/// the SDK, and a new optional field never breaks a caller. One macro instead of a method per
/// field keeps the generated code short and cheap to compile.
#[doc(hidden)]
#[allow(unused_macros)]
macro_rules! record {
    (
        $name:ident :: $new:ident ( $($required:ident : $required_ty:ty),* $(,)? )
        tag { $($tag:ident = $tag_value:literal),* $(,)? }
        some { $($optional:ident : $optional_ty:ty),* $(,)? }
        set { $($defaulted:ident : $defaulted_ty:ty = $default:expr),* $(,)? }
    ) => {
        impl $name {
            #[doc = concat!("A `", stringify!($name), "` with the fields the spec requires; the setters give the others.")]
            #[allow(clippy::too_many_arguments, clippy::new_without_default)]
            pub fn $new($($required: impl Into<$required_ty>),*) -> Self {
                Self {
                    $($required: $required.into(),)*
                    $($tag: $tag_value.into(),)*
                    $($optional: None,)*
                    $($defaulted: $default,)*
                }
            }

            $(
                #[doc = concat!("Sets `", stringify!($optional), "`.")]
                pub fn $optional(mut self, value: impl Into<$optional_ty>) -> Self {
                    self.$optional = Some(value.into());
                    self
                }
            )*

            $(
                #[doc = concat!("Sets `", stringify!($defaulted), "`.")]
                pub fn $defaulted(mut self, value: impl Into<$defaulted_ty>) -> Self {
                    self.$defaulted = value.into();
                    self
                }
            )*
        }
    };
}
#[allow(unused_imports)]
pub(crate) use record;

/// Implements `From` each variant's type for a union, so that a value becomes the union with
/// `.into()` (a tagged variant's constructor has already set its tag).
#[doc(hidden)]
#[allow(unused_macros)]
macro_rules! union_from {
    ($name:ident; $($variant:ident($ty:ty)),* $(,)?) => {
        $(
            impl From<$ty> for $name {
                fn from(value: $ty) -> Self {
                    Self::$variant(value)
                }
            }
        )*
    };
}
#[allow(unused_imports)]
pub(crate) use union_from;
