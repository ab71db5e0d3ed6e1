//! What the IR does not hold, read from the documents' JSON: validation keywords, deprecation,
//! security requirements and servers.

pub(crate) mod constraints;
pub(crate) mod deprecation;
pub(crate) mod security;
pub(crate) mod servers;
