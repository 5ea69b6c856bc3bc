//! HTTP-date (RFC 9110 §5.6.7), through the `httpdate` crate that every hyper server already
//! depends on: all three forms parsed, IMF-fixdate formatted. Which form a date was written in
//! is read from its shape, which `httpdate` has already checked.

use std::time::{Duration, UNIX_EPOCH};

/// Seconds since 1970-01-01T00:00:00Z.
pub(crate) type Timestamp = u64;

/// The last second `httpdate` formats (9999-12-31T23:59:59Z).
const LAST: Timestamp = 253_402_300_799;

/// Which of the three forms a date was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// `Sun, 06 Nov 1994 08:49:37 GMT`, the one senders MUST generate.
    ImfFixdate,
    /// `Sunday, 06-Nov-94 08:49:37 GMT`, obsolete.
    Rfc850,
    /// `Sun Nov  6 08:49:37 1994`, obsolete.
    Asctime,
}

/// Parses an HTTP-date in any of its three forms. `None` for anything else, including dates
/// before 1970 or with a day of week that does not match the date. A leap second (`:60`, which
/// RFC 9110's grammar allows and `httpdate` does not) is read as the second after `:59`.
pub(crate) fn parse(bytes: &[u8]) -> Option<(Timestamp, Form)> {
    // `httpdate` forgives surrounding whitespace; the grammar does not.
    let space = |byte: Option<&u8>| byte.is_some_and(u8::is_ascii_whitespace);
    if space(bytes.first()) || space(bytes.last()) {
        return None;
    }
    let form = match bytes.len() {
        29 if bytes.get(3) == Some(&b',') => Form::ImfFixdate,
        24 => Form::Asctime,
        _ => Form::Rfc850,
    };
    let text = std::str::from_utf8(bytes).ok()?;
    let seconds = |text: &str| {
        let time = httpdate::parse_http_date(text).ok()?;
        Some(time.duration_since(UNIX_EPOCH).ok()?.as_secs())
    };
    if let Some(timestamp) = seconds(text) {
        return Some((timestamp, form));
    }
    // The seconds sit right before " GMT" (IMF-fixdate, RFC 850) or " YYYY" (asctime).
    let tail = if form == Form::Asctime { 8 } else { 7 };
    let at = text.len().checked_sub(tail)?;
    if text.get(at..at + 3) != Some(":60") {
        return None;
    }
    let before = format!("{}:59{}", &text[..at], &text[at + 3..]);
    Some((seconds(&before)? + 1, form))
}

/// Formats a timestamp as IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the only form a sender
/// may generate. Timestamps after the year 9999 are formatted as its last second.
pub(crate) fn format(timestamp: Timestamp) -> String {
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(timestamp.min(LAST)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: Timestamp = 784_111_777; // Sun, 06 Nov 1994 08:49:37 GMT

    #[test]
    fn the_three_forms_of_rfc_9110() {
        assert_eq!(
            parse(b"Sun, 06 Nov 1994 08:49:37 GMT"),
            Some((EXAMPLE, Form::ImfFixdate))
        );
        assert_eq!(
            parse(b"Sunday, 06-Nov-94 08:49:37 GMT"),
            Some((EXAMPLE, Form::Rfc850))
        );
        assert_eq!(
            parse(b"Sun Nov  6 08:49:37 1994"),
            Some((EXAMPLE, Form::Asctime))
        );
    }

    #[test]
    fn formats_imf_fixdate() {
        assert_eq!(format(EXAMPLE), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(format(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(format(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        for t in [0, EXAMPLE, 951_782_400, 4_102_444_799, 253_402_300_799] {
            assert_eq!(
                parse(format(t).as_bytes()),
                Some((t, Form::ImfFixdate)),
                "{t}"
            );
        }
    }

    #[test]
    fn a_leap_second_is_a_date() {
        assert_eq!(
            parse(b"Sat, 31 Dec 2016 23:59:60 GMT"),
            Some((1_483_228_800, Form::ImfFixdate))
        );
        assert_eq!(
            parse(b"Saturday, 31-Dec-16 23:59:60 GMT"),
            Some((1_483_228_800, Form::Rfc850))
        );
        assert_eq!(
            parse(b"Sat Dec 31 23:59:60 2016"),
            Some((1_483_228_800, Form::Asctime))
        );
        assert_eq!(parse(b"Sat, 31 Dec 2016 23:59:61 GMT"), None);
    }

    #[test]
    fn two_digit_years_and_the_last_year() {
        // RFC 9110 §5.6.7: a two-digit year is read as the most recent such year in the past;
        // without a clock, 70..=99 is 19xx and 00..=69 is 20xx.
        assert_eq!(
            parse(b"Thursday, 01-Jan-70 00:00:00 GMT"),
            Some((0, Form::Rfc850))
        );
        assert_eq!(
            parse(b"Tuesday, 01-Jan-69 00:00:00 GMT"),
            Some((3_124_224_000, Form::Rfc850))
        );
        assert_eq!(format(LAST + 1_000), "Fri, 31 Dec 9999 23:59:59 GMT");
    }

    #[test]
    fn rejects_broken_dates() {
        for bad in [
            &b""[..],
            b"Sun, 06 Nov 1994 08:49:37 UTC",
            b"Mon, 06 Nov 1994 08:49:37 GMT", // wrong weekday
            b"Sun, 31 Feb 1994 08:49:37 GMT", // no such day
            b"Sun, 06 Nov 1994 24:49:37 GMT", // hour
            b"Sun, 06 Nov 1994 08:49 GMT",
            b"sun, 06 nov 1994 08:49:37 GMT",  // case-sensitive
            b"Sun, 06 Nov 1994 08:49:37 GMT ", // trailing space
            b"Thu, 01 Jan 1969 00:00:00 GMT",  // before the epoch
            b"Sunday, 06-Nov-1994 08:49:37 GMT",
            b"Sun Nov 6 08:49:37 1994",
            b"3600",
            "Sun, 06 Nov 1994 08:49:37 G\u{e9}".as_bytes(),
            &[0xff; 29],
            b"Sun, 06 Nov 1994 08:49:60 UTC", // a leap second does not rescue a bad zone
        ] {
            assert_eq!(parse(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
