//! Property test: whatever the document says, `generate_from_str` returns `Ok` or `Err` and
//! never panics, and what it returns as `Ok` parses as Rust.
//!
//! The inputs are real documents mutated by a few edits each: the OAI petstores, the newest
//! XCover spec, and slices of the large public specs (a few paths and the components they
//! reach, so that each case stays fast). The edits are the constructs that break generators:
//! deleted keys, values of the wrong type, dangling and cyclic `$ref`s, recursive schemas,
//! empty path items, `:id` paths, unknown formats, enum values and parameter names that
//! collide once they are identifiers, `default` beside 2xx responses, several media types,
//! absurd numbers and names.
//!
//! OpenAPI 3.1 and 3.2 documents (the XCover document in 3.1 form, and the public ones of
//! `../shared/specs31/`) get the same edits, and JSON Schema 2020-12 and OpenAPI 3.2
//! constructs put anywhere (type lists, null unions, `$defs`, `$id`/`$anchor` references, a
//! null `$ref`, `webhooks`, path-item references, the QUERY method, …).
//!
//! The number of cases is bounded for CI (`PROPTEST_CASES` raises it for a longer hunt). What
//! it finds becomes a named test in `robustness.rs`.

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{json, Map, Value};
use xcover_codegen::{generate_from_str, Settings};

/// Cases per run when `PROPTEST_CASES` is not set: about ten seconds in a debug build.
const DEFAULT_CASES: u32 = 160;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is inside the workspace")
        .to_path_buf()
}

fn read_document(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "cannot read {} ({error}): the public specs are expected at ../shared/specs/ \
             relative to the repository root",
            path.display()
        )
    });
    serde_yaml::from_str(&text)
        .unwrap_or_else(|error| panic!("{} does not parse: {error}", path.display()))
}

/// The seed documents, loaded once.
fn seeds() -> &'static [Value] {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let shared = repo_root().join("../shared/specs");
        let mut seeds = vec![
            read_document(shared.join("OAI__petstore.yaml")),
            read_document(shared.join("OAI__petstore-expanded.yaml")),
            read_document(repo_root().join("spec/xcover-2.152.1.yaml")),
            small_tricky_document(),
        ];
        for (file, slices) in [
            ("bigcommerce__products_catalog.v3.yml", 6),
            ("XeroAPI__xero_accounting.yaml", 6),
            ("openai__openapi.yaml", 10),
            ("oxide__nexus.json", 6),
        ] {
            seeds.extend(slices_of(&read_document(shared.join(file)), slices));
        }
        seeds
    })
}

/// The OpenAPI 3.1 and 3.2 seed documents, loaded once: the XCover document in 3.1 form, the
/// small public 3.1/3.2 documents of `../shared/specs31/` (read from there, never copied),
/// and slices of the large ones.
fn seeds31() -> &'static [Value] {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let shared = repo_root().join("../shared/specs31");
        let mut seeds = vec![read_document(
            repo_root().join("spec/xcover-2.152.1.openapi31.yaml"),
        )];
        for file in [
            "OAI__webhook-example.yaml",
            "OAI__mega.yaml",
            "OAI__3.2-tags-example.yaml",
            "swagger-api__petstore.yaml",
            "bump-sh-examples__openapi.yaml",
            "scalar__galaxy-3.2.yaml",
        ] {
            seeds.push(read_document(shared.join(file)));
        }
        for (file, slices) in [
            ("PrefectHQ__schema.json", 6),
            ("deuxfleurs-org__garage-admin-v2.json", 4),
        ] {
            seeds.extend(slices_of(&read_document(shared.join(file)), slices));
        }
        seeds
    })
}

/// JSON Schema 2020-12 and OpenAPI 3.1/3.2 constructs a 3.1 mutation puts anywhere: a key and
/// its value.
const CONSTRUCTS_31: &[(&str, &str)] = &[
    ("type", "[\"string\", \"null\"]"),
    ("type", "[\"null\"]"),
    ("type", "[]"),
    ("type", "[\"integer\", \"object\", 3]"),
    ("anyOf", "[{\"type\": \"null\"}]"),
    (
        "oneOf",
        "[{\"type\": \"null\"}, {\"$ref\": \"#/components/schemas/Missing\"}]",
    ),
    ("anyOf", "[{\"type\": \"string\"}, {\"type\": \"null\"}, 7]"),
    ("const", "null"),
    ("const", "{\"a\": [1]}"),
    ("exclusiveMinimum", "18446744073709551615"),
    ("exclusiveMaximum", "-1.5"),
    ("examples", "[]"),
    ("examples", "{\"a\": 1}"),
    ("$ref", "null"),
    ("$ref", "\"/nowhere#anchor\""),
    ("$ref", "\"#/$defs/x\""),
    ("$ref", "\"common.yaml#/components/schemas/X\""),
    ("$defs", "{\"x\": {\"$defs\": {\"y\": true}}, \"z\": false}"),
    ("$defs", "7"),
    ("$id", "\"/a/b\""),
    ("$anchor", "\"here\""),
    ("$schema", "\"http://example.com/other\""),
    ("$dynamicRef", "\"#T\""),
    ("prefixItems", "[{\"type\": \"string\"}, true]"),
    ("prefixItems", "{}"),
    ("items", "false"),
    ("contentMediaType", "\"image/png\""),
    ("contentEncoding", "\"base64\""),
    ("patternProperties", "{\"^a\": {\"type\": \"integer\"}}"),
    ("patternProperties", "{\"^a\": 1, \"^b\": {}}"),
    ("propertyNames", "{\"pattern\": \"^x\"}"),
    ("if", "{}"),
    ("unevaluatedProperties", "false"),
    ("dependentRequired", "{\"a\": [\"b\"]}"),
    (
        "webhooks",
        "{\"e\": {\"$ref\": \"#/components/pathItems/P\"}}",
    ),
    ("webhooks", "[]"),
    (
        "pathItems",
        "{\"P\": {\"$ref\": \"#/components/pathItems/P\"}}",
    ),
    ("jsonSchemaDialect", "\"https://example.com/d\""),
    ("query", "{\"responses\": {}}"),
    ("additionalOperations", "{\"COPY\": {}}"),
    ("in", "\"querystring\""),
    ("itemSchema", "{\"type\": \"object\"}"),
    ("openapi", "\"3.2.0\""),
    ("openapi", "\"3.1.1\""),
];

/// Puts a 3.1 construct at the node `edit` picks (or at the root's `components`).
fn apply31(document: &mut Value, edit: &Edit) {
    let mut paths = Vec::new();
    node_paths(document, &mut Vec::new(), &mut paths);
    let path = paths[edit.node % paths.len()].clone();
    let (key, value) = pick(CONSTRUCTS_31, edit.choice);
    let value: Value = serde_json::from_str(value).expect("a construct is JSON");
    for depth in (0..=path.len()).rev() {
        match node_mut(document, &path[..depth]) {
            Value::Object(map) => {
                map.insert(key.to_string(), value);
                return;
            }
            _ => continue,
        }
    }
}

/// A document with the constructs the issue lists, before any mutation.
fn small_tricky_document() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "tricky", "version": "1"},
        "paths": {
            "/partners/{id}": {
                "get": {
                    "operationId": "getPartner",
                    "parameters": [
                        {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                        {"name": "DateCreated", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                        {"name": "DateCreated<", "in": "query", "schema": {"type": "string"}},
                        {"name": "DateCreated>", "in": "query", "schema": {"type": "string"}},
                        {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["ASC", "asc", "+1", "-1"]}}
                    ],
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Partner"}}}},
                        "default": {"description": "error", "content": {"application/json": {"schema": {"type": "object", "properties": {"message": {"type": "string"}}}}}}
                    }
                }
            },
            "/items/:id": {
                "post": {
                    "requestBody": {"content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Partner"}},
                        "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Partner"}}
                    }},
                    "responses": {"204": {"description": "done"}}
                }
            },
            "/empty": {}
        },
        "components": {"schemas": {
            "Partner": {"type": "object", "properties": {
                "name": {"type": "string"},
                "subsidiary": {"$ref": "#/components/schemas/Partner"},
                "amount": {"type": "number", "format": "money", "maximum": 1e300}
            }}
        }}
    })
}

/// `slices` documents of two paths each, spread over the document's paths.
fn slices_of(document: &Value, slices: usize) -> Vec<Value> {
    let count = document["paths"].as_object().map_or(0, Map::len);
    (0..slices)
        .map(|slice| slice_of(document, slice * count / slices, 2))
        .collect()
}

/// `count` paths starting at `first`, and every component they reach.
fn slice_of(document: &Value, first: usize, count: usize) -> Value {
    let paths: Map<String, Value> = document["paths"]
        .as_object()
        .map(|paths| {
            paths
                .iter()
                .skip(first)
                .take(count)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut components = Map::new();
    let mut pending = Vec::new();
    collect_refs(&Value::Object(paths.clone()), &mut pending);
    while let Some(reference) = pending.pop() {
        let Some(rest) = reference.strip_prefix("#/components/") else {
            continue;
        };
        let Some((section, name)) = rest.split_once('/') else {
            continue;
        };
        let entry = components
            .entry(section.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(section_map) = entry.as_object_mut() else {
            continue;
        };
        if section_map.contains_key(name) {
            continue;
        }
        let Some(target) = document["components"][section].get(name) else {
            continue;
        };
        section_map.insert(name.to_string(), target.clone());
        collect_refs(target, &mut pending);
    }
    json!({
        "openapi": document["openapi"],
        "info": document["info"],
        "paths": paths,
        "components": components,
    })
}

fn collect_refs(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("$ref", Value::String(reference)) => into.push(reference.clone()),
                    _ => collect_refs(value, into),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_refs(item, into)),
        _ => {}
    }
}

/// One edit: which node (an index into all nodes), what to do, and a number choosing details.
#[derive(Debug, Clone)]
struct Edit {
    node: usize,
    kind: u8,
    choice: usize,
}

const EDIT_KINDS: u8 = 22;

/// A step from a node to one of its children.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn node_paths(value: &Value, path: &mut Vec<Step>, into: &mut Vec<Vec<Step>>) {
    into.push(path.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(Step::Key(key.clone()));
                node_paths(child, path, into);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(Step::Index(index));
                node_paths(child, path, into);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The node at `path`; where an earlier edit removed it, the deepest node that remains.
fn node_mut<'v>(value: &'v mut Value, path: &[Step]) -> &'v mut Value {
    let Some((step, rest)) = path.split_first() else {
        return value;
    };
    let exists = match (&*value, step) {
        (Value::Object(map), Step::Key(key)) => map.contains_key(key),
        (Value::Array(items), Step::Index(index)) => *index < items.len(),
        _ => false,
    };
    if !exists {
        return value;
    }
    let child = match step {
        Step::Key(key) => &mut value[key.as_str()],
        Step::Index(index) => &mut value[*index],
    };
    node_mut(child, rest)
}

const WEIRD_NAMES: &[&str] = &[
    "",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "_",
    "$ref",
    "+1",
    "-1",
    "ASC",
    "asc",
    "DateCreated<",
    "DateCreated>",
    "1st",
    "ünïcödé",
    "a b",
    "a\nb",
    "a\rb",
    "Option",
    "Client",
    "Response",
    "Error",
    "Unknown",
    "value",
    "body",
    "send",
    "extra",
    "with_http_client",
    "r#x",
    "`tick`",
    "\"quoted\"",
    "{brace}",
    "end\\",
];

const ODD_VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "1e308",
    "-1e308",
    "18446744073709551615",
    "3.5",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "[1, \"a\"]",
    "{\"type\": \"weird\"}",
    "{\"type\": \"null\"}",
    "{\"nullable\": true}",
    "{\"type\": \"string\", \"enum\": []}",
    "{\"type\": \"array\"}",
    "{\"type\": \"object\", \"additionalProperties\": false}",
    "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"integer\"}}",
    "{\"not\": {}}",
    "{\"oneOf\": []}",
    "{\"allOf\": [{}]}",
];

const MEDIA_TYPES: &[&str] = &[
    "application/json",
    "text/plain",
    "application/xml",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "*/*",
    "application/octet-stream",
    "application/vnd.api+json; charset=utf-8",
    "image/*",
];

fn pick<T: Copy>(items: &[T], choice: usize) -> T {
    items[choice % items.len()]
}

fn schema_names(document: &Value) -> Vec<String> {
    document["components"]["schemas"]
        .as_object()
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default()
}

fn apply(document: &mut Value, edit: &Edit) {
    // An earlier edit replaced the whole document: the generator refuses it, and the edits
    // below index into an object.
    if !document.is_object() {
        return;
    }
    let mut paths = Vec::new();
    node_paths(document, &mut Vec::new(), &mut paths);
    let path = paths[edit.node % paths.len()].clone();
    let choice = edit.choice;
    match edit.kind {
        // Delete the node from its parent.
        0 => {
            if let Some((last, parent)) = path.split_last() {
                match (node_mut(document, parent), last) {
                    (Value::Object(map), Step::Key(key)) => {
                        map.shift_remove(key);
                    }
                    (Value::Array(items), Step::Index(index)) if *index < items.len() => {
                        items.remove(*index);
                    }
                    _ => {}
                }
            }
        }
        // A value of another type.
        1 => {
            *node_mut(document, &path) =
                serde_json::from_str(pick(ODD_VALUES, choice)).expect("valid JSON");
        }
        // A dangling or unsupported reference.
        2 => {
            let reference = pick(
                &[
                    "#/components/schemas/Missing",
                    "#/components/parameters/Missing",
                    "#/paths/~1pets",
                    "other.yaml#/components/schemas/Pet",
                    "#/components/schemas/",
                    "",
                ],
                choice,
            );
            *node_mut(document, &path) = json!({ "$ref": reference });
        }
        // A reference to an existing schema (a cycle when the node is inside it).
        3 => {
            let names = schema_names(document);
            if !names.is_empty() {
                let name = &names[choice % names.len()];
                *node_mut(document, &path) =
                    json!({ "$ref": format!("#/components/schemas/{name}") });
            }
        }
        // Schemas that only name each other.
        4 => {
            add_schema(
                document,
                "CycleA",
                json!({"$ref": "#/components/schemas/CycleB"}),
            );
            add_schema(
                document,
                "CycleB",
                json!({"$ref": "#/components/schemas/CycleA"}),
            );
            *node_mut(document, &path) = json!({"$ref": "#/components/schemas/CycleA"});
        }
        // A recursive object, held directly, through a list, a map and an allOf.
        5 => {
            add_schema(
                document,
                "Partner",
                json!({"type": "object", "required": ["subsidiary"], "properties": {
                    "subsidiary": {"$ref": "#/components/schemas/Partner"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Partner"}},
                    "by_name": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Partner"}},
                    "merged": {"allOf": [{"$ref": "#/components/schemas/Partner"}, {"type": "object", "properties": {"x": {"type": "string"}}}]}
                }}),
            );
            *node_mut(document, &path) = json!({"$ref": "#/components/schemas/Partner"});
        }
        // An empty path item, and a path with a `:id` segment.
        6 => {
            if let Some(paths) = document["paths"].as_object_mut() {
                paths.insert(format!("/empty{choice}"), json!({}));
                paths.insert(
                    format!("/things/:id/{{id}}/{{unclosed{choice}"),
                    json!({"get": {"responses": {"200": {"description": "ok"}}}}),
                );
            }
        }
        // Rename the node's key to an odd name.
        7 => {
            if let Some((Step::Key(key), parent)) = path.split_last() {
                if let Value::Object(map) = node_mut(document, parent) {
                    if let Some(value) = map.shift_remove(key) {
                        map.insert(pick(WEIRD_NAMES, choice).to_string(), value);
                    }
                }
            }
        }
        // An unknown or unusual format.
        8 => set_in_object(
            document,
            &path,
            "format",
            json!(pick(
                &[
                    "weird",
                    "int128",
                    "date-time",
                    "uuid",
                    "decimal",
                    "binary",
                    "byte",
                    "",
                    "float"
                ],
                choice
            )),
        ),
        // Enum values that collide once they are identifiers.
        9 => {
            let values = json!([
                "ASC", "asc", "+1", "-1", "", "a b", "1", "Unknown", "self", "a\r\nb", "a", "a",
                null, "`", "Self"
            ]);
            set_in_object(document, &path, "enum", values);
            if choice % 2 == 0 {
                set_in_object(document, &path, "type", json!("string"));
            }
        }
        // Parameters that collide once they are identifiers, in every location.
        10 => {
            let location = pick(&["query", "header", "path", "cookie", "body"], choice);
            let parameters: Vec<Value> = WEIRD_NAMES
                .iter()
                .map(|name| json!({"name": name, "in": location, "schema": {"type": "string"}}))
                .collect();
            set_in_object(document, &path, "parameters", Value::Array(parameters));
        }
        // A `default` response and ranges beside the 2xx ones.
        11 => {
            let response = json!({"description": "d", "content": {"application/json": {"schema": {"type": "object"}}}});
            for status in [
                "default",
                "2XX",
                "5XX",
                pick(&["200", "201", "204", "299", "999"], choice),
            ] {
                set_in_object(document, &path, status, response.clone());
            }
        }
        // Several media types for one body.
        12 => {
            let mut content = Map::new();
            for offset in 0..3 {
                content.insert(
                    pick(MEDIA_TYPES, choice + offset).to_string(),
                    json!({"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}),
                );
            }
            set_in_object(document, &path, "content", Value::Object(content));
        }
        // Absurd numbers in numeric keywords.
        13 => {
            let keyword = pick(
                &[
                    "minimum",
                    "maximum",
                    "maxLength",
                    "minItems",
                    "multipleOf",
                    "default",
                    "example",
                ],
                choice,
            );
            let number: Value = serde_json::from_str(pick(
                &[
                    "1e308",
                    "-1e308",
                    "18446744073709551615",
                    "-9223372036854775808",
                    "0.0000001",
                    "-1",
                ],
                choice / 7,
            ))
            .expect("valid JSON");
            set_in_object(document, &path, keyword, number);
        }
        // Wrap the node in a composition.
        14 => {
            let node = node_mut(document, &path);
            let inner = node.take();
            let other = json!({"type": "object", "properties": {"kind": {"type": "string", "enum": ["a"]}}});
            *node = match choice % 5 {
                0 => json!({"allOf": [inner, other]}),
                1 => json!({"oneOf": [inner, other], "discriminator": {"propertyName": "kind"}}),
                2 => json!({"anyOf": [inner, {"type": "string"}]}),
                3 => json!({"oneOf": [inner, inner], "x-index-keyed-array": true}),
                _ => json!({"type": "array", "items": inner}),
            };
        }
        // Nullability.
        15 => set_in_object(document, &path, "nullable", json!(choice % 2 == 0)),
        // A copy of one node put in place of another.
        16 => {
            let source = paths[choice % paths.len()].clone();
            let copy = node_mut(document, &source).clone();
            *node_mut(document, &path) = copy;
        }
        // An idempotency header of the type a careful author writes, or of a type no key has.
        18 => {
            document["x-idempotency"] =
                json!({"header": "x-idempotency-key", "replay-status": 409});
            let schemas = [
                json!({"type": "string", "format": "uuid"}),
                json!({"type": "integer"}),
                json!({"type": "array", "items": {"type": "string"}}),
                json!({"type": "string"}),
            ];
            let schema = schemas[choice % schemas.len()].clone();
            let header = json!({"name": "X-Idempotency-Key", "in": "header", "schema": schema});
            set_in_object(document, &path, "parameters", json!([header]));
        }
        // A chain of named schemas, each holding the next: short, long, or too long for rustc.
        19 => {
            let length = pick(&[3, 40, 80, 130], choice);
            for link in 0..length {
                add_schema(
                    document,
                    &format!("Link{link}"),
                    json!({"type": "object", "required": if choice % 2 == 0 { json!(["next"]) } else { json!([]) },
                        "properties": {"next": {"$ref": format!("#/components/schemas/Link{}", link + 1)}}}),
                );
            }
            add_schema(
                document,
                &format!("Link{length}"),
                json!({"type": "string"}),
            );
            *node_mut(document, &path) = json!({"$ref": "#/components/schemas/Link0"});
        }
        // Text with line breaks, control characters, quotes and comment ends where the output
        // repeats it: the title, the version, a description.
        20 => {
            let text = pick(
                &[
                    "1.0\npub fn injected() {}",
                    "a\rb\u{7}c",
                    "x\"\nbuild = \"evil.rs\" #",
                    "*/ /* [link] <b> `tick",
                    "\u{2028}\u{85}\t",
                ],
                choice,
            );
            match choice % 3 {
                0 => document["info"]["title"] = json!(text),
                1 => document["info"]["version"] = json!(text),
                _ => set_in_object(document, &path, "description", json!(text)),
            }
        }
        // A property that only travels one way, and is required.
        21 => {
            let flag = pick(&["readOnly", "writeOnly"], choice);
            set_in_object(document, &path, flag, json!(true));
            if let Some((Step::Key(property), parent)) = path.split_last() {
                if parent
                    .last()
                    .is_some_and(|step| matches!(step, Step::Key(key) if key == "properties"))
                {
                    let owner = node_mut(document, &parent[..parent.len() - 1]);
                    if owner.is_object() {
                        owner["required"] = json!([property]);
                    }
                }
            }
        }
        // A `default` for a field, of the right or the wrong type.
        _ => set_in_object(
            document,
            &path,
            "default",
            serde_json::from_str(pick(ODD_VALUES, choice)).expect("valid JSON"),
        ),
    }
}

fn add_schema(document: &mut Value, name: &str, schema: Value) {
    if !document["components"].is_object() {
        document["components"] = json!({});
    }
    if !document["components"]["schemas"].is_object() {
        document["components"]["schemas"] = json!({});
    }
    document["components"]["schemas"][name] = schema;
}

/// Sets `key` on the node, or on its nearest ancestor that is an object.
fn set_in_object(document: &mut Value, path: &[Step], key: &str, value: Value) {
    for depth in (0..=path.len()).rev() {
        if let Value::Object(map) = node_mut(document, &path[..depth]) {
            map.insert(key.to_string(), value);
            return;
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    (any::<usize>(), 0..EDIT_KINDS, any::<usize>()).prop_map(|(node, kind, choice)| Edit {
        node,
        kind,
        choice,
    })
}

/// Generates from `document` (as JSON or YAML text), checking that what comes out parses.
fn check(document: &Value, as_yaml: bool) -> Result<(), TestCaseError> {
    let text = if as_yaml {
        serde_yaml::to_string(document).expect("a JSON value is valid YAML")
    } else {
        serde_json::to_string_pretty(document).expect("a JSON value serializes")
    };
    let settings = Settings {
        client_params: vec!["partner_id".to_string()],
        ..Settings::default()
    };
    if let Ok(generated) = generate_from_str(&text, &settings) {
        for (name, source) in [("types", &generated.types), ("client", &generated.client)] {
            if let Err(error) = syn::parse_file(source) {
                return Err(TestCaseError::fail(format!(
                    "generated {name} module does not parse: {error}"
                )));
            }
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_specs_never_panic(
        seed in any::<usize>(),
        edits in proptest::collection::vec(edit(), 1..6),
        as_yaml in any::<bool>(),
    ) {
        let seeds = seeds();
        let mut document = seeds[seed % seeds.len()].clone();
        for edit in &edits {
            apply(&mut document, edit);
        }
        check(&document, as_yaml)?;
    }

    /// 3.1 and 3.2 documents, mutated by the same edits and by 3.1 constructs put anywhere.
    #[test]
    fn mutated_31_specs_never_panic(
        seed in any::<usize>(),
        edits in proptest::collection::vec(edit(), 0..4),
        constructs in proptest::collection::vec(edit(), 1..4),
        as_yaml in any::<bool>(),
    ) {
        let seeds = seeds31();
        let mut document = seeds[seed % seeds.len()].clone();
        for edit in &edits {
            apply(&mut document, edit);
        }
        for construct in &constructs {
            apply31(&mut document, construct);
        }
        check(&document, as_yaml)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(openapi: 3\\.0\\.0\n)?[ -~\n]{0,200}") {
        let _ = generate_from_str(&text, &Settings::default());
    }
}

#[test]
fn every_31_seed_generates() {
    for (index, seed) in seeds31().iter().enumerate() {
        let text = serde_json::to_string(seed).expect("serializes");
        if let Err(error) = generate_from_str(&text, &Settings::default()) {
            panic!("3.1 seed {index} does not generate: {error}");
        }
    }
}

#[test]
fn every_seed_generates() {
    for (index, seed) in seeds().iter().enumerate() {
        let text = serde_json::to_string(seed).expect("serializes");
        if let Err(error) = generate_from_str(&text, &Settings::default()) {
            panic!("seed {index} does not generate: {error}");
        }
    }
}

/// Mutants that generate compile: the documents of the first [`MUTANTS_TO_COMPILE`] cases of a
/// fixed seed that `generate` accepts, each a crate of one workspace, `cargo check`ed at once
/// (the dependencies build once, in the target directory the other generated crates use).
#[test]
fn mutants_that_generate_compile() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    let strategy = (any::<usize>(), proptest::collection::vec(edit(), 1..4));
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let workspace = repo_root().join("target/generated-crates/mutants");
    let _ = std::fs::remove_dir_all(&workspace);
    let seeds = seeds();
    let mut members = Vec::new();
    for case in 0..MAX_MUTANT_CASES {
        if members.len() == MUTANTS_TO_COMPILE {
            break;
        }
        let (seed, edits) = strategy.new_tree(&mut runner).expect("a case").current();
        // The small seeds only: the large slices take long to compile and add no construct.
        let mut document = seeds[seed % 4].clone();
        for edit in &edits {
            apply(&mut document, edit);
        }
        let settings = Settings {
            client_params: vec!["partner_id".to_string()],
            ..Settings::default()
        };
        let Ok(generated) = generate_from_str(&document.to_string(), &settings) else {
            continue;
        };
        let name = format!("mutant{case}");
        let crate_name = xcover_codegen::CrateName::new(&name).expect("a valid crate name");
        for (path, contents) in generated.crate_files(
            &crate_name,
            &xcover_codegen::RuntimeDependency::path(
                &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../xcover-runtime"),
            ),
        ) {
            let path = workspace.join(&name).join(path);
            std::fs::create_dir_all(path.parent().expect("a file has a parent")).unwrap();
            std::fs::write(&path, contents).unwrap();
        }
        std::fs::write(
            workspace.join(&name).join("edits.txt"),
            format!("seed {}\n{edits:#?}\n", seed % 4),
        )
        .unwrap();
        members.push(format!("{name:?}"));
    }
    assert_eq!(
        members.len(),
        MUTANTS_TO_COMPILE,
        "too few mutants generate"
    );
    std::fs::write(
        workspace.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    std::fs::copy(repo_root().join("Cargo.lock"), workspace.join("Cargo.lock")).unwrap();
    let output =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["check", "--quiet", "--workspace"])
            .current_dir(&workspace)
            .env(
                "CARGO_TARGET_DIR",
                repo_root().join("target/generated-crates/target"),
            )
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs");
    assert!(
        output.status.success(),
        "a mutant that generated does not compile (its edits are in edits.txt beside it):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// How many generated mutants are compiled in CI.
const MUTANTS_TO_COMPILE: usize = 24;
/// Cases tried to find them; most mutants of a small seed generate.
const MAX_MUTANT_CASES: usize = 400;
