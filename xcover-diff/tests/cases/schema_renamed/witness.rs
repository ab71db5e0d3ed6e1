use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::Quote {
    types::Quote::new()
        .currency(types::Currency::Usd)
        .prices(vec![types::Currency::Eur])
}

#[cfg(feature = "in-crate")]
fn exhaustive(currency: &types::Currency) -> &str {
    match currency {
        types::Currency::Aud => "AUD",
        types::Currency::Eur => "EUR",
        types::Currency::Usd => "USD",
        types::Currency::Unknown(other) => other,
    }
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let quote = client
        .list_quotes()
        .currency(types::Currency::Usd)
        .send()
        .await
        .map_err(text)?
        .into_inner();
    let _currency: Option<types::Currency> = quote.currency;
    Ok(())
}
