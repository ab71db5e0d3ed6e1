use xcover_generated::{chrono, config::Config, types, Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // XC_BASE_URL, XC_PARTNER_CODE, XC_AUTH_API_KEY, XC_AUTH_API_SECRET, … as in the Python SDK.
    let client = Client::from_config(&Config::from_env()?)?; // signed, retrying

    // `new` takes what the spec requires, setters the rest; the variant sets its own tag.
    let event = chrono::Utc::now().fixed_offset() + chrono::Duration::days(30);
    let tickets = vec![types::Ticket::new(50), types::Ticket::new(50)];
    let product = types::EventTicketProtectionPolicyRequest::new(1, event, tickets)
        .event_name("Ariana Grande")
        .event_country("GB");
    let request =
        types::CreateQuoteRequest::new(types::CurrencyEnum::Gbp, vec![product.into()], "GB")
            .customer_language("en");

    match client.create_quote(request).send().await {
        Ok(response) => {
            let package: types::QuotePackage = response.into_inner();
            println!("{} quotes", package.quotes.len()); // a Vec, whatever form the API sent
        }
        Err(Error::ErrorResponse(response)) => {
            // "422 Unprocessable Entity: currency: This field is required."
            eprintln!("{response}");
            for field in response.body().field_errors() {
                eprintln!("  {}: {}", field.path, field.message);
            }
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
