//! Workspace root.
