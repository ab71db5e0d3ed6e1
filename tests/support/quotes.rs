//! A quote and a booking to ask the fake XCover about.

/// The path of any one booking, as a pattern for the fake XCover's mocks.
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
