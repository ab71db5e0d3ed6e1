//! Which documents load, and which of them are rewritten.

use serde_json::Value;

use crate::diagnostics::{Pointer, SpecError};

/// The OpenAPI version a document declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    /// 3.0.x: loaded as it is.
    V30,
    /// 3.1.x: rewritten into 3.0.
    V31,
    /// 3.2.x: rewritten as 3.1 is; what 3.2 adds that would change the API is skipped, each
    /// at its own pointer.
    V32,
}

/// The version of a parsed document, or an error at `#/openapi` (or the root) saying what is
/// accepted.
pub(crate) fn of(value: &Value) -> Result<Version, SpecError> {
    const EXPECTED: &str = "expected 3.0.x, 3.1.x or 3.2.x";
    let Some(map) = value.as_object() else {
        return Err(SpecError::new(
            &Pointer::root(),
            "the document is not an object (expected an OpenAPI 3.0, 3.1 or 3.2 document)",
        ));
    };
    let at = Pointer::root().join("openapi");
    match map.get("openapi") {
        // As before 3.1 was read: any version text starting `3.0`.
        Some(Value::String(version)) if version.starts_with("3.0") => Ok(Version::V30),
        Some(Value::String(version)) => match version_parts(version) {
            Some((3, 1)) => Ok(Version::V31),
            Some((3, 2)) => Ok(Version::V32),
            _ => Err(SpecError::new(
                &at,
                format!("OpenAPI version {version} is not supported ({EXPECTED})"),
            )),
        },
        Some(other) => Err(SpecError::new(
            &at,
            format!(
                "`openapi` must be a version string such as \"3.1.0\", not {other} ({EXPECTED}; \
                 quote the version in YAML)"
            ),
        )),
        None if map.contains_key("swagger") => Err(SpecError::new(
            &at,
            "a Swagger 2.0 document is not supported (expected OpenAPI 3.0.x, 3.1.x or 3.2.x): \
             convert it to OpenAPI 3 first, e.g. with swagger2openapi",
        )),
        None => Err(SpecError::new(
            &at,
            format!("missing `openapi` version field ({EXPECTED})"),
        )),
    }
}

/// `major.minor` of `major.minor.patch`; `None` when it is not such a version.
fn version_parts(version: &str) -> Option<(u32, u32)> {
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    let patch = parts.next()?;
    let patch_ok = !patch.is_empty()
        && patch
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '+');
    (patch_ok && parts.next().is_none()).then_some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn versions_are_told_apart() {
        assert_eq!(of(&json!({"openapi": "3.0.3"})), Ok(Version::V30));
        assert_eq!(of(&json!({"openapi": "3.1.0"})), Ok(Version::V31));
        assert_eq!(of(&json!({"openapi": "3.1.1"})), Ok(Version::V31));
        assert_eq!(of(&json!({"openapi": "3.2.0"})), Ok(Version::V32));
        for refused in [
            json!({"openapi": "3.3.0"}),
            json!({"openapi": "4.0.0"}),
            json!({"openapi": "3.1"}),
            json!({"openapi": 3.1}),
            json!({"swagger": "2.0"}),
            json!({}),
        ] {
            let error = of(&refused).unwrap_err();
            assert_eq!(error.pointer.to_string(), "#/openapi", "{refused}");
        }
        assert!(of(&json!({"swagger": "2.0"}))
            .unwrap_err()
            .message
            .contains("Swagger 2.0"));
        assert_eq!(of(&json!([])).unwrap_err().pointer.to_string(), "#");
    }
}
