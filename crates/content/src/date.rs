//! Post dates: the forms authors write (Zola, Hugo, Jekyll), normalised to one form and to Unix time.
//!
//! Hand-written on purpose: the crate ships to the browser, and a calendar library would cost more
//! bytes than the thirty lines of civil-date arithmetic below.

use thiserror::Error;

/// A date as the author gave it, normalised.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PostDate {
    /// `YYYY-MM-DD` for a date alone, else RFC 3339 `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`
    /// (the author's offset is kept; fractions of a second are dropped).
    pub normalized: String,
    /// Seconds since 1970-01-01T00:00:00Z. A date alone counts as midnight UTC.
    pub unix: i64,
}

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DateError {
    /// The text does not have the shape of a date.
    #[error("not in the form YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")]
    Format,
    /// The year is outside 1..=9999.
    #[error("year {0} is out of range")]
    Year(i64),
    /// The month is not 1..=12.
    #[error("there is no month {0}")]
    Month(u32),
    /// The day does not exist in that month.
    #[error("{month_name} {year} has {days} days, not {day}")]
    Day {
        year: i64,
        /// `February`.
        month_name: &'static str,
        /// The day written.
        day: u32,
        /// Days that month has.
        days: u32,
    },
    /// Hour, minute or second out of range.
    #[error("time {0} is out of range")]
    Time(String),
    /// The UTC offset is out of range.
    #[error("offset {0} is out of range")]
    Offset(String),
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// True in Gregorian leap years.
pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1..=12) of `year`.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A cursor over the ASCII bytes of a date.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, count: usize) -> Result<u32, DateError> {
        let end = self.pos + count;
        let slice = self.bytes.get(self.pos..end).ok_or(DateError::Format)?;
        let mut value = 0u32;
        for &b in slice {
            if !b.is_ascii_digit() {
                return Err(DateError::Format);
            }
            value = value * 10 + u32::from(b - b'0');
        }
        self.pos = end;
        Ok(value)
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.pos) == Some(&byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

/// Parses the date forms authors write:
///
/// - `2024-03-05` (a date alone, midnight UTC)
/// - `2024-03-05T10:00`, `2024-03-05T10:00:00`, `2024-03-05T10:00:00.123` (`T` or a space; no offset means UTC)
/// - followed by `Z`, `+02:00`, `+0200`, or, after a space, ` +0200` (as Jekyll writes `2024-05-02 14:20:00 +0200`).
///
/// Ranges are checked: months, days per month (leap years included), hours, minutes, seconds and offsets.
pub fn parse_date(text: &str) -> Result<PostDate, DateError> {
    let text = text.trim();
    let mut c = Cursor {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let year = i64::from(c.digits(4)?);
    if !c.eat(b'-') {
        return Err(DateError::Format);
    }
    let month = c.digits(2)?;
    if !c.eat(b'-') {
        return Err(DateError::Format);
    }
    let day = c.digits(2)?;
    check_date(year, month, day)?;
    let days = days_from_civil(year, month, day);
    let date_part = format!("{year:04}-{month:02}-{day:02}");
    if c.done() {
        return Ok(PostDate {
            normalized: date_part,
            unix: days * 86_400,
        });
    }
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return Err(DateError::Format);
    }
    let hour = c.digits(2)?;
    if !c.eat(b':') {
        return Err(DateError::Format);
    }
    let minute = c.digits(2)?;
    let mut second = 0;
    if c.eat(b':') {
        second = c.digits(2)?;
        if c.eat(b'.') || c.eat(b',') {
            let start = c.pos;
            while c.peek().is_some_and(|b| b.is_ascii_digit()) {
                c.pos += 1;
            }
            if c.pos == start {
                return Err(DateError::Format);
            }
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(DateError::Time(format!(
            "{hour:02}:{minute:02}:{second:02}"
        )));
    }
    // Jekyll separates the offset with a space.
    let spaced = c.eat(b' ');
    let (offset_text, offset_seconds) = match c.peek() {
        None if !spaced => ("Z".to_string(), 0),
        Some(b'Z' | b'z') if !spaced => {
            c.pos += 1;
            ("Z".to_string(), 0)
        }
        Some(sign @ (b'+' | b'-')) => {
            c.pos += 1;
            let oh = c.digits(2)?;
            c.eat(b':');
            let om = c.digits(2)?;
            let text = format!("{}{oh:02}:{om:02}", sign as char);
            if oh > 23 || om > 59 {
                return Err(DateError::Offset(text));
            }
            let magnitude = i64::from(oh * 3600 + om * 60);
            (text, if sign == b'-' { -magnitude } else { magnitude })
        }
        _ => return Err(DateError::Format),
    };
    if !c.done() {
        return Err(DateError::Format);
    }
    let local = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Ok(PostDate {
        normalized: format!("{date_part}T{hour:02}:{minute:02}:{second:02}{offset_text}"),
        unix: local - offset_seconds,
    })
}

/// Reads a date the strict forms of [`parse_date`] refuse but Jekyll's lenient parser takes:
/// one-digit months and days (`2016-1-5`), `/` separators, and extra words after the time, of
/// which an offset is kept (`2023-01-29 18:30:22 2023 -0800`). The caller warns that the date was
/// read loosely. None when the text does not start with a year, month and day.
pub fn parse_lenient(text: &str) -> Option<PostDate> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let (day_part, time_in_first) = match first.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (first, None),
    };
    let mut numbers = day_part.split(['-', '/']);
    let year: u32 = numbers.next()?.parse().ok()?;
    let month: u32 = numbers.next()?.parse().ok()?;
    let day: u32 = numbers.next()?.parse().ok()?;
    if numbers.next().is_some() || !(1000..=9999).contains(&year) {
        return None;
    }
    let mut time = time_in_first.map(str::to_string);
    let mut offset = None;
    for word in words {
        let is_time = word.contains(':')
            && word
                .split(':')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        let is_offset = (word.starts_with('+') || word.starts_with('-'))
            && word.len() > 1
            && word
                .bytes()
                .skip(1)
                .all(|b| b.is_ascii_digit() || b == b':');
        if is_time && time.is_none() {
            time = Some(word.to_string());
        } else if is_offset && offset.is_none() {
            offset = Some(word.to_string());
        } else if matches!(word, "UTC" | "GMT" | "Z") && offset.is_none() {
            offset = Some("Z".to_string());
        }
    }
    let mut normalized = format!("{year:04}-{month:02}-{day:02}");
    if let Some(time) = time {
        let mut parts = time.split(':');
        let h: u32 = parts.next()?.parse().ok()?;
        let m: u32 = parts.next()?.parse().ok()?;
        let sec: u32 = parts
            .next()
            .map_or(Some(0), |p| p.get(..2).unwrap_or(p).parse().ok())?;
        normalized.push_str(&format!(" {h:02}:{m:02}:{sec:02}"));
        if let Some(offset) = offset {
            normalized.push(' ');
            normalized.push_str(&offset);
        }
    }
    parse_date(&normalized).ok()
}

fn check_date(year: i64, month: u32, day: u32) -> Result<(), DateError> {
    if year < 1 {
        return Err(DateError::Year(year));
    }
    if !(1..=12).contains(&month) {
        return Err(DateError::Month(month));
    }
    let days = days_in_month(year, month);
    if day < 1 || day > days {
        return Err(DateError::Day {
            year,
            month_name: month_name(month as usize),
            day,
            days,
        });
    }
    Ok(())
}

/// The date part of a normalised date as a reader sees it: `2024-03-05` → `5 March 2024`.
///
/// The calendar date is the one the author wrote (their offset, not UTC). Text that is not a
/// date is returned unchanged rather than hidden.
pub fn display_date(normalized: &str) -> String {
    let Some(head) = normalized.get(..10) else {
        return normalized.to_string();
    };
    match parse_date(head) {
        Ok(_) => {
            // `parse_date` accepted `head`: ASCII `YYYY-MM-DD`, so `get` finds every part.
            let part = |range: std::ops::Range<usize>| head.get(range).unwrap_or("");
            let year: i64 = part(0..4).parse().unwrap_or(0);
            let month: usize = part(5..7).parse().unwrap_or(1);
            let day: u32 = part(8..10).parse().unwrap_or(1);
            format!("{day} {} {year}", month_name(month))
        }
        Err(_) => normalized.to_string(),
    }
}

/// Splits a Jekyll post file name `YYYY-MM-DD-slug.md` (or a folder name `YYYY-MM-DD-slug`) into its date
/// and the rest (`slug`, without `.md`). None when the name does not start with a valid date and a hyphen,
/// or nothing follows.
pub fn date_from_file_name(name: &str) -> Option<(PostDate, &str)> {
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".markdown"))
        .unwrap_or(name);
    // Jekyll takes one-digit months and days too: `2016-1-5-name`.
    let mut parts = stem.splitn(4, '-');
    let (year, month, day, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if rest.is_empty() || !(digits(year, 4..=4) && digits(month, 1..=2) && digits(day, 1..=2)) {
        return None;
    }
    parse_date(&format!("{year}-{month:0>2}-{day:0>2}"))
        .ok()
        .map(|d| (d, rest))
}

/// The English name of month `month` (1 to 12); an empty name for any other number.
fn month_name(month: usize) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> (String, i64) {
        let d = parse_date(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        (d.normalized, d.unix)
    }

    #[test]
    fn accepted_forms() {
        let cases: &[(&str, &str, i64)] = &[
            ("1970-01-01", "1970-01-01", 0),
            ("2024-03-05", "2024-03-05", 1_709_596_800),
            ("2024-03-05T10:00", "2024-03-05T10:00:00Z", 1_709_632_800),
            (
                "2024-03-05T10:00:00Z",
                "2024-03-05T10:00:00Z",
                1_709_632_800,
            ),
            (
                "2024-03-05t10:00:00z",
                "2024-03-05T10:00:00Z",
                1_709_632_800,
            ),
            ("2024-03-05 10:00:00", "2024-03-05T10:00:00Z", 1_709_632_800),
            (
                "2024-03-05T10:00:00.123456Z",
                "2024-03-05T10:00:00Z",
                1_709_632_800,
            ),
            (
                "2024-03-05T12:00:00+02:00",
                "2024-03-05T12:00:00+02:00",
                1_709_632_800,
            ),
            (
                "2024-03-05T12:00:00+0200",
                "2024-03-05T12:00:00+02:00",
                1_709_632_800,
            ),
            (
                "2024-03-05 12:00:00 +0200",
                "2024-03-05T12:00:00+02:00",
                1_709_632_800,
            ),
            (
                "2024-03-05T05:30:00-04:30",
                "2024-03-05T05:30:00-04:30",
                1_709_632_800,
            ),
            (
                "2024-05-02 14:20:00 +0200",
                "2024-05-02T14:20:00+02:00",
                1_714_652_400,
            ),
            ("  2024-02-29  ", "2024-02-29", 1_709_164_800),
            ("2000-02-29", "2000-02-29", 951_782_400),
            ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z", -1),
        ];
        for &(text, normalized, unix) in cases {
            assert_eq!(
                ok(text),
                (normalized.to_string(), unix),
                "parse_date({text:?})"
            );
        }
    }

    #[test]
    fn rejected_forms() {
        let cases: &[(&str, DateError)] = &[
            ("", DateError::Format),
            ("yesterday", DateError::Format),
            ("2024-3-5", DateError::Format),
            ("2024/03/05", DateError::Format),
            ("05-03-2024", DateError::Format),
            ("2024-03-05T", DateError::Format),
            ("2024-03-05T10", DateError::Format),
            ("2024-03-05T10:00:00.Z", DateError::Format),
            ("2024-03-05T10:00:00 Z", DateError::Format),
            ("2024-03-05T10:00:00+2", DateError::Format),
            ("2024-03-05x", DateError::Format),
            ("0000-01-01", DateError::Year(0)),
            ("2024-13-01", DateError::Month(13)),
            ("2024-00-10", DateError::Month(0)),
            (
                "2023-02-29",
                DateError::Day {
                    year: 2023,
                    month_name: "February",
                    day: 29,
                    days: 28,
                },
            ),
            (
                "1900-02-29",
                DateError::Day {
                    year: 1900,
                    month_name: "February",
                    day: 29,
                    days: 28,
                },
            ),
            (
                "2024-04-31",
                DateError::Day {
                    year: 2024,
                    month_name: "April",
                    day: 31,
                    days: 30,
                },
            ),
            (
                "2024-04-00",
                DateError::Day {
                    year: 2024,
                    month_name: "April",
                    day: 0,
                    days: 30,
                },
            ),
            ("2024-03-05T24:00", DateError::Time("24:00:00".into())),
            ("2024-03-05T10:60", DateError::Time("10:60:00".into())),
            ("2024-03-05T10:00:61", DateError::Time("10:00:61".into())),
            (
                "2024-03-05T10:00:00+24:00",
                DateError::Offset("+24:00".into()),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(
                parse_date(text).as_ref(),
                Err(expected),
                "parse_date({text:?})"
            );
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            parse_date("2023-02-29").unwrap_err().to_string(),
            "February 2023 has 28 days, not 29"
        );
        assert_eq!(
            parse_date("2024-13-01").unwrap_err().to_string(),
            "there is no month 13"
        );
    }

    #[test]
    fn days_from_civil_matches_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(1600, 1, 1), -135_140);
        // Every day from 1900 to 2100 is one more than the day before.
        let mut previous = days_from_civil(1899, 12, 31);
        for year in 1900..=2100 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    let days = days_from_civil(year, month, day);
                    assert_eq!(days, previous + 1, "{year}-{month}-{day}");
                    previous = days;
                }
            }
        }
    }

    #[test]
    fn display_dates() {
        assert_eq!(display_date("2024-03-05"), "5 March 2024");
        assert_eq!(
            display_date("2023-12-31T23:30:00-02:00"),
            "31 December 2023"
        );
        assert_eq!(display_date("2024-01-10T00:00:00Z"), "10 January 2024");
        assert_eq!(display_date("soon"), "soon");
        assert_eq!(display_date("2024-13-01"), "2024-13-01");
    }

    #[test]
    fn lenient_dates_as_jekyll_reads_them() {
        let read = |t: &str| parse_lenient(t).map(|d| d.normalized);
        assert_eq!(read("2016-1-5").as_deref(), Some("2016-01-05"));
        assert_eq!(
            read("2023-01-29 18:30:22 2023 -0800").as_deref(),
            Some("2023-01-29T18:30:22-08:00")
        );
        assert_eq!(
            read("2014/3/2 9:05").as_deref(),
            Some("2014-03-02T09:05:00Z")
        );
        assert_eq!(read("yesterday"), None);
        assert_eq!(read("2016-13-05"), None);
    }

    #[test]
    fn jekyll_file_names() {
        let (date, slug) = date_from_file_name("2024-02-11-how-dns-works.md").unwrap();
        assert_eq!(
            (date.normalized.as_str(), slug),
            ("2024-02-11", "how-dns-works")
        );
        assert_eq!(date_from_file_name("2024-02-11-dns").unwrap().1, "dns");
        assert_eq!(date_from_file_name("2024-02-11.md"), None);
        assert_eq!(date_from_file_name("2024-02-11-.md"), None);
        assert_eq!(date_from_file_name("2024-02-30-dns.md"), None);
        assert_eq!(date_from_file_name("00042-post.md"), None);
        assert_eq!(date_from_file_name("tcp.md"), None);
        // Jekyll reads one-digit months and days in names too.
        let (date, slug) = date_from_file_name("2016-1-5-dns.markdown").unwrap();
        assert_eq!((date.normalized.as_str(), slug), ("2016-01-05", "dns"));
        assert_eq!(date_from_file_name("2024-123-1-dns.md"), None);
    }
}
