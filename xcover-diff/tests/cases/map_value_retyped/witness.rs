use super::sdk::{types, Client};

fn build() -> types::Metadata {
    let mut metadata = types::Metadata::new();
    metadata.insert("channel".to_owned(), "web".to_owned());
    metadata
}

fn read(metadata: &types::Metadata) -> usize {
    metadata.values().map(|value| value.len()).sum()
}

/// Nothing of the change is sent or received.
pub async fn deployed(client: &Client) -> Result<(), String> {
    Ok(())
}
