use super::sdk::{types, Client};

fn build() -> types::WebhookEvent {
    types::BookingWebhook::new().id("B1").into()
}

fn decode(body: &str) -> Option<types::WebhookEvent> {
    super::sdk::runtime::serde_json::from_str(body).ok()
}

fn id(event: &types::WebhookEvent) -> Option<&str> {
    match event {
        types::WebhookEvent::BookingCreated(booking) => booking.id.as_deref(),
        _ => None,
    }
}

#[cfg(feature = "in-crate")]
fn exhaustive(event: &types::WebhookEvent) -> u8 {
    match event {
        types::WebhookEvent::BookingCreated(_) => 1,
    }
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
