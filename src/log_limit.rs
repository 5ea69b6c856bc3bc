//! Flood protection for the violation events: a per-rule budget of events per second.

use std::{
    sync::atomic::{AtomicU64, Ordering},
    time::Instant,
};

use crate::Rule;

/// At most `per_second` events per rule in each one-second window (counted from the moment the
/// layer was applied); the rest are suppressed and counted, and the next event that goes out
/// for that rule carries the number suppressed since the previous one. Lock-free: one
/// compare-and-swap per decision.
#[derive(Debug)]
pub(crate) struct LogLimiter {
    per_second: u32,
    clock: Clock,
    /// Per rule: the window's second (high 32 bits) and the events emitted in it (low 32).
    windows: Box<[AtomicU64]>,
    /// Per rule: events suppressed since the last one emitted.
    suppressed: Box<[AtomicU64]>,
}

/// Where the windows' seconds come from.
#[derive(Debug)]
enum Clock {
    /// Seconds since the limiter was made.
    Monotonic(Instant),
    /// Seconds set by a test.
    #[cfg(test)]
    Manual(AtomicU64),
}

impl Clock {
    fn seconds(&self) -> u64 {
        match self {
            Self::Monotonic(started) => started.elapsed().as_secs(),
            #[cfg(test)]
            Self::Manual(seconds) => seconds.load(Ordering::Relaxed),
        }
    }
}

impl LogLimiter {
    pub(crate) fn new(per_second: u32) -> Self {
        Self::with_clock(per_second, Clock::Monotonic(Instant::now()))
    }

    fn with_clock(per_second: u32, clock: Clock) -> Self {
        let zeros = || (0..Rule::COUNT).map(|_| AtomicU64::new(0)).collect();
        Self {
            per_second,
            clock,
            windows: zeros(),
            suppressed: zeros(),
        }
    }

    /// Whether an event for `rule` may go out now; `Some(n)` with the number suppressed since
    /// the previous one.
    pub(crate) fn admit(&self, rule: Rule) -> Option<u64> {
        if self.per_second == u32::MAX {
            return Some(0);
        }
        if self.per_second == 0 {
            self.suppressed[rule.index()].fetch_add(1, Ordering::Relaxed);
            return None;
        }
        // Seconds since start, saturating after 136 years.
        let now = self.clock.seconds().min(u64::from(u32::MAX));
        let window = &self.windows[rule.index()];
        let mut current = window.load(Ordering::Relaxed);
        loop {
            let (second, emitted) = (current >> 32, current & u64::from(u32::MAX));
            let next = if second != now {
                (now << 32) | 1
            } else if emitted < u64::from(self.per_second) {
                current + 1
            } else {
                self.suppressed[rule.index()].fetch_add(1, Ordering::Relaxed);
                return None;
            };
            match window.compare_exchange_weak(current, next, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(_) => return Some(self.suppressed[rule.index()].swap(0, Ordering::Relaxed)),
                Err(actual) => current = actual,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A limiter whose clock the test sets, so that no assertion depends on where the wall
    /// clock's second boundaries fall.
    fn manual(per_second: u32) -> LogLimiter {
        LogLimiter::with_clock(per_second, Clock::Manual(AtomicU64::new(0)))
    }

    fn set_seconds(limiter: &LogLimiter, seconds: u64) {
        let Clock::Manual(now) = &limiter.clock else {
            unreachable!("a manual clock");
        };
        now.store(seconds, Ordering::Relaxed);
    }

    #[test]
    fn budget_per_rule_per_window() {
        let limiter = manual(3);
        let rule = Rule::NO_CONTENT_WITH_BODY;
        let admitted: Vec<_> = (0..10).map(|_| limiter.admit(rule)).collect();
        assert_eq!(
            admitted,
            [
                Some(0),
                Some(0),
                Some(0),
                None,
                None,
                None,
                None,
                None,
                None,
                None
            ]
        );
        // Another rule has its own budget.
        assert_eq!(limiter.admit(Rule::STATUS_OUT_OF_RANGE), Some(0));
    }

    #[test]
    fn the_next_window_reports_how_many_were_suppressed() {
        let limiter = manual(2);
        let rule = Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW;
        let first: Vec<_> = (0..100).map(|_| limiter.admit(rule)).collect();
        assert_eq!(first.iter().flatten().collect::<Vec<_>>(), [&0, &0]);
        // Still the same second: still suppressed.
        assert_eq!(limiter.admit(rule), None);
        set_seconds(&limiter, 1);
        assert_eq!(
            limiter.admit(rule),
            Some(99),
            "98 from the loop and one after it"
        );
        assert_eq!(limiter.admit(rule), Some(0));
        assert_eq!(limiter.admit(rule), None);
        // A window skipped entirely changes nothing but the count.
        set_seconds(&limiter, 5);
        assert_eq!(limiter.admit(rule), Some(1));
    }

    #[test]
    fn unlimited_and_silent() {
        let unlimited = LogLimiter::new(u32::MAX);
        assert!((0..1000).all(|_| unlimited.admit(Rule::NO_CONTENT_WITH_BODY) == Some(0)));
        let silent = LogLimiter::new(0);
        assert!((0..10).all(|_| silent.admit(Rule::NO_CONTENT_WITH_BODY).is_none()));
    }
}
