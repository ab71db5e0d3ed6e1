//! What the generated code does, construct by construct, using the SDK that `build.rs`
//! generates from `tests/fixtures/codegen-features.yaml`: types that survive the real API
//! (unknown enum values, extra fields, nulls, offsets, exact decimals, index-keyed lists), and
//! a client that sends what the spec says and sorts responses by status.

use serde_json::json;
use wiremock::matchers::{body_string, header, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use xcover_rs::features::client::Client;
use xcover_rs::features::runtime::testing::{Reply, TestDouble};
use xcover_rs::features::runtime::Error;
use xcover_rs::features::types::{
    GetThingResponse, Kind, Labelled, Partner, Settings, SettingsMode, Shape, SortOrder, Thing,
    ThingPatch, Value, WebhookEvent,
};

fn thing_json() -> serde_json::Value {
    json!({
        "id": 7,
        "kind": "small",
        "price": 2.01,
        "tax": "0.10",
        "created_at": "2021-10-01T00:29:29.123456+05:30",
        "due": "2021-12-24",
        "ref": "8bfb48ab-6947-4f34-a932-c4dcede958f6",
        "type": "keyword",
        "self": true,
        "self-harm/intent": 0.5,
        "date_modified:min": 3,
        "fooBar": "camel",
        "foo_bar": "snake",
        "note": null,
        "labels": {"a": "b"},
        "parts": {"1": {"name": "second"}, "0": {"name": "first"}, "10": {"name": "eleventh"}},
        "owner": {"name": "parent", "subsidiary": {"name": "child"}},
        "shape": {"shape_type": "circle", "radius": 1.5},
        "value": {"nested": ["a", "b"], "text": "t"},
        "a_field_from_a_newer_api": {"anything": 1}
    })
}

#[test]
fn a_full_object_decodes_with_every_field_in_place() {
    let thing: Thing = serde_json::from_value(thing_json()).unwrap();
    assert_eq!(thing.kind, Kind::Small);
    assert_eq!(thing.price.to_string(), "2.01");
    assert_eq!(thing.tax.unwrap().to_string(), "0.10");
    assert_eq!(thing.created_at.offset().local_minus_utc(), 5 * 3600 + 1800);
    assert_eq!(thing.r#type.as_deref(), Some("keyword"));
    assert_eq!(thing.self_, Some(true));
    assert_eq!(thing.self_harm_intent, Some(0.5));
    assert_eq!(thing.date_modified_min, Some(3));
    assert_eq!(thing.foo_bar.as_deref(), Some("camel"));
    assert_eq!(thing.foo_bar2.as_deref(), Some("snake"));
    assert_eq!(thing.note, None);
    let names: Vec<&str> = thing
        .parts
        .as_ref()
        .unwrap()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["first", "second", "eleventh"],
        "index order, numerically"
    );
    let owner: &Partner = thing.owner.as_ref().unwrap();
    assert_eq!(owner.subsidiary.as_ref().unwrap().name, "child");
    assert!(matches!(thing.shape, Some(Shape::Circle(ref circle)) if circle.radius == 1.5));
    assert!(matches!(thing.value, Some(Value::Map(_))));
}

#[test]
fn serializing_keeps_wire_names_offsets_and_exact_amounts() {
    let thing: Thing = serde_json::from_value(thing_json()).unwrap();
    let out = serde_json::to_value(&thing).unwrap();
    assert_eq!(out["self-harm/intent"], json!(0.5));
    assert_eq!(out["date_modified:min"], json!(3));
    assert_eq!(out["fooBar"], json!("camel"));
    assert_eq!(out["foo_bar"], json!("snake"));
    assert_eq!(out["type"], json!("keyword"));
    assert_eq!(out["created_at"], json!("2021-10-01T00:29:29.123456+05:30"));
    assert_eq!(out["price"], json!(2.01));
    assert_eq!(out["tax"], json!("0.10"));
    assert_eq!(out["parts"][2]["name"], json!("eleventh"));
    let again: Thing = serde_json::from_value(out).unwrap();
    assert_eq!(again, thing);
}

#[test]
fn unknown_enum_values_are_kept_and_sent_back_unchanged() {
    let kind: Kind = serde_json::from_value(json!("medium")).unwrap();
    assert_eq!(kind, Kind::Unknown("medium".into()));
    assert_eq!(serde_json::to_value(&kind).unwrap(), json!("medium"));
    assert_eq!(kind.as_str(), "medium");
    assert_eq!(Kind::from("large"), Kind::Large);
    assert_eq!(Kind::Large.to_string(), "large");
}

#[test]
fn enum_values_that_collide_after_case_folding_stay_distinct() {
    for (wire, variant) in [
        ("ASC", SortOrder::Asc),
        ("asc", SortOrder::Asc2),
        ("+1", SortOrder::Plus1),
        ("-1", SortOrder::Minus1),
        ("", SortOrder::Empty),
    ] {
        assert_eq!(
            serde_json::from_value::<SortOrder>(json!(wire)).unwrap(),
            variant
        );
        assert_eq!(serde_json::to_value(&variant).unwrap(), json!(wire));
    }
}

#[test]
fn spec_defaults_fill_absent_fields_and_the_default_impl() {
    let settings: Settings = serde_json::from_value(json!({})).unwrap();
    assert!(settings.enabled);
    assert_eq!(settings.retries, 3);
    assert_eq!(settings.label, "standard");
    assert_eq!(settings.mode, SettingsMode::Safe);
    assert_eq!(settings.order, None);
    assert_eq!(Settings::default(), settings);
}

#[test]
fn all_of_merges_the_members_into_one_struct() {
    let labelled: Labelled = serde_json::from_value(json!({"name": "n", "label": "l"})).unwrap();
    assert_eq!(
        (labelled.name.as_str(), labelled.label.as_str()),
        ("n", "l")
    );
    assert!(
        serde_json::from_value::<Labelled>(json!({"name": "n"})).is_err(),
        "label is required"
    );
}

#[test]
fn a_discriminated_union_picks_by_tag_and_keeps_unknown_kinds() {
    let square: Shape =
        serde_json::from_value(json!({"shape_type": "square", "side": 2.0})).unwrap();
    assert!(matches!(square, Shape::Square(ref s) if s.side == 2.0));
    let triangle = json!({"shape_type": "triangle", "sides": 3});
    let unknown: Shape = serde_json::from_value(triangle.clone()).unwrap();
    assert_eq!(unknown, Shape::Unknown(triangle.clone()));
    assert_eq!(serde_json::to_value(&unknown).unwrap(), triangle);
    assert_eq!(
        serde_json::to_value(&square).unwrap(),
        json!({"shape_type": "square", "side": 2.0})
    );
}

#[test]
fn an_untagged_recursive_union_takes_each_shape() {
    let value: Value =
        serde_json::from_value(json!({"a": "x", "b": ["y"], "c": {"d": "z"}})).unwrap();
    let Value::Map(map) = &value else {
        panic!("an object: {value:?}")
    };
    assert_eq!(map["a"], Value::String("x".into()));
    assert_eq!(map["b"], Value::List(vec!["y".into()]));
    assert!(matches!(map["c"], Value::Map(_)));
}

#[test]
fn patch_bodies_tell_absent_from_null() {
    let absent = ThingPatch::default();
    let null = ThingPatch::new().note(None);
    let set = ThingPatch::new().note("n".to_string()).kind(Kind::Large);
    assert_eq!(serde_json::to_value(&absent).unwrap(), json!({}));
    assert_eq!(serde_json::to_value(&null).unwrap(), json!({"note": null}));
    assert_eq!(
        serde_json::to_value(&set).unwrap(),
        json!({"note": "n", "kind": "large"})
    );
    assert_eq!(
        serde_json::from_value::<ThingPatch>(json!({"note": null})).unwrap(),
        null
    );
    assert_eq!(
        serde_json::from_value::<ThingPatch>(json!({})).unwrap(),
        absent
    );
}

#[test]
fn webhook_events_are_chosen_by_their_event_name() {
    let event: WebhookEvent =
        serde_json::from_value(json!({"event": "THING_CREATED", "payload": thing_json()})).unwrap();
    let WebhookEvent::ThingCreated(created) = event else {
        panic!("THING_CREATED: {event:?}")
    };
    assert_eq!(created.payload.id, 7);
    let unknown: WebhookEvent =
        serde_json::from_value(json!({"event": "THING_MELTED", "payload": {}})).unwrap();
    assert!(matches!(unknown, WebhookEvent::Unknown(_)));
}

#[tokio::test]
async fn responses_are_sorted_by_status_into_the_operations_enum_or_its_error() {
    let server = MockServer::start().await;
    let client = Client::new(server.uri());
    for (id, status, body) in [
        (1, 200, thing_json()),
        (2, 203, json!({"summary": "short"})),
        (3, 404, json!({"message": "gone"})),
        (4, 500, json!({"message": "boom"})),
        (5, 299, json!({"message": "odd"})),
    ] {
        Mock::given(method("GET"))
            .and(path(format!("/things/{id}")))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
            .mount(&server)
            .await;
    }
    let ok = client.get_thing(1).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    assert!(matches!(ok.into_inner(), GetThingResponse::Ok(thing) if thing.id == 7));
    let other = client.get_thing(2).send().await.unwrap().into_inner();
    assert!(
        matches!(other, GetThingResponse::NonAuthoritativeInformation(s) if s.summary.as_deref() == Some("short"))
    );
    let Err(Error::ErrorResponse(not_found)) = client.get_thing(3).send().await else {
        panic!("404 is documented")
    };
    assert_eq!(
        (
            not_found.status().as_u16(),
            not_found.body().message.as_deref()
        ),
        (404, Some("gone"))
    );
    let Err(Error::ErrorResponse(server_error)) = client.get_thing(4).send().await else {
        panic!("default covers 500")
    };
    assert_eq!(server_error.status(), 500);
    let odd = client.get_thing(5).send().await.unwrap().into_inner();
    assert!(matches!(odd, GetThingResponse::Default(p) if p.message.as_deref() == Some("odd")));
}

#[tokio::test]
async fn parameters_go_where_the_spec_says_under_their_wire_names() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things/9"))
        .and(query_param("DateCreated", "2024-01-01"))
        .and(query_param("DateCreated<", "2024-02-01"))
        .and(query_param("DateCreated>", "2023-12-01"))
        .and(header("X-Trace-Id.v2", "trace"))
        .respond_with(|request: &Request| {
            let tags: Vec<_> = request
                .url
                .query_pairs()
                .filter(|(k, _)| k == "tags")
                .map(|(_, v)| v.into_owned())
                .collect();
            assert_eq!(tags, ["a", "b"], "arrays repeat the parameter");
            ResponseTemplate::new(200).set_body_json(thing_json())
        })
        .mount(&server)
        .await;
    let date = |text: &str| text.parse::<chrono::NaiveDate>().unwrap();
    let response = Client::new(server.uri())
        .get_thing(9)
        .date_created(date("2024-01-01"))
        .date_created_lt(date("2024-02-01"))
        .date_created_gt(date("2023-12-01"))
        .tags(vec!["a".into(), "b".into()])
        .x_trace_id_v2("trace")
        .send()
        .await;
    assert!(response.is_ok(), "{response:?}");
}

/// The spec's security schemes are settings of the client builder, sent on every attempt;
/// `Debug` shows where each goes, never its value.
#[tokio::test]
async fn credentials_from_the_security_schemes_are_sent_on_every_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things/9"))
        .and(header("X-Thing-Key", "key-1"))
        .and(query_param("api_key", "key-2"))
        .and(header("cookie", "session=key-3"))
        .and(header("authorization", "Bearer key-4"))
        .respond_with(ResponseTemplate::new(200).set_body_json(thing_json()))
        .mount(&server)
        .await;
    let builder = Client::builder(server.uri())
        .thing_key("key-1")
        .query_key("key-2")
        .session("key-3")
        .bearer("key-4");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("key-"), "{shown}");
    let client = builder.build().unwrap();
    for _ in 0..2 {
        let response = client.get_thing(9).send().await;
        assert!(response.is_ok(), "{response:?}");
    }
    // A middleware added to the builder, a test double here, sees them too.
    let double = TestDouble::new();
    double.reply("getThing", Reply::json(200, &thing_json()));
    let doubled = Client::builder("https://things.test")
        .thing_key("key-1")
        .with(double.clone())
        .build()
        .unwrap();
    let response = doubled.get_thing(9).send().await;
    assert!(response.is_ok(), "{response:?}");
    assert_eq!(double.requests()[0].header("x-thing-key"), Some("key-1"));
    // A client given none sends none.
    let bare = Client::new(server.uri()).get_thing(9).send().await;
    assert_eq!(
        bare.unwrap_err().status().map(|status| status.as_u16()),
        Some(404)
    );
}

#[tokio::test]
async fn a_bad_body_is_a_typed_error_with_the_path_to_the_bad_field() {
    let server = MockServer::start().await;
    let mut bad = thing_json();
    bad["parts"]["1"]["name"] = json!(42);
    Mock::given(method("GET"))
        .and(path("/things/8"))
        .respond_with(ResponseTemplate::new(200).set_body_json(bad))
        .mount(&server)
        .await;
    let Err(Error::InvalidBody { response, path, .. }) =
        Client::new(server.uri()).get_thing(8).send().await
    else {
        panic!("a mistyped field is an error")
    };
    assert_eq!(response.status(), 200);
    assert!(path.starts_with("parts"), "{path}");
    assert!(!response.body().is_empty(), "the raw body is kept");
}

#[tokio::test]
async fn idempotent_calls_get_a_key_and_replays_count_as_success() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/things/7"))
        .and(header_exists("x-idempotency-key"))
        .and(body_string(r#"{"note":null}"#))
        .respond_with(|request: &Request| {
            let key = request
                .headers
                .get("x-idempotency-key")
                .unwrap()
                .to_str()
                .unwrap();
            assert!(
                uuid::Uuid::parse_str(key).is_ok(),
                "a generated key is a UUID: {key}"
            );
            ResponseTemplate::new(409).set_body_json(thing_json())
        })
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/things/6"))
        .and(header("x-idempotency-key", "mine"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({"message": "in use"})))
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    let replayed = client
        .patch_thing(7, ThingPatch::new().note(None))
        .send()
        .await
        .unwrap();
    assert!(replayed.is_replay());
    assert_eq!(replayed.into_inner().id, 7);
    let conflict = client
        .patch_thing(6, ThingPatch::default())
        .idempotency_key("mine")
        .send()
        .await;
    assert!(
        matches!(conflict, Err(Error::ErrorResponse(ref r)) if r.status() == 409),
        "{conflict:?}"
    );
}

#[tokio::test]
async fn form_multipart_and_binary_bodies_are_sent_as_declared() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/forms"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("name=a+b&count=2"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/uploads"))
        .respond_with(|request: &Request| {
            let content_type = request
                .headers
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap();
            assert!(
                content_type.starts_with("multipart/form-data"),
                "{content_type}"
            );
            ResponseTemplate::new(200).set_body_string("upload-1")
        })
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/blobs/a%20b"))
        .and(header("content-type", "application/octet-stream"))
        .and(body_string("raw"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/blobs/x"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![0u8, 159, 146, 150]))
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    let form = xcover_rs::features::types::SubmitFormRequest::new()
        .name("a b")
        .count(2);
    client.submit_form().body(form).send().await.unwrap();
    let multipart = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(vec![1, 2, 3]));
    let id = client.upload(multipart).send().await.unwrap().into_inner();
    assert_eq!(id, "upload-1");
    client.put_blob("a b", &b"raw"[..]).send().await.unwrap();
    let bytes = client.get_blob("x").send().await.unwrap().into_inner();
    assert_eq!(&bytes[..], &[0u8, 159, 146, 150]);
}
