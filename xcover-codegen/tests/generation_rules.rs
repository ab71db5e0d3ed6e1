//! What the generator makes of constructs that once gave code that did not compile, or
//! accepted a spec it should have refused: each item is compared as a syntax tree, each
//! refusal by its pointer.

use syn::parse_quote;
use xcover_codegen::{generate_from_str, Generated, Settings, SpecError};

fn document(paths: &str, schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n\
         x-idempotency: {{header: x-idempotency-key, replay-status: 409}}\n\
         paths:\n{paths}components:\n  schemas:\n{schemas}"
    )
}

fn generate(text: &str) -> Generated {
    generate_from_str(text, &Settings::default())
        .unwrap_or_else(|error| panic!("does not generate: {error}\n{text}"))
}

fn refused(text: &str, settings: &Settings) -> SpecError {
    match generate_from_str(text, settings) {
        Ok(_) => panic!("generates, but should not:\n{text}"),
        Err(error) => error,
    }
}

/// Where the generator fell back, in order.
fn fallback_pointers(generated: &Generated) -> Vec<String> {
    generated
        .summary
        .fallbacks
        .iter()
        .map(|fallback| fallback.pointer.to_string())
        .collect()
}

/// The item named `name` in a generated module, with its attributes and doc comment.
fn item(source: &str, name: &str) -> syn::Item {
    let file = syn::parse_file(source).expect("generated code parses");
    find(&file.items, name).unwrap_or_else(|| panic!("no item `{name}` in:\n{source}"))
}

fn find(items: &[syn::Item], name: &str) -> Option<syn::Item> {
    items.iter().find_map(|item| match item {
        syn::Item::Struct(s) if s.ident == name => Some(item.clone()),
        syn::Item::Type(t) if t.ident == name => Some(item.clone()),
        syn::Item::Mod(m) => find(&m.content.as_ref()?.1, name),
        _ => None,
    })
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
        other => panic!("not a struct: {}", quote::quote!(#other)),
    }
}

const PET_PATHS: &str = "  /pets:
    post:
      operationId: createPet
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
  /owners:
    get:
      operationId: getOwner
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Owner'}}}}
  /tokens:
    post:
      operationId: createToken
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Token'}}}
      responses:
        '204': {description: done}
";

const PET_SCHEMAS: &str = "    Pet:
      type: object
      required: [id, name, password]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string}
        password: {type: string, writeOnly: true}
    Owner:
      type: object
      required: [id, secret]
      properties:
        id: {type: integer, readOnly: true}
        secret: {type: string, writeOnly: true}
    Token:
      type: object
      required: [id, secret]
      properties:
        id: {type: integer, readOnly: true}
        secret: {type: string, writeOnly: true}
";

#[test]
fn read_only_is_optional_where_sent_and_write_only_where_received() {
    let types = generate(&document(PET_PATHS, PET_SCHEMAS)).types;
    // Sent and received: both one-way properties are optional.
    let pet: syn::FieldsNamed = parse_quote!({
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<i64>,
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub password: Option<String>,
    });
    assert_eq!(fields(item(&types, "Pet")), pet);
    // Only received: a read-only property stays required.
    let owner: syn::FieldsNamed = parse_quote!({
        pub id: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub secret: Option<String>,
    });
    assert_eq!(fields(item(&types, "Owner")), owner);
    // Only sent: a write-only property stays required.
    let token: syn::FieldsNamed = parse_quote!({
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<i64>,
        pub secret: String,
    });
    assert_eq!(fields(item(&types, "Token")), token);
}

#[test]
fn an_all_of_part_holding_only_a_title_adds_nothing_to_the_object_beside_it() {
    let schemas = "    Pet:
      type: object
      required: [name]
      properties: {name: {type: string}}
      allOf:
        - title: A pet
          description: Something with a name.
    Tagged:
      allOf:
        - {$ref: '#/components/schemas/Pet'}
        - description: Only words.
";
    let generated = generate(&document("  {}\n", schemas));
    let pet: syn::FieldsNamed = parse_quote!({ pub name: String, });
    assert_eq!(fields(item(&generated.types, "Pet")), pet);
    assert_eq!(
        item(&generated.types, "Tagged"),
        parse_quote!(
            #[doc = " The `Tagged` schema of the API."]
            pub type Tagged = Pet;
        )
    );
    assert_eq!(generated.summary.fallbacks, []);
}

#[test]
fn an_idempotency_key_is_text_whatever_string_format_it_has() {
    let paths = "  /pets:
    post:
      operationId: createPet
      parameters:
        - {name: x-idempotency-key, in: header, schema: {type: string, format: uuid}}
      responses:
        '204': {description: done}
";
    let client = generate(&document(paths, "    Unused: {type: string}\n")).client;
    let builder: syn::FieldsNamed = parse_quote!({
        client: &'a Client,
        options: runtime::RequestOptions,
        idempotency_key: Option<String>,
    });
    assert_eq!(fields(item(&client, "CreatePet")), builder);
}

#[test]
fn an_idempotency_header_of_another_type_is_an_ordinary_header_and_a_fallback() {
    for (schema, ty) in [
        ("{type: integer}", quote::quote!(Option<i64>)),
        (
            "{type: array, items: {type: string}}",
            quote::quote!(Option<Vec<String>>),
        ),
    ] {
        let paths = format!(
            "  /pets:
    post:
      operationId: createPet
      parameters:
        - {{name: x-idempotency-key, in: header, schema: {schema}}}
      responses:
        '204': {{description: done}}
"
        );
        let generated = generate(&document(&paths, "    Unused: {type: string}\n"));
        let builder: syn::FieldsNamed = parse_quote!({
            client: &'a Client,
            options: runtime::RequestOptions,
            x_idempotency_key: #ty,
        });
        assert_eq!(fields(item(&generated.client, "CreatePet")), builder);
        let pointers = fallback_pointers(&generated);
        assert_eq!(pointers, ["#/paths/~1pets/post/parameters/0"]);
    }
}

/// `count` schemas, each holding the next, optionally or not.
fn chain(count: usize, required: bool) -> String {
    let required = if required { "[next]" } else { "[]" };
    let mut schemas = String::new();
    for link in 0..count {
        let next = link + 1;
        schemas.push_str(&format!(
            "    S{link}: {{type: object, required: {required}, properties: {{next: {{$ref: '#/components/schemas/S{next}'}}}}}}\n"
        ));
    }
    schemas.push_str(&format!("    S{count}: {{type: string}}\n"));
    schemas
}

#[test]
fn a_chain_of_schemas_rustc_could_not_compile_is_refused_at_its_start() {
    // 80 structs each holding the next in an `Option`: 160 levels, past rustc's 128.
    let error = refused(&document("  {}\n", &chain(80, false)), &Settings::default());
    assert_eq!(error.pointer.to_string(), "#/components/schemas/S0");
    // Thousands of links are refused as quickly, on a test thread's stack.
    let error = refused(
        &document("  {}\n", &chain(5000, true)),
        &Settings::default(),
    );
    assert_eq!(error.pointer.to_string(), "#/components/schemas/S0");
    // 80 required links are 81 levels: generated (and compiled by `robustness_compile`).
    generate(&document("  {}\n", &chain(80, true)));
}

#[test]
fn arrays_nested_past_rustcs_limit_through_named_schemas_are_refused() {
    let mut schemas = String::from(
        "    Holder: {type: object, properties: {a: {$ref: '#/components/schemas/A0'}}}\n",
    );
    for level in 0..130 {
        let next = level + 1;
        schemas.push_str(&format!(
            "    A{level}: {{type: array, items: {{$ref: '#/components/schemas/A{next}'}}}}\n"
        ));
    }
    schemas.push_str("    A130: {type: string}\n");
    let error = refused(&document("  {}\n", &schemas), &Settings::default());
    assert_eq!(error.pointer.to_string(), "#/components/schemas/Holder");
}

#[test]
fn an_unknown_type_is_refused_at_its_keyword() {
    let error = refused(
        &document(
            "  {}\n",
            "    Pet: {type: object, properties: {name: {type: strng}}}\n",
        ),
        &Settings::default(),
    );
    assert_eq!(
        error.pointer.to_string(),
        "#/components/schemas/Pet/properties/name/type"
    );
}

#[test]
fn a_status_that_is_not_http_is_refused_at_its_key() {
    let paths = "  /pets:
    get:
      responses:
        '999': {description: never}
        'abc': {description: never either}
";
    let error = refused(
        &document(paths, "    Unused: {type: string}\n"),
        &Settings::default(),
    );
    assert_eq!(
        error.pointer.to_string(),
        "#/paths/~1pets/get/responses/999"
    );
}

#[test]
fn a_client_parameter_no_path_has_is_refused() {
    let settings = Settings {
        client_params: vec!["partner_id".to_string()],
        ..Settings::default()
    };
    let error = refused(&document(PET_PATHS, PET_SCHEMAS), &settings);
    assert_eq!(error.pointer.to_string(), "#/paths");
    assert!(error.message.contains("`partner_id`"), "{error}");
}

#[test]
fn a_union_of_nothing_but_null_is_a_fallback() {
    let generated = generate(&document(
        "  {}\n",
        "    Nothing: {oneOf: [{nullable: true}]}\n    Empty: {anyOf: []}\n",
    ));
    let pointers = fallback_pointers(&generated);
    assert_eq!(
        pointers,
        [
            "#/components/schemas/Empty/anyOf",
            "#/components/schemas/Nothing/oneOf"
        ]
    );
}

#[test]
fn a_patch_body_reaches_the_types_of_its_extra_properties() {
    // In a PATCH body, absent and `null` differ, also in the values of a map of extra
    // properties: their optional nullable fields are `Option<Option<T>>`.
    let paths = "  /settings:
    patch:
      operationId: updateSettings
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Settings'}}}
      responses:
        '204': {description: done}
";
    let schemas = "    Settings:
      type: object
      properties: {name: {type: string}}
      additionalProperties: {$ref: '#/components/schemas/Setting'}
    Setting:
      type: object
      properties: {value: {type: string, nullable: true}}
";
    let types = generate(&document(paths, schemas)).types;
    let setting: syn::FieldsNamed = parse_quote!({
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "super::runtime::double_option"
        )]
        pub value: Option<Option<String>>,
    });
    assert_eq!(fields(item(&types, "Setting")), setting);
}

/// The tokens of the runtime macro call `macro_name! { name … }`, as text.
fn macro_call(source: &str, macro_name: &str, name: &str) -> String {
    let file = syn::parse_file(source).expect("generated code parses");
    file.items
        .iter()
        .find_map(|item| match item {
            syn::Item::Macro(call)
                if call.mac.path.segments.last().unwrap().ident == macro_name
                    && call
                        .mac
                        .tokens
                        .clone()
                        .into_iter()
                        .next()
                        .map(|t| t.to_string())
                        == Some(name.to_string()) =>
            {
                Some(call.mac.tokens.to_string())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no `{macro_name}! {{ {name} … }}` in:\n{source}"))
}

/// The names of the structs a module defines, sorted.
fn struct_names(source: &str) -> Vec<String> {
    let file = syn::parse_file(source).expect("generated code parses");
    let mut names: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    names.sort();
    names
}

#[test]
fn names_do_not_depend_on_the_order_of_the_document_and_x_rust_name_settles_a_clash() {
    let pet = "    Pet:\n      type: object\n      properties: {name: {type: string}}\n";
    let lower = "    pet:\n      type: object\n      properties: {age: {type: integer}}\n";
    let first = generate(&document("  {}\n", &format!("{pet}{lower}"))).types;
    let second = generate(&document("  {}\n", &format!("{lower}{pet}"))).types;
    // The schema already named `Pet` keeps the name, wherever it is.
    for types in [&first, &second] {
        assert_eq!(struct_names(types), ["Pet", "Pet2"]);
        assert_eq!(field_names(item(types, "Pet")), ["name"]);
    }
    let chosen = lower.replace(
        "type: object\n",
        "type: object\n      x-rust-name: Animal\n",
    );
    let types = generate(&document("  {}\n", &format!("{pet}{chosen}"))).types;
    assert_eq!(struct_names(&types), ["Animal", "Pet"]);
    assert_eq!(field_names(item(&types, "Animal")), ["age"]);
}

fn field_names(item: syn::Item) -> Vec<String> {
    fields(item)
        .named
        .iter()
        .map(|field| field.ident.as_ref().unwrap().to_string())
        .collect()
}

#[test]
fn a_discriminated_variant_sets_its_own_tag_and_converts_into_its_union() {
    let schemas = "    Pet:
      oneOf:
        - {$ref: '#/components/schemas/CatPet'}
        - {$ref: '#/components/schemas/DogPet'}
      discriminator:
        propertyName: kind
        mapping: {cat: '#/components/schemas/CatPet', dog: '#/components/schemas/DogPet'}
    CatPet:
      type: object
      required: [kind, lives]
      properties: {kind: {type: string}, lives: {type: integer}, name: {type: string}}
    DogPet:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
";
    let types = generate(&document("  {}\n", schemas)).types;
    let tokens = |tokens: proc_macro2::TokenStream| tokens.to_string();
    assert_eq!(
        macro_call(&types, "record", "CatPet"),
        tokens(
            quote::quote!(CatPet::new(lives: i64) tag { kind = "cat" } some { name: String, } set {})
        )
    );
    // The variants don't repeat the union's name, and each type converts into the union.
    assert_eq!(
        macro_call(&types, "union_from", "Pet"),
        tokens(quote::quote!(Pet; Cat(CatPet), Dog(DogPet),))
    );
}
