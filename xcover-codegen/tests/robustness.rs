//! One test per construct that has broken a generator (the list in issue 6, and what the
//! property test in `robustness_proptest.rs` found): each generates or fails with an error
//! naming the place, never panics, and comes out as code of the expected shape.

use std::time::{Duration, Instant};

use xcover_codegen::{generate_from_str, Generated, Settings, SpecError};

/// A document with these paths and component schemas (YAML, indented by four).
fn document(paths: &str, schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{}\ncomponents:\n  schemas:\n{}\n",
        if paths.trim().is_empty() { "  {}" } else { paths },
        if schemas.trim().is_empty() { "    {}" } else { schemas },
    )
}

fn generate(text: &str) -> Generated {
    match generate_from_str(text, &Settings::default()) {
        Ok(generated) => {
            for source in [&generated.types, &generated.client] {
                syn::parse_file(source).expect("the generated code parses");
            }
            generated
        }
        Err(error) => panic!("does not generate: {error}\n{text}"),
    }
}

fn error(text: &str) -> SpecError {
    match generate_from_str(text, &Settings::default()) {
        Ok(_) => panic!("generates, but should not:\n{text}"),
        Err(error) => error,
    }
}

/// The source with whitespace runs collapsed, so assertions do not depend on line breaks.
fn flat(source: &str) -> String {
    source.split_whitespace().collect::<Vec<_>>().join(" ")
}

const PARTNER: &str = "    Partner:
      type: object
      properties:
        name: {type: string}
        subsidiary: {$ref: '#/components/schemas/Partner'}
        parent: {$ref: '#/components/schemas/Partner'}
        children: {type: array, items: {$ref: '#/components/schemas/Partner'}}
      required: [parent]";

#[test]
fn a_recursive_partner_subsidiary_is_boxed() {
    let types = flat(&generate(&document("", PARTNER)).types);
    assert!(
        types.contains("pub subsidiary: Option<Box<Partner>>"),
        "{types}"
    );
    assert!(types.contains("pub parent: Box<Partner>"), "{types}");
    // A list already has a size: no box needed.
    assert!(
        types.contains("pub children: Option<Vec<Partner>>"),
        "{types}"
    );
}

#[test]
fn recursion_through_several_schemas_is_boxed_once_per_cycle() {
    let schemas = "    A:
      type: object
      properties: {b: {$ref: '#/components/schemas/B'}}
    B:
      type: object
      properties: {a: {$ref: '#/components/schemas/A'}}";
    let types = flat(&generate(&document("", schemas)).types);
    assert!(types.contains("pub b: Option<Box<B>>"), "{types}");
    assert!(types.contains("pub a: Option<Box<A>>"), "{types}");
}

/// Found by the property test: a property whose `allOf` copies the properties of the
/// component that holds it (itself among them) recursed until the stack overflowed.
#[test]
fn an_all_of_that_copies_its_own_component_is_a_recursive_type() {
    let schemas = "    Partner:
      type: object
      properties:
        name: {type: string}
        merged:
          allOf:
            - {$ref: '#/components/schemas/Partner'}
            - {type: object, properties: {note: {type: string}}}";
    let types = flat(&generate(&document("", schemas)).types);
    // `PartnerMerged` has Partner's properties, `merged` among them: it holds itself.
    assert!(
        types.contains("pub merged: Option<PartnerMerged>"),
        "{types}"
    );
    assert!(
        types.contains("pub merged: Option<Box<PartnerMerged>>"),
        "{types}"
    );
    assert!(types.contains("pub note: Option<String>"), "{types}");
}

#[test]
fn all_of_cycles_and_diamonds_finish_quickly() {
    // Each level names the next twice: walked naively, 2^40 visits.
    let mut schemas = String::new();
    for level in 0..40 {
        let next = level + 1;
        schemas.push_str(&format!(
            "    D{level}:\n      allOf:\n        - {{$ref: '#/components/schemas/D{next}'}}\n        - {{$ref: '#/components/schemas/D{next}'}}\n        - {{type: object, properties: {{p{level}: {{type: string}}}}}}\n"
        ));
    }
    schemas.push_str("    D40:\n      allOf:\n        - {$ref: '#/components/schemas/D0'}\n        - {type: object, properties: {last: {type: integer}}}\n");
    let started = Instant::now();
    let types = flat(&generate(&document("", &schemas)).types);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(types.contains("pub p39: Option<String>"), "{types}");
    assert!(types.contains("pub last: Option<i64>"), "{types}");
}

#[test]
fn schemas_that_only_name_each_other_fall_back_with_their_pointers() {
    let schemas = "    LoopA: {$ref: '#/components/schemas/LoopB'}
    LoopB: {$ref: '#/components/schemas/LoopA'}
    Tree: {type: array, items: {$ref: '#/components/schemas/Tree'}}";
    let generated = generate(&document("", schemas));
    let pointers: Vec<String> = generated
        .summary
        .fallbacks
        .iter()
        .map(|fallback| fallback.pointer.to_string())
        .collect();
    assert_eq!(
        pointers,
        ["#/components/schemas/LoopA", "#/components/schemas/LoopB"]
    );
    let types = flat(&generated.types);
    assert!(
        types.contains("pub type LoopA = serde_json::Value;"),
        "{types}"
    );
    // An alias that names itself through a list is a newtype.
    assert!(types.contains("pub struct Tree(pub Vec<Tree>);"), "{types}");
}

#[test]
fn a_dangling_reference_is_an_error_naming_the_place() {
    let schemas = "    A:
      type: object
      properties: {b: {$ref: '#/components/schemas/Missing'}}";
    let error = error(&document("", schemas));
    assert_eq!(
        error.pointer.to_string(),
        "#/components/schemas/A/properties/b"
    );
    assert!(error.message.contains("names no component"), "{error}");
}

#[test]
fn a_cyclic_reference_chain_in_use_falls_back_where_it_is_used() {
    let schemas = "    LoopA: {$ref: '#/components/schemas/LoopB'}
    LoopB: {$ref: '#/components/schemas/LoopA'}
    User:
      type: object
      properties:
        loop: {$ref: '#/components/schemas/LoopA'}
        merged:
          allOf:
            - {$ref: '#/components/schemas/LoopB'}
            - {type: object, properties: {name: {type: string}}}";
    let generated = generate(&document("", schemas));
    let types = flat(&generated.types);
    assert!(
        types.contains("pub type LoopA = serde_json::Value;"),
        "{types}"
    );
    assert!(types.contains("pub r#loop: Option<LoopA>"), "{types}");
    assert!(
        types.contains("pub merged: Option<serde_json::Value>"),
        "{types}"
    );
    let pointers: Vec<String> = generated
        .summary
        .fallbacks
        .iter()
        .map(|fallback| fallback.pointer.to_string())
        .collect();
    assert_eq!(
        pointers,
        [
            "#/components/schemas/LoopA",
            "#/components/schemas/LoopB",
            "#/components/schemas/User/properties/merged/allOf",
        ]
    );
}

#[test]
fn a_non_local_reference_is_an_error_naming_the_place() {
    let schemas = "    A: {$ref: 'other.yaml#/components/schemas/A'}";
    let error = error(&document("", schemas));
    assert_eq!(error.pointer.to_string(), "#/components/schemas/A");
    assert!(error.message.contains("only local references"), "{error}");
}

#[test]
fn an_empty_path_item_has_no_operations() {
    let generated = generate(&document("  /empty: {}", ""));
    assert_eq!(generated.summary.operations, 0);
}

#[test]
fn a_colon_path_is_sent_as_written() {
    let paths = "  /items/:id:
    get:
      operationId: getItem
      responses: {'200': {description: ok}}";
    let client = generate(&document(paths, "")).client;
    assert!(
        client.contains(r#"client.request(reqwest::Method::GET, "/items/:id")"#),
        "{client}"
    );
}

#[test]
fn a_path_parameter_named_like_another_ones_segment_is_read_before_it_is_shadowed() {
    let paths = "  /items/{id}/{id_segment}:
    get:
      operationId: getPart
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: id_segment, in: path, required: true, schema: {type: string}}
        - {name: id_segment_segment, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}";
    let client = flat(&generate(&document(paths, "")).client);
    // Each parameter is encoded from itself, into a variable no parameter is named.
    for statement in [
        "let id_segment_segment_segment = runtime::path_segment(&id)?;",
        "let id_segment_segment_segment_segment = runtime::path_segment(&id_segment)?;",
        "\"/items/{id_segment_segment_segment}/{id_segment_segment_segment_segment}\"",
        "runtime::push_query(&mut query, \"id_segment_segment\", &id_segment_segment)?;",
    ] {
        assert!(client.contains(statement), "no `{statement}` in:\n{client}");
    }
}

#[test]
fn an_unknown_format_is_its_type_without_the_format() {
    let schemas = "    A:
      type: object
      properties:
        s: {type: string, format: x-weird}
        i: {type: integer, format: int128}
        n: {type: number, format: money}";
    let types = flat(&generate(&document("", schemas)).types);
    assert!(types.contains("pub s: Option<String>"), "{types}");
    assert!(types.contains("pub i: Option<i64>"), "{types}");
    assert!(types.contains("pub n: Option<f64>"), "{types}");
}

#[test]
fn enum_values_that_collide_as_identifiers_get_distinct_variants() {
    let schemas =
        "    Order: {type: string, enum: [ASC, asc, '+1', '-1', '', Unknown, Self, asc], default: asc}";
    let types = flat(&generate(&document("", schemas)).types);
    for variant in [
        "/// `ASC` Asc,",
        "/// `asc` #[default] Asc2,",
        "/// `+1` Plus1,",
        "/// `-1` Minus1,",
        "/// `` Empty,",
        "/// `Unknown` Unknown,",
        "/// `Self` SelfValue,",
        "Unknown2(String),",
    ] {
        assert!(types.contains(variant), "no `{variant}` in {types}");
    }
    // `asc` is listed twice but matched once: a second arm would be unreachable.
    assert_eq!(types.matches(r#"("asc")"#).count(), 1, "{types}");
}

#[test]
fn parameters_that_collide_as_identifiers_get_distinct_setters() {
    let paths = "  /invoices:
    get:
      operationId: getInvoices
      parameters:
        - {name: DateCreated, in: query, schema: {type: string}}
        - {name: DateCreated<, in: query, schema: {type: string}}
        - {name: DateCreated>, in: query, schema: {type: string}}
        - {name: date_created, in: query, schema: {type: string}}
        - {name: new, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}";
    let client = flat(&generate(&document(paths, "")).client);
    for (setter, wire) in [
        ("date_created", "DateCreated"),
        ("date_created_lt", "DateCreated<"),
        ("date_created_gt", "DateCreated>"),
        ("date_created2", "date_created"),
        ("new2", "new"),
    ] {
        assert!(
            client.contains(&format!("pub fn {setter}(mut self")),
            "no setter {setter} in {client}"
        );
        assert!(
            client.contains(&format!(r#"runtime::push_query(&mut query, "{wire}""#)),
            "{wire} is not sent in {client}"
        );
    }
}

#[test]
fn a_default_response_beside_2xx_ones_covers_the_other_statuses() {
    let paths = "  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {type: string}}}}
        default:
          description: error
          content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}";
    let schemas = "    Problem: {type: object, properties: {message: {type: string}}}";
    let client = flat(&generate(&document(paths, schemas)).client);
    assert!(
        client.contains(
            "200 => { raw.json().map(|response| response.map(types::ListPetsResponse::Ok)) }"
        ),
        "{client}"
    );
    assert!(
        client.contains("status if status / 100 == 2 => { raw.json() .map(|response| response.map(types::ListPetsResponse::Default)) }"),
        "a 2xx status that is not listed takes the default: {client}"
    );
    assert!(
        client.contains("_ => runtime::failure(raw.json()),"),
        "{client}"
    );
}

#[test]
fn several_media_types_for_one_body_prefer_json() {
    let paths = "  /pets:
    post:
      operationId: addPet
      requestBody:
        content:
          application/xml: {schema: {type: string}}
          text/plain: {schema: {type: string}}
          application/json: {schema: {$ref: '#/components/schemas/Pet'}}
      responses:
        '200':
          description: ok
          content:
            text/plain: {schema: {type: string}}
            application/json: {schema: {$ref: '#/components/schemas/Pet'}}";
    let schemas = "    Pet: {type: object, properties: {name: {type: string}}}";
    let client = flat(&generate(&document(paths, schemas)).client);
    assert!(
        client.contains("request = request.json(&body);"),
        "{client}"
    );
    assert!(
        client.contains("Result<Response<types::Pet>, Error<()>>"),
        "{client}"
    );
}

#[test]
fn absurd_numbers_generate_or_fail_naming_the_keyword() {
    let schemas = "    Big:
      type: object
      properties:
        n: {type: number, minimum: -1.0e+300, maximum: 1.0e+300, default: 1.0e+300}
        i: {type: integer, format: int32, default: 18446744073709551615}";
    let types = flat(&generate(&document("", schemas)).types);
    // The float default fits; the integer one does not fit an i32, so it is not used.
    assert!(types.contains("fn big_n() -> f64 { 1000000"), "{types}");
    assert!(types.contains("pub i: Option<i32>"), "{types}");

    // openapiv3 reads an integer bound beyond i64 as a schema of no known type: still i64.
    let beyond_i64 = "    Big: {type: integer, minimum: 1.0e+30}";
    let types = flat(&generate(&document("", beyond_i64)).types);
    assert!(types.contains("pub type Big = i64;"), "{types}");

    let beyond_usize = "    Big: {type: string, maxLength: 1.0e+30}";
    let error = error(&document("", beyond_usize));
    assert_eq!(
        error.pointer.to_string(),
        "#/components/schemas/Big/maxLength"
    );
    assert!(error.message.contains("maxLength"), "{error}");
}

#[test]
fn a_lone_carriage_return_never_reaches_a_doc_comment() {
    let schemas = "    A:
      description: \"one\\rtwo\"
      type: string
      enum: [\"a\\rb\", plain]";
    let paths = "  \"/x\\ry\":
    get:
      operationId: odd
      parameters:
        - {name: \"p\\rq\", in: query, schema: {type: string}}
      responses: {'200': {description: ok}}";
    let generated = generate(&document(paths, schemas));
    for source in [&generated.types, &generated.client] {
        assert!(!source.contains('\r'), "{source}");
    }
}

#[test]
fn operations_named_like_the_client_or_its_imports_get_other_names() {
    let paths = "  /a:
    get:
      operationId: client
      responses: {'200': {description: ok}}
  /b:
    get:
      operationId: Response
      responses: {'200': {description: ok}}
  /c:
    get:
      operationId: with_http_client
      responses: {'200': {description: ok}}";
    let client = flat(&generate(&document(paths, "")).client);
    assert!(client.contains("pub struct Client2<'a>"), "{client}");
    assert!(client.contains("pub struct Response2<'a>"), "{client}");
    assert!(
        client.contains("pub fn with_http_client2(&self"),
        "{client}"
    );
}

#[test]
fn a_discriminated_union_naming_one_schema_twice_has_one_arm_per_tag() {
    let schemas = "    Shape:
      oneOf:
        - {$ref: '#/components/schemas/Circle'}
        - {$ref: '#/components/schemas/Circle'}
        - {$ref: '#/components/schemas/Square'}
      discriminator:
        propertyName: kind
        mapping: {circle: '#/components/schemas/Circle', round: Circle}
    Circle: {type: object, properties: {kind: {type: string}}}
    Square: {type: object, properties: {kind: {type: string}}}";
    let types = flat(&generate(&document("", schemas)).types);
    assert_eq!(types.matches(r#""circle""#).count(), 1, "{types}");
    assert_eq!(types.matches(r#""Square""#).count(), 1, "{types}");
}

/// With a tag per named member only, an inline member could never be chosen.
#[test]
fn a_discriminator_over_an_inline_member_chooses_every_member_by_shape() {
    let schemas = "    Shape:
      oneOf:
        - {$ref: '#/components/schemas/Circle'}
        - {type: object, title: Triangle, properties: {kind: {type: string}, sides: {type: integer}}}
      discriminator: {propertyName: kind}
    Circle: {type: object, properties: {kind: {type: string}, radius: {type: number}}}";
    let generated = generate(&document("", schemas));
    let types = flat(&generated.types);
    assert!(
        types.contains("#[serde(untagged)] #[allow(clippy::large_enum_variant)] pub enum Shape { Circle(Circle), Triangle(ShapeTriangle), }"),
        "{types}"
    );
    assert_eq!(
        generated.summary.fallbacks[0].pointer.to_string(),
        "#/components/schemas/Shape/oneOf"
    );
}

#[test]
fn a_document_nested_too_deeply_is_an_error_naming_the_place() {
    let mut schema = String::from("{type: string}");
    for _ in 0..100 {
        schema = format!("{{type: array, items: {schema}}}");
    }
    let error = error(&document("", &format!("    Deep: {schema}")));
    assert!(error.message.contains("levels deep"), "{error}");
    assert!(
        error
            .pointer
            .to_string()
            .starts_with("#/components/schemas/Deep/items/items/"),
        "{error}"
    );
}

#[test]
fn a_document_nested_just_within_the_limit_generates_on_a_test_thread_stack() {
    // Test threads have 2 MiB of stack, and a debug build needs the most per level. (The
    // output is not parsed again here: syn would need more stack than this thread has.)
    let mut schema = String::from("{type: string}");
    for _ in 0..(xcover_codegen::load::MAX_DEPTH - 6) {
        schema = format!("{{type: array, items: {schema}}}");
    }
    let text = document("", &format!("    Deep: {schema}"));
    let generated = generate_from_str(&text, &Settings::default()).expect("generates");
    assert!(generated.types.contains("Vec<Vec<Vec<"));
}

/// Each component's property copies the next component's properties through an `allOf`: a
/// chain of inline types as long as the list of components, deeper than any document nests.
#[test]
fn inline_types_nested_through_all_of_chains_are_refused_instead_of_exhausting_the_stack() {
    let mut schemas = String::new();
    for level in 0..100 {
        let next = level + 1;
        schemas.push_str(&format!(
            "    C{level}:\n      type: object\n      properties:\n        p:\n          allOf:\n            - {{$ref: '#/components/schemas/C{next}'}}\n            - {{type: object, properties: {{n{level}: {{type: string}}}}}}\n"
        ));
    }
    schemas.push_str("    C100: {type: object, properties: {end: {type: string}}}\n");
    // Each level is a struct holding an `Option` of the next: rustc could not compile it.
    let error = error(&document("", &schemas));
    assert_eq!(error.pointer.to_string(), "#/components/schemas/C0");
    assert!(error.message.contains("more than 100 levels"), "{error}");
}

#[test]
fn form_multipart_octet_stream_and_any_header_name_are_generated() {
    let paths = "  /form:
    post:
      operationId: sendForm
      parameters:
        - {name: xero-tenant-id, in: header, required: true, schema: {type: string}}
        - {name: 'X-Weird Header<>', in: header, schema: {type: integer}}
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {name: {type: string}}}
      responses: {'204': {description: done}}
  /multipart:
    post:
      operationId: sendMultipart
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}}}
      responses: {'204': {description: done}}
  /file:
    put:
      operationId: putFile
      requestBody:
        content:
          application/octet-stream: {schema: {type: string, format: binary}}
      responses:
        '200':
          description: the file
          content:
            application/octet-stream: {schema: {type: string, format: binary}}";
    let generated = generate(&document(paths, ""));
    assert_eq!(generated.summary.operations, 3);
    assert!(generated.summary.fallbacks.is_empty());
    let client = flat(&generated.client);
    for expected in [
        "request = request.form(&body);",
        "request = request.multipart(body);",
        r#"request .header(reqwest::header::CONTENT_TYPE, "application/octet-stream") .body(body);"#,
        r#"runtime::header_value("xero-tenant-id", &value)"#,
        r#"runtime::header_value("X-Weird Header<>", value)"#,
        "pub fn x_weird_header_lt_gt(mut self, value: i64)",
        "Result<Response<bytes::Bytes>, Error<()>>",
    ] {
        assert!(client.contains(expected), "no `{expected}` in {client}");
    }
}

#[test]
fn unsupported_parameter_locations_are_reported_with_their_pointer() {
    let paths = "  /a:
    get:
      operationId: a
      parameters:
        - {name: session, in: cookie, schema: {type: string}}
      responses: {'200': {description: ok}}";
    let generated = generate(&document(paths, ""));
    assert_eq!(generated.summary.fallbacks.len(), 1);
    assert_eq!(
        generated.summary.fallbacks[0].pointer.to_string(),
        "#/paths/~1a/get/parameters/0"
    );
}

#[test]
fn malformed_input_is_an_error_not_a_panic() {
    for text in [
        "",
        "{",
        "openapi: [unclosed",
        "[1, 2]",
        "openapi: 3.0.0",
        "openapi: 3.0.0\ninfo: 7\npaths: {}",
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}",
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {responses: {'200': 5}}}}",
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-webhooks: 3",
    ] {
        assert!(
            generate_from_str(text, &Settings::default()).is_err(),
            "{text}"
        );
    }
}

#[test]
fn a_status_class_is_a_range_unless_a_listed_code_falls_in_it() {
    let error = "{content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}, description: e}";
    let ok = "{content: {application/json: {schema: {type: string}}}, description: ok}";
    let paths = format!(
        "  /classes:
    get:
      operationId: classesOnly
      responses: {{'200': {ok}, '4XX': {error}, '5XX': {error}}}
  /mixed:
    get:
      operationId: codeInAClass
      responses: {{'200': {ok}, '404': {error}, '4XX': {error}, '5XX': {error}}}"
    );
    let schemas = "    Problem: {type: object, properties: {detail: {type: string}}}";
    let client = flat(&generate(&document(&paths, schemas)).client);
    let failure = "=> runtime::failure(raw.json()),";
    // Neighbouring classes with the same outcome become one range.
    assert!(
        client.contains(&format!("200 => raw.json(), 400..=599 {failure} _ =>")),
        "{client}"
    );
    // A range over 404 would overlap it (a clippy warning): the 4xx class stays a guard.
    assert!(
        client.contains(&format!(
            "404 {failure} status if status / 100 == 4 {failure} 500..=599 {failure}"
        )),
        "{client}"
    );
}

/// Loads `text`, which must fail, and gives the error's pointer, line and column.
fn place(text: &str) -> (String, Option<(usize, usize)>) {
    let error = error(text);
    let location = error
        .location
        .map(|location| (location.line, location.column));
    (error.pointer.to_string(), location)
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn a_bad_keyword_of_a_component_schema_is_named_with_its_line_and_column() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      required: name\n"
    );
    assert_eq!(
        place(&text),
        (
            "#/components/schemas/Pet/required".to_string(),
            Some((8, 17))
        )
    );
    let error = error(&text);
    assert_eq!(
        error.to_string(),
        "#/components/schemas/Pet/required (line 8, column 17): `required` must be an array of strings, not the string \"name\""
    );
}

#[test]
fn a_response_without_description_is_named_itself() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          content: {{}}\n"
    );
    let error = error(&text);
    assert_eq!(error.pointer.to_string(), "#/paths/~1a/get/responses/200");
    assert_eq!(error.location.map(|l| (l.line, l.column)), Some((8, 11)));
    assert!(error.message.contains("description"), "{error}");
}

#[test]
fn a_bad_keyword_of_a_nested_schema_is_named_at_any_depth() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                items:\n                  type: array\n                  items:\n                    type: object\n                    properties:\n                      n: {{type: integer, nullable: 'yes'}}\n      responses:\n        '204': {{description: none}}\n"
    );
    assert_eq!(
        place(&text),
        (
            "#/paths/~1a/post/requestBody/content/application~1json/schema/properties/items/items/properties/n/nullable"
                .to_string(),
            Some((17, 52))
        )
    );
    // In a parameter, under `allOf`, and in a response header.
    let parameter = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - {{name: q, in: query, schema: {{allOf: [{{type: string}}, {{minLength: -1}}]}}}}\n      responses:\n        '200':\n          description: ok\n          headers:\n            X-N: {{schema: {{type: integer, minimum: low}}}}\n"
    );
    assert_eq!(
        place(&parameter),
        (
            "#/paths/~1a/get/parameters/0/schema/allOf/1/minLength".to_string(),
            Some((7, 77))
        )
    );
    let header = parameter.replace("minLength: -1", "minLength: 1");
    assert_eq!(
        place(&header),
        (
            "#/paths/~1a/get/responses/200/headers/X-N/schema/minimum".to_string(),
            Some((12, 52))
        )
    );
}

#[test]
fn an_integer_beyond_64_bits_is_an_error_at_its_place() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    N:\n      type: integer\n      maximum: 99999999999999999999\n"
    );
    let error = error(&text);
    assert_eq!(
        (
            error.pointer.to_string(),
            error.location.map(|l| (l.line, l.column))
        ),
        ("#/components/schemas/N/maximum".to_string(), Some((8, 16)))
    );
    assert!(error.message.contains("99999999999999999999"), "{error}");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let yaml = format!("\u{feff}{HEAD}paths: {{}}\n");
    assert!(generate_from_str(&yaml, &Settings::default()).is_ok());
    let json = "\u{feff}{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}";
    assert!(generate_from_str(json, &Settings::default()).is_ok());
    // The mark is not counted as a column.
    let bad = format!("\u{feff}{HEAD}paths: 7\n");
    assert_eq!(place(&bad), ("#/paths".to_string(), Some((3, 8))));
}

#[test]
fn a_key_given_twice_is_an_error_at_the_second() {
    let yaml = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: string}}\n    B: {{type: string}}\n    A: {{type: integer}}\n"
    );
    assert_eq!(
        place(&yaml),
        ("#/components/schemas/A".to_string(), Some((8, 5)))
    );
    let json = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"},\n \"paths\": {},\n \"components\": {\"schemas\": {\"A\": {\"type\": \"string\", \"type\": \"integer\"}}}}";
    assert_eq!(
        place(json),
        ("#/components/schemas/A/type".to_string(), Some((3, 53)))
    );
    assert!(error(json).message.contains("`type` is given twice"));
}

#[test]
fn an_error_found_after_loading_gets_its_line_and_column_too() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {{$ref: '#/components/schemas/Missing'}}\n"
    );
    assert_eq!(
        place(&text),
        (
            "#/components/schemas/A/properties/b".to_string(),
            Some((9, 12))
        )
    );
}

#[test]
fn a_generator_denying_fallbacks_lists_them_and_writes_nothing() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("deny_fallbacks");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        format!(
            "{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - {{name: c, in: cookie, schema: {{type: string}}}}\n      responses:\n        '204': {{description: none}}\n"
        ),
    )
    .unwrap();
    let out = dir.join("out");
    let generator = xcover_codegen::Generator::new().spec(&spec);
    let denied = generator.clone().deny_fallbacks(true).generate_to(&out);
    match denied {
        Err(xcover_codegen::GenerateError::Fallbacks { fallbacks, .. }) => {
            assert_eq!(fallbacks.len(), 1);
            assert_eq!(
                fallbacks[0].pointer.to_string(),
                "#/paths/~1a/get/parameters/0"
            );
        }
        other => panic!("expected the fallbacks to be refused: {other:?}"),
    }
    assert!(!out.exists(), "nothing is written");
    let summary = generator.generate_to(&out).expect("generates");
    assert_eq!(summary.fallbacks.len(), 1);
}
