//! Calendar dates (`YYYY-MM-DD`).
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date (`2026-01-01` in TOML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists.
    pub fn parse(s: &str) -> Result<Date, String> {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(format!("`{s}` is not a date; write it as YYYY-MM-DD"));
        }
        let year: i32 = parts[0].parse().map_err(|_| format!("bad year in `{s}`"))?;
        let month: u8 = parts[1]
            .parse()
            .map_err(|_| format!("bad month in `{s}`"))?;
        let day: u8 = parts[2].parse().map_err(|_| format!("bad day in `{s}`"))?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(format!("month {month} does not exist in `{s}`")),
        };
        if day == 0 || day > days {
            return Err(format!("day {day} does not exist in `{s}`"));
        }
        Ok(Date { year, month, day })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Dt(toml::value::Datetime),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::Dt(dt) => match (dt.date, dt.time) {
                (Some(date), None) => Date::parse(&format!(
                    "{:04}-{:02}-{:02}",
                    date.year, date.month, date.day
                ))
                .map_err(serde::de::Error::custom),
                _ => Err(serde::de::Error::custom(
                    "expected a plain date such as 2026-01-31, without a time",
                )),
            },
            Raw::S(s) => Date::parse(&s).map_err(serde::de::Error::custom),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}
