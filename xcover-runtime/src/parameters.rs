//! Parameter values as they go into a path, a query or a header.

use reqwest::header::HeaderValue;
use serde::Serialize;

use crate::InvalidRequest;

/// The text form of a parameter value, as it goes into a path, a query or a header.
fn parameter_text<T: Serialize + ?Sized>(value: &T) -> Result<Vec<String>, InvalidRequest> {
    let value =
        serde_json::to_value(value).map_err(|error| InvalidRequest::new(error.to_string()))?;
    Ok(match value {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::String(text) => vec![text],
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|item| match item {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            })
            .collect(),
        other => vec![other.to_string()],
    })
}

/// Percent-encodes a path parameter as one path segment.
#[doc(hidden)]
pub fn path_segment<T: Serialize + ?Sized>(value: &T) -> Result<String, InvalidRequest> {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let text = parameter_text(value)?.join(",");
    Ok(percent_encoding::utf8_percent_encode(&text, SEGMENT).to_string())
}

/// Appends a query parameter; arrays repeat the name (`form` style, exploded), and `None`
/// adds nothing.
#[doc(hidden)]
pub fn push_query<T: Serialize + ?Sized>(
    query: &mut Vec<(&'static str, String)>,
    name: &'static str,
    value: &T,
) -> Result<(), InvalidRequest> {
    for text in parameter_text(value)? {
        query.push((name, text));
    }
    Ok(())
}

/// A header value; arrays are joined with commas.
#[doc(hidden)]
pub fn header_value<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<HeaderValue, InvalidRequest> {
    let text = parameter_text(value)?.join(",");
    HeaderValue::from_str(&text)
        .map_err(|_| InvalidRequest::new(format!("header `{name}` has an invalid value")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_written_as_the_spec_styles_them() {
        assert_eq!(path_segment("a b/ü").unwrap(), "a%20b%2F%C3%BC");
        assert_eq!(path_segment(&[1, 2]).unwrap(), "1%2C2");
        let mut query = Vec::new();
        push_query(&mut query, "tag", &["x", "y"]).unwrap();
        push_query(&mut query, "limit", &Some(5)).unwrap();
        push_query(&mut query, "offset", &None::<i64>).unwrap();
        assert_eq!(
            query,
            [
                ("tag", "x".into()),
                ("tag", "y".into()),
                ("limit", "5".into())
            ]
        );
        assert_eq!(header_value("x-ids", &["a", "b"]).unwrap(), "a,b");
        assert!(header_value("x-bad", "line\nbreak").is_err());
    }
}
