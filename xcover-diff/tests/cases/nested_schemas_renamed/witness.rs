use super::sdk::{types, Client};

fn build() -> types::Price {
    types::Price::new().amount(types::Amount::new().value(1.5))
}

fn value(price: &types::Price) -> Option<f64> {
    price.amount.as_ref()?.value
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
