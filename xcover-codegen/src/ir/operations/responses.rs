//! An operation's responses: one arm per status, and the success and failure types they give.

use openapiv3::{Operation as SpecOperation, ReferenceOr, StatusCode};

use super::super::convert::Converter;
use super::super::names::{variant_name, UniqueNames};
use super::super::types::{ResponseVariant, Scalar, TypeKind, TypeRef};
use super::bodies::{choose_media, MediaKind};
use super::{Arm, OperationBuilder, ResponseBody, StatusMatch};
use crate::diagnostics::{Pointer, SpecError};

impl OperationBuilder<'_> {
    /// The status arms, and the success and failure types they produce.
    pub(super) fn responses<'a>(
        &self,
        operation: &'a SpecOperation,
        type_name: &str,
        at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<(Vec<Arm>, TypeRef, TypeRef), SpecError> {
        let responses = &operation.responses;
        let mut arms = Vec::new();
        let mut listed: Vec<(StatusCode, &ReferenceOr<openapiv3::Response>)> = responses
            .responses
            .iter()
            .map(|(status, response)| (status.clone(), response))
            .collect();
        // Exact codes before ranges, each in numeric order: the order a `match` needs.
        listed.sort_by_key(|(status, _)| match status {
            StatusCode::Code(code) => (0, *code),
            StatusCode::Range(range) => (1, *range),
        });
        for (status, response) in listed {
            let (key, status_match, success) = match status {
                StatusCode::Code(code) => (
                    code.to_string(),
                    StatusMatch::Code(code),
                    (200..300).contains(&code),
                ),
                StatusCode::Range(range) => {
                    (format!("{range}XX"), StatusMatch::Range(range), range == 2)
                }
            };
            let name = format!("{type_name}{}", status_name(&status_match));
            let body = self.response_body(response, &name, &at.join(&key), converter)?;
            arms.push(Arm {
                status: status_match,
                success,
                body,
                variant: None,
            });
        }
        if let Some(default) = &responses.default {
            let body = self.response_body(
                default,
                &format!("{type_name}Default"),
                &at.join("default"),
                converter,
            )?;
            arms.push(Arm {
                status: StatusMatch::DefaultSuccess,
                success: true,
                body: body.clone(),
                variant: None,
            });
            arms.push(Arm {
                status: StatusMatch::DefaultFailure,
                success: false,
                body,
                variant: None,
            });
        }
        let success = self.outcome_type(
            &mut arms,
            true,
            &format!("{type_name}Response"),
            at,
            converter,
        );
        let failure = self.outcome_type(
            &mut arms,
            false,
            &format!("{type_name}Error"),
            at,
            converter,
        );
        Ok((arms, success, failure))
    }

    /// One type for the success (or failure) arms: their common body type, or an enum with a
    /// variant per arm when they differ.
    pub(super) fn outcome_type(
        &self,
        arms: &mut [Arm],
        success: bool,
        enum_name: &str,
        at: &Pointer,
        converter: &mut Converter<'_, '_>,
    ) -> TypeRef {
        let mut bodies = arms
            .iter()
            .filter(|arm| arm.success == success)
            .map(|arm| &arm.body);
        let first = bodies.next();
        if bodies.all(|body| Some(body) == first) {
            return first
                .map(ResponseBody::ty)
                .unwrap_or(TypeRef::Scalar(Scalar::Unit));
        }
        let mut names = UniqueNames::default();
        let mut variants = Vec::new();
        for arm in arms.iter_mut().filter(|arm| arm.success == success) {
            let name = names.claim(status_name(&arm.status));
            variants.push(ResponseVariant {
                name: name.clone(),
                ty: match &arm.body {
                    ResponseBody::Empty => None,
                    body => Some(body.ty()),
                },
            });
            arm.variant = Some(name);
        }
        TypeRef::Named(converter.define_inline(
            enum_name,
            at,
            TypeKind::ResponseEnum(variants),
            None,
        ))
    }

    pub(super) fn response_body<'a>(
        &self,
        response: &'a ReferenceOr<openapiv3::Response>,
        name: &str,
        at: &Pointer,
        converter: &mut Converter<'a, '_>,
    ) -> Result<ResponseBody, SpecError> {
        let resolved = converter.resolver.response(response, at)?;
        let content_at = resolved.pointer.join("content");
        Ok(match choose_media(&resolved.item.content) {
            Some((media, MediaKind::Json, content)) => ResponseBody::Json(self.media_type(
                content,
                name,
                &content_at.join(media),
                converter,
            )?),
            Some((_, MediaKind::Text, _)) => ResponseBody::Text,
            Some(_) => ResponseBody::Bytes,
            None => ResponseBody::Empty,
        })
    }
}

/// The variant name for a status: `Ok`, `Created`, `NotFound`, `Status418`, `Default`, …
fn status_name(status: &StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => reason_phrase(*code)
            .map(variant_name)
            .unwrap_or_else(|| format!("Status{code}")),
        StatusMatch::Range(range) => format!("Status{range}xx"),
        StatusMatch::DefaultSuccess | StatusMatch::DefaultFailure => "Default".to_string(),
    }
}

/// The standard reason phrase of a status code.
fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "Non Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        423 => "Locked",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}
