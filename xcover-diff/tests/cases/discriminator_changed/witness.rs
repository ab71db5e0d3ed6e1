use super::sdk::{types, Client};

fn build() -> [types::Payment; 2] {
    [
        types::Card::new().kind("Card").into(),
        types::Payment::Bank(types::Bank::new().kind("Bank")),
    ]
}

fn kind(payment: &types::Payment) -> Option<&str> {
    match payment {
        types::Payment::Card(card) => card.kind.as_deref(),
        types::Payment::Bank(bank) => bank.kind.as_deref(),
        _ => None,
    }
}

#[cfg(feature = "in-crate")]
fn exhaustive(payment: &types::Payment) -> u8 {
    match payment {
        types::Payment::Card(types::Card { kind }) => 1,
        types::Payment::Bank(types::Bank { kind }) => 2,
        types::Payment::Unknown(value) => 3,
    }
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
