use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    client.opt_out("B1").send().await.map_err(text)?;
    Ok(())
}
