//! The `match` on a response's status, planned: each arm's pattern (a status class is a range
//! when no listed code falls in it and a guard otherwise, since a range overlapping a listed
//! code is a clippy warning), and neighbouring arms with the same outcome grouped into one
//! (`400 | 401 | 422 => …`, `400..=599 => …`).

use super::{Arm, StatusMatch};

/// One arm of the `match` on the status: its pattern and the IR arm whose outcome it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusArm {
    /// The statuses it matches.
    pub pattern: StatusPattern,
    /// Index of the arm (in `Operation::arms`) giving its outcome.
    pub arm: usize,
}

/// The `match` arms for an operation's `arms`, in order.
pub fn plan(arms: &[Arm]) -> Vec<StatusArm> {
    let mut grouped: Vec<StatusArm> = Vec::new();
    for (index, arm) in arms.iter().enumerate() {
        let pattern = StatusPattern::of(arms, &arm.status);
        let absorbed = grouped.last_mut().is_some_and(|previous| {
            same_outcome(&arms[previous.arm], arm) && previous.pattern.absorb(&pattern)
        });
        if !absorbed {
            grouped.push(StatusArm {
                pattern,
                arm: index,
            });
        }
    }
    grouped
}

/// Whether two arms of one operation have the same outcome: it depends on the side, the
/// variant and how the body is decoded, not on the body's type.
fn same_outcome(a: &Arm, b: &Arm) -> bool {
    a.success == b.success
        && a.variant == b.variant
        && std::mem::discriminant(&a.body) == std::mem::discriminant(&b.body)
}

/// The pattern of one `match` arm on the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusPattern {
    /// Codes and ranges of codes, inclusive.
    Spans(Vec<(u16, u16)>),
    /// `status if status / 100 == class`.
    Class(u16),
    /// `_`.
    Any,
}

impl StatusPattern {
    fn of(arms: &[Arm], status: &StatusMatch) -> Self {
        let class_pattern = |class: u16| {
            let overlaps = arms.iter().any(|arm| match arm.status {
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
}
