//! Which types travel which way, and what `readOnly` and `writeOnly` make optional.
//!
//! One Rust type stands for a schema wherever the spec uses it, so that the same data is
//! the same type in a request and in a response. A `readOnly` property is not required in a
//! type that callers send (it is an `Option`, left out when `None`), and a `writeOnly` one is
//! not required in a type they receive; where a type only travels one way, its other
//! properties keep what the spec says.

use std::collections::BTreeSet;

use super::operations::{BodyKind, Operation};
use super::reachable;
use super::types::{Access, TypeId, TypeKind, TypeRef};
use super::typespace::TypeSpace;

/// The types callers send (request bodies and parameters, and what they hold) and the types
/// they receive (responses and webhook payloads, and what they hold).
#[derive(Debug, Clone, Default)]
pub struct Directions {
    /// Reachable from a request.
    pub sent: BTreeSet<TypeId>,
    /// Reachable from a response or a webhook payload.
    pub received: BTreeSet<TypeId>,
}

/// Makes optional every required property that the way its type travels never carries, and
/// says which way each type travels.
pub fn apply(
    types: &mut TypeSpace,
    operations: &[Operation],
    webhook_event: Option<TypeId>,
) -> Directions {
    let sent_roots = operations.iter().flat_map(|operation| {
        let body = operation.body.as_ref().and_then(|body| match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form(ty) => Some(ty),
            BodyKind::Multipart | BodyKind::Binary => None,
        });
        let params = operation.query.iter().chain(&operation.headers);
        body.into_iter()
            .chain(params.map(|param| &param.ty))
            .chain(operation.path_params.iter().map(|param| &param.ty))
    });
    let sent = reachable(types, sent_roots);
    let webhooks = webhook_event.map(TypeRef::Named);
    let received_roots = operations
        .iter()
        .flat_map(|operation| [&operation.success, &operation.failure])
        .chain(webhooks.as_ref());
    let received = reachable(types, received_roots);
    for (id, never_carried) in sent
        .iter()
        .map(|id| (*id, Access::ReadOnly))
        .chain(received.iter().map(|id| (*id, Access::WriteOnly)))
    {
        if let TypeKind::Struct(structure) = &mut types.get_mut(id).kind {
            for field in &mut structure.fields {
                if field.access == never_carried {
                    field.required = false;
                }
            }
        }
    }
    Directions { sent, received }
}
