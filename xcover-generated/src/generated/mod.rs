//! Generated from XCover API (2.152.1) by xcover-codegen. Do not edit: regenerate.

pub mod client;
pub mod runtime;
pub mod types;
