use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::Booking {
    types::Booking::new("R1").channel("web")
}

fn read(booking: &types::Booking) -> (&str, Option<&str>) {
    (&booking.reference, booking.channel.as_deref())
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Booking {
    types::Booking {
        reference: "R1".into(),
        channel: None,
    }
}

#[cfg(feature = "in-crate")]
fn pattern(booking: types::Booking) -> String {
    let types::Booking { reference, channel } = booking;
    reference
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    client.create_booking(build()).send().await.map_err(text)?;
    Ok(())
}
