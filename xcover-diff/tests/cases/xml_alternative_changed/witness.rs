use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let quote = client
        .create_quote(types::Quote::new().reference("ABC"))
        .send()
        .await
        .map_err(text)?
        .into_inner();
    let _reference: Option<String> = quote.reference;
    Ok(())
}
