use super::sdk::types::*;
use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> Quote {
    Quote::new().id("Q1")
}

#[cfg(feature = "in-crate")]
fn literal() -> Quote {
    Quote { id: None }
}

#[cfg(feature = "in-crate")]
fn pattern(quote: Quote) -> Option<String> {
    let Quote { id } = quote;
    id
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let quote: Quote = client
        .list_quotes()
        .send()
        .await
        .map_err(text)?
        .into_inner();
    let _id: Option<String> = quote.id;
    Ok(())
}
