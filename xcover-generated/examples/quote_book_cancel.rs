//! Quote → booking → cancellation against the XCover sandbox.
//!
//! ```sh
//! export XC_BASE_URL=https://staging.api.xcover.com/xcover
//! export XC_PARTNER_CODE=…  XC_AUTH_API_KEY=…  XC_AUTH_API_SECRET=…
//! cargo run -p xcover-generated --example quote_book_cancel
//! ```
//!
//! Without the variables it says what it needs and exits with status 2. It books and then
//! cancels a real (sandbox) policy: use testing keys only.

use std::process::ExitCode;

use xcover_generated::{
    config::{self, Config, ConfigError},
    retry::Attempts,
    types, Client, Error,
};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            explain_setup(&error);
            return ExitCode::from(2);
        }
    };
    println!("Using {config}");

    match run(&config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    // Signed requests, retries with backoff, the configured timeout: one line.
    let client = Client::from_config(config)?;

    // 1. Quote ticket protection for an event tomorrow. Each type's `new` takes what the spec
    //    requires; setters add the rest. The variant sets its own `policy_type`.
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).fixed_offset();
    let tickets = vec![types::Ticket::new(50), types::Ticket::new(50)];
    let product = types::EventTicketProtectionPolicyRequest::new(1, tomorrow, tickets)
        .event_datetime(tomorrow)
        .event_name("Ariana Grande")
        .event_location("The O2")
        .number_of_tickets(2)
        .resale_ticket(false)
        .event_country("GB");
    let quote_request = types::CreateQuoteRequest::new(
        types::CurrencyEnum::Gbp,
        vec![product.into()],
        types::CustomerCountry::Gb,
    )
    .customer_region("London")
    .customer_language("en");
    let package = client
        .create_quote(quote_request)
        .send()
        .await
        .map_err(describe)?
        .into_inner();
    let quote = package
        .quotes
        .first()
        .ok_or("the quote package has no quote")?;
    println!(
        "Quoted {}: {} ({}), quote {}",
        package.id, package.total_price_formatted, package.status, quote.id
    );

    // 2. Book it. The SDK gives the call an idempotency key, and sends the same key on every
    //    retry, so a retried booking is never booked twice.
    let policyholder =
        types::PolicyholderRequest::new("John", "Bon Jovi", "john.bon.jovi@example.com")
            .age(30)
            .country("GB");
    let booking_request = types::CreateBookingRequest::new(
        vec![types::BookingQuoteRequest::new(quote.id)],
        policyholder,
    );
    let response = client
        .create_booking(&package.id, booking_request)
        .send()
        .await
        .map_err(describe)?;
    let attempts = response.extensions().get::<Attempts>().map_or(1, |a| a.0);
    let replayed = response.is_replay();
    let booking = response.into_inner();
    println!(
        "Booked {}: {} ({} attempt(s){}), policy documents at {}",
        booking.id,
        booking.status,
        attempts,
        if replayed { ", replayed" } else { "" },
        booking.pds_url
    );

    // 3. Cancel it.
    let cancel_request = types::CancelBookingRequest::new().quotes(
        booking
            .quotes
            .iter()
            .map(|quote| {
                types::CancelQuoteRequest::new(quote.id).reason_for_cancellation("Example run")
            })
            .collect::<Vec<_>>(),
    );
    let cancellation = client
        .cancel_booking(&booking.id)
        .body(cancel_request)
        .send()
        .await
        .map_err(describe)?
        .into_inner();
    println!(
        "Cancelled {}: {}, refund {}",
        cancellation.id, cancellation.status, cancellation.total_refund_formatted
    );
    Ok(())
}

/// A readable account of a failed call: XCover's own message and field errors when it sent
/// them.
fn describe(error: Error<types::ApiError>) -> Box<dyn std::error::Error> {
    match &error {
        Error::ErrorResponse(response) => {
            format!("XCover answered {}: {}", response.status(), response.body()).into()
        }
        _ => Box::new(error),
    }
}

fn explain_setup(error: &ConfigError) {
    eprintln!("This example calls the XCover sandbox, and needs its settings: {error}.");
    eprintln!();
    eprintln!("Set these environment variables (your integration manager provides the values):");
    eprintln!(
        "  {:<24} the API root, e.g. https://staging.api.xcover.com/xcover",
        config::XC_BASE_URL
    );
    eprintln!(
        "  {:<24} your partner code, e.g. LLODT",
        config::XC_PARTNER_CODE
    );
    eprintln!("  {:<24} your testing API key", config::XC_AUTH_API_KEY);
    eprintln!(
        "  {:<24} your testing API secret",
        config::XC_AUTH_API_SECRET
    );
    eprintln!();
    eprintln!("Optional, with their defaults:");
    eprintln!(
        "  {:<24} hmac-sha512 (or hmac-sha256, hmac-sha384)",
        config::XC_AUTH_ALGORITHM
    );
    eprintln!(
        "  {:<24} \"(request-target) date\"",
        config::XC_AUTH_HEADERS
    );
    eprintln!("  {:<24} 60 (seconds per attempt)", config::XC_HTTP_TIMEOUT);
    eprintln!(
        "  {:<24} 120 (seconds per call, retries included)",
        config::XC_HTTP_DEADLINE
    );
    eprintln!("  {:<24} 5 (retries)", config::XC_RETRY_TOTAL);
    eprintln!(
        "  {:<24} 2 (seconds, doubled on each retry)",
        config::XC_RETRY_BACKOFF_FACTOR
    );
}
