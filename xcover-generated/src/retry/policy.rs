//! [`RetryPolicy`]: how many retries, and how long to wait before each.

use std::time::{Duration, SystemTime};

use retry_policies::{policies::ExponentialBackoff, Jitter, RetryDecision, RetryPolicy as _};

/// The longest wait computed from the backoff unless [`RetryPolicy::max_backoff`] says
/// otherwise: the Python SDK's 120 s.
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(120);

/// The time a call may take, all attempts and waits included, unless
/// [`RetryPolicy::deadline`] says otherwise: a couple of minutes. Without it the Python SDK's
/// defaults (60 s per attempt, 5 retries, waits up to 120 s) let one call run for about seven.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);

/// The longest wait computed from the backoff whatever the policy was given: longer is never
/// meant, and it keeps the exponential arithmetic far from overflowing.
const LONGEST_BACKOFF: Duration = Duration::from_secs(24 * 60 * 60);

/// How many times to retry and how long to wait in between.
///
/// The wait before retry `n` (counting from 0) is `backoff_factor × 2ⁿ`, capped at
/// `max_backoff` (the factor included), with bounded jitter (a random wait between half the
/// factor and that value, so that clients throttled together do not come back together), or
/// what the response's `Retry-After` asks for if that is longer. A `Retry-After` beyond `max_retry_after` ends the
/// retries: the response is returned as it is.
///
/// The whole call, attempts and waits, must end within the [deadline](Self::deadline): no
/// wait is started that would end after it, and an attempt still running when it passes is
/// abandoned.
///
/// The defaults are the official Python SDK's (`XC_RETRY_TOTAL=5`,
/// `XC_RETRY_BACKOFF_FACTOR=2`): 5 retries, a 2 s factor, waits capped at 120 s; the deadline,
/// which the Python SDK does not have, is [`DEFAULT_DEADLINE`].
///
/// A policy in a request's extensions replaces the middleware's for that call:
/// `request_builder.with_extension(RetryPolicy::never())`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    backoff_factor: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    deadline: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 5,
            backoff_factor: Duration::from_secs(2),
            max_backoff: DEFAULT_MAX_BACKOFF,
            max_retry_after: Duration::from_secs(120),
            deadline: DEFAULT_DEADLINE,
        }
    }
}

impl RetryPolicy {
    /// The defaults, with `max_retries` retries (so at most `max_retries + 1` attempts).
    pub fn new(max_retries: u32) -> Self {
        Self {
            max_retries,
            ..Self::default()
        }
    }

    /// No retries at all.
    pub fn never() -> Self {
        Self::new(0)
    }

    /// The base of the exponential wait (default 2 s). A factor above
    /// [`max_backoff`](Self::max_backoff) counts as that maximum.
    pub fn backoff_factor(mut self, factor: Duration) -> Self {
        self.backoff_factor = factor;
        self
    }

    /// The longest wait computed from the backoff (default 120 s, at most a day).
    pub fn max_backoff(mut self, max: Duration) -> Self {
        self.max_backoff = max;
        self
    }

    /// The longest `Retry-After` that is waited for (default 120 s); a response asking for
    /// more is returned without retrying.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// The time a call may take from its start, attempts and waits included (default
    /// [`DEFAULT_DEADLINE`]).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Retries allowed after the first attempt.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The `Retry-After` limit.
    pub fn retry_after_limit(&self) -> Duration {
        self.max_retry_after
    }

    /// The deadline of a call.
    pub fn call_deadline(&self) -> Duration {
        self.deadline
    }

    /// The jittered wait before retry number `past_retries` (0 for the first retry), or `None`
    /// when the retries are used up.
    pub fn backoff(&self, past_retries: u32) -> Option<Duration> {
        // Clamped here, not in the setters, so that the order they are called in is moot.
        let max = self.max_backoff.min(LONGEST_BACKOFF);
        let factor = self.backoff_factor.min(max);
        let backoff = ExponentialBackoff::builder()
            .retry_bounds(factor, max)
            .jitter(Jitter::Bounded)
            .base(2)
            .build_with_max_retries(self.max_retries);
        let now = SystemTime::now();
        match backoff.should_retry(now, past_retries) {
            RetryDecision::Retry { execute_after } => {
                Some(execute_after.duration_since(now).unwrap_or_default())
            }
            RetryDecision::DoNotRetry => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_exponentially_within_jitter_bounds() {
        let policy = RetryPolicy::new(5)
            .backoff_factor(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(500));
        for (retry, ceiling) in [(0, 100), (1, 200), (2, 400), (3, 500), (4, 500)] {
            let wait = policy.backoff(retry).unwrap();
            assert!(
                wait >= Duration::from_millis(50) && wait <= Duration::from_millis(ceiling),
                "retry {retry}: {wait:?}"
            );
        }
        assert_eq!(policy.backoff(5), None);
        assert_eq!(RetryPolicy::never().backoff(0), None);
    }

    /// `retry-policies` multiplies the factor by 2ⁿ (saturating at `u32::MAX`) and adds the
    /// wait to `SystemTime::now()`: an unclamped factor overflowed both.
    #[test]
    fn no_factor_makes_a_wait_exceed_the_cap_or_overflow() {
        let retries = [0, 1, 2, 31, 32, 63, u32::MAX - 1];
        for factor in [
            Duration::from_secs(1000),
            Duration::from_secs(10_000_000_000_000_000_000),
            Duration::MAX,
        ] {
            let policy = RetryPolicy::new(u32::MAX).backoff_factor(factor);
            for retry in retries {
                let wait = policy.backoff(retry).unwrap();
                assert!(wait <= DEFAULT_MAX_BACKOFF, "{factor:?} #{retry}: {wait:?}");
            }
            let policy = policy.max_backoff(Duration::MAX);
            for retry in retries {
                let wait = policy.backoff(retry).unwrap();
                assert!(wait <= LONGEST_BACKOFF, "{factor:?} #{retry}: {wait:?}");
            }
        }
    }

    #[test]
    fn defaults_are_the_python_sdks() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.max_retries(), 5);
        assert_eq!(policy.call_deadline(), DEFAULT_DEADLINE);
        assert!(policy.backoff(0).unwrap() <= Duration::from_secs(2));
        assert!(policy.backoff(10).is_none());
    }
}
