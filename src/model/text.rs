//! Localized human text and its per-language serialization.
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

thread_local! {
    static SERIALIZE_LANG: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f` with [`Text`] values serializing as the string for `lang`
/// (instead of the full language map). Used to build per-language views.
pub fn with_language<R>(lang: &str, f: impl FnOnce() -> R) -> R {
    let prev = SERIALIZE_LANG.with(|l| l.replace(Some(lang.to_string())));
    let r = f();
    SERIALIZE_LANG.with(|l| *l.borrow_mut() = prev);
    r
}

/// Longest text of one language in a text field, in characters: a privacy
/// notice needs no longer paragraph, and rendering Markdown of many
/// megabytes takes seconds and gigabytes.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Localized human text: `{ nb = "…", en = "…" }`. Markdown is allowed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// Language tag -> text. A plain string (not localized) is stored under `""`.
    pub map: BTreeMap<String, String>,
    /// Byte span in the source file.
    pub span: Range<usize>,
}

impl Text {
    /// The text in `lang`, if present.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.map
            .get(lang)
            .or_else(|| self.map.get(""))
            .map(String::as_str)
    }

    /// The text in `lang`, or an empty string.
    pub fn get_or_empty(&self, lang: &str) -> &str {
        self.get(lang).unwrap_or("")
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Plain(String),
            Map(BTreeMap<String, String>),
        }
        let s = Spanned::<Raw>::deserialize(d).map_err(|e| {
            serde::de::Error::custom(format!(
                "{e}; expected localized text such as {{ nb = \"…\", en = \"…\" }}"
            ))
        })?;
        let span = s.span();
        let map = match s.into_inner() {
            Raw::Plain(p) => BTreeMap::from([(String::new(), p)]),
            Raw::Map(m) => m,
        };
        for (lang, t) in &map {
            // Bytes first: most texts are far below the limit.
            if t.len() > MAX_TEXT_CHARS {
                let n = t.chars().count();
                if n > MAX_TEXT_CHARS {
                    let which = if lang.is_empty() {
                        "the text".to_string()
                    } else {
                        format!("the `{lang}` text")
                    };
                    return Err(serde::de::Error::custom(format!(
                        "{which} is {n} characters long; a text may be at most {MAX_TEXT_CHARS} \
                         characters (split it into sections, or link to a longer document)"
                    )));
                }
            }
        }
        Ok(Text { map, span })
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let lang = SERIALIZE_LANG.with(|l| l.borrow().clone());
        match lang {
            Some(lang) => s.serialize_str(self.get_or_empty(&lang)),
            None => self.map.serialize(s),
        }
    }
}
