//! Documents in several files: `$ref`s to other local files are followed relative to the file
//! holding them, and an error or fallback in another file names that file, the pointer into
//! it, and its line and column.

use std::path::{Path, PathBuf};

use xcover_codegen::load::{load_document, load_document_at, load_path};
use xcover_codegen::{Location, Settings, SpecError};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multi-file/api.yaml")
}

/// A fresh directory holding `files` (name, text); the path of the first.
fn write_files(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (file, text) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir.join(files[0].0)
}

/// Loads and generates the document at `path`, its errors located as the CLI locates them.
fn generate_at(path: &Path) -> Result<xcover_codegen::Generated, SpecError> {
    let text = std::fs::read_to_string(path).unwrap();
    load_document_at(&text, path)?
        .generate(&Settings::default())
        .map_err(|error| error.locate_in(&text))
}

fn fallbacks(generated: &xcover_codegen::Generated) -> Vec<String> {
    let fallbacks = &generated.summary.fallbacks;
    fallbacks.iter().map(ToString::to_string).collect()
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

/// A document whose one operation answers with `reference`.
fn answering(head: &str, reference: &str) -> String {
    format!(
        "{head}paths:\n  /x:\n    get:\n      operationId: getX\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '{reference}'}}\n"
    )
}

#[test]
fn a_document_in_three_files_generates_as_one() {
    let generated = generate_at(&fixture()).unwrap_or_else(|error| panic!("{error}"));
    let types = &generated.types;
    for wanted in [
        "pub struct Owner",
        "pub struct Pet",
        "pub id: i64",
        "pub tags: Option<Vec<Tag>>",
        "pub parent: Option<Box<Pet>>",
        "pub struct Tag",
        "pub struct Problem",
    ] {
        assert!(types.contains(wanted), "{wanted} in\n{types}");
    }
    // The parameter and the response copied from common.yaml.
    assert!(generated.client.contains("limit"), "{}", generated.client);
    assert!(generated.client.contains("Error<types::Problem>"));
    assert!(generated.summary.fallbacks.is_empty());
    // load_path follows the references too.
    let document = load_path(&fixture()).unwrap();
    let schemas = &document.components.unwrap().schemas;
    assert_eq!(
        schemas.keys().collect::<Vec<_>>(),
        ["Owner", "Pet", "Tag", "Problem"]
    );
}

#[test]
fn a_document_given_as_text_alone_refuses_a_reference_to_a_file() {
    let text = std::fs::read_to_string(fixture()).unwrap();
    let error = load_document(&text).unwrap_err();
    assert_eq!(
        error.pointer.to_string(),
        "#/paths/~1pets/get/parameters/0/$ref"
    );
    assert_eq!(
        error.location,
        Some(Location {
            line: 8,
            column: 17
        })
    );
    assert!(
        error.message.contains("load the document from its path"),
        "{error}"
    );
}

#[test]
fn an_error_in_another_file_names_that_file_and_its_line() {
    let main = answering(HEAD, "common.yaml#/components/schemas/X");
    let common = "components:\n  schemas:\n    X:\n      type: object\n      properties:\n        a: {type: string, maxLength: -1}\n";
    let path = write_files(
        "multi-file-error",
        &[("main.yaml", &main), ("common.yaml", common)],
    );
    let error = generate_at(&path).unwrap_err();
    assert_eq!(
        error.pointer.to_string(),
        "common.yaml#/components/schemas/X/properties/a/maxLength"
    );
    assert_eq!(error.pointer.file(), Some("common.yaml"));
    assert_eq!(
        error.location,
        Some(Location {
            line: 6,
            column: 38
        })
    );
}

#[test]
fn a_fallback_in_a_nested_file_names_that_file() {
    let main = answering(HEAD, "./schemas/pet.json#/Pet");
    let pet = r#"{"Pet": {"type": "object", "properties": {"tag": {"$ref": "tag.yaml"}}}}"#;
    let tag = "type: object\nproperties:\n  odd: {not: {type: string}}\n";
    let path = write_files(
        "multi-file-fallback",
        &[
            ("main.yaml", &main),
            ("schemas/pet.json", pet),
            ("schemas/tag.yaml", tag),
        ],
    );
    let generated = generate_at(&path).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        fallbacks(&generated),
        ["schemas/tag.yaml#/properties/odd: `not` is not supported: serde_json::Value"]
    );
}

#[test]
fn a_file_that_does_not_parse_is_named_with_its_line() {
    let main = answering(HEAD, "bad.yaml#/X");
    let path = write_files(
        "multi-file-parse",
        &[
            ("main.yaml", &main),
            ("bad.yaml", "X:\n  type: object\n  type: string\n"),
        ],
    );
    let error = generate_at(&path).unwrap_err();
    assert_eq!(error.pointer.to_string(), "bad.yaml#/X/type");
    assert_eq!(error.location, Some(Location { line: 3, column: 3 }));
}

#[test]
fn what_a_reference_cannot_reach_is_a_located_error() {
    for (reference, says) in [
        ("missing.yaml#/X", "cannot read `missing.yaml`"),
        ("other.yaml#/Nope", "`other.yaml` has no `#/Nope`"),
        ("https://example.com/pet.yaml#/Pet", "reads no URL"),
    ] {
        let main = answering(HEAD, reference);
        let path = write_files(
            "multi-file-unreachable",
            &[("main.yaml", &main), ("other.yaml", "X: {type: string}\n")],
        );
        let error = generate_at(&path).unwrap_err();
        assert_eq!(
            error.pointer.to_string(),
            "#/paths/~1x/get/responses/200/content/application~1json/schema/$ref",
            "{reference}"
        );
        assert_eq!(
            error.location,
            Some(Location {
                line: 12,
                column: 30
            }),
            "{reference}"
        );
        assert!(error.message.contains(says), "{error}");
    }
}

#[test]
fn files_that_refer_to_each_other_end_in_an_error_not_a_hang() {
    let main = format!("{HEAD}paths:\n  /x:\n    $ref: 'a.yaml'\n");
    let path = write_files(
        "multi-file-cycle",
        &[
            ("main.yaml", &main),
            ("a.yaml", "$ref: b.yaml\n"),
            ("b.yaml", "$ref: a.yaml\n"),
        ],
    );
    let error = generate_at(&path).unwrap_err();
    assert_eq!(error.pointer.to_string(), "b.yaml#/$ref");
    assert!(error.message.contains("cycle"), "{error}");
    // Schemas in a cycle are hoisted once each; the generator falls back, in their files.
    let main = answering(HEAD, "a.yaml");
    let path = write_files(
        "multi-file-schema-cycle",
        &[
            ("main.yaml", &main),
            ("a.yaml", "$ref: b.yaml\n"),
            ("b.yaml", "$ref: a.yaml\n"),
        ],
    );
    let generated = generate_at(&path).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        fallbacks(&generated),
        [
            "a.yaml#: schema only refers to itself: serde_json::Value",
            "b.yaml#: schema only refers to itself: serde_json::Value"
        ]
    );
}

#[test]
fn a_reference_in_an_extension_is_not_followed() {
    let main = format!(
        "{HEAD}x-docs: {{$ref: './docs/missing.md'}}\npaths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      x-origin: {{$ref: 'nowhere.yaml'}}\n"
    );
    let path = write_files("multi-file-extension", &[("main.yaml", &main)]);
    generate_at(&path).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn a_31_document_refers_to_files_too() {
    let main = answering(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n",
        "pet.yaml",
    );
    let pet = "type: object\nproperties:\n  name: {type: [string, 'null']}\n  owner: {$ref: '#/$defs/Owner'}\n$defs:\n  Owner:\n    type: object\n    properties:\n      big: {not: {}}\n";
    let path = write_files("multi-file-31", &[("main.yaml", &main), ("pet.yaml", pet)]);
    let generated = generate_at(&path).unwrap_or_else(|error| panic!("{error}"));
    assert!(
        generated.types.contains("pub name: Option<String>"),
        "{}",
        generated.types
    );
    assert_eq!(
        fallbacks(&generated),
        ["pet.yaml#/$defs/Owner/properties/big: `not` is not supported: serde_json::Value"]
    );
}
