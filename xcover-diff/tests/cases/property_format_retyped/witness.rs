use super::sdk::{types, Client};

fn build() -> types::Quote {
    types::Quote::new().created_at("2024-01-01T00:00:00Z")
}

fn read(quote: &types::Quote) -> Option<&str> {
    quote.created_at.as_deref()
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
