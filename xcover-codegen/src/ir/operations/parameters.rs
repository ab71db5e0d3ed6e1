//! An operation's parameters: path-item and operation ones merged, `$ref`s followed, typed.

use indexmap::IndexMap;
use openapiv3::{Operation as SpecOperation, Parameter, ParameterSchemaOrContent, PathItem};

use super::super::convert::Converter;
use super::super::types::{Scalar, TypeRef};
use super::{OperationBuilder, ParamLocation};
use crate::diagnostics::{Pointer, SpecError};
use crate::resolve::SchemaRef;

impl OperationBuilder<'_> {
    /// Path-item and operation parameters; the operation's win on the same name and location.
    pub(super) fn parameters<'a>(
        &self,
        item: &'a PathItem,
        operation: &'a SpecOperation,
        item_at: &Pointer,
        at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<Vec<ResolvedParam<'a>>, SpecError> {
        let mut merged: IndexMap<(ParamLocation, String), ResolvedParam<'a>> = IndexMap::new();
        let sources = item
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, item_at.join("parameters").join(i.to_string())))
            .chain(
                operation
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, at.join("parameters").join(i.to_string()))),
            );
        for (parameter, parameter_at) in sources {
            let resolved = converter.resolver.parameter(parameter, &parameter_at)?;
            let (location, data) = match resolved.item {
                Parameter::Query { parameter_data, .. } => (ParamLocation::Query, parameter_data),
                Parameter::Header { parameter_data, .. } => (ParamLocation::Header, parameter_data),
                Parameter::Path { parameter_data, .. } => (ParamLocation::Path, parameter_data),
                Parameter::Cookie { parameter_data, .. } => (ParamLocation::Cookie, parameter_data),
            };
            let schema = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    Some((SchemaRef::from(schema), resolved.pointer.join("schema")))
                }
                ParameterSchemaOrContent::Content(content) => {
                    content.iter().next().and_then(|(media, body)| {
                        body.schema.as_ref().map(|schema| {
                            (
                                SchemaRef::from(schema),
                                resolved.pointer.join("content").join(media).join("schema"),
                            )
                        })
                    })
                }
            };
            merged.insert(
                (location, data.name.clone()),
                ResolvedParam {
                    location,
                    wire: data.name.clone(),
                    required: data.required || location == ParamLocation::Path,
                    doc: data.description.clone().filter(|d| !d.trim().is_empty()),
                    schema,
                    pointer: resolved.pointer.clone(),
                },
            );
        }
        Ok(merged.into_values().collect())
    }

    pub(super) fn param_type<'a>(
        &self,
        parameter: &ResolvedParam<'a>,
        type_name: &str,
        converter: &mut Converter<'a, '_>,
    ) -> Result<TypeRef, SpecError> {
        match &parameter.schema {
            Some((schema, at)) => {
                let name = format!(
                    "{type_name}{}",
                    super::super::names::type_name(&parameter.wire)
                );
                Ok(converter.convert(*schema, &name, at)?.ty)
            }
            None => Ok(TypeRef::Scalar(Scalar::String)),
        }
    }
}

/// A parameter after `$ref`s are followed.
pub(super) struct ResolvedParam<'a> {
    pub(super) location: ParamLocation,
    pub(super) wire: String,
    pub(super) required: bool,
    pub(super) doc: Option<String>,
    pub(super) schema: Option<(SchemaRef<'a>, Pointer)>,
    pub(super) pointer: Pointer,
}
