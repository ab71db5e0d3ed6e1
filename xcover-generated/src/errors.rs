//! XCover's error bodies for people: [`ApiError`]'s `Display` says what the API said, field by
//! field, and [`ApiError::field_errors`] gives the same as data, one [`FieldError`] per message.
//!
//! ```
//! use xcover_generated::types::ApiError;
//!
//! let body = r#"{"type":"validation_error","message":"An API error occurred.",
//!     "errors":{"policyholder":{"phone":["The phone number should start with \"+\""]}}}"#;
//! let error: ApiError = serde_json::from_str(body).unwrap();
//! assert_eq!(
//!     error.to_string(),
//!     "policyholder.phone: The phone number should start with \"+\""
//! );
//! ```
//!
//! The `Display` leaves out the HTTP status, which the response around the body shows.

use std::{collections::BTreeMap, fmt};

use crate::types::{ApiError, ErrorDetailValue, ErrorDetails};

/// One message of an error body, with the field it is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FieldError {
    /// The field, nested names joined by dots (`policyholder.phone`); empty for a message
    /// about no field (an `errors` that is a plain list).
    pub path: String,
    /// The API's message, as sent.
    pub message: String,
}

impl fmt::Display for FieldError {
    /// `path: message`, or the message alone when it is about no field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl ApiError {
    /// Every message in `errors`, with the path of the field it is about.
    ///
    /// Fields come in the order of their names, not the order the API sent them: the
    /// generated type keeps the map in a `BTreeMap`. A field's list of messages keeps its
    /// order, and a plain list of messages keeps its own.
    pub fn field_errors(&self) -> Vec<FieldError> {
        let mut found = Vec::new();
        match &self.errors {
            Some(ErrorDetails::Map(fields)) => flatten_fields("", fields, &mut found),
            Some(ErrorDetails::List(messages)) => {
                found.extend(messages.iter().map(|message| FieldError {
                    path: String::new(),
                    message: message.clone(),
                }))
            }
            None => {}
        }
        found
    }
}

fn flatten_fields(
    prefix: &str,
    fields: &BTreeMap<String, ErrorDetailValue>,
    found: &mut Vec<FieldError>,
) {
    for (field, value) in fields {
        let path = if prefix.is_empty() {
            field.clone()
        } else {
            format!("{prefix}.{field}")
        };
        let message = |message: &String| FieldError {
            path: path.clone(),
            message: message.clone(),
        };
        match value {
            ErrorDetailValue::String(text) => found.push(message(text)),
            ErrorDetailValue::List(texts) => found.extend(texts.iter().map(message)),
            ErrorDetailValue::Map(nested) => flatten_fields(&path, nested, found),
        }
    }
}

impl fmt::Display for ApiError {
    /// The API's messages, `field: message` joined by `; `, as [`field_errors`] orders them;
    /// without any, the summary `message` (e.g. `Signature string does not match!`), else the
    /// `type`.
    ///
    /// [`field_errors`]: ApiError::field_errors
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field_errors = self.field_errors();
        if !field_errors.is_empty() {
            for (index, error) in field_errors.iter().enumerate() {
                if index > 0 {
                    f.write_str("; ")?;
                }
                write!(f, "{error}")?;
            }
            return Ok(());
        }
        match (&self.message, &self.r#type) {
            (Some(message), _) => f.write_str(message),
            (None, Some(kind)) => f.write_str(kind),
            (None, None) => f.write_str("an error without a message"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(body: serde_json::Value) -> ApiError {
        serde_json::from_value(body).unwrap()
    }

    #[test]
    fn nested_maps_become_dotted_paths() {
        let error = api_error(serde_json::json!({
            "type": "validation_error",
            "message": "An API error occurred.",
            "errors": {
                "policyholder": {
                    "phone": ["The phone number should start with \"+\" character"],
                    "address": {"postcode": "Invalid postcode", "city": ["Required.", "Too short."]}
                },
                "currency": "Unknown currency"
            }
        }));
        assert_eq!(
            error.field_errors(),
            [
                ("currency", "Unknown currency"),
                ("policyholder.address.city", "Required."),
                ("policyholder.address.city", "Too short."),
                ("policyholder.address.postcode", "Invalid postcode"),
                (
                    "policyholder.phone",
                    "The phone number should start with \"+\" character"
                ),
            ]
            .map(|(path, message)| FieldError {
                path: path.into(),
                message: message.into()
            })
        );
        assert_eq!(
            error.to_string(),
            "currency: Unknown currency; policyholder.address.city: Required.; \
             policyholder.address.city: Too short.; policyholder.address.postcode: Invalid \
             postcode; policyholder.phone: The phone number should start with \"+\" character"
        );
    }

    #[test]
    fn a_plain_list_shows_its_messages_in_order() {
        let error = api_error(serde_json::json!({
            "type": "validation_error",
            "message": "An API error occurred.",
            "errors": [
                "BOOKING_CANCELLED email can be only triggered for CANCELLED bookings.",
                "A second reason."
            ]
        }));
        assert!(error.field_errors().iter().all(|e| e.path.is_empty()));
        assert_eq!(
            error.to_string(),
            "BOOKING_CANCELLED email can be only triggered for CANCELLED bookings.; \
             A second reason."
        );
    }

    #[test]
    fn without_errors_the_message_else_the_type() {
        let authentication = api_error(serde_json::json!({
            "type": "authentication_error",
            "message": "Signature string does not match!"
        }));
        assert!(authentication.field_errors().is_empty());
        assert_eq!(
            authentication.to_string(),
            "Signature string does not match!"
        );
        let empty_errors = api_error(serde_json::json!({
            "type": "validation_error",
            "message": "An API error occurred.",
            "errors": {}
        }));
        assert_eq!(empty_errors.to_string(), "An API error occurred.");
        assert_eq!(
            api_error(serde_json::json!({"type": "not_found"})).to_string(),
            "not_found"
        );
        assert_eq!(
            api_error(serde_json::json!({})).to_string(),
            "an error without a message"
        );
    }
}
