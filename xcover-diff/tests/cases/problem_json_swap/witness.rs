use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn problem(error: super::sdk::Error<types::Problem>) -> Option<i64> {
    match error {
        super::sdk::Error::ErrorResponse(response) => response.into_inner().status,
        _ => None,
    }
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let quote = client
        .get_quote("Q1")
        .send()
        .await
        .map_err(text)?
        .into_inner();
    let _id: String = quote.id;
    Ok(())
}
