use super::sdk::{types, Client};

fn build() -> types::Quote {
    types::Quote::new().price(1.5)
}

fn read(quote: &types::Quote) -> Option<f64> {
    quote.price
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Quote {
    types::Quote { price: None }
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
