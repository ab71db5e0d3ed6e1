use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::Quote {
    types::Quote::new(1.5)
}

fn read(quote: &types::Quote) -> f64 {
    quote.price
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Quote {
    types::Quote { price: 1.5 }
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let quote = client
        .list_quotes()
        .send()
        .await
        .map_err(text)?
        .into_inner();
    read(&quote);
    Ok(())
}
