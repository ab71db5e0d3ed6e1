use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::QuoteRequest {
    types::QuoteRequest::new("R1")
}

#[cfg(feature = "in-crate")]
fn literal() -> types::QuoteRequest {
    types::QuoteRequest {
        reference: "R1".into(),
    }
}

#[cfg(feature = "in-crate")]
fn pattern(request: types::QuoteRequest) -> String {
    let types::QuoteRequest { reference } = request;
    reference
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    client.create_quote(build()).send().await.map_err(text)?;
    Ok(())
}
