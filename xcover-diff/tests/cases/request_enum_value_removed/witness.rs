use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::QuoteRequest {
    types::QuoteRequest::new(types::QuoteRequestCurrency::Usd)
}

fn name(currency: &types::QuoteRequestCurrency) -> &str {
    match currency {
        types::QuoteRequestCurrency::Gbp => "GBP",
        types::QuoteRequestCurrency::Eur => "EUR",
        types::QuoteRequestCurrency::Usd => "USD",
        _ => "other",
    }
}

#[cfg(feature = "in-crate")]
fn exhaustive(currency: &types::QuoteRequestCurrency) -> &str {
    match currency {
        types::QuoteRequestCurrency::Gbp => "GBP",
        types::QuoteRequestCurrency::Eur => "EUR",
        types::QuoteRequestCurrency::Usd => "USD",
        types::QuoteRequestCurrency::Unknown(other) => other,
    }
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    client.create_quote(build()).send().await.map_err(text)?;
    Ok(())
}
