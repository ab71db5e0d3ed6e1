//! `allOf`: the members' properties merged into one struct.

use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaKind, Type};

use super::convert::{properties, Converter, Property, Shape};
use super::types::{Scalar, TypeRef};
use crate::diagnostics::{Pointer, SpecError};
use crate::resolve::SchemaRef;

/// What the members of an `allOf` contribute.
#[derive(Default)]
struct Parts<'a> {
    properties: Vec<Property<'a>>,
    required: Vec<String>,
    additional: Option<&'a AdditionalProperties>,
    /// Members that are neither objects nor annotations (a string, an array, a union).
    others: Vec<(SchemaRef<'a>, Pointer)>,
    /// Components already merged: one reached twice (a diamond, or a cycle of `allOf`s)
    /// adds nothing the second time, and is not walked again.
    merged: BTreeSet<&'a str>,
}

impl<'a> Converter<'a, '_> {
    /// Converts `allOf` members into one type, with the object keywords written beside the
    /// `allOf` (`siblings`) as one more member. Members that only annotate (a title, a
    /// description) add nothing.
    pub(super) fn all_of(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        siblings: Option<&'a AnySchema>,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, SpecError> {
        let all_of_at = at.join("allOf");
        let typed: Vec<(SchemaRef<'a>, Pointer)> = members
            .iter()
            .enumerate()
            .filter(|(_, member)| !is_annotation(member))
            .map(|(index, member)| (member.into(), all_of_at.join(index.to_string())))
            .collect();
        let siblings = siblings.filter(|any| {
            !any.properties.is_empty()
                || !any.required.is_empty()
                || any.additional_properties.is_some()
        });
        if siblings.is_none() {
            match typed.as_slice() {
                // Only annotations: any value, as an empty schema is.
                [] => return Ok(Shape::Plain(TypeRef::Scalar(Scalar::Json))),
                [(only, only_at)] => {
                    let converted = self.convert(*only, name, only_at)?;
                    return Ok(Shape::Plain(converted.ty));
                }
                _ => {}
            }
        }
        let mut parts = Parts::default();
        for (member, member_at) in typed {
            self.collect(member, &member_at, &mut parts, 0)?;
        }
        if let Some(siblings) = siblings {
            parts
                .properties
                .extend(properties(&siblings.properties, at));
            parts.required.extend(siblings.required.iter().cloned());
            parts.additional = parts.additional.or(siblings.additional_properties.as_ref());
        }
        match (parts.properties.is_empty(), parts.others.as_slice()) {
            (_, []) => {
                let properties = dedup_properties(parts.properties);
                self.object(
                    properties,
                    &parts.required,
                    parts.additional,
                    name,
                    &all_of_at,
                )
            }
            (true, [(only, only_at)]) => {
                let converted = self.convert(*only, name, only_at)?;
                Ok(Shape::Plain(converted.ty))
            }
            _ => {
                self.fall_back(
                    &all_of_at,
                    "`allOf` mixing objects with other kinds of schema: serde_json::Value",
                );
                Ok(Shape::Plain(TypeRef::Scalar(Scalar::Json)))
            }
        }
    }

    fn collect(
        &mut self,
        member: SchemaRef<'a>,
        at: &Pointer,
        parts: &mut Parts<'a>,
        depth: usize,
    ) -> Result<(), SpecError> {
        const MAX_DEPTH: usize = 64;
        if let SchemaRef::Reference(reference) = member {
            // A dangling reference is an error; a cycle of references is a member of no known
            // shape (it becomes serde_json::Value).
            self.resolver.schema_name(reference, at)?;
        }
        let Ok(resolved) = self.resolver.schema(member, at) else {
            parts.others.push((member, at.clone()));
            return Ok(());
        };
        if let Some(name) = resolved.name {
            if !parts.merged.insert(name) {
                return Ok(());
            }
        }
        let schema = resolved.item;
        let at = &resolved.pointer;
        if depth > MAX_DEPTH {
            return Err(SpecError::new(
                at,
                format!("`allOf`s nest more than {MAX_DEPTH} levels deep"),
            ));
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                parts.properties.extend(properties(&object.properties, at));
                parts.required.extend(object.required.iter().cloned());
                parts.additional = parts.additional.or(object.additional_properties.as_ref());
            }
            SchemaKind::AllOf { all_of } => {
                self.collect_members(all_of, at, parts, depth)?;
            }
            SchemaKind::Any(any)
                if any.one_of.is_empty() && any.any_of.is_empty() && any.items.is_none() =>
            {
                self.collect_members(&any.all_of, at, parts, depth)?;
                parts.properties.extend(properties(&any.properties, at));
                parts.required.extend(any.required.iter().cloned());
                parts.additional = parts.additional.or(any.additional_properties.as_ref());
            }
            _ => parts.others.push((member, at.clone())),
        }
        Ok(())
    }

    /// Collects every member of a nested `allOf`.
    fn collect_members(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        at: &Pointer,
        parts: &mut Parts<'a>,
        depth: usize,
    ) -> Result<(), SpecError> {
        for (index, member) in members.iter().enumerate() {
            self.collect(
                member.into(),
                &at.join("allOf").join(index.to_string()),
                parts,
                depth + 1,
            )?;
        }
        Ok(())
    }
}

/// A property declared by several members keeps its last declaration, at its first place.
fn dedup_properties(properties: Vec<Property<'_>>) -> Vec<Property<'_>> {
    let mut by_name = indexmap::IndexMap::with_capacity(properties.len());
    for property in properties {
        by_name.insert(property.wire, property);
    }
    by_name.into_values().collect()
}

/// Whether an inline member only annotates (title, description, example, …): it constrains
/// nothing, so it adds nothing to the merged type.
fn is_annotation(member: &ReferenceOr<Schema>) -> bool {
    matches!(member, ReferenceOr::Item(schema)
        if matches!(&schema.schema_kind, SchemaKind::Any(any) if any == &AnySchema::default()))
}
