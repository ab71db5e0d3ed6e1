use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn build() -> types::Event {
    types::Flight::new("BA1").into()
}

fn describe(event: &types::Event) -> String {
    match event {
        types::Event::Flight(flight) => flight.flight_number.clone(),
        types::Event::Hotel(hotel) => hotel.nights.to_string(),
        _ => "other".to_owned(),
    }
}

#[cfg(feature = "in-crate")]
fn exhaustive(event: &types::Event) -> u8 {
    match event {
        types::Event::Flight(_) => 1,
        types::Event::Hotel(_) => 2,
        types::Event::Unknown(_) => 3,
    }
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    let event = client
        .get_event("E1")
        .send()
        .await
        .map_err(text)?
        .into_inner();
    describe(&event);
    Ok(())
}
