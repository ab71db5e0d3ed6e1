//! A ready client from a [`Config`]: signed, retrying, with the configured timeout.

use crate::{
    config::Config, retry::RetryMiddleware, signing::SigningMiddleware, Client, ClientBuilder,
};

/// The `User-Agent` the SDK sends unless told otherwise.
pub const USER_AGENT: &str = concat!("xcover-rs/", env!("CARGO_PKG_VERSION"));

impl Client {
    /// A client that signs every request and retries what is worth retrying, as `config`
    /// says: the one-line set-up.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use xcover_generated::{config::Config, Client};
    ///
    /// let client = Client::from_config(&Config::from_env()?)?;
    /// # Ok(()) }
    /// ```
    pub fn from_config(config: &Config) -> Result<Client, reqwest::Error> {
        Self::builder_from_config(config).build()
    }

    /// The builder behind [`from_config`](Self::from_config), for adding middleware or
    /// settings of one's own before `build()`. Retries are outermost and signing next, so
    /// that middleware added now sees each attempt, signed.
    pub fn builder_from_config(config: &Config) -> ClientBuilder {
        Client::builder(config.base_url.clone(), config.partner_id.clone())
            .timeout(config.http_timeout)
            .user_agent(USER_AGENT)
            .with(RetryMiddleware::new(config.retry_policy()))
            .with(SigningMiddleware::new(config.signer()))
    }
}

#[cfg(test)]
mod tests {
    use std::{
        io::Write,
        sync::{Arc, Mutex},
        time::Duration,
    };

    use wiremock::{matchers::any, Mock, MockServer, ResponseTemplate};

    use super::*;

    const SECRET: &str = "secret-that-must-not-leak";

    /// Collects everything the SDK logs.
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
    async fn neither_logs_nor_debug_output_show_the_secret_or_a_signature() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);

        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
            .mount(&server)
            .await;
        let mut config = Config::new(server.uri(), "LLODT", "the-key", SECRET);
        config.retry_backoff_factor = Duration::from_millis(1);
        let client = Client::from_config(&config).unwrap();

        let response = client.get_booking("AAAAA-BBBBB-INS").send().await;
        let received = server.received_requests().await.unwrap();
        assert_eq!(received.len(), 2, "{response:?}");
        let signature = received[0].headers["authorization"]
            .to_str()
            .unwrap()
            .to_owned();

        let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(logs.contains("retrying"), "the retry was logged: {logs}");
        for shown in [
            logs,
            format!("{client:?}"),
            format!("{config:?}"),
            format!("{response:?}"),
        ] {
            assert!(!shown.contains(SECRET), "{shown}");
            assert!(!shown.contains(&signature), "{shown}");
        }
    }
}
