//! The XCover API SDK.
//!
//! Generated code (models and client, in `generated/`, never edited by hand) plus the
//! hand-written layer that makes it usable against the real API:
//!
//! - [`Client`]: one method per operation, e.g. `client.create_quote().body(…).send().await`;
//!   [`Client::from_config`] gives a signed, retrying client in one line;
//! - [`types`]: the request, response and webhook types;
//! - [`config`]: [`Config`](config::Config), from code or the `XC_*` environment variables;
//! - [`signing`]: HTTP Signature request signing, and [`ApiSecret`], which keeps the secret out
//!   of logs;
//! - [`retry`]: retries with backoff, idempotency-safe;
//! - [`webhooks`]: verifying and parsing the webhooks XCover sends.

mod connect;
mod generated;
mod secret;

pub mod config;
pub mod retry;
pub mod signing;
pub mod webhooks;

pub use connect::USER_AGENT;
pub use generated::client::{Client, ClientBuilder};
pub use generated::runtime::{Error, Response};
pub use secret::ApiSecret;

/// The request, response and webhook types of the XCover API.
pub mod types {
    pub use crate::generated::types::*;
}

/// The generated client's runtime: [`Response`] and [`Error`], and the helpers the generated
/// operations call (hidden from the docs), public as in a standalone generated crate.
pub mod runtime {
    pub use crate::generated::runtime::*;
}
