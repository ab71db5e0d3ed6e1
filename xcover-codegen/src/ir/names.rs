//! Rust identifiers from OpenAPI names: case conversion, keywords, characters that are not
//! allowed, and distinct names for things that collide after conversion.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be used as identifiers, even raw (`r#self` is not valid).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "extern"];

/// Rust keywords, strict and reserved, in every edition.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names that generated code uses unqualified: a schema must not shadow them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "Iterator",
    "ToString",
    "ToOwned",
    "PartialEq",
    "Eq",
    "Hash",
    "Debug",
    "Serialize",
    "Deserialize",
    "Deserializer",
    "Serializer",
    "Self",
];

/// Splits a name into words, spelling out the signs that carry meaning (`+1` / `-1`).
fn words(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len() + 8);
    for (index, c) in raw.chars().enumerate() {
        match c {
            '+' if index == 0 => text.push_str("plus "),
            '-' if index == 0 => text.push_str("minus "),
            '<' => text.push_str(" lt "),
            '>' => text.push_str(" gt "),
            '=' => text.push_str(" eq "),
            c if c.is_ascii_alphanumeric() => text.push(c),
            _ => text.push(' '),
        }
    }
    text
}

/// `UpperCamelCase` for a type or variant; `prefix` leads names that would start with a digit.
fn camel(raw: &str, prefix: &str, empty: &str) -> String {
    let name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        empty.to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// A type name for a schema or operation name.
pub fn type_name(raw: &str) -> String {
    let name = camel(raw, "Type", "Unnamed");
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    }
}

/// An enum variant name for a value or a schema.
pub fn variant_name(raw: &str) -> String {
    let name = camel(raw, "V", "Empty");
    if name == "Self" {
        "SelfValue".to_string()
    } else {
        name
    }
}

/// A `snake_case` name for a field, a function or a parameter.
pub fn snake_name(raw: &str) -> String {
    let name = words(raw).to_snake_case();
    if name.is_empty() {
        "value".to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{name}")
    } else if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Whether `name` must be written as a raw identifier (`r#type`).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Hands out names that are distinct within one scope, suffixing `2`, `3`, … on collision.
#[derive(Debug, Default, Clone)]
pub struct UniqueNames {
    taken: BTreeSet<String>,
}

impl UniqueNames {
    /// A scope in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        UniqueNames {
            taken: reserved.iter().map(|name| name.to_string()).collect(),
        }
    }

    /// `name` if free, otherwise the first free `name2`, `name3`, …
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let separator = if name.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{name}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_not_identifiers_become_identifiers() {
        assert_eq!(snake_name("self-harm/intent"), "self_harm_intent");
        assert_eq!(snake_name("date_modified:min"), "date_modified_min");
        assert_eq!(snake_name("DateCreated<"), "date_created_lt");
        assert_eq!(snake_name("DateCreated>"), "date_created_gt");
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("1d"), "n1d");
        assert!(is_keyword(&snake_name("type")));
        assert_eq!(variant_name("+1"), "Plus1");
        assert_eq!(variant_name("-1"), "Minus1");
        assert_eq!(variant_name("1year-monthly"), "V1yearMonthly");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(type_name("metaCollection_Full"), "MetaCollectionFull");
        assert_eq!(type_name("Result"), "ResultType");
    }

    #[test]
    fn collisions_get_distinct_names() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim(variant_name("ASC")), "Asc");
        assert_eq!(names.claim(variant_name("asc")), "Asc2");
        assert_eq!(names.claim("V1".into()), "V1");
        assert_eq!(names.claim("V1".into()), "V1_2");
    }
}
