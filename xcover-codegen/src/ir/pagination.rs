//! Which list operations page, and how the next page is asked for: declared by
//! `x-pagination` on the operation, or recognised from the shape of a `GET` (a next link, a
//! page token, an offset). A paged operation's builder gets `pages()` and `items()`.

use openapiv3::{OpenAPI, ReferenceOr};
use serde_json::Value;

use super::extensions::PAGINATION;
use super::operations::{BodyKind, HttpMethod, Operation, Param};
use super::types::{Field, Scalar, StructType, TypeKind, TypeRef};
use super::typespace::TypeSpace;
use crate::diagnostics::SpecError;

/// How a paged operation's pages are read and followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// The Rust name of the page's field listing the items.
    pub items: String,
    /// The type of one item.
    pub item: TypeRef,
    /// How the request for the next page is made.
    pub next: NextPage,
}

/// How the request for the next page is made from the page before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextPage {
    /// The page's field (Rust name) holding the next page's URL, fetched on the base URL's
    /// origin only.
    Link(String),
    /// The page's field (Rust name) holding a token, sent back in a query parameter (the
    /// builder's field).
    Token {
        /// The page's field.
        field: String,
        /// The builder's field of the query parameter.
        param: String,
    },
    /// The builder's field of the offset query parameter, advanced by the items read; an
    /// empty page ends the list.
    Offset(String),
}

/// Names of a page's field holding the next page's URL.
const LINK_FIELDS: &[&str] = &["next", "next_link", "nextLink", "next_url"];
/// Query parameters taking a page token, and the names of the field holding the next one.
const TOKEN_PARAMS: &[&str] = &["page_token", "pageToken", "cursor"];
const TOKEN_FIELDS: &[&str] = &[
    "next_page",
    "next_page_token",
    "nextPageToken",
    "next_cursor",
    "nextCursor",
];
/// The query parameter of an offset.
const OFFSET_PARAM: &str = "offset";

/// Decides every operation's pagination. Runs once field forms are decided.
pub fn decide(
    document: &OpenAPI,
    operations: &mut [Operation],
    types: &TypeSpace,
) -> Result<(), SpecError> {
    for operation in operations {
        // A page's request is the one before it, cloned: a multipart body can't be.
        let clonable = !matches!(
            operation.body.as_ref().map(|body| &body.kind),
            Some(BodyKind::Multipart)
        );
        operation.pagination = match declared(document, operation) {
            Some(Value::Bool(false)) => None,
            Some(_) if !clonable => {
                return Err(SpecError::new(
                    &operation.pointer.join(PAGINATION),
                    "a request with a multipart body can't be paged: each page repeats it",
                ))
            }
            Some(extension) => Some(from_extension(extension, operation, types)?),
            None if operation.method == HttpMethod::Get && clonable => recognised(operation, types),
            None => None,
        };
    }
    Ok(())
}

/// The operation's `x-pagination`, if it has one.
fn declared<'d>(document: &'d OpenAPI, operation: &Operation) -> Option<&'d Value> {
    let ReferenceOr::Item(item) = document.paths.paths.get(&operation.path)? else {
        return None;
    };
    let (_, spec) = item
        .iter()
        .find(|(method, _)| method.eq_ignore_ascii_case(operation.method.as_str()))?;
    spec.extensions.get(PAGINATION)
}

/// The struct a success decodes into, through aliases.
fn page_struct<'t>(types: &'t TypeSpace, mut ty: &'t TypeRef) -> Option<&'t StructType> {
    loop {
        let TypeRef::Named(id) = ty else { return None };
        match &types.get(*id).kind {
            TypeKind::Struct(structure) => return Some(structure),
            TypeKind::Alias(target) => ty = target,
            _ => return None,
        }
    }
}

/// The item type of a list field.
fn list_item(field: &Field) -> Option<&TypeRef> {
    match &field.ty {
        TypeRef::List(item) | TypeRef::IndexKeyedList(item) => Some(item),
        _ => None,
    }
}

fn is_text(field: &Field) -> bool {
    field.ty.is_scalar(Scalar::String)
}

/// An optional query parameter of one of `scalars` (a required one is the caller's to give).
fn optional_query<'o>(
    operation: &'o Operation,
    wire: &str,
    scalars: &[Scalar],
) -> Option<&'o Param> {
    operation.query.iter().find(|param| {
        param.wire == wire
            && !operation.takes_argument(param)
            && scalars.iter().any(|scalar| param.ty.is_scalar(*scalar))
    })
}

const INTEGERS: &[Scalar] = &[Scalar::I32, Scalar::I64];

/// Pagination recognised from the shape: one list field, and a next link, a page token or an
/// offset parameter, in that order.
fn recognised(operation: &Operation, types: &TypeSpace) -> Option<Pagination> {
    let page = page_struct(types, &operation.success)?;
    let mut lists = page
        .fields
        .iter()
        .filter(|field| list_item(field).is_some());
    let items = lists.next().filter(|_| lists.next().is_none())?;
    let field_named = |names: &[&str]| {
        page.fields
            .iter()
            .find(|field| names.contains(&field.wire.as_str()) && is_text(field))
    };
    let next = if let Some(link) = field_named(LINK_FIELDS) {
        NextPage::Link(link.name.clone())
    } else if let (Some(field), Some(param)) = (
        field_named(TOKEN_FIELDS),
        TOKEN_PARAMS
            .iter()
            .find_map(|wire| optional_query(operation, wire, &[Scalar::String])),
    ) {
        NextPage::Token {
            field: field.name.clone(),
            param: param.name.clone(),
        }
    } else {
        NextPage::Offset(
            optional_query(operation, OFFSET_PARAM, INTEGERS)?
                .name
                .clone(),
        )
    };
    Some(Pagination {
        items: items.name.clone(),
        item: list_item(items)?.clone(),
        next,
    })
}

/// Pagination as `x-pagination` declares it: `items` and one of `next-link`,
/// `next-token` with `token-parameter`, or `offset-parameter`, each naming a property of the
/// success body or a query parameter as the spec spells it.
fn from_extension(
    extension: &Value,
    operation: &Operation,
    types: &TypeSpace,
) -> Result<Pagination, SpecError> {
    let at = operation.pointer.join(PAGINATION);
    let fail = |message: String| Err(SpecError::new(&at, message));
    let Some(object) = extension.as_object() else {
        return fail(format!("`{PAGINATION}` must be an object or `false`"));
    };
    const KEYS: &[&str] = &[
        "items",
        "next-link",
        "next-token",
        "token-parameter",
        "offset-parameter",
    ];
    if let Some(key) = object.keys().find(|key| !KEYS.contains(&key.as_str())) {
        return fail(format!(
            "`{PAGINATION}` has an unknown key `{key}` (known: {})",
            KEYS.join(", ")
        ));
    }
    let text = |key: &str| -> Result<Option<&str>, SpecError> {
        match object.get(key) {
            None => Ok(None),
            Some(Value::String(name)) => Ok(Some(name)),
            Some(_) => Err(SpecError::new(
                &at.join(key),
                format!("`{key}` must be a string"),
            )),
        }
    };
    let Some(page) = page_struct(types, &operation.success) else {
        return fail("the success body is not an object, so it can't be a page".into());
    };
    // The property `key` names, and what `fits` finds in it.
    let property = |key: &str, wanted: &str, fits: fn(&Field) -> Option<TypeRef>| {
        let name = text(key)?.unwrap_or_default();
        page.fields
            .iter()
            .find(|field| field.wire == name)
            .and_then(|field| Some((field.name.clone(), fits(field)?)))
            .ok_or_else(|| {
                SpecError::new(
                    &at.join(key),
                    format!("the success body has no {wanted} property `{name}`"),
                )
            })
    };
    let items_of = |field: &Field| list_item(field).cloned();
    let text_of = |field: &Field| is_text(field).then_some(TypeRef::Scalar(Scalar::String));
    let parameter = |key: &str, wanted: &str, scalars: &[Scalar]| {
        let wire = text(key)?.unwrap_or_default();
        optional_query(operation, wire, scalars)
            .map(|param| param.name.clone())
            .ok_or_else(|| {
                SpecError::new(
                    &at.join(key),
                    format!("the operation has no optional {wanted} query parameter `{wire}`"),
                )
            })
    };
    if text("items")?.is_none() {
        return fail(format!("`{PAGINATION}` needs `items`"));
    }
    let (items, item) = property("items", "array", items_of)?;
    let next = match (
        text("next-link")?,
        text("next-token")?,
        text("offset-parameter")?,
    ) {
        (Some(_), None, None) => NextPage::Link(property("next-link", "string", text_of)?.0),
        (None, Some(_), None) => NextPage::Token {
            field: property("next-token", "string", text_of)?.0,
            param: parameter("token-parameter", "string", &[Scalar::String])?,
        },
        (None, None, Some(_)) => {
            NextPage::Offset(parameter("offset-parameter", "integer", INTEGERS)?)
        }
        _ => {
            return fail(format!(
            "`{PAGINATION}` needs exactly one of `next-link`, `next-token` or `offset-parameter`"
        ))
        }
    };
    Ok(Pagination { items, item, next })
}
