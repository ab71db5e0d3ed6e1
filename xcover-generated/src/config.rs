//! Configuration: what a client needs to reach XCover, set in code or read from the `XC_*`
//! environment variables of the official Python SDK, with the same defaults, plus
//! [`XC_HTTP_DEADLINE`], a limit on a whole call that the Python SDK lacks.

use std::{fmt, time::Duration};

use http::HeaderName;

use crate::{
    retry::{RetryPolicy, DEFAULT_DEADLINE, DEFAULT_MAX_BACKOFF},
    signing::{Algorithm, Signer, DEFAULT_SEND_API_KEY, DEFAULT_SIGNED_HEADERS, REQUEST_TARGET},
    ApiSecret, SecretError,
};

/// `XC_BASE_URL`: the API root, e.g. `https://api.xcover.com/x` (production) or
/// `https://staging.api.xcover.com/xcover` (sandbox). Required.
pub const XC_BASE_URL: &str = "XC_BASE_URL";
/// `XC_PARTNER_CODE`: the partner id in every path, e.g. `LLODT`. Required.
pub const XC_PARTNER_CODE: &str = "XC_PARTNER_CODE";
/// `XC_AUTH_API_KEY`: the API key. Required.
pub const XC_AUTH_API_KEY: &str = "XC_AUTH_API_KEY";
/// `XC_AUTH_API_SECRET`: the API secret. Required; refused, not trimmed, when it starts or
/// ends with whitespace (see [`ApiSecret::check`]).
pub const XC_AUTH_API_SECRET: &str = "XC_AUTH_API_SECRET";
/// `XC_AUTH_ALGORITHM`: `hmac-sha256`, `hmac-sha384` or `hmac-sha512` (the default).
pub const XC_AUTH_ALGORITHM: &str = "XC_AUTH_ALGORITHM";
/// `XC_AUTH_HEADERS`: the signed headers, space-separated (default `(request-target) date`).
pub const XC_AUTH_HEADERS: &str = "XC_AUTH_HEADERS";
/// `XC_HTTP_TIMEOUT`: seconds allowed for each attempt of a request (default 60).
pub const XC_HTTP_TIMEOUT: &str = "XC_HTTP_TIMEOUT";
/// `XC_HTTP_DEADLINE`: seconds allowed for a whole call, every attempt and wait between them
/// included (default 120). Not one of the Python SDK's variables: it has no overall limit.
pub const XC_HTTP_DEADLINE: &str = "XC_HTTP_DEADLINE";
/// `XC_RETRY_TOTAL`: retries after the first attempt (default 5).
pub const XC_RETRY_TOTAL: &str = "XC_RETRY_TOTAL";
/// `XC_RETRY_BACKOFF_FACTOR`: seconds, the base of the exponential wait between retries
/// (default 2, at most 120: the longest wait).
pub const XC_RETRY_BACKOFF_FACTOR: &str = "XC_RETRY_BACKOFF_FACTOR";

/// Every variable [`Config::from_env`] reads.
pub const ALL_VARIABLES: [&str; 10] = [
    XC_BASE_URL,
    XC_PARTNER_CODE,
    XC_AUTH_API_KEY,
    XC_AUTH_API_SECRET,
    XC_AUTH_ALGORITHM,
    XC_AUTH_HEADERS,
    XC_HTTP_TIMEOUT,
    XC_HTTP_DEADLINE,
    XC_RETRY_TOTAL,
    XC_RETRY_BACKOFF_FACTOR,
];

/// `XC_AUTH_HEADERS`' default: the signer's own, `(request-target) date`, as the Python SDK's
/// configuration has it.
pub const DEFAULT_AUTH_HEADERS: &[&str] = DEFAULT_SIGNED_HEADERS;
/// The Python SDK's default HTTP timeout (its code says 60 s; its README still says 10).
pub const DEFAULT_HTTP_TIMEOUT: Duration = Duration::from_secs(60);
/// The Python SDK's default number of retries.
pub const DEFAULT_RETRY_TOTAL: u32 = 5;
/// The Python SDK's default backoff factor.
pub const DEFAULT_RETRY_BACKOFF_FACTOR: Duration = Duration::from_secs(2);

/// How to reach XCover: where, as whom, and how patiently.
///
/// `Debug` shows everything but the secret.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Config {
    /// The API root, without the `/partners/…` part.
    pub base_url: String,
    /// The partner id bound into every path (the `partner_id` path parameter, as on
    /// [`Client`](crate::Client)); `XC_PARTNER_CODE` in the environment, the official SDKs'
    /// name for it.
    pub partner_id: String,
    /// The API key (the signature's `keyId`).
    pub api_key: String,
    /// The API secret (the HMAC key).
    pub api_secret: ApiSecret,
    /// The HMAC algorithm.
    pub algorithm: Algorithm,
    /// The signed headers, lower-case, in order.
    pub signed_headers: Vec<String>,
    /// Whether requests carry `X-Api-Key` (default yes: the XCover docs list it as required).
    pub send_api_key: bool,
    /// The time allowed for each attempt of a request.
    pub http_timeout: Duration,
    /// The time allowed for a whole call, attempts and waits included.
    pub http_deadline: Duration,
    /// Retries after the first attempt.
    pub retry_total: u32,
    /// The base of the exponential wait between retries.
    pub retry_backoff_factor: Duration,
}

impl Config {
    /// A configuration with the defaults for everything but the four required values.
    pub fn new(
        base_url: impl Into<String>,
        partner_id: impl Into<String>,
        api_key: impl Into<String>,
        api_secret: impl Into<ApiSecret>,
    ) -> Self {
        Self {
            base_url: base_url.into(),
            partner_id: partner_id.into(),
            api_key: api_key.into(),
            api_secret: api_secret.into(),
            algorithm: Algorithm::default(),
            signed_headers: DEFAULT_AUTH_HEADERS
                .iter()
                .map(|name| (*name).to_owned())
                .collect(),
            send_api_key: DEFAULT_SEND_API_KEY,
            http_timeout: DEFAULT_HTTP_TIMEOUT,
            http_deadline: DEFAULT_DEADLINE,
            retry_total: DEFAULT_RETRY_TOTAL,
            retry_backoff_factor: DEFAULT_RETRY_BACKOFF_FACTOR,
        }
    }

    /// Reads the `XC_*` variables from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_source(|var| match std::env::var(var) {
            Ok(value) => Ok(Some(value)),
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => Err(ConfigError::NotUnicode { var }),
        })
    }

    /// Reads the `XC_*` variables from name/value pairs (a `.env` file, a test), exactly as
    /// [`from_env`](Self::from_env) reads the environment.
    pub fn from_vars<I, K, V>(vars: I) -> Result<Self, ConfigError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<String>,
    {
        let vars: Vec<(String, String)> = vars
            .into_iter()
            .map(|(name, value)| (name.as_ref().to_owned(), value.into()))
            .collect();
        Self::from_source(|var| {
            Ok(vars
                .iter()
                .rev()
                .find(|(name, _)| name == var)
                .map(|(_, value)| value.clone()))
        })
    }

    fn from_source(
        get: impl Fn(&'static str) -> Result<Option<String>, ConfigError>,
    ) -> Result<Self, ConfigError> {
        // An empty variable counts as unset, as an empty value is never meant.
        let get = |var| -> Result<Option<String>, ConfigError> {
            Ok(get(var)?.filter(|value| !value.trim().is_empty()))
        };
        let required = |var| get(var)?.ok_or(ConfigError::Missing { var });

        let base_url = required(XC_BASE_URL)?;
        check_base_url(&base_url)?;
        let partner_id = required(XC_PARTNER_CODE)?;
        let api_key = required(XC_AUTH_API_KEY)?;
        let api_secret = ApiSecret::new(required(XC_AUTH_API_SECRET)?);
        api_secret
            .check()
            .map_err(|reason| ConfigError::InvalidSecret {
                var: XC_AUTH_API_SECRET,
                reason,
            })?;
        let mut config = Config::new(base_url, partner_id, api_key, api_secret);
        if let Some(value) = get(XC_AUTH_ALGORITHM)? {
            config.algorithm = value.parse().map_err(|_| {
                invalid(
                    XC_AUTH_ALGORITHM,
                    &value,
                    "expected hmac-sha256, hmac-sha384 or hmac-sha512",
                )
            })?;
        }
        if let Some(value) = get(XC_AUTH_HEADERS)? {
            config.signed_headers = parse_signed_headers(&value)?;
        }
        if let Some(value) = get(XC_HTTP_TIMEOUT)? {
            config.http_timeout = parse_positive_seconds(XC_HTTP_TIMEOUT, &value)?;
        }
        if let Some(value) = get(XC_HTTP_DEADLINE)? {
            config.http_deadline = parse_positive_seconds(XC_HTTP_DEADLINE, &value)?;
        }
        if let Some(value) = get(XC_RETRY_TOTAL)? {
            config.retry_total = value.trim().parse().map_err(|_| {
                invalid(
                    XC_RETRY_TOTAL,
                    &value,
                    "expected a whole number of retries, 0 or more",
                )
            })?;
        }
        if let Some(value) = get(XC_RETRY_BACKOFF_FACTOR)? {
            config.retry_backoff_factor = parse_seconds(XC_RETRY_BACKOFF_FACTOR, &value)?;
            // A factor past the cap is a typo (milliseconds for seconds, say), not a wish.
            if config.retry_backoff_factor > DEFAULT_MAX_BACKOFF {
                return Err(invalid(
                    XC_RETRY_BACKOFF_FACTOR,
                    &value,
                    "expected a number of seconds from 0 to 120, the longest wait between retries",
                ));
            }
        }
        Ok(config)
    }

    /// The request signer this configuration describes.
    pub fn signer(&self) -> Signer {
        Signer::new(self.api_key.clone(), self.api_secret.clone())
            .algorithm(self.algorithm)
            .headers(&self.signed_headers)
            .send_api_key(self.send_api_key)
    }

    /// The retry policy this configuration describes.
    pub fn retry_policy(&self) -> RetryPolicy {
        RetryPolicy::new(self.retry_total)
            .backoff_factor(self.retry_backoff_factor)
            .deadline(self.http_deadline)
    }
}

/// Why a configuration could not be read. Names the variable; never holds the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A required variable is unset or empty.
    #[error("{var} is not set: {}", describe(var))]
    Missing {
        /// The variable.
        var: &'static str,
    },
    /// A variable's value is not valid.
    #[error("{var}={value:?} is not valid: {reason}")]
    Invalid {
        /// The variable.
        var: &'static str,
        /// The value as given (never a secret: secrets are only checked for presence).
        value: String,
        /// What a valid value looks like.
        reason: String,
    },
    /// A secret's value is not valid. Unlike [`Invalid`](Self::Invalid), the value is not
    /// kept.
    #[error("{var} is not valid: {reason}")]
    InvalidSecret {
        /// The variable.
        var: &'static str,
        /// What is wrong with the value.
        reason: SecretError,
    },
    /// A variable's value is not valid Unicode.
    #[error("{var} is not valid Unicode")]
    NotUnicode {
        /// The variable.
        var: &'static str,
    },
}

fn describe(var: &str) -> &'static str {
    match var {
        XC_BASE_URL => {
            "the XCover API root, e.g. https://staging.api.xcover.com/xcover for the sandbox"
        }
        XC_PARTNER_CODE => "your partner code, e.g. LLODT",
        XC_AUTH_API_KEY => "your API key, from your XCover integration manager",
        XC_AUTH_API_SECRET => "your API secret, from your XCover integration manager",
        _ => "see the xcover_generated::config docs",
    }
}

fn invalid(var: &'static str, value: &str, reason: &str) -> ConfigError {
    ConfigError::Invalid {
        var,
        value: value.to_owned(),
        reason: reason.to_owned(),
    }
}

fn check_base_url(value: &str) -> Result<(), ConfigError> {
    match reqwest::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(()),
        _ => Err(invalid(
            XC_BASE_URL,
            value,
            "expected an http(s) URL such as https://api.xcover.com/x",
        )),
    }
}

fn split_headers(value: &str) -> Vec<String> {
    value
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect()
}

fn parse_signed_headers(value: &str) -> Result<Vec<String>, ConfigError> {
    let headers = split_headers(value);
    let valid = headers
        .iter()
        .all(|name| name == REQUEST_TARGET || HeaderName::from_bytes(name.as_bytes()).is_ok());
    if !valid {
        return Err(invalid(
            XC_AUTH_HEADERS,
            value,
            "expected header names separated by spaces, e.g. `(request-target) date`",
        ));
    }
    Ok(headers)
}

/// A time that must be more than nothing: a timeout or a deadline of 0 would fail every call.
fn parse_positive_seconds(var: &'static str, value: &str) -> Result<Duration, ConfigError> {
    let seconds = parse_seconds(var, value)?;
    if seconds.is_zero() {
        return Err(invalid(var, value, "must be more than 0 seconds"));
    }
    Ok(seconds)
}

fn parse_seconds(var: &'static str, value: &str) -> Result<Duration, ConfigError> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .ok_or_else(|| invalid(var, value, "expected a number of seconds, 0 or more"))
}

impl fmt::Display for Config {
    /// A one-line summary for logs, without the secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "XCover {} as partner {} (key {}, {} over `{}`, timeout {:?}, {} retries, \
             deadline {:?})",
            self.base_url,
            self.partner_id,
            self.api_key,
            self.algorithm,
            self.signed_headers.join(" "),
            self.http_timeout,
            self.retry_total,
            self.http_deadline
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "never-print-me-0123456789";

    fn required() -> Vec<(&'static str, &'static str)> {
        vec![
            (XC_BASE_URL, "https://staging.api.xcover.com/xcover"),
            (XC_PARTNER_CODE, "LLODT"),
            (XC_AUTH_API_KEY, "the-key"),
            (XC_AUTH_API_SECRET, SECRET),
        ]
    }

    fn with(extra: &[(&'static str, &'static str)]) -> Result<Config, ConfigError> {
        let mut vars = required();
        vars.extend_from_slice(extra);
        Config::from_vars(vars)
    }

    #[test]
    fn defaults_are_the_python_sdks() {
        let config = with(&[]).unwrap();
        assert_eq!(config.base_url, "https://staging.api.xcover.com/xcover");
        assert_eq!(config.partner_id, "LLODT");
        assert_eq!(config.api_key, "the-key");
        assert_eq!(config.api_secret.expose(), SECRET);
        assert_eq!(config.algorithm, Algorithm::HmacSha512);
        assert_eq!(config.signed_headers, ["(request-target)", "date"]);
        assert_eq!(config.http_timeout, Duration::from_secs(60));
        assert_eq!(config.http_deadline, Duration::from_secs(120));
        assert_eq!(config.retry_policy().call_deadline(), DEFAULT_DEADLINE);
        assert_eq!(config.retry_total, 5);
        assert_eq!(config.retry_backoff_factor, Duration::from_secs(2));
        assert!(config.send_api_key);
    }

    #[test]
    fn reads_every_optional_variable() {
        let config = with(&[
            (XC_AUTH_ALGORITHM, "hmac-sha256"),
            (XC_AUTH_HEADERS, "date"),
            (XC_HTTP_TIMEOUT, "2.5"),
            (XC_HTTP_DEADLINE, "30.5"),
            (XC_RETRY_TOTAL, "0"),
            (XC_RETRY_BACKOFF_FACTOR, "0.5"),
        ])
        .unwrap();
        assert_eq!(config.algorithm, Algorithm::HmacSha256);
        assert_eq!(config.signed_headers, ["date"]);
        assert_eq!(config.http_timeout, Duration::from_millis(2500));
        assert_eq!(config.http_deadline, Duration::from_millis(30_500));
        assert_eq!(
            config.retry_policy().call_deadline(),
            Duration::from_millis(30_500)
        );
        assert_eq!(config.retry_total, 0);
        assert_eq!(config.retry_backoff_factor, Duration::from_millis(500));
        assert_eq!(config.retry_policy().max_retries(), 0);
        assert_eq!(config.signer().signed_headers(), ["date"]);
    }

    #[test]
    fn names_the_missing_variable() {
        for var in [
            XC_BASE_URL,
            XC_PARTNER_CODE,
            XC_AUTH_API_KEY,
            XC_AUTH_API_SECRET,
        ] {
            let vars = required().into_iter().filter(|(name, _)| *name != var);
            let err = Config::from_vars(vars).unwrap_err();
            assert_eq!(err, ConfigError::Missing { var });
            assert!(
                err.to_string().starts_with(&format!("{var} is not set")),
                "{err}"
            );
        }
        let err = with(&[(XC_AUTH_API_KEY, "  ")]).unwrap_err();
        assert_eq!(
            err,
            ConfigError::Missing {
                var: XC_AUTH_API_KEY
            }
        );
    }

    #[test]
    fn names_the_bad_variable() {
        for (var, value) in [
            (XC_BASE_URL, "staging.api.xcover.com"),
            (XC_AUTH_ALGORITHM, "hmac-sha1"),
            (XC_AUTH_HEADERS, "date content type:"),
            (XC_HTTP_TIMEOUT, "ten"),
            (XC_HTTP_TIMEOUT, "0"),
            (XC_HTTP_TIMEOUT, "-1"),
            (XC_HTTP_DEADLINE, "two minutes"),
            (XC_HTTP_DEADLINE, "0"),
            (XC_HTTP_DEADLINE, "-5"),
            (XC_HTTP_DEADLINE, "inf"),
            (XC_RETRY_TOTAL, "-1"),
            (XC_RETRY_TOTAL, "2.5"),
            (XC_RETRY_BACKOFF_FACTOR, "NaN"),
            (XC_RETRY_BACKOFF_FACTOR, "inf"),
            (XC_RETRY_BACKOFF_FACTOR, "-1"),
            (XC_RETRY_BACKOFF_FACTOR, "120.5"),
            (XC_RETRY_BACKOFF_FACTOR, "1e19"),
        ] {
            let err = with(&[(var, value)]).unwrap_err();
            assert!(
                matches!(&err, ConfigError::Invalid { var: bad, .. } if *bad == var),
                "{var}={value}: {err:?}"
            );
            assert!(err.to_string().starts_with(var), "{err}");
        }
    }

    #[test]
    fn the_backoff_factor_may_be_as_long_as_the_longest_wait() {
        let config = with(&[(XC_RETRY_BACKOFF_FACTOR, "120")]).unwrap();
        assert_eq!(config.retry_backoff_factor, DEFAULT_MAX_BACKOFF);
    }

    #[test]
    fn the_secret_never_shows() {
        let config = with(&[]).unwrap();
        for shown in [
            format!("{config:?}"),
            format!("{config:#?}"),
            config.to_string(),
            format!("{:?}", config.signer()),
        ] {
            assert!(!shown.contains(SECRET), "{shown}");
        }
        let err = Config::from_vars([(XC_AUTH_API_SECRET, SECRET)]).unwrap_err();
        assert!(!format!("{err} {err:?}").contains(SECRET));
    }

    /// A secret read from a file keeps the file's last newline, and would sign with another
    /// key than the one XCover issued.
    #[test]
    fn a_secret_with_surrounding_whitespace_is_refused() {
        // The last value of a variable wins.
        let vars = required()
            .into_iter()
            .map(|(name, value)| (name, value.to_owned()))
            .chain([(XC_AUTH_API_SECRET, format!("{SECRET}\n"))]);
        let err = Config::from_vars(vars).unwrap_err();
        assert_eq!(
            err,
            ConfigError::InvalidSecret {
                var: XC_AUTH_API_SECRET,
                reason: SecretError::SurroundingWhitespace
            }
        );
        assert!(err.to_string().starts_with(XC_AUTH_API_SECRET), "{err}");
        assert!(!format!("{err} {err:?}").contains(SECRET), "{err:?}");
    }
}
