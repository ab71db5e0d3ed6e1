//! The `match` on a response's status: arms planned from the IR, grouped where they share an
//! outcome.

use syn::{BinOp, Expr, Pat};

use super::super::rust_types::{ident, TypeWriter};
use super::super::syntax::{
    binary, binding, call_path, closure, integer, join, literal_pattern, local, match_arm, method,
    or_pattern, path_expr, range_pattern, unit_pattern, wild_pattern, word,
};
use crate::ir::operations::{Arm, Operation, ResponseBody, StatusMatch};
use crate::ir::types::TypeRef;

/// The `match` arms on the status. A status class (`4XX`, or the 2xx of `default`) is a range
/// when no listed code falls in it and a guard otherwise, since a range overlapping a listed
/// code is a clippy warning. Neighbouring arms with the same outcome share one arm
/// (`400 | 401 | 422 => …`, `400..=599 => …`).
pub(super) fn status_arms(operation: &Operation, writer: TypeWriter<'_>) -> Vec<syn::Arm> {
    let mut grouped: Vec<(StatusPattern, &Arm)> = Vec::new();
    for arm in &operation.arms {
        let pattern = StatusPattern::of(operation, &arm.status);
        let absorbed = grouped.last_mut().is_some_and(|(previous, previous_arm)| {
            same_outcome(previous_arm, arm) && previous.absorb(&pattern)
        });
        if !absorbed {
            grouped.push((pattern, arm));
        }
    }
    grouped
        .into_iter()
        .map(|(pattern, status_arm)| {
            let (pattern, guard) = pattern.syntax();
            match_arm(pattern, guard, arm_outcome(operation, status_arm, writer))
        })
        .collect()
}

/// Whether two arms of one operation have the same [`arm_outcome`]: it depends on the side,
/// the variant and how the body is decoded, not on the body's type.
fn same_outcome(a: &Arm, b: &Arm) -> bool {
    a.success == b.success
        && a.variant == b.variant
        && std::mem::discriminant(&a.body) == std::mem::discriminant(&b.body)
}

/// The pattern of one `match` arm on the status.
enum StatusPattern {
    /// Codes and ranges of codes, inclusive.
    Spans(Vec<(u16, u16)>),
    /// `status if status / 100 == class`.
    Class(u16),
    /// `_`.
    Any,
}

impl StatusPattern {
    fn of(operation: &Operation, status: &StatusMatch) -> Self {
        let class_pattern = |class: u16| {
            let overlaps = operation.arms.iter().any(|arm| match arm.status {
                StatusMatch::Code(code) => code / 100 == class,
                StatusMatch::Range(other) => other == class && status != &arm.status,
                _ => false,
            });
            if overlaps {
                StatusPattern::Class(class)
            } else {
                StatusPattern::Spans(vec![(class * 100, class * 100 + 99)])
            }
        };
        match status {
            StatusMatch::Code(code) => StatusPattern::Spans(vec![(*code, *code)]),
            StatusMatch::Range(class) => class_pattern(*class),
            StatusMatch::DefaultSuccess => class_pattern(2),
            StatusMatch::DefaultFailure => StatusPattern::Any,
        }
    }

    /// Adds `next`'s statuses to this pattern when both are lists of codes and ranges; two
    /// ranges that meet become one.
    fn absorb(&mut self, next: &StatusPattern) -> bool {
        let (StatusPattern::Spans(spans), StatusPattern::Spans(next)) = (self, next) else {
            return false;
        };
        for &(start, end) in next {
            match spans.last_mut() {
                Some((last_start, last_end))
                    if *last_start < *last_end && start < end && *last_end + 1 == start =>
                {
                    *last_end = end;
                }
                _ => spans.push((start, end)),
            }
        }
        true
    }

    /// The pattern, and its guard if it has one.
    fn syntax(&self) -> (Pat, Option<Expr>) {
        match self {
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
