//! Localization: Fluent bundles per language (built-in `locales/<lang>/*.ftl`
//! overridden by the site's own `locales/<lang>/*.ftl`), dates with ICU4X and
//! durations with Fluent plural rules.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_calendar::{Date as IcuDate, Gregorian};
use icu_datetime::fieldsets::YMD;
use icu_datetime::FixedCalendarDateTimeFormatter;
use unic_langid::LanguageIdentifier;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceMap};
use crate::model::duration::Duration;
use crate::model::Date;
use crate::reference;

/// One Fluent source file (built-in or the site's).
#[derive(Debug, Clone)]
pub struct FtlFile {
    /// Path shown in messages (`locales/nb/main.ftl` or the site path).
    pub path: PathBuf,
    /// Whether it is the site's override (else built-in).
    pub site: bool,
    /// Text.
    pub text: String,
    /// Id in the source map the locales were loaded into.
    pub file_id: crate::diagnostics::FileId,
}

/// Texts and formatters of one language.
pub struct Lang {
    /// Canonical tag (`nb`).
    pub tag: String,
    /// The Fluent bundle: built-in messages, overridden by the site's.
    pub bundle: FluentBundle<FluentResource>,
    date_fmt: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    /// Files the bundle was built from.
    pub files: Vec<FtlFile>,
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lang").field("tag", &self.tag).finish()
    }
}

impl Lang {
    /// True if the bundle has a message with this id.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// Formats a message. Errors name the message and language.
    pub fn msg(&self, id: &str, args: Option<&FluentArgs>) -> Result<String, String> {
        let (mid, attr) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        let m = self
            .bundle
            .get_message(mid)
            .ok_or_else(|| format!("no message `{mid}` in locale `{}`", self.tag))?;
        let pattern = match attr {
            Some(a) => m.get_attribute(a).map(|x| x.value()).ok_or_else(|| {
                format!(
                    "message `{mid}` has no attribute `{a}` in locale `{}`",
                    self.tag
                )
            })?,
            None => m
                .value()
                .ok_or_else(|| format!("message `{mid}` has no value in locale `{}`", self.tag))?,
        };
        let mut errors = Vec::new();
        let s = self.bundle.format_pattern(pattern, args, &mut errors);
        if let Some(e) = errors.first() {
            return Err(format!("message `{id}` in locale `{}`: {e}", self.tag));
        }
        Ok(s.into_owned())
    }

    /// A message with one numeric argument `n`.
    pub fn msg_n(&self, id: &str, n: u32) -> Result<String, String> {
        let mut args = FluentArgs::new();
        args.set("n", FluentValue::from(n));
        self.msg(id, Some(&args))
    }

    /// A long date: "10. oktober 2022" (nb), "10 October 2022" (en-GB),
    /// with no-break spaces (U+00A0) between its parts, so that no page,
    /// feed or document breaks a date across lines.
    pub fn date(&self, d: Date) -> String {
        let formatted = self.date_fmt.as_ref().and_then(|f| {
            IcuDate::try_new_gregorian(d.year, d.month, d.day)
                .ok()
                .map(|icu| f.format(&icu).to_string())
        });
        formatted
            .unwrap_or_else(|| d.to_string())
            .replace(' ', "\u{a0}")
    }

    /// A duration in words: "13 måneder", "1 år og 6 måneder".
    pub fn duration(&self, d: &Duration) -> Result<String, String> {
        let parts: Vec<String> = d
            .parts()
            .into_iter()
            .map(|(unit, n)| self.msg_n(&format!("duration-{unit}"), n))
            .collect::<Result<_, _>>()?;
        Ok(self.join_list(&parts))
    }

    /// A cookie lifetime in words: "13 måneder", "Til du lukker
    /// nettleseren", "Fra 1 dag til 2 år", "Varierer", "Lagrer ingenting på
    /// enheten".
    pub fn cookie_duration(&self, d: &crate::model::CookieDuration) -> Result<String, String> {
        use crate::model::CookieDuration as C;
        match d {
            C::Session => self.msg("duration-session", None),
            C::Period(p) => self.duration(p),
            C::Range(a, b) => {
                let mut args = FluentArgs::new();
                args.set("min", FluentValue::from(self.duration(a)?));
                args.set("max", FluentValue::from(self.duration(b)?));
                self.msg("duration-range", Some(&args))
            }
            C::Varies => self.msg("duration-varies", None),
            C::NotStored => self.msg("cookie-pixel-duration", None),
        }
    }

    /// [`Lang::cookie_duration`], or the lifetime as written when a message
    /// is missing (the pages and the JSON never lack a lifetime).
    pub fn cookie_duration_text(&self, d: &crate::model::CookieDuration) -> String {
        self.cookie_duration(d)
            .unwrap_or_else(|_| crate::model::cookie_duration_str(d))
    }

    /// "a, b og c" using the `list-and` message for the last pair.
    pub fn join_list(&self, items: &[String]) -> String {
        match items.len() {
            0 => String::new(),
            1 => items[0].clone(),
            _ => {
                let (last, init) = items
                    .split_last()
                    .map(|(l, i)| (l.clone(), i.join(", ")))
                    .unwrap_or_default();
                let mut args = FluentArgs::new();
                args.set("first", FluentValue::from(init.clone()));
                args.set("last", FluentValue::from(last.clone()));
                self.msg("list-and", Some(&args))
                    .unwrap_or_else(|_| format!("{init}, {last}"))
            }
        }
    }
}

/// All site languages.
#[derive(Debug)]
pub struct Locales {
    /// Tag -> language.
    pub langs: BTreeMap<String, Lang>,
}

impl Locales {
    /// The language with this tag.
    pub fn get(&self, tag: &str) -> Option<&Lang> {
        self.langs.get(tag)
    }
}

/// Built-in locale folders available (`nb`, `en`, …).
pub fn builtin_languages() -> Vec<String> {
    let mut v: Vec<String> = reference::files()
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("locales/"))
        .filter_map(|p| p.split('/').next())
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    v
}

fn ftl_files(site_root: &Path, tag: &str) -> Result<Vec<FtlFile>, Diagnostic> {
    let mut files = Vec::new();
    let lang_only = tag.split('-').next().unwrap_or(tag);
    let builtin_tag = if reference::files_under(&format!("locales/{tag}/")).is_empty() {
        lang_only
    } else {
        tag
    };
    for (p, bytes) in reference::files_under(&format!("locales/{builtin_tag}/")) {
        if !p.ends_with(".ftl") {
            continue;
        }
        files.push(FtlFile {
            path: PathBuf::from(p),
            site: false,
            text: String::from_utf8_lossy(bytes).into_owned(),
            file_id: 0,
        });
    }
    let dir = site_root.join("locales").join(tag);
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut paths: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect();
        paths.sort();
        for p in paths {
            let text = crate::load::read_text(&p)?;
            files.push(FtlFile {
                path: p,
                site: true,
                text,
                file_id: 0,
            });
        }
    }
    Ok(files)
}

fn date_formatter(
    tag: &str,
    meta: Option<String>,
) -> Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>> {
    let loc_tag = meta.unwrap_or_else(|| tag.to_string());
    let locale: icu_locale_core::Locale = loc_tag.parse().ok()?;
    FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::long()).ok()
}

/// Loads the Fluent files of every language. Parse errors, unknown
/// languages and clashing ids become diagnostics pointing into `sources`.
pub fn load_locales(
    site_root: &Path,
    languages: &[String],
    sources: &mut SourceMap,
) -> Result<Locales, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut langs = BTreeMap::new();
    for tag in languages {
        let mut files = match ftl_files(site_root, tag) {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if files.is_empty() {
            diags.push(
                Diagnostic::error("missing-locale", format!("no texts for language `{tag}`"))
                    .in_file(site_root.join("locales").join(tag))
                    .help(format!(
                        "add locales/{tag}/*.ftl to the site with every message of locales/en (built-in languages: {})",
                        builtin_languages().join(", ")
                    )),
            );
            continue;
        }
        let langid: LanguageIdentifier = match tag.parse() {
            Ok(l) => l,
            Err(_) => {
                diags.push(
                    Diagnostic::error("invalid-language", format!("`{tag}` is not a language tag"))
                        .in_file(site_root.join(crate::load::CONFIG_FILE))
                        .help("write languages as BCP 47 tags, e.g. languages = [\"nb\", \"en\"]"),
                );
                continue;
            }
        };
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        for f in &mut files {
            let fid = sources.add(f.path.clone(), f.text.clone());
            f.file_id = fid;
            let res = match FluentResource::try_new(f.text.clone()) {
                Ok(r) => r,
                Err((r, errs)) => {
                    for e in errs {
                        diags.push(
                            Diagnostic::error(
                                "ftl-syntax",
                                format!("Fluent syntax error: {}", e.kind),
                            )
                            .at(fid, e.pos.clone())
                            .help("see https://projectfluent.org/fluent/guide/ for the syntax"),
                        );
                    }
                    r
                }
            };
            if f.site {
                bundle.add_resource_overriding(res);
            } else if let Err(errs) = bundle.add_resource(res) {
                for e in errs {
                    diags.push(
                        Diagnostic::error(
                            "ftl-duplicate",
                            format!("built-in locale `{tag}`: {e:?}"),
                        )
                        .in_file(&f.path),
                    );
                }
            }
        }
        let mut lang = Lang {
            tag: tag.clone(),
            bundle,
            date_fmt: None,
            files,
        };
        let meta = lang.msg("meta-date-locale", None).ok();
        lang.date_fmt = date_formatter(tag, meta);
        langs.insert(tag.clone(), lang);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Locales { langs })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locales() -> Locales {
        let mut sm = SourceMap::default();
        load_locales(
            Path::new("/nonexistent"),
            &["nb".into(), "en".into()],
            &mut sm,
        )
        .expect("built-in locales load")
    }

    #[test]
    fn dates_follow_locale() {
        let l = locales();
        let d = Date {
            year: 2022,
            month: 10,
            day: 10,
        };
        assert_eq!(
            l.get("nb").map(|x| x.date(d)),
            Some("10.\u{a0}oktober\u{a0}2022".to_string())
        );
        assert_eq!(
            l.get("en").map(|x| x.date(d)),
            Some("10\u{a0}October\u{a0}2022".to_string())
        );
    }

    #[test]
    fn durations_use_plurals() {
        let l = locales();
        let nb = l.get("nb").expect("nb");
        let en = l.get("en").expect("en");
        let p = |s: &str| Duration::parse(s).expect("valid duration");
        // A number and its unit are held together by a no-break space.
        assert_eq!(nb.duration(&p("P1M")).as_deref(), Ok("1\u{a0}måned"));
        assert_eq!(nb.duration(&p("P13M")).as_deref(), Ok("13\u{a0}måneder"));
        assert_eq!(en.duration(&p("P13M")).as_deref(), Ok("13\u{a0}months"));
        assert_eq!(en.duration(&p("P1D")).as_deref(), Ok("1\u{a0}day"));
        assert_eq!(
            nb.duration(&p("P1Y6M")).as_deref(),
            Ok("1\u{a0}år og 6\u{a0}måneder")
        );
        assert_eq!(
            en.duration(&p("P1Y2M3D")).as_deref(),
            Ok("1\u{a0}year, 2\u{a0}months and 3\u{a0}days")
        );
    }
}
