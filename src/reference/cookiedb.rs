//! The Open Cookie Database (Apache-2.0, see
//! `content/LICENSE-open-cookie-database.txt`): about 2,260 well-known
//! cookies and storage keys, embedded in the binary, for looking up a cookie
//! by name and pre-filling a `[cookies.<id>]` entry (`personvern cookie add`).
//!
//! Everything taken from the database is a starting point only: the snippet
//! says so, and the Norwegian text is always left for a person to write.

use std::sync::OnceLock;

use crate::model::duration::Duration;
use crate::model::{CookieCategory, CookieDuration};
use crate::reference;

/// Path of the embedded database among the built-in files.
pub const DATABASE_PATH: &str = "content/open-cookie-database.csv";

/// First line of every generated snippet.
pub const SNIPPET_NOTICE: &str = "# From the Open Cookie Database (Apache-2.0); check every value. The Norwegian text is still to be written.";

/// One entry of the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownCookie {
    /// The database's own id of the entry (a UUID).
    pub id: String,
    /// Cookie or storage key name. For a [`wildcard`](Self::wildcard) entry,
    /// the prefix every matching name starts with (`_ga_`).
    pub name: String,
    /// Platform or product that sets it ("Google Analytics").
    pub platform: String,
    /// Category in personvern's terms: Functional → preferences, Analytics →
    /// statistics, Marketing → marketing, Personalization → preferences,
    /// Security, Necessary (and anything unknown) → strictly necessary.
    pub category: CookieCategory,
    /// Category as the database writes it ("Analytics").
    pub category_label: String,
    /// Domain as the database writes it; empty when the cookie is set on the
    /// visited site's own domain (often "example.com (3rd party)").
    pub domain: String,
    /// English description.
    pub description: String,
    /// Retention period as the database writes it ("2 years", "Session").
    pub retention_text: String,
    /// The retention as a lifetime, or the original text when it is not a
    /// plain `<number> <unit>` or a session (see [`parse_retention`]).
    pub duration: Result<CookieDuration, String>,
    /// Data controller ("Google").
    pub controller: String,
    /// Link to the controller's privacy or rights page (may be empty).
    pub privacy_url: String,
    /// True if the name is a prefix: the entry covers every name starting with it.
    pub wildcard: bool,
}

impl KnownCookie {
    /// The name in personvern's pattern syntax: a wildcard entry `_ga_`
    /// becomes `_ga_*`; other names are returned as they are.
    pub fn pattern(&self) -> String {
        if self.wildcard && !self.name.contains('*') {
            format!("{}*", self.name)
        } else {
            self.name.clone()
        }
    }

    /// The domain without "(3rd party)" markers and leading dots, in lower
    /// case ("facebook.com (3rd party)" → "facebook.com"); empty if none.
    pub fn clean_domain(&self) -> String {
        let lower = self.domain.to_lowercase().replace("(3rd party)", " ");
        lower
            .split_whitespace()
            .map(|w| w.trim_start_matches('.'))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// True if the database names a domain: the cookie is then set by the
    /// platform's own domain, not the visited site's (third party). Without
    /// a domain the platform's script sets it on the site's own domain.
    pub fn third_party(&self) -> bool {
        !self.clean_domain().is_empty()
    }

    /// True if a cookie called `name` is covered by this entry: the same
    /// name, or a name the entry's pattern matches.
    pub fn matches_name(&self, name: &str) -> bool {
        self.name == name
            || ((self.wildcard || self.name.contains('*')) && glob(&self.pattern(), name))
    }
}

/// Maps a database category to personvern's.
pub fn map_category(label: &str) -> CookieCategory {
    match label.trim().to_ascii_lowercase().as_str() {
        "functional" | "personalization" | "personalisation" | "preferences" => {
            CookieCategory::Preferences
        }
        "analytics" | "statistics" => CookieCategory::Statistics,
        "marketing" | "advertising" => CookieCategory::Marketing,
        _ => CookieCategory::StrictlyNecessary,
    }
}

/// Parses a free-text retention period: a session ("session", "Session",
/// "End of session (browser)", "session cookie") or one `<number> <unit>`
/// with a unit from seconds to years ("1 year", "13 months", "30 days",
/// "24 hours", "30 mins"; case does not matter). Everything else — ranges,
/// conditions ("2 years after last activity"), "persistent", "forever",
/// "Unknown", zero lengths, dates — is returned as `Err` with the original
/// text, because it has no honest ISO 8601 equivalent.
pub fn parse_retention(text: &str) -> Result<CookieDuration, String> {
    let norm = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if matches!(
        norm.as_str(),
        "session"
            | "sessions"
            | "session cookie"
            | "browser session"
            | "end of session"
            | "end of session (browser)"
    ) {
        return Ok(CookieDuration::Session);
    }
    let mut words = norm.split(' ');
    let (Some(num), Some(unit), None) = (words.next(), words.next(), words.next()) else {
        return Err(text.to_string());
    };
    if !num.bytes().all(|b| b.is_ascii_digit()) {
        return Err(text.to_string());
    }
    let n: u32 = num.parse().map_err(|_| text.to_string())?;
    if n == 0 {
        return Err(text.to_string());
    }
    let mut d = Duration::default();
    match unit {
        "year" | "years" | "yr" | "yrs" => d.years = n,
        "month" | "months" => d.months = n,
        "week" | "weeks" => d.weeks = n,
        "day" | "days" => d.days = n,
        "hour" | "hours" | "hr" | "hrs" => d.hours = n,
        "minute" | "minutes" | "min" | "mins" => d.minutes = n,
        "second" | "seconds" | "sec" | "secs" => d.seconds = n,
        _ => return Err(text.to_string()),
    }
    Ok(CookieDuration::Period(d))
}

/// Parses RFC 4180 CSV: fields separated by commas, records by CRLF or LF;
/// a quoted field may hold commas, newlines and doubled quotes (`""`). A
/// leading byte-order mark and blank lines are skipped. A quote inside an
/// unquoted field is taken literally; an unterminated quoted field, or text
/// after a closing quote, is an error naming the line.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1usize;
    let mut chars = text.chars().peekable();
    // State of the current field.
    let mut quoted = false; // inside quotes
    let mut was_quoted = false; // the field was quoted and the quote is closed
    let mut quote_line = 0usize;
    let mut started = false; // the current record has content
    let end_record = |record: &mut Vec<String>, field: &mut String, records: &mut Vec<_>| {
        record.push(std::mem::take(field));
        let r = std::mem::take(record);
        if !(r.len() == 1 && r[0].is_empty()) {
            records.push(r);
        }
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    was_quoted = true;
                }
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            ',' => {
                record.push(std::mem::take(&mut field));
                was_quoted = false;
                started = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_record(&mut record, &mut field, &mut records);
                was_quoted = false;
                started = false;
                line += 1;
            }
            '"' if field.is_empty() && !was_quoted => {
                quoted = true;
                quote_line = line;
                started = true;
            }
            _ if was_quoted => {
                return Err(format!(
                    "line {line}: unexpected `{c}` after the closing quote of a field"
                ));
            }
            _ => {
                field.push(c);
                started = true;
            }
        }
    }
    if quoted {
        return Err(format!(
            "line {quote_line}: a quoted field is never closed (missing `\"`)"
        ));
    }
    if started || !field.is_empty() || !record.is_empty() {
        end_record(&mut record, &mut field, &mut records);
    }
    Ok(records)
}

const COLUMNS: [&str; 10] = [
    "ID",
    "Platform",
    "Category",
    "Cookie / Data Key name",
    "Domain",
    "Description",
    "Retention period",
    "Data Controller",
    "User Privacy & GDPR Rights Portals",
    "Wildcard match",
];

fn parse_database(text: &str) -> Result<Vec<KnownCookie>, String> {
    let records = parse_csv(text)?;
    let mut rows = records.into_iter();
    let header = rows.next().ok_or("the file is empty")?;
    let mut idx = [0usize; 10];
    for (slot, name) in idx.iter_mut().zip(COLUMNS) {
        *slot = header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("no column `{name}` in the header"))?;
    }
    let mut out = Vec::new();
    for (n, row) in rows.enumerate() {
        if row.len() != header.len() {
            return Err(format!(
                "record {} has {} fields, the header has {}",
                n + 2,
                row.len(),
                header.len()
            ));
        }
        let get = |i: usize| row[idx[i]].trim().to_string();
        let wildcard = match get(9).to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" => true,
            "0" | "false" | "no" | "" => false,
            other => {
                return Err(format!(
                    "record {}: `Wildcard match` is `{other}`, expected 0 or 1",
                    n + 2
                ))
            }
        };
        let retention_text = get(6);
        let category_label = get(2);
        out.push(KnownCookie {
            id: get(0),
            name: get(3),
            platform: get(1),
            category: map_category(&category_label),
            category_label,
            domain: get(4),
            description: get(5),
            duration: parse_retention(&retention_text),
            retention_text,
            controller: get(7),
            privacy_url: get(8),
            wildcard,
        });
    }
    Ok(out)
}

fn load() -> Result<Vec<KnownCookie>, String> {
    let bytes = reference::file(DATABASE_PATH)
        .ok_or_else(|| format!("the built-in {DATABASE_PATH} is missing"))?;
    let text = std::str::from_utf8(bytes).map_err(|e| format!("{DATABASE_PATH}: {e}"))?;
    parse_database(text).map_err(|e| format!("{DATABASE_PATH}: {e}"))
}

static DATABASE: OnceLock<Result<Vec<KnownCookie>, String>> = OnceLock::new();

/// The parsed database, shared: the embedded file is parsed on first use only.
pub fn entries() -> Result<&'static [KnownCookie], String> {
    DATABASE
        .get_or_init(load)
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// Every entry of the database, in file order (a copy of [`entries`]; the
/// file itself is parsed once).
pub fn database() -> Result<Vec<KnownCookie>, String> {
    entries().map(<[KnownCookie]>::to_vec)
}

/// Matches `text` against `pattern`, where `*` stands for any run of characters.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

/// Entries for a cookie name, most specific first.
///
/// - A plain name (`_ga`) finds the entries with exactly that name. Only if
///   there is none does it fall back to the wildcard entries it starts with
///   (`_ga_ABC123` finds the entry `_ga_`), the longest prefix first: an
///   exact entry is about that cookie, while a short prefix of another
///   platform (Marfeel's `_s`) matches names it has nothing to do with
///   (`_shopify_y`).
/// - A name with `*` (`_ga_*`) is a pattern: it finds every entry whose
///   name it matches (`_ga_*` finds `_ga_`, `_ga_*` itself and `_ga_x`),
///   the entry with the pattern's own prefix first.
///
/// Names are compared case-sensitively, as browsers do. If the database
/// cannot be read the result is empty ([`database`] gives the reason).
pub fn lookup(name: &str) -> Vec<&'static KnownCookie> {
    let q = name.trim();
    let Ok(all) = entries() else {
        return Vec::new();
    };
    if q.is_empty() {
        return Vec::new();
    }
    // The entry that is this pattern: `_ga_*` is the wildcard entry `_ga_`.
    let same_pattern = |k: &KnownCookie| q.contains('*') && k.pattern() == q;
    let exact: Vec<_> = all
        .iter()
        .filter(|k| k.name == q || same_pattern(k))
        .collect();
    let mut other: Vec<_> = all
        .iter()
        .filter(|k| !(k.name == q || same_pattern(k)))
        .filter(|k| (q.contains('*') && glob(q, &k.name)) || k.matches_name(q))
        .collect();
    if !q.contains('*') && !exact.is_empty() {
        return exact;
    }
    // Longest (most specific) name first; the sort is stable, so entries of
    // the same length keep the database's order.
    other.sort_by_key(|k| std::cmp::Reverse(k.name.trim_end_matches('*').len()));
    let mut out = exact;
    out.extend(other);
    out
}

/// Declared recipients that look like the provider of a database entry:
/// those whose name or service (in any language) contains the entry's
/// platform ("Google Analytics") as whole words; if none does, those whose
/// name contains the data controller ("Google"). Compared without case.
/// Returns the recipient ids, in the order given.
pub fn provider_candidates<'a>(
    k: &KnownCookie,
    recipients: &[(&'a str, Vec<&'a str>)],
) -> Vec<&'a str> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let contains = |hay: &[String], needle: &[String]| {
        !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
    };
    let controller = k.controller.trim_end_matches(".com");
    for needle in [words(&k.platform), words(controller)] {
        let found: Vec<&str> = recipients
            .iter()
            .filter(|(_, texts)| texts.iter().any(|t| contains(&words(t), &needle)))
            .map(|(id, _)| *id)
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// How many retention texts of the database became a lifetime, how many did
/// not, and every distinct text that did not (in database order).
pub fn parse_stats() -> (usize, usize, Vec<String>) {
    let Ok(all) = entries() else {
        return (0, 0, Vec::new());
    };
    let mut parsed = 0;
    let mut unparsed = 0;
    let mut examples: Vec<String> = Vec::new();
    for k in all {
        match &k.duration {
            Ok(_) => parsed += 1,
            Err(t) => {
                unparsed += 1;
                if !examples.contains(t) {
                    examples.push(t.clone());
                }
            }
        }
    }
    (parsed, unparsed, examples)
}

/// An entity id made from a cookie name: lower case, `*` becomes `star`,
/// every run of other characters than `a-z0-9` becomes one `-`, trimmed
/// (`_ga` → `ga`, `_ga_*` → `ga-star`, so that the two do not collide;
/// `__Secure-3PSID` → `secure-3psid`). `cookie` if nothing is left.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if c == '*' {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            out.push_str("star-");
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if !name.chars().any(|c| c.is_ascii_alphanumeric()) {
        "cookie".to_string()
    } else {
        out
    }
}

/// An id for a new cookie that no declared cookie has: [`slug`] of the
/// pattern, then `-2`, `-3`, … until it is free.
pub fn free_id(pattern: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = slug(pattern);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// A TOML basic string, with quotes.
fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when it can be, quoted otherwise.
fn toml_key(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        s.to_string()
    } else {
        toml_str(s)
    }
}

/// Text safe inside a `#` comment (one line).
fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A `[cookies.<id>]` table for `personvern cookie add`, pre-filled from a
/// database entry. `id` is the entity id (empty: [`slug`] of the name);
/// `provider_id` the recipient that provides the cookie, if known.
///
/// The party is `third` when the database names a domain (the platform's
/// own), `first` when it names none (the platform's script sets the cookie
/// on the site's domain, like `_ga`). The Norwegian purpose is a TODO, the
/// English one the database's description; a retention the database gives
/// in words that are not a lifetime becomes `duration = "TODO"`, which
/// `personvern check` rejects until it is replaced. The result is valid TOML.
pub fn toml_snippet(k: &KnownCookie, id: &str, provider_id: Option<&str>) -> String {
    let id = if id.trim().is_empty() {
        slug(&k.pattern())
    } else {
        id.trim().to_string()
    };
    let mut s = String::new();
    s.push_str(SNIPPET_NOTICE);
    s.push('\n');
    let mut origin = format!(
        "# Database entry: {} ({}), category \"{}\", retention \"{}\"",
        comment_text(&k.platform),
        comment_text(&k.controller),
        comment_text(&k.category_label),
        comment_text(&k.retention_text)
    );
    if !k.privacy_url.is_empty() {
        origin.push_str(&format!(", {}", comment_text(&k.privacy_url)));
    }
    s.push_str(&origin);
    s.push('\n');
    s.push_str(&format!(
        "# Party, domain, category, duration and the English purpose are the database's own values, unchanged (domain: \"{}\"). The database can be wrong: check them against what your site really sets (the browser's developer tools show each cookie's domain and expiry).\n",
        comment_text(&k.domain)
    ));
    s.push_str(&format!("[cookies.{}]\n", toml_key(&id)));
    s.push_str(&format!("name = {}\n", toml_str(&k.pattern())));
    match provider_id {
        Some(p) => s.push_str(&format!("provider = {}\n", toml_str(p))),
        None => s.push_str(&format!(
            "# provider = \"…\"  # the id of the recipient for {}{}\n",
            comment_text(&k.controller),
            if k.third_party() {
                "; required for a third-party cookie"
            } else {
                ", if its script sets this cookie"
            }
        )),
    }
    let party = if k.third_party() { "third" } else { "first" };
    s.push_str(&format!("party = {}\n", toml_str(party)));
    let domain = k.clean_domain();
    if domain.is_empty() {
        s.push_str("# domain = \"…\"  # your own domain; the database names none\n");
    } else {
        s.push_str(&format!("domain = {}\n", toml_str(&domain)));
    }
    s.push_str(&format!("category = {}\n", toml_str(k.category.id())));
    match &k.duration {
        Ok(CookieDuration::Session) => s.push_str("duration = \"session\"\n"),
        Ok(d) => s.push_str(&format!(
            "duration = \"{}\"\n",
            crate::model::cookie_duration_str(d)
        )),
        Err(text) => {
            s.push_str(&format!(
                "# The database gives the retention as \"{}\": write an ISO 8601 duration (\"P1Y\", \"P13M\", \"P30D\", \"PT30M\") or \"session\".\n",
                comment_text(text)
            ));
            s.push_str("duration = \"TODO\"\n");
        }
    }
    if k.category != CookieCategory::StrictlyNecessary {
        s.push_str("# activity = \"…\"  # the processing activity the data feeds\n");
    }
    let en = if k.description.trim().is_empty() {
        "TODO: describe the purpose"
    } else {
        k.description.trim()
    };
    s.push_str(&format!(
        "purpose = {{ nb = {}, en = {} }}\n",
        toml_str("TODO: skriv formålet på norsk"),
        toml_str(en)
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_parses() {
        let db = database().expect("the embedded database parses");
        assert!(db.len() > 2000, "{} entries", db.len());
    }

    #[test]
    fn ga_is_statistics_with_a_duration() {
        let hits = lookup("_ga");
        let ga = hits.first().expect("_ga is in the database");
        assert_eq!(ga.name, "_ga");
        assert_eq!(ga.category, CookieCategory::Statistics);
        assert_eq!(ga.category_label, "Analytics");
        assert!(
            matches!(ga.duration, Ok(CookieDuration::Period(_))),
            "{:?}",
            ga.duration
        );
        assert!(!ga.wildcard);
        // The wildcard entry `_ga_` must not match `_ga` itself.
        assert!(hits.iter().all(|k| k.name == "_ga"), "{hits:?}");
    }

    #[test]
    fn wildcard_entry_matches_prefixed_names() {
        let hits = lookup("_ga_ABC123");
        assert!(
            hits.iter().any(|k| k.name == "_ga_" && k.wildcard),
            "{hits:?}"
        );
        assert!(hits.iter().all(|k| k.name != "_ga"));
    }

    #[test]
    fn pattern_query_finds_wildcard_entry() {
        let hits = lookup("_ga_*");
        assert!(
            hits.iter().any(|k| k.name == "_ga_" && k.wildcard),
            "{hits:?}"
        );
        assert!(hits.iter().all(|k| k.name.starts_with("_ga_")), "{hits:?}");
        assert!(lookup("no-such-cookie-here-xyz").is_empty());
        assert!(lookup("").is_empty());
    }

    #[test]
    fn most_retentions_parse() {
        let (parsed, unparsed, examples) = parse_stats();
        assert!(parsed > unparsed, "{parsed} parsed, {unparsed} not");
        assert!(unparsed > 0 && !examples.is_empty());
        assert!(examples.iter().any(|e| e == "Unknown"), "{examples:?}");
    }

    #[test]
    fn retention_texts() {
        let p = |s: &str| parse_retention(s).map(|d| crate::model::cookie_duration_str(&d));
        for (text, iso) in [
            ("session", "session"),
            ("Session", "session"),
            ("End of session (browser)", "session"),
            ("1 year", "P1Y"),
            ("2 years", "P2Y"),
            ("1 Year ", "P1Y"),
            ("13 months", "P13M"),
            ("30 days", "P30D"),
            ("1 day", "P1D"),
            ("3 weeks", "P3W"),
            ("24 hours", "PT24H"),
            ("30 minutes", "PT30M"),
            ("30 mins", "PT30M"),
            ("90 sec", "PT90S"),
            ("6 months", "P6M"),
        ] {
            assert_eq!(p(text).as_deref(), Ok(iso), "{text}");
        }
        for text in [
            "persistent",
            "Persistent",
            "forever",
            "Unknown",
            "",
            "0 days",
            "2 years after last activity",
            "Session to 30 days",
            "10 Nov 2030",
            "1.5 years",
        ] {
            assert_eq!(parse_retention(text), Err(text.to_string()), "{text}");
        }
    }

    #[test]
    fn csv_quotes_commas_newlines() {
        let rows = parse_csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,,3")
            .expect("valid CSV");
        assert_eq!(
            rows,
            vec![
                vec!["a", "b", "c"],
                vec!["x, y", "say \"hi\"", "two\nlines"],
                vec!["1", "", "3"],
            ]
        );
        assert_eq!(
            parse_csv("\u{feff}a,\"\"\n").expect("valid"),
            vec![vec!["a", ""]]
        );
        assert!(parse_csv("a,\"open\nb").is_err_and(|e| e.contains("line 1")));
        assert!(parse_csv("\"a\"b,c").is_err());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("_ga"), "ga");
        assert_eq!(slug("_ga_"), "ga");
        assert_eq!(slug("__Secure-3PSID"), "secure-3psid");
        assert_eq!(slug("VISITOR_INFO1_LIVE"), "visitor-info1-live");
        assert_eq!(slug("***"), "cookie");
    }

    #[test]
    fn an_exact_entry_hides_unrelated_prefixes() {
        // Marfeel's wildcard `_s` matches `_shopify_y` by prefix only.
        let hits = lookup("_shopify_y");
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|k| k.name == "_shopify_y"), "{hits:?}");
        // Without an exact entry the longest prefix comes first.
        let hits = lookup("_ga_ABC123");
        assert_eq!(hits.first().map(|k| k.name.as_str()), Some("_ga_"));
        let lens: Vec<usize> = hits.iter().map(|k| k.name.len()).collect();
        assert!(lens.windows(2).all(|w| w[0] >= w[1]), "{lens:?}");
    }

    #[test]
    fn ids_from_patterns_do_not_collide() {
        assert_eq!(slug("_ga_*"), "ga-star");
        assert_ne!(slug("_ga_*"), slug("_ga"));
        assert_eq!(slug("intercom-session-*"), "intercom-session-star");
        assert_eq!(free_id("_ga", |id| id == "ga"), "ga-2");
        assert_eq!(free_id("_ga", |id| id == "ga" || id == "ga-2"), "ga-3");
        assert_eq!(free_id("_ga", |_| false), "ga");
        let ga4 = lookup("_ga_*").into_iter().next().expect("_ga_");
        let snippet = toml_snippet(ga4, "", None);
        assert!(snippet.contains("[cookies.ga-star]"), "{snippet}");
    }

    #[test]
    fn provider_from_platform_then_controller() {
        let ga = lookup("_ga").into_iter().next().expect("_ga");
        let recipients = vec![
            ("ads", vec!["Google Ireland Ltd (Google Ads)"]),
            ("analytics", vec!["Google Ireland Ltd (Google Analytics)"]),
            ("mail", vec!["Brevskyen ApS"]),
        ];
        assert_eq!(provider_candidates(ga, &recipients), vec!["analytics"]);
        // No platform match: every recipient named after the controller.
        let recipients = vec![
            ("a", vec!["Google Ireland Ltd"]),
            ("b", vec!["Google LLC"]),
            ("c", vec!["Googleplex AS"]),
        ];
        assert_eq!(provider_candidates(ga, &recipients), vec!["a", "b"]);
        assert!(provider_candidates(ga, &[("x", vec!["Brevskyen ApS"])]).is_empty());
    }

    #[test]
    fn the_snippet_says_the_values_are_the_databases() {
        // `_fbp`: the database gives facebook.com (3rd party); shown as it is, and said so.
        let fbp = lookup("_fbp").into_iter().next().expect("_fbp");
        let snippet = toml_snippet(fbp, "", None);
        assert!(
            snippet.contains(
                "the database's own values, unchanged (domain: \"facebook.com (3rd party)\")"
            ),
            "{snippet}"
        );
        assert!(snippet.contains("party = \"third\""), "{snippet}");
    }

    #[test]
    fn glob_patterns() {
        assert!(glob("_ga_*", "_ga_"));
        assert!(glob("_ga_*", "_ga_X1"));
        assert!(!glob("_ga_*", "_ga"));
        assert!(glob("a*b*c", "aXbYc"));
        assert!(!glob("a*b", "aXbc"));
    }

    #[test]
    fn ga_snippet_is_toml() {
        let ga = lookup("_ga").into_iter().next().expect("_ga");
        let snippet = toml_snippet(ga, &slug(&ga.name), Some("google-analytics"));
        assert!(snippet.starts_with(SNIPPET_NOTICE), "{snippet}");
        let table: toml::Table = toml::from_str(&snippet).expect("the snippet is TOML");
        let c = table["cookies"]["ga"].as_table().expect("[cookies.ga]");
        assert_eq!(c["name"].as_str(), Some("_ga"));
        assert_eq!(c["provider"].as_str(), Some("google-analytics"));
        assert_eq!(c["party"].as_str(), Some("first"));
        assert_eq!(c["category"].as_str(), Some("statistics"));
        assert_eq!(c["duration"].as_str(), Some("P2Y"));
        assert_eq!(
            c["purpose"]["nb"].as_str(),
            Some("TODO: skriv formålet på norsk")
        );
        assert_eq!(c["purpose"]["en"].as_str(), Some(ga.description.as_str()));
        // The snippet deserializes as a model cookie.
        let cookie: crate::model::Cookie =
            toml::from_str(&toml::to_string(&table["cookies"]["ga"]).expect("re-serialize"))
                .expect("a valid [cookies] entry");
        assert_eq!(cookie.category, CookieCategory::Statistics);
    }

    #[test]
    fn every_snippet_is_toml() {
        for k in entries().expect("database") {
            let snippet = toml_snippet(k, "", None);
            let table: toml::Table =
                toml::from_str(&snippet).unwrap_or_else(|e| panic!("{}: {e}\n{snippet}", k.name));
            let cookies = table["cookies"].as_table().expect("[cookies]");
            assert_eq!(cookies.len(), 1);
        }
        let third = lookup("IDE")
            .into_iter()
            .find(|k| k.third_party())
            .expect("a third-party IDE entry");
        let snippet = toml_snippet(third, "ide", None);
        assert!(snippet.contains("party = \"third\""), "{snippet}");
        assert!(
            snippet.contains("required for a third-party cookie"),
            "{snippet}"
        );
    }
}
