//! When and how long to wait before trying a request again.

use std::time::Duration;

use super::error::TransportErrorKind;
use super::request::Method;

/// Automatic retries: full-jitter exponential back-off (twilio-node's constants by default:
/// 3 retries, 100 ms base, 3 s cap).
///
/// What is retried: HTTP 429 for every method (Twilio refused the request, so nothing
/// happened); HTTP 503 and connection failures only for GET and DELETE, which are safe to
/// repeat. A POST that may have reached Twilio is never repeated: a duplicate SMS costs money.
/// Other 4xx answers are never retried. `Retry-After` is honoured up to the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retrying.
    pub max_retries: u32,
    /// Delay scale: attempt `n` waits up to `base * 2^n`.
    pub base: Duration,
    /// Upper bound of any single wait, `Retry-After` included.
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base: Duration::from_millis(100),
            cap: Duration::from_secs(3),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    pub(crate) fn retries_status(status: u16, method: Method) -> bool {
        status == 429 || (status == 503 && is_idempotent(method))
    }

    pub(crate) fn retries_transport(kind: TransportErrorKind, method: Method) -> bool {
        kind != TransportErrorKind::Timeout && is_idempotent(method)
    }

    /// How long to wait before retry number `retry` (1-based).
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(after) = retry_after {
            return after.min(self.cap);
        }
        let ceiling = self
            .base
            .saturating_mul(1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX))
            .min(self.cap);
        ceiling.mul_f64(jitter())
    }
}

fn is_idempotent(method: Method) -> bool {
    matches!(method, Method::Get | Method::Delete)
}

/// A uniform number in [0, 1) without a random-number dependency: the standard library's
/// randomly keyed hasher, fed a counter.
fn jitter() -> f64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Parses `Retry-After` given in seconds (the HTTP-date form is ignored).
pub(crate) fn parse_retry_after(value: Option<&str>) -> Option<Duration> {
    value
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        // The header comes from the server: a value beyond `Duration`'s range (`1e20`) must not
        // panic `from_secs_f64`; it means "very long", which the cap then bounds.
        .map(|s| Duration::try_from_secs_f64(s).unwrap_or(Duration::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_requests_are_retried() {
        assert!(RetryPolicy::retries_status(429, Method::Post));
        assert!(RetryPolicy::retries_status(503, Method::Get));
        assert!(!RetryPolicy::retries_status(503, Method::Post));
        assert!(!RetryPolicy::retries_status(500, Method::Get));
        assert!(!RetryPolicy::retries_status(404, Method::Get));
        assert!(RetryPolicy::retries_transport(
            TransportErrorKind::Connect,
            Method::Delete
        ));
        assert!(!RetryPolicy::retries_transport(
            TransportErrorKind::Connect,
            Method::Post
        ));
        assert!(!RetryPolicy::retries_transport(
            TransportErrorKind::Timeout,
            Method::Get
        ));
    }

    #[test]
    fn delays_are_jittered_and_capped() {
        let policy = RetryPolicy::default();
        for retry in 1..10 {
            let d = policy.delay(retry, None);
            assert!(
                d <= Duration::from_millis(100 * 2u64.pow(retry)).min(policy.cap),
                "{retry}: {d:?}"
            );
        }
        let spread: std::collections::BTreeSet<_> = (0..20).map(|_| policy.delay(5, None)).collect();
        assert!(spread.len() > 10, "delays should vary: {spread:?}");
        assert_eq!(policy.delay(1, Some(Duration::from_secs(60))), policy.cap);
        assert_eq!(
            policy.delay(1, Some(Duration::from_millis(20))),
            Duration::from_millis(20)
        );
    }

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(parse_retry_after(Some(" 2 ")), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
        assert_eq!(parse_retry_after(Some("-1")), None);
    }

    #[test]
    fn an_enormous_retry_after_is_capped_not_a_panic() {
        let policy = RetryPolicy::default();
        for value in ["99999999999999999999", "1e20", "1.7e308"] {
            let after = parse_retry_after(Some(value));
            assert_eq!(after, Some(Duration::MAX), "{value}");
            assert_eq!(policy.delay(1, after), policy.cap, "{value}");
        }
    }
}
