use super::sdk::{types, Client};

fn build() -> types::Quote {
    types::Quote::new().currency(types::Currency::Usd)
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

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
