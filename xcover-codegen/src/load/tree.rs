//! Text (YAML or JSON) → a JSON tree, refusing what the tree would silently lose: a key given
//! twice in one mapping (the last one would win) and an integer beyond 64 bits.
//!
//! Built in the same single pass as `serde_json::Value`'s own `Deserialize`, so the check
//! costs nothing but a look at what inserting the key gives back. On failure the text is
//! parsed again with a [`Trail`] that follows the path, to name the place.

use std::cell::RefCell;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::diagnostics::Pointer;

/// Parses YAML text (JSON is YAML).
pub(super) fn from_yaml<T: Trail>(text: &str, trail: T) -> Result<Value, serde_yaml::Error> {
    Tree(trail).deserialize(serde_yaml::Deserializer::from_str(text))
}

/// Parses JSON text.
pub(super) fn from_json<T: Trail>(text: &str, trail: T) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Tree(trail).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// What the tree refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Refusal {
    /// The node: the repeated key, or the integer.
    pub pointer: Pointer,
    /// Whether the pointer names a key given a second time (its place is that of the key).
    pub repeated_key: bool,
    pub message: String,
}

/// Follows the path while the tree is built; `()` follows nothing and costs nothing.
pub(super) trait Trail: Copy {
    fn enter(self, token: Token<'_>);
    fn leave(self);
    fn refuse(self, refusal: impl FnOnce(Pointer) -> Refusal);
    /// Whether an integer beyond 64 bits may stand here as the nearest float (recording where).
    fn approximate(self) -> bool;
}

#[derive(Clone, Copy)]
pub(super) enum Token<'a> {
    Key(&'a str),
    Index(usize),
}

impl Trail for () {
    #[inline(always)]
    fn enter(self, _: Token<'_>) {}
    #[inline(always)]
    fn leave(self) {}
    #[inline(always)]
    fn refuse(self, _: impl FnOnce(Pointer) -> Refusal) {}
    #[inline(always)]
    fn approximate(self) -> bool {
        false
    }
}

/// The path to the node being built, and the first refusal.
#[derive(Default)]
pub(super) struct Tracked {
    path: RefCell<Vec<Pointer>>,
    pub refusal: RefCell<Option<Refusal>>,
    /// Reads an integer beyond 64 bits as the nearest float where OpenAPI 3.1 lets one stand:
    /// a bound, `multipleOf`, or data (`default`, `example(s)`, `enum`, `const`).
    lenient: bool,
    /// Where it did.
    pub approximated: RefCell<Vec<Pointer>>,
}

/// Keywords whose value is a number that may be beyond 64 bits.
const NUMBER_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// Keywords whose value is data, where any number may stand.
const DATA_KEYWORDS: &[&str] = &["default", "example", "examples", "enum", "const"];

impl Tracked {
    /// A trail that reads integers beyond 64 bits as floats where 3.1 lets them stand.
    pub(super) fn lenient() -> Self {
        Tracked {
            lenient: true,
            ..Tracked::default()
        }
    }
}

impl Trail for &Tracked {
    fn enter(self, token: Token<'_>) {
        let mut path = self.path.borrow_mut();
        let here = path.last().cloned().unwrap_or_default();
        path.push(match token {
            Token::Key(key) => here.join(key),
            Token::Index(index) => here.join(index.to_string()),
        });
    }

    fn leave(self) {
        self.path.borrow_mut().pop();
    }

    fn refuse(self, refusal: impl FnOnce(Pointer) -> Refusal) {
        let here = self.path.borrow().last().cloned().unwrap_or_default();
        self.refusal
            .borrow_mut()
            .get_or_insert_with(|| refusal(here));
    }

    fn approximate(self) -> bool {
        if !self.lenient {
            return false;
        }
        let here = self.path.borrow().last().cloned().unwrap_or_default();
        let tokens: Vec<_> = here.tokens().collect();
        let allowed = tokens
            .last()
            .is_some_and(|last| NUMBER_KEYWORDS.contains(&last.as_ref()))
            || tokens
                .iter()
                .any(|token| DATA_KEYWORDS.contains(&token.as_ref()));
        if allowed {
            self.approximated.borrow_mut().push(here);
        }
        allowed
    }
}

#[derive(Clone, Copy)]
struct Tree<T>(T);

impl<'de, T: Trail> DeserializeSeed<'de> for Tree<T> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<T: Trail> Tree<T> {
    fn too_big<E: de::Error>(self, number: impl std::fmt::Display) -> E {
        let message = format!(
            "the integer {number} does not fit in 64 bits (write it as a string, or as a decimal like 1.0e20)"
        );
        self.0.refuse(|pointer| Refusal {
            pointer,
            repeated_key: false,
            message: message.clone(),
        });
        E::custom(message)
    }
}

impl<'de, T: Trail> Visitor<'de> for Tree<T> {
    type Value = Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("any YAML or JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Value, E> {
        match (i64::try_from(value), u64::try_from(value)) {
            (Ok(value), _) => Ok(Value::Number(value.into())),
            (_, Ok(value)) => Ok(Value::Number(value.into())),
            _ if self.0.approximate() => self.visit_f64(value as f64),
            _ => Err(self.too_big(value)),
        }
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Value, E> {
        match u64::try_from(value) {
            Ok(value) => Ok(Value::Number(value.into())),
            Err(_) if self.0.approximate() => self.visit_f64(value as f64),
            Err(_) => Err(self.too_big(value)),
        }
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        loop {
            self.0.enter(Token::Index(items.len()));
            let Some(item) = seq.next_element_seed(self)? else {
                self.0.leave();
                return Ok(Value::Array(items));
            };
            self.0.leave();
            items.push(item);
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            self.0.enter(Token::Key(&key));
            let value = access.next_value_seed(self)?;
            // As `serde_json::Value` does it: what the insert gives back tells of a repeat.
            if map.insert(key, value).is_some() {
                self.0.refuse(|pointer| {
                    let key = pointer.tokens().last().unwrap_or_default().into_owned();
                    Refusal {
                        message: format!(
                            "the key `{key}` is given twice in this mapping (a key may appear once)"
                        ),
                        pointer,
                        repeated_key: true,
                    }
                });
                return Err(de::Error::custom("a key is given twice in one mapping"));
            }
            self.0.leave();
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(text: &str) -> Refusal {
        let tracked = Tracked::default();
        assert!(from_yaml(text, &tracked).is_err(), "{text}");
        tracked.refusal.into_inner().expect("refused")
    }

    #[test]
    fn a_tree_is_what_serde_json_value_reads() {
        for text in [
            "{\"a\": [1, -2, 3.5, true, null, \"s\", {\"b\": {}}], \"c\": 18446744073709551615}",
            "[]",
            "\"x\"",
        ] {
            let expected: Value = serde_json::from_str(text).unwrap();
            assert_eq!(from_json(text, ()).unwrap(), expected);
            assert_eq!(from_yaml(text, ()).unwrap(), expected);
        }
        let yaml = "a:\n  - 1\n  - -9223372036854775808\n  - ~\n  - 1.0e+400\nb: 'q'\n";
        let expected: Value = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(from_yaml(yaml, ()).unwrap(), expected);
    }

    #[test]
    fn a_key_given_twice_is_refused_where_it_is() {
        assert!(from_yaml("a: 1\na: 2\n", ()).is_err());
        assert!(from_json("{\"a\": 1, \"a\": 2}", ()).is_err());
        assert_eq!(
            refusal("a:\n  - {b: 1}\n  - {c: 1, c: 2}\n"),
            Refusal {
                pointer: Pointer::root().join("a").join("1").join("c"),
                repeated_key: true,
                message: "the key `c` is given twice in this mapping (a key may appear once)"
                    .into(),
            }
        );
    }

    #[test]
    fn an_integer_beyond_64_bits_is_refused_where_it_is() {
        let refusal = refusal("a: {b: [0, 99999999999999999999]}\n");
        assert_eq!(
            refusal.pointer,
            Pointer::root().join("a").join("b").join("1")
        );
        assert!(!refusal.repeated_key);
        assert!(refusal.message.contains("99999999999999999999"));
        assert!(from_yaml("a: -99999999999999999999", ()).is_err());
        assert!(from_yaml("a: -9223372036854775809", ()).is_err());
    }
}
