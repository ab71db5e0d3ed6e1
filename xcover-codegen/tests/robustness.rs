//! One test per construct that has broken a generator (the list in issue 6, and what the
//! property test in `robustness_proptest.rs` found): each generates or fails with an error
//! naming the place, never panics, and comes out as code of the expected shape. Each shape
//! is the named generated item, compared as a syntax tree (or, for a request builder, an
//! insta snapshot of it in `snapshots/`); each error, its pointer and message.

use std::time::{Duration, Instant};

use syn::parse_quote;
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

/// Every item of a generated module, those of its inline modules (`builder`) included.
fn items(source: &str) -> Vec<syn::Item> {
    fn flatten(items: Vec<syn::Item>, out: &mut Vec<syn::Item>) {
        for item in items {
            match item {
                syn::Item::Mod(syn::ItemMod {
                    content: Some((_, inner)),
                    ..
                }) => flatten(inner, out),
                other => out.push(other),
            }
        }
    }
    let mut out = Vec::new();
    flatten(
        syn::parse_file(source)
            .expect("generated code parses")
            .items,
        &mut out,
    );
    out
}

/// The struct, enum, type alias or function named `name`, with its attributes and doc comment.
fn item(source: &str, name: &str) -> syn::Item {
    items(source)
        .into_iter()
        .find(|item| match item {
            syn::Item::Struct(s) => s.ident == name,
            syn::Item::Enum(e) => e.ident == name,
            syn::Item::Type(t) => t.ident == name,
            syn::Item::Fn(f) => f.sig.ident == name,
            _ => false,
        })
        .unwrap_or_else(|| panic!("no item `{name}` in:\n{source}"))
}

/// The names of the methods of the inherent `impl` blocks of `type_name`, in order.
fn methods(source: &str, type_name: &str) -> Vec<String> {
    items(source)
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(block) if block.trait_.is_none() && self_type(block) == type_name => {
                Some(block)
            }
            _ => None,
        })
        .flat_map(|block| &block.items)
        .filter_map(|member| match member {
            syn::ImplItem::Fn(function) => Some(function.sig.ident.to_string()),
            _ => None,
        })
        .collect()
}

/// The names of the structs of the client's `builder` module.
fn builders(client: &str) -> Vec<String> {
    let file = syn::parse_file(client).expect("generated code parses");
    let builder = file
        .items
        .into_iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "builder" => Some(m.content?.1),
            _ => None,
        })
        .expect("a builder module");
    builder
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect()
}

fn self_type(block: &syn::ItemImpl) -> String {
    match &*block.self_ty {
        syn::Type::Path(path) => path.path.segments.last().unwrap().ident.to_string(),
        _ => String::new(),
    }
}

/// The inherent `impl` of `type_name` (a request builder's setters and `send`), printed.
fn impl_of(source: &str, type_name: &str) -> String {
    let block = items(source)
        .into_iter()
        .find(|item| {
            matches!(item, syn::Item::Impl(block)
                if block.trait_.is_none() && self_type(block) == type_name)
        })
        .unwrap_or_else(|| panic!("no `impl {type_name}` in:\n{source}"));
    pretty(block)
}

/// The method `name` of the inherent `impl` of `type_name`.
fn method(source: &str, type_name: &str, name: &str) -> syn::ImplItemFn {
    items(source)
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Impl(block) if block.trait_.is_none() && self_type(&block) == type_name => {
                Some(block.items)
            }
            _ => None,
        })
        .flatten()
        .find_map(|member| match member {
            syn::ImplItem::Fn(function) if function.sig.ident == name => Some(function),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no `{type_name}::{name}` in:\n{source}"))
}

/// The `string_enum!` invocation that gives the enum `name` its serde impls.
fn string_enum(types: &str, name: &str) -> syn::Item {
    items(types)
        .into_iter()
        .find(|item| match item {
            syn::Item::Macro(m) => m
                .mac
                .tokens
                .clone()
                .into_iter()
                .next()
                .is_some_and(|first| first.to_string() == name),
            _ => false,
        })
        .unwrap_or_else(|| panic!("no `string_enum! {{ {name}, … }}` in:\n{types}"))
}

/// A struct's fields only, without their doc comments: the derives and docs are another
/// test's concern.
fn fields(item: syn::Item) -> syn::FieldsNamed {
    match item {
        syn::Item::Struct(syn::ItemStruct {
            fields: syn::Fields::Named(mut fields),
            ..
        }) => {
            for field in &mut fields.named {
                field.attrs.retain(|attr| !attr.path().is_ident("doc"));
            }
            fields
        }
        other => panic!("not a struct with named fields: {}", pretty(other)),
    }
}

/// The names of a struct's fields.
fn field_names(item: syn::Item) -> Vec<String> {
    fields(item)
        .named
        .iter()
        .map(|field| field.ident.as_ref().unwrap().to_string())
        .collect()
}

/// An item as rustfmt-like text, for failure messages and snapshots.
fn pretty(item: syn::Item) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![item],
    })
}

/// The fields of struct `name` equal `expected`; on failure, shows the whole struct.
#[track_caller]
fn assert_fields(source: &str, name: &str, expected: syn::FieldsNamed) {
    let actual = item(source, name);
    assert_eq!(fields(actual.clone()), expected, "\n{}", pretty(actual));
}

/// The `send` method of request builder `name` equals `expected` as a syntax tree; on
/// failure, shows both as text.
#[track_caller]
fn assert_send(client: &str, name: &str, expected: syn::ImplItemFn) {
    let show = |function: syn::ImplItemFn| pretty(parse_quote!(impl Builder { #function }));
    assert_eq!(show(method(client, name, "send")), show(expected));
}

/// Item `name` equals `expected` as a syntax tree; on failure, shows both as text.
#[track_caller]
fn assert_item(source: &str, name: &str, expected: syn::Item) {
    assert_eq!(pretty(item(source, name)), pretty(expected));
}

/// The pointers of the fallbacks, sorted.
fn fallback_pointers(generated: &Generated) -> Vec<String> {
    generated
        .summary
        .fallbacks
        .iter()
        .map(|fallback| fallback.pointer.to_string())
        .collect()
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
    let types = generate(&document("", PARTNER)).types;
    assert_fields(
        &types,
        "Partner",
        parse_quote!({
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub name: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub subsidiary: Option<Box<Partner>>,
            pub parent: Box<Partner>,
            // A list already has a size: no box needed.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub children: Option<Vec<Partner>>,
        }),
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
    let types = generate(&document("", schemas)).types;
    assert_fields(
        &types,
        "A",
        parse_quote!({
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub b: Option<Box<B>>,
        }),
    );
    assert_fields(
        &types,
        "B",
        parse_quote!({
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub a: Option<Box<A>>,
        }),
    );
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
    let types = generate(&document("", schemas)).types;
    assert_fields(
        &types,
        "Partner",
        parse_quote!({
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub name: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub merged: Option<PartnerMerged>,
        }),
    );
    // `PartnerMerged` has Partner's properties, `merged` among them: it holds itself.
    assert_fields(
        &types,
        "PartnerMerged",
        parse_quote!({
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub name: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub merged: Option<Box<PartnerMerged>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
        }),
    );
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
    let types = generate(&document("", &schemas)).types;
    assert!(started.elapsed() < Duration::from_secs(10));
    // Every level has the properties of all 41, its own first.
    let mut all: Vec<String> = (0..40).map(|level| format!("p{level}")).collect();
    all.push("last".to_string());
    all.sort();
    for (name, own) in [("D0", "p0"), ("D39", "p39"), ("D40", "last")] {
        let mut names = field_names(item(&types, name));
        assert_eq!(names[0], own, "{name}");
        names.sort();
        assert_eq!(names, all, "{name}");
    }
    let d0 = fields(item(&types, "D0"));
    let ty = |name: &str| -> syn::Type {
        let field = d0
            .named
            .iter()
            .find(|field| field.ident.as_ref().unwrap() == name);
        field.unwrap().ty.clone()
    };
    assert_eq!(ty("p39"), parse_quote!(Option<String>));
    assert_eq!(ty("last"), parse_quote!(Option<i64>));
}

#[test]
fn schemas_that_only_name_each_other_fall_back_with_their_pointers() {
    let schemas = "    LoopA: {$ref: '#/components/schemas/LoopB'}
    LoopB: {$ref: '#/components/schemas/LoopA'}
    Tree: {type: array, items: {$ref: '#/components/schemas/Tree'}}";
    let generated = generate(&document("", schemas));
    assert_eq!(
        fallback_pointers(&generated),
        ["#/components/schemas/LoopA", "#/components/schemas/LoopB"]
    );
    assert_item(
        &generated.types,
        "LoopA",
        parse_quote!(
            #[doc = " The `LoopA` schema of the API."]
            pub type LoopA = serde_json::Value;
        ),
    );
    // An alias that names itself through a list is a newtype.
    assert_item(
        &generated.types,
        "Tree",
        parse_quote!(
            #[doc = " The `Tree` schema of the API."]
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            #[serde(crate = "self::serde", transparent)]
            pub struct Tree(pub Vec<Tree>);
        ),
    );
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
    assert_eq!(
        error.message,
        "`$ref` `#/components/schemas/Missing` names no component"
    );
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
    assert_item(
        &generated.types,
        "LoopA",
        parse_quote!(
            #[doc = " The `LoopA` schema of the API."]
            pub type LoopA = serde_json::Value;
        ),
    );
    assert_fields(
        &generated.types,
        "User",
        parse_quote!({
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub r#loop: Option<LoopA>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub merged: Option<serde_json::Value>,
        }),
    );
    assert_eq!(
        fallback_pointers(&generated),
        [
            "#/components/schemas/LoopA",
            "#/components/schemas/LoopB",
            "#/components/schemas/User/properties/merged/allOf",
        ]
    );
}

#[test]
fn a_reference_to_a_file_in_text_alone_is_an_error_naming_the_place() {
    let schemas = "    A: {$ref: 'other.yaml#/components/schemas/A'}";
    let error = error(&document("", schemas));
    assert_eq!(error.pointer.to_string(), "#/components/schemas/A/$ref");
    assert_eq!(
        error.message,
        "`other.yaml#/components/schemas/A` is in another file, which a document given as text alone cannot find: load the document from its path"
    );
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
    let send: syn::ImplItemFn = parse_quote! {
        /// Sends the request.
        pub async fn send(self) -> Result<Response<()>, Error<()>> {
            let Self { client, options } = self;
            let request = client.request(reqwest::Method::GET, "/items/:id");
            let raw = runtime::send(request, options, Self::OPERATION).await?;
            match raw.status() {
                200 => Ok(raw.empty()),
                _ => Err(raw.unexpected()),
            }
        }
    };
    assert_send(&client, "GetItem", send);
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
    let client = generate(&document(paths, "")).client;
    // Each parameter is encoded from itself, into a variable no parameter is named.
    insta::assert_snapshot!(impl_of(&client, "GetPart"));
}

#[test]
fn an_unknown_format_is_its_type_without_the_format() {
    let schemas = "    A:
      type: object
      properties:
        s: {type: string, format: x-weird}
        i: {type: integer, format: int128}
        n: {type: number, format: money}";
    let types = generate(&document("", schemas)).types;
    assert_fields(
        &types,
        "A",
        parse_quote!({
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub s: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub i: Option<i64>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub n: Option<f64>,
        }),
    );
}

#[test]
fn enum_values_that_collide_as_identifiers_get_distinct_variants() {
    let schemas =
        "    Order: {type: string, enum: [ASC, asc, '+1', '-1', '', Unknown, Self, asc], default: asc}";
    let types = generate(&document("", schemas)).types;
    assert_item(
        &types,
        "Order",
        parse_quote! {
            #[doc = " The `Order` schema of the API."]
            #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
            #[non_exhaustive]
            pub enum Order {
                /// `ASC`
                Asc,
                /// `asc`
                #[default]
                Asc2,
                /// `+1`
                Plus1,
                /// `-1`
                Minus1,
                /// ``
                Empty,
                /// `Unknown`
                Unknown,
                /// `Self`
                SelfValue,
                /// A value this version of the spec does not list, kept as sent.
                Unknown2(String),
            }
        },
    );
    // `asc` is listed twice but matched once: a second arm would be unreachable.
    assert_eq!(
        pretty(string_enum(&types, "Order")),
        pretty(parse_quote! {
            super::runtime::string_enum! {
                Order, Unknown2; Asc("ASC"), Asc2("asc"), Plus1("+1"), Minus1("-1"), Empty(""),
                Unknown("Unknown"), SelfValue("Self")
            }
        })
    );
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
    let client = generate(&document(paths, "")).client;
    assert_eq!(
        methods(&client, "GetInvoices"),
        [
            "new",
            "date_created",
            "date_created_lt",
            "date_created_gt",
            "date_created2",
            "new2",
            "send"
        ]
    );
    // Each setter's value is sent under its own wire name.
    insta::assert_snapshot!(impl_of(&client, "GetInvoices"));
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
    let client = generate(&document(paths, schemas)).client;
    // A 2xx status that is not listed takes the default.
    let send: syn::ImplItemFn = parse_quote! {
        /// Sends the request.
        pub async fn send(
            self,
        ) -> Result<Response<types::ListPetsResponse>, Error<types::Problem>> {
            let Self { client, options } = self;
            let request = client.request(reqwest::Method::GET, "/pets");
            let raw = runtime::send(request, options, Self::OPERATION).await?;
            match raw.status() {
                200 => {
                    raw.json().map(|response| response.map(types::ListPetsResponse::Ok))
                }
                status if status / 100 == 2 => {
                    raw.json()
                        .map(|response| response.map(types::ListPetsResponse::Default))
                }
                _ => runtime::failure(raw.json()),
            }
        }
    };
    assert_send(&client, "ListPets", send);
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
    let client = generate(&document(paths, schemas)).client;
    let send: syn::ImplItemFn = parse_quote! {
        /// Sends the request.
        pub async fn send(self) -> Result<Response<types::Pet>, Error<()>> {
            let Self { client, options, body } = self;
            let mut request = client.request(reqwest::Method::POST, "/pets");
            if let Some(body) = body {
                request = request.json(&body);
            }
            let raw = runtime::send(request, options, Self::OPERATION).await?;
            match raw.status() {
                200 => raw.json(),
                _ => Err(raw.unexpected()),
            }
        }
    };
    assert_send(&client, "AddPet", send);
}

#[test]
fn absurd_numbers_generate_or_fail_naming_the_keyword() {
    let schemas = "    Big:
      type: object
      properties:
        n: {type: number, minimum: -1.0e+300, maximum: 1.0e+300, default: 1.0e+300}
        i: {type: integer, format: int32, default: 18446744073709551615}";
    let types = generate(&document("", schemas)).types;
    // The float default fits; the integer one does not fit an i32, so it is not used.
    let big_n = format!("pub(super) fn big_n() -> f64 {{ 1{}f64 }}", "0".repeat(300));
    assert_eq!(
        pretty(item(&types, "big_n")),
        pretty(syn::parse_str(&big_n).unwrap())
    );
    assert_fields(
        &types,
        "Big",
        parse_quote!({
            #[serde(default = "defaults::big_n")]
            pub n: f64,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub i: Option<i32>,
        }),
    );

    // openapiv3 reads an integer bound beyond i64 as a schema of no known type: still i64.
    let beyond_i64 = "    Big: {type: integer, minimum: 1.0e+30}";
    let types = generate(&document("", beyond_i64)).types;
    assert_item(
        &types,
        "Big",
        parse_quote!(
            #[doc = " The `Big` schema of the API."]
            pub type Big = i64;
        ),
    );

    let beyond_usize = "    Big: {type: string, maxLength: 1.0e+30}";
    let error = error(&document("", beyond_usize));
    assert_eq!(
        error.pointer.to_string(),
        "#/components/schemas/Big/maxLength"
    );
    assert_eq!(
        error.message,
        "`maxLength` must be a non-negative integer, not `1e+30`"
    );
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
    // Nowhere in either module, doc comments above all: a lone `\r` ends a doc comment
    // line for rustc, and the rest becomes code.
    for source in [&generated.types, &generated.client] {
        assert_eq!(source.find('\r'), None, "{source}");
    }
    assert_item(
        &generated.types,
        "A",
        parse_quote! {
            /// one
            /// two
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum A {
                /// `a b`
                AB,
                /// `plain`
                Plain,
                /// A value this version of the spec does not list, kept as sent.
                Unknown(String),
            }
        },
    );
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
    let client = generate(&document(paths, "")).client;
    assert_eq!(
        builders(&client),
        ["Client2", "Response2", "WithHttpClient"]
    );
    assert_eq!(
        methods(&client, "Client"),
        [
            "new",
            "builder",
            "with_http_client",
            "base_url",
            "request",
            "client",
            "response",
            "with_http_client2"
        ]
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
    let types = generate(&document("", schemas)).types;
    insta::assert_snapshot!(shape_and_impls(&types, "Shape"));
}

/// The item `name` and every `impl` of it (serde's, for a tagged union), printed.
fn shape_and_impls(types: &str, name: &str) -> String {
    let mut out = pretty(item(types, name));
    for block in items(types) {
        if matches!(&block, syn::Item::Impl(i) if self_type(i) == name) {
            out.push('\n');
            out.push_str(&pretty(block));
        }
    }
    out
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
    assert_item(
        &generated.types,
        "Shape",
        parse_quote! {
            #[doc = " The `Shape` schema of the API."]
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            #[serde(crate = "self::serde", untagged)]
            #[allow(clippy::large_enum_variant)]
            #[non_exhaustive]
            pub enum Shape {
                #[doc = " The `Circle` alternative."]
                Circle(Circle),
                #[doc = " The `Triangle` alternative."]
                Triangle(ShapeTriangle),
            }
        },
    );
    assert_eq!(
        fallback_pointers(&generated),
        ["#/components/schemas/Shape/oneOf"]
    );
}

#[test]
fn a_document_nested_too_deeply_is_an_error_naming_the_place() {
    let mut schema = String::from("{type: string}");
    for _ in 0..100 {
        schema = format!("{{type: array, items: {schema}}}");
    }
    let error = error(&document("", &format!("    Deep: {schema}")));
    assert_eq!(
        error.pointer.to_string(),
        format!("#/components/schemas/Deep{}/type", "/items".repeat(60))
    );
    assert_eq!(
        error.message,
        "the document nests more than 64 levels deep here"
    );
}

#[test]
fn a_document_nested_just_within_the_limit_generates_on_a_test_thread_stack() {
    // Test threads have 2 MiB of stack, and a debug build needs the most per level.
    let depth = xcover_codegen::load::MAX_DEPTH - 6;
    let mut schema = String::from("{type: string}");
    for _ in 0..depth {
        schema = format!("{{type: array, items: {schema}}}");
    }
    let text = document("", &format!("    Deep: {schema}"));
    let generated = generate_from_str(&text, &Settings::default()).expect("generates");
    let alias = format!(
        "#[doc = \" The `Deep` schema of the API.\"] pub type Deep = {}String{};",
        "Vec<".repeat(depth),
        ">".repeat(depth)
    );
    // Parsed and compared on a thread of its own, with the stack syn needs.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            assert_item(&generated.types, "Deep", syn::parse_str(&alias).unwrap());
        })
        .unwrap()
        .join()
        .unwrap();
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
    assert_eq!(
        error.message,
        "`C0` nests types more than 100 levels deep, more than rustc can be trusted to compile: shorten the chain of schemas it starts"
    );
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
    assert_eq!(generated.summary.fallbacks, []);
    let client = &generated.client;
    let builders = ["SendForm", "SendMultipart", "PutFile"].map(|name| impl_of(client, name));
    insta::assert_snapshot!(builders.join("\n"));
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
    assert_eq!(
        fallback_pointers(&generated),
        ["#/paths/~1a/get/parameters/0"]
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
        "openapi: 3.3.0\ninfo: {title: t, version: '1'}\npaths: {}",
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
    let client = generate(&document(&paths, schemas)).client;
    // Neighbouring classes with the same outcome become one range.
    let classes: syn::ImplItemFn = parse_quote! {
        /// Sends the request.
        pub async fn send(self) -> Result<Response<String>, Error<types::Problem>> {
            let Self { client, options } = self;
            let request = client.request(reqwest::Method::GET, "/classes");
            let raw = runtime::send(request, options, Self::OPERATION).await?;
            match raw.status() {
                200 => raw.json(),
                400..=599 => runtime::failure(raw.json()),
                _ => Err(raw.unexpected()),
            }
        }
    };
    assert_send(&client, "ClassesOnly", classes);
    // A range over 404 would overlap it (a clippy warning): the 4xx class stays a guard.
    let mixed: syn::ImplItemFn = parse_quote! {
        /// Sends the request.
        pub async fn send(self) -> Result<Response<String>, Error<types::Problem>> {
            let Self { client, options } = self;
            let request = client.request(reqwest::Method::GET, "/mixed");
            let raw = runtime::send(request, options, Self::OPERATION).await?;
            match raw.status() {
                200 => raw.json(),
                404 => runtime::failure(raw.json()),
                status if status / 100 == 4 => runtime::failure(raw.json()),
                500..=599 => runtime::failure(raw.json()),
                _ => Err(raw.unexpected()),
            }
        }
    };
    assert_send(&client, "CodeInAClass", mixed);
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
    assert_eq!(error.message, "missing field `description`");
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
    assert_eq!(
        error.message,
        "the integer 99999999999999999999 does not fit in 64 bits (write it as a string, or as a decimal like 1.0e20)"
    );
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
    assert_eq!(
        error(json).message,
        "the key `type` is given twice in this mapping (a key may appear once)"
    );
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
    let out = dir.join("out").join("xcover.rs");
    let generator = xcover_codegen::Generator::new().spec(&spec);
    let denied = generator.clone().deny_fallbacks(true).write_to(&out);
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
    let summary = generator.write_to(&out).expect("generates");
    assert!(out.exists());
    assert_eq!(summary.fallbacks.len(), 1);
}
