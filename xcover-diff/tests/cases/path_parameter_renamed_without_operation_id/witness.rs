use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn total(ok: &types::GetQuotesIdOk) -> Option<i64> {
    ok.total
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let response: types::GetQuotesIdResponse = client
        .get_quotes_id("Q1")
        .send()
        .await
        .map_err(text)?
        .into_inner();
    total(&response);
    Ok(())
}
