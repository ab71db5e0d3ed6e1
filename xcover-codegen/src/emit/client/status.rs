//! The `match` on a response's status, written as `ir/operations/arms.rs` planned it.

use syn::{BinOp, Expr, Pat};

use super::super::rust_types::{ident, TypeWriter};
use super::super::syntax::{
    binary, binding, call_path, closure, integer, join, literal_pattern, local, match_arm, method,
    or_pattern, path_expr, range_pattern, unit_pattern, wild_pattern, word,
};
use crate::ir::operations::arms::StatusPattern;
use crate::ir::operations::{Arm, Operation, ResponseBody};
use crate::ir::types::TypeRef;

/// The `match` arms on the status, as the IR planned them.
pub(super) fn status_arms(operation: &Operation, writer: TypeWriter<'_>) -> Vec<syn::Arm> {
    operation
        .status_arms
        .iter()
        .map(|status_arm| {
            let (pattern, guard) = pattern_syntax(&status_arm.pattern);
            let arm = &operation.arms[status_arm.arm];
            match_arm(pattern, guard, arm_outcome(operation, arm, writer))
        })
        .collect()
}

/// A status pattern, and its guard if it has one.
fn pattern_syntax(pattern: &StatusPattern) -> (Pat, Option<Expr>) {
    match pattern {
        StatusPattern::Spans(spans) => {
            let cases = spans
                .iter()
                .map(|&(start, end)| {
                    if start == end {
                        literal_pattern(start)
                    } else {
                        range_pattern(start, end)
                    }
                })
                .collect();
            (or_pattern(cases), None)
        }
        StatusPattern::Class(class) => {
            let hundreds = binary(
                local("status"),
                BinOp::Div(Default::default()),
                integer(100u16),
            );
            let guard = binary(hundreds, BinOp::Eq(Default::default()), integer(*class));
            (binding(word("status")), Some(guard))
        }
        StatusPattern::Any => (wild_pattern(), None),
    }
}

fn arm_outcome(operation: &Operation, arm: &Arm, writer: TypeWriter<'_>) -> Expr {
    let enum_type = if arm.success {
        &operation.success
    } else {
        &operation.failure
    };
    let decode = |how: &str| method(local("raw"), how, []);
    // The IR gives a variant only to a status whose side is a generated enum.
    let wrap = match (&arm.variant, enum_type) {
        (Some(variant), TypeRef::Named(id)) => {
            Some(path_expr(join(writer.named(*id), ident(variant))))
        }
        _ => None,
    };
    let ok = |value: Expr| call_path(&["Ok"], [value]);
    let response = match (&arm.body, wrap) {
        (ResponseBody::Json(_), None) => decode("json"),
        (ResponseBody::Json(_), Some(wrap)) => {
            let rewrap = closure(
                [binding(word("response"))],
                method(local("response"), "map", [wrap]),
            );
            method(decode("json"), "map", [rewrap])
        }
        (ResponseBody::Text, None) => ok(decode("text")),
        (ResponseBody::Text, Some(wrap)) => ok(method(decode("text"), "map", [wrap])),
        (ResponseBody::Bytes, None) => ok(decode("bytes")),
        (ResponseBody::Bytes, Some(wrap)) => ok(method(decode("bytes"), "map", [wrap])),
        (ResponseBody::Empty, None) => ok(decode("empty")),
        (ResponseBody::Empty, Some(wrap)) => ok(method(
            decode("empty"),
            "map",
            [closure([unit_pattern()], wrap)],
        )),
    };
    if arm.success {
        response
    } else {
        call_path(&["runtime", "failure"], [response])
    }
}
