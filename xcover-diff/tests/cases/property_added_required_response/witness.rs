use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::Quote {
    types::Quote::new().id("Q1")
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Quote {
    types::Quote { id: None }
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let quote = client
        .list_quotes()
        .send()
        .await
        .map_err(text)?
        .into_inner();
    let _id: Option<String> = quote.id;
    Ok(())
}
