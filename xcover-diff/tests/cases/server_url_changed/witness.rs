use super::sdk::{types, Client};

fn client() -> Client {
    Client::new("https://staging.api.xcover.com/xcover")
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
