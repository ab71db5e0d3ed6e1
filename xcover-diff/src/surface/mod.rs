//! The Rust surface the generator's IR defines, compared: client methods, generated types and
//! the client builder's credentials. Every name and type here is the IR's.

pub(crate) mod credentials;
pub(crate) mod operations;
pub(crate) mod types;
