use super::sdk::{types, Client};

fn build() -> types::Booking {
    types::Booking::new().status("CONFIRMED")
}

fn read(booking: &types::Booking) -> Option<&str> {
    booking.status.as_deref()
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Booking {
    types::Booking { status: None }
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
