//! The fake XCover answering with recorded exchanges, and what it received. Needs
//! `support::{fake_xcover, recorded}`.

use wiremock::Request;

use super::fake_xcover::{json, verify_signature, FakeXCover};
use super::recorded::Interaction;

impl FakeXCover {
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
