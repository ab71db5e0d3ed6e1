//! [`SignExt`]: `request.sign(&signer)` on `reqwest` and `http` requests.

use std::time::SystemTime;

use http::{header, HeaderMap, HeaderName, HeaderValue, Method};

use super::{Signer, SigningError};

/// The `X-Api-Key` header, which carries the API key unless the signer is told not to send it.
pub(crate) const X_API_KEY: HeaderName = HeaderName::from_static("x-api-key");

/// Signs a request in place: sets `Date` (RFC 7231 IMF-fixdate, unless the request already has
/// one, which is kept), `X-Api-Key` when the signer sends it, and `Authorization`.
///
/// ```
/// use xcover_generated::signing::{SignExt, Signer};
///
/// let signer = Signer::new("key", "secret");
/// let mut request = reqwest::Request::new(
///     reqwest::Method::GET,
///     "https://api.xcover.com/x/partners/LLODT/bookings/".parse().unwrap(),
/// );
/// request.sign(&signer).unwrap();
/// assert!(request.headers().contains_key("date"));
/// assert_eq!(request.headers()["x-api-key"], "key");
/// assert!(request.headers().contains_key("authorization"));
/// ```
pub trait SignExt {
    /// Signs with the current time as `Date`, unless the request has a `Date` already.
    fn sign(&mut self, signer: &Signer) -> Result<(), SigningError> {
        self.sign_at(signer, SystemTime::now())
    }

    /// Signs with `now` as `Date`, unless the request has a `Date` already.
    fn sign_at(&mut self, signer: &Signer, now: SystemTime) -> Result<(), SigningError>;
}

impl SignExt for reqwest::Request {
    fn sign_at(&mut self, signer: &Signer, now: SystemTime) -> Result<(), SigningError> {
        let method = self.method().clone();
        let path = self.url().path().to_owned();
        sign_headers(signer, &method, &path, self.headers_mut(), now)
    }
}

impl<B> SignExt for http::Request<B> {
    fn sign_at(&mut self, signer: &Signer, now: SystemTime) -> Result<(), SigningError> {
        let method = self.method().clone();
        let path = self.uri().path().to_owned();
        sign_headers(signer, &method, &path, self.headers_mut(), now)
    }
}

fn sign_headers(
    signer: &Signer,
    method: &Method,
    path: &str,
    headers: &mut HeaderMap,
    now: SystemTime,
) -> Result<(), SigningError> {
    if !headers.contains_key(header::DATE) {
        let date = httpdate::fmt_http_date(now);
        headers.insert(
            header::DATE,
            HeaderValue::from_str(&date).expect("an HTTP date is visible ASCII"),
        );
    }
    if signer.sends_api_key() {
        let key = signer
            .api_key_header()
            .ok_or_else(|| SigningError::InvalidHeaderValue {
                name: X_API_KEY.as_str().to_owned(),
            })?;
        headers.insert(X_API_KEY, key.clone());
    }
    let authorization = signer.authorization_for(method, path, headers)?;
    let mut value =
        HeaderValue::from_str(&authorization).map_err(|_| SigningError::InvalidHeaderValue {
            name: header::AUTHORIZATION.as_str().to_owned(),
        })?;
    // Keeps the value out of `Debug` output of the request and out of HTTP/2 header
    // compression tables.
    value.set_sensitive(true);
    headers.insert(header::AUTHORIZATION, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;
    use crate::signing::Algorithm;

    fn request(url: &str) -> reqwest::Request {
        reqwest::Request::new(Method::POST, url.parse().unwrap())
    }

    #[test]
    fn sets_an_imf_fixdate_and_signs_the_path_without_its_query() {
        let signer = Signer::new("k", "s");
        // 2021-11-04T18:07:11Z
        let now = UNIX_EPOCH + Duration::from_secs(1_636_049_231);
        let mut req = request("https://example.test/xcover/partners/LLODT/quotes/?fast_quote=true");
        req.sign_at(&signer, now).unwrap();

        let date = req.headers()["date"].to_str().unwrap();
        assert_eq!(date, "Thu, 04 Nov 2021 18:07:11 GMT");
        let expected = signer
            .authorization(&Method::POST, "/xcover/partners/LLODT/quotes/", date)
            .unwrap();
        assert_eq!(req.headers()["authorization"], expected.as_str());
        assert!(req.headers()["authorization"].is_sensitive());
        assert_eq!(req.headers()["x-api-key"], "k");
    }

    #[test]
    fn keeps_a_date_already_on_the_request() {
        let signer = Signer::new("test_api_key", "test_api_secret")
            .algorithm(Algorithm::HmacSha256)
            .headers(["date"]);
        let mut req = request("https://api.xcover.com/get");
        req.headers_mut().insert(
            header::DATE,
            HeaderValue::from_static("Sun, 29 Aug 2021 12:07:26 GMT"),
        );
        req.sign(&signer).unwrap();
        assert_eq!(req.headers()["date"], "Sun, 29 Aug 2021 12:07:26 GMT");
        assert_eq!(
            req.headers()["authorization"],
            "Signature keyId=\"test_api_key\",algorithm=\"hmac-sha256\",headers=\"date\",\
             signature=\"bfxytCfvFqito27v0%2FKcN1jBJsgnCReimKXdAWwoi0k%3D\""
        );
    }

    #[test]
    fn leaves_the_api_key_out_when_asked() {
        let signer = Signer::new("the-key", "s").send_api_key(false);
        let mut req = http::Request::post("/partners/LLODT/quotes/")
            .body(())
            .unwrap();
        req.sign(&signer).unwrap();
        assert!(!req.headers().contains_key("x-api-key"));
        assert!(req.headers().contains_key("authorization"));
    }

    #[test]
    fn an_api_key_that_is_not_a_header_value_is_not_sent() {
        let signer = Signer::new("bad\nkey", "s");
        let mut req = request("https://example.test/");
        let err = req.sign(&signer).unwrap_err();
        assert_eq!(
            err,
            SigningError::InvalidHeaderValue {
                name: "x-api-key".into()
            }
        );
        assert!(!req.headers().contains_key("x-api-key"));
    }

    #[test]
    fn debug_of_a_signed_request_hides_the_signature() {
        let signer = Signer::new("k", "the-secret");
        let mut req = request("https://example.test/");
        req.sign(&signer).unwrap();
        let signature = req.headers()["authorization"].to_str().unwrap().to_owned();
        let debug = format!("{req:?}");
        assert!(!debug.contains(&signature), "{debug}");
        assert!(!debug.contains("the-secret"), "{debug}");
    }
}
