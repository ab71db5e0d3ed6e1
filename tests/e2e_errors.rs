//! End to end: what the caller gets when XCover answers with an error, a body that does not
//! parse, or a value the spec does not know.

mod support {
    pub mod fake_xcover;
    pub mod quotes;
    pub mod recorded;
    pub mod repo;
    pub mod signing;
    pub mod staging;
}

use serde_json::{json, Value};
use support::fake_xcover::{json, FakeXCover};
use support::quotes::{quote_request, BOOKING_PATH};
use support::recorded::{recorded, recording};
use xcover_generated::{types, Error};

#[tokio::test]
async fn a_malformed_json_body_is_an_invalid_body_error_with_the_raw_bytes() {
    let xcover = FakeXCover::start().await;
    let recorded = recorded("get_booking_success.json", "GET", "-INS/").body;
    let truncated = &recorded[..recorded.len() / 2];
    xcover
        .signed("GET", BOOKING_PATH)
        .respond_with(json(200, truncated))
        .mount(&xcover.server)
        .await;

    let error = xcover
        .client()
        .get_booking("9CMJ8-GADWJ-INS")
        .send()
        .await
        .expect_err("truncated JSON");
    match error {
        Error::InvalidBody {
            response, source, ..
        } => {
            assert_eq!(response.status(), 200);
            assert_eq!(&response.body()[..], truncated.as_bytes());
            assert!(source.is_eof(), "{source}");
        }
        other => panic!("expected InvalidBody: {other:?}"),
    }
}

#[tokio::test]
async fn a_wrongly_typed_field_is_reported_with_its_path() {
    let xcover = FakeXCover::start().await;
    let mut booking: Value =
        serde_json::from_str(&recorded("get_booking_success.json", "GET", "-INS/").body).unwrap();
    booking["quotes"][0]["price"] = json!({"amount": "lots"});
    xcover
        .signed("GET", BOOKING_PATH)
        .respond_with(json(200, &booking.to_string()))
        .mount(&xcover.server)
        .await;

    let error = xcover
        .client()
        .get_booking("9CMJ8-GADWJ-INS")
        .send()
        .await
        .expect_err("a price that is not a number");
    match error {
        Error::InvalidBody { path, .. } => assert_eq!(path, "quotes[0].price"),
        other => panic!("expected InvalidBody: {other:?}"),
    }
}

/// Each `errors` shape XCover really sends (REFERENCE §1.5), from the 2019 recordings where
/// they have it, and from the Python SDK's 2021 cassettes otherwise.
#[tokio::test]
async fn a_422_comes_back_typed_in_each_of_the_four_errors_shapes() {
    let recorded_422 = |file: &str, method: &str, path: &str| {
        let interaction = recorded(file, method, path);
        assert_eq!(interaction.status, 422, "{file}");
        interaction.body
    };
    // Each body, and how it reads (`Display`, from `xcover_generated::errors`).
    let shapes = [
        // 1. field → message (xcover-php cancel_booking_422.json)
        (
            recorded_422("cancel_booking_422.json", "POST", "/cancel"),
            "malformed: Unexpected field",
        ),
        // 2. field → list of messages (xcover-php create_quote_422.json)
        (
            recorded_422("create_quote_422.json", "POST", "/quotes/"),
            "currency: This field is required.; customer_country: This field is required.; \
             request: This field is required.",
        ),
        // 3. nested object (xcover-python test_booking_modification__error.yaml)
        (
            json!({
                "type": "validation_error",
                "message": "An API error occurred.",
                "errors": {"policyholder": {"phone": ["The phone number should start with \"+\" character"]}}
            })
            .to_string(),
            "policyholder.phone: The phone number should start with \"+\" character",
        ),
        // 4. top-level list (xcover-python test_trigger_email__wrong_payload.yaml)
        (
            json!({
                "type": "validation_error",
                "message": "An API error occurred.",
                "errors": ["BOOKING_CANCELLED email can be only triggered for CANCELLED bookings."]
            })
            .to_string(),
            "BOOKING_CANCELLED email can be only triggered for CANCELLED bookings.",
        ),
    ];

    for (body, reads) in shapes {
        let xcover = FakeXCover::start().await;
        xcover
            .signed("POST", "/partners/LLODT/quotes/")
            .respond_with(json(422, &body))
            .mount(&xcover.server)
            .await;

        let error = xcover
            .client()
            .create_quote(quote_request())
            .send()
            .await
            .expect_err("a validation error");
        let Error::ErrorResponse(response) = error else {
            panic!("expected the documented 422 as ErrorResponse for {body}: {error:?}")
        };
        assert_eq!(response.status(), 422);
        let error: &types::ApiError = response.body();
        let sent: Value = serde_json::from_str(&body).unwrap();
        // Typed, and nothing lost: the typed body serializes back to what XCover sent.
        assert_eq!(serde_json::to_value(error).unwrap(), sent, "{body}");
        assert_eq!(error.to_string(), reads, "{body}");
    }
}

/// How every 422 XCover sent in the 2019 recordings reads: the API's own messages, by field,
/// fields in name order.
#[test]
fn every_recorded_422_reads_as_the_apis_messages() {
    let expected = [
        ("add_quotes_422.json", "request: This field is required."),
        ("cancel_booking_422.json", "malformed: Unexpected field"),
        (
            "create_quote_422.json",
            "currency: This field is required.; customer_country: This field is required.; \
             request: This field is required.",
        ),
        ("delete_quotes_422.json", "malformed: Unexpected field"),
        ("opt_out_422.json", "malformed_payload: Unexpected field"),
        ("update_booking_422.json", "malformed: Unexpected field"),
        ("update_quote_422.json", "malformed: Unexpected field"),
    ];

    // A new 422 recording must be added to the table above.
    let dir = support::repo::root().join("tests/fixtures/recordings-2019");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with("_422.json"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = expected.iter().map(|(file, _)| *file).collect();
    assert_eq!(on_disk, listed);

    for (file, reads) in expected {
        let interactions = recording(file);
        let body = &interactions
            .iter()
            .find(|interaction| interaction.status == 422)
            .unwrap_or_else(|| panic!("{file} has no 422"))
            .body;
        let error: types::ApiError = serde_json::from_str(body).unwrap();
        assert_eq!(error.to_string(), reads, "{file}");
        assert!(
            error
                .field_errors()
                .iter()
                .all(|field| !field.path.is_empty() && !field.message.is_empty()),
            "{file}"
        );
    }
}

#[tokio::test]
async fn an_unknown_enum_value_is_kept_rather_than_failing() {
    let xcover = FakeXCover::start().await;
    let mut booking: Value =
        serde_json::from_str(&recorded("get_booking_success.json", "GET", "-INS/").body).unwrap();
    // A status XCover might add tomorrow (OPTED_OUT was one such, REFERENCE §7.3).
    booking["status"] = json!("SUSPENDED");
    xcover
        .signed("GET", BOOKING_PATH)
        .respond_with(json(200, &booking.to_string()))
        .mount(&xcover.server)
        .await;

    let response = xcover
        .client()
        .get_booking("9CMJ8-GADWJ-INS")
        .send()
        .await
        .expect("an unknown value still parses");
    let booking = response.into_inner();
    assert_eq!(
        booking.status,
        types::QuoteStatus::Unknown("SUSPENDED".to_owned())
    );
    // And goes back out as it came.
    assert_eq!(
        serde_json::to_value(&booking).unwrap()["status"],
        "SUSPENDED"
    );
}

#[tokio::test]
async fn an_undocumented_status_keeps_its_raw_body() {
    let xcover = FakeXCover::start().await;
    xcover
        .signed("GET", BOOKING_PATH)
        .respond_with(wiremock::ResponseTemplate::new(418).set_body_string("I'm a teapot"))
        .mount(&xcover.server)
        .await;
    let error = xcover
        .client()
        .get_booking("9CMJ8-GADWJ-INS")
        .send()
        .await
        .expect_err("418");
    match error {
        Error::UnexpectedResponse(response) => {
            assert_eq!(response.status(), 418);
            assert_eq!(&response.body()[..], b"I'm a teapot");
        }
        other => panic!("expected UnexpectedResponse: {other:?}"),
    }
}
