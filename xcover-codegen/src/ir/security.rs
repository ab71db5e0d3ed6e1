//! The credentials a client can be given: one `ClientBuilder` setting per security scheme the
//! generated code can apply by itself (API keys in a header, query or cookie; HTTP bearer and
//! basic), with its name chosen here.

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityScheme};

use super::convert::Converter;
use super::extensions::MANUAL_AUTH;
use super::names::{snake_name, UniqueNames};
use crate::diagnostics::Pointer;

/// A `ClientBuilder` setting that sends a credential on every attempt of every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    /// The setter's name.
    pub setter: String,
    /// The scheme's name in `components.securitySchemes`.
    pub scheme: String,
    /// How it is sent.
    pub kind: CredentialKind,
    /// The scheme's description.
    pub doc: Option<String>,
}

/// How a credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialKind {
    /// An API key in a header, query parameter or cookie of this name.
    ApiKey {
        /// Where.
        location: KeyLocation,
        /// The header, parameter or cookie name.
        name: String,
    },
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
}

impl CredentialKind {
    /// The names of the setter's arguments, each an `impl Into<String>`.
    pub fn arguments(&self) -> &'static [&'static str] {
        match self {
            CredentialKind::ApiKey { .. } => &["key"],
            CredentialKind::Bearer => &["token"],
            CredentialKind::Basic => &["username", "password"],
        }
    }
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    /// A header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

impl KeyLocation {
    /// The runtime's name of the location (`KeyIn::Header`, …).
    pub fn runtime_name(self) -> &'static str {
        match self {
            KeyLocation::Header => "Header",
            KeyLocation::Query => "Query",
            KeyLocation::Cookie => "Cookie",
        }
    }
}

/// `ClientBuilder` members a setting must not take.
const BUILDER_MEMBERS: &[&str] = &[
    "timeout",
    "connect_timeout",
    "user_agent",
    "http_client",
    "with",
    "with_arc",
    "build",
    "credentials",
    "middleware",
    "http",
    "base_url",
];

/// The settings of every scheme in `components.securitySchemes`, in document order. A scheme
/// marked `x-manual-auth` is applied by code of the caller's own (XCover's signature, by the
/// SDK's signing middleware); any other the generated code can't apply is a fallback.
pub fn credentials(document: &OpenAPI, converter: &mut Converter<'_, '_>) -> Vec<Credential> {
    let Some(components) = &document.components else {
        return Vec::new();
    };
    let schemes = Pointer::root().join("components").join("securitySchemes");
    let mut names = UniqueNames::with_reserved(BUILDER_MEMBERS);
    let mut credentials = Vec::new();
    for (scheme, definition) in &components.security_schemes {
        let at = schemes.join(scheme);
        let ReferenceOr::Item(definition) = definition else {
            converter.fall_back(&at, "a `$ref` security scheme is not supported: no setting");
            continue;
        };
        let (kind, doc, extensions) = match definition {
            SecurityScheme::APIKey {
                location,
                name,
                description,
                extensions,
            } => {
                let location = match location {
                    APIKeyLocation::Header => KeyLocation::Header,
                    APIKeyLocation::Query => KeyLocation::Query,
                    APIKeyLocation::Cookie => KeyLocation::Cookie,
                };
                let kind = CredentialKind::ApiKey {
                    location,
                    name: name.clone(),
                };
                (Some(kind), description, extensions)
            }
            SecurityScheme::HTTP {
                scheme: http_scheme,
                description,
                extensions,
                ..
            } => {
                let kind = match http_scheme.to_ascii_lowercase().as_str() {
                    "bearer" => Some(CredentialKind::Bearer),
                    "basic" => Some(CredentialKind::Basic),
                    _ => None,
                };
                (kind, description, extensions)
            }
            SecurityScheme::OAuth2 {
                description,
                extensions,
                ..
            }
            | SecurityScheme::OpenIDConnect {
                description,
                extensions,
                ..
            } => (None, description, extensions),
        };
        if extensions.get(MANUAL_AUTH) == Some(&serde_json::Value::Bool(true)) {
            continue;
        }
        let Some(kind) = kind else {
            converter.fall_back(
                &at,
                "this kind of security scheme has no generated setting: add a middleware that \
                 authenticates requests",
            );
            continue;
        };
        credentials.push(Credential {
            setter: names.claim(snake_name(scheme)),
            scheme: scheme.clone(),
            kind,
            doc: doc.clone(),
        });
    }
    credentials
}
