//! Request signing: HTTP Signatures (draft-cavage) over HMAC, the way XCover authenticates
//! partners and signs its webhooks.
//!
//! Shaped like `aws-sigv4`, one small function per step:
//!
//! 1. [`string_to_sign`]: one `name: value` line per signed header, joined by `\n`. The
//!    pseudo-header `(request-target)` is `<method lower-case> <path>`, the path without its
//!    query, as the official Python SDK signs it.
//! 2. [`sign`]: the HMAC of that string keyed with the API secret, in standard base64,
//!    percent-encoded.
//! 3. [`authorization_value`]: `Signature keyId="…",algorithm="hmac-sha512",
//!    headers="(request-target) date",signature="…"`. [`SignatureParams::parse`] reads such a
//!    value back (webhooks).
//!
//! [`Signer`] holds the parameters and runs the steps; [`SignExt`] signs a request
//! (setting `Date` when absent, and `X-Api-Key`); [`SigningMiddleware`] signs every request a
//! client sends, retries included, each with a fresh `Date`.
//!
//! [`Signer::new`] and [`Config::new`](crate::config::Config::new) share one default,
//! [`DEFAULT_SIGNED_HEADERS`] and [`DEFAULT_SEND_API_KEY`], so a client wired by hand sends
//! the same requests as [`Client::from_config`](crate::Client::from_config).

mod middleware;
mod params;
mod request;
mod signer;

pub use middleware::SigningMiddleware;
pub use params::SignatureParams;
pub use request::SignExt;
pub use signer::Signer;

use std::{fmt, str::FromStr};

use base64::Engine as _;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use http::{HeaderMap, Method};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use sha2::{Sha256, Sha384, Sha512};

use crate::ApiSecret;

/// The pseudo-header that signs the method and path: `(request-target): post /partners/…`.
pub const REQUEST_TARGET: &str = "(request-target)";

/// The headers a [`Signer`] signs unless told otherwise: `(request-target) date`, as the
/// official Python SDK does, so that a signature can't be replayed on another path. The PHP
/// SDK and the XCover docs' example sign `date` alone: `.headers(["date"])`.
pub const DEFAULT_SIGNED_HEADERS: &[&str] = &[REQUEST_TARGET, "date"];

/// Whether a [`Signer`] sends the API key as `X-Api-Key` unless told otherwise: yes, as the
/// XCover docs list the header as required (the PHP SDK sends it; the Python SDK doesn't).
pub const DEFAULT_SEND_API_KEY: bool = true;

/// What `encodeURIComponent` and Python's `quote(…, safe="")` leave alone: the RFC 3986
/// unreserved characters. Of base64's alphabet, `+`, `/` and `=` get encoded.
const SIGNATURE_ENCODE_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The HMAC algorithm of a signature, named in the `Authorization` header's `algorithm`
/// parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Algorithm {
    /// `hmac-sha256`: how XCover signs webhooks today.
    HmacSha256,
    /// `hmac-sha384`.
    HmacSha384,
    /// `hmac-sha512`: the XCover documentation's and the official SDKs' default.
    #[default]
    HmacSha512,
}

impl Algorithm {
    /// The name used in the `Authorization` header and in `XC_AUTH_ALGORITHM`.
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::HmacSha256 => "hmac-sha256",
            Algorithm::HmacSha384 => "hmac-sha384",
            Algorithm::HmacSha512 => "hmac-sha512",
        }
    }

    /// The raw HMAC of `message` keyed with `secret`.
    pub fn hmac(self, secret: &ApiSecret, message: &[u8]) -> Vec<u8> {
        let key = secret.expose().as_bytes();
        match self {
            Algorithm::HmacSha256 => keyed::<Hmac<Sha256>>(key, message)
                .finalize()
                .into_bytes()
                .to_vec(),
            Algorithm::HmacSha384 => keyed::<Hmac<Sha384>>(key, message)
                .finalize()
                .into_bytes()
                .to_vec(),
            Algorithm::HmacSha512 => keyed::<Hmac<Sha512>>(key, message)
                .finalize()
                .into_bytes()
                .to_vec(),
        }
    }

    /// Whether `signature` is the HMAC of `message` keyed with `secret`, compared in constant
    /// time (so a forger learns nothing from how long a rejection takes).
    pub fn verify(self, secret: &ApiSecret, message: &[u8], signature: &[u8]) -> bool {
        let key = secret.expose().as_bytes();
        match self {
            Algorithm::HmacSha256 => keyed::<Hmac<Sha256>>(key, message).verify_slice(signature),
            Algorithm::HmacSha384 => keyed::<Hmac<Sha384>>(key, message).verify_slice(signature),
            Algorithm::HmacSha512 => keyed::<Hmac<Sha512>>(key, message).verify_slice(signature),
        }
        .is_ok()
    }
}

/// An HMAC keyed with `key` that has consumed `message`.
fn keyed<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> M {
    // HMAC takes a key of any length (RFC 2104 hashes long keys and pads short ones), so
    // this cannot fail.
    let mut mac = <M as KeyInit>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Algorithm {
    type Err = SigningError;

    /// Accepts the header names (`hmac-sha256`, …), in any case.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.trim().to_ascii_lowercase().as_str() {
            "hmac-sha256" => Ok(Algorithm::HmacSha256),
            "hmac-sha384" => Ok(Algorithm::HmacSha384),
            "hmac-sha512" => Ok(Algorithm::HmacSha512),
            _ => Err(SigningError::UnsupportedAlgorithm {
                name: name.to_owned(),
            }),
        }
    }
}

/// Why a request could not be signed, or a signature header not read. Never holds the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SigningError {
    /// A header named in the signed-header list is not on the request.
    #[error("the signed header `{name}` is missing from the request")]
    MissingHeader {
        /// The header's name, lower-case.
        name: String,
    },
    /// A header's value is not visible ASCII, so it cannot be signed or sent.
    #[error("the `{name}` header value is not visible ASCII")]
    InvalidHeaderValue {
        /// The header's name, lower-case.
        name: String,
    },
    /// The algorithm is not one of `hmac-sha256`, `hmac-sha384` or `hmac-sha512`.
    #[error("unsupported signature algorithm `{name}` (expected hmac-sha256, hmac-sha384 or hmac-sha512)")]
    UnsupportedAlgorithm {
        /// The name as given.
        name: String,
    },
    /// An `Authorization` value that is not `Signature keyId="…",…,signature="…"`.
    #[error("malformed Signature authorization: {reason}")]
    MalformedAuthorization {
        /// What is wrong with it.
        reason: String,
    },
}

/// Step 1: the string to sign, one `name: value` line per signed header, joined by `\n`.
///
/// `(request-target)` is `<method lower-case> <path>`: for a request to XCover, `path` is its
/// path without the query, as the official Python SDK signs it (a webhook's is checked with its
/// query by default: see [`webhooks`](crate::webhooks)). Any other name is looked up in
/// `headers`.
pub fn string_to_sign(
    signed_headers: &[impl AsRef<str>],
    method: &Method,
    path: &str,
    headers: &HeaderMap,
) -> Result<String, SigningError> {
    let mut lines = Vec::with_capacity(signed_headers.len());
    for name in signed_headers {
        let name = name.as_ref().to_ascii_lowercase();
        if name == REQUEST_TARGET {
            lines.push(format!(
                "{REQUEST_TARGET}: {} {path}",
                method.as_str().to_ascii_lowercase()
            ));
            continue;
        }
        let value = headers
            .get(name.as_str())
            .ok_or_else(|| SigningError::MissingHeader { name: name.clone() })?
            .to_str()
            .map_err(|_| SigningError::InvalidHeaderValue { name: name.clone() })?;
        lines.push(format!("{name}: {value}"));
    }
    Ok(lines.join("\n"))
}

/// Step 2: the signature, `percent-encode(base64(HMAC(secret, string_to_sign)))`, base64 being
/// the standard alphabet with padding (the URL-safe one is rejected by XCover).
pub fn sign(algorithm: Algorithm, secret: &ApiSecret, string_to_sign: &str) -> String {
    let mac = algorithm.hmac(secret, string_to_sign.as_bytes());
    let encoded = base64::engine::general_purpose::STANDARD.encode(mac);
    percent_encoding::utf8_percent_encode(&encoded, SIGNATURE_ENCODE_SET).to_string()
}

/// Step 3: the `Authorization` header value,
/// `Signature keyId="…",algorithm="…",headers="…",signature="…"`.
pub fn authorization_value(
    key_id: &str,
    algorithm: Algorithm,
    signed_headers: &[impl AsRef<str>],
    signature: &str,
) -> String {
    let headers = signed_headers
        .iter()
        .map(|name| name.as_ref().to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    authorization_with_header_list(key_id, algorithm, &headers, signature)
}

/// Step 3 given the `headers` parameter itself: the signed headers, lower-case, joined by
/// spaces.
fn authorization_with_header_list(
    key_id: &str,
    algorithm: Algorithm,
    header_list: &str,
    signature: &str,
) -> String {
    format!(
        "Signature keyId=\"{key_id}\",algorithm=\"{}\",headers=\"{header_list}\",signature=\"{signature}\"",
        algorithm.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn date_headers(date: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::DATE, HeaderValue::from_str(date).unwrap());
        headers
    }

    /// The vector the official Python SDK's test suite publishes (`test_auth.py`).
    #[test]
    fn reproduces_the_published_sha256_vector() {
        let headers = date_headers("Sun, 29 Aug 2021 12:07:26 GMT");
        let to_sign = string_to_sign(&["date"], &Method::GET, "/get", &headers).unwrap();
        assert_eq!(to_sign, "date: Sun, 29 Aug 2021 12:07:26 GMT");

        let signature = sign(
            Algorithm::HmacSha256,
            &ApiSecret::new("test_api_secret"),
            &to_sign,
        );
        assert_eq!(
            signature,
            "bfxytCfvFqito27v0%2FKcN1jBJsgnCReimKXdAWwoi0k%3D"
        );

        assert_eq!(
            authorization_value("test_api_key", Algorithm::HmacSha256, &["date"], &signature),
            "Signature keyId=\"test_api_key\",algorithm=\"hmac-sha256\",headers=\"date\",\
             signature=\"bfxytCfvFqito27v0%2FKcN1jBJsgnCReimKXdAWwoi0k%3D\""
        );
    }

    #[test]
    fn request_target_is_lower_case_method_and_path() {
        let headers = date_headers("Thu, 04 Nov 2021 18:07:11 GMT");
        let to_sign = string_to_sign(
            &["(request-target)", "Date"],
            &Method::POST,
            "/xcover/partners/LLODT/quotes/",
            &headers,
        )
        .unwrap();
        assert_eq!(
            to_sign,
            "(request-target): post /xcover/partners/LLODT/quotes/\n\
             date: Thu, 04 Nov 2021 18:07:11 GMT"
        );
    }

    #[test]
    fn a_missing_signed_header_is_an_error() {
        let err = string_to_sign(&["date"], &Method::GET, "/", &HeaderMap::new()).unwrap_err();
        assert_eq!(
            err,
            SigningError::MissingHeader {
                name: "date".into()
            }
        );
    }

    #[test]
    fn every_algorithm_verifies_its_own_mac_and_rejects_others() {
        let secret = ApiSecret::new("k");
        for algorithm in [
            Algorithm::HmacSha256,
            Algorithm::HmacSha384,
            Algorithm::HmacSha512,
        ] {
            let mac = algorithm.hmac(&secret, b"date: x");
            assert!(algorithm.verify(&secret, b"date: x", &mac));
            assert!(!algorithm.verify(&secret, b"date: y", &mac));
            assert!(!algorithm.verify(&ApiSecret::new("other"), b"date: x", &mac));
            assert_eq!(algorithm.name().parse::<Algorithm>().unwrap(), algorithm);
        }
        assert_eq!(
            "HMAC-SHA512".parse::<Algorithm>().unwrap(),
            Algorithm::HmacSha512
        );
        assert!(matches!(
            "hmac-sha1".parse::<Algorithm>(),
            Err(SigningError::UnsupportedAlgorithm { .. })
        ));
    }

    /// The Postman pre-request script in the XCover docs: SHA-512 over `date: <Date>`, base64,
    /// `encodeURIComponent`. Known answers computed independently with Python's `hmac`,
    /// `base64` and `urllib.parse.quote(…, safe="")`.
    #[test]
    fn sha512_known_answers() {
        let secret = ApiSecret::new("test_api_secret");
        assert_eq!(
            sign(Algorithm::HmacSha512, &secret, "date: Sun, 29 Aug 2021 12:07:26 GMT"),
            "qLxGTecb22ktTsA0GgrwHlPTSoZEbmtNM8ihXKM%2FTY%2BaMa%2FbvW7IymC6jdUgR8KS7zgbHVxM5LpumLxCgt%2BQrQ%3D%3D"
        );
        assert_eq!(
            sign(
                Algorithm::HmacSha512,
                &secret,
                "(request-target): post /xcover/partners/LLODT/quotes/\n\
                 date: Thu, 04 Nov 2021 18:07:11 GMT"
            ),
            "EpfDsuoIIQsEqzRRLnWVCJuXjKFCarwqKI4FBKIKb3xZdUpJhFvxWXh2hD0oMQ7ddZF%2FOk37Mp3YZapqLEPwFg%3D%3D"
        );
    }
}
