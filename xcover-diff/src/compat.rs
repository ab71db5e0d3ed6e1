//! Whether the old SDK and the new API still understand each other's values: NEW's values
//! decoded into OLD's types (what the old SDK receives), and OLD's values checked against NEW's
//! schemas (what it sends).

use xcover_codegen::ir::types::{Field, FieldForm, Scalar, TypeId, TypeKind, TypeRef};
use xcover_codegen::ir::Ir;

use crate::pairing::pair_by;
use crate::pairs::Context;

/// How deep unpaired structs are compared field by field: a cycle of types ends there, judged
/// as not fitting.
const MAX_DEPTH: usize = 8;

/// Which way values travel between the old SDK and the new API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    /// The API sends, the old SDK decodes with its `Deserialize`: a string enum keeps any
    /// value (its `Unknown` variant).
    Received,
    /// The old SDK sends, the API validates against NEW's schema.
    Sent,
}

impl Context<'_> {
    /// Whether every value of the sender's type is one the receiver takes: NEW's `new` into
    /// OLD's `old` when received, OLD's `old` into NEW's `new` when sent.
    pub(crate) fn fits(&self, flow: Flow, old: &TypeRef, new: &TypeRef) -> bool {
        self.fits_within(flow, old, new, MAX_DEPTH)
    }

    /// [`Context::fits`], comparing unpaired structs field by field at most `depth` deep.
    fn fits_within(&self, flow: Flow, old: &TypeRef, new: &TypeRef, depth: usize) -> bool {
        let (old, new) = (
            through_aliases(&self.old.ir, old),
            through_aliases(&self.new.ir, new),
        );
        match (old, new) {
            (TypeRef::Boxed(old), new) => self.fits_within(flow, old, new, depth),
            (old, TypeRef::Boxed(new)) => self.fits_within(flow, old, new, depth),
            (TypeRef::Option(old), TypeRef::Option(new)) => self.fits_within(flow, old, new, depth),
            // A `null` where the receiver has no `Option`.
            (TypeRef::Option(old), new) => {
                flow == Flow::Received && self.fits_within(flow, old, new, depth)
            }
            (old, TypeRef::Option(new)) => {
                flow == Flow::Sent && self.fits_within(flow, old, new, depth)
            }
            (
                TypeRef::List(old) | TypeRef::IndexKeyedList(old),
                TypeRef::List(new) | TypeRef::IndexKeyedList(new),
            )
            | (TypeRef::Map(old), TypeRef::Map(new)) => self.fits_within(flow, old, new, depth),
            (TypeRef::Named(old_id), TypeRef::Named(new_id)) => {
                self.partner(*old_id) == Some(*new_id)
                    || self.any_string(flow, old, new)
                    || (depth > 0 && self.structs_fit(flow, *old_id, *new_id, depth - 1))
            }
            (TypeRef::Scalar(old), TypeRef::Scalar(new)) => match flow {
                Flow::Received => takes(*old, *new),
                Flow::Sent => takes(*new, *old),
            },
            _ => self.any_string(flow, old, new),
        }
    }

    /// A string enum and a string: the SDK's enum takes any string, the API's only its values.
    fn any_string(&self, flow: Flow, old: &TypeRef, new: &TypeRef) -> bool {
        let (receiver_ir, receiver, sender_ir, sender) = match flow {
            Flow::Received => (&self.old.ir, old, &self.new.ir, new),
            Flow::Sent => (&self.new.ir, new, &self.old.ir, old),
        };
        let is_enum = |ir: &Ir, ty: &TypeRef| matches!(ty, TypeRef::Named(id) if matches!(ir.types.get(*id).kind, TypeKind::StringEnum(_)));
        let is_string = |ir: &Ir, ty: &TypeRef| ty.is_scalar(Scalar::String) || is_enum(ir, ty);
        let receiver_takes_any = receiver.is_scalar(Scalar::String)
            || receiver.is_scalar(Scalar::Json)
            || (flow == Flow::Received && is_enum(receiver_ir, receiver));
        receiver_takes_any && is_string(sender_ir, sender)
    }

    /// Two structs that are not the same type (an alias became a struct): field by field,
    /// by JSON name. A field only OLD has must be one the old SDK can do without when it
    /// receives; a field only NEW has must not be required when the old SDK sends.
    fn structs_fit(&self, flow: Flow, old: TypeId, new: TypeId, depth: usize) -> bool {
        let (TypeKind::Struct(old), TypeKind::Struct(new)) = (
            &self.old.ir.types.get(old).kind,
            &self.new.ir.types.get(new).kind,
        ) else {
            return false;
        };
        let pairs = pair_by(&old.fields, &new.fields, |field| field.wire.clone());
        let removed_fit = pairs.removed.iter().all(|&index| {
            let field = &old.fields[index];
            flow == Flow::Sent || field.form != FieldForm::Bare || field.spec_default.is_some()
        });
        let added_fit = pairs
            .added
            .iter()
            .all(|&index| flow == Flow::Received || !new.fields[index].required);
        removed_fit
            && added_fit
            && pairs.both.iter().all(|&(old_index, new_index)| {
                self.field_fits_within(flow, &old.fields[old_index], &new.fields[new_index], depth)
            })
    }

    /// Whether an OLD field and its NEW counterpart still understand each other: whether the
    /// value may be absent or `null`, and its type.
    pub(crate) fn field_fits(&self, flow: Flow, old: &Field, new: &Field) -> bool {
        self.field_fits_within(flow, old, new, MAX_DEPTH)
    }

    fn field_fits_within(&self, flow: Flow, old: &Field, new: &Field, depth: usize) -> bool {
        let value = self.fits_within(flow, &old.ty, &new.ty, depth);
        match flow {
            Flow::Received => {
                let tolerates_absent = old.form != FieldForm::Bare || old.spec_default.is_some();
                let tolerates_null = old.form != FieldForm::Bare;
                value && (new.required || tolerates_absent) && (!new.nullable || tolerates_null)
            }
            Flow::Sent => {
                let (may_omit, may_send_null) = match old.form {
                    FieldForm::Bare => (false, false),
                    FieldForm::Option { omitted_when_none } => {
                        (omitted_when_none, !omitted_when_none)
                    }
                    FieldForm::DoubleOption => (true, true),
                };
                value && !(may_omit && new.required) && (!may_send_null || new.nullable)
            }
        }
    }
}

/// Whether a scalar receiver takes every value of a scalar sender.
fn takes(receiver: Scalar, sender: Scalar) -> bool {
    use Scalar::*;
    receiver == sender
        || matches!(
            (receiver, sender),
            (Json, _)
                | (String, Uuid | DateTime | Date | DecimalString)
                | (I64, I32)
                | (F32, I32)
                | (F64, I32 | I64 | F32 | DecimalNumber)
                | (DecimalNumber, I32 | I64 | F32 | F64)
        )
}

/// The type an alias stands for: the same Rust type.
fn through_aliases<'i>(ir: &'i Ir, ty: &'i TypeRef) -> &'i TypeRef {
    match ty {
        TypeRef::Named(id) => match &ir.types.get(*id).kind {
            TypeKind::Alias(target) => through_aliases(ir, target),
            _ => ty,
        },
        _ => ty,
    }
}
