//! Loading a site: read `personvern.toml` and the data files in `content/`,
//! parse TOML with spans, deserialize each entity on its own (so one bad
//! entity does not hide problems in the others) and merge everything into
//! one [`Policy`].

pub mod config;
pub mod schema;
pub mod snapshots;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, FileId, SourceMap};
use crate::load::config::{canonical_lang, is_safe_id, ScanConfig, SiteConfig};
use crate::model::*;
use crate::model::{Authority, Regions};
use crate::reference;

/// Largest input file accepted (bytes). Privacy data is small; anything
/// bigger is almost certainly a mistake and would only slow the build.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Name of the site configuration file.
pub const CONFIG_FILE: &str = "personvern.toml";

/// A loaded site: configuration, policy data and the sources they came from.
#[derive(Debug, Clone)]
pub struct Site {
    /// Site folder.
    pub root: PathBuf,
    /// `[site]` settings.
    pub config: SiteConfig,
    /// `[scan]` settings of personvern.toml (for `personvern scan`).
    pub scan: ScanConfig,
    /// Canonical language tags, default first.
    pub languages: Vec<String>,
    /// Default language.
    pub default_language: String,
    /// The policy data.
    pub policy: Policy,
    /// Every file read, for diagnostics.
    pub sources: SourceMap,
    /// Supervisory authorities (built-in registry plus the site's additions).
    pub authorities: BTreeMap<String, Authority>,
    /// Country groups.
    pub regions: Regions,
    /// Valid country codes.
    pub country_codes: Vec<String>,
    /// File id of `personvern.toml`.
    pub config_file: FileId,
    /// Releases from `history/`, oldest first.
    pub history: Vec<crate::load::snapshots::Release>,
}

impl Site {
    /// File a singleton table (`document`, `controller`, ...) was read from,
    /// else `personvern.toml`: where findings about the table point.
    pub fn table_file(&self, table: &str) -> FileId {
        self.policy
            .table_files
            .get(table)
            .copied()
            .unwrap_or(self.config_file)
    }

    /// Where a singleton table is declared: the name in its header, or the
    /// start of `personvern.toml` when the table is absent.
    pub fn table_span(&self, table: &str) -> (FileId, Range<usize>) {
        match self.policy.table_spans.get(table) {
            Some(s) => (self.table_file(table), s.clone()),
            None => (self.config_file, 0..0),
        }
    }

    /// Where `key = …` of a singleton table is written: the value, or the
    /// table's header when the key is not found there.
    pub fn key_span(&self, table: &str, key: &str) -> (FileId, Range<usize>) {
        let (file, header) = self.table_span(table);
        let Some(text) = self.sources.get(file).map(|f| f.text.as_str()) else {
            return (file, header);
        };
        let mut at = header.end.min(text.len());
        for line in text[at..].split_inclusive('\n') {
            let t = line.trim_start();
            if t.starts_with('[') && at > header.end {
                break;
            }
            if let Some(rest) = t.strip_prefix(key) {
                if let Some(v) = rest.trim_start().strip_prefix('=') {
                    let v_trim = v.trim_start();
                    let start = at + (line.len() - v_trim.len());
                    let value = v_trim.split('#').next().unwrap_or("").trim_end();
                    return (file, start..start + value.len());
                }
            }
            at += line.len();
        }
        (file, header)
    }
}

/// Result of loading: the site if the configuration could be read, the
/// sources read so far, and every problem found.
pub struct Loaded {
    /// The site (possibly with gaps where entities failed to load).
    pub site: Option<Site>,
    /// Files read.
    pub sources: SourceMap,
    /// Problems.
    pub diagnostics: Diagnostics,
}

/// Reads a text file with size and encoding checks.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let meta = fs::metadata(path).map_err(|e| {
        Diagnostic::error("io", format!("cannot read {}: {e}", path.display())).in_file(path)
    })?;
    if meta.is_dir() {
        return Err(Diagnostic::error(
            "io",
            format!("{} is a folder, expected a file", path.display()),
        )
        .in_file(path));
    }
    if !meta.is_file() {
        return Err(Diagnostic::error(
            "io",
            format!(
                "{} is not a regular file (a pipe, socket or device)",
                path.display()
            ),
        )
        .in_file(path)
        .help("personvern reads only regular files; remove it or replace it with a file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            format!(
                "{} is {} MB; personvern reads files of at most {} MB",
                path.display(),
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .in_file(path)
        .help("split the data over several files in content/, or remove what does not belong in a privacy notice"));
    }
    // Read at most one byte more than allowed: the size can change between
    // the check above and the read.
    // Room for the whole file at once (plus the byte that detects growth):
    // growing by doubling would hold up to twice a large file's size.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    let read = fs::File::open(path).and_then(|f| {
        std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes)
    });
    if let Err(e) = read {
        return Err(
            Diagnostic::error("io", format!("cannot read {}: {e}", path.display())).in_file(path),
        );
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            format!(
                "{} is larger than {} MB",
                path.display(),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .in_file(path));
    }
    String::from_utf8(bytes).map_err(|e| {
        let off = e.utf8_error().valid_up_to();
        let good = &e.as_bytes()[..off];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let col = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        Diagnostic::error(
            "not-utf8",
            format!(
                "{} is not valid UTF-8 (line {line}, column {col}, byte offset {off})",
                path.display()
            ),
        )
        .in_file_at(path, line, col)
        .help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)")
    })
}

/// Top-level keys that hold one table.
const SINGLETONS: &[&str] = &[
    "document",
    "controller",
    "privacy_contact",
    "cookie_policy",
    "rights",
    "supervisory_authority",
    "security",
    "children",
    "changes",
    "waivers",
];
/// Top-level keys that hold entities keyed by id.
const COLLECTIONS: &[&str] = &[
    "processor_contexts",
    "data_categories",
    "data_subjects",
    "sources",
    "activities",
    "recipients",
    "transfers",
    "cookies",
    "sections",
];

trait HasOrigin {
    fn set_origin(&mut self, o: Origin);
}

macro_rules! has_origin {
    ($($t:ty),*) => {$(
        impl HasOrigin for $t {
            fn set_origin(&mut self, o: Origin) { self.origin = o; }
        }
    )*};
}
has_origin!(
    ProcessorContext,
    DataCategory,
    DataSubject,
    Source,
    Activity,
    Recipient,
    Transfer,
    Cookie,
    Section,
    Channel
);

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a typo.
/// A shortened word (`effective` for `effective_date`, `dpo` for
/// `dpo_appointed`, `necessary` for `strictly_necessary`) matches the one
/// candidate it begins or ends.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let close = candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c);
    if close.is_some() || word.chars().count() < 3 {
        return close;
    }
    let starts: Vec<&'a str> = candidates
        .iter()
        .copied()
        .filter(|c| {
            (c.starts_with(word) && c[word.len()..].starts_with(['_', '-']))
                || (c.ends_with(word) && c[..c.len() - word.len()].ends_with(['_', '-']))
        })
        .collect();
    match starts.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// The names serde lists after "expected" in an error: every name in
/// backticks (`expected one of `a`, `b``, `expected `a` or `b``).
fn expected_names(msg: &str) -> Vec<&str> {
    let Some((_, rest)) = msg.split_once("expected ") else {
        return Vec::new();
    };
    rest.split('`')
        .skip(1)
        .step_by(2)
        .filter(|x| !x.is_empty())
        .collect()
}

/// The key a value belongs to: the bare key before the last `=` ahead of
/// byte `at` (`party` for the `1` of `party = 1`; `kind` inside
/// `{ kind = 1 }`).
fn key_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at.min(text.len()))?;
    let eq = before.rfind('=')?;
    let key = before[..eq].trim_end();
    let start = key
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    let key = &key[start..];
    (!key.is_empty()).then_some(key)
}

/// A duration written in words (`1 year`, `13 måneder`, `30 days`) in
/// ISO 8601 (`P1Y`, `P13M`, `P30D`).
fn plain_duration(s: &str) -> Option<String> {
    let s = s.trim().to_lowercase();
    let (n, unit) = s.split_once(char::is_whitespace)?;
    let n: u32 = n.trim().parse().ok()?;
    let unit = unit.trim().trim_end_matches('.');
    let iso = match unit {
        "year" | "years" | "år" | "yr" | "yrs" => format!("P{n}Y"),
        "month" | "months" | "måned" | "måneder" | "mnd" | "mo" => format!("P{n}M"),
        "week" | "weeks" | "uke" | "uker" => format!("P{n}W"),
        "day" | "days" | "dag" | "dager" | "døgn" => format!("P{n}D"),
        "hour" | "hours" | "time" | "timer" | "h" => format!("PT{n}H"),
        "minute" | "minutes" | "minutt" | "minutter" | "min" => format!("PT{n}M"),
        _ => return None,
    };
    Some(iso)
}

/// `"a", "b"`: values as they are written in TOML.
fn quoted_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Turns a toml/serde error into a diagnostic with a hint. `text` is the
/// file's text, to name the key of a value the error points at.
fn de_error(
    file: FileId,
    text: &str,
    e: &toml::de::Error,
    fallback: Range<usize>,
    what: &str,
) -> Diagnostic {
    let msg = e.message().trim().to_string();
    let span = e.span().unwrap_or(fallback);
    let mut d = Diagnostic::error("invalid-value", format!("{what}: {msg}")).at(file, span.clone());
    let key = key_before(text, span.start);
    let field = key.and_then(|k| schema::field_schema(what, k));
    let written = text.get(span.clone()).unwrap_or("").trim();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        d.code = "unknown-key".into();
        let field = rest.split('`').next().unwrap_or("");
        let expected = expected_names(rest);
        d.message = format!("{what}: unknown key `{field}`");
        let top_level = SINGLETONS.iter().chain(COLLECTIONS).any(|k| *k == field);
        d = match suggest(field, expected.iter().copied()) {
            _ if top_level => d.help(format!(
                "`{field}` belongs at the top level, but TOML puts every key after a [table] header into that table; move `{field} = …` above the first [header] of the file"
            )),
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!("known keys here: {}", expected.join(", "))),
        };
    } else if let Some(rest) = msg.strip_prefix("missing field `") {
        d.code = "missing-key".into();
        let field = rest.split('`').next().unwrap_or("");
        d.message = format!("{what}: missing required key `{field}`");
        d = d.help(format!(
            "add `{field} = …` to this table (see \"Data reference\" in the README)"
        ));
    } else if msg.starts_with("unknown variant") {
        d.code = "invalid-value".into();
        let given = msg.split('`').nth(1).unwrap_or("");
        // In a list (`legal_basis = ["consnet"]`) the error covers the
        // list: point at the bad item.
        let quoted = format!("\"{given}\"");
        if let Some(i) = written.find(&quoted).filter(|_| written.starts_with('[')) {
            let lead = text
                .get(span.clone())
                .map_or(0, |t| t.len() - t.trim_start().len());
            let start = span.start + lead + i;
            d = d.at(file, start..start + quoted.len());
        }
        let expected = expected_names(&msg);
        let list = expected
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let name = key.map(|k| format!("`{k}`")).unwrap_or("this key".into());
        d.message = format!("{what}: `{given}` is not a valid {name}; allowed: {list}");
        d = match suggest(given, expected.iter().copied()) {
            Some(s) => d.help(format!("did you mean \"{s}\"?")),
            None => d.help(format!("use one of: {list}")),
        };
    } else if msg.contains("is not an ISO 8601 duration") {
        let given = msg.split('`').nth(1).unwrap_or("");
        d.message = format!("{what}: `{given}` is not a duration personvern can read");
        d = d.help(match plain_duration(given) {
            Some(iso) => format!("write durations in ISO 8601: \"{iso}\""),
            None => "write durations in ISO 8601: \"P13M\" (13 months), \"P2Y\" (2 years), \"P30D\" (30 days), \"PT30M\" (30 minutes)".to_string(),
        });
    } else if msg.contains("is not a date") || msg.contains("does not exist in `") {
        let k = key.unwrap_or("date");
        d.code = "invalid-date".into();
        d = d.help(format!(
            "write dates as year-month-day, without quotes: {k} = 2026-01-31"
        ));
    } else if let (Some(k), Some(values)) = (
        key,
        field.map(schema::allowed_values).filter(|v| !v.is_empty()),
    ) {
        // A number or table where a word from a fixed list belongs
        // (`party = 1`): the parser says "wanted string or table".
        d.code = "invalid-value".into();
        d.message = format!(
            "{what}: `{k}` must be one of {}, not {written}",
            quoted_list(&values)
        );
        d = d.help(format!(
            "write one of them in quotes, e.g. {k} = \"{}\"",
            values[0]
        ));
    } else if msg.starts_with("invalid type") {
        d.code = "wrong-type".into();
        let k = key.unwrap_or("the key");
        if msg.contains("expected a sequence") {
            d.message = format!("{what}: `{k}` takes a list, even of one item");
            d = d.help(format!("write a list: {k} = [{written}]"));
        } else if msg.contains("expected a string") || msg.contains("expected string") {
            let bare = written.trim_matches('"');
            d.message = format!("{what}: `{k}` takes text in quotes, not {written}");
            d = d.help(format!("put it in quotes: {k} = \"{bare}\""));
        } else if msg.contains("expected a boolean") {
            d.message = format!("{what}: `{k}` is true or false, not {written}");
            if msg.contains("not_stated") {
                d = d.help(format!("write {k} = true or {k} = false, without quotes, or {k} = \"not_stated\" if the notice does not say"));
            } else {
                d = d.help(format!("write {k} = true or {k} = false, without quotes"));
            }
        } else if msg.contains("expected struct") || msg.contains("expected a map") {
            let mut keys = field.map(schema::required_keys).unwrap_or_default();
            if keys.is_empty() {
                keys = field.map(schema::property_names).unwrap_or_default();
                keys.truncate(2);
            }
            let inner = if keys.is_empty() {
                "…".to_string()
            } else {
                keys.iter()
                    .map(|x| format!("{x} = …"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            d.message = format!("{what}: `{k}` takes a table, not {written}");
            d = d.help(format!("write it as a table: {k} = {{ {inner} }}"));
        } else {
            d = d.help("check the value's type: text in quotes, numbers without, lists in [ ], localized text as { nb = \"…\", en = \"…\" }");
        }
    }
    d
}

struct Loader {
    sources: SourceMap,
    diags: Diagnostics,
    /// Tables and entities (`document`, `activities.orders`) that had an
    /// error: known by their id, so that what refers to them is not
    /// reported again (see [`Policy::broken`]).
    broken: std::collections::BTreeSet<String>,
}

impl Loader {
    fn deser<T: DeserializeOwned>(
        &mut self,
        file: FileId,
        val: Spanned<DeValue<'_>>,
        what: &str,
    ) -> Option<T> {
        let span = val.span();
        match T::deserialize(ValueDeserializer::from(val)) {
            Ok(t) => Some(t),
            Err(e) => {
                let text = self.sources.get(file).map_or("", |f| f.text.as_str());
                let d = de_error(file, text, &e, span, what);
                self.diags.push(d);
                None
            }
        }
    }

    fn table_entries<'i>(
        &mut self,
        file: FileId,
        key: &str,
        val: Spanned<DeValue<'i>>,
    ) -> Vec<(Spanned<String>, Spanned<DeValue<'i>>)> {
        let span = val.span();
        match val.into_inner() {
            DeValue::Table(t) => {
                let mut entries: Vec<_> = t
                    .into_iter()
                    .map(|(k, v)| {
                        let ks = k.span();
                        (Spanned::new(ks, k.into_inner().to_string()), v)
                    })
                    .collect();
                entries.sort_by_key(|(k, _)| k.span().start);
                entries
            }
            other => {
                self.diags.push(
                    Diagnostic::error(
                        "wrong-type",
                        format!(
                            "`{key}` must be a table of entries keyed by id, found {}",
                            other.type_str()
                        ),
                    )
                    .at(file, span)
                    .help(format!(
                        "write each entry as [{key}.<id>] followed by its keys"
                    )),
                );
                Vec::new()
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn entities<T: DeserializeOwned + HasOrigin>(
        &mut self,
        file: FileId,
        section: &str,
        val: Spanned<DeValue<'_>>,
        into: &mut Entities<T>,
        seen: &mut HashMap<String, (FileId, Range<usize>)>,
    ) {
        for (id, v) in self.table_entries(file, section, val) {
            let id_span = id.span();
            let id = id.into_inner();
            if !is_safe_id(&id) {
                self.diags.push(
                    Diagnostic::error(
                        "invalid-id",
                        format!("`{id}` is not a valid id for [{section}.…]"),
                    )
                    .at(file, id_span.clone())
                    .help("ids use lowercase letters a–z, digits, `-` and `_`, and start with a letter or digit (e.g. `google-analytics`)"),
                );
                continue;
            }
            let key = format!("{section}.{id}");
            if let Some((pf, ps)) = seen.get(&key) {
                let prev = self
                    .sources
                    .get(*pf)
                    .map(|f| {
                        let (l, c) = crate::diagnostics::line_col(&f.text, ps.start);
                        format!("{}:{l}:{c}", crate::diagnostics::display_path(&f.path))
                    })
                    .unwrap_or_default();
                self.diags.push(
                    Diagnostic::error("duplicate-id", format!("[{key}] is declared twice"))
                        .at(file, id_span)
                        .help(format!(
                            "it is first declared at {prev}; ids must be unique"
                        )),
                );
                continue;
            }
            seen.insert(key.clone(), (file, id_span.clone()));
            match self.deser::<T>(file, v, &format!("[{key}]")) {
                Some(mut t) => {
                    t.set_origin(Origin {
                        file,
                        span: id_span,
                    });
                    into.push(id, t);
                }
                None => {
                    self.broken.insert(key);
                }
            }
        }
    }
}

/// Where a singleton table was first declared, per key.
type Seen = HashMap<String, (FileId, Range<usize>)>;

fn load_data_file(
    ld: &mut Loader,
    file: FileId,
    root: DeTable<'_>,
    policy: &mut Policy,
    seen: &mut Seen,
    skip: &[&str],
) {
    let mut entries: Vec<_> = root.into_iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (k, v) in entries {
        let key_span = k.span();
        let key = k.into_inner().to_string();
        if skip.contains(&key.as_str()) {
            continue;
        }
        if SINGLETONS.contains(&key.as_str()) {
            if let Some((pf, _)) = seen.get(&key) {
                let prev = ld
                    .sources
                    .get(*pf)
                    .map(|f| crate::diagnostics::display_path(&f.path))
                    .unwrap_or_default();
                ld.diags.push(
                    Diagnostic::error(
                        "duplicate-table",
                        format!("[{key}] is declared in more than one file"),
                    )
                    .at(file, key_span)
                    .help(format!("keep one [{key}] table; the other is in {prev}")),
                );
                continue;
            }
            seen.insert(key.clone(), (file, key_span.clone()));
            policy.table_files.insert(key.clone(), file);
            policy.table_spans.insert(key.clone(), key_span.clone());
        }
        let what = format!("[{key}]");
        match key.as_str() {
            "document" => match ld.deser(file, v, &what) {
                Some(d) => policy.document = d,
                None => {
                    ld.broken.insert(key.clone());
                }
            },
            "controller" => match ld.deser(file, v, &what) {
                Some(d) => policy.controller = d,
                None => {
                    ld.broken.insert(key.clone());
                }
            },
            "privacy_contact" => match ld.deser(file, v, &what) {
                Some(d) => policy.privacy_contact = d,
                None => {
                    ld.broken.insert(key.clone());
                }
            },
            "cookie_policy" => match ld.deser(file, v, &what) {
                Some(d) => policy.cookie_policy = d,
                None => {
                    ld.broken.insert(key.clone());
                }
            },
            "security" => {
                policy.security = ld.deser(file, v, &what);
                if policy.security.is_none() {
                    ld.broken.insert(key.clone());
                }
            }
            "children" => {
                policy.children = ld.deser(file, v, &what);
                if policy.children.is_none() {
                    ld.broken.insert(key.clone());
                }
            }
            "changes" => {
                policy.changes = ld.deser(file, v, &what);
                if policy.changes.is_none() {
                    ld.broken.insert(key.clone());
                }
            }
            "waivers" => match ld.deser(file, v, &what) {
                Some(w) => policy.waivers = w,
                None => {
                    ld.broken.insert(key.clone());
                }
            },
            "supervisory_authority" => {
                // A registry id, or a table with the id, whether it is the
                // lead authority, and the other authorities the notice names.
                if matches!(v.get_ref(), DeValue::Table(_)) {
                    match ld.deser::<crate::model::AuthorityTable>(file, v, &what) {
                        Some(t) => {
                            let sa = &mut policy.supervisory_authority;
                            sa.id = t.id;
                            sa.lead = t.lead;
                            sa.others = t
                                .others
                                .into_iter()
                                .map(|id| crate::model::OtherAuthority {
                                    id,
                                    authority: None,
                                })
                                .collect();
                        }
                        None => {
                            ld.broken.insert(key.clone());
                        }
                    }
                } else if let Some(s) = ld.deser::<Spanned<String>>(file, v, &what) {
                    policy.supervisory_authority.id = s;
                }
            }
            "rights" => {
                let span = v.span();
                match v.into_inner() {
                    DeValue::Table(mut t) => {
                        let channels = t
                            .keys()
                            .find(|k| k.get_ref() == "channels")
                            .cloned()
                            .and_then(|k| t.remove(&k));
                        if let Some(raw) = ld.deser::<RightsRaw>(
                            file,
                            Spanned::new(span, DeValue::Table(t)),
                            &what,
                        ) {
                            policy.rights.response_time = raw.response_time;
                            policy.rights.identity_verification = raw.identity_verification;
                            policy.rights.note = raw.note;
                            policy.rights.limits = raw.limits;
                        } else {
                            ld.broken.insert(key.clone());
                        }
                        if let Some(ch) = channels {
                            let mut seen_ch = HashMap::new();
                            let mut out = Entities::default();
                            ld.entities(file, "rights.channels", ch, &mut out, &mut seen_ch);
                            policy.rights.channels = out;
                        }
                    }
                    other => ld.diags.push(
                        Diagnostic::error(
                            "wrong-type",
                            format!("[rights] must be a table, found {}", other.type_str()),
                        )
                        .at(file, span),
                    ),
                }
            }
            "processor_contexts" => {
                ld.entities(file, &key, v, &mut policy.processor_contexts, seen)
            }
            "data_categories" => ld.entities(file, &key, v, &mut policy.data_categories, seen),
            "data_subjects" => ld.entities(file, &key, v, &mut policy.data_subjects, seen),
            "sources" => ld.entities(file, &key, v, &mut policy.sources, seen),
            "activities" => ld.entities(file, &key, v, &mut policy.activities, seen),
            "recipients" => ld.entities(file, &key, v, &mut policy.recipients, seen),
            "transfers" => ld.entities(file, &key, v, &mut policy.transfers, seen),
            "cookies" => ld.entities(file, &key, v, &mut policy.cookies, seen),
            "sections" => ld.entities(file, &key, v, &mut policy.sections, seen),
            _ => {
                let mut known: Vec<&str> = SINGLETONS.iter().chain(COLLECTIONS).copied().collect();
                known.extend(skip.iter().copied());
                let mut d =
                    Diagnostic::error("unknown-key", format!("unknown top-level table `{key}`"))
                        .at(file, key_span);
                let meant = suggest(&key, known.iter().copied());
                d = match meant {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help(format!("known tables: {}", known.join(", "))),
                };
                ld.diags.push(d);
                // `[recipient.analytics]` meant `[recipients.analytics]`:
                // what refers to it is not reported as undeclared as well.
                match (meant, v.into_inner()) {
                    (Some(m), DeValue::Table(t)) if COLLECTIONS.contains(&m) => {
                        for id in t.keys() {
                            ld.broken.insert(format!("{m}.{}", id.get_ref()));
                        }
                    }
                    (Some(m), _) => {
                        ld.broken.insert(m.to_string());
                    }
                    _ => {}
                }
            }
        }
    }
    for (_, a) in policy.activities.iter_mut() {
        a.fill_legal_basis();
    }
    // An activity with neither `legal_basis` nor `bases` is reported as the
    // missing key it is and left out, as a table that does not deserialize
    // is: nothing that follows from it is reported too.
    let text = ld
        .sources
        .get(file)
        .map(|f| f.text.clone())
        .unwrap_or_default();
    let mut missing = Vec::new();
    for (id, a) in policy.activities.iter() {
        if a.origin.file == file
            && a.legal_basis.get_ref().0.is_empty()
            && a.legal_basis.span().is_empty()
            && a.bases.is_empty()
        {
            let at = a.origin.span.clone();
            let start = text
                .get(..at.start)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |i| i + 1);
            missing.push((id.clone(), start.min(at.start)..at.end));
        }
    }
    for (id, span) in missing {
        ld.diags.push(
            Diagnostic::error("missing-key", format!("[activities.{id}]: missing required key `legal_basis`"))
                .at(file, span)
                .help("add `legal_basis = …` to this table, or `bases = [{ purposes = [1], basis = \"contract\" }, …]` for a basis per purpose (see \"Data reference\" in the README)"),
        );
        ld.broken.insert(format!("activities.{id}"));
        policy.activities.retain(|k, _| *k != id);
    }
}

/// TOML syntax errors shown per file; a file of random bytes has thousands.
pub const MAX_SYNTAX_ERRORS: usize = 20;

fn parse_file<'a>(ld: &mut Loader, file: FileId, text: &'a str) -> Option<DeTable<'a>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(table.into_inner());
    }
    let mut date_lines = std::collections::BTreeSet::new();
    let mut dup_header: Option<usize> = None;
    let total = errors.len();
    for (n, e) in errors.into_iter().enumerate() {
        if n == MAX_SYNTAX_ERRORS {
            ld.diags.push(
                Diagnostic::error(
                    "toml-syntax",
                    format!(
                        "{} more TOML syntax errors in this file are not shown",
                        total - n
                    ),
                )
                .at(file, text.len()..text.len())
                .help("fix the errors above first; the rest often follow from them"),
            );
            break;
        }
        let span = e.span().unwrap_or(0..0);
        // A date written the Norwegian way (01.12.2026) is one mistake,
        // though TOML sees a number with a leading zero and a bad float.
        let line_start = text[..span.start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if let Some((value, iso)) = dotted_date(&text[line_start..line_end]) {
            if date_lines.insert(line_start) {
                let at = line_start + text[line_start..line_end].find(value).unwrap_or(0);
                ld.diags.push(
                    Diagnostic::error(
                        "invalid-date",
                        format!("`{value}` is not a date TOML can read"),
                    )
                    .at(file, at..at + value.len())
                    .help(format!("write dates as year-month-day: {iso}")),
                );
            }
            continue;
        }
        let message = e.message().trim();
        let line = &text[line_start..line_end];
        if message.starts_with("invalid date") || message.starts_with("invalid time") {
            let value = line
                .split_once('=')
                .map_or(line, |(_, v)| v)
                .split('#')
                .next()
                .unwrap_or("")
                .trim();
            let why = message
                .trim_start_matches("invalid date")
                .trim_start_matches("invalid time")
                .trim_start_matches([',', ' '])
                .replace("expected ", "");
            // "month between 01 and 12" -> "the month must be between 01 and 12"
            let why = match why.split_once(" between ") {
                Some((what, range)) if !what.contains(' ') => {
                    format!("the {what} must be between {range}")
                }
                _ => why,
            };
            ld.diags.push(
                Diagnostic::error("invalid-date", format!("`{value}` is not a date: {why}"))
                    .at(file, span)
                    .help("write a date that exists, as year-month-day: 2026-01-31"),
            );
            continue;
        }
        if message == "duplicate key" {
            let header = line.trim_start().starts_with('[');
            // The keys of a table declared twice are each "duplicate" too:
            // one error, at the second header.
            if let Some(h) = dup_header {
                if !header && !text[h..line_start].contains("\n[") {
                    continue;
                }
            }
            if header {
                dup_header = Some(line_start);
                let name = line.trim().trim_matches(['[', ']']).trim().to_string();
                let first = text
                    .lines()
                    .position(|l| l.trim().trim_matches(['[', ']']).trim() == name)
                    .map_or(0, |i| i + 1);
                ld.diags.push(
                    Diagnostic::error("duplicate-id", format!("[{name}] is declared twice in this file"))
                        .at(file, span)
                        .help(format!("it is first declared on line {first}; give one of them another id, or merge them")),
                );
            } else {
                let key = text.get(span.clone()).unwrap_or("").trim();
                ld.diags.push(
                    Diagnostic::error(
                        "duplicate-key",
                        format!("`{key}` is set twice in the same table"),
                    )
                    .at(file, span)
                    .help(format!("keep one `{key} = …`")),
                );
            }
            continue;
        }
        let help = if message.starts_with("string values must be quoted") {
            let key = key_before(text, span.start).unwrap_or("key");
            let value = text.get(span.clone()).unwrap_or("…").trim();
            format!("put text in quotes: {key} = \"{value}\"")
        } else {
            "see https://toml.io for the syntax; strings need quotes, tables are written [name]"
                .to_string()
        };
        ld.diags.push(
            Diagnostic::error("toml-syntax", format!("TOML syntax error: {message}"))
                .at(file, span)
                .help(help),
        );
        // The parser's recovery after a syntax error mostly finds errors
        // that only follow from it: the first one is the mistake.
        break;
    }
    None
}

/// The value of a `key = value` line if it is a date written with dots or
/// slashes (`01.12.2026`, `1/12/2026`), and the same date as YYYY-MM-DD.
fn dotted_date(line: &str) -> Option<(&str, String)> {
    let value = line.split_once('=')?.1.trim();
    let value = value.split('#').next()?.trim();
    let parts: Vec<&str> = value.split(['.', '/']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4)) {
        return None;
    }
    Some((value, format!("{y}-{m:0>2}-{d:0>2}")))
}

/// Collects `*.toml` files under `dir`, sorted by path.
/// A warning if the file at `path` is (through a symbolic link) really a
/// file outside every folder of `allowed` (the site folder; for a theme,
/// also the theme's own folder): such a file is never read or copied, so a
/// link such as `static/env -> /proc/self/environ` cannot publish it.
pub fn outside_allowed(path: &Path, allowed: &[&Path]) -> Option<Diagnostic> {
    let target = fs::canonicalize(path).ok()?;
    let inside = allowed.iter().any(|a| {
        fs::canonicalize(a)
            .map(|a| target.starts_with(a))
            .unwrap_or(false)
    });
    if inside {
        return None;
    }
    Some(
        Diagnostic::warning(
            "symlink-outside-site",
            format!(
                "{} is a link to {}, outside the site folder; it was skipped",
                path.display(),
                target.display()
            ),
        )
        .in_file(path)
        .help("copy the file into the site instead of linking to it"),
    )
}

/// Folders below `content/` are read this many levels deep.
pub const MAX_CONTENT_DEPTH: usize = 4;

/// Collects `*.toml` files under `dir`, sorted by path. A folder that cannot
/// be listed is an error (its files would be missing from the notice), as
/// is one nested deeper than [`MAX_CONTENT_DEPTH`].
fn toml_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize, diags: &mut Diagnostics) {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            diags.push(
                Diagnostic::error("io", format!("cannot read {}/: {e}", dir.display()))
                    .in_file(dir)
                    .help(
                        "make the folder readable (and listable) by the user that builds the site",
                    ),
            );
            return;
        }
    };
    let mut entries = Vec::new();
    for e in rd {
        match e {
            Ok(e) => entries.push(e.path()),
            Err(e) => diags.push(
                Diagnostic::error("io", format!("cannot read {}/: {e}", dir.display()))
                    .in_file(dir)
                    .help("make the folder readable by the user that builds the site"),
            ),
        }
    }
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            if depth < MAX_CONTENT_DEPTH {
                toml_files(&p, out, depth + 1, diags);
            } else {
                diags.push(
                    Diagnostic::error(
                        "io",
                        format!(
                            "{} is nested more than {MAX_CONTENT_DEPTH} folders deep in content/; it is not read",
                            p.display()
                        ),
                    )
                    .in_file(&p)
                    .help("move its files into a folder nearer to content/"),
                );
            }
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

/// Most data files read from `content/`.
pub const MAX_CONTENT_FILES: usize = 1_000;

/// Most bytes read from `content/` in all.
pub const MAX_CONTENT_BYTES: u64 = 64 * 1024 * 1024;

/// Most entities (activities, recipients, cookies, ...) in the data, all
/// collections together.
pub const MAX_ENTITIES: usize = 20_000;

/// An error if `files` (in `content/`) are more than [`MAX_CONTENT_FILES`]
/// or hold more than [`MAX_CONTENT_BYTES`].
fn input_too_large(content: &Path, files: &[PathBuf]) -> Option<Diagnostic> {
    if files.len() > MAX_CONTENT_FILES {
        return Some(
            Diagnostic::error(
                "input-too-large",
                format!(
                    "{} holds {} data files; personvern reads at most {MAX_CONTENT_FILES}",
                    content.display(),
                    files.len()
                ),
            )
            .in_file(content)
            .help("put related entities in the same file; a notice needs far fewer files"),
        );
    }
    let bytes: u64 = files
        .iter()
        .filter_map(|f| fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    (bytes > MAX_CONTENT_BYTES).then(|| {
        Diagnostic::error(
            "input-too-large",
            format!(
                "the data files in {} are {} MB together; personvern reads at most {} MB",
                content.display(),
                bytes / (1024 * 1024),
                MAX_CONTENT_BYTES / (1024 * 1024)
            ),
        )
        .in_file(content)
        .help("remove what does not belong in a privacy notice (long texts, generated lists)")
    })
}

/// Loads a site folder. Never panics on bad input; every problem becomes a diagnostic.
pub fn load(root: &Path) -> Loaded {
    load_with(root, None)
}

/// [`load`], taking release metadata from `trusted` for snapshots found
/// there instead of parsing them (see [`crate::load::snapshots::Trusted`]).
pub fn load_with(root: &Path, trusted: Option<&crate::load::snapshots::Trusted>) -> Loaded {
    let mut ld = Loader {
        sources: SourceMap::default(),
        diags: Diagnostics::default(),
        broken: Default::default(),
    };
    let fail = |ld: Loader| Loaded {
        site: None,
        sources: ld.sources,
        diagnostics: ld.diags,
    };
    let config_path = root.join(CONFIG_FILE);
    if !config_path.exists() {
        let help = if root.exists() {
            format!(
                "run `personvern init {}` to create a site, or pass the folder that holds {CONFIG_FILE}",
                root.display()
            )
        } else {
            format!("the folder {} does not exist", root.display())
        };
        ld.diags.push(
            Diagnostic::error("no-site", format!("no {CONFIG_FILE} in {}", root.display()))
                .in_file(&config_path)
                .help(help),
        );
        return fail(ld);
    }
    let text = match read_text(&config_path) {
        Ok(t) => t,
        Err(d) => {
            ld.diags.push(d);
            return fail(ld);
        }
    };
    let config_file = ld.sources.add(config_path.clone(), text.clone());
    if text.trim().is_empty() {
        ld.diags.push(
            Diagnostic::error("empty-file", format!("{} is empty", config_path.display()))
                .in_file(&config_path)
                .help("it needs at least a [site] table with base_url; `personvern init` writes a complete example"),
        );
        return fail(ld);
    }
    let Some(mut root_table) = parse_file(&mut ld, config_file, &text) else {
        return fail(ld);
    };
    let site_key = root_table.keys().find(|k| k.get_ref() == "site").cloned();
    let Some(site_val) = site_key.and_then(|k| root_table.remove(&k)) else {
        ld.diags.push(
            Diagnostic::error(
                "missing-key",
                format!("{} has no [site] table", config_path.display()),
            )
            .at(config_file, 0..0)
            .help("add [site] with base_url = \"https://…\" and languages = [\"nb\", \"en\"]"),
        );
        return fail(ld);
    };
    let Some(config) = ld.deser::<SiteConfig>(config_file, site_val, "[site]") else {
        return fail(ld);
    };
    let scan_key = root_table.keys().find(|k| k.get_ref() == "scan").cloned();
    let scan = match scan_key.and_then(|k| root_table.remove(&k)) {
        Some(v) => match ld.deser::<ScanConfig>(config_file, v, "[scan]") {
            Some(s) => s,
            None => return fail(ld),
        },
        None => ScanConfig::default(),
    };

    // Languages.
    let mut languages = Vec::new();
    for l in &config.languages {
        match canonical_lang(l.get_ref()) {
            Some(c) => {
                if c != *l.get_ref() {
                    ld.diags.push(
                        Diagnostic::warning(
                            "non-canonical-language",
                            format!("language `{}` is written `{c}` in output", l.get_ref()),
                        )
                        .at(config_file, l.span())
                        .help(format!("write \"{c}\"")),
                    );
                }
                if languages.contains(&c) {
                    ld.diags.push(
                        Diagnostic::error(
                            "duplicate-language",
                            format!("language `{c}` is listed twice"),
                        )
                        .at(config_file, l.span()),
                    );
                } else {
                    languages.push(c);
                }
            }
            None => ld.diags.push(
                Diagnostic::error(
                    "invalid-language",
                    format!("`{}` is not a language tag", l.get_ref()),
                )
                .at(config_file, l.span())
                .help("use a BCP 47 tag such as \"nb\", \"nn\", \"en\" or \"sv\""),
            ),
        }
    }
    if languages.is_empty() {
        ld.diags.push(
            Diagnostic::error("invalid-language", "the site has no languages")
                .at(config_file, 0..0)
                .help("set languages = [\"nb\", \"en\"] in [site]"),
        );
        return fail(ld);
    }
    let default_language = match &config.default_language {
        Some(d) => match canonical_lang(d.get_ref()) {
            Some(c) if languages.contains(&c) => c,
            _ => {
                ld.diags.push(
                    Diagnostic::error(
                        "invalid-language",
                        format!(
                            "default_language `{}` is not one of the site's languages",
                            d.get_ref()
                        ),
                    )
                    .at(config_file, d.span())
                    .help(format!("use one of: {}", languages.join(", "))),
                );
                languages[0].clone()
            }
        },
        None => languages[0].clone(),
    };
    languages.retain(|l| *l != default_language);
    languages.insert(0, default_language.clone());

    // Policy data: personvern.toml (minus [site]), then content/**/*.toml.
    let mut policy = Policy::default();
    let mut seen: Seen = HashMap::new();
    load_data_file(
        &mut ld,
        config_file,
        root_table,
        &mut policy,
        &mut seen,
        &["site"],
    );
    let mut files = Vec::new();
    let content = root.join("content");
    if fs::symlink_metadata(&content).is_ok() {
        toml_files(&content, &mut files, 0, &mut ld.diags);
    }
    if ld.diags.items.iter().any(|d| d.code == "io") {
        // The notice would be incomplete, and every table in the files not
        // read would be reported missing: stop at the cause.
        return fail(ld);
    }
    if let Some(d) = input_too_large(&content, &files) {
        ld.diags.push(d);
        return fail(ld);
    }
    for path in files {
        if let Some(d) = outside_allowed(&path, &[root]) {
            ld.diags.push(d);
            continue;
        }
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(d) => {
                ld.diags.push(d);
                continue;
            }
        };
        let fid = ld.sources.add(path.clone(), text);
        let text = ld
            .sources
            .get(fid)
            .map(|f| f.text.clone())
            .unwrap_or_default();
        if text.trim().is_empty() {
            ld.diags.push(
                Diagnostic::warning("empty-file", format!("{} is empty", path.display()))
                    .in_file(&path)
                    .help("remove the file or add data to it"),
            );
            continue;
        }
        match parse_file(&mut ld, fid, &text) {
            Some(t) => load_data_file(&mut ld, fid, t, &mut policy, &mut seen, &[]),
            None => policy.unparsed.push(fid),
        }
    }
    policy.broken = std::mem::take(&mut ld.broken);
    let entities = policy.processor_contexts.len()
        + policy.data_categories.len()
        + policy.data_subjects.len()
        + policy.sources.len()
        + policy.activities.len()
        + policy.recipients.len()
        + policy.transfers.len()
        + policy.cookies.len()
        + policy.sections.len();
    if entities > MAX_ENTITIES {
        ld.diags.push(
            Diagnostic::error(
                "input-too-large",
                format!(
                    "the data declares {entities} entities (activities, recipients, cookies, ...); \
                     personvern handles at most {MAX_ENTITIES}"
                ),
            )
            .in_file(&content)
            .help("a cookie with a pattern name (such as _ga_*) covers many; list each kind once"),
        );
        return fail(ld);
    }

    // Reference data: built-in registry plus the site's own authorities.toml.
    let mut authorities = match reference::builtin_authorities() {
        Ok(a) => a,
        Err(e) => {
            ld.diags.push(Diagnostic::error("internal", e));
            BTreeMap::new()
        }
    };
    let extra = root.join("authorities.toml");
    if extra.exists() {
        match read_text(&extra) {
            Ok(text) => {
                let fid = ld.sources.add(extra.clone(), text.clone());
                match toml::from_str::<BTreeMap<String, Authority>>(&text) {
                    Ok(m) => authorities.extend(m),
                    Err(e) => ld
                        .diags
                        .push(de_error(fid, &text, &e, 0..0, "authorities.toml")),
                }
            }
            Err(d) => ld.diags.push(d),
        }
    }
    let regions = match reference::regions() {
        Ok(r) => r,
        Err(e) => {
            ld.diags.push(Diagnostic::error("internal", e));
            return fail(ld);
        }
    };
    policy.supervisory_authority.resolve(&authorities);

    let mut site = Site {
        root: root.to_path_buf(),
        config,
        scan,
        languages,
        default_language,
        policy,
        sources: SourceMap::default(),
        authorities,
        regions,
        country_codes: reference::country_codes(),
        config_file,
        history: Vec::new(),
    };
    let (history, hd) = crate::load::snapshots::load_history(root, &site, &mut ld.sources, trusted);
    ld.diags.extend(hd);
    site.history = history;
    site.sources = ld.sources.clone();
    Loaded {
        site: Some(site),
        sources: ld.sources,
        diagnostics: ld.diags,
    }
}

/// Loads a release snapshot: its `[release]` table and the policy data,
/// with the same rules as live data files. References are resolved against
/// the site's authority registry.
pub fn load_snapshot(
    path: &Path,
    text: &str,
    sources: &mut SourceMap,
    site: &Site,
) -> (
    Option<Policy>,
    Option<crate::history::ReleaseMeta>,
    Diagnostics,
) {
    let fid = sources.add(path.to_path_buf(), text.to_string());
    parse_snapshot(fid, path, text, &site.authorities)
}

/// [`load_snapshot`] for a file already registered as `fid`: needs no
/// mutable state, so `history` parses the snapshots in parallel.
pub fn parse_snapshot(
    fid: FileId,
    path: &Path,
    text: &str,
    authorities: &BTreeMap<String, crate::model::Authority>,
) -> (
    Option<Policy>,
    Option<crate::history::ReleaseMeta>,
    Diagnostics,
) {
    let mut ld = Loader {
        sources: SourceMap::default(),
        diags: Diagnostics::default(),
        broken: Default::default(),
    };
    let mut out = (None, None);
    if let Some(mut t) = parse_file(&mut ld, fid, text) {
        let key = t.keys().find(|k| k.get_ref() == "release").cloned();
        match key.and_then(|k| t.remove(&k)) {
            Some(v) => out.1 = ld.deser::<crate::history::ReleaseMeta>(fid, v, "[release]"),
            None => ld.diags.push(
                Diagnostic::error("missing-key", format!("{} has no [release] table", path.display()))
                    .at(fid, 0..0)
                    .help("snapshots are written by `personvern release`; do not put other files in history/"),
            ),
        }
        let mut policy = Policy::default();
        let mut seen: Seen = HashMap::new();
        load_data_file(&mut ld, fid, t, &mut policy, &mut seen, &["release"]);
        policy.supervisory_authority.resolve(authorities);
        policy.broken = std::mem::take(&mut ld.broken);
        // The archived page is rendered from the snapshot: a reference to
        // an id it does not declare would reach the templates.
        for d in crate::check::validate::references(&policy).items {
            ld.diags.push(d.note(
                "this is a release snapshot, written by `personvern release`: restore it from \
                 version control, or declare the entity in it",
            ));
        }
        // A release cannot have been reviewed after it was published: not
        // the notice ([document]), not its cookie list ([cookie_policy]).
        let reviews = [
            ("[document]", policy.document.last_reviewed),
            ("[cookie_policy]", policy.cookie_policy.last_reviewed),
        ];
        for (table, reviewed) in reviews {
            let (Some(meta), Some(reviewed)) = (&out.1, reviewed) else {
                continue;
            };
            if reviewed > meta.published {
                let at = text
                    .find(&format!("{table}\n"))
                    .and_then(|t| text[t..].find("\nlast_reviewed").map(|i| t + i + 1))
                    .map_or(0..0, |i| i..i + "last_reviewed".len());
                ld.diags.push(
                    Diagnostic::error(
                        "invalid-date",
                        format!(
                            "the snapshot of version {} says {table} was last reviewed {reviewed}, after the release was published ({})",
                            meta.version, meta.published
                        ),
                    )
                    .at(fid, at)
                    .help("restore the snapshot from version control: `personvern release` writes last_reviewed no later than the publication date"),
                );
            }
        }
        out.0 = Some(policy);
    }
    (out.0, out.1, ld.diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest("purpos", ["name", "purposes"]), Some("purposes"));
        assert_eq!(suggest("zzzzzz", ["name", "purposes"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        // A shortened key: the one candidate it begins or ends.
        assert_eq!(
            suggest("effective", ["version", "effective_date"]),
            Some("effective_date")
        );
        assert_eq!(
            suggest("necessary", ["strictly_necessary", "statistics"]),
            Some("strictly_necessary")
        );
        assert_eq!(
            suggest("effective", ["effective_date", "effective_time"]),
            None,
            "not unique"
        );
    }

    #[test]
    fn names_in_serde_messages() {
        assert_eq!(
            expected_names("unknown variant `x`, expected `first` or `third`"),
            ["first", "third"]
        );
        assert_eq!(
            expected_names("unknown field `x`, expected one of `a`, `b`, `c`"),
            ["a", "b", "c"]
        );
        assert!(expected_names("invalid type").is_empty());
    }

    #[test]
    fn key_of_a_value() {
        let t = "party = 1\naddresses = [{ kind = 2 }]";
        assert_eq!(key_before(t, 8), Some("party"));
        let at = t.find('2').unwrap_or(0);
        assert_eq!(key_before(t, at), Some("kind"));
        assert_eq!(key_before("1", 0), None);
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(plain_duration("1 year").as_deref(), Some("P1Y"));
        assert_eq!(plain_duration("13 måneder").as_deref(), Some("P13M"));
        assert_eq!(plain_duration("30 days").as_deref(), Some("P30D"));
        assert_eq!(plain_duration("2 hours").as_deref(), Some("PT2H"));
        assert_eq!(plain_duration("forever"), None);
    }
}
