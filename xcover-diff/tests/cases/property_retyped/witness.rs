use super::sdk::{types, Client};

fn build() -> types::Quote {
    types::Quote::new().duration("P1D")
}

fn read(quote: &types::Quote) -> Option<&str> {
    quote.duration.as_deref()
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
