use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// With a body and without: OLD lets a caller leave it out.
pub async fn deployed(client: &Client) -> Result<(), String> {
    client
        .create_quote()
        .body(types::CreateQuoteRequest::new().currency("GBP"))
        .send()
        .await
        .map_err(text)?;
    client.create_quote().send().await.map_err(text)?;
    Ok(())
}
