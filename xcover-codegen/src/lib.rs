//! XCover OpenAPI → Rust code generator.
