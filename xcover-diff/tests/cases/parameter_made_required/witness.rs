use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// With the page and without: OLD lets a caller leave it out.
pub async fn deployed(client: &Client) -> Result<(), String> {
    client.list_quotes().page(2).send().await.map_err(text)?;
    client.list_quotes().send().await.map_err(text)?;
    Ok(())
}
