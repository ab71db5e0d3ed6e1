//! Every vendor extension (`x-…`) the generator reads, by name; README.md says what each means.

/// On a `oneOf` of an array and a map of the same items: a list the API may send as an
/// index-keyed object (`{"0": …, "1": …}`).
pub const INDEX_KEYED_ARRAY: &str = "x-index-keyed-array";

/// On a discriminated `oneOf`: the variant that receives a discriminator value the spec does
/// not list.
pub const DISCRIMINATOR_FALLBACK: &str = "x-discriminator-fallback";

/// At the root: `{header, replay-status}`, the idempotency key header and the status of a
/// replayed response.
pub const IDEMPOTENCY: &str = "x-idempotency";

/// At the root: webhook event names mapped to path items, as OpenAPI 3.0 renderers write them.
pub const WEBHOOKS: &str = "x-webhooks";

/// On a component schema or an operation: the name to derive the Rust name from instead of
/// the schema's name or the operationId, which also wins any collision. For the rare clash.
pub const RUST_NAME: &str = "x-rust-name";

/// On an operation: how its list is paged (`{items, next-link}`, `{items, next-token,
/// token-parameter}` or `{items, offset-parameter}`), or `false` for no paging at all.
pub const PAGINATION: &str = "x-pagination";

/// On a security scheme: `true` when code of the caller's own applies it (a signing
/// middleware), so that the client builder gets no setting for it.
pub const MANUAL_AUTH: &str = "x-manual-auth";
