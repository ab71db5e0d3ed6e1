//! The XCover OpenAPI documents against real traffic.
//!
//! Each OpenAPI schema is converted to JSON Schema (draft 2020-12, `support/json_schema.rs`) and
//! checked with the `jsonschema` crate:
//! - every 2019 recording in `tests/fixtures/recordings-2019/` (response bodies, recorded request
//!   bodies and the SDK's `sample-*.json` bodies) against `spec/xcover-2.16.0.yaml`;
//! - the reference's example payload of every webhook event against every version;
//! - 2021-shaped bodies (built from the field inventory of the 2021 recordings) against the
//!   newer versions.
//!
//! The check is strict: objects that don't declare `additionalProperties` are closed during the
//! conversion, so a field the document forgot fails as surely as a wrong type or a missing
//! `nullable`. `a_wrong_schema_fails` proves it by breaking the document on purpose.

mod support {
    pub mod json_schema;
    pub mod per_version;
    pub mod recordings;
    pub mod repo;
    pub mod spec_json;
    pub mod specs;
}

use std::sync::LazyLock;

use serde_json::{json, Map, Value};
use support::json_schema::Checker;
use support::per_version::PerVersion;
use support::recordings::{matches_template, recording_files};
use support::repo::{read, root};
use support::spec_json::spec_json;
use support::specs::VERSIONS;

const NEWER: [&str; 4] = ["2.77.4", "2.107.2", "2.138.1", "2.152.1"];

/// The strict checker of the document of `version`, built once for all the tests.
fn checker(version: &str) -> &'static Checker {
    static CHECKERS: PerVersion<Checker> = PerVersion::new();
    CHECKERS.get(version, || Checker::new(spec_json(version), true))
}

fn assert_valid(checker: &Checker, component: &str, instance: &Value, what: &str) {
    let errors = checker.errors_for(component, instance);
    assert!(
        errors.is_empty(),
        "{what} does not validate against {component}:\n{}",
        errors.join("\n")
    );
}

fn assert_invalid(checker: &Checker, component: &str, instance: &Value, what: &str) {
    assert!(
        !checker.errors_for(component, instance).is_empty(),
        "{what} should NOT validate against {component}"
    );
}

// ---------------------------------------------------------------------------------------------
// Recordings
// ---------------------------------------------------------------------------------------------

struct Exchange {
    file: String,
    method: String,
    /// Path below the API prefix, without the query string.
    path: String,
    status: String,
    request_body: Option<Value>,
    response_body: Option<Value>,
}

fn parse_body(body: &Value) -> Option<Value> {
    match body.as_str() {
        None | Some("") => None,
        Some(text) => Some(serde_json::from_str(text).expect("body is JSON")),
    }
}

/// Every recorded exchange, read once for all the tests.
fn recordings() -> &'static [Exchange] {
    static RECORDINGS: LazyLock<Vec<Exchange>> = LazyLock::new(read_recordings);
    &RECORDINGS
}

fn read_recordings() -> Vec<Exchange> {
    let mut out = Vec::new();
    for file in recording_files() {
        let text = read(&file);
        let entries: Vec<Value> = serde_json::from_str(&text).unwrap();
        let name = file.file_name().unwrap().to_str().unwrap().to_owned();
        for entry in entries {
            let request = &entry["request"];
            let url = request["url"].as_str().unwrap();
            let path = url
                .split_once("/xcover/")
                .map(|(_, rest)| format!("/{rest}"))
                .expect("recorded URL under the /xcover prefix");
            let path = path.split('?').next().unwrap().to_owned();
            out.push(Exchange {
                file: name.clone(),
                method: request["method"].as_str().unwrap().to_lowercase(),
                path,
                status: entry["response"]["status"]["code"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                request_body: parse_body(&request["body"]),
                response_body: parse_body(&entry["response"]["body"]),
            });
        }
    }
    assert!(
        out.len() > 50,
        "only {} recorded exchanges found",
        out.len()
    );
    out
}

/// SDK plumbing tests (`GET`/`POST /partners/{id}/`), not API operations.
fn is_plumbing(exchange: &Exchange) -> bool {
    exchange.path.split('/').filter(|s| !s.is_empty()).count() == 2
}

fn find_operation<'a>(doc: &'a Value, method: &str, path: &str) -> Option<(&'a str, &'a Value)> {
    let mut found = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(template, item)| matches_template(template, path) && item.get(method).is_some())
        .map(|(template, item)| (template.as_str(), &item[method]));
    let first = found.next();
    assert!(
        found.next().is_none(),
        "{method} {path} matches two operations"
    );
    first
}

fn resolve_response<'a>(doc: &'a Value, response: &'a Value) -> &'a Value {
    match response.get("$ref").and_then(Value::as_str) {
        Some(r) => doc
            .pointer(r.strip_prefix('#').unwrap())
            .expect("response $ref"),
        None => response,
    }
}

/// Validates every recorded response (and, with `requests`, every recorded request body)
/// against `doc`, with `checker` made of it. Returns how many bodies were checked and what
/// failed.
fn check_recordings(doc: &Value, checker: &Checker, requests: bool) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut failures = Vec::new();
    for ex in recordings().iter().filter(|e| !is_plumbing(e)) {
        let at = format!(
            "{} {} {} -> {}",
            ex.file,
            ex.method.to_uppercase(),
            ex.path,
            ex.status
        );
        let Some((template, op)) = find_operation(doc, &ex.method, &ex.path) else {
            failures.push(format!("{at}: no operation"));
            continue;
        };
        if requests {
            if let (Some(body), Some(rb)) = (&ex.request_body, op.get("requestBody")) {
                let schema = &rb["content"]["application/json"]["schema"];
                let errors = checker.errors(schema, body);
                let malformed = body
                    .as_object()
                    .is_some_and(|m| m.keys().any(|k| k.starts_with("malformed")));
                if malformed {
                    // The API rejected these with 422 "Unexpected field"; so must the schema.
                    if errors.is_empty() {
                        failures.push(format!(
                            "{at}: malformed request body accepted by {template}"
                        ));
                    }
                } else if !errors.is_empty() {
                    failures.push(format!("{at}: request body: {}", errors.join("; ")));
                }
                checked += 1;
            }
            continue;
        }
        let Some(response) = op["responses"].get(&ex.status) else {
            failures.push(format!(
                "{at}: status {} not documented for {template}",
                ex.status
            ));
            continue;
        };
        let response = resolve_response(doc, response);
        match (response.get("content"), &ex.response_body) {
            (None, None) => checked += 1,
            (None, Some(body)) => failures.push(format!("{at}: undocumented body {body}")),
            (Some(_), None) => failures.push(format!("{at}: documented body missing")),
            (Some(content), Some(body)) => {
                let errors = checker.errors(&content["application/json"]["schema"], body);
                if !errors.is_empty() {
                    failures.push(format!("{at}:\n  {}", errors.join("\n  ")));
                }
                checked += 1;
            }
        }
    }
    (checked, failures)
}

#[test]
fn every_2019_response_validates_against_the_2_16_0_document() {
    let (checked, failures) = check_recordings(spec_json("2.16.0"), checker("2.16.0"), false);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let expected = recordings().iter().filter(|e| !is_plumbing(e)).count();
    assert_eq!(checked, expected, "every recorded response is checked");
    assert!(checked >= 50, "{checked}");
}

#[test]
fn recorded_request_bodies_validate_and_malformed_ones_do_not() {
    let (checked, failures) = check_recordings(spec_json("2.16.0"), checker("2.16.0"), true);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 40, "{checked}");
}

fn sample(name: &str) -> Value {
    let text = read(&root().join("tests/fixtures/recordings-2019").join(name))
        .replace("{{policy_start_date}}", "2019-12-25T05:58:28.831+00:00")
        .replace("{{quote_id}}", "218b659e-a587-4b76-8731-c6f2ac16baa1");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn sdk_sample_request_bodies_validate() {
    let samples = [
        ("sample-create-quote.json", "CreateQuoteRequest"),
        ("sample-create-multiple-quote.json", "CreateQuoteRequest"),
        ("sample-add-quote.json", "AddQuotesRequest"),
        ("sample-create-booking.json", "CreateBookingRequest"),
        (
            "sample-create-booking-with-confirmation.json",
            "CreateBookingRequest",
        ),
        ("sample-instant-booking.json", "InstantBookingRequest"),
    ];
    let old = checker("2.16.0");
    for (file, component) in samples {
        assert_valid(old, component, &sample(file), file);
    }
    // The 2019 ticket request (`total_ticket_price`) is not the 2021 shape (`tickets`).
    let new = checker("2.152.1");
    assert_invalid(
        new,
        "CreateQuoteRequest",
        &sample("sample-create-quote.json"),
        "2019 quote request",
    );
    let mut quote_2021 = sample("sample-create-quote.json");
    let item = &mut quote_2021["request"][0];
    item.as_object_mut().unwrap().remove("total_ticket_price");
    item["tickets"] = json!([{ "price": 50 }, { "price": 50 }]);
    for version in NEWER {
        let checker = checker(version);
        assert_valid(
            checker,
            "CreateQuoteRequest",
            &quote_2021,
            "2021 quote request",
        );
        // Booking samples are the same in both eras.
        assert_valid(
            checker,
            "CreateBookingRequest",
            &sample("sample-create-booking.json"),
            version,
        );
    }
    assert_invalid(
        old,
        "CreateQuoteRequest",
        &quote_2021,
        "2021 quote request in 2.16.0",
    );

    // Any other product goes to GenericPolicyRequest with its own fields.
    let parcel = json!({
        "currency": "GBP",
        "customer_country": "GB",
        "request": [{
            "policy_type": "parcel_insurance",
            "policy_type_version": 1,
            "policy_start_date": "2021-10-01T00:00:00+00:00",
            "from_country": "GB",
            "ship_cost": 12.5,
            "parcel_products": [{ "sku": "A1", "value": 100 }]
        }]
    });
    for version in VERSIONS {
        let checker = checker(version);
        assert_valid(checker, "CreateQuoteRequest", &parcel, "another product");
        let mut broken = parcel.clone();
        broken["request"][0]
            .as_object_mut()
            .unwrap()
            .remove("policy_type_version");
        assert_invalid(
            checker,
            "CreateQuoteRequest",
            &broken,
            "product without policy_type_version",
        );
        // A ticket request with an unknown field is rejected, as the API does.
        let mut extra = sample("sample-create-quote.json");
        extra["request"][0]["policy_version"] = json!("x");
        assert_invalid(
            checker,
            "CreateQuoteRequest",
            &extra,
            "unexpected ticket field",
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A test that can't fail proves nothing: break the 2.16.0 document and watch it fail.
// ---------------------------------------------------------------------------------------------

fn schema_mut<'a>(doc: &'a mut Value, name: &str) -> &'a mut Map<String, Value> {
    doc["components"]["schemas"][name]
        .as_object_mut()
        .unwrap_or_else(|| panic!("{name}"))
}

fn prop_mut<'a>(doc: &'a mut Value, name: &str, prop: &str) -> &'a mut Map<String, Value> {
    schema_mut(doc, name)["properties"][prop]
        .as_object_mut()
        .unwrap_or_else(|| panic!("{name}.{prop}"))
}

#[test]
fn a_wrong_schema_fails() {
    type Mutation = (&'static str, fn(&mut Value));
    let mutations: Vec<Mutation> = vec![
        ("Quote.insured not nullable", |d| {
            prop_mut(d, "Quote", "insured").remove("nullable");
        }),
        ("Policy.category not nullable", |d| {
            prop_mut(d, "Policy", "category").remove("nullable");
        }),
        ("BookingQuote.policy_end_date not nullable", |d| {
            prop_mut(d, "BookingQuote", "policy_end_date").remove("nullable");
        }),
        ("CancellationResponse.cancellation_id not nullable", |d| {
            prop_mut(d, "CancellationResponse", "cancellation_id").remove("nullable");
        }),
        ("Quote.discount_amount forgotten", |d| {
            let q = schema_mut(d, "Quote");
            q["properties"]
                .as_object_mut()
                .unwrap()
                .remove("discount_amount");
            let required = q["required"].as_array_mut().unwrap();
            required.retain(|r| r != "discount_amount");
        }),
        ("QuotePackage.quotes only an array", |d| {
            let quotes = prop_mut(d, "QuotePackage", "quotes");
            quotes.remove("oneOf");
            quotes.insert("type".into(), json!("array"));
            quotes.insert(
                "items".into(),
                json!({ "$ref": "#/components/schemas/Quote" }),
            );
        }),
        ("Tax.total_tax a string", |d| {
            prop_mut(d, "Tax", "total_tax").insert("type".into(), json!("string"));
        }),
        ("Error details without lists", |d| {
            schema_mut(d, "ErrorDetailValue")["oneOf"]
                .as_array_mut()
                .unwrap()
                .remove(1);
        }),
        ("Booking requires a 2021 field", |d| {
            let booking = schema_mut(d, "Booking");
            booking["properties"]["security_token"] = json!({ "type": "string" });
            booking["required"]
                .as_array_mut()
                .unwrap()
                .push(json!("security_token"));
        }),
        ("Create booking documented as 201", |d| {
            let responses = d["paths"]["/partners/{partner_id}/bookings/{quote_package_id}/"]
                ["post"]["responses"]
                .as_object_mut()
                .unwrap();
            let ok = responses.remove("200").unwrap();
            responses.insert("201".into(), ok);
        }),
        ("QuoteStatus without OPTED_OUT and RECEIVED", |d| {
            schema_mut(d, "QuoteStatus")["enum"]
                .as_array_mut()
                .unwrap()
                .retain(|s| s != "OPTED_OUT" && s != "RECEIVED");
        }),
        ("Policy.policy_version not a uuid", |d| {
            prop_mut(d, "Policy", "policy_version").insert("format".into(), json!("date-time"));
        }),
    ];
    let original = spec_json("2.16.0");
    assert!(check_recordings(original, checker("2.16.0"), false)
        .1
        .is_empty());
    for (what, mutate) in mutations {
        let mut doc = original.clone();
        mutate(&mut doc);
        let (_, failures) = check_recordings(&doc, &Checker::new(&doc, true), false);
        assert!(
            !failures.is_empty(),
            "breaking the document ({what}) went unnoticed"
        );
    }
    // And a request-side break: a request body that accepts unknown fields.
    let mut doc = original.clone();
    schema_mut(&mut doc, "CancelBookingRequest").insert("additionalProperties".into(), json!(true));
    assert!(
        !check_recordings(&doc, &Checker::new(&doc, true), true)
            .1
            .is_empty(),
        "open CancelBookingRequest went unnoticed"
    );
}

// ---------------------------------------------------------------------------------------------
// Errors, webhooks and 2021 shapes
// ---------------------------------------------------------------------------------------------

#[test]
fn all_four_error_shapes_validate_in_every_version() {
    let shapes = [
        json!({"type": "validation_error", "message": "An API error occurred.", "errors": {"policy_version": "Unexpected field"}}),
        json!({"type": "validation_error", "message": "An API error occurred.", "errors": {"currency": ["This field is required."], "request": ["This field is required."]}}),
        json!({"type": "validation_error", "message": "An API error occurred.", "errors": {"policyholder": {"phone": ["The phone number should start with \"+\" character"]}}}),
        json!({"type": "validation_error", "message": "An API error occurred.", "errors": ["BOOKING_CANCELLED email can be only triggered for CANCELLED bookings."]}),
        json!({"type": "not_found", "message": "Not found.", "code": "404", "href": "https://docs.example/errors", "errors": {}}),
        json!({}),
    ];
    for version in VERSIONS {
        let checker = checker(version);
        for shape in &shapes {
            assert_valid(checker, "Error", shape, &format!("{version} error {shape}"));
        }
        assert_invalid(checker, "Error", &json!({"errors": 5}), "numeric errors");
        assert_invalid(
            checker,
            "Error",
            &json!({"errors": {"a": 5}}),
            "numeric error detail",
        );
        assert_invalid(
            checker,
            "Error",
            &json!({"errors": {"a": {"b": [1]}}}),
            "nested numeric detail",
        );
        assert_invalid(checker, "Error", &json!({"message": 1}), "numeric message");
    }
}

fn booking_webhook(event: &str, status: &str, refund: bool) -> Value {
    let mut quote = json!({
        "id": "8bfb48ab-6947-4f34-a932-c4dcede958f6",
        "policy_start_date": "2023-10-08T00:00:49.751227+00:00",
        "policy_end_date": "2023-10-13T00:00:49.751247+00:00",
        "status": status,
        "price": 68.71,
        "price_formatted": "US$68.71",
        "policy": {
            "policy_type": "travel_medical",
            "policy_name": "PolicyVersion 0",
            "policy_version": "e94df011-ee0b-44a1-bdb1-1dd05cb67fc7"
        },
        "duration": "5 00:00:00.000020",
        "total_renewed_times": 0
    });
    if refund {
        quote["refund_value"] = json!(68.71);
    }
    json!({
        "event": event,
        "payload": {
            "id": "8AMKH-KQ8NR-INS",
            "status": status,
            "currency": "USD",
            "total_price": if refund { 0.0 } else { 68.71 },
            "total_price_formatted": if refund { "US$0.00" } else { "US$68.71" },
            "partner_transaction_id": null,
            "quotes": [quote]
        }
    })
}

fn renewal_webhook(event: &str, status: &str, paid_on: Value) -> Value {
    json!({
        "event": event,
        "payload": {
            "id": "daSJp-fwdoj-REN",
            "package_id": "GKDK9-CECQU-INS",
            "quote_id": "c8ddb161-e3d9-455b-9621-96df90f17acb",
            "status": status,
            "start_date": "2019-02-25T13:00:00Z",
            "notification_date": "2018-11-22T00:21:41Z",
            "due_date": "2019-02-25T13:00:00Z",
            "expiry_date": "2018-11-21T22:56:01Z",
            "cancelled_on": null,
            "paid_on": paid_on,
            "created_at": "2018-11-21T04:15:12.175468Z"
        }
    })
}

/// The example payload of every event, as the API reference's introduction shows them.
#[test]
fn webhook_examples_validate_in_every_version() {
    let examples = [
        (
            "BookingCreatedWebhook",
            booking_webhook("BOOKING_CREATED", "CONFIRMED", false),
        ),
        (
            "BookingUpdatedWebhook",
            booking_webhook("BOOKING_UPDATED", "CONFIRMED", false),
        ),
        (
            "BookingCancelledWebhook",
            booking_webhook("BOOKING_CANCELLED", "CANCELLED", true),
        ),
        (
            "RenewalCreatedWebhook",
            renewal_webhook("RENEWAL_CREATED", "ACTIVE", json!("2019-02-25T13:00:00Z")),
        ),
        (
            "RenewalNotificationWebhook",
            renewal_webhook("RENEWAL_NOTIFICATION", "ACTIVE", Value::Null),
        ),
        (
            "RenewalDueWebhook",
            renewal_webhook("RENEWAL_DUE", "DUE", Value::Null),
        ),
        (
            "RenewalExpiredWebhook",
            renewal_webhook("RENEWAL_EXPIRED", "UNPAID", Value::Null),
        ),
    ];
    for version in VERSIONS {
        let checker = checker(version);
        for (envelope, example) in &examples {
            assert_valid(
                checker,
                envelope,
                example,
                &format!("{version} {envelope} example"),
            );
        }
        // The envelope pins its event name.
        assert_invalid(
            checker,
            "BookingUpdatedWebhook",
            &examples[0].1,
            "BOOKING_CREATED as BOOKING_UPDATED",
        );
        let mut no_payload = examples[3].1.clone();
        no_payload.as_object_mut().unwrap().remove("payload");
        assert_invalid(
            checker,
            "RenewalCreatedWebhook",
            &no_payload,
            "envelope without payload",
        );
    }
}

fn policy_2021() -> Value {
    json!({
        "policy_type": "event_ticket_protection",
        "policy_type_group_name": "event",
        "policy_name": "Ticket Protection",
        "policy_code": "ETIX01",
        "policy_version": "4ac88ab6-5714-4a67-ad6c-9466e2b05a48",
        "category": "Event",
        "content": {
            "title": "Ticket Protection",
            "header": null,
            "description": "Covers the purchase cost of tickets.",
            "optout_msg": "<p></p>",
            "disclaimer": "This plan is arranged by XCover.com"
        },
        "underwriter": { "disclaimer": "A disclaimer", "name": "Underwriter Ltd" },
        "claim_selector_id": ""
    })
}

fn quote_2021() -> Value {
    json!({
        "id": "218b659e-a587-4b76-8731-c6f2ac16baa1",
        "policy_start_date": "2021-10-01T00:29:29+00:00",
        "policy_end_date": "2021-10-10T13:44:15+00:00",
        "status": "RECEIVED",
        "price": 4.27,
        "price_formatted": "US$4.27",
        "policy": policy_2021(),
        "insured": null,
        "tax": {
            "total_tax": 0.09,
            "total_amount_without_tax": 4.18,
            "total_tax_formatted": "US$0.09",
            "total_amount_without_tax_formatted": "US$4.18",
            "taxes": [{ "tax_amount": 0.09, "tax_code": "IPT", "tax_amount_formatted": "US$0.09" }]
        },
        "duration": "9 13:14:46",
        "benefits": [{
            "description": "Ticket cost",
            "limit": 500.0,
            "limit_policy_currency": 500.0,
            "limit_formatted": "US$500.00",
            "limit_policy_currency_formatted": "A$500.00",
            "excess": 0.0,
            "excess_policy_currency": 0.0,
            "excess_formatted": "US$0.00",
            "excess_policy_currency_formatted": "A$0.00",
            "limit_description": "per booking",
            "excess_description": "none"
        }],
        "commission": {
            "partner_commission": 0.5,
            "partner_commission_formatted": "US$0.50",
            "surcharge_commission": 0.0,
            "surcharge_commission_formatted": "US$0.00",
            "total_commission": 0.5,
            "total_commission_formatted": "US$0.50"
        },
        "created_at": "2021-09-30T12:59:55.700534Z",
        "confirmed_at": null,
        "updated_at": "2021-09-30T12:59:55.700550Z",
        "cancelled_at": null,
        "is_renewable": false,
        "is_pricebeat_enabled": null,
        "cover_amount": 100.0,
        "cover_amount_formatted": "US$100.00",
        "pds_url": "https://staging.xcover.com/en/pds/33K6D-WBHLY-INS?policy_type=event_ticket_protection_v1",
        "attachments": [],
        "files": [],
        "extra_fields": {},
        "surcharge": { "total_amount": null, "total_amount_formatted": null, "surcharges": null },
        "discount_price": 4.27,
        "discount_price_formatted": "US$4.27",
        "discount_amount": 0.0,
        "discount_amount_formatted": "US$0.00",
        "instalment_plans": [{ "name": "1year-monthly", "label": "1Year-Monthly", "amount": 0.36 }]
    })
}

fn quote_package_2021() -> Value {
    json!({
        "id": "33K6D-WBHLY-INS",
        "status": "OPTED_OUT",
        "currency": "USD",
        "total_price": 4.27,
        "total_price_formatted": "US$4.27",
        "partner_transaction_id": null,
        "created_at": "2021-09-30T12:59:55.700534Z",
        "updated_at": "2021-09-30T12:59:55.700550Z",
        "pds_url": "https://staging.xcover.com/en/pds/33K6D-WBHLY-INS",
        "security_token": "abcde-fghij-klmno-pqrst",
        "quotes": { "0": quote_2021() },
        "bundle_code": null,
        "bundle_price": 4.27,
        "bundle_content": {},
        "bundle_price_formatted": "US$4.27",
        "bundle_discount_percent": 0.0,
        "bundle_discount_amount": 0.0,
        "bundle_discount_amount_formatted": "US$0.00",
        "errors": {}
    })
}

fn policyholder_2021() -> Value {
    json!({
        "first_name": "Jane",
        "middle_name": null,
        "last_name": "Doe",
        "email": "jane@example.com",
        "phone": "+61412345678",
        "country": "AU",
        "age": 30,
        "address1": null,
        "address2": null,
        "city": null,
        "postcode": null,
        "region": null,
        "secondary_email": null,
        "birth_date": null,
        "company": "ACME",
        "allow_updates": true
    })
}

/// A list-bookings result: full content texts, `surcharge: null`, null partner commission.
fn booking_2021() -> Value {
    let mut quote = quote_2021();
    let q = quote.as_object_mut().unwrap();
    for k in [
        "discount_price",
        "discount_price_formatted",
        "discount_amount",
        "discount_amount_formatted",
        "instalment_plans",
    ] {
        q.remove(k);
    }
    q.insert("status".into(), json!("CONFIRMED"));
    q.insert("confirmed_at".into(), json!("2021-09-30T13:00:01.000001Z"));
    q.insert("surcharge".into(), Value::Null);
    q.insert("next_renewal".into(), Value::Null);
    q.insert("can_be_cancelled".into(), json!(true));
    q.insert("cover_amount".into(), Value::Null);
    q.insert("cover_amount_formatted".into(), Value::Null);
    q["commission"] = json!({
        "partner_commission": null,
        "partner_commission_formatted": null,
        "surcharge_commission": null,
        "surcharge_commission_formatted": null,
        "total_commission": 0.5,
        "total_commission_formatted": "US$0.50"
    });
    q["policy"]["claim_selector_id"] = Value::Null;
    q["policy"]["content"] = json!({
        "title": "Ticket Protection",
        "header": null,
        "description": "Covers the purchase cost of tickets.",
        "optout_msg": "<p></p>",
        "inclusions": [{ "title": "Illness", "description": "You fall ill." }],
        "exclusions": [],
        "disclaimer": "This plan is arranged by XCover.com",
        "disclaimer_html": "<p>This plan is arranged by XCover.com</p>",
        "payment_disclaimer": null,
        "in_path_disclaimer": null
    });
    json!({
        "id": "33K6D-WBHLY-INS",
        "status": "CONFIRMED",
        "currency": "USD",
        "total_price": 4.27,
        "total_price_formatted": "US$4.27",
        "partner_transaction_id": null,
        "created_at": "2021-09-30T12:59:55.700534Z",
        "updated_at": "2021-09-30T13:00:01.000001Z",
        "pds_url": "https://staging.xcover.com/en/pds/33K6D-WBHLY-INS",
        "security_token": "abcde-fghij-klmno-pqrst",
        "quotes": [quote],
        "coi": {
            "url": "https://staging.xcover.com/en/coi/33K6D-WBHLY-INS?security_token=abcde-fghij-klmno-pqrst",
            "pdf": "https://staging.xcover.com/en/coi/33K6D-WBHLY-INS.pdf?security_token=abcde-fghij-klmno-pqrst"
        },
        "account_url": "https://staging.xcover.com/en/account?id=1",
        "policyholder": policyholder_2021(),
        "total_tax": 0.09,
        "total_tax_formatted": "US$0.09",
        "total_premium": 4.18,
        "total_premium_formatted": "US$4.18"
    })
}

fn instalment_payment(number: i64, status: &str) -> Value {
    json!({
        "id": "5b0e5cf6-51a4-4bd4-9b3c-2b1e1b1d2f10",
        "number": number,
        "quote": "218b659e-a587-4b76-8731-c6f2ac16baa1",
        "period_start_date": "2021-10-01T00:00:00Z",
        "period_end_date": "2021-11-01T00:00:00Z",
        "status": status,
        "commission": 0.05,
        "total_amount": 0.86,
        "tax": {
            "taxes": [{
                "tax_code": "IPT",
                "tax_type": "PERCENTAGE",
                "tax_label": "Insurance premium tax",
                "tax_value": "12.00000000000000000000",
                "tax_amount": "0.09",
                "tax_amount_formatted": "US$0.09"
            }],
            "total_tax": "0.09",
            "total_tax_formatted": "US$0.09",
            "total_amount_without_tax": "0.77",
            "total_amount_without_tax_formatted": "US$0.77"
        },
        "surcharges": {},
        "payment_failures": null
    })
}

#[test]
fn shapes_of_2021_validate_against_the_newer_documents() {
    let instalments = json!({
        "quotes": [{
            "id": "218b659e-a587-4b76-8731-c6f2ac16baa1",
            "next_payment": instalment_payment(2, "UNPAID"),
            "paid_until": "2021-11-01T00:00:00Z",
            "payment_schedule": [instalment_payment(1, "PAID"), instalment_payment(2, "UNPAID")],
            "total_amount_paid": 0.86,
            "total_amount_due": 9.46
        }],
        "currency": "USD"
    });
    let list = json!({
        "count": 11,
        "next": "https://eu-central-1.staging.api.xcover.com/xcover/partners/LLODT/bookings/?limit=1&offset=2",
        "previous": null,
        "results": [booking_2021()]
    });
    let mut cancelled = json!({
        "id": "33K6D-WBHLY-INS",
        "status": "CANCELLED",
        "quotes": [{
            "id": "218b659e-a587-4b76-8731-c6f2ac16baa1",
            "policy_start_date": "2021-11-23T19:06:13Z",
            "policy_end_date": "2021-11-30T19:06:13Z",
            "policy_cancellation_date": null,
            "policy_coolingoff_date": "2021-12-07T19:06:13Z",
            "status": "CANCELLED",
            "price": 4.27,
            "refund_value": 4.27,
            "adjustment_fee": 0.0,
            "policy": policy_2021(),
            "insured": null,
            "created_at": "2021-11-23T19:06:10.100000Z",
            "confirmed_at": "2021-11-23T19:06:12.100000Z",
            "updated_at": "2021-11-23T19:06:13.100000Z",
            "cancelled_at": null,
            "commission": null
        }],
        "policyholder": policyholder_2021(),
        "pds_url": "https://staging.xcover.com/en/pds/33K6D-WBHLY-INS",
        "coi": { "url": "https://staging.xcover.com/en/coi/33K6D-WBHLY-INS", "pdf": "https://staging.xcover.com/en/coi/33K6D-WBHLY-INS.pdf" },
        "created_at": "2021-11-23T19:06:10.100000Z",
        "updated_at": "2021-11-23T19:06:13.100000Z",
        "total_price": 0.0,
        "total_price_formatted": "US$0.00",
        "total_refund": 4.27,
        "total_refund_formatted": "US$4.27",
        "total_tax": 0.0,
        "total_tax_formatted": "US$0.00",
        "total_premium": 0.0,
        "total_premium_formatted": "US$0.00",
        "currency": "USD",
        "cancellation_id": "u7Thv-d6C5P-8FAQW-CCL",
        "confirm_before": "2021-11-24T19:06:13Z"
    });
    cancelled["partner"] = json!({
        "id": "LLODT",
        "slug": "llodt",
        "name": "TESTING PARTNER",
        "title": "TESTING PARTNER",
        "logo": "https://staging.static.xcover.com/media/logo.png",
        "contact_url": "https://example.com",
        "partner_url": "https://example.com",
        "help_center_url": "https://example.com/help",
        "updated_at": "2021-09-18T19:57:02.044924Z",
        "xpay_refund_enabled": false,
        "emails": [{
            "id": "0f8e5f0e-2f43-4a31-9d9a-5a4b0d8c9f11",
            "from_email": "noreply@example.com",
            "bcc_email": "bcc@example.com",
            "email_slug": "booking-created",
            "email_version": 1,
            "event_name": 0,
            "include_partner_in_context": true,
            "attach_coi": false,
            "auto_send": null,
            "enable_expression": null
        }],
        "attributes": {}
    });
    let mut quote_for_update = booking_2021();
    quote_for_update["update_id"] = json!("joaiJ-Cao42-o9ulM-UPD");
    quote_for_update["total_price_diff"] = json!(0.5);
    quote_for_update["total_price_diff_formatted"] = json!("US$0.50");
    quote_for_update["quotes"][0]["price_diff"] = json!(0.5);
    quote_for_update["quotes"][0]["price_diff_formatted"] = json!("US$0.50");

    let bodies = [
        ("QuotePackage", quote_package_2021()),
        ("BookingList", list),
        ("Booking", quote_for_update),
        ("InstalmentsResponse", instalments.clone()),
        ("CancellationResponse", cancelled),
    ];
    for version in NEWER {
        let checker = checker(version);
        for (component, body) in &bodies {
            assert_valid(
                checker,
                component,
                body,
                &format!("{version} 2021 {component}"),
            );
        }
        // Quote packages may also arrive with a real array.
        let mut as_array = quote_package_2021();
        as_array["quotes"] = json!([quote_2021()]);
        assert_valid(checker, "QuotePackage", &as_array, "array-form quotes");
        // Instalment tax amounts are decimal strings, not numbers or free text.
        let mut number = instalments.clone();
        number["quotes"][0]["next_payment"]["tax"]["total_tax"] = json!(0.09);
        assert_invalid(
            checker,
            "InstalmentsResponse",
            &number,
            "numeric instalment tax",
        );
        let mut text = instalments.clone();
        text["quotes"][0]["next_payment"]["tax"]["taxes"][0]["tax_amount"] = json!("0.09 USD");
        assert_invalid(
            checker,
            "InstalmentsResponse",
            &text,
            "non-decimal instalment tax",
        );
    }
    // The 2019 document does not know the 2021 fields.
    let old = checker("2.16.0");
    assert_invalid(
        old,
        "QuotePackage",
        &quote_package_2021(),
        "2021 quote package in 2.16.0",
    );
    assert_invalid(old, "Booking", &booking_2021(), "2021 booking in 2.16.0");
}
