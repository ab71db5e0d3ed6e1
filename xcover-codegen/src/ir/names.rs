//! Rust identifiers from OpenAPI names: case conversion, keywords, characters that are not
//! allowed, and distinct names for things that collide after conversion.

use std::collections::{BTreeSet, HashSet};

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
    let name = if is_plain_camel(raw) {
        raw.to_string()
    } else {
        words(raw).to_upper_camel_case()
    };
    if name.is_empty() {
        empty.to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// Whether heck would give `raw` back unchanged as `UpperCamelCase`: ASCII letters and
/// digits, an uppercase letter first, and every other uppercase letter right after a lowercase
/// one (heck lowercases the rest of a word: `B2B` becomes `B2b`). Most schema names are;
/// skipping heck for them saves a good part of building the IR.
fn is_plain_camel(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes.iter().all(u8::is_ascii_alphanumeric)
        && bytes
            .windows(2)
            .all(|pair| !pair[1].is_ascii_uppercase() || pair[0].is_ascii_lowercase())
}

/// Whether heck would give `raw` back unchanged as `snake_case`: lowercase ASCII words of
/// letters and digits, a letter first, joined by single underscores. Most field names are.
fn is_plain_snake(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_lowercase)
        && !raw.ends_with('_')
        && !raw.contains("__")
        && bytes
            .iter()
            .all(|&byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_')
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

/// A variant's name without the enum's name around it: `EventTicketProtection` in
/// `PolicyRequest` rather than `EventTicketProtectionPolicyRequest`. Kept whole when nothing,
/// or no name that starts with a letter, would be left.
pub fn without_stutter(variant: String, enum_name: &str) -> String {
    let rest = variant
        .strip_suffix(enum_name)
        .or_else(|| variant.strip_prefix(enum_name))
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
    match rest {
        Some(rest) if rest != "Self" => rest.to_string(),
        _ => variant,
    }
}

/// A `snake_case` name for a field, a function or a parameter.
pub fn snake_name(raw: &str) -> String {
    let name = if is_plain_snake(raw) {
        raw.to_string()
    } else {
        words(raw).to_snake_case()
    };
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

/// The `n`th name for `name` (`Pet2`), set off by `_` when `name` ends with a digit (`V1_2`).
fn numbered(name: &str, n: u32) -> String {
    if name.ends_with(|c: char| c.is_ascii_digit()) {
        format!("{name}_{n}")
    } else {
        format!("{name}{n}")
    }
}

/// Distinct names for things that may want the same one, whatever order they come in: of
/// those wanting one name, the first by `key` keeps it and the others get the first free of
/// `2`, `3`, … in `key` order. A suffixed name never takes a name another thing wants, nor a
/// `reserved` one, so what a thing is called depends only on the things that want its name.
/// Gives the new name of each thing that does not keep the one it wants.
pub fn settle<K: Ord>(wanted: &[(&str, K)], reserved: &[&str]) -> Vec<Option<String>> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_unstable_by(|&a, &b| (wanted[a].0, &wanted[a].1).cmp(&(wanted[b].0, &wanted[b].1)));
    let all: HashSet<&str> = wanted.iter().map(|(name, _)| *name).collect();
    let mut claimed: HashSet<String> = HashSet::new();
    let mut renamed = vec![None; wanted.len()];
    let mut previous: Option<&str> = None;
    for index in order {
        let name = wanted[index].0;
        let first = previous != Some(name);
        previous = Some(name);
        if first && !reserved.contains(&name) {
            continue;
        }
        renamed[index] = (2..).map(|n| numbered(name, n)).find(|candidate| {
            !all.contains(candidate.as_str())
                && !reserved.contains(&candidate.as_str())
                && claimed.insert(candidate.clone())
        });
    }
    renamed
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
        (2..)
            .map(|n| numbered(&name, n))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key and short string of the XCover specs and the public specs beside them.
    fn spec_strings() -> Vec<String> {
        fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, child) in map {
                        out.push(key.clone());
                        collect(child, out);
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|item| collect(item, out)),
                serde_json::Value::String(text) if text.len() <= 64 => out.push(text.clone()),
                _ => {}
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files: Vec<std::path::PathBuf> = ["spec", "../shared/specs"]
            .iter()
            .filter_map(|dir| std::fs::read_dir(root.join(dir)).ok())
            .flatten()
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| {
                path.extension().is_some_and(|ext| {
                    ["yaml", "yml", "json"].contains(&ext.to_str().unwrap_or(""))
                })
            })
            .collect();
        files.sort();
        let mut strings = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable");
            let value: serde_json::Value = serde_yaml::from_str(&text).expect("parses");
            collect(&value, &mut strings);
        }
        strings.extend(
            [
                "line2",
                "address_line_2",
                "V2beta",
                "Quote2Package",
                "a1_b2",
                "AbC",
                "X",
            ]
            .map(String::from),
        );
        strings
    }

    #[test]
    fn names_heck_would_leave_unchanged_skip_heck_with_the_same_result() {
        let strings = spec_strings();
        assert!(strings.len() > 10_000, "the specs were not found");
        let (mut camel, mut snake) = (0, 0);
        for raw in &strings {
            if is_plain_camel(raw) {
                camel += 1;
                assert_eq!(&words(raw).to_upper_camel_case(), raw);
            }
            if is_plain_snake(raw) {
                snake += 1;
                assert_eq!(&words(raw).to_snake_case(), raw);
            }
        }
        assert!(
            camel > 1_000 && snake > 1_000,
            "{camel} camel, {snake} snake"
        );
        assert!(is_plain_camel("QuotePackage") && is_plain_snake("quote_package_id"));
        assert!(!is_plain_camel("HTTPResponse") && !is_plain_snake("quoteId"));
        assert!(!is_plain_camel("B2B") && !is_plain_camel("X509V3"));
    }

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
    fn variants_do_not_repeat_the_enum_name() {
        let strip = |variant: &str, name: &str| without_stutter(variant.to_string(), name);
        assert_eq!(
            strip("EventTicketProtectionPolicyRequest", "PolicyRequest"),
            "EventTicketProtection"
        );
        assert_eq!(strip("PetCat", "Pet"), "Cat");
        assert_eq!(strip("PolicyRequest", "PolicyRequest"), "PolicyRequest");
        assert_eq!(strip("Pet2", "Pet"), "Pet2");
        assert_eq!(strip("Carpet", "Pet"), "Carpet");
        assert_eq!(strip("SelfPet", "Pet"), "SelfPet");
    }

    #[test]
    fn settled_names_do_not_depend_on_order_or_on_unrelated_names() {
        let settled = |wanted: &[(&str, u8)], reserved: &[&str]| -> Vec<String> {
            settle(wanted, reserved)
                .into_iter()
                .zip(wanted)
                .map(|(renamed, (name, _))| renamed.unwrap_or_else(|| name.to_string()))
                .collect()
        };
        let first = settled(&[("Pet", 1), ("Pet", 0), ("Pet2", 0)], &[]);
        assert_eq!(first, ["Pet3", "Pet", "Pet2"]);
        let reordered = settled(&[("Pet2", 0), ("Pet", 0), ("Pet", 1)], &[]);
        assert_eq!(reordered, ["Pet2", "Pet", "Pet3"]);
        let more = settled(&[("Pet", 0), ("Owner", 0), ("Pet", 1)], &[]);
        assert_eq!(more, ["Pet", "Owner", "Pet2"]);
        assert_eq!(settled(&[("Error", 0)], &["Error"]), ["Error2"]);
        assert_eq!(settled(&[("V1", 0), ("V1", 1)], &[]), ["V1", "V1_2"]);
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
