use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    client.create_note("remember").send().await.map_err(text)?;
    Ok(())
}
