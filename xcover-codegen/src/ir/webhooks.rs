//! `x-webhooks`: the payloads the API posts to the partner, as one enum of events.

use indexmap::IndexMap;
use openapiv3::{PathItem, ReferenceOr, Schema, SchemaKind, Type};

use super::convert::Converter;
use super::extensions::WEBHOOKS;
use super::names::{variant_name, UniqueNames};
use super::types::{TagFallback, Tagging, TypeId, TypeKind, Union, UnionVariant};
use crate::diagnostics::{Pointer, SpecError};
use crate::resolve::SchemaRef;

/// The name of the generated enum of webhook events.
const EVENT_TYPE_NAME: &str = "WebhookEvent";

/// The webhooks of a document, parsed from its `x-webhooks` extension.
pub struct Webhooks {
    items: IndexMap<String, PathItem>,
}

impl Webhooks {
    /// Reads `x-webhooks`; a document without it has no webhooks.
    pub fn parse(extensions: &IndexMap<String, serde_json::Value>) -> Result<Self, SpecError> {
        let at = Pointer::root().join(WEBHOOKS);
        let items = match extensions.get(WEBHOOKS) {
            None => IndexMap::new(),
            Some(value) => {
                let map = value.as_object().ok_or_else(|| {
                    SpecError::new(&at, "`x-webhooks` must map event names to path items")
                })?;
                map.iter()
                    .map(|(event, item)| {
                        serde_json::from_value(item.clone())
                            .map(|item| (event.clone(), item))
                            .map_err(|error| {
                                SpecError::new(&at.join(event), format!("not a path item: {error}"))
                            })
                    })
                    .collect::<Result<_, _>>()?
            }
        };
        Ok(Webhooks { items })
    }

    /// Defines the `WebhookEvent` enum: one variant per event, chosen by the property whose
    /// value is the event name (`event`), with a fallback for events the spec does not list.
    pub fn define<'a>(
        &'a self,
        converter: &mut Converter<'a, '_>,
    ) -> Result<Option<TypeId>, SpecError> {
        if self.items.is_empty() {
            return Ok(None);
        }
        let base = Pointer::root().join(WEBHOOKS);
        let mut names = UniqueNames::default();
        let mut variants = Vec::new();
        let mut tag_candidates: Option<Vec<String>> = None;
        for (event, item) in &self.items {
            let at = base.join(event).join("post").join("requestBody");
            let Some(body) = item
                .post
                .as_ref()
                .and_then(|post| post.request_body.as_ref())
            else {
                converter.fall_back(
                    &base.join(event),
                    "webhook without a `post` request body: skipped",
                );
                continue;
            };
            let body = converter.resolver.request_body(body, &at)?;
            let Some((media, content)) = body.item.content.iter().next() else {
                converter.fall_back(&at, "webhook body without content: skipped");
                continue;
            };
            let Some(schema) = content.schema.as_ref() else {
                converter.fall_back(&at, "webhook body without a schema: skipped");
                continue;
            };
            let schema_at = body.pointer.join("content").join(media).join("schema");
            let name = names.claim(variant_name(event));
            let converted =
                converter.convert(schema.into(), &format!("{name}Webhook"), &schema_at)?;
            let envelope = converter
                .resolver
                .schema(SchemaRef::from(schema), &schema_at)?
                .item;
            let constants = constant_properties(envelope, event, converter)?;
            tag_candidates = Some(match tag_candidates {
                None => constants,
                Some(previous) => previous
                    .into_iter()
                    .filter(|p| constants.contains(p))
                    .collect(),
            });
            variants.push((
                event.clone(),
                UnionVariant {
                    name,
                    ty: converted.ty,
                    from: false,
                },
            ));
        }
        let tagging = tag_candidates
            .and_then(|candidates| candidates.into_iter().next())
            .map(|property| Tagging {
                property,
                tags: variants
                    .iter()
                    .enumerate()
                    .map(|(index, (event, _))| (event.clone(), index))
                    .collect(),
                fallback: TagFallback::Unknown(names.claim("Unknown".to_string())),
            });
        let union = Union {
            variants: variants.into_iter().map(|(_, variant)| variant).collect(),
            tagging,
        };
        let doc = Some("An event the API posts to the partner's webhook URL.".to_string());
        Ok(Some(converter.define_inline(
            EVENT_TYPE_NAME,
            &base,
            TypeKind::Union(union),
            doc,
        )))
    }
}

/// The properties of an object schema whose only allowed value is `value`.
fn constant_properties<'a>(
    schema: &'a Schema,
    value: &str,
    converter: &mut Converter<'a, '_>,
) -> Result<Vec<String>, SpecError> {
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for (name, property) in &object.properties {
        let property = match property {
            ReferenceOr::Item(schema) => schema.as_ref(),
            ReferenceOr::Reference { .. } => {
                converter
                    .resolver
                    .schema(property.into(), &Pointer::root())?
                    .item
            }
        };
        if let SchemaKind::Type(Type::String(string)) = &property.schema_kind {
            if string.enumeration.len() == 1 && string.enumeration[0].as_deref() == Some(value) {
                found.push(name.clone());
            }
        }
    }
    Ok(found)
}
