use super::sdk::{types, Client};

fn build() -> types::Quote {
    types::Quote::new(Some(types::Commission::new().rate(0.1)))
}

fn rate(quote: &types::Quote) -> Option<f64> {
    quote.commission.as_ref()?.rate
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Quote {
    types::Quote { commission: None }
}

#[cfg(feature = "in-crate")]
fn pattern(quote: types::Quote) -> Option<types::Commission> {
    let types::Quote { commission } = quote;
    commission
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
