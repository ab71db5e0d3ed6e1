use super::sdk::{types, Client};

fn text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn set() -> types::QuotePatch {
    types::QuotePatch::new().note(Some("call back".to_owned()))
}

/// `null` clears the note.
fn clear() -> types::QuotePatch {
    types::QuotePatch::new().note(None)
}

fn read(patch: &types::QuotePatch) -> &str {
    match &patch.note {
        Some(Some(note)) => note,
        Some(None) => "cleared",
        None => "unchanged",
    }
}

#[cfg(feature = "in-crate")]
fn literal() -> types::QuotePatch {
    types::QuotePatch { note: Some(None) }
}

pub async fn deployed(client: &Client) -> Result<(), String> {
    client
        .update_quote("Q1", set())
        .send()
        .await
        .map_err(text)?;
    client
        .update_quote("Q1", clear())
        .send()
        .await
        .map_err(text)?;
    Ok(())
}
