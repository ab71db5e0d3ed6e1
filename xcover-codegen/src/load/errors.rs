//! Where a document that does not decode goes wrong, and a message a person can act on.
//!
//! serde stops at the node above the bad one wherever the children are untagged enums
//! (`ReferenceOr`) or flattened (`Schema`, `Responses`, a parameter's schema): it only knows
//! that nothing matched. [`deepen`] goes down from there, decoding each child as its concrete
//! OpenAPI type, and again from wherever that stops, until the bad node itself is found.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::keywords::schema_problem;
use crate::diagnostics::Pointer;

/// The bad node at or below `pointer`, where serde stopped with `message`, and what is wrong
/// with it.
pub(super) fn deepen(document: &Value, pointer: Pointer, message: String) -> (Pointer, String) {
    let kind = pointer
        .tokens()
        .try_fold(Kind::Node(Node::Document), |kind, token| kind.child(&token));
    let found = kind
        .zip(document.pointer(pointer.as_str()))
        .and_then(|(kind, value)| problem(value, &pointer, kind));
    found.unwrap_or((pointer, message))
}

/// What a node of the document is, as far as finding errors goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Node(Node),
    /// A map of such nodes; `true` when `x-` keys are extensions, not entries.
    Map(Node, bool),
    List(Node),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Document,
    Components,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    MediaType,
    Responses,
    Response,
    Header,
    Schema,
}

impl Kind {
    /// The kind of the child `token` of a node of this kind; `None` when nothing is known of it.
    fn child(self, token: &str) -> Option<Kind> {
        use Kind::{List, Map, Node as N};
        use Node::*;
        Some(match self {
            Map(_, true) if token.starts_with("x-") => return None,
            Map(node, _) => N(node),
            List(node) => {
                token.parse::<usize>().ok()?;
                N(node)
            }
            N(node) => match (node, token) {
                (Document, "paths") => Map(PathItem, true),
                (Document, "components") => N(Components),
                (Components, "schemas") => Map(Schema, false),
                (Components, "responses") => Map(Response, false),
                (Components, "parameters") => Map(Parameter, false),
                (Components, "requestBodies") => Map(RequestBody, false),
                (Components, "headers") => Map(Header, false),
                (
                    PathItem,
                    "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace",
                ) => N(Operation),
                (PathItem | Operation, "parameters") => List(Parameter),
                (Operation, "requestBody") => N(RequestBody),
                (Operation, "responses") => N(Responses),
                (Responses, token) if !token.starts_with("x-") => N(Response),
                (Parameter | Header | MediaType, "schema") => N(Schema),
                (Parameter | Header | RequestBody | Response, "content") => Map(MediaType, false),
                (Response, "headers") => Map(Header, false),
                (Schema, "properties") => Map(Schema, false),
                (Schema, "items" | "not" | "additionalProperties") => N(Schema),
                (Schema, "allOf" | "oneOf" | "anyOf") => List(Schema),
                _ => return None,
            },
        })
    }
}

impl Node {
    /// Whether the node may be a `$ref` object instead (a `ReferenceOr`).
    fn may_be_reference(self) -> bool {
        matches!(
            self,
            Node::PathItem
                | Node::Parameter
                | Node::RequestBody
                | Node::Response
                | Node::Header
                | Node::Schema
        )
    }

    /// The error decoding `value` as this node's type, with the path inside it.
    fn decode(self, value: &Value) -> Option<serde_path_to_error::Error<serde_json::Error>> {
        fn error<T: DeserializeOwned>(
            value: &Value,
        ) -> Option<serde_path_to_error::Error<serde_json::Error>> {
            serde_path_to_error::deserialize::<_, T>(value).err()
        }
        match self {
            Node::Document => error::<openapiv3::OpenAPI>(value),
            Node::Components => error::<openapiv3::Components>(value),
            Node::PathItem => error::<openapiv3::PathItem>(value),
            Node::Operation => error::<openapiv3::Operation>(value),
            Node::Parameter => error::<openapiv3::Parameter>(value),
            Node::RequestBody => error::<openapiv3::RequestBody>(value),
            Node::MediaType => error::<openapiv3::MediaType>(value),
            Node::Responses => error::<openapiv3::Responses>(value),
            Node::Response => error::<openapiv3::Response>(value),
            Node::Header => error::<openapiv3::Header>(value),
            Node::Schema => error::<openapiv3::Schema>(value),
        }
    }
}

/// The first bad node at or below `value` (at `pointer`, of `kind`), and what is wrong there;
/// `None` when `value` decodes.
fn problem(value: &Value, pointer: &Pointer, kind: Kind) -> Option<(Pointer, String)> {
    match kind {
        Kind::Map(node, extensions) => value.as_object()?.iter().find_map(|(key, child)| {
            if extensions && key.starts_with("x-") {
                return None;
            }
            problem(child, &pointer.join(key), Kind::Node(node))
        }),
        Kind::List(node) => value
            .as_array()?
            .iter()
            .enumerate()
            .find_map(|(index, item)| {
                problem(item, &pointer.join(index.to_string()), Kind::Node(node))
            }),
        Kind::Node(node) if node.may_be_reference() && is_reference(value) => {
            reference_problem(value, pointer)
        }
        Kind::Node(Node::Schema) => schema_problem(value, pointer),
        Kind::Node(node) => {
            let error = node.decode(value)?;
            let inner = pointer_of(error.path());
            let message = error.into_inner().to_string();
            if inner.as_str().is_empty() {
                // Stopped at this node: one of its children may be the bad one.
                let mut children = value.as_object().into_iter().flatten();
                let found = children.find_map(|(key, child)| {
                    let kind = kind.child(key)?;
                    problem(child, &pointer.join(key), kind)
                });
                return found.or(Some((pointer.clone(), message)));
            }
            // Stopped further down, maybe again above the bad node: go on from there.
            let at = Pointer::from_ref(&format!("#{}{}", pointer.as_str(), inner.as_str()))?;
            let below = inner
                .tokens()
                .try_fold(kind, |kind, token| kind.child(&token))
                .zip(value.pointer(inner.as_str()))
                .and_then(|(kind, value)| problem(value, &at, kind));
            below.or(Some((at, message)))
        }
    }
}

pub(super) fn is_reference(value: &Value) -> bool {
    value.get("$ref").is_some()
}

/// What is wrong with a `$ref` object, if anything.
pub(super) fn reference_problem(value: &Value, pointer: &Pointer) -> Option<(Pointer, String)> {
    match value.get("$ref") {
        Some(Value::String(_)) => None,
        _ => Some((
            pointer.join("$ref"),
            "`$ref` must be a string naming the referenced component".to_string(),
        )),
    }
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
pub(super) fn explain(document: &Value, pointer: &Pointer, message: String) -> String {
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

fn numeric_problem(key: &str, value: &Value) -> Option<String> {
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
