//! Turning changes into text.

pub(crate) mod describe;
pub(crate) mod markdown;
