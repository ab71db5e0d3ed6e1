//! The XCover API SDK.
//!
//! Generated code (models and client, in `generated/`, never edited by hand) plus the
//! hand-written layer that makes it usable against the real API:
//!
//! - [`Client`]: one method per operation, taking what the spec requires, e.g.
//!   `client.create_quote(request).send().await`; it returns a request builder from
//!   [`builder`], whose setters give the optional parameters. [`Client::from_config`] gives a
//!   signed, retrying client in one line. Every builder takes `options(…)` for one call's
//!   timeout, headers and retry policy; `list_bookings()` also gives `pages()` and `items()`;
//! - [`types`]: the request, response and webhook types, each built with `new` (what the spec
//!   requires) and setters (the rest);
//! - [`config`]: [`Config`](config::Config), from code or the `XC_*` environment variables;
//! - [`signing`]: HTTP Signature request signing, and [`ApiSecret`], which keeps the secret out
//!   of logs;
//! - [`retry`]: retries with backoff, idempotency-safe, within a deadline per call;
//! - [`errors`]: XCover's error bodies ([`types::ApiError`]) as readable messages, field by
//!   field;
//! - [`webhooks`]: verifying and parsing the webhooks XCover sends;
//! - `testing` (feature `testing`): a test double for partners' tests.
//!
//! ```no_run
//! use xcover_generated::{config::Config, types, Client, Error};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! // XC_BASE_URL, XC_PARTNER_CODE, XC_AUTH_API_KEY, XC_AUTH_API_SECRET, …
//! let client = Client::from_config(&Config::from_env()?)?;
//! match client.get_booking("33K6D-WBHLY-INS").send().await {
//!     Ok(response) => println!("{}", response.into_inner().status),
//!     Err(Error::ErrorResponse(response)) => {
//!         let error: &types::ApiError = response.body();
//!         // e.g. `XCover said 422 Unprocessable Entity: currency: This field is required.`
//!         println!("XCover said {}: {error}", response.status());
//!     }
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(()) }
//! ```

//!
//! What the spec requires can't be forgotten: a call without its required body does not
//! compile.
//!
//! ```compile_fail
//! # async fn example(client: &xcover_generated::Client) {
//! let response = client.create_quote().send().await;
//! # }
//! ```

#![deny(missing_docs)]

// The README's Rust blocks are doctests of the SDK: the partner program and the run-time
// snippets compile against this crate (the build-time blocks are marked `ignore`). One shows
// the test double, so they need `testing`, which `cargo test --workspace` turns on (the root
// package's tests use it).
#[cfg(all(doctest, feature = "testing"))]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

mod connect;
// Written by xcover-codegen, formatted by prettyplease: rustfmt would only churn it.
#[rustfmt::skip]
mod generated;
mod secret;

pub mod config;
pub mod errors;
pub mod retry;
pub mod signing;
pub mod webhooks;

pub use connect::USER_AGENT;
pub use generated::client::{builder, Client, ClientBuilder};
// The crates whose types the SDK's API shows, so that a partner pins nothing to match them.
pub use generated::runtime::{Error, Response};
pub use secret::{ApiSecret, SecretError};
pub use xcover_runtime::{
    bytes, chrono, futures_util, http, reqwest, reqwest_middleware, rust_decimal, serde_json, uuid,
};

/// A test double for partners' tests (feature `testing`): a transport that answers each
/// operation with queued replies, typed or raw, and keeps the signed requests the SDK sent.
#[cfg(feature = "testing")]
pub mod testing {
    pub use xcover_runtime::testing::*;
}

/// The request, response and webhook types of the XCover API.
pub mod types {
    pub use crate::generated::types::*;
}

/// The generated client's runtime: [`Response`] and [`Error`], and the helpers the generated
/// operations call (hidden from the docs), public as in a standalone generated crate.
pub mod runtime {
    pub use crate::generated::runtime::*;
}
