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
