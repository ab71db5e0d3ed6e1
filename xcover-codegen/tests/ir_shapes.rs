//! What the IR stages decide, shown on small specs: `Debug` snapshots (in `snapshots/`) of
//! the part of the IR under test, for convert (scalars, formats, enums, objects, nullable,
//! maps), merge (`allOf`), cycles and operations (parameters, bodies, responses,
//! idempotency). A snapshot's `TypeId(n)` is the n-th type of the `types` list above it.

use xcover_codegen::ir::operations::Operation;
use xcover_codegen::ir::pagination::{NextPage, Pagination};
use xcover_codegen::ir::security::{CredentialKind, KeyLocation};
use xcover_codegen::ir::types::TypeEntry;
use xcover_codegen::ir::types::{Scalar, TypeRef};
use xcover_codegen::ir::Ir;
use xcover_codegen::Settings;

/// The IR of a document with these paths and component schemas (YAML, indented by two and
/// four), and the document-level `extra` lines.
fn ir_with(extra: &str, paths: &str, schemas: &str) -> Ir {
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{extra}paths:\n{}\ncomponents:\n  schemas:\n{}\n",
        if paths.trim().is_empty() { "  {}" } else { paths },
        if schemas.trim().is_empty() { "    {}" } else { schemas },
    );
    let document = xcover_codegen::load::load_str(&text)
        .unwrap_or_else(|error| panic!("does not load: {error}\n{text}"));
    xcover_codegen::ir::build(&document, &Settings::default())
        .unwrap_or_else(|error| panic!("does not build: {error}\n{text}"))
}

fn ir(paths: &str, schemas: &str) -> Ir {
    ir_with("", paths, schemas)
}

/// Every type's id and name, so that a snapshot's `TypeId(n)` can be read.
fn type_names(ir: &Ir) -> Vec<String> {
    ir.types
        .iter()
        .map(|(id, entry)| format!("{}: {}", id.0, entry.name))
        .collect()
}

/// The types named `names`, after the list of every type.
fn types<'a>(ir: &'a Ir, names: &[&str]) -> (Vec<String>, Vec<&'a TypeEntry>) {
    let entries = names
        .iter()
        .map(|name| {
            ir.types
                .iter()
                .map(|(_, entry)| entry)
                .find(|entry| entry.name == *name)
                .unwrap_or_else(|| panic!("no type {name} among {:?}", type_names(ir)))
        })
        .collect();
    (type_names(ir), entries)
}

/// The operation whose client method is `fn_name`.
fn operation<'a>(ir: &'a Ir, fn_name: &str) -> &'a Operation {
    ir.operations
        .iter()
        .find(|operation| operation.fn_name == fn_name)
        .unwrap_or_else(|| panic!("no operation {fn_name}"))
}

fn fallbacks(ir: &Ir) -> Vec<String> {
    ir.fallbacks.iter().map(ToString::to_string).collect()
}

// ---------------------------------------------------------------------------------------------
// convert
// ---------------------------------------------------------------------------------------------

#[test]
fn convert_scalars_and_formats() {
    let schemas = "    Scalars:
      type: object
      required: [text]
      properties:
        text: {type: string}
        date: {type: string, format: date}
        moment: {type: string, format: date-time}
        id: {type: string, format: uuid}
        price: {type: string, format: decimal}
        amount: {type: number, format: decimal}
        small: {type: integer, format: int32}
        big: {type: integer, format: int64}
        ratio: {type: number, format: float}
        real: {type: number}
        flag: {type: boolean}
        file: {type: string, format: binary}
        odd: {type: string, format: x-unknown}
        anything: {}";
    let ir = ir("", schemas);
    insta::assert_debug_snapshot!(types(&ir, &["Scalars"]));
}

#[test]
fn convert_enums() {
    let schemas = "    Status: {type: string, enum: [ACTIVE, on-hold, ''], default: on-hold}
    Level: {type: integer, enum: [1, 2, 3]}
    Maybe: {type: string, nullable: true, enum: [yes, no, null]}";
    let ir = ir("", schemas);
    insta::assert_debug_snapshot!(types(&ir, &["Status", "Level", "Maybe"]));
}

#[test]
fn convert_objects_nullable_and_maps() {
    let schemas = "    Thing:
      type: object
      required: [name, note]
      properties:
        name: {type: string}
        note: {type: string, nullable: true}
        count: {type: integer, nullable: true, default: 3}
        tags: {type: array, items: {type: string, nullable: true}}
        inner:
          type: object
          properties: {x: {type: number}}
    Labels: {type: object, additionalProperties: {type: string}}
    Open: {type: object, additionalProperties: true}
    Mixed:
      type: object
      properties: {id: {type: string}}
      additionalProperties: {type: integer}";
    let ir = ir("", schemas);
    insta::assert_debug_snapshot!(types(
        &ir,
        &["Thing", "ThingInner", "Labels", "Open", "Mixed"]
    ));
}

// ---------------------------------------------------------------------------------------------
// merge
// ---------------------------------------------------------------------------------------------

#[test]
fn merge_all_of_members_into_one_struct() {
    let schemas = "    Named:
      type: object
      required: [name]
      properties: {name: {type: string}}
    Dated:
      type: object
      properties: {created: {type: string, format: date-time}}
    Pet:
      allOf:
        - {$ref: '#/components/schemas/Named'}
        - {$ref: '#/components/schemas/Dated'}
        - type: object
          required: [created]
          properties: {legs: {type: integer}}";
    let ir = ir("", schemas);
    insta::assert_debug_snapshot!(types(&ir, &["Pet"]));
}

#[test]
fn merge_ignores_annotation_only_members() {
    let schemas = "    Named:
      type: object
      properties: {name: {type: string}}
    Described:
      allOf:
        - {$ref: '#/components/schemas/Named'}
        - {description: Only words., title: A title}";
    let ir = ir("", schemas);
    insta::assert_debug_snapshot!(types(&ir, &["Described"]));
    assert_eq!(fallbacks(&ir), Vec::<String>::new());
}

#[test]
fn merge_keeps_properties_beside_all_of() {
    let schemas = "    Named:
      type: object
      properties: {name: {type: string}}
    Tagged:
      type: object
      required: [tag]
      properties: {tag: {type: string}}
      allOf:
        - {$ref: '#/components/schemas/Named'}";
    let ir = ir("", schemas);
    insta::assert_debug_snapshot!(types(&ir, &["Tagged"]));
}

// ---------------------------------------------------------------------------------------------
// cycles
// ---------------------------------------------------------------------------------------------

#[test]
fn cycles_box_a_struct_that_holds_itself() {
    let schemas = "    Node:
      type: object
      required: [parent]
      properties:
        parent: {$ref: '#/components/schemas/Node'}
        next: {$ref: '#/components/schemas/Node'}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}";
    let ir = ir("", schemas);
    insta::assert_debug_snapshot!(types(&ir, &["Node"]));
}

#[test]
fn cycles_of_aliases_only_fall_back_to_json() {
    let schemas = "    LoopA: {$ref: '#/components/schemas/LoopB'}
    LoopB: {$ref: '#/components/schemas/LoopA'}
    Tree: {type: array, items: {$ref: '#/components/schemas/Tree'}}";
    let ir = ir("", schemas);
    insta::assert_debug_snapshot!((types(&ir, &["LoopA", "LoopB", "Tree"]), fallbacks(&ir)));
}

// ---------------------------------------------------------------------------------------------
// operations
// ---------------------------------------------------------------------------------------------

#[test]
fn operations_merge_path_and_operation_parameters() {
    let paths = "  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: limit, in: query, schema: {type: integer}}
      - {name: X-Trace, in: header, schema: {type: string}}
    get:
      operationId: getPet
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer, format: int32}}
        - {name: fields, in: query, schema: {type: array, items: {type: string}}}
      responses: {'204': {description: none}}";
    let ir = ir(paths, "");
    let operation = operation(&ir, "get_pet");
    insta::assert_debug_snapshot!((&operation.path_params, &operation.query, &operation.headers));
}

#[test]
fn operations_choose_json_then_form_then_multipart_then_binary() {
    let object = "{schema: {type: object, properties: {name: {type: string}}}}";
    let binary = "{schema: {type: string, format: binary}}";
    let paths = format!(
        "  /all:
    post:
      operationId: all
      requestBody:
        content:
          application/octet-stream: {binary}
          multipart/form-data: {object}
          application/x-www-form-urlencoded: {object}
          application/json: {object}
      responses: {{'204': {{description: none}}}}
  /form:
    post:
      operationId: form
      requestBody:
        required: true
        content:
          application/octet-stream: {binary}
          multipart/form-data: {object}
          application/x-www-form-urlencoded: {object}
      responses: {{'204': {{description: none}}}}
  /multipart:
    post:
      operationId: multipart
      requestBody:
        content:
          image/png: {binary}
          multipart/form-data: {object}
      responses: {{'204': {{description: none}}}}
  /binary:
    post:
      operationId: binary
      requestBody:
        content:
          image/png: {binary}
      responses: {{'204': {{description: none}}}}"
    );
    let ir = ir(&paths, "");
    let bodies: Vec<_> = ["all", "form", "multipart", "binary"]
        .iter()
        .map(|name| (name, &operation(&ir, name).body))
        .collect();
    insta::assert_debug_snapshot!((type_names(&ir), bodies));
}

#[test]
fn operations_turn_responses_into_status_arms() {
    let json = |schema: &str| {
        format!("{{description: d, content: {{application/json: {{schema: {schema}}}}}}}")
    };
    let problem = json("{$ref: '#/components/schemas/Problem'}");
    let paths = format!(
        "  /pets:
    post:
      operationId: createPet
      responses:
        '200': {}
        '201': {}
        '204': {{description: none}}
        '404': {problem}
        '4XX': {problem}
        '5XX': {problem}
        default: {problem}",
        json("{type: string}"),
        json("{type: integer}"),
    );
    let schemas = "    Problem: {type: object, properties: {detail: {type: string}}}";
    let ir = ir(&paths, schemas);
    let operation = operation(&ir, "create_pet");
    insta::assert_debug_snapshot!((
        types(&ir, &["CreatePetResponse"]),
        &operation.success,
        &operation.failure,
        &operation.arms
    ));
}

#[test]
fn operations_with_an_idempotency_header_generate_its_key() {
    let extra = "x-idempotency: {header: x-idempotency-key, replay-status: 409}\n";
    let paths = "  /bookings:
    post:
      operationId: createBooking
      parameters:
        - {name: x-request-id, in: header, schema: {type: string}}
        - {name: x-idempotency-key, in: header, schema: {type: string}}
      responses: {'204': {description: none}}
    get:
      operationId: listBookings
      responses: {'204': {description: none}}";
    let ir = ir_with(extra, paths, "");
    let create = operation(&ir, "create_booking");
    insta::assert_debug_snapshot!((&create.headers, &create.idempotency));
    assert!(operation(&ir, "list_bookings").idempotency.is_none());
}

// ---------------------------------------------------------------------------------------------
// pagination and credentials
// ---------------------------------------------------------------------------------------------

/// A `GET /items` answering `Page`, with these query parameters and `x-pagination` lines.
fn paged(parameters: &str, extension: &str, page: &str) -> String {
    format!(
        "  /items:
    get:
      operationId: listItems
      parameters: [{parameters}]
{extension}      responses:
        '200':
          description: a page
          content: {{application/json: {{schema: {{$ref: '#/components/schemas/Page'}}}}}}
---{page}"
    )
}

fn pagination_of(spec: &str) -> Option<Pagination> {
    let (paths, page) = spec.split_once("---").unwrap();
    operation(&ir(paths, page), "list_items").pagination.clone()
}

const ITEMS: &str = "
    Page:
      type: object
      properties:
        items: {type: array, items: {type: string}}
        total: {type: integer}";

#[test]
fn pagination_is_recognised_from_a_next_link_a_page_token_or_an_offset() {
    let link = format!("{ITEMS}\n        next: {{type: string, nullable: true}}");
    assert_eq!(
        pagination_of(&paged("", "", &link)),
        Some(Pagination {
            items: "items".into(),
            item: TypeRef::Scalar(Scalar::String),
            next: NextPage::Link("next".into()),
        })
    );
    let token = format!("{ITEMS}\n        next_page: {{type: string}}");
    let page_token = "{name: page_token, in: query, schema: {type: string}}";
    assert_eq!(
        pagination_of(&paged(page_token, "", &token)).map(|p| p.next),
        Some(NextPage::Token {
            field: "next_page".into(),
            param: "page_token".into()
        })
    );
    let offset = "{name: offset, in: query, schema: {type: integer}}";
    assert_eq!(
        pagination_of(&paged(offset, "", ITEMS)).map(|p| p.next),
        Some(NextPage::Offset("offset".into()))
    );
    // A required offset is the caller's to give; a page without a list is no page.
    let required = "{name: offset, in: query, required: true, schema: {type: integer}}";
    assert_eq!(pagination_of(&paged(required, "", ITEMS)), None);
    let no_list = "\n    Page: {type: object, properties: {next: {type: string}}}";
    assert_eq!(pagination_of(&paged("", "", no_list)), None);
}

#[test]
fn x_pagination_declares_or_refuses_paging() {
    let cursor = "{name: after, in: query, schema: {type: string}}";
    let page =
        format!("{ITEMS}\n        last_id: {{type: string}}\n        next: {{type: string}}");
    let declared =
        "      x-pagination: {items: items, next-token: last_id, token-parameter: after}\n";
    assert_eq!(
        pagination_of(&paged(cursor, declared, &page)).map(|p| p.next),
        Some(NextPage::Token {
            field: "last_id".into(),
            param: "after".into()
        })
    );
    let off = "      x-pagination: false\n";
    assert_eq!(pagination_of(&paged(cursor, off, &page)), None);
}

#[test]
fn a_malformed_x_pagination_is_an_error_at_its_pointer() {
    for (extension, pointer, message) in [
        (
            "      x-pagination: {items: total, next-link: next}\n",
            "#/paths/~1items/get/x-pagination/items",
            "the success body has no array property `total`",
        ),
        (
            "      x-pagination: {items: items}\n",
            "#/paths/~1items/get/x-pagination",
            "`x-pagination` needs exactly one of `next-link`, `next-token` or `offset-parameter`",
        ),
        (
            "      x-pagination: {items: items, offset-parameter: skip}\n",
            "#/paths/~1items/get/x-pagination/offset-parameter",
            "the operation has no optional integer query parameter `skip`",
        ),
        (
            "      x-pagination: {items: items, next: next}\n",
            "#/paths/~1items/get/x-pagination",
            "`x-pagination` has an unknown key `next` (known: items, next-link, next-token, \
             token-parameter, offset-parameter)",
        ),
    ] {
        let spec = paged("", extension, ITEMS);
        let (paths, page) = spec.split_once("---").unwrap();
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}\ncomponents:\n  schemas:\n{page}\n"
        );
        let document = xcover_codegen::load::load_str(&text).unwrap();
        let error = xcover_codegen::ir::build(&document, &Settings::default()).unwrap_err();
        assert_eq!(
            (error.pointer.to_string(), error.message.as_str()),
            (pointer.to_string(), message),
            "{extension}"
        );
    }
}

#[test]
fn security_schemes_become_credentials_named_once() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}
components:
  securitySchemes:
    Timeout: {type: apiKey, in: header, name: X-Key}
    token: {type: http, scheme: bearer}
    login: {type: http, scheme: basic}
    digest: {type: http, scheme: digest}
    signed: {type: apiKey, in: header, name: Authorization, x-manual-auth: true}
";
    let document = xcover_codegen::load::load_str(text).unwrap();
    let ir = xcover_codegen::ir::build(&document, &Settings::default()).unwrap();
    let credentials: Vec<(&str, &CredentialKind)> = ir
        .credentials
        .iter()
        .map(|credential| (credential.setter.as_str(), &credential.kind))
        .collect();
    assert_eq!(
        credentials,
        [
            (
                // `timeout` is the builder's own setting.
                "timeout2",
                &CredentialKind::ApiKey {
                    location: KeyLocation::Header,
                    name: "X-Key".into()
                }
            ),
            ("token", &CredentialKind::Bearer),
            ("login", &CredentialKind::Basic),
        ]
    );
    assert_eq!(
        fallbacks(&ir),
        [
            "#/components/securitySchemes/digest: this kind of security scheme has no generated \
          setting: add a middleware that authenticates requests"
        ]
    );
}
