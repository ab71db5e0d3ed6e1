use super::sdk::{types, Client};

pub fn configure(builder: super::sdk::ClientBuilder) -> super::sdk::ClientBuilder {
    builder.hmac_signature("key-1")
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
