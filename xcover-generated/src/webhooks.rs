//! Webhooks: checking that a request really comes from XCover, then reading its event.
//!
//! XCover POSTs `{"event": "BOOKING_CREATED", "payload": {…}}` to the partner's URL with an
//! `Authorization: Signature keyId="…",algorithm="hmac-sha256",…,signature="…"` header made
//! with the partner's own key and secret, the key itself in `X-Api-Key`, and a `Date`.
//! [`WebhookVerifier`] checks, in order: the headers are there and well-formed; the key is the
//! partner's; the `Date` is signed and within the replay window; the signature matches (in
//! constant time, with the algorithm the header names); the body matches a signed `Digest`
//! header if there is one; and then parses the body.
//!
//! The signature XCover documents covers the `Date` header alone, not the body: a body
//! altered in transit still verifies unless the sender also signs a `Digest` header (RFC 3230,
//! `SHA-256=<base64>`). [`WebhookVerifier::require_signed_body`] rejects webhooks whose body is
//! not covered; keep the listener on HTTPS either way.
//!
//! A signature over `(request-target)` is checked against the path and its query, as
//! draft-cavage defines it, so a webhook replayed to the same path with another query fails.
//! Whether XCover signs a webhook's query is not confirmed (it signs the path alone of the
//! requests partners send it): [`SignedTarget::PathOnly`] checks the path alone, and then
//! refuses any webhook that has a query, since nothing would cover it.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use http::{uri::PathAndQuery, HeaderMap, Method};
use serde::de::DeserializeOwned;
use sha2::Digest as _;

use crate::{
    signing::{string_to_sign, SignatureParams, SigningError, REQUEST_TARGET},
    ApiSecret, SecretError,
};

pub use crate::types::WebhookEvent;

/// How far a webhook's `Date` may be from now, either way, by default.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(5 * 60);

/// The `Digest` header (RFC 3230) that lets a signature cover the body.
pub const DIGEST: &str = "digest";

/// What a signature over `(request-target)` covers besides the method, in
/// [`WebhookVerifier::verify_request`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SignedTarget {
    /// The path and its query, as draft-cavage defines `(request-target)`: a changed query
    /// breaks the signature.
    #[default]
    PathAndQuery,
    /// The path alone, as XCover signs the requests partners send it. A webhook with a query
    /// is refused, since its signature would not cover it.
    PathOnly,
}

/// Verifies webhooks with the partner's API key and secret.
///
/// ```
/// # use xcover_generated::webhooks::WebhookVerifier;
/// # fn handle(headers: &http::HeaderMap, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
/// let verifier = WebhookVerifier::new("my-api-key", "my-api-secret")?;
/// let event = verifier.verify(headers, body)?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct WebhookVerifier {
    api_key: String,
    api_secret: ApiSecret,
    window: Duration,
    require_signed_body: bool,
    signed_target: SignedTarget,
}

impl WebhookVerifier {
    /// A verifier for webhooks signed with this key pair, accepting a `Date` up to
    /// [`DEFAULT_WINDOW`] away from now.
    ///
    /// Fails when the secret is empty, since a webhook signed with an empty key would verify,
    /// or starts or ends with whitespace (a file's trailing newline, say), which is refused
    /// rather than trimmed, as `XC_AUTH_API_SECRET` is: see [`ApiSecret::check`].
    pub fn new(
        api_key: impl Into<String>,
        api_secret: impl Into<ApiSecret>,
    ) -> Result<Self, SecretError> {
        let api_secret = api_secret.into();
        api_secret.check()?;
        Ok(Self {
            api_key: api_key.into(),
            api_secret,
            window: DEFAULT_WINDOW,
            require_signed_body: false,
            signed_target: SignedTarget::default(),
        })
    }

    /// How far the `Date` may be from now, before or after: the replay window.
    pub fn window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// Whether to reject webhooks whose signature does not cover the body through a signed
    /// `Digest` header (default no: XCover documents a signature over the `Date` alone).
    pub fn require_signed_body(mut self, require: bool) -> Self {
        self.require_signed_body = require;
        self
    }

    /// What a signature over `(request-target)` covers (default the path and its query).
    pub fn signed_target(mut self, target: SignedTarget) -> Self {
        self.signed_target = target;
        self
    }

    /// Verifies a webhook's headers and body, then parses the body into its event.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<WebhookEvent, WebhookError> {
        self.verify_as(headers, body)
    }

    /// Verifies a whole `http::Request`; unlike [`verify`](Self::verify), this also accepts a
    /// signature over `(request-target)`, checked as [`signed_target`](Self::signed_target)
    /// says.
    pub fn verify_request<B: AsRef<[u8]>>(
        &self,
        request: &http::Request<B>,
    ) -> Result<WebhookEvent, WebhookError> {
        let uri = request.uri();
        let path = match self.signed_target {
            SignedTarget::PathAndQuery => uri
                .path_and_query()
                .map_or(uri.path(), PathAndQuery::as_str),
            SignedTarget::PathOnly if uri.query().is_some() => {
                return Err(WebhookError::UnsignedQuery)
            }
            SignedTarget::PathOnly => uri.path(),
        };
        let target = RequestTarget {
            method: request.method(),
            path,
        };
        self.check(
            Some(target),
            request.headers(),
            request.body().as_ref(),
            SystemTime::now(),
        )?;
        parse_body(request.body().as_ref())
    }

    /// [`verify`](Self::verify), parsing the body into any type (`serde_json::Value`, say).
    pub fn verify_as<T: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<T, WebhookError> {
        self.verify_signature_at(headers, body, SystemTime::now())?;
        parse_body(body)
    }

    /// Checks the headers and body as at `now`, without parsing the body.
    pub fn verify_signature_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        self.check(None, headers, body, now)
    }

    fn check(
        &self,
        target: Option<RequestTarget<'_>>,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        let params = SignatureParams::parse(header(headers, "authorization")?)?;
        if params.key_id != self.api_key {
            return Err(WebhookError::UnknownKeyId {
                key_id: params.key_id,
            });
        }
        if header(headers, "x-api-key")? != self.api_key {
            return Err(WebhookError::ApiKeyMismatch);
        }

        if !params.headers.iter().any(|name| name == "date") {
            return Err(WebhookError::DateNotSigned);
        }
        let date = header(headers, "date")?;
        let sent = httpdate::parse_http_date(date).map_err(|_| WebhookError::InvalidDate {
            value: date.to_owned(),
        })?;
        let skew = match now.duration_since(sent) {
            Ok(age) => age,
            Err(ahead) => ahead.duration(),
        };
        if skew > self.window {
            return Err(WebhookError::StaleDate {
                date: date.to_owned(),
                window: self.window,
            });
        }

        let signs_target = params.headers.iter().any(|name| name == REQUEST_TARGET);
        let (method, path) = match target {
            Some(target) => (target.method.clone(), target.path),
            None if signs_target => return Err(WebhookError::RequestTargetUnknown),
            None => (Method::POST, ""),
        };
        let to_sign = string_to_sign(&params.headers, &method, path, headers)?;
        let signature = params.signature_bytes()?;
        if !params
            .algorithm
            .verify(&self.api_secret, to_sign.as_bytes(), &signature)
        {
            return Err(WebhookError::SignatureMismatch);
        }

        if params.headers.iter().any(|name| name == DIGEST) {
            check_digest(header(headers, DIGEST)?, body)?;
        } else if self.require_signed_body {
            return Err(WebhookError::BodyNotSigned);
        }
        Ok(())
    }
}

/// The method and path of a webhook request, for signatures over `(request-target)`.
struct RequestTarget<'a> {
    method: &'a Method,
    /// The path, with its query unless the verifier checks the path alone.
    path: &'a str,
}

/// A `Digest` header value for `body`: `SHA-256=<base64 of its SHA-256>`. For a sender (or a
/// test) that signs `date digest` so that the signature covers the body.
pub fn body_digest(body: &[u8]) -> String {
    let hash = sha2::Sha256::digest(body);
    format!(
        "SHA-256={}",
        base64::engine::general_purpose::STANDARD.encode(hash)
    )
}

/// Checks `body` against a `Digest` value: a comma-separated list of `algorithm=base64`,
/// of which `SHA-256` and `SHA-512` are understood.
fn check_digest(value: &str, body: &[u8]) -> Result<(), WebhookError> {
    let mut checked = false;
    for entry in value.split(',') {
        let Some((algorithm, expected)) = entry.trim().split_once('=') else {
            continue;
        };
        let actual = match algorithm.to_ascii_lowercase().as_str() {
            "sha-256" => sha2::Sha256::digest(body).to_vec(),
            "sha-512" => sha2::Sha512::digest(body).to_vec(),
            _ => continue,
        };
        let expected = base64::engine::general_purpose::STANDARD
            .decode(expected.trim())
            .map_err(|_| WebhookError::BodyDigestMismatch)?;
        if expected != actual {
            return Err(WebhookError::BodyDigestMismatch);
        }
        checked = true;
    }
    if checked {
        Ok(())
    } else {
        Err(WebhookError::UnsupportedDigest {
            value: value.to_owned(),
        })
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, WebhookError> {
    headers
        .get(name)
        .ok_or(WebhookError::MissingHeader { name: name.into() })?
        .to_str()
        .map_err(|_| WebhookError::MalformedHeader { name })
}

fn parse_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, WebhookError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(deserializer).map_err(|error| WebhookError::InvalidBody {
        path: error.path().to_string(),
        source: error.into_inner(),
    })
}

/// Why a webhook was rejected. Each cause is its own variant; none holds the secret.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    /// A header the check needs is absent (`authorization`, `x-api-key`, `date`, or another
    /// signed header).
    #[error("the webhook has no `{name}` header")]
    MissingHeader {
        /// The header's name, lower-case.
        name: String,
    },
    /// A header's value is not visible ASCII.
    #[error("the webhook's `{name}` header is not visible ASCII")]
    MalformedHeader {
        /// The header's name.
        name: &'static str,
    },
    /// The `Authorization` header is not `Signature keyId="…",algorithm="…",signature="…"`.
    #[error("the webhook's Authorization header is malformed: {reason}")]
    MalformedAuthorization {
        /// What is wrong with it.
        reason: String,
    },
    /// The `Authorization` header names an algorithm other than HMAC SHA-256/384/512.
    #[error("the webhook is signed with an unsupported algorithm `{name}`")]
    UnsupportedAlgorithm {
        /// The algorithm as named.
        name: String,
    },
    /// The signature's `keyId` is not the partner's API key.
    #[error("the webhook is signed for key `{key_id}`, not this partner's")]
    UnknownKeyId {
        /// The key the signature names.
        key_id: String,
    },
    /// `X-Api-Key` is not the partner's API key.
    #[error("the webhook's X-Api-Key is not this partner's API key")]
    ApiKeyMismatch,
    /// The signature does not cover the `Date` header, so a replay could not be detected.
    #[error("the webhook's signature does not cover its Date header")]
    DateNotSigned,
    /// The `Date` header is not an HTTP date.
    #[error("the webhook's Date `{value}` is not an HTTP date")]
    InvalidDate {
        /// The value as sent.
        value: String,
    },
    /// The `Date` is further from now than the window allows: a replay, or a wrong clock.
    #[error("the webhook's Date `{date}` is more than {window:?} away from now")]
    StaleDate {
        /// The value as sent.
        date: String,
        /// The window it fell outside.
        window: Duration,
    },
    /// The signature covers `(request-target)`, but only headers and body were given: use
    /// [`WebhookVerifier::verify_request`].
    #[error("the webhook's signature covers (request-target); verify the whole request")]
    RequestTargetUnknown,
    /// The webhook's URL has a query, and the verifier checks the path alone
    /// ([`SignedTarget::PathOnly`]), so the signature would not cover it.
    #[error("the webhook's URL has a query, which a path-only (request-target) does not cover")]
    UnsignedQuery,
    /// The signature is not the HMAC of the signed headers with the partner's secret: a wrong
    /// secret, or altered headers.
    #[error("the webhook's signature does not match")]
    SignatureMismatch,
    /// The body is not the one the signed `Digest` header describes: it was altered.
    #[error("the webhook's body does not match its signed Digest")]
    BodyDigestMismatch,
    /// The `Digest` header names no algorithm understood here (SHA-256, SHA-512).
    #[error("the webhook's Digest `{value}` uses no supported algorithm")]
    UnsupportedDigest {
        /// The value as sent.
        value: String,
    },
    /// The signature does not cover the body, and the verifier requires it to.
    #[error("the webhook's signature does not cover its body (no signed Digest header)")]
    BodyNotSigned,
    /// The signature is good but the body is not a webhook event.
    #[error("the webhook's body is not a valid event at `{path}`: {source}")]
    InvalidBody {
        /// Where in the JSON the problem is (`.` for the top level).
        path: String,
        /// The JSON error.
        source: serde_json::Error,
    },
}

impl From<SigningError> for WebhookError {
    fn from(error: SigningError) -> Self {
        match error {
            SigningError::MissingHeader { name } => WebhookError::MissingHeader { name },
            SigningError::InvalidHeaderValue { name } => WebhookError::MalformedAuthorization {
                reason: format!("the signed header `{name}` is not visible ASCII"),
            },
            SigningError::UnsupportedAlgorithm { name } => {
                WebhookError::UnsupportedAlgorithm { name }
            }
            SigningError::MalformedAuthorization { reason } => {
                WebhookError::MalformedAuthorization { reason }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use http::{HeaderValue, Request};

    use super::*;
    use crate::signing::{Algorithm, SignExt, Signer};

    const KEY: &str = "partner-key";
    const SECRET: &str = "partner-secret";
    /// An event this SDK does not know yet: it verifies and parses all the same.
    const BODY: &[u8] = br#"{"event":"POLICY_PAUSED","payload":{"id":"8AMKH-KQ8NR-INS"}}"#;

    fn now() -> SystemTime {
        httpdate::parse_http_date("Sun, 08 Oct 2023 00:00:50 GMT").unwrap()
    }

    /// Headers as XCover sends them: SHA-256 over the date alone, key in X-Api-Key.
    fn xcover_headers(secret: &str, signed: &[&str], body: &[u8]) -> HeaderMap {
        let mut request = Request::post("/hooks/xcover").body(()).unwrap();
        request
            .headers_mut()
            .insert(DIGEST, HeaderValue::from_str(&body_digest(body)).unwrap());
        let signer = Signer::new(KEY, secret)
            .algorithm(Algorithm::HmacSha256)
            .headers(signed)
            .send_api_key(true);
        request.sign_at(&signer, now()).unwrap();
        request.headers().clone()
    }

    fn verifier() -> WebhookVerifier {
        WebhookVerifier::new(KEY, SECRET).unwrap()
    }

    #[test]
    fn accepts_a_good_signature_and_parses_the_event() {
        let headers = xcover_headers(SECRET, &["date"], BODY);
        verifier()
            .verify_signature_at(&headers, BODY, now())
            .unwrap();
        let event: WebhookEvent = parse_body(BODY).unwrap();
        let WebhookEvent::Unknown(event) = event else {
            panic!("{event:?}")
        };
        assert_eq!(event["event"], "POLICY_PAUSED");
    }

    #[test]
    fn rejects_a_wrong_secret() {
        let headers = xcover_headers("someone-else", &["date"], BODY);
        let err = verifier()
            .verify_signature_at(&headers, BODY, now())
            .unwrap_err();
        assert!(matches!(err, WebhookError::SignatureMismatch), "{err:?}");
    }

    #[test]
    fn rejects_a_date_outside_the_window_either_way() {
        let headers = xcover_headers(SECRET, &["date"], BODY);
        for later in [
            now() + Duration::from_secs(301),
            now() - Duration::from_secs(301),
        ] {
            let err = verifier()
                .verify_signature_at(&headers, BODY, later)
                .unwrap_err();
            assert!(matches!(err, WebhookError::StaleDate { .. }), "{err:?}");
        }
        verifier()
            .window(Duration::from_secs(3600))
            .verify_signature_at(&headers, BODY, now() + Duration::from_secs(301))
            .unwrap();
    }

    #[test]
    fn a_signed_digest_catches_a_tampered_body() {
        let headers = xcover_headers(SECRET, &["date", "digest"], BODY);
        verifier()
            .verify_signature_at(&headers, BODY, now())
            .unwrap();
        let tampered = br#"{"event":"POLICY_PAUSED","payload":{"id":"8AMKH-KQ8NR-IN5"}}"#;
        let err = verifier()
            .verify_signature_at(&headers, tampered, now())
            .unwrap_err();
        assert!(matches!(err, WebhookError::BodyDigestMismatch), "{err:?}");
    }

    #[test]
    fn a_date_only_signature_can_be_required_to_cover_the_body() {
        let headers = xcover_headers(SECRET, &["date"], BODY);
        let err = verifier()
            .require_signed_body(true)
            .verify_signature_at(&headers, BODY, now())
            .unwrap_err();
        assert!(matches!(err, WebhookError::BodyNotSigned), "{err:?}");
    }

    #[test]
    fn every_header_problem_has_its_own_error() {
        let good = xcover_headers(SECRET, &["date"], BODY);
        let check = |headers: &HeaderMap| verifier().verify_signature_at(headers, BODY, now());

        for name in ["authorization", "x-api-key", "date"] {
            let mut headers = good.clone();
            headers.remove(name);
            let err = check(&headers).unwrap_err();
            assert!(
                matches!(&err, WebhookError::MissingHeader { name: missing } if missing == name),
                "{name}: {err:?}"
            );
        }

        let mut headers = good.clone();
        headers.insert("x-api-key", HeaderValue::from_static("other-key"));
        assert!(matches!(check(&headers), Err(WebhookError::ApiKeyMismatch)));

        let mut headers = good.clone();
        headers.insert("date", HeaderValue::from_static("yesterday"));
        assert!(matches!(
            check(&headers),
            Err(WebhookError::InvalidDate { .. })
        ));

        let mut headers = good.clone();
        headers.insert("authorization", HeaderValue::from_static("Bearer x"));
        assert!(matches!(
            check(&headers),
            Err(WebhookError::MalformedAuthorization { .. })
        ));

        let authorization = good["authorization"].to_str().unwrap();
        let mut headers = good.clone();
        headers.insert(
            "authorization",
            HeaderValue::from_str(&authorization.replace("hmac-sha256", "hmac-sha1")).unwrap(),
        );
        assert!(matches!(
            check(&headers),
            Err(WebhookError::UnsupportedAlgorithm { .. })
        ));

        let mut headers = good.clone();
        headers.insert(
            "authorization",
            HeaderValue::from_str(&authorization.replace(KEY, "stranger")).unwrap(),
        );
        assert!(matches!(
            check(&headers),
            Err(WebhookError::UnknownKeyId { .. })
        ));

        let mut headers = good.clone();
        headers.insert(
            "authorization",
            HeaderValue::from_str(
                &authorization.replace("headers=\"date\"", "headers=\"x-api-key\""),
            )
            .unwrap(),
        );
        assert!(matches!(check(&headers), Err(WebhookError::DateNotSigned)));

        let signed_target = xcover_headers(SECRET, &["(request-target)", "date"], BODY);
        assert!(matches!(
            check(&signed_target),
            Err(WebhookError::RequestTargetUnknown)
        ));
    }

    #[test]
    fn verify_request_checks_a_signed_request_target() {
        let headers = xcover_headers(SECRET, &["(request-target)", "date"], BODY);
        let mut request = Request::post("/hooks/xcover").body(BODY.to_vec()).unwrap();
        *request.headers_mut() = headers;
        let verifier = verifier().window(Duration::from_secs(u32::MAX.into()));
        let event = verifier.verify_request(&request).unwrap();
        assert!(matches!(event, WebhookEvent::Unknown(_)), "{event:?}");

        *request.uri_mut() = "/elsewhere".parse().unwrap();
        let err = verifier.verify_request(&request).unwrap_err();
        assert!(matches!(err, WebhookError::SignatureMismatch), "{err:?}");
    }

    /// XCover-style headers whose signature covers `(request-target)` as `post <target>`.
    fn signed_over(target: &str) -> HeaderMap {
        let signed = ["(request-target)", "date"];
        let mut headers = xcover_headers(SECRET, &signed, BODY);
        let authorization = Signer::new(KEY, SECRET)
            .algorithm(Algorithm::HmacSha256)
            .headers(signed)
            .authorization_for(&Method::POST, target, &headers)
            .unwrap();
        headers.insert(
            "authorization",
            HeaderValue::from_str(&authorization).unwrap(),
        );
        headers
    }

    fn post(target: &str, headers: &HeaderMap) -> Request<Vec<u8>> {
        let mut request = Request::post(target).body(BODY.to_vec()).unwrap();
        *request.headers_mut() = headers.clone();
        request
    }

    #[test]
    fn a_signed_request_target_covers_the_query() {
        let verifier = verifier().window(Duration::from_secs(u32::MAX.into()));
        let check =
            |target: &str, headers: &HeaderMap| verifier.verify_request(&post(target, headers));

        let path_signed = signed_over("/hooks/xcover");
        check("/hooks/xcover", &path_signed).unwrap();
        let err = check("/hooks/xcover?admin=1", &path_signed).unwrap_err();
        assert!(matches!(err, WebhookError::SignatureMismatch), "{err:?}");

        let query_signed = signed_over("/hooks/xcover?source=xcover");
        check("/hooks/xcover?source=xcover", &query_signed).unwrap();
        let err = check("/hooks/xcover?source=other", &query_signed).unwrap_err();
        assert!(matches!(err, WebhookError::SignatureMismatch), "{err:?}");
    }

    #[test]
    fn a_path_only_verifier_refuses_any_query() {
        let verifier = verifier()
            .window(Duration::from_secs(u32::MAX.into()))
            .signed_target(SignedTarget::PathOnly);
        let check =
            |target: &str, headers: &HeaderMap| verifier.verify_request(&post(target, headers));

        check("/hooks/xcover", &signed_over("/hooks/xcover")).unwrap();
        for (target, signed) in [
            ("/hooks/xcover?admin=1", "/hooks/xcover"),
            ("/hooks/xcover?", "/hooks/xcover"),
            ("/hooks/xcover?source=xcover", "/hooks/xcover?source=xcover"),
        ] {
            let err = check(target, &signed_over(signed)).unwrap_err();
            assert!(
                matches!(err, WebhookError::UnsignedQuery),
                "{target}: {err:?}"
            );
        }
    }

    #[test]
    fn a_bad_body_is_reported_with_its_path() {
        let err = parse_body::<WebhookEvent>(b"{\"event\": ").unwrap_err();
        assert!(matches!(err, WebhookError::InvalidBody { .. }), "{err:?}");
    }

    #[test]
    fn an_empty_or_padded_secret_is_refused() {
        // A webhook signed with an empty key: anyone can make one.
        let forged = xcover_headers("", &["date"], BODY);
        assert!(matches!(
            WebhookVerifier::new(KEY, ""),
            Err(SecretError::Empty)
        ));
        assert!(matches!(
            WebhookVerifier::new(KEY, format!("{SECRET}\n")),
            Err(SecretError::SurroundingWhitespace)
        ));
        let err = verifier()
            .verify_signature_at(&forged, BODY, now())
            .unwrap_err();
        assert!(matches!(err, WebhookError::SignatureMismatch), "{err:?}");
    }

    #[test]
    fn errors_never_show_the_secret() {
        let verifier = verifier();
        assert!(!format!("{verifier:?}").contains(SECRET));
    }
}
