//! An operation's request body: which media type is used, and how it is encoded.

use indexmap::IndexMap;
use openapiv3::{MediaType, ReferenceOr};

use super::super::convert::Converter;
use super::super::types::{Scalar, TypeRef};
use super::{Body, BodyKind, OperationBuilder};
use crate::diagnostics::{Pointer, SpecError};

impl OperationBuilder<'_> {
    pub(super) fn body<'a>(
        &self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        type_name: &str,
        at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<Body, SpecError> {
        let resolved = converter.resolver.request_body(body, at)?;
        let content_at = resolved.pointer.join("content");
        let chosen = choose_media(&resolved.item.content);
        let kind = match chosen {
            Some((media, MediaKind::Json, content)) => BodyKind::Json(self.media_type(
                content,
                &format!("{type_name}Request"),
                &content_at.join(media),
                converter,
            )?),
            Some((media, MediaKind::Form, content)) => BodyKind::Form(self.media_type(
                content,
                &format!("{type_name}Request"),
                &content_at.join(media),
                converter,
            )?),
            Some((_, MediaKind::Multipart, _)) => BodyKind::Multipart,
            Some((_, MediaKind::Text | MediaKind::Binary, _)) | None => BodyKind::Binary,
        };
        Ok(Body {
            media_type: chosen
                .map_or("application/octet-stream", |(media, _, _)| media)
                .to_string(),
            kind,
            required: resolved.item.required,
            doc: resolved
                .item
                .description
                .clone()
                .filter(|d| !d.trim().is_empty()),
        })
    }

    pub(super) fn media_type<'a>(
        &self,
        media: &'a MediaType,
        name: &str,
        at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<TypeRef, SpecError> {
        match &media.schema {
            Some(schema) => {
                let converted = converter.convert(schema.into(), name, &at.join("schema"))?;
                Ok(super::super::convert::optional(converted))
            }
            None => Ok(TypeRef::Scalar(Scalar::Json)),
        }
    }
}

/// What kind of encoding a media type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

fn media_kind(media: &str) -> MediaKind {
    let essence = media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || essence.ends_with("+json")
        || essence == "*/*"
        || essence == "text/json"
    {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence == "multipart/form-data" {
        MediaKind::Multipart
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

/// The media type to use when several are offered: JSON first, then form, multipart, text,
/// binary; among equals the first listed.
pub(super) fn choose_media(
    content: &IndexMap<String, MediaType>,
) -> Option<(&str, MediaKind, &MediaType)> {
    content
        .iter()
        .map(|(media, body)| (media.as_str(), media_kind(media), body))
        .min_by_key(|(_, kind, _)| *kind)
}
