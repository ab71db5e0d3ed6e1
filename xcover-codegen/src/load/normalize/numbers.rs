//! Integers beyond `i64` in the keywords where they are harmless: the bounds and
//! `multipleOf` of an integer schema (which `openapiv3` holds as `i64`) and its `enum` are
//! dropped, its `default` and examples kept but noted (the generated `i64` can't hold them).

use serde_json::{Map, Value};

use super::Ctx;
use crate::diagnostics::Pointer;

/// Whether `value` is an integer that `i64` cannot hold (a `u64` above `i64::MAX`, or a
/// whole float beyond the `i64` range).
fn beyond_i64(value: &Value) -> bool {
    match value {
        Value::Number(number) if number.is_i64() => false,
        Value::Number(number) if number.is_u64() => true,
        Value::Number(number) => number
            .as_f64()
            .is_some_and(|float| float.fract() == 0.0 && !(-9.2e18..=9.2e18).contains(&float)),
        _ => false,
    }
}

/// Drops from an integer schema the bounds no `i64` reaches, and the `enum` values none is,
/// each with a note: the generated type is `i64`, which cannot hold them anyway.
pub(in crate::load) fn check_schema(ctx: &mut Ctx<'_>, map: &mut Map<String, Value>, at: &Pointer) {
    if map.get("type").and_then(Value::as_str) != Some("integer") {
        return;
    }
    for key in ["minimum", "maximum", "multipleOf"] {
        if map.get(key).is_some_and(beyond_i64) {
            let value = map.shift_remove(key).unwrap_or_default();
            ctx.note(
                &at.join(key),
                format!("`{key}: {value}` is beyond the 64-bit integers the type holds: dropped"),
            );
            if key != "multipleOf" {
                let exclusive = if key == "minimum" {
                    "exclusiveMinimum"
                } else {
                    "exclusiveMaximum"
                };
                if map.get(exclusive).is_some_and(Value::is_boolean) {
                    map.shift_remove(exclusive);
                }
            }
        }
    }
    for key in ["default", "example"] {
        if let Some(value) = map.get(key).filter(|value| beyond_i64(value)) {
            ctx.note(
                &at.join(key),
                format!("`{key}: {value}` is beyond the 64-bit integers the type holds: not used"),
            );
        }
    }
    if let Some(Value::Array(values)) = map.get("examples") {
        for (index, value) in values
            .iter()
            .enumerate()
            .filter(|(_, value)| beyond_i64(value))
        {
            ctx.note(
                &at.join("examples").join(index.to_string()),
                format!("the example {value} is beyond the 64-bit integers the type holds"),
            );
        }
    }
    if let Some(Value::Array(values)) = map.get_mut("enum") {
        let enum_at = at.join("enum");
        let mut index = 0;
        let mut dropped = Vec::new();
        values.retain(|value| {
            let keep = !beyond_i64(value);
            if !keep {
                dropped.push((index, value.clone()));
            }
            index += 1;
            keep
        });
        for (index, value) in dropped {
            ctx.note(
                &enum_at.join(index.to_string()),
                format!(
                    "the enum value {value} is beyond the 64-bit integers the type holds: left out"
                ),
            );
        }
    }
}
