//! The SDK's test double (`testing` feature), used as a partner's test would: replies queued
//! per operation, typed or raw, and the signed requests the SDK sent, inspected.

mod support {
    pub mod recorded;
    pub mod repo;
    pub mod staging;
}

use std::time::Duration;

use support::recorded::recorded;
use xcover_generated::config::Config;
use xcover_generated::testing::{Reply, TestDouble};
use xcover_generated::{types, Client, Error};

/// A client signing and retrying as `from_config` does, answered by `double`.
fn client(double: &TestDouble) -> Client {
    let mut config = Config::new("https://xcover.test/x", "LLODT", "the-key", "the-secret");
    config.retry_backoff_factor = Duration::from_millis(1);
    Client::builder_from_config(&config)
        .with(double.clone())
        .build()
        .unwrap()
}

/// A booking of the recorded quote package.
fn booking_request() -> types::CreateBookingRequest {
    let quote = xcover_generated::uuid::Uuid::nil();
    let holder = types::PolicyholderRequest::new("Ada", "Lovelace", "ada@example.com");
    types::CreateBookingRequest::new([types::BookingQuoteRequest::new(quote)], holder)
}

#[tokio::test]
async fn a_retry_sequence_is_answered_in_order_and_every_attempt_is_signed_with_one_key() {
    let double = TestDouble::new();
    let recorded: types::Booking = serde_json::from_str(
        &recorded(
            "create_booking_success.json",
            "POST",
            "/bookings/P97RG-NPLHL-INS/",
        )
        .body,
    )
    .unwrap();
    double.reply("createBooking", Reply::status(503)).reply(
        "createBooking",
        Reply::json(200, &recorded).header("x-request-id", "r-2"),
    );

    let response = client(&double)
        .create_booking("P97RG-NPLHL-INS", booking_request())
        .send()
        .await
        .expect("the second reply");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-request-id"], "r-2");
    assert_eq!(response.body().id, recorded.id);
    assert!(double.is_drained());

    let sent = double.requests_of("createBooking");
    assert_eq!(
        sent.len(),
        2,
        "the 503 was retried: the request carries a key"
    );
    let key = sent[0]
        .header("x-idempotency-key")
        .expect("a generated key");
    for request in &sent {
        assert_eq!(request.method, "POST");
        assert_eq!(
            request.url.as_str(),
            "https://xcover.test/x/partners/LLODT/bookings/P97RG-NPLHL-INS/"
        );
        assert_eq!(request.header("x-idempotency-key"), Some(key));
        assert_eq!(request.header("x-api-key"), Some("the-key"));
        let authorization = request.header("authorization").expect("signed");
        assert!(
            authorization.starts_with(r#"Signature keyId="the-key",algorithm="hmac-sha512""#),
            "{authorization}"
        );
        let body: serde_json::Value = request.json().unwrap();
        assert_eq!(body, serde_json::to_value(booking_request()).unwrap());
    }
    // What a test prints of a request shows no credential.
    let shown = format!("{:?}", sent[0]);
    assert!(
        !shown.contains("the-key") && !shown.contains("Signature"),
        "{shown}"
    );
}

#[tokio::test]
async fn an_error_status_is_the_typed_error_and_a_missing_reply_says_so() {
    let double = TestDouble::new();
    let refusal = recorded("update_booking_422.json", "PATCH", "-INS/");
    double.reply("updateBooking", Reply::raw(refusal.status, refusal.body));
    let client = client(&double);

    let changes = types::UpdateBookingRequest::new();
    match client
        .update_booking("PXCXX-46M9R-INS", changes)
        .send()
        .await
    {
        Err(Error::ErrorResponse(response)) => {
            assert_eq!(response.status(), 422);
            assert_eq!(response.body().r#type.as_deref(), Some("validation_error"));
        }
        other => panic!("{other:?}"),
    }

    let unanswered = client
        .get_booking("33K6D-WBHLY-INS")
        .send()
        .await
        .expect_err("no reply queued");
    assert_eq!(
        unanswered.to_string(),
        "unexpected status 501 Not Implemented: the test queued no reply for getBooking"
    );
    assert_eq!(double.requests().len(), 2);
}
