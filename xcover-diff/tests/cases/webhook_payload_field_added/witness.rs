use super::sdk::{types, Client};

fn build() -> types::WebhookEvent {
    types::BookingCreatedWebhook::new("B1").into()
}

fn id(event: &types::WebhookEvent) -> Option<&str> {
    match event {
        types::WebhookEvent::BookingCreated(booking) => Some(&booking.id),
        _ => None,
    }
}

#[cfg(feature = "in-crate")]
fn pattern(booking: types::BookingCreatedWebhook) -> String {
    let types::BookingCreatedWebhook { id } = booking;
    id
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
