use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::Payment {
    types::Card::new().last4("4242").into()
}

fn describe(payment: &types::Payment) -> String {
    match payment {
        types::Payment::Card(card) => format!("card {:?}", card.last4),
        types::Payment::Bank(bank) => format!("bank {:?}", bank.iban),
        _ => "other".to_owned(),
    }
}

#[cfg(feature = "in-crate")]
fn exhaustive(payment: &types::Payment) -> u8 {
    match payment {
        types::Payment::Card(_) => 1,
        types::Payment::Bank(_) => 2,
    }
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let payment = client
        .get_payment("P1")
        .send()
        .await
        .map_err(text)?
        .into_inner();
    describe(&payment);
    Ok(())
}
