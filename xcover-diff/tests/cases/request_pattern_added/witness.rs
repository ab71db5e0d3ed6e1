use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::QuoteRequest {
    types::QuoteRequest::new("ref-12345678", 1)
}

fn read(request: &types::QuoteRequest) -> (&str, i64) {
    (&request.reference, request.travellers)
}

#[cfg(feature = "in-crate")]
fn literal() -> types::QuoteRequest {
    types::QuoteRequest {
        reference: "ref-12345678".into(),
        travellers: 1,
    }
}

/// Values OLD's constraints allow.
pub async fn deployed(client: &Client) -> Result<(), String> {
    client
        .create_quote(build())
        .channel("web-app")
        .send()
        .await
        .map_err(text)?;
    Ok(())
}
