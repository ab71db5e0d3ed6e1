//! End to end: what a call traces (its own test binary: tracing caches which callsites a
//! subscriber wants, and a subscriber set for one test races with the others' threads).

mod support {
    pub mod fake_xcover;
    pub mod recorded;
    pub mod repo;
    pub mod signing;
    pub mod staging;
}

use std::io::Write;
use std::sync::{Arc, Mutex};

use support::fake_xcover::{json, FakeXCover, API_SECRET};
use support::recorded::recorded;
use wiremock::ResponseTemplate;

/// Collects what a `tracing_subscriber::fmt` subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_call_is_one_span_with_its_operation_attempts_status_and_latency_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        // TRACE: whatever any crate logs, the HTTP stack's included, must not show a secret.
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let xcover = FakeXCover::start().await;
    let booking = recorded("get_booking_success.json", "GET", "-INS/");
    xcover
        .signed("GET", "/partners/LLODT/bookings/[^/]+/")
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&xcover.server)
        .await;
    xcover
        .signed("GET", "/partners/LLODT/bookings/[^/]+/")
        .respond_with(json(booking.status, &booking.body))
        .mount(&xcover.server)
        .await;
    let (config, client) = (xcover.config(), xcover.client());
    let response = client
        .get_booking("9CMJ8-GADWJ-INS")
        .send()
        .await
        .expect("the retry succeeds");

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let span = "call{operation=\"getBooking\" method=GET \
                path=\"/partners/{partner_id}/bookings/{quote_package_id}/\"";
    let lines: Vec<&str> = logs
        .lines()
        .filter(|line| line.contains(span) && line.contains(": xcover_"))
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "a retry event and the response, in the span: {logs}"
    );
    assert!(lines[0].contains("retrying"), "{logs}");
    assert!(lines[1].contains("response received"), "{logs}");
    assert!(lines[1].contains("status=200"), "{logs}");
    assert!(lines[1].contains("attempts=2"), "{logs}");
    assert!(lines[1].contains("latency_ms="), "{logs}");
    let authorization = xcover.server.received_requests().await.unwrap()[0].headers
        ["authorization"]
        .to_str()
        .unwrap()
        .to_owned();
    for shown in [
        logs,
        format!("{client:?}"),
        format!("{config:?}"),
        format!("{response:?}"),
    ] {
        for secret in [API_SECRET, authorization.as_str()] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }
}
