//! The tera functions and filters templates call: `t` (Fluent messages),
//! dates, durations, lists, Markdown.
use super::*;
use crate::i18n::Locales;
use crate::model::duration::Duration;
use crate::model::markdown;
use crate::model::Date;
use fluent_bundle::{FluentArgs, FluentValue};
use std::collections::HashMap;
use std::sync::Arc;
use tera::Tera;

/// A copy of `tera` with the functions of `lang` registered.
pub(super) fn with_functions(tera: &Tera, locales: &Arc<Locales>, lang: &str) -> Tera {
    let mut tera = tera.clone();
    let tag = lang.to_string();
    tera.register_function(
        "t",
        TFn {
            locales: locales.clone(),
            lang: tag.clone(),
            memo: Default::default(),
        },
    );
    tera.register_function(
        "date",
        DateFn {
            locales: locales.clone(),
            lang: tag.clone(),
        },
    );
    tera.register_function(
        "duration",
        DurationFn {
            locales: locales.clone(),
            lang: tag.clone(),
            memo: Default::default(),
        },
    );
    tera.register_function(
        "place",
        PlaceFn {
            locales: locales.clone(),
            lang: tag.clone(),
        },
    );
    tera.register_function(
        "join_list",
        JoinFn {
            locales: locales.clone(),
            lang: tag,
        },
    );
    tera
}

fn lang_of<'a>(locales: &'a Locales, lang: &str) -> tera::Result<&'a crate::i18n::Lang> {
    locales
        .get(lang)
        .ok_or_else(|| tera::Error::msg(format!("no locale `{lang}`")))
}

/// `t(id="message-id", arg=value, …)`: a Fluent message, arguments escaped
/// (except `name_html=` ones, which templates build from escaped parts),
/// output trusted (messages may contain markup).
struct TFn {
    locales: Arc<Locales>,
    lang: String,
    /// Messages called without arguments (column headings, labels, the
    /// name of a basis), by id: the same text each time for these
    /// locales, which this function holds for its whole life. A cookie
    /// table calls a few of them for every row.
    memo: Memo,
}

/// Results of a tera function by its one argument.
type Memo = std::sync::RwLock<HashMap<String, String>>;

/// The value `memo` holds for `key`, else `make()`'s (then kept).
fn memoized(
    memo: &Memo,
    key: &str,
    make: impl FnOnce() -> tera::Result<String>,
) -> tera::Result<tera::Value> {
    if let Some(v) = memo.read().ok().and_then(|m| m.get(key).cloned()) {
        return Ok(tera::Value::String(v));
    }
    let v = make()?;
    if let Ok(mut m) = memo.write() {
        m.insert(key.to_string(), v.clone());
    }
    Ok(tera::Value::String(v))
}

impl tera::Function for TFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let id = args
            .get("id")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs id=\"message-id\""))?;
        let lang = lang_of(&self.locales, &self.lang)?;
        if args.len() == 1 {
            return memoized(&self.memo, id, || {
                lang.msg(id, Some(&FluentArgs::new()))
                    .map_err(tera::Error::msg)
            });
        }
        let mut fargs = FluentArgs::new();
        let mut keys: Vec<&String> = args.keys().filter(|k| *k != "id").collect();
        keys.sort();
        for k in keys {
            let v = &args[k];
            // `name_html=…` passes trusted markup built by the template (whose
            // own values were escaped there); everything else is escaped here.
            if let (Some(name), tera::Value::String(s)) = (k.strip_suffix("_html"), v) {
                fargs.set(name.replace('_', "-"), FluentValue::from(s.clone()));
                continue;
            }
            let fv = match v {
                tera::Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                tera::Value::String(s) => FluentValue::from(escape_html(s)),
                tera::Value::Bool(b) => FluentValue::from(if *b { "true" } else { "false" }),
                tera::Value::Null => FluentValue::from(""),
                other => FluentValue::from(escape_html(&other.to_string())),
            };
            fargs.set(k.replace('_', "-"), fv);
        }
        lang.msg(id, Some(&fargs))
            .map(tera::Value::String)
            .map_err(tera::Error::msg)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `date(d="2026-01-01")`: a long localized date.
struct DateFn {
    locales: Arc<Locales>,
    lang: String,
}

impl tera::Function for DateFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let s = args
            .get("d")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("date() needs d=\"YYYY-MM-DD\""))?;
        let d = Date::parse(s).map_err(tera::Error::msg)?;
        // Pages never break a date across lines: "1.\u{a0}september\u{a0}2026".
        Ok(tera::Value::String(
            lang_of(&self.locales, &self.lang)?
                .date(d)
                .replace(' ', "\u{a0}"),
        ))
    }
}

/// `place(c="SE")`: the name of a country or region (`EEA`, `worldwide`)
/// in the locale; `place(c=null)` (a country the notice does not state)
/// says "not stated", never a guessed country.
struct PlaceFn {
    locales: Arc<Locales>,
    lang: String,
}

impl tera::Function for PlaceFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let lang = lang_of(&self.locales, &self.lang)?;
        let id = match args.get("c").and_then(|v| v.as_str()) {
            Some(c) => crate::model::place_message(c),
            None => "place-not-stated".to_string(),
        };
        lang.msg(&id, None)
            .map(tera::Value::String)
            .map_err(tera::Error::msg)
    }
}

/// `duration(d="P13M")` or `duration(d="session")`: words in the locale.
struct DurationFn {
    locales: Arc<Locales>,
    lang: String,
    /// The words of each duration already said (many cookies share a
    /// lifetime), as [`TFn`]'s memo.
    memo: Memo,
}

impl tera::Function for DurationFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let s = args
            .get("d")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("duration() needs d=\"P1Y\""))?;
        let lang = lang_of(&self.locales, &self.lang)?;
        memoized(&self.memo, s, || {
            if s == "session" {
                return lang.msg("duration-session", None).map_err(tera::Error::msg);
            }
            // A retention period is a plain duration; a cookie's lifetime may
            // also be a range, `varies` or `not_stored`.
            let text = match Duration::parse(s) {
                Ok(d) => lang.duration(&d),
                Err(e) => match crate::model::CookieDuration::parse(s) {
                    Ok(c) => lang.cookie_duration(&c),
                    Err(_) => Err(e),
                },
            };
            text.map(|t| nbsp_after_number(&t))
                .map_err(tera::Error::msg)
        })
    }
}

/// "13 måneder" → "13\u{a0}måneder": pages never separate a number from
/// its unit at a line break.
pub(super) fn nbsp_after_number(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_digit = false;
    for c in text.chars() {
        if c == ' ' && prev_digit {
            out.push('\u{a0}');
        } else {
            out.push(c);
        }
        prev_digit = c.is_ascii_digit();
    }
    out
}

/// `join_list(items=[…])`: "a, b og c". Items are escaped.
struct JoinFn {
    locales: Arc<Locales>,
    lang: String,
}

impl tera::Function for JoinFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let items: Vec<String> = args
            .get("items")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .map(|x| {
                        x.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| x.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let lang = lang_of(&self.locales, &self.lang)?;
        let safe = args.get("safe").and_then(|v| v.as_bool()).unwrap_or(false);
        let items: Vec<String> = if safe {
            items
        } else {
            items.iter().map(|s| escape_html(s)).collect()
        };
        Ok(tera::Value::String(lang.join_list(&items)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

pub(super) struct MdFilter {
    pub(super) inline: bool,
}

impl tera::Filter for MdFilter {
    fn filter(
        &self,
        value: &tera::Value,
        _args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let s = value.as_str().unwrap_or("");
        Ok(tera::Value::String(if self.inline {
            markdown::render_inline(s)
        } else {
            markdown::render_block(s, 2)
        }))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

pub(super) struct PlainFilter;

impl tera::Filter for PlainFilter {
    fn filter(
        &self,
        value: &tera::Value,
        _args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        // An array gives an array (`items | map(attribute="name") | plain`).
        Ok(match value {
            tera::Value::Array(items) => tera::Value::Array(
                items
                    .iter()
                    .map(|v| tera::Value::String(markdown::to_plain(v.as_str().unwrap_or(""))))
                    .collect(),
            ),
            v => tera::Value::String(markdown::to_plain(v.as_str().unwrap_or(""))),
        })
    }
}

/// `url | short_url`: the address as print shows it after a link
/// ("example.no/personvern"), empty for anything but http(s).
pub(super) struct ShortUrlFilter;

impl tera::Filter for ShortUrlFilter {
    fn filter(
        &self,
        value: &tera::Value,
        _args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let url = value.as_str().unwrap_or("");
        Ok(tera::Value::String(
            markdown::short_url(url).unwrap_or_default(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::nbsp_after_number;

    #[test]
    fn numbers_keep_their_units() {
        assert_eq!(nbsp_after_number("13 måneder"), "13\u{a0}måneder");
        assert_eq!(
            nbsp_after_number("1 year, 2 months and 3 days"),
            "1\u{a0}year, 2\u{a0}months and 3\u{a0}days"
        );
    }
}
