//! A partner's code written against the SDK generated from `specs/base.yaml`. It must still
//! compile against the SDK generated from each changed spec beside it: the compiler is the
//! judge of what breaks, where cargo-semver-checks compares no types.

use sdk::{builder, types, Client, Error};

/// Requests are built with constructors and setters.
pub fn policyholder() -> types::Policyholder {
    types::Policyholder::new("Ada", "ada@example.com").country("GB")
}

/// A union from its variants, each setting its own tag.
pub fn quote_request() -> types::QuoteRequest {
    let ticket = types::TicketPolicy::new(2);
    let travel = types::TravelPolicy::new("FR");
    types::QuoteRequest::new(
        types::Currency::Eur,
        vec![ticket.into(), types::Policy::Travel(travel)],
        policyholder(),
    )
}

/// Responses are built the same way, in a partner's own tests.
pub fn sample_quote() -> types::Quote {
    types::Quote::new("q1", types::Currency::Gbp, 10.5).policyholder(policyholder())
}

/// Matching an enum needs a wildcard arm: it is `#[non_exhaustive]`.
pub fn currency_name(currency: &types::Currency) -> &str {
    match currency {
        types::Currency::Eur => "euro",
        types::Currency::Gbp => "pound",
        other => other.as_str(),
    }
}

/// The same for unions; fields are read directly.
pub fn describe(policy: &types::Policy) -> String {
    match policy {
        types::Policy::Ticket(ticket) => format!("{} tickets", ticket.tickets),
        types::Policy::Travel(travel) => format!("travel to {}", travel.destination),
        _ => "another product".to_string(),
    }
}

/// Request builders can be named.
pub fn in_french(request: builder::GetQuote<'_>) -> builder::GetQuote<'_> {
    request.language("fr")
}

/// Calls: what the spec requires is an argument, the rest are setters.
pub async fn quote_twice(client: &Client) -> Result<f64, Error<types::Problem>> {
    let quote = client.create_quote(quote_request()).send().await?.into_inner();
    let again = in_french(client.get_quote(&quote.id)).send().await?;
    Ok(again.into_inner().price)
}

/// Errors: the documented error body, by status.
pub fn problem(error: &Error<types::Problem>) -> Option<(u16, Option<&str>)> {
    match error {
        Error::ErrorResponse(response) => Some((
            response.status().as_u16(),
            response.body().message.as_deref(),
        )),
        _ => None,
    }
}
