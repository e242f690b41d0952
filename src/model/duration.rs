//! ISO 8601 durations (`P13M`, `P1Y6M`, `P30D`, `PT30M`) as used for
//! retention periods and cookie lifetimes.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A month in seconds (30.44 days, a twelfth of 365.2425 days), as
/// [`Duration::approx_seconds`] counts it.
pub const SECONDS_PER_MONTH: u64 = 2_629_746;

/// A calendar duration. Units are kept as written (13 months stay 13 months).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Duration {
    /// Years.
    pub years: u32,
    /// Months.
    pub months: u32,
    /// Weeks.
    pub weeks: u32,
    /// Days.
    pub days: u32,
    /// Hours.
    pub hours: u32,
    /// Minutes.
    pub minutes: u32,
    /// Seconds.
    pub seconds: u32,
}

impl Duration {
    /// Parses an ISO 8601 duration such as `P1Y6M` or `PT30M`.
    pub fn parse(s: &str) -> Result<Duration, String> {
        let bad = || {
            format!("`{s}` is not an ISO 8601 duration; write e.g. \"P13M\" (13 months), \"P2Y\", \"P30D\" or \"PT30M\"")
        };
        let rest = s.strip_prefix('P').ok_or_else(bad)?;
        if rest.is_empty() {
            return Err(bad());
        }
        let mut d = Duration::default();
        let mut in_time = false;
        let mut num = String::new();
        let mut any = false;
        let mut last_rank = 0u8;
        for c in rest.chars() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            if c == 'T' {
                if in_time || !num.is_empty() {
                    return Err(bad());
                }
                in_time = true;
                continue;
            }
            if num.is_empty() {
                return Err(bad());
            }
            let n: u32 = num.parse().map_err(|_| bad())?;
            num.clear();
            let rank = match (in_time, c) {
                (false, 'Y') => {
                    d.years = n;
                    1
                }
                (false, 'M') => {
                    d.months = n;
                    2
                }
                (false, 'W') => {
                    d.weeks = n;
                    3
                }
                (false, 'D') => {
                    d.days = n;
                    4
                }
                (true, 'H') => {
                    d.hours = n;
                    5
                }
                (true, 'M') => {
                    d.minutes = n;
                    6
                }
                (true, 'S') => {
                    d.seconds = n;
                    7
                }
                _ => return Err(bad()),
            };
            if rank <= last_rank {
                return Err(bad());
            }
            last_rank = rank;
            any = true;
        }
        if !num.is_empty() || !any {
            return Err(bad());
        }
        Ok(d)
    }

    /// Approximate length in seconds, for comparing durations (a month is
    /// [`SECONDS_PER_MONTH`]).
    pub fn approx_seconds(&self) -> u64 {
        let day = 86_400u64;
        self.years as u64 * 31_556_952
            + self.months as u64 * SECONDS_PER_MONTH
            + self.weeks as u64 * 7 * day
            + self.days as u64 * day
            + self.hours as u64 * 3600
            + self.minutes as u64 * 60
            + self.seconds as u64
    }

    /// True if every unit is zero.
    pub fn is_zero(&self) -> bool {
        self.approx_seconds() == 0
    }

    /// Non-zero units as `(unit, count)`, largest first. Unit names match
    /// the Fluent message ids `duration-<unit>`.
    pub fn parts(&self) -> Vec<(&'static str, u32)> {
        [
            ("years", self.years),
            ("months", self.months),
            ("weeks", self.weeks),
            ("days", self.days),
            ("hours", self.hours),
            ("minutes", self.minutes),
            ("seconds", self.seconds),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect()
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P")?;
        for (n, u) in [
            (self.years, 'Y'),
            (self.months, 'M'),
            (self.weeks, 'W'),
            (self.days, 'D'),
        ] {
            if n > 0 {
                write!(f, "{n}{u}")?;
            }
        }
        if self.hours + self.minutes + self.seconds > 0 {
            write!(f, "T")?;
            for (n, u) in [(self.hours, 'H'), (self.minutes, 'M'), (self.seconds, 'S')] {
                if n > 0 {
                    write!(f, "{n}{u}")?;
                }
            }
        }
        if self.is_zero() {
            write!(f, "0D")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Duration::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        for s in ["P13M", "P1Y6M", "P30D", "PT30M", "P2W", "P1DT12H", "P5Y"] {
            assert_eq!(Duration::parse(s).map(|d| d.to_string()), Ok(s.to_string()));
        }
        assert_eq!(Duration::parse("P13M").map(|d| d.months), Ok(13));
    }

    #[test]
    fn rejects_bad() {
        for s in [
            "", "P", "13M", "P1", "PM", "P1M1Y", "PT", "P1H", "P1.5Y", "session", "PT1D",
        ] {
            assert!(Duration::parse(s).is_err(), "{s} should be rejected");
        }
    }

    #[test]
    fn orders_roughly() {
        let a = Duration::parse("P12M").map(|d| d.approx_seconds());
        let b = Duration::parse("P1Y1D").map(|d| d.approx_seconds());
        assert!(a < b);
    }
}
