use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::Booking {
    types::Booking::new("R1")
}

/// The alias lets a `BookingBase` stand for a `Booking`.
fn from_base(base: types::BookingBase) -> types::Booking {
    base
}

fn read(booking: &types::Booking) -> &str {
    &booking.reference
}

#[cfg(feature = "in-crate")]
fn literal() -> types::Booking {
    types::Booking {
        reference: "R1".into(),
    }
}

#[cfg(feature = "in-crate")]
fn pattern(booking: types::Booking) -> String {
    let types::Booking { reference } = booking;
    reference
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    client.create_booking(build()).send().await.map_err(text)?;
    Ok(())
}
