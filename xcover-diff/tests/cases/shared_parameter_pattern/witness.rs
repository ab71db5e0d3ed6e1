use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// A partner id as OLD allows it: any text.
pub async fn deployed(client: &Client) -> Result<(), String> {
    client.list_quotes("partner-1").send().await.map_err(text)?;
    client
        .create_quote("partner-1")
        .send()
        .await
        .map_err(text)?;
    Ok(())
}
