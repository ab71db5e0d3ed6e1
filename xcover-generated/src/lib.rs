//! The XCover API SDK.
