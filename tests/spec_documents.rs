//! Structural checks of the XCover OpenAPI documents in `spec/`: they parse, every `$ref`
//! resolves, the operations and their ids are the expected ones per version, and the
//! conventions the code generator relies on (money, index-keyed arrays, PolicyRequest,
//! idempotency, errors, webhooks) are written the same way everywhere.

mod support {
    pub mod per_version;
    pub mod repo;
    pub mod spec_json;
    pub mod specs;
}

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use support::repo::read;
use support::spec_json::spec_json;
use support::specs::{spec_path, VERSIONS};

/// Every operationId the documents may use (issue 2).
const ALL_OPERATION_IDS: [&str; 23] = [
    "createQuote",
    "getQuote",
    "updateQuote",
    "addQuotes",
    "deleteQuotes",
    "optOut",
    "createBooking",
    "instantBooking",
    "getBooking",
    "listBookings",
    "updateBooking",
    "quoteForUpdate",
    "confirmUpdate",
    "confirmBooking",
    "cancelBooking",
    "confirmCancellation",
    "sendEmail",
    "getInstalments",
    "confirmInstalment",
    "quoteForRenewal",
    "confirmRenewal",
    "renewalOptOut",
    "confirmRenewalLegacy",
];

/// operationId -> (method, path), exactly as the reference writes them (trailing slashes too).
const OPERATIONS: [(&str, &str, &str); 23] = [
    ("optOut", "post", "/partners/{partner_id}/bookings/{quote_package_id}/opt_out"),
    ("createQuote", "post", "/partners/{partner_id}/quotes/"),
    ("getQuote", "get", "/partners/{partner_id}/quotes/{quote_package_id}/"),
    ("updateQuote", "patch", "/partners/{partner_id}/quotes/{quote_package_id}/"),
    ("addQuotes", "post", "/partners/{partner_id}/quotes/{quote_package_id}/add/"),
    ("deleteQuotes", "post", "/partners/{partner_id}/quotes/{quote_package_id}/delete/"),
    ("createBooking", "post", "/partners/{partner_id}/bookings/{quote_package_id}/"),
    ("instantBooking", "post", "/partners/{partner_id}/instant_booking/"),
    ("getBooking", "get", "/partners/{partner_id}/bookings/{quote_package_id}/"),
    ("listBookings", "get", "/partners/{partner_id}/bookings/"),
    ("updateBooking", "patch", "/partners/{partner_id}/bookings/{quote_package_id}/"),
    (
        "quoteForUpdate",
        "patch",
        "/partners/{partner_id}/bookings/{quote_package_id}/quote_for_update",
    ),
    (
        "confirmUpdate",
        "post",
        "/partners/{partner_id}/bookings/{quote_package_id}/confirm_update/{update_id}/",
    ),
    ("confirmBooking", "put", "/partners/{partner_id}/bookings/{quote_package_id}/confirm"),
    ("cancelBooking", "post", "/partners/{partner_id}/bookings/{quote_package_id}/cancel"),
    (
        "confirmCancellation",
        "post",
        "/partners/{partner_id}/bookings/{quote_package_id}/confirm_cancellation/{cancellation_id}/",
    ),
    ("sendEmail", "post", "/partners/{partner_id}/bookings/{quote_package_id}/send_email"),
    ("getInstalments", "get", "/partners/{partner_id}/bookings/{quote_package_id}/instalments/"),
    ("confirmInstalment", "post", "/partners/{partner_id}/bookings/{quote_package_id}/instalments/"),
    (
        "quoteForRenewal",
        "patch",
        "/partners/{partner_id}/renewals/{quote_package_id}/quote_for_renewal/",
    ),
    (
        "confirmRenewal",
        "post",
        "/partners/{partner_id}/renewals/{quote_package_id}/confirm/{renewal_id}/",
    ),
    ("renewalOptOut", "post", "/partners/{partner_id}/renewals/{quote_package_id}/opt_out/"),
    ("confirmRenewalLegacy", "patch", "/partners/{partner_id}/renewals/{renewal_id}/confirmation"),
];

/// Operations only the 2021-era documents have (no 2019 evidence).
const ONLY_2021: [&str; 6] = [
    "sendEmail",
    "getInstalments",
    "confirmInstalment",
    "quoteForRenewal",
    "confirmRenewal",
    "renewalOptOut",
];

const WEBHOOK_EVENTS: [(&str, &str, &str); 7] = [
    (
        "BOOKING_CREATED",
        "BookingCreatedWebhook",
        "BookingWebhookPayload",
    ),
    (
        "BOOKING_UPDATED",
        "BookingUpdatedWebhook",
        "BookingWebhookPayload",
    ),
    (
        "BOOKING_CANCELLED",
        "BookingCancelledWebhook",
        "BookingWebhookPayload",
    ),
    (
        "RENEWAL_CREATED",
        "RenewalCreatedWebhook",
        "RenewalWebhookPayload",
    ),
    (
        "RENEWAL_NOTIFICATION",
        "RenewalNotificationWebhook",
        "RenewalWebhookPayload",
    ),
    ("RENEWAL_DUE", "RenewalDueWebhook", "RenewalWebhookPayload"),
    (
        "RENEWAL_EXPIRED",
        "RenewalExpiredWebhook",
        "RenewalWebhookPayload",
    ),
];

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn is_2019(version: &str) -> bool {
    version == "2.16.0"
}

fn expected_operation_ids(version: &str) -> BTreeSet<&'static str> {
    ALL_OPERATION_IDS
        .iter()
        .copied()
        .filter(|id| {
            if is_2019(version) {
                !ONLY_2021.contains(id)
            } else {
                *id != "confirmRenewalLegacy"
            }
        })
        .collect()
}

/// (path, method, operation) for every operation of the document.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if METHODS.contains(&method.as_str()) {
                out.push((path.clone(), method.clone(), op.clone()));
            }
        }
    }
    out
}

fn operation<'a>(doc: &'a Value, id: &str) -> &'a Value {
    let (_, method, path) = OPERATIONS.iter().find(|(i, _, _)| *i == id).unwrap();
    &doc["paths"][*path][*method]
}

fn schema<'a>(doc: &'a Value, name: &str) -> &'a Value {
    let s = &doc["components"]["schemas"][name];
    assert!(s.is_object(), "component schema {name} missing");
    s
}

fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    doc.pointer(pointer)
}

fn collect_refs(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let here = format!("{at}/{k}");
                if k == "$ref" {
                    out.push((
                        here.clone(),
                        v.as_str().expect("$ref is a string").to_owned(),
                    ));
                }
                if k == "x-discriminator-fallback" {
                    out.push((
                        here.clone(),
                        v.as_str().expect("fallback is a string").to_owned(),
                    ));
                }
                if k == "discriminator" {
                    if let Some(mapping) = v.get("mapping").and_then(Value::as_object) {
                        for (key, target) in mapping {
                            out.push((
                                format!("{here}/mapping/{key}"),
                                target.as_str().unwrap().to_owned(),
                            ));
                        }
                    }
                }
                collect_refs(v, &here, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_refs(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Follows `$ref` and single-element `allOf` wrappers (how a nullable `$ref` is written).
fn deref<'a>(doc: &'a Value, mut s: &'a Value) -> &'a Value {
    loop {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            s = resolve(doc, r).unwrap_or_else(|| panic!("unresolved {r}"));
        } else if let Some([only]) = s.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
            s = only;
        } else {
            return s;
        }
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

#[test]
fn every_spec_parses_with_openapiv3() {
    for version in VERSIONS {
        let text = read(&spec_path(version));
        let api: openapiv3::OpenAPI = serde_yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("xcover-{version}.yaml does not parse as OpenAPI 3.0: {e}"));
        assert_eq!(api.openapi, "3.0.3", "{version}");
        assert_eq!(api.info.version, version);
        let expected_title = if version == "2.152.1" {
            format!("XCover API ({version})")
        } else {
            format!("XCover API (v2 \u{2013} {version})")
        };
        assert_eq!(api.info.title, expected_title);
        let urls: Vec<&str> = api.servers.iter().map(|s| s.url.as_str()).collect();
        assert!(
            urls.contains(&"https://api.xcover.com/x"),
            "{version}: production server"
        );
        assert!(
            urls.contains(&"https://staging.api.xcover.com/xcover"),
            "{version}: sandbox server"
        );
        let tags: Vec<&str> = api.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            tags,
            ["Quotes", "Bookings", "Instalments", "Renewals"],
            "{version}"
        );
        let components = api.components.as_ref().expect("components");
        assert!(
            components.schemas.len() > 40,
            "{version}: named component schemas"
        );
        // Every schema also parses on its own as an openapiv3 schema (catches typos the
        // lenient document-level parse would keep as extensions).
        for (name, schema) in &components.schemas {
            assert!(
                matches!(schema, openapiv3::ReferenceOr::Item(_)),
                "{version}: component {name} is a bare $ref"
            );
        }
        assert!(
            api.extensions.contains_key("x-webhooks"),
            "{version}: x-webhooks"
        );
        assert!(
            api.extensions.contains_key("x-idempotency"),
            "{version}: x-idempotency"
        );
    }
}

#[test]
fn every_ref_resolves_to_a_component() {
    for version in VERSIONS {
        let doc = spec_json(version);
        let mut refs = Vec::new();
        collect_refs(doc, "", &mut refs);
        assert!(
            refs.len() > 100,
            "{version}: suspiciously few $refs ({})",
            refs.len()
        );
        assert!(
            refs.iter().any(|(at, _)| at.starts_with("/x-webhooks/")),
            "{version}: the walk must also cover x-webhooks"
        );
        for (at, target) in &refs {
            assert!(
                target.starts_with("#/components/schemas/")
                    || target.starts_with("#/components/responses/"),
                "{version}: {at} points outside components: {target}"
            );
            let resolved = resolve(doc, target);
            assert!(
                resolved.is_some_and(Value::is_object),
                "{version}: {at} -> {target} does not resolve"
            );
        }
        // Nothing dangling the other way: every component schema is used somewhere.
        let used: BTreeSet<&str> = refs
            .iter()
            .filter_map(|(_, t)| t.strip_prefix("#/components/schemas/"))
            .collect();
        for name in doc["components"]["schemas"].as_object().unwrap().keys() {
            assert!(
                used.contains(name.as_str()),
                "{version}: component {name} is never used"
            );
        }
    }
}

#[test]
fn operation_ids_are_unique_known_and_complete() {
    for version in VERSIONS {
        let doc = spec_json(version);
        let mut seen = BTreeMap::new();
        for (path, method, op) in operations(doc) {
            let id = str_of(&op, "operationId")
                .unwrap_or_else(|| panic!("{version}: {method} {path} has no operationId"));
            assert!(
                ALL_OPERATION_IDS.contains(&id),
                "{version}: unknown operationId {id} ({method} {path})"
            );
            if let Some(prev) = seen.insert(id.to_owned(), (method.clone(), path.clone())) {
                panic!("{version}: operationId {id} used twice: {prev:?} and {method} {path}");
            }
            let (_, want_method, want_path) = OPERATIONS.iter().find(|(i, _, _)| *i == id).unwrap();
            assert_eq!(
                (method.as_str(), path.as_str()),
                (*want_method, *want_path),
                "{version}: {id} has the wrong method or path"
            );
        }
        let got: BTreeSet<&str> = seen.keys().map(String::as_str).collect();
        assert_eq!(
            got,
            expected_operation_ids(version),
            "{version}: operation set"
        );
    }
}

#[test]
fn every_operation_is_documented_and_answers_errors_with_the_error_response() {
    for version in VERSIONS {
        let doc = spec_json(version);
        for (path, method, op) in operations(doc) {
            let id = str_of(&op, "operationId").unwrap();
            assert!(
                str_of(&op, "summary").is_some_and(|s| !s.is_empty()),
                "{version}: {id} has no summary"
            );
            let tags = op["tags"].as_array().expect("tags");
            assert_eq!(tags.len(), 1, "{version}: {id}");
            // Path parameters: exactly the placeholders of the path, all required.
            let placeholders: BTreeSet<String> = path
                .split('/')
                .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
                .map(str::to_owned)
                .collect();
            let params = op["parameters"].as_array().expect("parameters");
            let in_path: BTreeSet<String> = params
                .iter()
                .filter(|p| p["in"] == "path")
                .map(|p| {
                    assert_eq!(p["required"], true, "{version}: {id}");
                    p["name"].as_str().unwrap().to_owned()
                })
                .collect();
            assert_eq!(in_path, placeholders, "{version}: {method} {path}");
            // Responses: one 2xx, every 4xx is the shared Error response.
            let responses = op["responses"].as_object().expect("responses");
            let success: Vec<&String> = responses.keys().filter(|c| c.starts_with('2')).collect();
            assert_eq!(
                success.len(),
                1,
                "{version}: {id} success statuses {success:?}"
            );
            for code in ["400", "401", "404", "422", "429"] {
                assert_eq!(
                    responses.get(code).and_then(|r| str_of(r, "$ref")),
                    Some("#/components/responses/Error"),
                    "{version}: {id} {code}"
                );
            }
        }
        let error = &doc["components"]["responses"]["Error"];
        assert_eq!(
            error["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Error"
        );
    }
}

#[test]
fn real_success_statuses() {
    let expected = [
        ("optOut", "204"),
        ("createQuote", "201"),
        ("getQuote", "200"),
        ("updateQuote", "200"),
        ("addQuotes", "201"),
        ("deleteQuotes", "200"),
        ("createBooking", "200"),
        ("instantBooking", "200"),
        ("getBooking", "200"),
        ("listBookings", "200"),
        ("updateBooking", "200"),
        ("quoteForUpdate", "200"),
        ("confirmUpdate", "201"),
        ("confirmBooking", "201"),
        ("cancelBooking", "200"),
        ("confirmCancellation", "200"),
        ("sendEmail", "202"),
        ("getInstalments", "200"),
        ("confirmInstalment", "204"),
        ("confirmRenewalLegacy", "202"),
    ];
    for version in VERSIONS {
        let doc = spec_json(version);
        let ids = expected_operation_ids(version);
        for (id, status) in expected {
            if !ids.contains(id) {
                continue;
            }
            let responses = &operation(doc, id)["responses"];
            assert!(
                responses.get(status).is_some(),
                "{version}: {id} must answer {status}"
            );
            let no_body = ["204", "202"].contains(&status);
            assert_eq!(
                responses[status].get("content").is_none(),
                no_body,
                "{version}: {id} {status} body"
            );
        }
    }
}

#[test]
fn idempotency_key_is_declared_where_the_api_takes_it() {
    for version in VERSIONS {
        let doc = spec_json(version);
        assert_eq!(
            doc["x-idempotency"],
            serde_json::json!({"header": "x-idempotency-key", "replay-status": 409}),
            "{version}"
        );
        for (path, method, op) in operations(doc) {
            let id = str_of(&op, "operationId").unwrap();
            let header: Vec<&Value> = op["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["name"] == "x-idempotency-key")
                .collect();
            let wants = method != "get" && id != "createQuote";
            assert_eq!(
                header.len(),
                usize::from(wants),
                "{version}: {method} {path}"
            );
            if let Some(p) = header.first() {
                assert_eq!(p["in"], "header");
                assert_eq!(p["required"], false);
                assert_eq!(p["schema"]["type"], "string");
                let codes = op["responses"].as_object().unwrap();
                assert!(
                    codes.contains_key("409") && codes.contains_key("423"),
                    "{version}: {id}"
                );
            }
        }
    }
}

#[test]
fn version_differences_are_the_documented_ones() {
    for version in VERSIONS {
        let doc = spec_json(version);
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        let newest = version == "2.152.1";
        let from_2_107 = !["2.16.0", "2.77.4"].contains(&version);
        let from_2_138 = ["2.138.1", "2.152.1"].contains(&version);

        // Currency schema name, and its references.
        let (cur, other) = if newest {
            ("CurrencyEnum", "Currency")
        } else {
            ("Currency", "CurrencyEnum")
        };
        assert!(
            schemas.contains_key(cur) && !schemas.contains_key(other),
            "{version}"
        );
        assert_eq!(
            schema(doc, "CreateQuoteRequest")["properties"]["currency"]["$ref"],
            format!("#/components/schemas/{cur}")
        );
        let currencies: Vec<&str> = schemas[cur]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert!(currencies.contains(&"GBP") && currencies.contains(&"MXN"));
        assert_eq!(currencies.contains(&"AFN"), from_2_107, "{version}: AFN");
        assert_eq!(currencies.contains(&"AZN"), from_2_107, "{version}: AZN");
        assert_eq!(currencies.contains(&"BAM"), from_2_138, "{version}: BAM");
        assert_eq!(currencies.contains(&"BYN"), from_2_138, "{version}: BYN");
        if from_2_138 {
            assert_eq!(currencies.len(), 85, "{version}");
        }

        // Security scheme.
        let scheme = if newest {
            "HMACAuthentication"
        } else {
            "HMACSignature"
        };
        let schemes = doc["components"]["securitySchemes"].as_object().unwrap();
        assert_eq!(schemes.keys().collect::<Vec<_>>(), [scheme], "{version}");
        assert_eq!(doc["security"], serde_json::json!([{ scheme: [] }]));

        // partner_id pattern on every operation.
        for (_, _, op) in operations(doc) {
            let pid = op["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == "partner_id")
                .expect("partner_id");
            assert_eq!(pid["schema"].get("pattern").is_some(), newest, "{version}");
            if newest {
                assert_eq!(pid["schema"]["pattern"], "^[A-Z0-9]+$");
            }
        }

        // Create quote query parameters: extra_fields from 2.107.2, alphabetical in 2.152.1.
        let create = operation(doc, "createQuote");
        let query: Vec<&str> = create["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["in"] == "query")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let expected_query: &[&str] = if newest {
            &[
                "active_only",
                "extra_fields",
                "fast_quote",
                "include_extra_fields",
            ]
        } else if from_2_107 {
            &[
                "fast_quote",
                "active_only",
                "include_extra_fields",
                "extra_fields",
            ]
        } else {
            &["fast_quote", "active_only", "include_extra_fields"]
        };
        assert_eq!(query, expected_query, "{version}");

        // Request bodies marked required from 2.138.1.
        let opt_out = operation(doc, "optOut");
        assert_eq!(
            opt_out["requestBody"]["required"], from_2_138,
            "{version}: opt-out body"
        );
        assert_eq!(
            create["requestBody"]["required"], from_2_138,
            "{version}: create quote body"
        );

        // Opt-out texts.
        let summary = str_of(opt_out, "summary").unwrap();
        if newest {
            assert_eq!(summary, "Opt out of a specific booking.");
        } else {
            assert_eq!(
                summary,
                "Report conversion of the main product without ancillary insurance products"
            );
        }
        let qp = opt_out["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "quote_package_id")
            .unwrap();
        assert_eq!(
            str_of(qp, "description"),
            from_2_107
                .then_some("Booking id (INS-number generated by XCover API) or fast_quote_id."),
            "{version}"
        );

        // Quotes tag description.
        let quotes_tag = &doc["tags"][0];
        assert_eq!(quotes_tag["name"], "Quotes");
        assert_eq!(
            str_of(quotes_tag, "description"),
            newest.then_some("Quotes API"),
            "{version}"
        );

        // 2019 shapes against 2021 shapes.
        let ticket = &schema(doc, "EventTicketProtectionPolicyRequest")["properties"];
        assert_eq!(
            ticket.get("total_ticket_price").is_some(),
            is_2019(version),
            "{version}"
        );
        assert_eq!(
            ticket.get("tickets").is_some(),
            !is_2019(version),
            "{version}"
        );
        let quote = &schema(doc, "Quote")["properties"];
        assert_eq!(
            quote.get("pending_renewal").is_some(),
            is_2019(version),
            "{version}"
        );
        for field in [
            "is_pricebeat_enabled",
            "attachments",
            "files",
            "extra_fields",
            "surcharge",
            "instalment_plans",
        ] {
            assert_eq!(
                quote.get(field).is_some(),
                !is_2019(version),
                "{version}: Quote.{field}"
            );
        }
        for owner in ["QuotePackage", "Booking"] {
            let props = &schema(doc, owner)["properties"];
            assert_eq!(
                props.get("security_token").is_some(),
                !is_2019(version),
                "{version}: {owner}"
            );
        }
        let policy = &schema(doc, "Policy")["properties"];
        assert_eq!(
            policy.get("policy_type_group_name").is_some(),
            !is_2019(version)
        );
        let commission = &schema(doc, "Commission")["properties"];
        assert_eq!(
            commission.get("partner_commission").is_some(),
            !is_2019(version)
        );
        let holder = &schema(doc, "Policyholder")["properties"];
        assert_eq!(holder.get("allow_updates").is_some(), !is_2019(version));
    }
}

/// Every JSON number in this API is money, except one percentage: so every `type: number`
/// must carry `format: decimal`, and every decimal string must be a `*_formatted` twin's
/// sibling, not a `*_formatted` itself.
#[test]
fn money_is_always_format_decimal() {
    fn walk(v: &Value, at: &str, version: &str, numbers: &mut usize, strings: &mut usize) {
        match v {
            Value::Object(map) => {
                if map.get("type") == Some(&Value::from("number"))
                    && !at.ends_with("/bundle_discount_percent")
                    && !at.contains("/PartnerMetadataValue/")
                {
                    assert_eq!(
                        map.get("format"),
                        Some(&Value::from("decimal")),
                        "{version}: {at} is a number without format: decimal"
                    );
                    *numbers += 1;
                }
                if map.get("format") == Some(&Value::from("decimal"))
                    && map.get("type") == Some(&Value::from("string"))
                {
                    assert!(!at.ends_with("_formatted"), "{version}: {at}");
                    *strings += 1;
                }
                if at.ends_with("_formatted")
                    && at.contains("/properties/")
                    && !at.ends_with("/properties")
                {
                    let inner = map.get("allOf").and_then(|a| a.get(0)).unwrap_or(v);
                    assert_eq!(
                        inner.get("type"),
                        Some(&Value::from("string")),
                        "{version}: {at}"
                    );
                    assert!(inner.get("format").is_none(), "{version}: {at}");
                }
                for (k, child) in map {
                    walk(child, &format!("{at}/{k}"), version, numbers, strings);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), version, numbers, strings);
                }
            }
            _ => {}
        }
    }
    for version in VERSIONS {
        let doc = spec_json(version);
        let (mut numbers, mut strings) = (0, 0);
        walk(
            &doc["components"]["schemas"],
            "#/components/schemas",
            version,
            &mut numbers,
            &mut strings,
        );
        assert!(numbers > 30, "{version}: {numbers} money numbers");
        if is_2019(version) {
            assert_eq!(strings, 0, "{version}: no instalments in 2019");
        } else {
            // tax_value, tax_amount, total_tax, total_amount_without_tax of instalment taxes.
            assert_eq!(strings, 4, "{version}: decimal strings");
            let tax = &schema(doc, "InstalmentTaxItem")["properties"]["tax_amount"];
            assert_eq!(tax["type"], "string");
            assert_eq!(tax["format"], "decimal");
        }
        let price = &schema(doc, "Quote")["properties"]["price"];
        assert_eq!(
            (price["type"].as_str(), price["format"].as_str()),
            (Some("number"), Some("decimal"))
        );
    }
}

#[test]
fn generator_conventions_are_written_exactly() {
    for version in VERSIONS {
        let doc = spec_json(version);

        // Index-keyed array.
        let quotes = &schema(doc, "QuotePackage")["properties"]["quotes"];
        assert_eq!(quotes["x-index-keyed-array"], true, "{version}");
        assert_eq!(
            quotes["oneOf"],
            serde_json::json!([
                {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}},
                {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Quote"}}
            ]),
            "{version}"
        );
        // Bookings use a real array.
        assert_eq!(
            schema(doc, "Booking")["properties"]["quotes"]["type"],
            "array"
        );

        // PolicyRequest.
        let pr = schema(doc, "PolicyRequest");
        assert_eq!(pr["discriminator"]["propertyName"], "policy_type");
        assert_eq!(
            pr["discriminator"]["mapping"]["event_ticket_protection"],
            "#/components/schemas/EventTicketProtectionPolicyRequest"
        );
        assert_eq!(
            pr["x-discriminator-fallback"],
            "#/components/schemas/GenericPolicyRequest"
        );
        let variants: Vec<&str> = pr["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["$ref"].as_str().unwrap())
            .collect();
        assert_eq!(
            variants,
            [
                "#/components/schemas/EventTicketProtectionPolicyRequest",
                "#/components/schemas/GenericPolicyRequest"
            ]
        );
        for variant in variants {
            let v = resolve(doc, variant).unwrap();
            assert_eq!(
                v["properties"]["policy_type"]["type"], "string",
                "{version}: {variant}"
            );
            let required: Vec<&str> = v["required"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect();
            for common in ["policy_type", "policy_type_version", "policy_start_date"] {
                assert!(required.contains(&common), "{version}: {variant} {common}");
            }
        }
        let generic = schema(doc, "GenericPolicyRequest");
        assert_eq!(generic["additionalProperties"], true);
        assert_eq!(generic["properties"].as_object().unwrap().len(), 3);
        for op in ["createQuote", "addQuotes", "instantBooking"] {
            let body = deref(
                doc,
                &operation(doc, op)["requestBody"]["content"]["application/json"]["schema"],
            );
            assert_eq!(
                body["properties"]["request"]["items"]["$ref"],
                "#/components/schemas/PolicyRequest",
                "{version}: {op}"
            );
        }

        // Errors.
        let error = schema(doc, "Error");
        assert!(
            error.get("required").is_none(),
            "{version}: every Error field is optional"
        );
        for field in ["type", "message", "code", "href"] {
            assert_eq!(error["properties"][field]["type"], "string");
        }
        assert_eq!(
            error["properties"]["errors"]["$ref"],
            "#/components/schemas/ErrorDetails"
        );
        let details = schema(doc, "ErrorDetails")["oneOf"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(details.len(), 2);
        assert_eq!(
            details[0]["additionalProperties"]["$ref"],
            "#/components/schemas/ErrorDetailValue"
        );
        assert_eq!(details[1]["items"]["type"], "string");
        let value = schema(doc, "ErrorDetailValue")["oneOf"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(value.len(), 3);
        assert_eq!(value[0]["type"], "string");
        assert_eq!(value[1]["items"]["type"], "string");
        assert_eq!(
            value[2]["additionalProperties"]["$ref"],
            "#/components/schemas/ErrorDetailValue"
        );

        // OPTED_OUT is a status the API really returns.
        let statuses = schema(doc, "QuoteStatus")["enum"]
            .as_array()
            .unwrap()
            .clone();
        assert!(statuses.contains(&Value::from("OPTED_OUT")));

        // Nulls the API really sends.
        let quote = &schema(doc, "Quote")["properties"];
        for field in [
            "insured",
            "confirmed_at",
            "cancelled_at",
            "cover_amount",
            "cover_amount_formatted",
        ] {
            assert_eq!(quote[field]["nullable"], true, "{version}: Quote.{field}");
        }
        assert_eq!(
            schema(doc, "PolicyContent")["properties"]["header"]["nullable"],
            true
        );
        assert_eq!(
            schema(doc, "Policy")["properties"]["category"]["nullable"],
            true
        );
        assert_eq!(
            schema(doc, "Policyholder")["properties"]["region"]["nullable"],
            true
        );
        if !is_2019(version) {
            assert_eq!(quote["surcharge"]["nullable"], true);
            assert_eq!(
                quote["surcharge"]["allOf"][0]["$ref"],
                "#/components/schemas/Surcharge"
            );
            assert_eq!(
                schema(doc, "Commission")["properties"]["partner_commission"]["nullable"],
                true
            );
        }
    }
}

#[test]
fn webhooks_cover_all_seven_events() {
    for version in VERSIONS {
        let doc = spec_json(version);
        let hooks = doc["x-webhooks"].as_object().expect("x-webhooks");
        let names: Vec<&str> = hooks.keys().map(String::as_str).collect();
        let expected: Vec<&str> = WEBHOOK_EVENTS.iter().map(|(e, _, _)| *e).collect();
        assert_eq!(names, expected, "{version}");
        for (event, envelope, payload) in WEBHOOK_EVENTS {
            let post = &hooks[event]["post"];
            assert!(str_of(post, "summary").is_some(), "{version}: {event}");
            assert_eq!(
                post["requestBody"]["content"]["application/json"]["schema"]["$ref"],
                format!("#/components/schemas/{envelope}"),
                "{version}: {event}"
            );
            assert!(post["responses"]["200"].is_object());
            let env = schema(doc, envelope);
            assert_eq!(env["required"], serde_json::json!(["event", "payload"]));
            assert_eq!(
                env["properties"]["event"],
                serde_json::json!({"type": "string", "enum": [event]})
            );
            assert_eq!(
                env["properties"]["payload"]["$ref"],
                format!("#/components/schemas/{payload}")
            );
        }
    }
}

#[test]
fn the_2019_document_keeps_the_legacy_renewal_confirmation() {
    let doc = spec_json("2.16.0");
    let legacy = operation(doc, "confirmRenewalLegacy");
    assert_eq!(legacy["tags"][0], "Renewals");
    let body = deref(
        doc,
        &legacy["requestBody"]["content"]["application/json"]["schema"],
    );
    assert_eq!(body["required"], serde_json::json!(["paid_on"]));
    for version in &VERSIONS[1..] {
        let doc = spec_json(version);
        assert!(
            doc["paths"]
                .get("/partners/{partner_id}/renewals/{renewal_id}/confirmation")
                .is_none(),
            "{version}"
        );
    }
}
