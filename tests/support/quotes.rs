//! A quote and a booking to ask the fake XCover about.

use xcover_generated::{chrono, types};

/// The path of any one booking, as a pattern for the fake XCover's mocks.
pub const BOOKING_PATH: &str = "/partners/LLODT/bookings/[^/]+/";

/// A small, valid `createQuote` body.
pub fn quote_request() -> types::CreateQuoteRequest {
    let start = chrono::DateTime::parse_from_rfc3339("2019-12-25T05:58:28.831+00:00").unwrap();
    let tickets =
        types::EventTicketProtectionPolicyRequest::new(1, start, [types::Ticket::new(100)]);
    types::CreateQuoteRequest::new(
        types::CurrencyEnum::Gbp,
        [types::PolicyRequest::from(tickets)],
        types::CustomerCountry::Gb,
    )
}
