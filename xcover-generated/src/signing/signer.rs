//! [`Signer`]: the signing parameters (key, secret, algorithm, signed headers), running the
//! three signing steps.

use std::fmt;

use http::{HeaderMap, HeaderValue, Method};

use super::{
    authorization_with_header_list, sign, string_to_sign, Algorithm, SigningError,
    DEFAULT_SEND_API_KEY, DEFAULT_SIGNED_HEADERS,
};
use crate::ApiSecret;

/// Signs XCover requests with the partner's API key and secret.
///
/// By default it signs `(request-target) date` with `hmac-sha512` and sends `X-Api-Key`, as
/// [`Config`](crate::config::Config) does. `.headers(["date"])` signs the way the PHP SDK and
/// this SDK's earlier `Signer::new` did (`X-Api-Key` is still sent, as the PHP SDK sends it);
/// `.send_api_key(false)` leaves the header out, as the Python SDK does.
///
/// ```
/// use xcover_generated::signing::{Algorithm, Signer};
///
/// let signer = Signer::new("test_api_key", "test_api_secret")
///     .algorithm(Algorithm::HmacSha256)
///     .headers(["date"]);
/// let authorization = signer
///     .authorization(&http::Method::GET, "/get", "Sun, 29 Aug 2021 12:07:26 GMT")
///     .unwrap();
/// assert_eq!(
///     authorization,
///     "Signature keyId=\"test_api_key\",algorithm=\"hmac-sha256\",headers=\"date\",\
///      signature=\"bfxytCfvFqito27v0%2FKcN1jBJsgnCReimKXdAWwoi0k%3D\""
/// );
/// ```
#[derive(Clone)]
pub struct Signer {
    api_key: String,
    /// `api_key` as an `X-Api-Key` value, checked once; `None` when it is not visible ASCII.
    api_key_header: Option<HeaderValue>,
    api_secret: ApiSecret,
    algorithm: Algorithm,
    signed_headers: Vec<String>,
    /// `signed_headers` joined by spaces, as the `Authorization` value's `headers` parameter.
    header_list: String,
    send_api_key: bool,
}

impl Signer {
    /// A signer with the SDK's defaults: `hmac-sha512` over
    /// [`DEFAULT_SIGNED_HEADERS`] (`(request-target) date`), sending `X-Api-Key`
    /// ([`DEFAULT_SEND_API_KEY`]).
    pub fn new(api_key: impl Into<String>, api_secret: impl Into<ApiSecret>) -> Self {
        let api_key = api_key.into();
        Self {
            api_key_header: HeaderValue::from_str(&api_key).ok(),
            api_key,
            api_secret: api_secret.into(),
            algorithm: Algorithm::default(),
            signed_headers: Vec::new(),
            header_list: String::new(),
            send_api_key: DEFAULT_SEND_API_KEY,
        }
        .headers(DEFAULT_SIGNED_HEADERS)
    }

    /// The HMAC algorithm (default `hmac-sha512`).
    pub fn algorithm(mut self, algorithm: Algorithm) -> Self {
        self.algorithm = algorithm;
        self
    }

    /// The headers to sign, in order (default `["(request-target)", "date"]`, as the official
    /// Python SDK signs; `["date"]` is what the PHP SDK and the XCover docs' example sign).
    /// Names are case-insensitive.
    pub fn headers<I, S>(mut self, headers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.signed_headers = headers
            .into_iter()
            .map(|name| name.as_ref().trim().to_ascii_lowercase())
            .filter(|name| !name.is_empty())
            .collect();
        self.header_list = self.signed_headers.join(" ");
        self
    }

    /// Whether signing also sets `X-Api-Key` to the API key (default yes). The XCover docs
    /// list the header as required and the PHP SDK sends it; the Python SDK does not, and
    /// its calls succeed.
    pub fn send_api_key(mut self, send: bool) -> Self {
        self.send_api_key = send;
        self
    }

    /// The API key, sent as the signature's `keyId`.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The HMAC algorithm.
    pub fn signature_algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The signed headers, lower-case, in signing order.
    pub fn signed_headers(&self) -> &[String] {
        &self.signed_headers
    }

    /// Whether signing sets `X-Api-Key`.
    pub fn sends_api_key(&self) -> bool {
        self.send_api_key
    }

    /// The `X-Api-Key` value, or `None` when the API key is not a valid header value.
    pub(crate) fn api_key_header(&self) -> Option<&HeaderValue> {
        self.api_key_header.as_ref()
    }

    /// The `Authorization` value for a request with this method, path (without its query)
    /// and `Date` value. Fails when a signed header other than `(request-target)` and `date` is
    /// configured: use [`authorization_for`](Self::authorization_for) for those.
    pub fn authorization(
        &self,
        method: &Method,
        path: &str,
        date: &str,
    ) -> Result<String, SigningError> {
        let mut headers = HeaderMap::new();
        let date = HeaderValue::from_str(date).map_err(|_| SigningError::InvalidHeaderValue {
            name: "date".into(),
        })?;
        headers.insert(http::header::DATE, date);
        self.authorization_for(method, path, &headers)
    }

    /// The `Authorization` value for a request with this method, path (without its query) and
    /// headers, which must hold every signed header.
    pub fn authorization_for(
        &self,
        method: &Method,
        path: &str,
        headers: &HeaderMap,
    ) -> Result<String, SigningError> {
        let to_sign = string_to_sign(&self.signed_headers, method, path, headers)?;
        let signature = sign(self.algorithm, &self.api_secret, &to_sign);
        Ok(authorization_with_header_list(
            &self.api_key,
            self.algorithm,
            &self.header_list,
            &signature,
        ))
    }
}

/// Shows what the signer was given, the secret redacted by `ApiSecret`'s own `Debug`; the
/// values derived from the key and the header list are not repeated.
impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("api_key", &self.api_key)
            .field("api_secret", &self.api_secret)
            .field("algorithm", &self.algorithm)
            .field("signed_headers", &self.signed_headers)
            .field("send_api_key", &self.send_api_key)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_python_sdks_signature_with_the_api_key() {
        let signer = Signer::new("key", "secret");
        assert_eq!(signer.signature_algorithm(), Algorithm::HmacSha512);
        assert_eq!(signer.signed_headers(), ["(request-target)", "date"]);
        assert!(signer.sends_api_key());
    }

    /// The configuration's default signer and `Signer::new` must sign alike, or a client wired
    /// by hand would send other requests than `Client::from_config`.
    #[test]
    fn signer_new_and_config_new_agree() {
        let config = crate::config::Config::new("https://example.test", "P", "key", "secret");
        let configured = config.signer();
        let new = Signer::new("key", "secret");
        assert_eq!(configured.signed_headers(), new.signed_headers());
        assert_eq!(configured.sends_api_key(), new.sends_api_key());
        assert_eq!(configured.signature_algorithm(), new.signature_algorithm());
        let date = "Thu, 04 Nov 2021 18:07:11 GMT";
        assert_eq!(
            configured.authorization(&Method::POST, "/quotes/", date),
            new.authorization(&Method::POST, "/quotes/", date)
        );
    }

    #[test]
    fn the_default_signs_the_request_target_as_the_python_sdk() {
        let signer = Signer::new("test_api_key", "test_api_secret");
        let authorization = signer
            .authorization(
                &Method::POST,
                "/xcover/partners/LLODT/quotes/",
                "Thu, 04 Nov 2021 18:07:11 GMT",
            )
            .unwrap();
        // Known answer computed with Python's hmac/base64/quote (see the signing tests).
        assert_eq!(
            authorization,
            "Signature keyId=\"test_api_key\",algorithm=\"hmac-sha512\",\
             headers=\"(request-target) date\",signature=\"EpfDsuoIIQsEqzRRLnWVCJuXjKFCarwqKI4FBKIKb3xZdUpJhFvxWXh2hD0oMQ7ddZF%2FOk37Mp3YZapqLEPwFg%3D%3D\""
        );
    }

    #[test]
    fn other_signed_headers_need_the_request_headers() {
        let signer = Signer::new("k", "s").headers(["date", "content-type"]);
        let err = signer
            .authorization(&Method::POST, "/", "Sun, 29 Aug 2021 12:07:26 GMT")
            .unwrap_err();
        assert_eq!(
            err,
            SigningError::MissingHeader {
                name: "content-type".into()
            }
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let signer = Signer::new("visible-key", "very-secret-value");
        let debug = format!("{signer:?}");
        assert!(!debug.contains("very-secret-value"), "{debug}");
        assert_eq!(
            debug,
            "Signer { api_key: \"visible-key\", api_secret: ApiSecret(<redacted>), \
             algorithm: HmacSha512, signed_headers: [\"(request-target)\", \"date\"], \
             send_api_key: true }"
        );
    }
}
