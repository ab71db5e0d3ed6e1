//! End to end: quote → book → modify → cancel against a local XCover that checks every
//! signature and answers with recorded staging responses.

mod support {
    pub mod fake_xcover;
    pub mod recorded;
    pub mod replay;
    pub mod repo;
    pub mod signing;
    pub mod staging;
}

use serde_json::Value;
use support::fake_xcover::{FakeXCover, PARTNER, PREFIX};
use support::recorded::{recorded, recording, Interaction};
use support::replay::{idempotency_key, is_uuid_v4};
use xcover_generated::{chrono, retry::Attempts, types, uuid};

fn as_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serializable")
}

/// The package id and first quote id of the staging session a recording file comes from: its
/// first interaction is always the Create quote that started the session.
fn session_ids(name: &str) -> (String, String) {
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
fn in_session(mut interaction: Interaction, from: &str, to: &str) -> Interaction {
    let (from_package, from_quote) = session_ids(from);
    let (to_package, to_quote) = session_ids(to);
    interaction.body = interaction
        .body
        .replace(&from_package, &to_package)
        .replace(&from_quote, &to_quote);
    interaction.path = interaction.path.replace(&from_package, &to_package);
    interaction
}

/// The official SDKs' sample quote, with the current `tickets` in place of 2019's
/// `total_ticket_price`.
fn quote_request() -> types::CreateQuoteRequest {
    let at = chrono::DateTime::parse_from_rfc3339("2019-12-25T05:58:28.831+00:00").unwrap();
    let product = types::EventTicketProtectionPolicyRequest::new(
        1,
        at,
        [types::Ticket::new(50), types::Ticket::new(50)],
    )
    .event_datetime(at)
    .event_name("Ariana Grande")
    .event_location("The O2")
    .number_of_tickets(2)
    .resale_ticket(false)
    .event_country("GB");
    types::CreateQuoteRequest::new(
        types::CurrencyEnum::Gbp,
        [types::PolicyRequest::from(product)],
        types::CustomerCountry::Gb,
    )
    .customer_region("London")
    .customer_language("en")
}

fn booking_request(quote_id: uuid::Uuid) -> types::CreateBookingRequest {
    let insured = types::InsuredRequest::new()
        .first_name("John")
        .last_name("Bon Jovi")
        .email("john.bon.jovi@gmail.com")
        .age(30);
    types::CreateBookingRequest::new(
        [types::BookingQuoteRequest::new(quote_id).insured([insured])],
        types::PolicyholderRequest::new("John", "Bon Jovi", "john.bon.jovi@gmail.com")
            .age(30)
            .country("GB"),
    )
}

#[tokio::test]
async fn quote_book_modify_cancel() {
    let xcover = FakeXCover::start().await;
    // One story from four staging sessions: every answer speaks of the quoted package.
    let quoted = "create_quote_success.json";
    for (file, method, path) in [
        (quoted, "POST", "/quotes/"),
        ("create_booking_success.json", "POST", "-INS/"),
        ("update_booking_success.json", "PATCH", "-INS/"),
        ("cancel_booking_success.json", "POST", "/cancel"),
    ] {
        xcover
            .replay(&in_session(recorded(file, method, path), file, quoted))
            .await;
    }
    let client = xcover.client();

    // Quote.
    let quote_request = quote_request();
    let response = client
        .create_quote(quote_request.clone())
        .send()
        .await
        .expect("quote");
    assert_eq!(response.status(), 201);
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(1)));
    let package = response.into_inner();
    assert_eq!(package.status, types::QuoteStatus::Received);
    assert!(package.id.ends_with("-INS"), "{}", package.id);
    let quote_id = package.quotes[0].id;

    // Book the quoted package.
    let booking_request = booking_request(quote_id);
    let response = client
        .create_booking(&package.id, booking_request.clone())
        .send()
        .await
        .expect("booking");
    assert_eq!(response.status(), 200);
    assert!(!response.is_replay());
    let booking = response.into_inner();
    assert_eq!(booking.id, package.id);
    assert_eq!(booking.status, types::QuoteStatus::Confirmed);
    assert_eq!(booking.quotes[0].id, quote_id);

    // Modify it.
    // `update_fields` is free-form in the spec (any of the product's fields): a JSON object.
    let update_fields = serde_json::Map::from_iter([("number_of_tickets".to_owned(), 3.into())]);
    let update_request = types::UpdateBookingRequest::new()
        .quotes([types::QuoteUpdate::new(quote_id, update_fields)]);
    let response = client
        .update_booking(&booking.id, update_request.clone())
        .send()
        .await
        .expect("update");
    assert_eq!(response.status(), 200);
    let updated = response.into_inner();
    assert_eq!(updated.id, booking.id);
    assert_eq!(updated.status, types::QuoteStatus::Confirmed);

    // Cancel it.
    let cancel_request =
        types::CancelBookingRequest::new()
            .quotes([types::CancelQuoteRequest::new(quote_id)
                .reason_for_cancellation("No longer wanted.")]);
    let response = client
        .cancel_booking(&booking.id)
        .body(cancel_request.clone())
        .send()
        .await
        .expect("cancellation");
    assert_eq!(response.status(), 200);
    let cancelled = response.into_inner();
    assert_eq!(cancelled.id, booking.id);
    assert_eq!(cancelled.status, types::QuoteStatus::Cancelled);
    assert_eq!(cancelled.total_refund, 5.into());

    // What reached XCover: the right paths and bodies, signed, with idempotency keys on the
    // writes that take one (not on Create quote, as with the official Python SDK).
    xcover.assert_every_request_signed().await;
    let requests = xcover.requests().await;
    let seen: Vec<(String, String)> = requests
        .iter()
        .map(|request| (request.method.to_string(), request.url.path().to_owned()))
        .collect();
    let partner = format!("{PREFIX}/partners/{PARTNER}");
    let id = &booking.id;
    assert_eq!(
        seen,
        [
            ("POST".to_owned(), format!("{partner}/quotes/")),
            ("POST".to_owned(), format!("{partner}/bookings/{id}/")),
            ("PATCH".to_owned(), format!("{partner}/bookings/{id}/")),
            ("POST".to_owned(), format!("{partner}/bookings/{id}/cancel")),
        ]
    );
    let sent = [
        as_json(&quote_request),
        as_json(&booking_request),
        as_json(&update_request),
        as_json(&cancel_request),
    ];
    for (request, sent) in requests.iter().zip(&sent) {
        let received: Value = serde_json::from_slice(&request.body).expect("a JSON body");
        assert_eq!(&received, sent, "{} {}", request.method, request.url);
        assert_eq!(request.headers["content-type"], "application/json");
    }
    assert_eq!(idempotency_key(&requests[0]), None);
    let keys: Vec<String> = requests[1..]
        .iter()
        .map(|request| idempotency_key(request).expect("an idempotency key"))
        .collect();
    assert!(keys.iter().all(|key| is_uuid_v4(key)), "{keys:?}");
    assert!(keys[0] != keys[1] && keys[1] != keys[2] && keys[0] != keys[2]);
}

#[tokio::test]
async fn a_wrong_secret_gets_xcovers_401() {
    let xcover = FakeXCover::start().await;
    xcover
        .replay(&recorded("get_booking_success.json", "GET", "-INS/"))
        .await;
    let mut config = xcover.config();
    config.api_secret = "not-the-right-secret".into();
    let client = xcover_generated::Client::from_config(&config).unwrap();

    let error = client
        .get_booking("9CMJ8-GADWJ-INS")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    assert!(!format!("{error} {error:?}").contains("not-the-right-secret"));
}
