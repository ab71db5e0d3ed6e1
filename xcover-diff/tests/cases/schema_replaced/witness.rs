use super::sdk::{types, Client};

fn build() -> types::Event {
    types::Event::new().ticket(types::Ticket::new().price(10.0))
}

fn price(event: &types::Event) -> Option<f64> {
    event.ticket.as_ref()?.price
}

#[cfg(feature = "in-crate")]
fn pattern(ticket: types::Ticket) -> Option<f64> {
    let types::Ticket { price } = ticket;
    price
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
