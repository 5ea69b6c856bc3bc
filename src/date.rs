//! HTTP-date (RFC 9110 §5.6.7): parsing all three forms, formatting the preferred one.
//! Hand-written to keep the dependency list to what the field needs; linear in the input and
//! free of panics on any bytes.

/// Seconds since 1970-01-01T00:00:00Z.
pub(crate) type Timestamp = u64;

const DAYS: [&[u8; 3]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
const LONG_DAYS: [&[u8]; 7] = [
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
    b"Sunday",
];
const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

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
/// before 1970 or with a day of week that does not match the date.
pub(crate) fn parse(bytes: &[u8]) -> Option<(Timestamp, Form)> {
    let (weekday, year, month, day, hour, minute, second, form) = match bytes.len() {
        29 => imf_fixdate(bytes)?,
        24 => asctime(bytes)?,
        _ => rfc850(bytes)?,
    };
    if !(1..=days_in_month(year, month)).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day)?;
    // 1970-01-01 was a Thursday (index 3).
    if (days + 3) % 7 != weekday as u64 {
        return None;
    }
    Some((days * 86_400 + hour * 3600 + minute * 60 + second, form))
}

type Fields = (usize, u64, u64, u64, u64, u64, u64, Form);

fn imf_fixdate(b: &[u8]) -> Option<Fields> {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    if &b[3..5] != b", " || b[7] != b' ' || b[11] != b' ' || b[16] != b' ' || &b[25..] != b" GMT" {
        return None;
    }
    let weekday = DAYS.iter().position(|d| &b[..3] == *d)?;
    let (hour, minute, second) = time(&b[17..25])?;
    Some((
        weekday,
        digits(&b[12..16])?,
        month(&b[8..11])?,
        digits(&b[5..7])?,
        hour,
        minute,
        second,
        Form::ImfFixdate,
    ))
}

fn rfc850(b: &[u8]) -> Option<Fields> {
    // "Sunday, 06-Nov-94 08:49:37 GMT"
    let comma = b.iter().position(|&c| c == b',')?;
    let weekday = LONG_DAYS.iter().position(|d| &b[..comma] == *d)?;
    let rest = &b[comma..];
    if rest.len() != 24
        || &rest[..2] != b", "
        || rest[4] != b'-'
        || rest[8] != b'-'
        || rest[11] != b' '
        || &rest[20..] != b" GMT"
    {
        return None;
    }
    // RFC 9110 §5.6.7: a two-digit year that appears to be more than 50 years in the future
    // is in the past; with no clock here, read 70..=99 as 19xx and 00..=69 as 20xx.
    let yy = digits(&rest[9..11])?;
    let year = if yy >= 70 { 1900 + yy } else { 2000 + yy };
    let (hour, minute, second) = time(&rest[12..20])?;
    Some((
        weekday,
        year,
        month(&rest[5..8])?,
        digits(&rest[2..4])?,
        hour,
        minute,
        second,
        Form::Rfc850,
    ))
}

fn asctime(b: &[u8]) -> Option<Fields> {
    // "Sun Nov  6 08:49:37 1994"
    if b[3] != b' ' || b[7] != b' ' || b[10] != b' ' || b[19] != b' ' {
        return None;
    }
    let weekday = DAYS.iter().position(|d| &b[..3] == *d)?;
    let day = match b[8] {
        b' ' => digits(&b[9..10])?,
        _ => digits(&b[8..10])?,
    };
    let (hour, minute, second) = time(&b[11..19])?;
    Some((
        weekday,
        digits(&b[20..24])?,
        month(&b[4..7])?,
        day,
        hour,
        minute,
        second,
        Form::Asctime,
    ))
}

fn time(b: &[u8]) -> Option<(u64, u64, u64)> {
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    Some((digits(&b[..2])?, digits(&b[3..5])?, digits(&b[6..])?))
}

fn month(b: &[u8]) -> Option<u64> {
    MONTHS.iter().position(|m| b == *m).map(|i| i as u64 + 1)
}

fn digits(b: &[u8]) -> Option<u64> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, &d| n * 10 + u64::from(d - b'0')))
}

fn is_leap(year: u64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm), `None` before 1970.
fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    let y = if month <= 2 {
        year.checked_sub(1)?
    } else {
        year
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe).checked_sub(719_468)
}

/// Formats a timestamp as IMF-fixdate.
pub(crate) fn format(timestamp: Timestamp) -> String {
    let days = timestamp / 86_400;
    let secs = timestamp % 86_400;
    // Inverse of `days_from_civil`.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    let weekday = DAYS[((days + 3) % 7) as usize];
    format!(
        "{}, {day:02} {} {year:04} {:02}:{:02}:{:02} GMT",
        std::str::from_utf8(weekday).unwrap_or("Mon"),
        std::str::from_utf8(MONTHS[(month - 1) as usize]).unwrap_or("Jan"),
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
    )
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
        ] {
            assert_eq!(parse(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
