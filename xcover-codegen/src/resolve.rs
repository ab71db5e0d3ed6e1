//! Stage 2, resolve: follows local `$ref`s to components (schemas, parameters, request bodies,
//! responses), detecting dangling and cyclic references.

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

use crate::diagnostics::{Pointer, SpecError};

/// How far a chain of references to references may go before it is called a cycle.
const MAX_REFERENCE_HOPS: usize = 64;

/// A schema position: either a reference to a component or an inline schema.
#[derive(Debug, Clone, Copy)]
pub enum SchemaRef<'a> {
    /// `$ref` text.
    Reference(&'a str),
    /// An inline schema.
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(item: &'a ReferenceOr<Schema>) -> Self {
        match item {
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(item: &'a ReferenceOr<Box<Schema>>) -> Self {
        match item {
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

/// A component reached through a reference: the item, its name and where it is.
#[derive(Debug, Clone)]
pub struct Resolved<'a, T> {
    /// The component.
    pub item: &'a T,
    /// The component's name when reached through a `$ref`.
    pub name: Option<&'a str>,
    /// Where the item is in the document.
    pub pointer: Pointer,
}

/// Looks up references in one document.
#[derive(Debug, Clone, Copy)]
pub struct Resolver<'a> {
    components: Option<&'a Components>,
}

impl<'a> Resolver<'a> {
    /// A resolver for `document`.
    pub fn new(document: &'a OpenAPI) -> Self {
        Resolver {
            components: document.components.as_ref(),
        }
    }

    /// The name of the component schema a `$ref` names, checking that it exists.
    pub fn schema_name(&self, reference: &'a str, at: &Pointer) -> Result<&'a str, SpecError> {
        let (name, _) = self.lookup(reference, at, "schemas", |c| &c.schemas)?;
        Ok(name)
    }

    /// Follows a schema reference (through chains of references) to the schema it names.
    pub fn schema(
        &self,
        schema: SchemaRef<'a>,
        at: &Pointer,
    ) -> Result<Resolved<'a, Schema>, SpecError> {
        match schema {
            SchemaRef::Inline(item) => Ok(Resolved {
                item,
                name: None,
                pointer: at.clone(),
            }),
            SchemaRef::Reference(reference) => {
                self.follow(reference, at, "schemas", |c| &c.schemas)
            }
        }
    }

    /// Follows a parameter reference.
    pub fn parameter(
        &self,
        item: &'a ReferenceOr<Parameter>,
        at: &Pointer,
    ) -> Result<Resolved<'a, Parameter>, SpecError> {
        self.item(item, at, "parameters", |c| &c.parameters)
    }

    /// Follows a request body reference.
    pub fn request_body(
        &self,
        item: &'a ReferenceOr<RequestBody>,
        at: &Pointer,
    ) -> Result<Resolved<'a, RequestBody>, SpecError> {
        self.item(item, at, "requestBodies", |c| &c.request_bodies)
    }

    /// Follows a response reference.
    pub fn response(
        &self,
        item: &'a ReferenceOr<Response>,
        at: &Pointer,
    ) -> Result<Resolved<'a, Response>, SpecError> {
        self.item(item, at, "responses", |c| &c.responses)
    }

    fn item<T>(
        &self,
        item: &'a ReferenceOr<T>,
        at: &Pointer,
        section: &str,
        section_of: fn(&'a Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Result<Resolved<'a, T>, SpecError> {
        match item {
            ReferenceOr::Item(item) => Ok(Resolved {
                item,
                name: None,
                pointer: at.clone(),
            }),
            ReferenceOr::Reference { reference } => self.follow(reference, at, section, section_of),
        }
    }

    fn follow<T>(
        &self,
        reference: &'a str,
        at: &Pointer,
        section: &str,
        section_of: fn(&'a Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Result<Resolved<'a, T>, SpecError> {
        let mut reference = reference;
        let mut first_name = None;
        for _ in 0..MAX_REFERENCE_HOPS {
            let (name, target) = self.lookup(reference, at, section, section_of)?;
            first_name.get_or_insert(name);
            match target {
                ReferenceOr::Item(item) => {
                    return Ok(Resolved {
                        item,
                        name: first_name,
                        pointer: Pointer::root().join("components").join(section).join(name),
                    })
                }
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        Err(SpecError::new(
            at,
            format!("`$ref` chain starting at this place is cyclic (`{reference}`)"),
        ))
    }

    fn lookup<T>(
        &self,
        reference: &'a str,
        at: &Pointer,
        section: &str,
        section_of: fn(&'a Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Result<(&'a str, &'a ReferenceOr<T>), SpecError> {
        let prefix = format!("#/components/{section}/");
        let Some(name) = reference.strip_prefix(prefix.as_str()) else {
            return Err(SpecError::new(
                at,
                format!(
                    "unsupported `$ref` `{reference}`: only local references to `{prefix}<name>` are supported here"
                ),
            ));
        };
        let decoded = name.replace("~1", "/").replace("~0", "~");
        self.components
            .and_then(|components| section_of(components).get_full(decoded.as_str()))
            .map(|(_, key, target)| (key.as_str(), target))
            .ok_or_else(|| SpecError::new(at, format!("`$ref` `{reference}` names no component")))
    }
}
