//! Where a document that does not decode goes wrong, and a message a person can act on.

use crate::diagnostics::Pointer;

/// serde stops at the map holding a bad entry when the entries are untagged enums
/// (`ReferenceOr`); decode each entry as its concrete type to find the entry and the field.
pub(super) fn deepen(
    document: &serde_json::Value,
    pointer: Pointer,
    message: String,
) -> (Pointer, String) {
    fn first_error<T: serde::de::DeserializeOwned>(
        map: &serde_json::Map<String, serde_json::Value>,
        at: &Pointer,
    ) -> Option<(Pointer, String)> {
        map.iter().find_map(|(key, entry)| {
            if entry.get("$ref").is_some() {
                return None;
            }
            serde_path_to_error::deserialize::<_, T>(entry)
                .err()
                .map(|error| {
                    let inner = pointer_of(error.path());
                    let pointer = Pointer::from_ref(&format!(
                        "#{}/{}{}",
                        at.as_str(),
                        escape(key),
                        inner.as_str()
                    ))
                    .unwrap_or_else(|| at.join(key));
                    (pointer, error.into_inner().to_string())
                })
        })
    }
    let Some(map) = document
        .pointer(pointer.as_str())
        .and_then(|value| value.as_object())
    else {
        return (pointer, message);
    };
    let found = match pointer.as_str() {
        "/paths" => first_error::<openapiv3::PathItem>(map, &pointer),
        "/components/schemas" => first_error::<openapiv3::Schema>(map, &pointer),
        "/components/parameters" => first_error::<openapiv3::Parameter>(map, &pointer),
        "/components/responses" => first_error::<openapiv3::Response>(map, &pointer),
        "/components/requestBodies" => first_error::<openapiv3::RequestBody>(map, &pointer),
        _ => None,
    };
    found.unwrap_or((pointer, message))
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

pub(super) fn pointer_of(path: &serde_path_to_error::Path) -> Pointer {
    use serde_path_to_error::Segment;
    path.iter()
        .fold(Pointer::root(), |pointer, segment| match segment {
            Segment::Seq { index } => pointer.join(index.to_string()),
            Segment::Map { key } => pointer.join(key),
            Segment::Enum { variant } => pointer.join(variant),
            Segment::Unknown => pointer,
        })
}

/// Turns serde's message for an untagged enum (`ReferenceOr`) into one a person can act on.
pub(super) fn explain(document: &serde_json::Value, pointer: &Pointer, message: String) -> String {
    let target = document.pointer(pointer.as_str());
    if !message.contains("did not match any variant") {
        let problem = target
            .and_then(|value| value.as_object())
            .and_then(|object| {
                object
                    .iter()
                    .find_map(|(key, value)| numeric_problem(key, value))
            });
        return match problem {
            Some(problem) => format!("{message} ({problem})"),
            None => message,
        };
    }
    match target.and_then(|value| value.as_object()) {
        Some(object) if object.contains_key("$ref") => {
            "a `$ref` object must hold only a string `$ref`".to_string()
        }
        Some(object) => {
            let detail = object
                .iter()
                .find_map(|(key, value)| numeric_problem(key, value))
                .unwrap_or_else(|| "its fields do not have the types OpenAPI 3.0 requires".into());
            format!("not a valid schema, parameter, response or reference: {detail}")
        }
        None => "expected an object (a schema, parameter, response or reference)".to_string(),
    }
}

fn numeric_problem(key: &str, value: &serde_json::Value) -> Option<String> {
    const INTEGER_KEYWORDS: &[&str] = &[
        "minimum",
        "maximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    ];
    let number = value.as_number()?;
    (INTEGER_KEYWORDS.contains(&key) && (number.as_i64().is_none() || number.as_u64().is_none()))
        .then(|| format!("`{key}` = {number} is out of the range this keyword allows"))
}
