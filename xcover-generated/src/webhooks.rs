//! Webhooks (placeholder).
