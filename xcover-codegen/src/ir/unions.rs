//! `oneOf` and `anyOf`: where a union becomes an enum (untagged, or chosen by its
//! discriminator), a nullable type, an open string enum, or an index-keyed list.

use openapiv3::{AnySchema, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

use super::convert::{optional, string_enum, Converter, Shape};
use super::extensions::DISCRIMINATOR_FALLBACK;
use super::names::{variant_name, without_stutter, UniqueNames};
use super::types::{Scalar, TagFallback, Tagging, TypeKind, TypeRef, Union, UnionVariant};
use crate::diagnostics::{Pointer, SpecError};
use crate::resolve::SchemaRef;

impl<'a> Converter<'a, '_> {
    /// `oneOf`/`anyOf`.
    pub(super) fn union(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        schema: &'a Schema,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, SpecError> {
        let members: Vec<(SchemaRef<'a>, Pointer)> = members
            .iter()
            .enumerate()
            .filter(|(_, member)| !is_null_schema(member))
            .map(|(index, member)| (SchemaRef::from(member), at.join(index.to_string())))
            .collect();
        match members.as_slice() {
            [] => {
                self.fall_back(at, "no member but `null` to choose from: serde_json::Value");
                return Ok(Shape::Plain(TypeRef::Scalar(Scalar::Json)));
            }
            [(only, only_at)] => {
                let converted = self.convert(*only, name, only_at)?;
                return Ok(Shape::Plain(converted.ty));
            }
            _ => {}
        }
        if let Some(shape) = self.open_string_enum(&members, schema) {
            return Ok(shape);
        }
        let mut variant_names = UniqueNames::default();
        let mut variants = Vec::with_capacity(members.len());
        let mut references = Vec::with_capacity(members.len());
        for (member, member_at) in &members {
            let (variant, reference) = match member {
                SchemaRef::Reference(reference) => {
                    let component = self.resolver.schema_name(reference, member_at)?;
                    (variant_name(component), Some((*reference, component)))
                }
                SchemaRef::Inline(inline) => (inline_variant_name(inline), None),
            };
            let variant = variant_names.claim(without_stutter(variant, name));
            let converted = self.convert(*member, &format!("{name}{variant}"), member_at)?;
            let ty = optional(converted);
            variants.push(UnionVariant {
                name: variant,
                ty,
                from: false,
            });
            references.push(reference);
        }
        let inline_member = references.iter().any(Option::is_none);
        if inline_member && schema.schema_data.discriminator.is_some() {
            // An inline member has no name to be its tag: choosing by tag would never reach
            // it, so every member is chosen by shape instead.
            self.fall_back(
                at,
                "discriminator over an inline schema: untagged, each variant chosen by shape",
            );
        }
        let tagging = match &schema.schema_data.discriminator {
            Some(_) if inline_member => None,
            Some(discriminator) => {
                let fallback_ref = schema
                    .schema_data
                    .extensions
                    .get(DISCRIMINATOR_FALLBACK)
                    .and_then(Value::as_str);
                let mut tags = Vec::new();
                let mut fallback = None;
                for (index, reference) in references.iter().enumerate() {
                    let Some((reference, component)) = reference else {
                        continue;
                    };
                    if fallback_ref == Some(*reference) {
                        fallback = Some(index);
                        continue;
                    }
                    let mapped: Vec<&String> = discriminator
                        .mapping
                        .iter()
                        .filter(|(_, target)| *target == reference || target.as_str() == *component)
                        .map(|(tag, _)| tag)
                        .collect();
                    let new_tags: Vec<String> = if mapped.is_empty() {
                        vec![component.to_string()]
                    } else {
                        mapped.into_iter().cloned().collect()
                    };
                    // A tag already taken by an earlier variant would be an unreachable arm.
                    for tag in new_tags {
                        if !tags.iter().any(|(taken, _)| *taken == tag) {
                            tags.push((tag, index));
                        }
                    }
                }
                let fallback = match fallback {
                    Some(index) => TagFallback::Variant(index),
                    None => {
                        let unknown = variant_names.claim("Unknown".to_string());
                        TagFallback::Unknown(unknown)
                    }
                };
                Some(Tagging {
                    property: discriminator.property_name.clone(),
                    tags,
                    fallback,
                })
            }
            None => None,
        };
        Ok(Shape::Defined(TypeKind::Union(Union { variants, tagging })))
    }

    /// A union of strings, some listing values (`anyOf: [{enum: [...]}, {type: string}]`):
    /// an enum that keeps unknown values says the same thing, more usefully.
    pub(super) fn open_string_enum(
        &mut self,
        members: &[(SchemaRef<'a>, Pointer)],
        schema: &'a Schema,
    ) -> Option<Shape> {
        let mut values = Vec::new();
        for (member, _) in members {
            let SchemaRef::Inline(inline) = member else {
                return None;
            };
            let SchemaKind::Type(Type::String(string)) = &inline.schema_kind else {
                return None;
            };
            values.extend(string.enumeration.iter().flatten());
        }
        if values.is_empty() {
            return Some(Shape::Plain(TypeRef::Scalar(Scalar::String)));
        }
        Some(Shape::Defined(TypeKind::StringEnum(string_enum(
            values,
            schema.schema_data.default.as_ref(),
        ))))
    }

    /// `x-index-keyed-array`: `oneOf` an array of T and a map of T → `Vec<T>`.
    pub(super) fn index_keyed(
        &mut self,
        schema: &'a Schema,
        name: &str,
        at: &Pointer,
    ) -> Result<Option<Shape>, SpecError> {
        let members: &[ReferenceOr<Schema>] = match &schema.schema_kind {
            SchemaKind::OneOf { one_of } => one_of,
            SchemaKind::AnyOf { any_of } => any_of,
            SchemaKind::Any(any) if !any.one_of.is_empty() => &any.one_of,
            _ => &[],
        };
        let array_items = members
            .iter()
            .enumerate()
            .find_map(|(index, member)| match member {
                ReferenceOr::Item(Schema {
                    schema_kind: SchemaKind::Type(Type::Array(array)),
                    ..
                }) => array.items.as_ref().map(|items| (items, index)),
                _ => None,
            });
        match array_items {
            Some((items, index)) => {
                let item_at = at.join("oneOf").join(index.to_string()).join("items");
                let item = self.convert(items.into(), &format!("{name}Item"), &item_at)?;
                Ok(Some(Shape::Plain(TypeRef::IndexKeyedList(Box::new(
                    optional(item),
                )))))
            }
            None => {
                self.fall_back(
                    at,
                    "`x-index-keyed-array` without an array alternative: ignored",
                );
                Ok(None)
            }
        }
    }
}

/// `{}` with only `nullable: true`, or `{type: "null"}`: a union member that only allows null.
fn is_null_schema(member: &ReferenceOr<Schema>) -> bool {
    match member {
        ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Any(any),
            schema_data,
        }) => {
            any.typ.as_deref() == Some("null")
                || (schema_data.nullable && any == &AnySchema::default())
        }
        _ => false,
    }
}

/// The variant name of an inline union member: its title, or the kind of value it is.
fn inline_variant_name(schema: &Schema) -> String {
    if let Some(title) = &schema.schema_data.title {
        return variant_name(title);
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if string.enumeration.len() == 1 => {
            variant_name(string.enumeration[0].as_deref().unwrap_or("Null"))
        }
        SchemaKind::Type(Type::String(_)) => "String".into(),
        SchemaKind::Type(Type::Integer(_)) => "Integer".into(),
        SchemaKind::Type(Type::Number(_)) => "Number".into(),
        SchemaKind::Type(Type::Boolean(_)) => "Boolean".into(),
        SchemaKind::Type(Type::Array(_)) => "List".into(),
        SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => "Map".into(),
        SchemaKind::Any(any) if any.typ.as_deref() == Some("array") || any.items.is_some() => {
            "List".into()
        }
        SchemaKind::Any(any) if any.properties.is_empty() && any.typ.is_none() => "Value".into(),
        _ => "Object".into(),
    }
}
