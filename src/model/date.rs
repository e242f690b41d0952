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

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day from a count of days since 1970-01-01.
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date {
            year: (if m <= 2 { y + 1 } else { y }) as i32,
            month: m,
            day: d,
        }
    }

    /// The day `n` days later.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Days from `earlier` to this day (negative if `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.days() - earlier.days()
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

#[cfg(test)]
mod day_tests {
    use super::Date;

    #[test]
    fn day_arithmetic() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2026-01-01").days(), 20_454);
        assert_eq!(d("2026-11-02").add_days(30), d("2026-12-02"));
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
        assert_eq!(d("2027-01-01").days_since(d("2026-12-02")), 30);
        assert_eq!(d("2026-12-02").days_since(d("2027-01-01")), -30);
    }
}
