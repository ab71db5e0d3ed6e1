use super::sdk::{types, Client};

fn build() -> types::Booking {
    types::Booking::new().tags(vec!["gold".to_owned()])
}

fn first_tag(booking: &types::Booking) -> Option<usize> {
    booking.tags.as_ref()?.first().map(|tag| tag.len())
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Booking {
    types::Booking {
        tags: Some(vec!["gold".to_owned()]),
    }
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
