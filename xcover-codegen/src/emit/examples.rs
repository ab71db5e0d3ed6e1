//! The `no_run` example in each client method's documentation: the call, with its body built
//! from the generated types, written as source text under the path the crate is used by
//! (`xcover_generated::…`). rustdoc compiles each as a doctest, so every example stays true.

use crate::ir::operations::{BodyKind, Operation};
use crate::ir::types::{FieldRole, Scalar, TypeKind, TypeRef};
use crate::ir::Ir;

/// How deep values nest before an example stops (a list of structs holding lists of structs
/// …): an operation whose body needs more gets no example rather than a wall of code.
const MAX_DEPTH: usize = 6;

/// The lines of the example of `operation`, fenced; none when a value can't be written.
pub fn client_method_example(ir: &Ir, operation: &Operation, root: &str) -> Option<Vec<String>> {
    let writer = ExampleWriter { ir, root };
    let mut arguments = Vec::new();
    let mut body_line = None;
    // Arguments of strings are `impl Into<String>`; the others take their type exactly.
    for param in operation.path_params.iter().filter(|p| !p.bound) {
        arguments.push(writer.value(&param.ty, &param.wire, 0, Exact::No)?);
    }
    for param in operation.query.iter().chain(&operation.headers) {
        if operation.takes_argument(param) {
            arguments.push(writer.value(&param.ty, &param.wire, 0, Exact::No)?);
        }
    }
    if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
        let value = match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form(ty) => writer.value(ty, "body", 0, Exact::Yes)?,
            BodyKind::Multipart => format!("{root}::reqwest::multipart::Form::new()"),
            BodyKind::Binary => "Vec::<u8>::new()".to_string(),
        };
        body_line = Some(format!("let body = {value};"));
        arguments.push("body".to_string());
    }
    let mut lines = vec![
        String::new(),
        " # Example".to_string(),
        String::new(),
        " ```no_run".to_string(),
        format!(" # async fn example(client: &{root}::Client) {{"),
    ];
    let mentions_types = body_line
        .iter()
        .chain(&arguments)
        .any(|text| text.contains("types::"));
    if mentions_types {
        lines.push(format!(" use {root}::types;"));
        lines.push(String::new());
    }
    lines.extend(body_line.map(|line| format!(" {line}")));
    lines.push(format!(
        " let response = client.{}({}).send().await;",
        operation.fn_name,
        arguments.join(", ")
    ));
    lines.push(" # }".to_string());
    lines.push(" ```".to_string());
    Some(lines)
}

/// Whether a value must have its type exactly, or may be anything that converts into it
/// (the argument of a constructor, a setter or a client method: `impl Into<T>`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Exact {
    Yes,
    No,
}

/// Writes example values of IR types.
struct ExampleWriter<'a> {
    ir: &'a Ir,
    root: &'a str,
}

impl ExampleWriter<'_> {
    /// A value of `ty`, named `name` on the wire; `None` past [`MAX_DEPTH`].
    fn value(&self, ty: &TypeRef, name: &str, depth: usize, exact: Exact) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        let root = self.root;
        Some(match ty {
            TypeRef::Scalar(scalar) => match scalar {
                Scalar::String if exact == Exact::Yes => format!("{:?}.to_string()", text(name)),
                Scalar::String => format!("{:?}", text(name)),
                Scalar::Bool => "true".to_string(),
                Scalar::I32 | Scalar::I64 => "1".to_string(),
                Scalar::F32 => "1.0_f32".to_string(),
                Scalar::F64 => "1.0".to_string(),
                Scalar::DecimalNumber | Scalar::DecimalString => {
                    format!("{root}::rust_decimal::Decimal::ONE")
                }
                Scalar::DateTime => format!("{root}::chrono::Utc::now().fixed_offset()"),
                Scalar::Date => format!("{root}::chrono::NaiveDate::default()"),
                Scalar::Uuid => format!("{root}::uuid::Uuid::nil()"),
                Scalar::Json => format!("{root}::serde_json::Value::Null"),
                Scalar::JsonObject => format!("{root}::serde_json::Map::new()"),
                Scalar::Unit => "()".to_string(),
                Scalar::Bytes => format!("{root}::bytes::Bytes::new()"),
            },
            TypeRef::List(inner) | TypeRef::IndexKeyedList(inner) => {
                format!("vec![{}]", self.value(inner, name, depth + 1, Exact::Yes)?)
            }
            TypeRef::Map(_) => "std::collections::BTreeMap::new()".to_string(),
            TypeRef::Option(inner) => {
                format!("Some({})", self.value(inner, name, depth + 1, Exact::Yes)?)
            }
            TypeRef::Boxed(inner) => {
                format!(
                    "Box::new({})",
                    self.value(inner, name, depth + 1, Exact::Yes)?
                )
            }
            TypeRef::Named(id) => {
                let entry = self.ir.types.get(*id);
                let path = format!("types::{}", entry.name);
                match &entry.kind {
                    TypeKind::Struct(structure) => {
                        let mut arguments = Vec::new();
                        for (index, field) in structure.fields.iter().enumerate() {
                            let is_tag = structure
                                .construction
                                .tag
                                .as_ref()
                                .is_some_and(|(tag, _)| *tag == index);
                            if field.role() == FieldRole::Required && !is_tag {
                                arguments.push(if field.nullable {
                                    let value =
                                        self.value(&field.ty, &field.wire, depth + 1, Exact::Yes)?;
                                    format!("Some({value})")
                                } else {
                                    self.value(&field.ty, &field.wire, depth + 1, Exact::No)?
                                });
                            }
                        }
                        format!(
                            "{path}::{}({})",
                            structure.construction.constructor,
                            arguments.join(", ")
                        )
                    }
                    TypeKind::StringEnum(string_enum) => match string_enum.variants.first() {
                        Some(variant) => format!("{path}::{}", variant.name),
                        None => format!("{path}::from({:?})", text(name)),
                    },
                    TypeKind::Union(union) => {
                        let variant = union.variants.first()?;
                        format!(
                            "{path}::{}({})",
                            variant.name,
                            self.value(&variant.ty, name, depth + 1, Exact::Yes)?
                        )
                    }
                    TypeKind::Alias(target) => self.value(target, name, depth, exact)?,
                    TypeKind::Newtype(target) => {
                        format!(
                            "{path}({})",
                            self.value(target, name, depth + 1, Exact::Yes)?
                        )
                    }
                    TypeKind::ResponseEnum(_) | TypeKind::Pending => return None,
                }
            }
        })
    }
}

/// A wire name as the text of an example string: letters, digits, `_` and `-` only.
fn text(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
        .collect()
}
