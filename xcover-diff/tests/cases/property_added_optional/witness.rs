use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Quote {
    types::Quote { id: "Q1".into() }
}

#[cfg(feature = "in-crate")]
fn pattern(quote: types::Quote) -> String {
    let types::Quote { id } = quote;
    id
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let quote = client
        .list_quotes()
        .send()
        .await
        .map_err(text)?
        .into_inner();
    let _id: String = quote.id;
    Ok(())
}
