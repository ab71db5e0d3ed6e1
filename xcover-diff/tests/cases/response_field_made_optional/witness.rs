use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::Quote {
    types::Quote::new("Q1", "open")
}

fn status(quote: &types::Quote) -> usize {
    quote.status.len()
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Quote {
    types::Quote {
        id: "Q1".into(),
        status: "open".into(),
    }
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let quote = client
        .get_quote("Q1")
        .send()
        .await
        .map_err(text)?
        .into_inner();
    status(&quote);
    Ok(())
}
