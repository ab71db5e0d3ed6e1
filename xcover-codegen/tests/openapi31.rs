//! OpenAPI 3.1 and 3.2 documents: each construct is rewritten into its 3.0 equivalent (the
//! same generated code as the 3.0 document that means the same), and every error and fallback
//! points into the original document.

use xcover_codegen::load::load_document;
use xcover_codegen::{generate_from_str, Generated, Location, Settings};

fn generate(text: &str) -> Generated {
    generate_from_str(text, &Settings::default()).unwrap_or_else(|error| panic!("{error}\n{text}"))
}

fn fallbacks(generated: &Generated) -> Vec<String> {
    generated
        .summary
        .fallbacks
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Whether a fallback is at `pointer` and says `says`.
fn has_fallback(generated: &Generated, pointer: &str, says: &str) -> bool {
    generated
        .summary
        .fallbacks
        .iter()
        .any(|fallback| fallback.pointer.to_string() == pointer && fallback.message.contains(says))
}

const HEAD30: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";
const HEAD31: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

/// One operation answering with `Thing`, and these component schemas.
fn with_schemas(head: &str, schemas: &str) -> String {
    format!(
        "{head}paths:\n  /thing:\n    get:\n      operationId: getThing\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Thing'}}\ncomponents:\n  schemas:\n{schemas}"
    )
}

#[test]
fn schema_keywords_of_31_generate_the_code_of_their_30_equivalents() {
    let schemas30 = "    Other: {type: object, properties: {a: {type: string}}}
    Thing:
      type: object
      required: [kind, maybe_text]
      properties:
        maybe_text: {type: string, nullable: true}
        maybe_other: {allOf: [{$ref: '#/components/schemas/Other'}], nullable: true}
        maybe_inline: {type: integer, format: int64, nullable: true}
        one_of_null: {allOf: [{$ref: '#/components/schemas/Other'}], nullable: true}
        union: {nullable: true, oneOf: [{type: string}, {type: integer}]}
        kind: {type: string, enum: [thing]}
        count: {type: integer, minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true}
        sample: {type: string, example: abc}
        described: {allOf: [{$ref: '#/components/schemas/Other'}], description: A described other.}
        defaulted: {allOf: [{$ref: '#/components/schemas/Other'}], default: {a: x}}
        blob: {type: string, format: binary}
        encoded: {type: string, format: byte}
        pair: {type: array, items: {type: string}}
        anything: {}
        number: {type: number}
";
    let schemas31 = "    Other: {type: object, properties: {a: {type: string}}}
    Thing:
      type: object
      required: [kind, maybe_text]
      properties:
        maybe_text: {type: [string, 'null']}
        maybe_other: {anyOf: [{$ref: '#/components/schemas/Other'}, {type: 'null'}]}
        maybe_inline: {anyOf: [{type: integer, format: int64}, {type: 'null'}]}
        one_of_null: {oneOf: [{type: 'null'}, {$ref: '#/components/schemas/Other'}]}
        union: {oneOf: [{type: string}, {type: 'null'}, {type: integer}]}
        kind: {type: string, const: thing}
        count: {type: integer, exclusiveMinimum: 0, exclusiveMaximum: 10}
        sample: {type: string, examples: [abc, def]}
        described: {$ref: '#/components/schemas/Other', description: A described other.}
        defaulted: {$ref: '#/components/schemas/Other', default: {a: x}}
        blob: {type: string, contentMediaType: application/octet-stream}
        encoded: {type: string, contentEncoding: base64}
        pair: {type: array, prefixItems: [{type: string}, {type: string}], items: false}
        anything: true
        number: {type: [integer, number]}
";
    let from30 = generate(&with_schemas(HEAD30, schemas30));
    let from31 = generate(&with_schemas(HEAD31, schemas31));
    assert_eq!(from30.types, from31.types);
    assert_eq!(from30.client, from31.client);
    assert_eq!(fallbacks(&from31), Vec::<String>::new());
    // And the comparison can fail: a type list without null is not nullable.
    let changed = schemas31.replace("{type: [string, 'null']}", "{type: [string]}");
    assert_ne!(
        from30.types,
        generate(&with_schemas(HEAD31, &changed)).types
    );
}

#[test]
fn a_decoding_error_points_into_the_original_document() {
    let text = with_schemas(
        HEAD31,
        "    Thing:\n      type: object\n      properties:\n        name:\n          anyOf:\n            - {type: string, maxLength: -1}\n            - {type: 'null'}\n",
    );
    let error = generate_from_str(&text, &Settings::default()).unwrap_err();
    assert_eq!(
        error.pointer.to_string(),
        "#/components/schemas/Thing/properties/name/anyOf/0/maxLength"
    );
    assert_eq!(
        error.location,
        Some(Location {
            line: 20,
            column: 41
        })
    );
}

#[test]
fn an_error_in_a_webhook_points_at_webhooks_not_x_webhooks() {
    let text = format!(
        "{HEAD31}webhooks:\n  created:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{type: object, properties: {{n: {{type: string, minLength: -3}}}}}}\n      responses: {{'200': {{description: ok}}}}\n"
    );
    let error = generate_from_str(&text, &Settings::default()).unwrap_err();
    assert_eq!(
        error.pointer.to_string(),
        "#/webhooks/created/post/requestBody/content/application~1json/schema/properties/n/minLength"
    );
    assert_eq!(error.location.map(|location| location.line), Some(9));
}

#[test]
fn webhooks_give_the_types_x_webhooks_gives() {
    let body = "    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              required: [event]\n              properties:\n                event: {type: string, enum: [thing.created]}\n                id: {type: string}\n      responses: {'200': {description: ok}}\n";
    let text30 = format!("{HEAD30}paths: {{}}\nx-webhooks:\n  thing.created:\n{body}");
    let text31 = format!(
        "{HEAD31}webhooks:\n  thing.created:\n{}",
        body.replace("enum: [thing.created]", "const: thing.created")
    );
    let (from30, from31) = (generate(&text30), generate(&text31));
    assert!(from30.types.contains("WebhookEvent"), "{}", from30.types);
    assert_eq!(from30.types, from31.types);
}

#[test]
fn path_item_references_and_components_path_items_are_followed() {
    let text = format!(
        "{HEAD31}paths:\n  /a:\n    $ref: '#/components/pathItems/A'\n    description: A, described here.\ncomponents:\n  pathItems:\n    A:\n      get:\n        operationId: getA\n        responses:\n          '200':\n            description: ok\n            content:\n              application/json:\n                schema: {{type: object, properties: {{x: {{not: {{type: string}}}}}}}}\n"
    );
    let generated = generate(&text);
    assert!(
        generated.client.contains("fn get_a"),
        "{}",
        generated.client
    );
    // A fallback inside the copied path item points at the path item where it is written.
    assert!(
        has_fallback(
            &generated,
            "#/components/pathItems/A/get/responses/200/content/application~1json/schema/properties/x",
            ""
        ),
        "{:?}",
        fallbacks(&generated)
    );
}

#[test]
fn a_document_without_paths_and_an_operation_without_responses_load() {
    let generated = generate(&format!(
        "{HEAD31}components:\n  schemas:\n    A: {{type: object, properties: {{a: {{type: string}}}}}}\n"
    ));
    assert_eq!(generated.summary.operations, 0);
    let generated = generate(&format!(
        "{HEAD31}paths:\n  /a:\n    get:\n      operationId: getA\n"
    ));
    assert_eq!(generated.summary.operations, 1);
    assert!(has_fallback(
        &generated,
        "#/paths/~1a/get",
        "without `responses`"
    ));
}

#[test]
fn defs_are_hoisted_with_stable_names_and_errors_point_into_them() {
    let schemas = "    Thing:\n      type: object\n      properties:\n        inner: {$ref: '#/components/schemas/Thing/$defs/Inner'}\n      $defs:\n        Inner: {type: object, properties: {v: {type: string}, w: {not: {type: string}}}}\n";
    let generated = generate(&with_schemas(HEAD31, schemas));
    assert!(
        generated.types.contains("pub struct ThingInner"),
        "{}",
        generated.types
    );
    assert!(
        has_fallback(
            &generated,
            "#/components/schemas/Thing/$defs/Inner/properties/w",
            ""
        ),
        "{:?}",
        fallbacks(&generated)
    );
    let broken = schemas.replace("{v: {type: string}", "{v: {type: string, maxLength: -1}");
    let error =
        generate_from_str(&with_schemas(HEAD31, &broken), &Settings::default()).unwrap_err();
    assert_eq!(
        error.pointer.to_string(),
        "#/components/schemas/Thing/$defs/Inner/properties/v/maxLength"
    );
    assert_eq!(error.location.map(|location| location.line), Some(20));
}

#[test]
fn id_and_anchor_references_resolve() {
    let schemas = "    Thing:\n      type: object\n      properties:\n        details: {$ref: '/schemas/details'}\n        detail_id: {$ref: '/schemas/details#detail_id'}\n    Details:\n      $id: /schemas/details\n      type: object\n      properties:\n        id: {type: integer, format: int64, $anchor: detail_id}\n";
    let generated = generate(&with_schemas(HEAD31, schemas));
    assert!(
        generated.types.contains("pub details: Option<Details>"),
        "{}",
        generated.types
    );
    assert!(
        generated.types.contains("pub detail_id: Option<i64>"),
        "{}",
        generated.types
    );
}

#[test]
fn a_ref_yaml_reads_as_null_is_a_located_warning() {
    let schemas = "    Thing:\n      type: object\n      properties:\n        other:\n          $ref: #/components/schemas/Other\n";
    let generated = generate(&with_schemas(HEAD31, schemas));
    let warning = generated
        .summary
        .fallbacks
        .iter()
        .find(|fallback| {
            fallback.pointer.to_string() == "#/components/schemas/Thing/properties/other/$ref"
        })
        .unwrap_or_else(|| panic!("{:?}", fallbacks(&generated)));
    assert!(warning.message.contains("line 19, column 15"), "{warning}");
    assert!(warning.message.contains("quote"), "{warning}");
}

#[test]
fn keywords_the_types_do_not_express_are_each_reported() {
    let schemas = "    Thing:
      type: object
      properties:
        a: {type: string}
        b: {type: string}
        tagged: {type: object, patternProperties: {'^x-': {type: integer}}}
        named: {type: object, additionalProperties: {type: string}, propertyNames: {pattern: '^[a-z]+$'}}
        never: false
        tuple: {type: array, prefixItems: [{type: string}, {type: integer}]}
        many: {type: [string, integer]}
      if: {properties: {a: {const: x}}}
      then: {required: [b]}
      else: {required: [a]}
      dependentRequired: {a: [b]}
      dependentSchemas: {b: {required: [a]}}
      unevaluatedProperties: false
      unevaluatedItems: false
";
    let generated = generate(&with_schemas(HEAD31, schemas));
    let at = "#/components/schemas/Thing";
    for (pointer, says) in [
        ("/if", "ignored"),
        ("/then", "ignored"),
        ("/else", "ignored"),
        ("/dependentRequired", "ignored"),
        ("/dependentSchemas", "ignored"),
        ("/unevaluatedProperties", "ignored"),
        ("/unevaluatedItems", "ignored"),
        ("/properties/tagged/patternProperties/^x-", "a map"),
        ("/properties/named/propertyNames", "not checked"),
        ("/properties/never", "`false`"),
        ("/properties/tuple/prefixItems", "tuple"),
        ("/properties/many/type", "several types"),
    ] {
        assert!(
            has_fallback(&generated, &format!("{at}{pointer}"), says),
            "{pointer}: {:?}",
            fallbacks(&generated)
        );
    }
    assert!(
        generated
            .types
            .contains("pub tagged: Option<std::collections::HashMap<String, i64>>")
            || generated.types.contains("HashMap<String, i64>")
            || generated.types.contains("BTreeMap<String, i64>"),
        "{}",
        generated.types
    );
}

#[test]
fn dialects_other_than_the_default_are_located_errors() {
    let ok = format!(
        "{HEAD31}jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base\npaths: {{}}\n"
    );
    generate(&ok);
    let error = generate_from_str(
        &format!("{HEAD31}jsonSchemaDialect: https://example.com/my-dialect\npaths: {{}}\n"),
        &Settings::default(),
    )
    .unwrap_err();
    assert_eq!(error.pointer.to_string(), "#/jsonSchemaDialect");
    assert_eq!(
        error.location,
        Some(Location {
            line: 3,
            column: 20
        })
    );
    let schemas =
        "    Thing:\n      $schema: http://json-schema.org/draft-07/schema#\n      type: object\n";
    let error =
        generate_from_str(&with_schemas(HEAD31, schemas), &Settings::default()).unwrap_err();
    assert_eq!(
        error.pointer.to_string(),
        "#/components/schemas/Thing/$schema"
    );
    assert_eq!(error.location.map(|location| location.line), Some(16));
    let schemas = "    Thing:\n      $schema: https://json-schema.org/draft/2020-12/schema\n      type: object\n";
    generate(&with_schemas(HEAD31, schemas));
}

#[test]
fn integers_beyond_i64_in_harmless_keywords_load_with_a_note() {
    let schemas = "    Thing:\n      type: object\n      properties:\n        big: {type: integer, minimum: 0, maximum: 18446744073709551615, default: 18446744073709551615, example: 18446744073709551615}\n        flags: {type: integer, enum: [1, 18446744073709551615]}\n";
    let generated = generate(&with_schemas(HEAD31, schemas));
    assert!(has_fallback(
        &generated,
        "#/components/schemas/Thing/properties/big/maximum",
        "beyond"
    ));
    assert!(has_fallback(
        &generated,
        "#/components/schemas/Thing/properties/flags/enum/1",
        "beyond"
    ));
}

#[test]
fn integers_beyond_i64_as_a_default_or_example_are_noted() {
    let schemas = "    Thing:\n      type: object\n      properties:\n        big: {type: integer, default: 18446744073709551615, example: 18446744073709551615, examples: [1, 18446744073709551615]}\n";
    let generated = generate(&with_schemas(HEAD31, schemas));
    for pointer in ["default", "example", "examples/1"] {
        assert!(
            has_fallback(
                &generated,
                &format!("#/components/schemas/Thing/properties/big/{pointer}"),
                "beyond"
            ),
            "{pointer}: {:?}",
            fallbacks(&generated)
        );
    }
}

#[test]
fn integers_beyond_64_bits_load_as_floats_where_31_lets_them_stand() {
    let big = "99999999999999999999";
    let schemas = format!(
        "    Thing:\n      type: object\n      properties:\n        ratio: {{type: number, maximum: {big}, default: {big}}}\n        count: {{type: integer, minimum: -{big}, enum: [1, {big}]}}\n"
    );
    let generated = generate(&with_schemas(HEAD31, &schemas));
    for pointer in [
        "ratio/maximum",
        "ratio/default",
        "count/minimum",
        "count/enum/1",
    ] {
        assert!(
            has_fallback(
                &generated,
                &format!("#/components/schemas/Thing/properties/{pointer}"),
                "beyond 64 bits"
            ),
            "{pointer}: {:?}",
            fallbacks(&generated)
        );
    }
    // Anywhere else, and in a 3.0 document, such an integer is a located error.
    let elsewhere = format!("    Thing: {{type: string, maxLength: {big}}}\n");
    let error = generate_from_str(&with_schemas(HEAD31, &elsewhere), &Settings::default())
        .expect_err("refused");
    assert_eq!(
        error.pointer.to_string(),
        "#/components/schemas/Thing/maxLength"
    );
    let in_30 = format!("    Thing: {{type: number, maximum: {big}}}\n");
    let error = generate_from_str(&with_schemas(HEAD30, &in_30), &Settings::default())
        .expect_err("refused");
    assert_eq!(
        error.pointer.to_string(),
        "#/components/schemas/Thing/maximum"
    );
    assert!(error.location.is_some());
}

#[test]
fn openapi_32_constructs_that_change_the_api_are_skipped_at_their_pointers() {
    let text = "openapi: 3.2.0
info: {title: t, version: '1'}
tags:
  - {name: a, summary: A, kind: nav}
  - {name: b, parent: a}
paths:
  /things:
    get:
      operationId: listThings
      tags: [b]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}
    query:
      operationId: queryThings
      responses: {'200': {description: ok}}
    additionalOperations:
      COPY:
        operationId: copyThings
        responses: {'200': {description: ok}}
  /search:
    get:
      operationId: search
      parameters:
        - {name: q, in: querystring, content: {application/json: {schema: {type: object}}}}
      responses: {'200': {description: ok}}
  /events:
    get:
      operationId: events
      responses:
        '200':
          description: ok
          content:
            text/event-stream:
              itemSchema: {type: object}
";
    let generated = generate(text);
    assert!(generated.client.contains("fn list_things"));
    assert!(generated.client.contains("fn events"));
    assert!(!generated.client.contains("fn query_things"));
    assert!(!generated.client.contains("fn copy_things"));
    assert!(!generated.client.contains("fn search"));
    assert!(has_fallback(&generated, "#/paths/~1things/query", "QUERY"));
    assert!(has_fallback(
        &generated,
        "#/paths/~1things/additionalOperations/COPY",
        "COPY"
    ));
    assert!(has_fallback(
        &generated,
        "#/paths/~1search/get/parameters/0",
        "querystring"
    ));
    assert!(has_fallback(
        &generated,
        "#/paths/~1events/get/responses/200/content/text~1event-stream/itemSchema",
        "itemSchema"
    ));
}

#[test]
fn versions_load_or_are_refused_clearly() {
    let document = |version: &str| {
        format!("openapi: {version}\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n")
    };
    for version in ["3.0.0", "3.0.3", "3.1.0", "3.1.1", "3.2.0"] {
        load_document(&document(version)).unwrap_or_else(|error| panic!("{version}: {error}"));
    }
    // 3.0 is loaded as it is: nothing moves, nothing is noted.
    let loaded = load_document(&document("3.0.3")).unwrap();
    assert!(loaded.source_map.is_identity() && loaded.notes.is_empty());
    for version in ["3.3.0", "4.0.0", "2.0"] {
        let error = load_document(&document(version)).unwrap_err();
        assert_eq!(error.pointer.to_string(), "#/openapi", "{version}");
        assert_eq!(
            error.location,
            Some(Location {
                line: 1,
                column: 10
            })
        );
    }
    let error =
        load_document("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap_err();
    assert!(error.message.contains("Swagger 2.0"), "{error}");
}

#[test]
fn the_notes_of_the_rewriting_are_kept_by_load_document() {
    let loaded = load_document(&with_schemas(
        HEAD31,
        "    Thing: {type: object, if: {required: [a]}}\n",
    ))
    .unwrap();
    assert_eq!(loaded.notes.len(), 1);
    assert_eq!(
        loaded.notes[0].pointer.to_string(),
        "#/components/schemas/Thing/if"
    );
}
