//! End to end: XCover's webhooks, sent over HTTP to a local partner listener, then verified
//! and parsed. The test plays XCover and signs with its own HMAC code, as XCover documents it:
//! HMAC-SHA256 over `date: <Date>`, the key in `X-Api-Key`.

mod support {
    pub mod signing;
}

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use serde_json::json;
use support::signing::hmac_base64;
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};
use xcover_generated::{
    types,
    webhooks::{SignedTarget, WebhookError, WebhookVerifier},
    SecretError,
};

const KEY: &str = "partner-webhook-key";
const SECRET: &str = "partner-webhook-secret";

/// The BOOKING_CREATED example from XCover's webhook guide.
fn booking_created() -> Vec<u8> {
    json!({
        "event": "BOOKING_CREATED",
        "payload": {
            "id": "8AMKH-KQ8NR-INS",
            "status": "CONFIRMED",
            "currency": "USD",
            "total_price": 68.71,
            "total_price_formatted": "US$68.71",
            "partner_transaction_id": null,
            "quotes": [{
                "id": "8bfb48ab-6947-4f34-a932-c4dcede958f6",
                "policy_start_date": "2023-10-08T00:00:49.751227+00:00",
                "policy_end_date": "2023-10-13T00:00:49.751247+00:00",
                "status": "CONFIRMED",
                "price": 68.71,
                "price_formatted": "US$68.71",
                "policy": {
                    "policy_type": "travel_medical",
                    "policy_name": "PolicyVersion 0",
                    "policy_version": "e94df011-ee0b-44a1-bdb1-1dd05cb67fc7"
                },
                "duration": "5 00:00:00.000020",
                "total_renewed_times": 0
            }]
        }
    })
    .to_string()
    .into_bytes()
}

/// The RENEWAL_DUE example from XCover's webhook guide.
fn renewal_due() -> Vec<u8> {
    json!({
        "event": "RENEWAL_DUE",
        "payload": {
            "id": "daSJp-fwdoj-REN",
            "package_id": "GKDK9-CECQU-INS",
            "quote_id": "c8ddb161-e3d9-455b-9621-96df90f17acb",
            "status": "DUE",
            "start_date": "2019-02-25T13:00:00Z",
            "notification_date": "2018-11-22T00:21:41Z",
            "due_date": "2019-02-25T13:00:00Z",
            "expiry_date": "2018-11-21T22:56:01Z",
            "cancelled_on": null,
            "paid_on": null,
            "created_at": "2018-11-21T04:15:12.175468Z"
        }
    })
    .to_string()
    .into_bytes()
}

/// How XCover signs a webhook: the `Authorization`, `X-Api-Key` and `Date` headers.
struct XCoverSignature {
    secret: &'static str,
    date: SystemTime,
    /// Also sign a `Digest` of this body, so that the signature covers the body.
    digest_of: Option<Vec<u8>>,
    /// Also sign `(request-target)` as `post <this path and query>`.
    target: Option<&'static str>,
}

impl XCoverSignature {
    fn documented() -> Self {
        Self {
            secret: SECRET,
            date: SystemTime::now(),
            digest_of: None,
            target: None,
        }
    }

    fn headers(&self) -> Vec<(String, String)> {
        let date = httpdate::fmt_http_date(self.date);
        let mut to_sign = format!("date: {date}");
        let mut signed = "date".to_owned();
        if let Some(target) = self.target {
            to_sign = format!("(request-target): post {target}\n{to_sign}");
            signed = format!("(request-target) {signed}");
        }
        let mut headers = vec![
            ("date".to_owned(), date),
            ("x-api-key".to_owned(), KEY.to_owned()),
        ];
        if let Some(body) = &self.digest_of {
            use base64::Engine as _;
            use sha2::Digest as _;
            let digest = format!(
                "SHA-256={}",
                base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(body))
            );
            to_sign.push_str(&format!("\ndigest: {digest}"));
            signed.push_str(" digest");
            headers.push(("digest".to_owned(), digest));
        }
        let signature = hmac_base64("hmac-sha256", self.secret, &to_sign).unwrap();
        let signature =
            percent_encoding::utf8_percent_encode(&signature, percent_encoding::NON_ALPHANUMERIC);
        headers.push((
            "authorization".to_owned(),
            format!(
                "Signature keyId=\"{KEY}\",algorithm=\"hmac-sha256\",headers=\"{signed}\",signature=\"{signature}\""
            ),
        ));
        headers
    }
}

/// Sends a webhook over HTTP to a local partner listener, as XCover would, and returns what
/// the listener received.
async fn deliver(signature: &XCoverSignature, body: &[u8]) -> (HeaderMap, Vec<u8>) {
    let (parts, body) = deliver_to(signature, "/webhooks/xcover", body)
        .await
        .into_parts();
    (parts.headers, body)
}

/// [`deliver`] to `target` (a path and query), returning the whole request the listener
/// received.
async fn deliver_to(
    signature: &XCoverSignature,
    target: &str,
    body: &[u8],
) -> http::Request<Vec<u8>> {
    let listener = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&listener)
        .await;
    let mut request = reqwest::Client::new()
        .post(format!("{}{target}", listener.uri()))
        .header("content-type", "application/json")
        .body(body.to_vec());
    for (name, value) in signature.headers() {
        request = request.header(name, value);
    }
    assert_eq!(request.send().await.unwrap().status(), 200);
    let received = listener.received_requests().await.unwrap().remove(0);
    let mut uri = received.url.path().to_owned();
    if let Some(query) = received.url.query() {
        uri = format!("{uri}?{query}");
    }
    let mut request = http::Request::post(uri).body(received.body).unwrap();
    *request.headers_mut() = received.headers;
    request
}

fn verifier() -> WebhookVerifier {
    WebhookVerifier::new(KEY, SECRET).expect("a usable secret")
}

#[tokio::test]
async fn a_good_signature_verifies_and_parses_into_the_event() {
    let (headers, body) = deliver(&XCoverSignature::documented(), &booking_created()).await;
    let event = verifier()
        .verify(&headers, &body)
        .expect("a genuine webhook");
    match event {
        types::WebhookEvent::BookingCreated(created) => {
            let created = serde_json::to_value(created).unwrap();
            assert_eq!(created["payload"]["id"], "8AMKH-KQ8NR-INS");
            assert_eq!(created["payload"]["total_price"], 68.71);
        }
        other => panic!("expected BOOKING_CREATED: {other:?}"),
    }

    let (headers, body) = deliver(&XCoverSignature::documented(), &renewal_due()).await;
    let event = verifier()
        .verify(&headers, &body)
        .expect("a genuine webhook");
    assert!(
        matches!(event, types::WebhookEvent::RenewalDue(_)),
        "{event:?}"
    );
}

#[tokio::test]
async fn a_tampered_body_is_caught_when_the_signature_covers_it() {
    let body = booking_created();
    let signature = XCoverSignature {
        digest_of: Some(body.clone()),
        ..XCoverSignature::documented()
    };
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("68.71", "6871.00")
        .into_bytes();
    let (headers, received) = deliver(&signature, &tampered).await;
    assert!(matches!(
        verifier().verify(&headers, &received),
        Err(WebhookError::BodyDigestMismatch)
    ));

    // The documented signature covers the Date alone: a tampered body cannot be told apart
    // from a genuine one, so a verifier that must not accept that says so.
    let (headers, received) = deliver(&XCoverSignature::documented(), &tampered).await;
    assert!(
        verifier().verify(&headers, &received).is_ok(),
        "the documented signature does not cover the body"
    );
    assert!(matches!(
        verifier()
            .require_signed_body(true)
            .verify(&headers, &received),
        Err(WebhookError::BodyNotSigned)
    ));

    // And a body altered into something that is not a valid event fails to parse, typed.
    let broken = br#"{"event": "BOOKING_CREATED", "payload": {"id": 1}}"#;
    let (headers, received) = deliver(&XCoverSignature::documented(), broken).await;
    match verifier().verify(&headers, &received) {
        Err(WebhookError::InvalidBody { source, .. }) => {
            assert!(source.to_string().contains("invalid type"), "{source}")
        }
        other => panic!("expected InvalidBody: {other:?}"),
    }
}

#[tokio::test]
async fn a_wrong_secret_is_a_signature_mismatch() {
    let signature = XCoverSignature {
        secret: "someone-elses-secret",
        ..XCoverSignature::documented()
    };
    let (headers, body) = deliver(&signature, &booking_created()).await;
    let error = verifier().verify(&headers, &body).unwrap_err();
    assert!(
        matches!(error, WebhookError::SignatureMismatch),
        "{error:?}"
    );
    assert!(!format!("{error} {error:?}").contains(SECRET));
}

#[tokio::test]
async fn a_stale_date_is_rejected_as_a_possible_replay() {
    let signature = XCoverSignature {
        date: SystemTime::now() - Duration::from_secs(10 * 60),
        ..XCoverSignature::documented()
    };
    let (headers, body) = deliver(&signature, &booking_created()).await;
    let error = verifier().verify(&headers, &body).unwrap_err();
    assert!(matches!(error, WebhookError::StaleDate { .. }), "{error:?}");

    // A wider window accepts it.
    verifier()
        .window(Duration::from_secs(15 * 60))
        .verify(&headers, &body)
        .expect("within a 15-minute window");
}

#[tokio::test]
async fn a_signed_request_target_covers_the_query() {
    let body = booking_created();
    let path_signed = XCoverSignature {
        target: Some("/webhooks/xcover"),
        ..XCoverSignature::documented()
    };
    let genuine = deliver_to(&path_signed, "/webhooks/xcover", &body).await;
    verifier()
        .verify_request(&genuine)
        .expect("a genuine webhook");

    // The same webhook replayed with a query the signature does not cover.
    let replayed = deliver_to(&path_signed, "/webhooks/xcover?admin=1", &body).await;
    let error = verifier().verify_request(&replayed).unwrap_err();
    assert!(
        matches!(error, WebhookError::SignatureMismatch),
        "{error:?}"
    );

    // A query that is signed verifies.
    let query_signed = XCoverSignature {
        target: Some("/webhooks/xcover?source=xcover"),
        ..XCoverSignature::documented()
    };
    let genuine = deliver_to(&query_signed, "/webhooks/xcover?source=xcover", &body).await;
    verifier()
        .verify_request(&genuine)
        .expect("a genuine webhook with a query");
}

#[tokio::test]
async fn a_path_only_verifier_refuses_a_webhook_with_a_query() {
    let body = booking_created();
    let path_signed = XCoverSignature {
        target: Some("/webhooks/xcover"),
        ..XCoverSignature::documented()
    };
    let path_only = verifier().signed_target(SignedTarget::PathOnly);

    let genuine = deliver_to(&path_signed, "/webhooks/xcover", &body).await;
    path_only
        .verify_request(&genuine)
        .expect("a genuine webhook");
    let replayed = deliver_to(&path_signed, "/webhooks/xcover?admin=1", &body).await;
    let error = path_only.verify_request(&replayed).unwrap_err();
    assert!(matches!(error, WebhookError::UnsignedQuery), "{error:?}");
}

#[tokio::test]
async fn an_empty_or_padded_secret_is_refused() {
    // Anyone can sign with an empty key: a verifier holding one would accept forgeries.
    let forged = XCoverSignature {
        secret: "",
        ..XCoverSignature::documented()
    };
    let (headers, body) = deliver(&forged, &booking_created()).await;
    assert_eq!(
        WebhookVerifier::new(KEY, "").err(),
        Some(SecretError::Empty)
    );
    assert!(matches!(
        verifier().verify(&headers, &body),
        Err(WebhookError::SignatureMismatch)
    ));

    // A secret read from a file with its trailing newline would reject every genuine webhook.
    let error = WebhookVerifier::new(KEY, format!("{SECRET}\n")).unwrap_err();
    assert_eq!(error, SecretError::SurroundingWhitespace);
    assert!(!format!("{error} {error:?}").contains(SECRET));
}
