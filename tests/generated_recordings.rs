//! Every real 2019 response body deserializes into the generated type of its operation:
//! `<OperationId>Response` for a success, `Error` for an error status. Checked against the
//! types of 2.16.0 (the API the recordings were made against) and of the newest spec, whose
//! types must survive the same real traffic. Decoded values serialize and decode again to
//! the same value (unknown enum values and index-keyed lists survive the round trip).

mod support {
    pub mod per_version;
    pub mod recordings;
    pub mod repo;
    pub mod specs;
}

use serde::de::DeserializeOwned;
use serde::Serialize;
use support::per_version::PerVersion;
use support::recordings::{matches_template, recording_files};
use support::repo::read;
use support::specs::spec_path;

/// The version the recordings were made against.
const OLDEST: &str = "2.16.0";

/// A recorded exchange: which operation, which status, which body.
struct Exchange {
    file: String,
    operation: String,
    status: u16,
    body: String,
}

/// `(method, path template, operationId)` of every operation of a version, read once for all
/// the tests.
fn operations(version: &str) -> &'static [(String, String, String)] {
    static OPERATIONS: PerVersion<Vec<(String, String, String)>> = PerVersion::new();
    OPERATIONS.get(version, || {
        let text = read(&spec_path(version));
        let document: openapiv3::OpenAPI = serde_yaml::from_str(&text).expect("spec parses");
        let mut operations = Vec::new();
        for (path, item) in &document.paths.paths {
            let item = item.as_item().expect("inline path items");
            for (method, operation) in item.iter() {
                let id = operation
                    .operation_id
                    .clone()
                    .expect("every operation has an id");
                operations.push((method.to_ascii_uppercase(), path.clone(), id));
            }
        }
        operations
    })
}

/// Every recorded exchange with an API operation (the SDK's plumbing tests against
/// `/partners/{id}/` are not operations).
/// Exchanges with operations the spec no longer has (the legacy renewal confirmation) are
/// left out.
fn exchanges(version: &str) -> Vec<Exchange> {
    let oldest = operations(OLDEST);
    let operations = operations(version);
    let mut exchanges = Vec::new();
    for file in recording_files() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = read(&file);
        let records: serde_json::Value = serde_json::from_str(&text).expect("recording parses");
        for record in records.as_array().expect("a list of exchanges") {
            let method = record["request"]["method"].as_str().expect("method");
            let url = record["request"]["url"].as_str().expect("url");
            let path = &url[url.find("/partners/").expect("a partner path")..];
            let path = path.split('?').next().unwrap();
            let Some((_, _, id)) = operations
                .iter()
                .find(|(m, template, _)| m == method && matches_template(template, path))
            else {
                let retired = oldest
                    .iter()
                    .any(|(m, template, _)| m == method && matches_template(template, path));
                assert!(
                    retired || path.trim_end_matches('/').matches('/').count() == 2,
                    "{name}: {method} {path} matches no operation"
                );
                continue;
            };
            let status = record["response"]["status"]["code"]
                .as_str()
                .expect("status code")
                .parse()
                .expect("numeric status");
            exchanges.push(Exchange {
                file: name.clone(),
                operation: id.clone(),
                status,
                body: record["response"]["body"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            });
        }
    }
    exchanges
}

/// Decodes `body` as `T`, then checks the value survives serialization.
fn decode<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    body: &str,
) -> Result<(), String> {
    let body = if body.trim().is_empty() { "null" } else { body };
    let deserializer = &mut serde_json::Deserializer::from_str(body);
    let value: T = serde_path_to_error::deserialize(deserializer)
        .map_err(|error| format!("at `{}`: {}", error.path(), error.inner()))?;
    let again: T = serde_json::from_value(serde_json::to_value(&value).map_err(|e| e.to_string())?)
        .map_err(|error| format!("after a round trip: {error}"))?;
    if again != value {
        return Err("the value changed in a round trip".into());
    }
    Ok(())
}

/// Decodes one exchange with the types of one generated SDK.
macro_rules! decoder {
    ($name:ident, $types:path, { $( $id:literal => $ty:ident ),* $(,)? }) => {
        fn $name(exchange: &Exchange) -> Result<(), String> {
            use $types as types;
            if !(200..300).contains(&exchange.status) {
                return decode::<types::ApiError>(&exchange.body);
            }
            match exchange.operation.as_str() {
                $( $id => decode::<types::$ty>(&exchange.body), )*
                other => Err(format!("no decoder for `{other}`")),
            }
        }
    };
}

decoder!(decode_2_16_0, xcover_rs::v2_16_0::types, {
    "listBookings" => ListBookingsResponse,
    "createBooking" => CreateBookingResponse,
    "getBooking" => GetBookingResponse,
    "updateBooking" => UpdateBookingResponse,
    "cancelBooking" => CancelBookingResponse,
    "confirmBooking" => ConfirmBookingResponse,
    "confirmCancellation" => ConfirmCancellationResponse,
    "confirmUpdate" => ConfirmUpdateResponse,
    "optOut" => OptOutResponse,
    "quoteForUpdate" => QuoteForUpdateResponse,
    "instantBooking" => InstantBookingResponse,
    "createQuote" => CreateQuoteResponse,
    "getQuote" => GetQuoteResponse,
    "updateQuote" => UpdateQuoteResponse,
    "addQuotes" => AddQuotesResponse,
    "deleteQuotes" => DeleteQuotesResponse,
    "confirmRenewalLegacy" => ConfirmRenewalLegacyResponse,
});

decoder!(decode_latest, xcover_generated::types, {
    "listBookings" => ListBookingsResponse,
    "createBooking" => CreateBookingResponse,
    "getBooking" => GetBookingResponse,
    "updateBooking" => UpdateBookingResponse,
    "cancelBooking" => CancelBookingResponse,
    "confirmBooking" => ConfirmBookingResponse,
    "confirmCancellation" => ConfirmCancellationResponse,
    "confirmUpdate" => ConfirmUpdateResponse,
    "optOut" => OptOutResponse,
    "quoteForUpdate" => QuoteForUpdateResponse,
    "instantBooking" => InstantBookingResponse,
    "createQuote" => CreateQuoteResponse,
    "getQuote" => GetQuoteResponse,
    "updateQuote" => UpdateQuoteResponse,
    "addQuotes" => AddQuotesResponse,
    "deleteQuotes" => DeleteQuotesResponse,
});

fn check_all(version: &str, decoder: fn(&Exchange) -> Result<(), String>) -> usize {
    let exchanges = exchanges(version);
    let failures: Vec<String> = exchanges
        .iter()
        .filter_map(|exchange| {
            decoder(exchange).err().map(|error| {
                format!(
                    "{} ({} {}): {error}",
                    exchange.file, exchange.operation, exchange.status
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} bodies failed:\n{}",
        failures.len(),
        exchanges.len(),
        failures.join("\n")
    );
    exchanges.len()
}

#[test]
fn every_2019_response_decodes_into_the_2_16_0_types_of_its_operation() {
    let checked = check_all(OLDEST, decode_2_16_0);
    assert!(checked >= 40, "only {checked} exchanges found");
}

#[test]
fn every_2019_response_of_a_current_operation_decodes_into_the_newest_types() {
    let checked = check_all("2.152.1", decode_latest);
    assert!(checked >= 40, "only {checked} exchanges found");
}

#[test]
fn quote_packages_come_out_as_lists_in_index_order() {
    let exchange = exchanges(OLDEST)
        .into_iter()
        .find(|e| e.file == "add_quotes_success.json" && e.status == 201)
        .expect("the add-quotes recording");
    let package: xcover_rs::v2_16_0::types::QuotePackage =
        serde_json::from_str(&exchange.body).unwrap();
    let raw: serde_json::Value = serde_json::from_str(&exchange.body).unwrap();
    let keyed = raw["quotes"]
        .as_object()
        .expect("the API sends an index-keyed object");
    assert_eq!(package.quotes.len(), keyed.len());
    for (index, quote) in package.quotes.iter().enumerate() {
        assert_eq!(
            quote.id.to_string(),
            keyed[&index.to_string()]["id"].as_str().unwrap()
        );
    }
}

/// Real staging traffic had a booking whose `partner.emails[]` entry lacked `attach_coi`, and
/// the whole answer failed to decode while `PartnerEmail` required it. The 2019 API sent no
/// `emails`, so the input is the recorded Get booking answer with an entry of the 2021 shape
/// (REFERENCE §3.13) added to `partner.emails`, and `attach_coi` deleted from it.
#[test]
fn a_booking_whose_partner_email_lacks_attach_coi_decodes_into_the_newest_types() {
    use xcover_generated::types::GetBookingResponse;

    let exchange = exchanges("2.152.1")
        .into_iter()
        .find(|e| {
            e.file == "get_booking_with_query_params_success.json" && e.operation == "getBooking"
        })
        .expect("the recorded Get booking answer");
    let mut body: serde_json::Value = serde_json::from_str(&exchange.body).unwrap();
    let mut email = serde_json::json!({
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
    });
    email.as_object_mut().unwrap().remove("attach_coi");
    body["partner"]["emails"] = serde_json::json!([email, {}]);
    let body = body.to_string();

    decode::<GetBookingResponse>(&body).unwrap_or_else(|error| panic!("{error}"));
    let booking: GetBookingResponse = serde_json::from_str(&body).unwrap();
    let emails = booking.partner.unwrap().emails.unwrap();
    assert_eq!(emails[0].attach_coi, None);
    assert_eq!(emails[0].include_partner_in_context, Some(true));
    assert_eq!(
        emails[1],
        Default::default(),
        "an entry with no field at all decodes too"
    );
}
