//! Decoding helpers the generated types name in serde attributes: lists keyed by index,
//! absent versus `null`, and tagged unions.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

/// A list the API sends either as a JSON array or as an object keyed by index
/// (`{"0": …, "1": …}`); it comes out in index order.
struct IndexKeyed<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for IndexKeyed<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = IndexKeyed<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array, or an object keyed by index")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(IndexKeyed(items))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries: Vec<(String, T)> =
                    Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                // Numeric keys in numeric order; anything else after them, in text order.
                entries.sort_by(
                    |(a, _), (b, _)| match (a.parse::<u64>(), b.parse::<u64>()) {
                        (Ok(a), Ok(b)) => a.cmp(&b),
                        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
                        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
                        (Err(_), Err(_)) => a.cmp(b),
                    },
                );
                Ok(IndexKeyed(
                    entries.into_iter().map(|(_, item)| item).collect(),
                ))
            }
        }

        deserializer.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

/// `deserialize_with` for a list that may arrive keyed by index.
#[doc(hidden)]
pub fn index_keyed<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    IndexKeyed::deserialize(deserializer).map(|list| list.0)
}

/// `deserialize_with` for an optional or nullable list that may arrive keyed by index.
#[doc(hidden)]
pub fn index_keyed_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    Option::<IndexKeyed<T>>::deserialize(deserializer).map(|list| list.map(|list| list.0))
}

/// `deserialize_with` for a field where absent (`None`) and `null` (`Some(None)`) differ.
#[doc(hidden)]
pub fn double_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The discriminator value of a tagged union, read from a buffered JSON value.
#[doc(hidden)]
pub fn tag_of<'a>(value: &'a serde_json::Value, property: &str) -> Option<&'a str> {
    value.get(property).and_then(serde_json::Value::as_str)
}

/// Decodes a buffered JSON value as one variant of a tagged union.
#[doc(hidden)]
pub fn from_value<T: DeserializeOwned, E: serde::de::Error>(
    value: serde_json::Value,
) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}
