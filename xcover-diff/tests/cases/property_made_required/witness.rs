use super::sdk::{types, Client};

fn build() -> types::Quote {
    types::Quote::new().id("Q1")
}

fn read(quote: &types::Quote) -> Option<&str> {
    quote.id.as_deref()
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Quote {
    types::Quote { id: None }
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
