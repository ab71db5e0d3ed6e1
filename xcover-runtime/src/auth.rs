//! Credentials from a spec's security schemes: API keys (header, query, cookie) and HTTP
//! bearer and basic, set on a generated `ClientBuilder` and sent on every attempt of every
//! request by a middleware outermost in the chain: a retried request is a clone of the one it
//! authenticated, and every middleware added (signing, a test double) sees the credentials.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use http::header::{AUTHORIZATION, COOKIE};
use http::{HeaderName, HeaderValue};
use reqwest_middleware::{Middleware, Next};

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyIn {
    /// A header of the scheme's name.
    Header,
    /// A query parameter of the scheme's name.
    Query,
    /// A cookie of the scheme's name.
    Cookie,
}

/// The credentials a client sends. `Debug` shows where each goes, never its value.
#[derive(Clone, Default)]
pub struct Credentials {
    entries: Vec<Credential>,
}

#[derive(Clone)]
struct Credential {
    place: Place,
    /// The header value, or the query or cookie value, as sent.
    value: String,
}

#[derive(Debug, Clone)]
enum Place {
    Header(&'static str),
    Query(&'static str),
    Cookie(&'static str),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.entries.iter().map(|entry| &entry.place))
            .finish()
    }
}

impl Credentials {
    /// Adds an API key sent as the header, query parameter or cookie `name`.
    #[doc(hidden)]
    pub fn api_key(self, location: KeyIn, name: &'static str, key: String) -> Self {
        let place = match location {
            KeyIn::Header => Place::Header(name),
            KeyIn::Query => Place::Query(name),
            KeyIn::Cookie => Place::Cookie(name),
        };
        self.with(place, key)
    }

    /// Adds `Authorization: Bearer <token>`.
    #[doc(hidden)]
    pub fn bearer(self, token: String) -> Self {
        self.with(
            Place::Header(AUTHORIZATION.as_str()),
            format!("Bearer {token}"),
        )
    }

    /// Adds `Authorization: Basic <base64 of username:password>`.
    #[doc(hidden)]
    pub fn basic(self, username: String, password: String) -> Self {
        let encoded =
            base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
        self.with(
            Place::Header(AUTHORIZATION.as_str()),
            format!("Basic {encoded}"),
        )
    }

    /// A credential set again replaces the one before in the same place.
    fn with(mut self, place: Place, value: String) -> Self {
        self.entries
            .retain(|entry| entry.place.key() != place.key());
        self.entries.push(Credential { place, value });
        self
    }

    /// The middleware that sends them, when there are any.
    #[doc(hidden)]
    pub fn middleware(self) -> Option<Arc<dyn Middleware>> {
        (!self.entries.is_empty()).then(|| Arc::new(Authenticate(self)) as Arc<dyn Middleware>)
    }
}

impl Place {
    /// What makes two places the same: the kind and the name, case-insensitive for headers.
    fn key(&self) -> (u8, String) {
        match self {
            Place::Header(name) => (0, name.to_ascii_lowercase()),
            Place::Query(name) => (1, (*name).to_owned()),
            Place::Cookie(name) => (2, (*name).to_owned()),
        }
    }
}

/// Why a credential could not be sent: it is not a valid header value.
#[derive(Debug)]
struct InvalidCredential(&'static str);

impl fmt::Display for InvalidCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the credential for `{}` is not a valid header value",
            self.0
        )
    }
}

impl std::error::Error for InvalidCredential {}

/// Sends the credentials on each request passing through it.
struct Authenticate(Credentials);

impl Authenticate {
    fn apply(&self, request: &mut reqwest::Request) -> Result<(), InvalidCredential> {
        for entry in &self.0.entries {
            match entry.place {
                Place::Header(name) => {
                    let header = HeaderName::try_from(name).map_err(|_| InvalidCredential(name))?;
                    request
                        .headers_mut()
                        .insert(header, secret_value(&entry.value, name)?);
                }
                Place::Query(name) => {
                    request
                        .url_mut()
                        .query_pairs_mut()
                        .append_pair(name, &entry.value);
                }
                Place::Cookie(name) => {
                    let pair = format!("{name}={}", entry.value);
                    let cookie = match request
                        .headers()
                        .get(COOKIE)
                        .and_then(|value| value.to_str().ok())
                    {
                        Some(existing) => format!("{existing}; {pair}"),
                        None => pair,
                    };
                    request
                        .headers_mut()
                        .insert(COOKIE, secret_value(&cookie, name)?);
                }
            }
        }
        Ok(())
    }
}

/// A header value that `Debug` never shows.
fn secret_value(value: &str, name: &'static str) -> Result<HeaderValue, InvalidCredential> {
    let mut value = HeaderValue::from_str(value).map_err(|_| InvalidCredential(name))?;
    value.set_sensitive(true);
    Ok(value)
}

#[async_trait::async_trait]
impl Middleware for Authenticate {
    async fn handle(
        &self,
        mut request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        self.apply(&mut request)
            .map_err(reqwest_middleware::Error::middleware)?;
        next.run(request, extensions).await
    }
}
