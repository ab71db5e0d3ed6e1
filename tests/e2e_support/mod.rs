//! A fake XCover for the end-to-end tests: a local HTTP server (wiremock) that checks every
//! request's signature with its own HMAC code, independent of `xcover_generated::signing`,
//! and answers with bodies recorded from XCover's staging API in 2019
//! (`tests/fixtures/recordings-2019/`).

#![allow(dead_code)] // Each e2e test binary uses a different part of this module.

use std::{
    path::PathBuf,
    time::{Duration, SystemTime},
};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::{Sha256, Sha384, Sha512};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};
use xcover_generated::{config::Config, Client};

pub const PARTNER: &str = "LLODT";
pub const API_KEY: &str = "e2e-api-key";
pub const API_SECRET: &str = "e2e-api-secret-never-logged";
/// The path prefix of the staging base URL, so that signed paths include it.
pub const PREFIX: &str = "/xcover";

/// The path of any one booking, as a pattern for [`FakeXCover`]'s mocks.
pub const BOOKING_PATH: &str = "/partners/LLODT/bookings/[^/]+/";

/// A small, valid `createQuote` body.
pub fn quote_request() -> xcover_generated::types::CreateQuoteRequest {
    serde_json::from_value(serde_json::json!({
        "request": [{
            "policy_type": "event_ticket_protection",
            "policy_type_version": 1,
            "policy_start_date": "2019-12-25T05:58:28.831+00:00",
            "tickets": [{"price": 100}]
        }],
        "currency": "GBP",
        "customer_country": "GB"
    }))
    .unwrap()
}
/// How far a request's `Date` may be from the fake server's clock.
const DATE_TOLERANCE: Duration = Duration::from_secs(60);

/// One recorded request/response pair.
#[derive(Debug, Clone)]
pub struct Interaction {
    pub method: String,
    /// The path below the base URL, e.g. `/partners/LLODT/quotes/`.
    pub path: String,
    pub request_body: Option<String>,
    pub status: u16,
    pub body: String,
}

#[derive(Deserialize)]
struct RawInteraction {
    request: RawRequest,
    response: RawResponse,
}

#[derive(Deserialize)]
struct RawRequest {
    method: String,
    url: String,
    body: Option<String>,
}

#[derive(Deserialize)]
struct RawResponse {
    status: RawStatus,
    body: Option<String>,
}

#[derive(Deserialize)]
struct RawStatus {
    code: String,
}

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/recordings-2019")
        .join(name)
}

/// The interactions of a recording file, in order.
pub fn recording(name: &str) -> Vec<Interaction> {
    let path = fixture_path(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
    let raw: Vec<RawInteraction> = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("parsing {}: {error}", path.display()));
    raw.into_iter()
        .map(|interaction| {
            let url = interaction.request.url;
            let path = url
                .split_once(PREFIX)
                .map(|(_, rest)| rest)
                .unwrap_or(&url)
                .split('?')
                .next()
                .unwrap_or_default()
                .to_owned();
            Interaction {
                method: interaction.request.method,
                path,
                request_body: interaction.request.body,
                status: interaction.response.status.code.parse().unwrap(),
                body: interaction.response.body.unwrap_or_default(),
            }
        })
        .collect()
}

/// The recorded interaction of `name` for this method and path suffix.
pub fn recorded(name: &str, method: &str, path_suffix: &str) -> Interaction {
    recording(name)
        .into_iter()
        .find(|interaction| interaction.method == method && interaction.path.ends_with(path_suffix))
        .unwrap_or_else(|| panic!("{name} has no {method} …{path_suffix}"))
}

/// The package id and first quote id of the staging session a recording file comes from: its
/// first interaction is always the Create quote that started the session.
pub fn session_ids(name: &str) -> (String, String) {
    let first = recording(name).remove(0);
    let package: serde_json::Value = serde_json::from_str(&first.body).unwrap();
    let quotes = &package["quotes"];
    let quote = quotes
        .get("0")
        .or_else(|| quotes.get(0))
        .expect("a first quote");
    (
        package["id"].as_str().unwrap().to_owned(),
        quote["id"].as_str().unwrap().to_owned(),
    )
}

/// `interaction`, recorded in the session of `from`, rewritten as if it belonged to the session
/// of `to`: the recordings of one flow come from separate staging sessions, and this lets the
/// fake XCover tell one consistent story.
pub fn in_session(mut interaction: Interaction, from: &str, to: &str) -> Interaction {
    let (from_package, from_quote) = session_ids(from);
    let (to_package, to_quote) = session_ids(to);
    interaction.body = interaction
        .body
        .replace(&from_package, &to_package)
        .replace(&from_quote, &to_quote);
    interaction.path = interaction.path.replace(&from_package, &to_package);
    interaction
}

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

    /// Answers `interaction`'s method, on any path shaped like its path (ids replaced by a
    /// wildcard), with its recorded status and body.
    pub async fn replay(&self, interaction: &Interaction) {
        self.signed(&interaction.method, &id_pattern(&interaction.path))
            .respond_with(json(interaction.status, &interaction.body))
            .mount(&self.server)
            .await;
    }

    pub async fn requests(&self) -> Vec<Request> {
        self.server.received_requests().await.unwrap_or_default()
    }

    /// Every request received was signed correctly, checked independently.
    pub async fn assert_every_request_signed(&self) {
        let requests = self.requests().await;
        assert!(!requests.is_empty(), "no request reached the fake XCover");
        for request in requests {
            if let Err(reason) = verify_signature(&request) {
                panic!("{} {}: {reason}", request.method, request.url);
            }
        }
    }
}

/// A path regex for a recorded path: XCover ids (`P97RG-NPLHL-INS`, `…-CCL`, `…-UPD`) become
/// wildcards.
fn id_pattern(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.contains('-') {
                "[^/]+".to_owned()
            } else {
                regex_escape(segment)
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                vec![c]
            } else {
                vec!['\\', c]
            }
        })
        .collect()
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

/// Standard base64 of the HMAC of `message`, as XCover computes it.
pub fn hmac_base64(algorithm: &str, secret: &str, message: &str) -> Result<String, String> {
    let key = secret.as_bytes();
    let mac = match algorithm {
        "hmac-sha256" => {
            let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
            mac.update(message.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        "hmac-sha384" => {
            let mut mac = Hmac::<Sha384>::new_from_slice(key).unwrap();
            mac.update(message.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        "hmac-sha512" => {
            let mut mac = Hmac::<Sha512>::new_from_slice(key).unwrap();
            mac.update(message.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        other => return Err(format!("unknown algorithm {other}")),
    };
    Ok(base64::engine::general_purpose::STANDARD.encode(mac))
}

/// The `x-idempotency-key` of a received request.
pub fn idempotency_key(request: &Request) -> Option<String> {
    request
        .headers
        .get("x-idempotency-key")
        .map(|value| value.to_str().unwrap().to_owned())
}

/// Whether `key` is a UUID v4 in its hyphenated form.
pub fn is_uuid_v4(key: &str) -> bool {
    uuid::Uuid::parse_str(key).is_ok_and(|uuid| uuid.get_version_num() == 4)
}
