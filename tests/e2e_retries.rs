//! End to end: retries, backoff, `Retry-After`, timeouts and idempotency keys, against a local
//! XCover that checks every signature.

mod support {
    pub mod fake_xcover;
    pub mod quotes;
    pub mod recorded;
    pub mod replay;
    pub mod repo;
    pub mod signing;
    pub mod staging;
}

use std::time::{Duration, Instant};

use serde_json::Value;
use support::fake_xcover::{json, verify_signature, FakeXCover};
use support::quotes::{quote_request, BOOKING_PATH};
use support::recorded::recorded;
use support::replay::{idempotency_key, is_uuid_v4};
use xcover_generated::{
    retry::{self, Attempts},
    types, uuid, Client, Error,
};

fn booking_request() -> types::CreateBookingRequest {
    types::CreateBookingRequest::new(
        [types::BookingQuoteRequest::new(uuid::uuid!(
            "1e6a0b7a-2f44-4f0e-9d6c-3a4a2f1c8b11"
        ))],
        types::PolicyholderRequest::new("John", "Bon Jovi", "john.bon.jovi@gmail.com")
            .country("GB"),
    )
}

/// Answers `status` to the first `times` signed requests matching, ahead of other mocks.
async fn first_answers(
    xcover: &FakeXCover,
    method: &str,
    path: &str,
    times: u64,
    response: wiremock::ResponseTemplate,
) {
    xcover
        .signed(method, path)
        .respond_with(response)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&xcover.server)
        .await;
}

#[tokio::test]
async fn a_429_is_retried_after_its_retry_after_and_re_signed() {
    let xcover = FakeXCover::start().await;
    first_answers(
        &xcover,
        "GET",
        BOOKING_PATH,
        1,
        json(429, r#"{"message":"Too many requests"}"#).insert_header("retry-after", "1"),
    )
    .await;
    xcover
        .replay(&recorded("get_booking_success.json", "GET", "-INS/"))
        .await;

    let started = Instant::now();
    let response = xcover
        .client()
        .get_booking("9CMJ8-GADWJ-INS")
        .send()
        .await
        .expect("success after one retry");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 not honoured"
    );
    assert_eq!(response.status(), 200);
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(2)));

    // Each attempt was signed afresh: a second later, a new Date and signature.
    let requests = xcover.requests().await;
    assert_eq!(requests.len(), 2);
    for request in &requests {
        verify_signature(request).unwrap();
    }
    assert_ne!(requests[0].headers["date"], requests[1].headers["date"]);
    assert_ne!(
        requests[0].headers["authorization"],
        requests[1].headers["authorization"]
    );
}

#[tokio::test]
async fn a_503_until_retries_run_out_is_a_typed_error_with_its_attempts() {
    let xcover = FakeXCover::start().await;
    xcover
        .signed("POST", BOOKING_PATH)
        .respond_with(json(503, "{}"))
        .mount(&xcover.server)
        .await;

    let error = xcover
        .client()
        .create_booking("P97RG-NPLHL-INS", booking_request())
        .send()
        .await
        .expect_err("503 every time");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    // The configuration allows 3 retries: 4 attempts.
    assert_eq!(
        error
            .extensions()
            .and_then(|extensions| extensions.get::<Attempts>()),
        Some(&Attempts(4))
    );
    match &error {
        Error::UnexpectedResponse(response) => assert_eq!(&response.body()[..], b"{}"),
        other => panic!("expected the undocumented 503 as UnexpectedResponse: {other:?}"),
    }
    let requests = xcover.requests().await;
    assert_eq!(requests.len(), 4);
    xcover.assert_every_request_signed().await;
}

#[tokio::test]
async fn every_retry_sends_the_same_idempotency_key() {
    let xcover = FakeXCover::start().await;
    first_answers(
        &xcover,
        "POST",
        BOOKING_PATH,
        1,
        json(423, r#"{"message":"Resource is locked"}"#),
    )
    .await;
    xcover
        .signed("POST", BOOKING_PATH)
        .respond_with(json(502, "{}"))
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&xcover.server)
        .await;
    xcover
        .replay(&recorded("create_booking_success.json", "POST", "-INS/"))
        .await;

    let client = xcover.client();
    let response = client
        .create_booking("P97RG-NPLHL-INS", booking_request())
        .send()
        .await
        .expect("success on the third attempt");
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(3)));
    let keys: Vec<Option<String>> = xcover
        .requests()
        .await
        .iter()
        .map(idempotency_key)
        .collect();
    assert_eq!(keys.len(), 3);
    let first = keys[0].clone().expect("a generated key");
    assert!(is_uuid_v4(&first), "{first}");
    assert!(
        keys.iter()
            .all(|key| key.as_deref() == Some(first.as_str())),
        "{keys:?}"
    );
}

#[tokio::test]
async fn a_callers_idempotency_key_is_sent_as_is_on_every_retry() {
    let xcover = FakeXCover::start().await;
    first_answers(&xcover, "POST", BOOKING_PATH, 1, json(503, "{}")).await;
    xcover
        .replay(&recorded("create_booking_success.json", "POST", "-INS/"))
        .await;

    xcover
        .client()
        .create_booking("P97RG-NPLHL-INS", booking_request())
        .idempotency_key("order-1234-booking")
        .send()
        .await
        .expect("booking");
    let keys: Vec<Option<String>> = xcover
        .requests()
        .await
        .iter()
        .map(idempotency_key)
        .collect();
    assert_eq!(
        keys,
        [
            Some("order-1234-booking".to_owned()),
            Some("order-1234-booking".to_owned())
        ]
    );
}

#[tokio::test]
async fn a_gateway_error_on_create_quote_is_not_retried() {
    for status in [502, 503, 504] {
        let xcover = FakeXCover::start().await;
        first_answers(
            &xcover,
            "POST",
            "/partners/LLODT/quotes/",
            1,
            json(status, "{}"),
        )
        .await;
        xcover
            .replay(&recorded("create_quote_success.json", "POST", "/quotes/"))
            .await;

        // Create quote takes no idempotency key: the gateway may have passed the first request
        // on, and a second would create a second quote.
        let error = xcover
            .client()
            .create_quote(quote_request())
            .send()
            .await
            .expect_err("the gateway error, not a second quote");
        assert_eq!(error.status().map(|status| status.as_u16()), Some(status));
        assert_eq!(
            error
                .extensions()
                .and_then(|extensions| extensions.get::<Attempts>()),
            Some(&Attempts(1))
        );
        assert_eq!(xcover.requests().await.len(), 1, "{status}");
    }
}

#[tokio::test]
async fn a_throttled_create_quote_is_retried() {
    let xcover = FakeXCover::start().await;
    first_answers(
        &xcover,
        "POST",
        "/partners/LLODT/quotes/",
        1,
        json(429, r#"{"message":"Too many requests"}"#),
    )
    .await;
    xcover
        .replay(&recorded("create_quote_success.json", "POST", "/quotes/"))
        .await;

    // A 429 means XCover did not act on the request: repeating it creates one quote.
    let response = xcover
        .client()
        .create_quote(quote_request())
        .send()
        .await
        .expect("success after one retry");
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(2)));
    assert_eq!(xcover.requests().await.len(), 2);
}

#[tokio::test]
async fn a_timeout_is_retried_only_when_the_request_has_an_idempotency_key() {
    let xcover = FakeXCover::start().await;
    let slow = json(200, "{}").set_delay(Duration::from_secs(3));
    xcover
        .signed("POST", "/partners/LLODT/quotes/")
        .respond_with(slow.clone())
        .mount(&xcover.server)
        .await;
    xcover
        .signed("POST", BOOKING_PATH)
        .respond_with(slow)
        .mount(&xcover.server)
        .await;
    let mut config = xcover.config();
    config.http_timeout = Duration::from_millis(300);
    let client = Client::from_config(&config).unwrap();

    // Create quote takes no idempotency key: a timeout might have created a quote, so it is
    // not repeated.
    let error = client
        .create_quote(quote_request())
        .send()
        .await
        .expect_err("timeout");
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error: {error:?}")
    };
    assert!(retry::is_timeout(transport), "{transport:?}");
    assert_eq!(retry::attempts(transport), None);
    assert_eq!(xcover.requests().await.len(), 1);

    // Create booking carries a key: XCover would replay the first outcome, so it is retried.
    let error = client
        .create_booking("P97RG-NPLHL-INS", booking_request())
        .send()
        .await
        .expect_err("timeout every time");
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error: {error:?}")
    };
    assert!(retry::is_timeout(transport), "{transport:?}");
    assert_eq!(retry::attempts(transport), Some(4));
    let requests = xcover.requests().await;
    let booking_keys: Vec<Option<String>> = requests[1..].iter().map(idempotency_key).collect();
    assert_eq!(booking_keys.len(), 4);
    assert!(booking_keys
        .iter()
        .all(|key| key.is_some() && *key == booking_keys[0]));
}

/// `XC_HTTP_DEADLINE` bounds the call, not each attempt: attempts time out at 0.3 s and
/// 0.6 s, and the third is cut short at 0.8 s with seven retries left.
#[tokio::test]
async fn the_configured_deadline_ends_a_call_whose_attempts_keep_timing_out() {
    let xcover = FakeXCover::start().await;
    xcover
        .signed("POST", BOOKING_PATH)
        .respond_with(json(200, "{}").set_delay(Duration::from_secs(3)))
        .mount(&xcover.server)
        .await;
    let mut config = xcover.config();
    config.http_timeout = Duration::from_millis(300);
    config.http_deadline = Duration::from_millis(800);
    config.retry_total = 10;
    let client = Client::from_config(&config).unwrap();

    let started = Instant::now();
    let error = client
        .create_booking("P97RG-NPLHL-INS", booking_request())
        .send()
        .await
        .expect_err("past the deadline");
    assert!(started.elapsed() < Duration::from_secs(2), "{error}");
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error: {error:?}")
    };
    assert!(retry::is_deadline_exceeded(transport), "{transport:?}");
    assert_eq!(retry::attempts(transport), Some(3));
    // Said plainly, the last attempt's failure after it, and no URL.
    assert_eq!(
        error.to_string(),
        "deadline of 0.8 s passed after 3 attempts: timed out: operation timed out"
    );
    assert_eq!(xcover.requests().await.len(), 3);
}

#[tokio::test]
async fn a_stored_response_replayed_with_409_is_the_success_it_replays() {
    let xcover = FakeXCover::start().await;
    let booked = recorded("create_booking_success.json", "POST", "-INS/");
    xcover
        .signed("POST", BOOKING_PATH)
        .respond_with(json(409, &booked.body))
        .mount(&xcover.server)
        .await;

    let response = xcover
        .client()
        .create_booking("P97RG-NPLHL-INS", booking_request())
        .idempotency_key("already-used")
        .send()
        .await
        .expect("a replay is a success");
    assert_eq!(response.status(), 409);
    assert!(response.is_replay());
    let booking: Value = serde_json::to_value(response.into_inner()).unwrap();
    let recorded: Value = serde_json::from_str(&booked.body).unwrap();
    assert_eq!(booking["id"], recorded["id"]);
    assert_eq!(booking["status"], "CONFIRMED");
}

#[tokio::test]
async fn a_409_that_is_not_a_replay_stays_an_error() {
    let xcover = FakeXCover::start().await;
    xcover
        .signed("POST", BOOKING_PATH)
        .respond_with(json(
            409,
            r#"{"type":"conflict","message":"The idempotency key was used with another body."}"#,
        ))
        .mount(&xcover.server)
        .await;

    let error = xcover
        .client()
        .create_booking("P97RG-NPLHL-INS", booking_request())
        .send()
        .await
        .expect_err("a conflict");
    match error {
        Error::ErrorResponse(response) => {
            assert_eq!(response.status(), 409);
            assert!(!response.is_replay());
            let body = serde_json::to_value(response.body()).unwrap();
            assert_eq!(body["type"], "conflict");
        }
        other => panic!("expected the documented 409 as ErrorResponse: {other:?}"),
    }
}
