//! Schema → type: turns each schema into a [`TypeRef`], defining generated types in the
//! [`TypeSpace`] for objects and enums. `allOf` merging lives in `merge.rs`, `oneOf`/`anyOf` in
//! `unions.rs`.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, StringType, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::extensions::{INDEX_KEYED_ARRAY, RUST_NAME};
use super::names::{snake_name, type_name, variant_name, UniqueNames};
use super::types::{
    Access, Construction, EnumVariant, Field, FieldForm, Scalar, StringEnum, StructType, TypeId,
    TypeKind, TypeRef,
};
use super::typespace::TypeSpace;
use crate::diagnostics::{Fallback, Pointer, SpecError};
use crate::resolve::{Resolver, SchemaRef};

/// Whether converting `schema` can never define a type, and so never uses the name it is
/// given: a reference, or a string (without an enum), number, integer or boolean (without the
/// index-keyed extension, which [`Converter::shape`] looks at first).
fn defines_no_type(schema: SchemaRef<'_>) -> bool {
    let SchemaRef::Inline(schema) = schema else {
        return true;
    };
    let scalar = match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string.enumeration.is_empty(),
        SchemaKind::Type(Type::Number(_) | Type::Integer(_) | Type::Boolean(_)) => true,
        _ => false,
    };
    let index_keyed = schema
        .schema_data
        .extensions
        .contains_key(INDEX_KEYED_ARRAY);
    scalar && !index_keyed
}

/// A converted schema: its type, and whether `null` is allowed.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The type, without nullability.
    pub ty: TypeRef,
    /// `nullable: true` (on the schema or the component it names).
    pub nullable: bool,
}

/// What a schema becomes: a type to define under a name, or a type that needs no definition.
pub(super) enum Shape {
    Defined(TypeKind),
    Plain(TypeRef),
}

impl Shape {
    /// The kind of a named type of this shape: a plain type is an alias.
    fn into_kind(self) -> TypeKind {
        match self {
            Shape::Defined(kind) => kind,
            Shape::Plain(ty) => TypeKind::Alias(ty),
        }
    }
}

/// One property of an object, before conversion.
pub(super) struct Property<'a> {
    pub wire: &'a str,
    pub schema: SchemaRef<'a>,
    pub pointer: Pointer,
}

/// Converts schemas, recording where it had to fall back to a looser type.
pub struct Converter<'a, 's> {
    pub(super) resolver: Resolver<'a>,
    pub(super) space: &'s mut TypeSpace,
    pub(super) fallbacks: &'s mut Vec<Fallback>,
    /// The inline schemas being converted, innermost last, each with the type that stands
    /// for it if it turns out to contain itself (through an `allOf` that copies the
    /// properties of the component around it).
    in_progress: Vec<InProgress>,
}

/// An inline schema being converted.
struct InProgress {
    schema: *const Schema,
    name: String,
    at: Pointer,
    /// The type standing for it inside itself, once needed.
    recursive: Option<TypeId>,
}

/// How deeply inline schemas may nest before the innermost become `serde_json::Value`:
/// bounds the stack whatever the document.
const MAX_INLINE_DEPTH: usize = 64;

impl<'a, 's> Converter<'a, 's> {
    /// A converter adding types to `space`.
    pub fn new(
        resolver: Resolver<'a>,
        space: &'s mut TypeSpace,
        fallbacks: &'s mut Vec<Fallback>,
    ) -> Self {
        Converter {
            resolver,
            space,
            fallbacks,
            in_progress: Vec::new(),
        }
    }

    /// Declares every component schema, then converts each, in document order.
    pub fn convert_components(
        &mut self,
        schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
    ) -> Result<(), SpecError> {
        let base = Pointer::root().join("components").join("schemas");
        for (name, item) in schemas {
            let rust_name = match item {
                ReferenceOr::Item(schema) => schema
                    .schema_data
                    .extensions
                    .get(RUST_NAME)
                    .and_then(serde_json::Value::as_str),
                ReferenceOr::Reference { .. } => None,
            };
            self.space
                .declare_component(name, rust_name, base.join(name));
        }
        for (name, item) in schemas {
            let id = self.space.component(name).expect("declared above");
            let at = base.join(name);
            match item {
                ReferenceOr::Reference { reference } => {
                    let target = self.resolver.schema_name(reference, &at)?;
                    let target = self
                        .space
                        .component(target)
                        .expect("every component is declared");
                    self.space
                        .define(id, TypeKind::Alias(TypeRef::Named(target)), None);
                }
                ReferenceOr::Item(schema) => {
                    let type_name = self.space.get(id).name.clone();
                    let kind = self.shape(schema, &type_name, &at)?.into_kind();
                    self.space.define(id, kind, doc_of(schema));
                }
            }
        }
        Ok(())
    }

    /// Converts a schema in some position; inline objects, enums and unions become types
    /// named `name`.
    pub fn convert(
        &mut self,
        schema: SchemaRef<'a>,
        name: &str,
        at: &Pointer,
    ) -> Result<Converted, SpecError> {
        match schema {
            SchemaRef::Reference(reference) => {
                let component = self.resolver.schema_name(reference, at)?;
                let id = self
                    .space
                    .component(component)
                    .expect("every component is declared before conversion");
                // The component exists; if its chain of references never reaches a schema, it
                // becomes serde_json::Value (see `cycles.rs`, which reports it) and is not
                // nullable.
                let nullable = self
                    .resolver
                    .schema(schema, at)
                    .is_ok_and(|resolved| resolved.item.schema_data.nullable);
                Ok(Converted {
                    ty: TypeRef::Named(id),
                    nullable,
                })
            }
            SchemaRef::Inline(schema) => {
                let nullable = schema.schema_data.nullable;
                let key: *const Schema = schema;
                if let Some(index) = self.in_progress.iter().position(|p| p.schema == key) {
                    let id = match self.in_progress[index].recursive {
                        Some(id) => id,
                        None => {
                            let outer = &self.in_progress[index];
                            let (name, at) = (outer.name.clone(), outer.at.clone());
                            let id = self.space.reserve(name, at);
                            self.in_progress[index].recursive = Some(id);
                            id
                        }
                    };
                    return Ok(Converted {
                        ty: TypeRef::Named(id),
                        nullable,
                    });
                }
                if self.in_progress.len() >= MAX_INLINE_DEPTH {
                    self.fall_back(at, "schemas nest too deeply: serde_json::Value");
                    return Ok(Converted {
                        ty: TypeRef::Scalar(Scalar::Json),
                        nullable,
                    });
                }
                self.in_progress.push(InProgress {
                    schema: key,
                    name: name.to_string(),
                    at: at.clone(),
                    recursive: None,
                });
                let shape = self.shape(schema, name, at);
                let placeholder = self.in_progress.pop().and_then(|p| p.recursive);
                let ty = match (shape?, placeholder) {
                    (Shape::Plain(ty), None) => ty,
                    (Shape::Defined(kind), None) => {
                        TypeRef::Named(self.define_inline(name, at, kind, doc_of(schema)))
                    }
                    (shape, Some(id)) => {
                        self.space.define(id, shape.into_kind(), doc_of(schema));
                        TypeRef::Named(id)
                    }
                };
                Ok(Converted { ty, nullable })
            }
        }
    }

    /// Defines a new inline type.
    pub(super) fn define_inline(
        &mut self,
        name: &str,
        at: &Pointer,
        kind: TypeKind,
        doc: Option<String>,
    ) -> TypeId {
        let id = self.space.reserve(name.to_string(), at.clone());
        self.space.define(id, kind, doc);
        id
    }

    /// Records a fallback to a looser type.
    pub(super) fn fall_back(&mut self, at: &Pointer, message: impl Into<String>) {
        self.fallbacks.push(Fallback {
            pointer: at.clone(),
            message: message.into(),
        });
    }

    fn shape(&mut self, schema: &'a Schema, name: &str, at: &Pointer) -> Result<Shape, SpecError> {
        if schema.schema_data.extensions.get(INDEX_KEYED_ARRAY) == Some(&Value::Bool(true)) {
            if let Some(shape) = self.index_keyed(schema, name, at)? {
                return Ok(shape);
            }
        }
        let data = &schema.schema_data;
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                Ok(self.string(string, data.default.as_ref()))
            }
            SchemaKind::Type(Type::Number(number)) => {
                Ok(Shape::Plain(TypeRef::Scalar(match &number.format {
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Scalar::F32,
                    VariantOrUnknownOrEmpty::Unknown(format) if format == "decimal" => {
                        Scalar::DecimalNumber
                    }
                    _ => Scalar::F64,
                })))
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                Ok(Shape::Plain(TypeRef::Scalar(match &integer.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Scalar::I32,
                    _ => Scalar::I64,
                })))
            }
            SchemaKind::Type(Type::Boolean(_)) => Ok(Shape::Plain(TypeRef::Scalar(Scalar::Bool))),
            SchemaKind::Type(Type::Object(object)) => {
                let properties = properties(&object.properties, at);
                self.object(
                    properties,
                    &object.required,
                    object.additional_properties.as_ref(),
                    name,
                    at,
                )
            }
            SchemaKind::Type(Type::Array(array)) => self.array(array.items.as_ref(), name, at),
            SchemaKind::OneOf { one_of } => self.union(one_of, schema, name, &at.join("oneOf")),
            SchemaKind::AnyOf { any_of } => self.union(any_of, schema, name, &at.join("anyOf")),
            SchemaKind::AllOf { all_of } => self.all_of(all_of, None, name, at),
            SchemaKind::Not { .. } => {
                self.fall_back(at, "`not` is not supported: serde_json::Value");
                Ok(Shape::Plain(TypeRef::Scalar(Scalar::Json)))
            }
            SchemaKind::Any(any) => self.any(any, schema, name, at),
        }
    }

    /// A schema without a recognised `type`: judged by the keywords it has.
    fn any(
        &mut self,
        any: &'a AnySchema,
        schema: &'a Schema,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, SpecError> {
        if !any.one_of.is_empty() {
            return self.union(&any.one_of, schema, name, &at.join("oneOf"));
        }
        if !any.any_of.is_empty() {
            return self.union(&any.any_of, schema, name, &at.join("anyOf"));
        }
        if !any.all_of.is_empty() {
            return self.all_of(&any.all_of, Some(any), name, at);
        }
        let strings: Option<Vec<Option<String>>> = any
            .enumeration
            .iter()
            .map(|value| match value {
                Value::String(text) => Some(Some(text.clone())),
                Value::Null => Some(None),
                _ => None,
            })
            .collect();
        match any.typ.as_deref() {
            Some("object") | None
                if !any.properties.is_empty() || any.additional_properties.is_some() =>
            {
                let properties = properties(&any.properties, at);
                self.object(
                    properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                    name,
                    at,
                )
            }
            Some("array") | None if any.items.is_some() => self.array(any.items.as_ref(), name, at),
            Some("string") | None if !any.enumeration.is_empty() && strings.is_some() => {
                let string = StringType {
                    enumeration: strings.unwrap_or_default(),
                    ..StringType::default()
                };
                Ok(self.string(&string, schema.schema_data.default.as_ref()))
            }
            Some("string") => Ok(Shape::Plain(TypeRef::Scalar(string_format(
                any.format.as_deref(),
            )))),
            Some("integer") => Ok(Shape::Plain(TypeRef::Scalar(match any.format.as_deref() {
                Some("int32") => Scalar::I32,
                _ => Scalar::I64,
            }))),
            Some("number") => Ok(Shape::Plain(TypeRef::Scalar(match any.format.as_deref() {
                Some("float") => Scalar::F32,
                Some("decimal") => Scalar::DecimalNumber,
                _ => Scalar::F64,
            }))),
            Some("boolean") => Ok(Shape::Plain(TypeRef::Scalar(Scalar::Bool))),
            Some("object") => Ok(Shape::Plain(TypeRef::Scalar(Scalar::JsonObject))),
            Some("array") => Ok(Shape::Plain(TypeRef::List(Box::new(TypeRef::Scalar(
                Scalar::Json,
            ))))),
            None if any.format.is_some() => Ok(Shape::Plain(TypeRef::Scalar(string_format(
                any.format.as_deref(),
            )))),
            None => Ok(Shape::Plain(TypeRef::Scalar(Scalar::Json))),
            Some(other) => Err(SpecError::new(
                &at.join("type"),
                format!(
                    "unknown type `{other}` (OpenAPI 3.0 has string, number, integer, boolean, \
                     array and object)"
                ),
            )),
        }
    }

    fn string(&mut self, string: &StringType, default: Option<&Value>) -> Shape {
        let values: Vec<&String> = string.enumeration.iter().flatten().collect();
        if values.is_empty() {
            return Shape::Plain(TypeRef::Scalar(match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Scalar::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Scalar::Date,
                VariantOrUnknownOrEmpty::Unknown(format) => string_format(Some(format)),
                _ => Scalar::String,
            }));
        }
        Shape::Defined(TypeKind::StringEnum(string_enum(values, default)))
    }

    fn array(
        &mut self,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, SpecError> {
        let Some(items) = items else {
            return Ok(Shape::Plain(TypeRef::List(Box::new(TypeRef::Scalar(
                Scalar::Json,
            )))));
        };
        let item = self.convert(items.into(), &format!("{name}Item"), &at.join("items"))?;
        Ok(Shape::Plain(TypeRef::List(Box::new(optional(item)))))
    }

    /// An object: a struct when it declares properties, a map otherwise.
    pub(super) fn object(
        &mut self,
        properties: Vec<Property<'a>>,
        required: &[String],
        additional: Option<&'a AdditionalProperties>,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, SpecError> {
        let extra_value = match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value = self.convert(
                    schema.as_ref().into(),
                    &format!("{name}Value"),
                    &at.join("additionalProperties"),
                )?;
                Some(optional(value))
            }
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Scalar(Scalar::Json)),
            Some(AdditionalProperties::Any(false)) | None => None,
        };
        if properties.is_empty() {
            return Ok(Shape::Plain(match extra_value {
                Some(TypeRef::Scalar(Scalar::Json)) | None => TypeRef::Scalar(Scalar::JsonObject),
                Some(value) => TypeRef::Map(Box::new(value)),
            }));
        }
        let mut field_names = UniqueNames::default();
        let mut fields = Vec::with_capacity(properties.len());
        for property in properties {
            let field_name = field_names.claim(snake_name(property.wire));
            // Most properties are references or plain scalars; naming the type they never
            // define was a good part of building the IR.
            let type_hint = if defines_no_type(property.schema) {
                String::new()
            } else {
                format!("{name}{}", type_name(property.wire))
            };
            let converted = self.convert(property.schema, &type_hint, &property.pointer)?;
            let (doc, default, access) = match property.schema {
                SchemaRef::Inline(schema) => (
                    doc_of(schema),
                    schema.schema_data.default.clone(),
                    access(&schema.schema_data),
                ),
                SchemaRef::Reference(_) => (None, None, Access::ReadWrite),
            };
            fields.push(Field {
                name: field_name,
                wire: property.wire.to_string(),
                doc,
                default: default.filter(|value| !value.is_null()),
                ty: converted.ty,
                required: required.iter().any(|r| r == property.wire),
                nullable: converted.nullable,
                access,
                form: FieldForm::default(),
                spec_default: None,
            });
        }
        let extra = extra_value.map(|value| (field_names.claim("extra".to_string()), value));
        Ok(Shape::Defined(TypeKind::Struct(StructType {
            fields,
            extra,
            construction: Construction::default(),
        })))
    }
}

/// A type with `Option` added when it is nullable.
pub(super) fn optional(converted: Converted) -> TypeRef {
    if converted.nullable {
        TypeRef::Option(Box::new(converted.ty))
    } else {
        converted.ty
    }
}

pub(super) fn properties<'a>(
    properties: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
    at: &Pointer,
) -> Vec<Property<'a>> {
    let base = at.join("properties");
    properties
        .iter()
        .map(|(wire, schema)| Property {
            wire,
            schema: schema.into(),
            pointer: base.join(wire),
        })
        .collect()
}

fn string_format(format: Option<&str>) -> Scalar {
    match format {
        Some("date-time") => Scalar::DateTime,
        Some("date") => Scalar::Date,
        Some("uuid") => Scalar::Uuid,
        Some("decimal") => Scalar::DecimalString,
        _ => Scalar::String,
    }
}

pub(super) fn string_enum(mut values: Vec<&String>, default: Option<&Value>) -> StringEnum {
    // A value listed twice would be an unreachable match arm.
    let mut seen = std::collections::BTreeSet::new();
    values.retain(|value| seen.insert(value.as_str()));
    let mut names = UniqueNames::default();
    let variants: Vec<EnumVariant> = values
        .iter()
        .map(|wire| EnumVariant {
            name: names.claim(variant_name(wire)),
            wire: (*wire).clone(),
        })
        .collect();
    let default = default
        .and_then(Value::as_str)
        .and_then(|default| variants.iter().position(|variant| variant.wire == default));
    StringEnum {
        variants,
        unknown: names.claim("Unknown".to_string()),
        default,
    }
}

/// The doc comment of a schema: its title and description.
pub(super) fn doc_of(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    match (data.title.as_deref(), data.description.as_deref()) {
        (Some(title), Some(description)) if title != description => {
            Some(format!("{title}\n\n{description}"))
        }
        (_, Some(description)) => Some(description.to_string()),
        (Some(title), None) => Some(title.to_string()),
        (None, None) => None,
    }
    .map(|doc| doc.trim().to_string())
    .filter(|doc| !doc.is_empty())
}

/// Which way a property travels; both flags set say nothing, so both ways.
fn access(data: &openapiv3::SchemaData) -> Access {
    match (data.read_only, data.write_only) {
        (true, false) => Access::ReadOnly,
        (false, true) => Access::WriteOnly,
        _ => Access::ReadWrite,
    }
}
