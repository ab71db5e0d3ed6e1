use super::sdk::{types, Client};

fn build() -> types::Partner {
    types::Partner::new().code("partner-1")
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Partner {
    types::Partner { code: None }
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
