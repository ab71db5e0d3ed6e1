use super::sdk::{types, Client};

fn build() -> types::Quote {
    types::Quote::new().price(types::QuotePrice::new().amount(1.5).formatted("1.50"))
}

fn formatted(quote: &types::Quote) -> Option<&str> {
    quote.price.as_ref()?.formatted.as_deref()
}

#[cfg(feature = "in-crate")]
fn pattern(price: types::QuotePrice) -> Option<f64> {
    let types::QuotePrice { amount, formatted } = price;
    amount
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
