use super::sdk::types::*;
use super::sdk::Client;

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> Quote {
    Quote::new().id("Q1")
}

/// `Result` here is the prelude's, unless the SDK's types bring another.
pub async fn deployed(client: &Client) -> Result<(), String> {
    let quote: Quote = client
        .list_quotes()
        .send()
        .await
        .map_err(text)?
        .into_inner();
    Ok(())
}
