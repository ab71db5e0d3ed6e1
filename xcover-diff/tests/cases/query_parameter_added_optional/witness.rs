use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    client
        .create_quote()
        .fast_quote(true)
        .send()
        .await
        .map_err(text)?;
    Ok(())
}
