use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// A page as OLD types it: any text.
pub async fn deployed(client: &Client) -> Result<(), String> {
    client.list_quotes().page("2").send().await.map_err(text)?;
    client
        .list_quotes()
        .page("last")
        .send()
        .await
        .map_err(text)?;
    Ok(())
}
