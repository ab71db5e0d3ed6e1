//! The XCover API SDK.
//!
//! Generated code (models and client, in `generated/`, never edited by hand) plus the
//! hand-written layer that makes it usable against the real API:
//!
//! - [`signing`]: HTTP Signature request signing, and [`ApiSecret`], which keeps the secret out
//!   of logs;
//! - [`config`]: [`Config`](config::Config), from code or the `XC_*` environment variables;
//! - [`retry`]: retries with backoff, idempotency-safe;
//! - [`webhooks`]: verifying and parsing the webhooks XCover sends.

mod secret;

pub mod config;
pub mod retry;
pub mod signing;
pub mod webhooks;

pub use secret::ApiSecret;
