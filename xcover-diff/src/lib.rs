//! Semantic diff of two OpenAPI documents.
