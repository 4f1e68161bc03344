//! Dates and times for the expiry checks: reading the timestamps that credential tools write
//! next to the keys they refresh, and showing instants and durations to people.
//!
//! No dependencies: civil dates are converted to days since the Unix epoch with Howard
//! Hinnant's `days_from_civil` / `civil_from_days` algorithms (proleptic Gregorian calendar).
//!
//! The shapes accepted are those of profile-semantics.md §14:
//! - RFC 3339 with `Z` or a `+hh:mm`/`-hh:mm` offset and optional fractional seconds:
//!   `2030-01-02T00:47:31+02:00` (saml2aws, okta-aws-cli, gimme-aws-creds),
//!   `2025-09-10T04:37:41.000Z` (aws-azure-login, aws-vault);
//! - an offset without a colon, `2024-05-13T15:45:01+0000` (aws-google-auth);
//! - `2024-05-13 15:45:01` with no zone, which is UTC (aws-mfa).
//!
//! A space may replace the `T`, a zone may follow the time after one space, and a missing
//! zone means UTC whichever separator is used.

const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 of a civil date (`month` 1–12, `day` 1–31, not validated here).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400; // [0, 399]
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 }; // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a count of days since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

pub fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Seconds since the Unix epoch of a timestamp in one of the shapes above; `None` when the
/// text is not one of them or names a date or time that does not exist (`2025-02-30`,
/// `25:00`). A leap second (`:60`) is read as the last second of its minute.
pub fn parse(text: &str) -> Option<i64> {
    let mut p = Cursor {
        bytes: text.trim().as_bytes(),
        at: 0,
    };
    let year = p.number(4)?;
    p.eat(b'-')?;
    let month = p.number(2)? as u32;
    p.eat(b'-')?;
    let day = p.number(2)? as u32;
    match p.next()? {
        b'T' | b't' | b' ' => {}
        _ => return None,
    }
    let hour = p.number(2)?;
    p.eat(b':')?;
    let minute = p.number(2)?;
    p.eat(b':')?;
    let second = p.number(2)?;
    if p.peek() == Some(b'.') {
        p.at += 1;
        if p.digits() == 0 {
            return None;
        }
    }
    if p.peek() == Some(b' ') {
        p.at += 1;
    }
    let offset = match p.next() {
        None => 0,
        Some(b'Z' | b'z') => 0,
        Some(sign @ (b'+' | b'-')) => {
            let hours = p.number(2)?;
            if p.peek() == Some(b':') {
                p.at += 1;
            }
            let minutes = p.number(2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        Some(_) => return None,
    };
    if p.peek().is_some() {
        return None;
    }
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let second = second.min(59);
    let days = days_from_civil(year, month, day);
    Some(days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset)
}

/// `2025-12-31 21:00 UTC`: the instant to the minute, for messages.
pub fn format_utc_minute(seconds: i64) -> String {
    let days = seconds.div_euclid(SECONDS_PER_DAY);
    let rest = seconds.rem_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}

/// A rough length of time for people: `less than a minute`, `1 minute`, `3 hours`,
/// `12 days` (the largest whole unit, rounded down; hours up to two days).
pub fn human_duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (count, unit) = if seconds < 60 {
        return "less than a minute".to_string();
    } else if seconds < 3600 {
        (seconds / 60, "minute")
    } else if seconds < 2 * SECONDS_PER_DAY {
        (seconds / 3600, "hour")
    } else {
        (seconds / SECONDS_PER_DAY, "day")
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural}")
}

/// A length of time in a few characters, for inlay hints: `< 1 min`, `14 min`, `3 h`
/// (up to two days), `12 d` (the largest whole unit, rounded down).
pub fn short_duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    if seconds < 60 {
        "< 1 min".to_string()
    } else if seconds < 3600 {
        format!("{} min", seconds / 60)
    } else if seconds < 2 * SECONDS_PER_DAY {
        format!("{} h", seconds / 3600)
    } else {
        format!("{} d", seconds / SECONDS_PER_DAY)
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn eat(&mut self, expected: u8) -> Option<()> {
        (self.next()? == expected).then_some(())
    }

    /// Exactly `width` ASCII digits.
    fn number(&mut self, width: usize) -> Option<i64> {
        let digits = self.bytes.get(self.at..self.at + width)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.at += width;
        Some(digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    }

    /// Skips a run of digits and returns how many there were.
    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-01-01T00:00:00Z.
    const NEW_YEAR_2026: i64 = 1_767_225_600;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2026, 1, 1) * 86_400, NEW_YEAR_2026);
        for days in [-800_000, -1, 0, 59, 60, 11_016, 11_017, 20_454, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn every_tool_format() {
        // saml2aws / okta-aws-cli (Go RFC 3339 with an offset).
        assert_eq!(parse("2026-01-01T02:00:00+02:00"), Some(NEW_YEAR_2026));
        // gimme-aws-creds (Python isoformat).
        assert_eq!(parse("2026-01-01T00:00:00+00:00"), Some(NEW_YEAR_2026));
        // aws-azure-login (JavaScript toISOString).
        assert_eq!(parse("2026-01-01T00:00:00.000Z"), Some(NEW_YEAR_2026));
        // aws-vault export.
        assert_eq!(parse("2026-01-01T00:00:00Z"), Some(NEW_YEAR_2026));
        // aws-google-auth (%z, no colon).
        assert_eq!(parse("2025-12-31T19:00:00-0500"), Some(NEW_YEAR_2026));
        // aws-mfa (UTC, no zone).
        assert_eq!(parse("2026-01-01 00:00:00"), Some(NEW_YEAR_2026));
        assert_eq!(parse("2025-12-31 23:59:59.999999"), Some(NEW_YEAR_2026 - 1));
        assert_eq!(parse("2026-01-01 01:00:00 +01:00"), Some(NEW_YEAR_2026));
        assert_eq!(parse("2026-01-01t00:00:00z"), Some(NEW_YEAR_2026));
        assert_eq!(parse("1969-12-31T23:59:59Z"), Some(-1));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "",
            "tomorrow",
            "2026-01-01",
            "2026-1-01T00:00:00Z",
            "2026-01-01T00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:60:00Z",
            "2026-01-01T00:00:61Z",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00+2:00",
            "2026-01-01T00:00:00+24:00",
            "2026-01-01T00:00:00Z trailing",
            "2026-01-01X00:00:00Z",
            "1767225600",
            "２026-01-01T00:00:00Z",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
        assert!(parse("2024-02-29T00:00:00Z").is_some());
        assert_eq!(parse("2016-12-31T23:59:60Z"), parse("2016-12-31T23:59:59Z"));
    }

    #[test]
    fn formats_for_people() {
        assert_eq!(
            format_utc_minute(NEW_YEAR_2026 - 3 * 3600),
            "2025-12-31 21:00 UTC"
        );
        assert_eq!(format_utc_minute(-60), "1969-12-31 23:59 UTC");
        assert_eq!(human_duration(0), "less than a minute");
        assert_eq!(human_duration(59), "less than a minute");
        assert_eq!(human_duration(60), "1 minute");
        assert_eq!(human_duration(14 * 60 + 59), "14 minutes");
        assert_eq!(human_duration(3600), "1 hour");
        assert_eq!(human_duration(3 * 3600 + 59), "3 hours");
        assert_eq!(human_duration(47 * 3600), "47 hours");
        assert_eq!(human_duration(2 * 86_400), "2 days");
        assert_eq!(human_duration(-5), "less than a minute");
        assert_eq!(short_duration(59), "< 1 min");
        assert_eq!(short_duration(14 * 60 + 59), "14 min");
        assert_eq!(short_duration(3 * 3600 + 59), "3 h");
        assert_eq!(short_duration(47 * 3600), "47 h");
        assert_eq!(short_duration(2 * 86_400), "2 d");
        assert_eq!(short_duration(-5), "< 1 min");
    }
}
