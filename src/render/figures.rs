//! Figures, dates and times as people read them, in one place for every page, report and
//! diagram label: each function takes the [`Lang`] and writes the figure as that language does.
//!
//! A key design decision made in this module is that the *reader's* conventions are applied
//! here and nowhere else: the decimal comma in Finnish and Swedish and the point in English,
//! "57,5 %" beside "57.5%", times in Helsinki local time ("3.12.2026 klo 14.05"). Machine outputs
//! — JSON, GraphML, BPMN and DOT attributes, SVG coordinates ([`crate::render::xml::coordinate`])
//! and the English terminal reports — do not come here: they keep the point and UTC so that other
//! programs can read them.
//!
//! **Architecture Invariant:** no other module under `render/` or `server/` writes a figure for
//! people with `format!("{:.1}")`; it calls one of these.

use std::time::SystemTime;

use jiff::tz::TimeZone;

use crate::model::{DayUnit, Duration, Lang};

/// An age range as people write it: `13–17`, `18–`, `–12` (the same in every language).
pub fn ages(min: Option<u32>, max: Option<u32>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("{a}–"),
        (None, Some(b)) => format!("–{b}"),
        (None, None) => String::new(),
    }
}

/// A figure with at most one decimal, rounded first: `3`, `0,5` (fi, sv), `0.5` (en); `∞` when
/// infinite and `–` when not a number. Never `-0`.
pub fn number(x: f64, lang: Lang) -> String {
    write(x, lang, false)
}

/// A figure always with one decimal: `3,0` (fi, sv), `3.0` (en), for columns of figures that
/// line up. Never `-0,0`.
pub fn decimal(x: f64, lang: Lang) -> String {
    write(x, lang, true)
}

/// A whole count with the language's digit grouping: `12 345` (fi, sv, with a no-break space),
/// `12,345` (en). Four-digit counts stay ungrouped in fi and sv, as their style guides allow.
pub fn count(n: u64, lang: Lang) -> String {
    group(&n.to_string(), lang)
}

/// A share (`0.575` for 57.5 %) in per cent with at most one decimal, spaced as the language
/// spaces it: `57,5 %` (fi, sv, with a no-break space), `57.5%` (en).
pub fn percent(share: f64, lang: Lang) -> String {
    let n = number(share * 100.0, lang);
    match lang {
        Lang::En => format!("{n}%"),
        Lang::Fi | Lang::Sv => format!("{n}\u{a0}%"),
    }
}

/// A share in whole per cent, spaced as [`percent`] spaces it: `600 %` (fi, sv), `41%` (en), for
/// headlines and service details, which have always given utilisation to the unit.
pub fn whole_percent(share: f64, lang: Lang) -> String {
    percent(whole_hundredths(share) / 100.0, lang)
}

/// A share in whole per cent, half up: 0.575 is 58, though as a binary float it is a hair under
/// 0.575 and `(0.575 * 100.0).round()` gives 57. Rounded to tenths first, which the float's error
/// never reaches, then to the whole.
pub fn whole_hundredths(share: f64) -> f64 {
    ((share * 1000.0).round() / 10.0).round()
}

/// A number of days with at most one decimal and the language's unit: `7 pv`, `2,5 d`, `∞ d`.
pub fn days(d: f64, lang: Lang) -> String {
    let unit = match lang {
        Lang::Fi => "pv",
        Lang::Sv | Lang::En => "d",
    };
    format!("{} {unit}", number(d, lang))
}

/// A duration as a short label in its own kind of days: `7 pv`, `5 arkipv`, `1 vardag`,
/// `3 school d`.
pub fn duration(d: Duration, lang: Lang) -> String {
    let one = d.amount == 1.0;
    let unit = match (d.unit, lang) {
        (DayUnit::Calendar, Lang::Fi) => "pv",
        (DayUnit::Calendar, _) => "d",
        (DayUnit::Working, Lang::Fi) => "arkipv",
        (DayUnit::Working, Lang::Sv) if one => "vardag",
        (DayUnit::Working, Lang::Sv) => "vardagar",
        (DayUnit::Working, Lang::En) => "working d",
        (DayUnit::School, Lang::Fi) => "koulupv",
        (DayUnit::School, Lang::Sv) if one => "skoldag",
        (DayUnit::School, Lang::Sv) => "skoldagar",
        (DayUnit::School, Lang::En) => "school d",
    };
    format!("{} {unit}", number(d.amount, lang))
}

/// The time zone of the pages: the services polku maps are Finnish, so a time is read on
/// Finnish clocks whatever the server's own zone. The database is bundled into the binary.
fn helsinki() -> TimeZone {
    TimeZone::get("Europe/Helsinki").unwrap_or(TimeZone::UTC)
}

/// A moment in Helsinki time as the language writes it: `3.12.2026 klo 14.05` (fi),
/// `3.12.2026 kl. 14.05` (sv, as written in Finland), `3 Dec 2026, 14:05` (en). `None` for a
/// moment outside the calendar polku can write (years past 9999).
pub fn date_time(t: SystemTime, lang: Lang) -> Option<String> {
    let zdt = jiff::Timestamp::try_from(t)
        .ok()?
        .to_zoned_datetime(helsinki());
    let (d, m, y) = (zdt.day(), zdt.month(), zdt.year());
    let (h, min) = (zdt.hour(), zdt.minute());
    Some(match lang {
        Lang::Fi => format!("{d}.{m}.{y} klo {h}.{min:02}"),
        Lang::Sv => format!("{d}.{m}.{y} kl. {h}.{min:02}"),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let month = MONTHS[(m as usize).clamp(1, 12) - 1];
            format!("{d} {month} {y}, {h:02}:{min:02}")
        }
    })
}

/// A moment as an ISO 8601 UTC timestamp to the second (`2026-12-03T12:05:00Z`), for machines:
/// the JSON API and a page's `<time datetime>`.
pub fn timestamp(t: SystemTime) -> String {
    humantime::format_rfc3339_seconds(t).to_string()
}

/// `x` rounded to one decimal and written with the language's separators.
fn write(x: f64, lang: Lang, always_decimal: bool) -> String {
    if x.is_nan() {
        return "–".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    // `{:.1}` rounds the exact binary value correctly (0.45 is 0.4499… and stays 0.4); a figure
    // that rounds to zero is zero, never "-0".
    let s = format!("{:.1}", x.abs());
    let negative = x < 0.0 && s != "0.0";
    let (whole, fraction) = s.split_once('.').unwrap_or((&s, "0"));
    let mut out = String::new();
    if negative {
        out.push_str(match lang {
            // The minus sign, as Finnish and Swedish typography (and CLDR) write it.
            Lang::Fi | Lang::Sv => "−",
            Lang::En => "-",
        });
    }
    out.push_str(&group(whole, lang));
    if always_decimal || fraction != "0" {
        out.push(match lang {
            Lang::Fi | Lang::Sv => ',',
            Lang::En => '.',
        });
        out.push_str(fraction);
    }
    out
}

/// The digits of a whole number grouped by thousands: with a no-break space from five digits
/// in fi and sv, with a comma from four digits in en.
fn group(digits: &str, lang: Lang) -> String {
    let (sep, from) = match lang {
        Lang::Fi | Lang::Sv => ('\u{a0}', 5),
        Lang::En => (',', 4),
    };
    if digits.len() < from {
        return digits.to_string();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::{Duration as StdDuration, UNIX_EPOCH};

    const LANGS: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// Reads a figure written by [`number`] or [`decimal`] back as a number.
    fn parse_back(s: &str, lang: Lang) -> f64 {
        let plain: String = s
            .chars()
            .filter(|c| *c != '\u{a0}' && !(lang == Lang::En && *c == ','))
            .map(|c| match c {
                ',' => '.',
                '−' => '-',
                c => c,
            })
            .collect();
        plain.parse().expect(s)
    }

    #[test]
    fn numbers_use_the_decimal_comma_in_finnish_and_swedish() {
        assert_eq!(number(0.5, Lang::Fi), "0,5");
        assert_eq!(number(0.5, Lang::Sv), "0,5");
        assert_eq!(number(0.5, Lang::En), "0.5");
        assert_eq!(number(3.0, Lang::Fi), "3");
        assert_eq!(decimal(3.0, Lang::Fi), "3,0");
        assert_eq!(decimal(2.5, Lang::En), "2.5");
    }

    #[test]
    fn numbers_round_before_they_choose_their_decimals() {
        assert_eq!(number(2.96, Lang::En), "3");
        assert_eq!(number(-0.04, Lang::Fi), "0");
        assert_eq!(decimal(-0.04, Lang::Fi), "0,0");
        assert_eq!(number(-1.26, Lang::Fi), "−1,3");
        assert_eq!(number(f64::INFINITY, Lang::Sv), "∞");
        assert_eq!(number(f64::NAN, Lang::En), "–");
    }

    #[test]
    fn large_figures_are_grouped_as_each_language_groups_them() {
        assert_eq!(count(1234, Lang::Fi), "1234");
        assert_eq!(count(12345, Lang::Fi), "12\u{a0}345");
        assert_eq!(count(1234567, Lang::Sv), "1\u{a0}234\u{a0}567");
        assert_eq!(count(1234, Lang::En), "1,234");
        assert_eq!(number(12345.5, Lang::En), "12,345.5");
    }

    #[test]
    fn percent_is_spaced_as_the_language_spaces_it() {
        assert_eq!(percent(0.575, Lang::Fi), "57,5\u{a0}%");
        assert_eq!(percent(0.575, Lang::Sv), "57,5\u{a0}%");
        assert_eq!(percent(0.575, Lang::En), "57.5%");
        assert_eq!(percent(6.0, Lang::Fi), "600\u{a0}%");
        assert_eq!(whole_percent(0.4127, Lang::Fi), "41\u{a0}%");
        assert_eq!(whole_percent(0.4127, Lang::En), "41%");
        // Half up, whatever the binary float makes of the half.
        assert_eq!(whole_percent(0.575, Lang::Fi), "58\u{a0}%");
        assert_eq!(whole_percent(0.565, Lang::En), "57%");
        assert_eq!(whole_percent(0.005, Lang::En), "1%");
    }

    #[test]
    fn durations_name_their_kind_of_days() {
        let d = |amount, unit| Duration { amount, unit };
        assert_eq!(duration(d(7.0, DayUnit::Calendar), Lang::Fi), "7 pv");
        assert_eq!(duration(d(1.0, DayUnit::Working), Lang::Sv), "1 vardag");
        assert_eq!(duration(d(2.5, DayUnit::School), Lang::Sv), "2,5 skoldagar");
        assert_eq!(duration(d(2.5, DayUnit::School), Lang::En), "2.5 school d");
        assert_eq!(days(f64::INFINITY, Lang::En), "∞ d");
    }

    #[test]
    fn times_are_helsinki_time_as_each_language_writes_it() {
        // 2026-12-03T12:05:00Z is 14.05 in Helsinki (EET, UTC+2) ...
        let winter = UNIX_EPOCH + StdDuration::from_secs(1_796_299_500);
        assert_eq!(timestamp(winter), "2026-12-03T12:05:00Z");
        let fi = date_time(winter, Lang::Fi).unwrap();
        assert_eq!(fi, "3.12.2026 klo 14.05");
        assert_eq!(date_time(winter, Lang::Sv).unwrap(), "3.12.2026 kl. 14.05");
        assert_eq!(date_time(winter, Lang::En).unwrap(), "3 Dec 2026, 14:05");
        // ... and 2026-06-01T06:00:00Z is 9.00 in summer time (EEST, UTC+3).
        let summer = UNIX_EPOCH + StdDuration::from_secs(1_780_293_600);
        assert_eq!(timestamp(summer), "2026-06-01T06:00:00Z");
        assert_eq!(date_time(summer, Lang::Fi).unwrap(), "1.6.2026 klo 9.00");
        assert_eq!(date_time(summer, Lang::En).unwrap(), "1 Jun 2026, 09:00");
    }

    proptest! {
        #[test]
        fn numbers_read_back_and_never_show_minus_zero(x in -1.0e9f64..1.0e9, l in 0usize..3) {
            let lang = LANGS[l];
            for s in [number(x, lang), decimal(x, lang)] {
                prop_assert!((parse_back(&s, lang) - x).abs() <= 0.05 + x.abs() * 1e-12, "{s} for {x}");
                let negative = s.starts_with('-') || s.starts_with('−');
                prop_assert!(!negative || parse_back(&s, lang) != 0.0, "minus zero: {s}");
                if lang != Lang::En {
                    prop_assert!(!s.contains('.'), "a point in {s}");
                }
            }
        }

        #[test]
        fn percent_reads_back(share in -100.0f64..100.0, l in 0usize..3) {
            let lang = LANGS[l];
            let s = percent(share, lang);
            let figure = s.trim_end_matches('%').trim_end_matches('\u{a0}');
            prop_assert!((parse_back(figure, lang) - share * 100.0).abs() <= 0.05 + 1e-9, "{s}");
        }

        #[test]
        fn every_time_is_written_in_every_language(secs in 0u64..8_000_000_000, l in 0usize..3) {
            let t = UNIX_EPOCH + StdDuration::from_secs(secs);
            let s = date_time(t, LANGS[l]).unwrap();
            prop_assert!(s.chars().any(|c| c.is_ascii_digit()), "{s}");
        }
    }
}
