//! A fake XCover for the end-to-end tests: a local HTTP server (wiremock) that checks every
//! request's signature with its own HMAC code, independent of `xcover_generated::signing`.
//! Needs `support::{signing, staging}`; `support::replay` adds what answers from the recordings.

use std::time::{Duration, SystemTime};

use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};
use xcover_generated::{config::Config, Client};

use super::signing::hmac_base64;

pub const PARTNER: &str = "LLODT";
pub const API_KEY: &str = "e2e-api-key";
pub const API_SECRET: &str = "e2e-api-secret-never-logged";
pub use super::staging::PREFIX;

/// How far a request's `Date` may be from the fake server's clock.
const DATE_TOLERANCE: Duration = Duration::from_secs(60);

/// A JSON response as XCover sends it.
pub fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("content-type", "application/json")
        .insert_header("x-ratelimit-limit", "-1")
        .set_body_string(body.to_owned())
}

/// The local XCover.
pub struct FakeXCover {
    pub server: MockServer,
}

impl FakeXCover {
    /// Starts the server. Requests that match no mock, or whose signature does not verify,
    /// get XCover's 401.
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(json(
                401,
                r#"{"type":"authentication_error","message":"Signature string does not match!"}"#,
            ))
            .with_priority(u8::MAX)
            .mount(&server)
            .await;
        Self { server }
    }

    pub fn base_url(&self) -> String {
        format!("{}{PREFIX}", self.server.uri())
    }

    /// A configuration for this server: short waits so the tests are quick.
    pub fn config(&self) -> Config {
        let mut config = Config::new(self.base_url(), PARTNER, API_KEY, API_SECRET);
        config.retry_total = 3;
        config.retry_backoff_factor = Duration::from_millis(5);
        config.http_timeout = Duration::from_secs(5);
        config
    }

    pub fn client(&self) -> Client {
        Client::from_config(&self.config()).expect("client")
    }

    /// A mock for `method` on a path (below the base URL) matching `path_regex`, that only
    /// answers properly signed requests.
    pub fn signed(&self, method: &str, path_regex: &str) -> wiremock::MockBuilder {
        Mock::given(wiremock::matchers::method(method))
            .and(wiremock::matchers::path_regex(format!(
                "^{PREFIX}{path_regex}$"
            )))
            .and(SignedByPartner)
    }
}

/// Matches requests whose signature verifies.
pub struct SignedByPartner;

impl Match for SignedByPartner {
    fn matches(&self, request: &Request) -> bool {
        verify_signature(request).is_ok()
    }
}

/// The fake server's own check of a request's signature: parses `Authorization`, rebuilds the
/// signed string, computes the HMAC with the `hmac` crate directly, and checks the `Date`
/// freshness and `X-Api-Key`.
pub fn verify_signature(request: &Request) -> Result<(), String> {
    let header = |name: &str| -> Result<String, String> {
        request
            .headers
            .get(name)
            .ok_or_else(|| format!("no {name} header"))?
            .to_str()
            .map(str::to_owned)
            .map_err(|_| format!("{name} is not ASCII"))
    };
    let authorization = header("authorization")?;
    let params = authorization
        .strip_prefix("Signature ")
        .ok_or("not a Signature authorization")?;
    let mut key_id = None;
    let mut algorithm = None;
    let mut signed_headers = "date".to_owned();
    let mut signature = None;
    for param in params.split("\",") {
        let (name, value) = param.split_once("=\"").ok_or("bad parameter")?;
        let value = value.trim_end_matches('"').to_owned();
        match name {
            "keyId" => key_id = Some(value),
            "algorithm" => algorithm = Some(value),
            "headers" => signed_headers = value,
            "signature" => signature = Some(value),
            other => return Err(format!("unexpected parameter {other}")),
        }
    }
    if key_id.as_deref() != Some(API_KEY) {
        return Err(format!("keyId {key_id:?}"));
    }
    if header("x-api-key")? != API_KEY {
        return Err("wrong X-Api-Key".into());
    }

    let date = header("date")?;
    let sent = httpdate::parse_http_date(&date).map_err(|_| format!("bad Date {date}"))?;
    let skew = match SystemTime::now().duration_since(sent) {
        Ok(age) => age,
        Err(ahead) => ahead.duration(),
    };
    if skew > DATE_TOLERANCE {
        return Err(format!("stale Date {date}"));
    }

    let mut lines = Vec::new();
    for name in signed_headers.split(' ') {
        if name == "(request-target)" {
            lines.push(format!(
                "(request-target): {} {}",
                request.method.as_str().to_lowercase(),
                request.url.path()
            ));
        } else {
            lines.push(format!("{name}: {}", header(name)?));
        }
    }
    let to_sign = lines.join("\n");
    let expected = hmac_base64(
        algorithm.as_deref().ok_or("no algorithm")?,
        API_SECRET,
        &to_sign,
    )?;
    let sent_signature = signature.ok_or("no signature")?;
    let decoded = percent_encoding::percent_decode_str(&sent_signature)
        .decode_utf8()
        .map_err(|_| "signature is not UTF-8")?;
    if decoded != expected {
        return Err(format!("signature mismatch over {to_sign:?}"));
    }
    Ok(())
}
