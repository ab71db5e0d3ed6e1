//! One test per kind of change: what is reported, how severe it is, and where it points.

mod fixtures {
    pub mod cases;
    pub mod named;
}

use fixtures::cases::document;
use fixtures::named::{case, forward};
use xcover_diff::{Change, ChangeKind, Element, Report, Scope, Severity};

/// NEW → OLD of a case.
fn backward(name: &str) -> Report {
    let case = case(name);
    xcover_diff::diff(&document(case.new), &document(case.old))
}

/// The only change of a report.
fn single(report: &Report) -> &Change {
    assert_eq!(
        report.changes.len(),
        1,
        "expected exactly one change:\n{}",
        report.to_markdown()
    );
    &report.changes[0]
}

/// Asserts what a change is.
fn assert_is(change: &Change, kind: ChangeKind, element: Element, severity: Severity) {
    assert_eq!(
        (change.kind, change.element, change.severity),
        (kind, element, severity),
        "{change:#?}"
    );
}

fn values(change: &Change) -> (Option<&str>, Option<&str>) {
    (change.old.as_deref(), change.new.as_deref())
}

fn pointers(change: &Change) -> (Option<&str>, Option<&str>) {
    (change.old_pointer.as_deref(), change.new_pointer.as_deref())
}

#[test]
fn added_operation_is_additive_and_removed_one_breaking() {
    let report = forward("operation_added");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::Operation,
        Severity::Additive,
    );
    assert_eq!(values(change), (None, Some("create_quote")));
    assert_eq!(pointers(change), (None, Some("/paths/~1quotes/post")));
    assert_eq!(
        change.scope,
        Scope::Operation {
            method: "POST".into(),
            path: "/quotes".into(),
            operation_id: Some("createQuote".into())
        }
    );

    let report = backward("operation_added");
    assert_is(
        single(&report),
        ChangeKind::Removed,
        Element::Operation,
        Severity::Breaking,
    );
}

#[test]
fn new_operation_id_on_the_same_endpoint_is_a_breaking_rename() {
    let report = forward("operation_renamed");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Renamed,
        Element::Operation,
        Severity::Breaking,
    );
    assert_eq!(values(change), (Some("get_quote"), Some("retrieve_quote")));
    assert_eq!(
        pointers(change),
        (
            Some("/paths/~1quotes~1{id}/get/operationId"),
            Some("/paths/~1quotes~1{id}/get/operationId")
        )
    );
}

#[test]
fn same_operation_id_at_a_new_path_keeps_the_method() {
    let report = forward("operation_moved");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Changed,
        Element::Operation,
        Severity::Patch,
    );
    assert_eq!(
        values(change),
        (Some("GET /quotes/{id}"), Some("GET /quote-packages/{id}"))
    );
}

#[test]
fn deprecation_is_a_patch() {
    let report = forward("operation_deprecated");
    assert_is(
        single(&report),
        ChangeKind::Deprecated,
        Element::Operation,
        Severity::Patch,
    );
}

#[test]
fn new_summary_is_a_doc_change() {
    let report = forward("summary_changed");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::DocChanged,
        Element::Operation,
        Severity::Patch,
    );
    assert_eq!(change.location, "summary");
    assert_eq!(
        change.new.as_deref(),
        Some("Opt out of a specific booking.")
    );
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("/paths/~1bookings~1{id}~1opt_out/post/summary")
    );
}

#[test]
fn renamed_path_parameter_stays_positional() {
    let report = forward("path_parameter_renamed");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Renamed,
        Element::Parameter,
        Severity::Patch,
    );
    assert_eq!(values(change), (Some("id"), Some("quote_id")));
}

#[test]
fn new_pattern_on_a_path_parameter_is_a_constraint_change() {
    let report = forward("path_parameter_pattern");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::ConstraintChanged,
        Element::Schema,
        Severity::Patch,
    );
    assert_eq!(change.location, "`pattern` of path parameter `partner_id`");
    assert_eq!(values(change), (None, Some("^[A-Z0-9]+$")));
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("/paths/~1partners~1{partner_id}~1quotes/post/parameters/0/schema/pattern")
    );
}

#[test]
fn new_optional_query_parameter_is_additive() {
    let report = forward("query_parameter_added_optional");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::Parameter,
        Severity::Additive,
    );
    assert_eq!(change.location, "query parameter `extra_fields`");
    assert_eq!(values(change), (None, Some("Option<String>")));
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("/paths/~1quotes/post/parameters/1")
    );

    let report = backward("query_parameter_added_optional");
    assert_is(
        single(&report),
        ChangeKind::Removed,
        Element::Parameter,
        Severity::Breaking,
    );
}

#[test]
fn new_required_query_parameter_is_breaking() {
    let report = forward("query_parameter_added_required");
    assert_is(
        single(&report),
        ChangeKind::Added,
        Element::Parameter,
        Severity::Breaking,
    );
}

#[test]
fn parameter_made_required_breaks_and_made_optional_adds() {
    let report = forward("parameter_made_required");
    assert_is(
        single(&report),
        ChangeKind::MadeRequired,
        Element::Parameter,
        Severity::Breaking,
    );
    let report = backward("parameter_made_required");
    assert_is(
        single(&report),
        ChangeKind::MadeOptional,
        Element::Parameter,
        Severity::Additive,
    );
}

#[test]
fn retyped_parameter_is_breaking() {
    let report = forward("parameter_retyped");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Retyped,
        Element::Schema,
        Severity::Breaking,
    );
    assert_eq!(values(change), (Some("String"), Some("i64")));
    assert_eq!(change.location, "query parameter `page`");
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("/paths/~1quotes/get/parameters/0/schema")
    );
}

#[test]
fn header_names_ignore_case() {
    assert!(forward("header_name_case").is_empty());
}

#[test]
fn shared_parameter_change_is_reported_once() {
    let report = forward("shared_parameter_pattern");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::ConstraintChanged,
        Element::Schema,
        Severity::Patch,
    );
    assert_eq!(
        change.scope,
        Scope::Component {
            section: "parameters".into(),
            name: "PartnerId".into()
        }
    );
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("/components/parameters/PartnerId/schema/pattern")
    );
}

#[test]
fn new_required_request_body_is_breaking() {
    let report = forward("request_body_added");
    assert_is(
        single(&report),
        ChangeKind::Added,
        Element::RequestBody,
        Severity::Breaking,
    );
}

#[test]
fn request_body_made_required_is_breaking() {
    let report = forward("request_body_made_required");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::MadeRequired,
        Element::RequestBody,
        Severity::Breaking,
    );
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("/paths/~1quotes/post/requestBody")
    );
}

#[test]
fn new_media_type_is_additive() {
    let report = forward("media_type_added");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::MediaType,
        Severity::Additive,
    );
    assert_eq!(values(change), (None, Some("multipart/form-data")));
}

#[test]
fn new_status_is_additive_and_removed_one_breaking() {
    let report = forward("response_added");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::Response,
        Severity::Additive,
    );
    assert_eq!(change.location, "response `404`");
    let report = backward("response_added");
    assert_is(
        single(&report),
        ChangeKind::Removed,
        Element::Response,
        Severity::Breaking,
    );
}

#[test]
fn response_pointing_at_another_schema_is_retyped() {
    let report = forward("response_retyped");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Retyped,
        Element::Schema,
        Severity::Breaking,
    );
    assert_eq!(values(change), (Some("Quote"), Some("QuotePackage")));
    assert_eq!(change.location, "response `200`");
}

#[test]
fn new_optional_field_is_additive() {
    let report = forward("property_added_optional");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::Property,
        Severity::Additive,
    );
    assert_eq!(change.location, "field `note`");
    assert_eq!(values(change), (None, Some("Option<String>")));
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("/components/schemas/Quote/properties/note")
    );
}

#[test]
fn new_required_field_breaks_callers_that_build_the_type() {
    let report = forward("property_added_required_request");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::Property,
        Severity::Breaking,
    );
    assert_eq!(values(change), (None, Some("String")));
}

#[test]
fn new_required_field_in_a_received_type_is_additive() {
    let report = forward("property_added_required_response");
    assert_is(
        single(&report),
        ChangeKind::Added,
        Element::Property,
        Severity::Additive,
    );
}

#[test]
fn removed_field_is_breaking() {
    let report = backward("property_added_optional");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Removed,
        Element::Property,
        Severity::Breaking,
    );
    assert_eq!(
        change.old_pointer.as_deref(),
        Some("/components/schemas/Quote/properties/note")
    );
}

#[test]
fn field_made_required_changes_its_option() {
    let report = forward("property_made_required");
    assert_is(
        single(&report),
        ChangeKind::MadeRequired,
        Element::Property,
        Severity::Breaking,
    );
    let report = backward("property_made_required");
    assert_is(
        single(&report),
        ChangeKind::MadeOptional,
        Element::Property,
        Severity::Breaking,
    );
}

#[test]
fn required_response_field_made_nullable_breaks_readers() {
    let report = forward("property_made_nullable_required");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::MadeNullable,
        Element::Property,
        Severity::Breaking,
    );
    assert_eq!(change.location, "field `price`");
}

#[test]
fn optional_field_made_nullable_stays_an_option() {
    let report = forward("property_made_nullable_optional");
    assert_is(
        single(&report),
        ChangeKind::MadeNullable,
        Element::Property,
        Severity::Patch,
    );
}

#[test]
fn retyped_field_is_breaking() {
    let report = forward("property_retyped");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Retyped,
        Element::Schema,
        Severity::Breaking,
    );
    assert_eq!(values(change), (Some("String"), Some("i64")));
    assert_eq!(change.location, "field `duration`");
}

#[test]
fn format_that_changes_the_rust_type_is_a_retype() {
    let report = forward("property_format_retyped");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Retyped,
        Element::Schema,
        Severity::Breaking,
    );
    assert_eq!(
        values(change),
        (Some("String"), Some("DateTime<FixedOffset>"))
    );
}

#[test]
fn nested_fields_are_named_by_their_path() {
    let report = forward("nested_property_removed");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Removed,
        Element::Property,
        Severity::Breaking,
    );
    assert_eq!(change.location, "field `price.formatted`");
    assert_eq!(
        change.old_pointer.as_deref(),
        Some("/components/schemas/Quote/properties/price/properties/formatted")
    );
}

#[test]
fn validation_keywords_are_patches() {
    let report = forward("pattern_added");
    let locations: Vec<&str> = report.changes.iter().map(|c| c.location.as_str()).collect();
    assert_eq!(
        locations,
        ["`pattern` of field `code`", "`maxLength` of field `code`"]
    );
    assert!(report
        .changes
        .iter()
        .all(|c| c.kind == ChangeKind::ConstraintChanged && c.severity == Severity::Patch));
}

#[test]
fn added_enum_values_are_additive_and_removed_ones_breaking() {
    let report = forward("enum_value_added");
    assert_eq!(report.changes.len(), 2);
    for (change, (value, index)) in report.changes.iter().zip([("AFN", 0), ("AZN", 2)]) {
        assert_is(
            change,
            ChangeKind::Added,
            Element::EnumValue,
            Severity::Additive,
        );
        assert_eq!(change.new.as_deref(), Some(value));
        let pointer = format!("/components/schemas/Currency/enum/{index}");
        assert_eq!(change.new_pointer.as_deref(), Some(pointer.as_str()));
    }
    let report = backward("enum_value_added");
    assert!(report
        .changes
        .iter()
        .all(|c| c.kind == ChangeKind::Removed && c.severity == Severity::Breaking));
}

#[test]
fn string_that_becomes_an_enum_is_retyped() {
    let report = forward("string_became_enum");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Retyped,
        Element::Schema,
        Severity::Breaking,
    );
    assert_eq!(values(change), (Some("String"), Some("inline enum")));
}

#[test]
fn renamed_schema_is_one_breaking_rename() {
    let report = forward("schema_renamed");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Renamed,
        Element::Schema,
        Severity::Breaking,
    );
    assert_eq!(values(change), (Some("Currency"), Some("CurrencyEnum")));
    assert_eq!(
        pointers(change),
        (
            Some("/components/schemas/Currency"),
            Some("/components/schemas/CurrencyEnum")
        )
    );
    assert_eq!(
        change.scope,
        Scope::Schema {
            name: "CurrencyEnum".into()
        }
    );
}

#[test]
fn renamed_schema_with_new_values_is_a_rename_plus_those_values() {
    let report = forward("schema_renamed_and_changed");
    let kinds: Vec<(ChangeKind, Element)> =
        report.changes.iter().map(|c| (c.kind, c.element)).collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::Renamed, Element::Schema),
            (ChangeKind::Added, Element::EnumValue)
        ]
    );
    let value = &report.changes[1];
    assert_eq!(value.new.as_deref(), Some("GBP"));
    assert_eq!(
        value.new_pointer.as_deref(),
        Some("/components/schemas/CurrencyEnum/enum/2")
    );
}

#[test]
fn renames_are_found_through_renamed_references() {
    let report = forward("nested_schemas_renamed");
    let renames: Vec<(Option<&str>, Option<&str>)> = report
        .changes
        .iter()
        .inspect(|c| assert_eq!(c.kind, ChangeKind::Renamed, "{}", report.to_markdown()))
        .map(values)
        .collect();
    assert_eq!(
        renames,
        [
            (Some("Amount"), Some("Money")),
            (Some("Price"), Some("PriceV2"))
        ]
    );
}

#[test]
fn different_shapes_are_not_a_rename() {
    let report = forward("schema_replaced");
    let kinds: Vec<(ChangeKind, Element)> =
        report.changes.iter().map(|c| (c.kind, c.element)).collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::Removed, Element::Schema),
            (ChangeKind::Retyped, Element::Schema),
            (ChangeKind::Added, Element::Schema),
        ],
        "{}",
        report.to_markdown()
    );
}

#[test]
fn new_variant_of_a_received_union_is_breaking() {
    let report = forward("one_of_variant_added");
    let variant = report
        .changes
        .iter()
        .find(|c| c.element == Element::Variant)
        .expect("a variant change");
    assert_is(
        variant,
        ChangeKind::Added,
        Element::Variant,
        Severity::Breaking,
    );
    assert_eq!(variant.new.as_deref(), Some("Wallet"));
    assert_eq!(
        variant.new_pointer.as_deref(),
        Some("/components/schemas/Payment/oneOf/2")
    );
}

#[test]
fn new_discriminator_is_breaking() {
    let report = forward("discriminator_changed");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Changed,
        Element::Schema,
        Severity::Breaking,
    );
    assert_eq!(values(change), (Some("kind []"), Some("type []")));
}

#[test]
fn nullable_items_change_the_item_type() {
    let report = forward("items_made_nullable");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::MadeNullable,
        Element::Schema,
        Severity::Breaking,
    );
    assert_eq!(change.location, "field `tags[]`");
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("/components/schemas/Booking/properties/tags/items")
    );
}

#[test]
fn retyped_map_values_are_breaking() {
    let report = forward("map_value_retyped");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Retyped,
        Element::Schema,
        Severity::Breaking,
    );
    assert_eq!(
        values(change),
        (
            Some("HashMap<String, String>"),
            Some("HashMap<String, i64>")
        )
    );
}

#[test]
fn nullable_ref_wrapper_is_seen_through() {
    let report = forward("nullable_wrapper_kept");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::DocChanged,
        Element::Schema,
        Severity::Patch,
    );
    assert_eq!(change.location, "description of field `commission`");
}

#[test]
fn new_security_scheme_is_additive() {
    let report = forward("security_scheme_added");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::SecurityScheme,
        Severity::Additive,
    );
    assert_eq!(values(change), (None, Some("API key in header X-Api-Key")));
    assert_eq!(change.scope, Scope::Security);
}

#[test]
fn renamed_security_scheme_is_one_rename() {
    let report = forward("security_scheme_renamed");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Renamed,
        Element::SecurityScheme,
        Severity::Patch,
    );
    assert_eq!(
        values(change),
        (Some("HMACSignature"), Some("HMACAuthentication"))
    );
}

#[test]
fn security_scheme_moved_elsewhere_is_breaking() {
    let report = forward("security_scheme_changed");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Changed,
        Element::SecurityScheme,
        Severity::Breaking,
    );
    assert_eq!(
        values(change),
        (
            Some("API key in header X-Api-Key"),
            Some("API key in query api_key")
        )
    );
}

#[test]
fn newly_required_authentication_is_breaking() {
    let report = forward("security_now_required");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::SecurityRequirement,
        Severity::Breaking,
    );
    assert_eq!(change.new_pointer.as_deref(), Some("/security/0"));
}

#[test]
fn servers_added_and_moved() {
    let report = forward("server_added");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::Server,
        Severity::Additive,
    );
    assert_eq!(change.new_pointer.as_deref(), Some("/servers/1"));

    let report = forward("server_url_changed");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Changed,
        Element::Server,
        Severity::Patch,
    );
    assert_eq!(
        values(change),
        (
            Some("https://staging.api.xcover.com/xcover"),
            Some("https://sandbox.xcover.com/xcover")
        )
    );
}

#[test]
fn new_webhook_event_is_additive() {
    let report = forward("webhook_added");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::Webhook,
        Severity::Additive,
    );
    assert_eq!(values(change), (None, Some("BookingWebhook")));
    assert_eq!(
        change.scope,
        Scope::Webhook {
            event: "BOOKING_CANCELLED".into()
        }
    );
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("/x-webhooks/BOOKING_CANCELLED")
    );
}

#[test]
fn new_required_payload_field_is_additive_for_the_reader() {
    let report = forward("webhook_payload_field_added");
    let change = single(&report);
    assert_is(
        change,
        ChangeKind::Added,
        Element::Property,
        Severity::Additive,
    );
    assert_eq!(change.location, "payload field `event`");
}

#[test]
fn new_variant_of_a_discriminated_union_is_additive() {
    let spec = |extra: &str| {
        format!(
            r#"
openapi: 3.0.3
info: {{title: t, version: '1'}}
paths:
  /payments/{{id}}:
    get:
      operationId: getPayment
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: string}}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Payment'}}
components:
  schemas:
    Card: {{type: object, properties: {{kind: {{type: string}}}}}}
    Wallet: {{type: object, properties: {{kind: {{type: string}}}}}}
    Payment:
      discriminator: {{propertyName: kind}}
      oneOf:
        - $ref: '#/components/schemas/Card'{extra}
"#
        )
    };
    let old = xcover_diff::load_str(&spec("")).unwrap();
    let new =
        xcover_diff::load_str(&spec("\n        - $ref: '#/components/schemas/Wallet'")).unwrap();
    let report = xcover_diff::diff(&old, &new);
    let variant = report
        .changes
        .iter()
        .find(|c| c.element == Element::Variant)
        .expect("a variant change");
    assert_is(
        variant,
        ChangeKind::Added,
        Element::Variant,
        Severity::Additive,
    );
}

#[test]
fn a_discriminator_mapping_that_only_gains_tags_is_additive_and_a_remapped_tag_breaking() {
    let spec = |mapping: &str, members: &str| {
        format!(
            r#"openapi: 3.0.3
info: {{title: t, version: '1'}}
paths: {{}}
components:
  schemas:
    Card: {{type: object, properties: {{kind: {{type: string}}}}}}
    Wallet: {{type: object, properties: {{kind: {{type: string}}}}}}
    Payment:
      discriminator: {{propertyName: kind, mapping: {{{mapping}}}}}
      oneOf: [{members}]
"#
        )
    };
    let both = "{$ref: '#/components/schemas/Card'}, {$ref: '#/components/schemas/Wallet'}";
    let old = xcover_diff::load_str(&spec(
        "card: '#/components/schemas/Card'",
        "{$ref: '#/components/schemas/Card'}",
    ))
    .unwrap();
    let discriminator = |report: &Report| {
        report
            .changes
            .iter()
            .find(|change| {
                change.old_pointer.as_deref() == Some("/components/schemas/Payment/discriminator")
            })
            .map(|change| change.severity)
    };
    let extended = xcover_diff::load_str(&spec(
        "card: '#/components/schemas/Card', wallet: '#/components/schemas/Wallet'",
        both,
    ))
    .unwrap();
    assert_eq!(
        discriminator(&xcover_diff::diff(&old, &extended)),
        Some(Severity::Additive)
    );
    let remapped =
        xcover_diff::load_str(&spec("card: '#/components/schemas/Wallet'", both)).unwrap();
    assert_eq!(
        discriminator(&xcover_diff::diff(&old, &remapped)),
        Some(Severity::Breaking)
    );
}
