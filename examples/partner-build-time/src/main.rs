// The client build.rs generated, included once (a program uses only part of it).
#[allow(dead_code, unused_imports)]
mod xcover {
    include!(concat!(env!("OUT_DIR"), "/xcover.rs"));
}

use xcover::{runtime::chrono, types, Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base_url = std::env::var("XC_BASE_URL")?;
    let partner_id = std::env::var("XC_PARTNER_CODE")?;
    // Add your request signing as middleware: `Client::builder(…).with(…)`.
    let client = Client::new(base_url, partner_id);

    let event = chrono::Utc::now().fixed_offset() + chrono::Duration::days(30);
    let product =
        types::EventTicketProtectionPolicyRequest::new(1, event, vec![types::Ticket::new(50)]);
    let request =
        types::CreateQuoteRequest::new(types::CurrencyEnum::Gbp, vec![product.into()], "GB");

    match client.create_quote(request).send().await {
        Ok(response) => println!("quote package {}", response.into_inner().id),
        // "422 Unprocessable Entity: {"type":"validation_error", …}": the status and the body.
        Err(error @ Error::ErrorResponse(_)) => eprintln!("{error}"),
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
