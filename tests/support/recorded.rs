//! The exchanges recorded from XCover's staging API in 2019
//! (`tests/fixtures/recordings-2019/`), one file per session, as the fake XCover replays them.
//! Needs `support::{repo, staging}`.

use serde::Deserialize;

use super::repo::{read, root};
use super::staging::PREFIX;

/// One recorded request/response pair.
#[derive(Debug, Clone)]
pub struct Interaction {
    pub method: String,
    /// The path below the base URL, e.g. `/partners/LLODT/quotes/`.
    pub path: String,
    pub status: u16,
    pub body: String,
}

#[derive(Deserialize)]
struct RawInteraction {
    request: RawRequest,
    response: RawResponse,
}

#[derive(Deserialize)]
struct RawRequest {
    method: String,
    url: String,
}

#[derive(Deserialize)]
struct RawResponse {
    status: RawStatus,
    body: Option<String>,
}

#[derive(Deserialize)]
struct RawStatus {
    code: String,
}

/// The interactions of a recording file, in order.
pub fn recording(name: &str) -> Vec<Interaction> {
    let path = root().join("tests/fixtures/recordings-2019").join(name);
    let raw: Vec<RawInteraction> = serde_json::from_str(&read(&path))
        .unwrap_or_else(|error| panic!("parsing {}: {error}", path.display()));
    raw.into_iter()
        .map(|interaction| {
            let url = interaction.request.url;
            let path = url
                .split_once(PREFIX)
                .map(|(_, rest)| rest)
                .unwrap_or(&url)
                .split('?')
                .next()
                .unwrap_or_default()
                .to_owned();
            Interaction {
                method: interaction.request.method,
                path,
                status: interaction.response.status.code.parse().unwrap(),
                body: interaction.response.body.unwrap_or_default(),
            }
        })
        .collect()
}

/// The recorded interaction of `name` for this method and path suffix.
pub fn recorded(name: &str, method: &str, path_suffix: &str) -> Interaction {
    recording(name)
        .into_iter()
        .find(|interaction| interaction.method == method && interaction.path.ends_with(path_suffix))
        .unwrap_or_else(|| panic!("{name} has no {method} …{path_suffix}"))
}
