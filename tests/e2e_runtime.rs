//! End to end: what a call can be told (per-call options), how a list is paged, what a call
//! and how a failure reads to a person, against the local fake XCover.

mod support {
    pub mod fake_xcover;
    pub mod recorded;
    pub mod repo;
    pub mod signing;
    pub mod staging;
}

use std::time::{Duration, Instant};

use serde_json::Value;
use support::fake_xcover::{json, FakeXCover};
use support::recorded::recorded;
use wiremock::matchers::{header, query_param};
use xcover_generated::futures_util::StreamExt;
use xcover_generated::retry::RetryPolicy;
use xcover_generated::runtime::RequestOptions;
use xcover_generated::Error;

const BOOKINGS: &str = "/partners/LLODT/bookings/";

/// The ten bookings of the recorded `listBookings` page, as three pages of 4, 4 and 2 linked
/// by `next`, served by `xcover` at offsets 0, 4 and 8; the second page is throttled once.
async fn serve_three_pages(xcover: &FakeXCover) -> Vec<Value> {
    let recorded: Value =
        serde_json::from_str(&recorded("list_bookings.json", "GET", "/bookings/").body).unwrap();
    let bookings = recorded["results"].as_array().unwrap().clone();
    let url = |offset: usize| format!("{}{BOOKINGS}?limit=4&offset={offset}", xcover.base_url());
    for (index, offset) in [0, 4, 8].into_iter().enumerate() {
        let end = (offset + 4).min(bookings.len());
        let page = serde_json::json!({
            "count": bookings.len(),
            "next": (end < bookings.len()).then(|| url(end)),
            "previous": (offset > 0).then(|| url(offset - 4)),
            "results": bookings[offset..end],
        });
        let mock = xcover
            .signed("GET", BOOKINGS)
            .and(query_param("limit", "4"));
        let mock = if offset == 0 {
            mock.and(wiremock::matchers::query_param_is_missing("offset"))
        } else {
            mock.and(query_param("offset", offset.to_string()))
        };
        if index == 1 {
            xcover
                .signed("GET", BOOKINGS)
                .and(query_param("offset", "4"))
                .respond_with(json(429, r#"{"message":"slow down"}"#))
                .up_to_n_times(1)
                .with_priority(1)
                .mount(&xcover.server)
                .await;
        }
        mock.respond_with(json(200, &page.to_string()))
            .mount(&xcover.server)
            .await;
    }
    bookings
}

#[tokio::test]
async fn items_follow_next_links_across_three_pages_signed_and_retried() {
    let xcover = FakeXCover::start().await;
    let bookings = serve_three_pages(&xcover).await;
    let client = xcover.client();

    let pages: Vec<_> = client.list_bookings().limit(4).pages().collect().await;
    let sizes: Vec<usize> = pages
        .iter()
        .map(|page| page.as_ref().expect("a page").body().results.len())
        .collect();
    assert_eq!(sizes, [4, 4, 2]);

    let items: Vec<_> = client.list_bookings().limit(4).items().collect().await;
    let ids: Vec<String> = items
        .into_iter()
        .map(|booking| booking.expect("a booking").id)
        .collect();
    let recorded_ids: Vec<&str> = bookings
        .iter()
        .map(|booking| booking["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, recorded_ids);
    // Every request was signed (the fake answers 401 otherwise); the throttled page was retried.
    let requests = xcover.server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3 + 1 + 3);
}

#[tokio::test]
async fn a_next_link_to_another_origin_is_not_followed() {
    let xcover = FakeXCover::start().await;
    let page = serde_json::json!({
        "count": 2,
        "next": "https://attacker.example/steal?offset=1",
        "previous": null,
        "results": [],
    });
    xcover
        .signed("GET", BOOKINGS)
        .respond_with(json(200, &page.to_string()))
        .mount(&xcover.server)
        .await;

    let pages: Vec<_> = xcover.client().list_bookings().pages().collect().await;
    assert_eq!(pages.len(), 2, "the first page, then the refusal");
    assert!(pages[0].is_ok());
    let refusal = pages[1].as_ref().unwrap_err();
    assert!(matches!(refusal, Error::InvalidRequest(_)), "{refusal:?}");
    assert_eq!(
        refusal.to_string(),
        "invalid request: the next page's link leads to another origin \
         (https://attacker.example): not followed"
    );
    assert_eq!(xcover.server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_per_call_timeout_shorter_than_the_clients_ends_the_call_and_says_so() {
    let xcover = FakeXCover::start().await;
    let booking = recorded("get_booking_success.json", "GET", "-INS/").body;
    xcover
        .signed("GET", "/partners/LLODT/bookings/[^/]+/")
        .respond_with(json(200, &booking).set_delay(Duration::from_secs(2)))
        .mount(&xcover.server)
        .await;
    let mut config = xcover.config();
    config.retry_total = 0;
    let client = xcover_generated::Client::from_config(&config).unwrap();

    let started = Instant::now();
    let error = client
        .get_booking("9CMJ8-GADWJ-INS")
        .options(RequestOptions::new().timeout(Duration::from_millis(200)))
        .send()
        .await
        .expect_err("the call's own timeout");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(error.to_string().starts_with("timed out"), "{error}");
}

#[tokio::test]
async fn a_per_call_header_is_sent_with_the_signed_request() {
    let xcover = FakeXCover::start().await;
    let booking = recorded("get_booking_success.json", "GET", "-INS/").body;
    xcover
        .signed("GET", "/partners/LLODT/bookings/[^/]+/")
        .and(header("x-correlation-id", "order-1234"))
        .respond_with(json(200, &booking))
        .mount(&xcover.server)
        .await;
    let response = xcover
        .client()
        .get_booking("9CMJ8-GADWJ-INS")
        .options(RequestOptions::new().header("x-correlation-id", "order-1234"))
        .send()
        .await
        .expect("the mock that wants the header answered");
    assert_eq!(response.status(), 200);

    let invalid = xcover
        .client()
        .get_booking("9CMJ8-GADWJ-INS")
        .options(RequestOptions::new().header("x-correlation-id", "line\nbreak"))
        .send()
        .await
        .expect_err("an invalid header value");
    assert_eq!(
        invalid.to_string(),
        "invalid request: the options' header `x-correlation-id` has an invalid value"
    );
}

#[tokio::test]
async fn a_real_422_reads_as_its_status_and_body() {
    let xcover = FakeXCover::start().await;
    let recorded = recorded("update_booking_422.json", "PATCH", "-INS/");
    xcover
        .signed("PATCH", "/partners/LLODT/bookings/[^/]+/")
        .respond_with(json(recorded.status, &recorded.body))
        .mount(&xcover.server)
        .await;
    let error = xcover
        .client()
        .update_booking(
            "9CMJ8-GADWJ-INS",
            xcover_generated::types::UpdateBookingRequest::new(),
        )
        .send()
        .await
        .expect_err("422");
    // The generic runtime shows the status and the body as sent …
    assert_eq!(
        error.to_string(),
        r#"422 Unprocessable Entity: {"type":"validation_error","message":"An API error occurred.","errors":{"malformed":"Unexpected field"}}"#
    );
    // … and the typed error response, the API's own messages.
    let Error::ErrorResponse(response) = error else {
        panic!("{error:?}")
    };
    assert_eq!(
        response.to_string(),
        "422 Unprocessable Entity: malformed: Unexpected field"
    );
}

/// A retry policy given for one call replaces the client's: here, no retries, and a deadline.
#[tokio::test]
async fn a_per_call_retry_policy_replaces_the_clients() {
    let xcover = FakeXCover::start().await;
    xcover
        .signed("GET", "/partners/LLODT/bookings/[^/]+/")
        .respond_with(json(503, "{}"))
        .mount(&xcover.server)
        .await;
    let client = xcover.client();

    let error = client
        .get_booking("9CMJ8-GADWJ-INS")
        .options(RequestOptions::new().extension(RetryPolicy::never()))
        .send()
        .await
        .expect_err("503");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    assert_eq!(xcover.server.received_requests().await.unwrap().len(), 1);

    // The client's own policy retries the same call three times.
    client
        .get_booking("9CMJ8-GADWJ-INS")
        .send()
        .await
        .expect_err("503");
    assert_eq!(
        xcover.server.received_requests().await.unwrap().len(),
        1 + 4
    );

    let patient = RetryPolicy::new(50)
        .backoff_factor(Duration::from_millis(100))
        .deadline(Duration::from_millis(300));
    let started = Instant::now();
    client
        .get_booking("9CMJ8-GADWJ-INS")
        .options(RequestOptions::new().extension(patient))
        .send()
        .await
        .expect_err("503 once the deadline leaves no time for another try");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

/// A transport failure says what happened, in words, without the URL.
#[tokio::test]
async fn a_refused_connection_reads_as_such() {
    // Bind then drop a listener: nothing listens on that port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut config = xcover_generated::config::Config::new(
        format!("http://127.0.0.1:{port}/x"),
        "LLODT",
        "the-key",
        "the-secret",
    );
    config.retry_total = 0;
    let client = xcover_generated::Client::from_config(&config).unwrap();
    let error = client
        .get_booking("9CMJ8-GADWJ-INS")
        .send()
        .await
        .expect_err("nothing listens");
    let shown = error.to_string();
    assert!(shown.starts_with("could not connect: "), "{shown}");
    assert!(shown.contains("Connection refused"), "{shown}");
    assert!(!shown.contains("127.0.0.1"), "{shown}");
}
