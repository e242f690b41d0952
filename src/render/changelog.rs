//! Pages built from the release history: the changelog (newest first, every
//! change as a sentence in each language, material changes marked), an
//! archived copy of every version at a permanent URL, an Atom feed per
//! language, the "upcoming version" banner, and `version.json`.

use fluent_bundle::{FluentArgs, FluentValue};
use serde_json::{json, Value};

use crate::diagnostics::Diagnostics;
use crate::history::diff::{self, Change, ChangeKind, PolicyDiff};
use crate::history::{self, Status};
use crate::i18n::Lang;
use crate::load::snapshots::Release;
use crate::load::Site;
use crate::model::markdown::to_plain;
use crate::render::{escape_html, Output, PageSpec, Renderer};

/// [`fmt`] with a `count` argument as a number (for plural rules).
fn fmt_n(lang: &Lang, id: &str, count: usize, args: &[(&str, String)]) -> String {
    let mut a = FluentArgs::new();
    a.set("count", FluentValue::from(count as f64));
    for (k, v) in args {
        a.set(*k, FluentValue::from(v.clone()));
    }
    lang.msg(id, Some(&a)).unwrap_or_else(|_| id.to_string())
}

fn fmt(lang: &Lang, id: &str, args: &[(&str, String)]) -> String {
    let mut a = FluentArgs::new();
    for (k, v) in args {
        a.set(*k, FluentValue::from(v.clone()));
    }
    lang.msg(id, Some(&a)).unwrap_or_else(|_| id.to_string())
}

/// Folder of the changelog in a language: `nb/personvern/endringer/`.
pub fn changelog_dir(r: &Renderer, site: &Site, lang: &str) -> String {
    let slug = r
        .locales()
        .get(lang)
        .and_then(|l| l.msg("slug-changelog", None).ok())
        .unwrap_or_else(|| "changes".into());
    format!("{}{slug}/", r.page_dir(&site.config, lang, "privacy"))
}

/// Folder of an archived version: `nb/personvern/versjoner/2.0/` (see
/// [`crate::history::version_slug`]).
pub fn archive_dir(r: &Renderer, site: &Site, lang: &str, version: &str) -> String {
    let slug = r
        .locales()
        .get(lang)
        .and_then(|l| l.msg("slug-versions", None).ok())
        .unwrap_or_else(|| "versions".into());
    // The version's safe name (`Ver. 2.1` → `2.1`), never its raw text.
    format!(
        "{}{slug}/{}/",
        r.page_dir(&site.config, lang, "privacy"),
        crate::history::version_path(version)
    )
}

fn text_in(v: &Value, lang: &str) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(o) => o
            .get(lang)
            .or_else(|| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    }
}

fn value_text(lang: &Lang, field: &str, v: &Value) -> Option<String> {
    let one = |x: &Value| -> Option<String> {
        let s = x.as_str()?;
        Some(match field {
            "legal_basis" => lang.msg(&format!("basis-{s}"), None).ok()?,
            "country" | "data_locations" => lang.msg(&format!("country-{s}"), None).ok()?,
            "category" => lang.msg(&format!("cookie-category-{s}"), None).ok()?,
            "mechanism" => lang.msg(&format!("mechanism-{s}"), None).ok()?,
            "kind" => lang.msg(&format!("recipient-kind-{s}"), None).ok()?,
            "last_reviewed" => lang.date(crate::model::Date::parse(s).ok()?),
            "response_time" => lang
                .duration(&crate::model::duration::Duration::parse(s).ok()?)
                .ok()?,
            "duration" => lang
                .cookie_duration(&crate::model::CookieDuration::parse(s).ok()?)
                .ok()?,
            _ => return None,
        })
    };
    match (field, v) {
        ("retention", Value::Object(o)) => {
            let p = o.get("period")?.as_str()?;
            lang.duration(&crate::model::duration::Duration::parse(p).ok()?)
                .ok()
        }
        (_, Value::Array(a)) if matches!(field, "legal_basis" | "data_locations") => {
            let items: Option<Vec<String>> = a.iter().map(one).collect();
            Some(lang.join_list(&items?))
        }
        _ => one(v),
    }
}

/// A transfer is named "Recipient (US)" in the diff: the country code becomes
/// the country's name in the language.
fn transfer_name(lang: &Lang, name: &str) -> String {
    let Some(head) = name.strip_suffix(')') else {
        return name.to_string();
    };
    let Some((recipient, code)) = head.rsplit_once(" (") else {
        return name.to_string();
    };
    let region = crate::model::REGIONS.contains(&code);
    if !region && (code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase())) {
        return name.to_string();
    }
    match lang.msg(&crate::model::place_message(code), None) {
        Ok(country) => format!("{recipient} ({country})"),
        Err(_) => name.to_string(),
    }
}

/// One sentence (HTML, escaped) per change, in the language.
pub fn sentence(lang: &Lang, c: &Change) -> String {
    let mut what_id = format!("entity-{}", c.entity.replace('.', "-"));
    // A cookie group is named by its group name (a text per language, where
    // a cookie's name is one string): "The cookie group …".
    if c.entity == "cookies" && c.name.is_object() {
        what_id.push_str("-group");
    }
    let what = lang
        .msg(&what_id, None)
        .unwrap_or_else(|_| c.entity.clone());
    let mut name = to_plain(&text_in(&c.name, &lang.tag));
    if c.entity == "transfers" {
        name = transfer_name(lang, &name);
    }
    let name = escape_html(&name);
    match c.kind {
        ChangeKind::Added => fmt(lang, "change-added", &[("what", what), ("name", name)]),
        ChangeKind::Removed => fmt(lang, "change-removed", &[("what", what), ("name", name)]),
        ChangeKind::Changed => {
            // Changes with a sentence of their own (values in the words),
            // then one sentence naming the other changed fields.
            let mut said = Vec::new();
            let mut rest = Vec::new();
            for f in &c.fields {
                let values = || match (
                    value_text(lang, &f.field, &f.old),
                    value_text(lang, &f.field, &f.new),
                ) {
                    (Some(o), Some(n)) if o != n => Some((escape_html(&o), escape_html(&n))),
                    _ => None,
                };
                // A sentence with the old and new value, named in quotes.
                let valued = |id: &str| {
                    values().map(|(o, n)| {
                        vec![fmt(
                            lang,
                            id,
                            &[("name", name.clone()), ("old", o), ("new", n)],
                        )]
                    })
                };
                let own = match (c.entity.as_str(), f.field.as_str()) {
                    ("activities", "legal_basis") => valued("change-legal-basis"),
                    ("transfers", "mechanism") => valued("change-transfer-mechanism"),
                    ("recipients", "country") => valued("change-recipient-country"),
                    ("cookies", "category") => valued("change-cookie-category"),
                    ("activities", "automated_decision") => {
                        let profiling = diff::turned_on(&f.old, &f.new, "profiling");
                        let automated = diff::turned_on(&f.old, &f.new, "solely_automated");
                        let which = match (profiling, automated) {
                            (true, true) => "both",
                            (true, false) => "profiling",
                            (false, true) => "automated",
                            (false, false) => "",
                        };
                        (!which.is_empty()).then(|| {
                            vec![fmt(
                                lang,
                                "change-automated-decision",
                                &[("name", name.clone()), ("which", which.to_string())],
                            )]
                        })
                    }
                    // A ground of Norwegian law now given (markedsføringsloven § 15).
                    ("activities", "national_ground") => match f.new.as_str() {
                        Some(g @ ("marketing_act_consent" | "marketing_act_existing_customer")) => {
                            Some(vec![fmt(
                                lang,
                                "change-national-ground",
                                &[("name", name.clone()), ("ground", g.to_string())],
                            )])
                        }
                        _ => None,
                    },
                    // The essence of a joint-controller arrangement now given.
                    ("recipients", "arrangement") if f.old.is_null() && f.new.is_object() => {
                        Some(vec![fmt(
                            lang,
                            "change-arrangement-added",
                            &[("name", name.clone())],
                        )])
                    }
                    ("activities", "retention") => {
                        let get = |v: &Value, k: &str| v.get(k).cloned().unwrap_or(Value::Null);
                        let same_rest = ["period", "from", "criteria"]
                            .iter()
                            .all(|k| get(&f.old, k) == get(&f.new, k));
                        let then = get(&f.new, "then");
                        match then.as_str() {
                            // Only what happens at the end changed: said so,
                            // and "now says", as the old version said nothing
                            // or something else.
                            Some(t @ ("delete" | "anonymise"))
                                if same_rest && get(&f.old, "then") != then =>
                            {
                                Some(vec![fmt(
                                    lang,
                                    "change-retention-then",
                                    &[("name", name.clone()), ("then", t.to_string())],
                                )])
                            }
                            _ => values().map(|(o, n)| {
                                vec![fmt(
                                    lang,
                                    "change-retention",
                                    &[("name", name.clone()), ("old", o), ("new", n)],
                                )]
                            }),
                        }
                    }
                    ("cookies", "duration") => values().map(|(o, n)| {
                        // "Stored for 13 months" reads only with periods; a
                        // range, `varies` or `not_stored` is quoted as it is.
                        let period = |v: &Value| {
                            v.as_str()
                                .is_some_and(|s| crate::model::duration::Duration::parse(s).is_ok())
                        };
                        let id = if period(&f.old) && period(&f.new) {
                            "change-cookie-duration"
                        } else {
                            "change-cookie-lifetime"
                        };
                        vec![fmt(
                            lang,
                            id,
                            &[("name", name.clone()), ("old", o), ("new", n)],
                        )]
                    }),
                    ("activities", "purposes") => {
                        let empty = Vec::new();
                        let o = f.old.as_array().unwrap_or(&empty);
                        let n = f.new.as_array().unwrap_or(&empty);
                        let item = |x: &Value| escape_html(&to_plain(&text_in(x, &lang.tag)));
                        let mut v: Vec<String> = n
                            .iter()
                            .filter(|x| !o.contains(x))
                            .map(|x| {
                                fmt(
                                    lang,
                                    "change-new-purpose",
                                    &[("name", name.clone()), ("item", item(x))],
                                )
                            })
                            .collect();
                        v.extend(o.iter().filter(|x| !n.contains(x)).map(|x| {
                            fmt(
                                lang,
                                "change-removed-purpose",
                                &[("name", name.clone()), ("item", item(x))],
                            )
                        }));
                        // The same number reworded: said with the other fields.
                        (o.len() != n.len()).then_some(v)
                    }
                    (
                        "activities",
                        field @ ("data_categories" | "data_subjects" | "recipients" | "sources"),
                    ) => {
                        let ids = |v: &Value| -> Vec<String> {
                            v.as_array()
                                .map(|a| {
                                    a.iter()
                                        .filter_map(|x| x.as_str().map(str::to_string))
                                        .collect()
                                })
                                .unwrap_or_default()
                        };
                        let (o, n) = (ids(&f.old), ids(&f.new));
                        // Named, in quotes: a label never leaves as an id.
                        let named = |list: Vec<&String>| -> Option<Vec<String>> {
                            list.into_iter()
                                .map(|id| {
                                    let label = to_plain(&text_in(f.names.get(id)?, &lang.tag));
                                    (!label.is_empty()).then(|| {
                                        escape_html(&fmt(lang, "change-quoted", &[("text", label)]))
                                    })
                                })
                                .collect()
                        };
                        let added = named(n.iter().filter(|x| !o.contains(x)).collect());
                        let removed = named(o.iter().filter(|x| !n.contains(x)).collect());
                        match (added, removed) {
                            (Some(a), Some(r)) => {
                                let mut v = Vec::new();
                                for (list, which) in [(a, "added"), (r, "removed")] {
                                    if !list.is_empty() {
                                        let line = fmt_n(
                                            lang,
                                            &format!("change-{which}-{field}"),
                                            list.len(),
                                            &[
                                                ("name", name.clone()),
                                                ("items", lang.join_list(&list)),
                                            ],
                                        );
                                        // A name ending in a full stop ends the sentence.
                                        v.push(line.replace(".».", ".»").replace(".”.", ".”"));
                                    }
                                }
                                Some(v)
                            }
                            _ => None,
                        }
                    }
                    _ => None,
                };
                // The rights table has no name: its sentence needs none.
                let own = match (c.entity.as_str(), f.field.as_str()) {
                    ("rights", "response_time") => values().map(|(o, n)| {
                        vec![fmt(lang, "change-response-time", &[("old", o), ("new", n)])]
                    }),
                    _ if name.is_empty() => None,
                    _ => own,
                };
                match own {
                    Some(v) if !v.is_empty() => said.extend(v),
                    _ => rest.push(f),
                }
            }
            let fields: Vec<String> = rest
                .iter()
                .map(|f| {
                    let label = lang
                        .msg(&format!("diff-field-{}", f.field), None)
                        .or_else(|_| lang.msg("diff-field-other", None))
                        .unwrap_or_else(|_| f.field.clone());
                    match (
                        value_text(lang, &f.field, &f.old),
                        value_text(lang, &f.field, &f.new),
                    ) {
                        (Some(o), Some(n)) if o != n => fmt(
                            lang,
                            "change-field-value",
                            &[
                                ("field", label),
                                ("old", escape_html(&o)),
                                ("new", escape_html(&n)),
                            ],
                        ),
                        _ => label,
                    }
                })
                .collect();
            let mut uniq = Vec::new();
            for f in fields {
                if !uniq.contains(&f) {
                    uniq.push(f);
                }
            }
            if !uniq.is_empty() {
                let list = lang.join_list(&uniq);
                said.push(if name.is_empty() {
                    fmt(
                        lang,
                        "change-changed-table",
                        &[("what", what), ("fields", list)],
                    )
                } else {
                    fmt(
                        lang,
                        "change-changed",
                        &[("what", what), ("name", name), ("fields", list)],
                    )
                });
            }
            said.join(" ")
        }
    }
}

/// Diffs between consecutive releases (the first release has none). A
/// release whose record holds its changes since the release before it (see
/// [`crate::history::record`]) is taken from there; the others are
/// computed from the snapshots, and only those snapshots are parsed.
pub fn release_diffs(site: &Site) -> Vec<PolicyDiff> {
    use rayon::prelude::*;
    let h = &site.history;
    let recorded = crate::load::snapshots::recorded_diffs(h);
    // The snapshots a computed diff needs: its release and the one before.
    let needed: Vec<bool> = (0..h.len())
        .map(|i| {
            let own = i > 0 && recorded[i].is_none();
            let next = i + 1 < h.len() && recorded[i + 1].is_none();
            own || next
        })
        .collect();
    let normalized: Vec<Option<Value>> = h
        .par_iter()
        .zip(needed.par_iter())
        .map(|(r, &n)| n.then(|| diff::normalized(r.policy())))
        .collect();
    (0..h.len())
        .into_par_iter()
        .map(|i| {
            if let Some(d) = recorded[i] {
                return d.clone();
            }
            match (
                i.checked_sub(1).and_then(|p| normalized[p].as_ref()),
                &normalized[i],
            ) {
                (Some(o), Some(n)) => diff::diff_normalized(o, n, &site.regions.eea),
                _ => PolicyDiff::default(),
            }
        })
        .collect()
}

/// Data for the banner and footer link on every page (`history` in templates).
pub fn banner_data(r: &Renderer, site: &Site, lang: &str, root: &str) -> Value {
    if site.history.is_empty() {
        return json!({});
    }
    let Some(l) = r.locales().get(lang) else {
        return json!({});
    };
    let changelog = format!("{root}{}", changelog_dir(r, site, lang));
    let today = history::today();
    let upcoming = site
        .history
        .iter()
        .find(|x| x.meta.effective > today)
        .map(|x| {
            let text = fmt(
                l,
                "upcoming-banner",
                &[
                    ("version", escape_html(&x.meta.version)),
                    ("date", l.date(x.meta.effective)),
                    (
                        "url",
                        escape_html(&format!("{changelog}#pv-v-{}", anchor(&x.meta.version))),
                    ),
                ],
            );
            json!({ "version": x.meta.version, "text": text })
        });
    json!({ "changelog": changelog, "upcoming": upcoming })
}

fn anchor(version: &str) -> String {
    crate::history::version_path(version).replace('.', "-")
}

/// What the history pages of every language share: today's date, the
/// status of each release and the diffs between consecutive releases.
/// Computed once per render.
pub struct HistoryData {
    statuses: Vec<Status>,
    diffs: std::sync::Arc<Vec<PolicyDiff>>,
}

impl HistoryData {
    /// Statuses as of [`history::today`], with the diffs of `site.history`
    /// (from [`release_diffs`], possibly kept from an earlier render).
    pub fn new(site: &Site, diffs: std::sync::Arc<Vec<PolicyDiff>>) -> HistoryData {
        HistoryData {
            statuses: history::statuses(&site.history, history::today()),
            diffs,
        }
    }
}

/// Renders the changelog page and Atom feed of one language, reusing the
/// language's context (only the page keys are replaced).
pub fn render_changelog(
    r: &Renderer,
    site: &Site,
    hist: &HistoryData,
    lang: &str,
    ctx: &mut tera::Context,
    out: &mut Output,
    diags: &mut Diagnostics,
) {
    if site.history.is_empty() {
        return;
    }
    let Some(l) = r.locales().get(lang) else {
        return;
    };
    let (statuses, diffs) = (&hist.statuses, hist.diffs.as_slice());
    let base = site.config.base().to_string();
    let cl_dir = changelog_dir(r, site, lang);
    let root = "../".repeat(cl_dir.matches('/').count());
    // Newest first.
    let mut releases = Vec::new();
    for (i, rel) in site.history.iter().enumerate().rev() {
        let changes: Vec<Value> = diffs[i]
            .changes
            .iter()
            .map(|c| json!({ "material": c.material, "html": sentence(l, c) }))
            .collect();
        // Material changes first, under one heading; the others under another.
        let (material, other): (Vec<Value>, Vec<Value>) =
            changes.iter().cloned().partition(|c| c["material"] == true);
        releases.push(json!({
            "version": rel.meta.version,
            "anchor": anchor(&rel.meta.version),
            "status": statuses[i].id(),
            "published": rel.meta.published,
            "effective": rel.meta.effective,
            "material": rel.meta.material,
            "notes": rel.meta.notes.as_ref().and_then(|n| n.get(lang)).map(str::to_string),
            "changes": changes,
            "material_changes": material,
            "other_changes": other,
            "short_notice": rel.meta.short_notice,
            "first": i == 0,
            "url": format!("{root}{}", archive_dir(r, site, lang, &rel.meta.version)),
        }));
    }
    let extra = json!({ "releases": releases, "feed": format!("{root}{cl_dir}atom.xml") });
    let alt = |x: &str| changelog_dir(r, site, x);
    r.set_page(
        ctx,
        site,
        lang,
        &PageSpec {
            page: "changelog",
            dir: &cl_dir,
            fragment: false,
            alt: &alt,
            extra,
            root: None,
        },
    );
    match crate::render::render_template(r.tera_for(lang), "changelog.html", ctx, &|| {
        format!("the changelog in `{lang}`")
    }) {
        Ok(html) => {
            out.insert(format!("{cl_dir}index.html"), html.into_bytes());
        }
        Err(d) => diags.push(r.at_template(d, "changelog.html")),
    }
    out.insert(
        format!("{cl_dir}atom.xml"),
        atom(r, site, l, diffs, statuses, &base).into_bytes(),
    );
}

/// Folder of the archived cookie declaration of a version, beside the
/// archived statement: `nb/personvern/versjoner/2.0/informasjonskapsler/`.
pub fn archive_cookies_dir(r: &Renderer, site: &Site, lang: &str, version: &str) -> String {
    format!(
        "{}{}/",
        archive_dir(r, site, lang, version),
        r.slug(&site.config, lang, "cookies")
    )
}

/// The archive note's text on an archived page in folder `dir`: the
/// version's status today, with a link to the current page of the kind.
fn archive_note(
    r: &Renderer,
    site: &Site,
    l: &Lang,
    rel: &Release,
    status: Status,
    kind: &str,
    dir: &str,
) -> String {
    let current_url = format!(
        "{}{}",
        "../".repeat(dir.matches('/').count()),
        r.page_dir(&site.config, &l.tag, kind)
    );
    let v = escape_html(&rel.meta.version);
    match status {
        Status::Superseded => fmt(
            l,
            "archived-superseded",
            &[("version", v), ("url", current_url)],
        ),
        Status::Upcoming => fmt(
            l,
            "archived-upcoming",
            &[
                ("version", v),
                ("date", l.date(rel.meta.effective)),
                ("url", current_url),
            ],
        ),
        Status::Current => fmt(l, "archived-current", &[("version", v)]),
    }
}

/// Renders the statement and the cookie declaration of release `i` in one
/// language, at their archive folders; `note` gives the archive note's
/// status class and text for a page's folder.
fn archived_pages(
    r: &Renderer,
    site: &Site,
    lang: &str,
    i: usize,
    note: &dyn Fn(&str, &str) -> (String, String),
) -> (Vec<(&'static str, String, String)>, Diagnostics) {
    let mut out = Vec::new();
    let mut diags = Diagnostics::default();
    let Some(rel) = site.history.get(i) else {
        return (out, diags);
    };
    let version = rel.meta.version.as_str();
    let derived = crate::render::derive(rel.policy(), &site.regions);
    let mut ctx = r.lang_context(site, rel.policy(), &derived, lang);
    let privacy_dir = archive_dir(r, site, lang, version);
    let cookies_dir = archive_cookies_dir(r, site, lang, version);
    for (kind, name) in history::FROZEN_PAGES {
        let dir = if *kind == "cookies" {
            cookies_dir.clone()
        } else {
            privacy_dir.clone()
        };
        let (status, text) = note(kind, &dir);
        let alt = |x: &str| {
            if *kind == "cookies" {
                archive_cookies_dir(r, site, x, version)
            } else {
                archive_dir(r, site, x, version)
            }
        };
        let extra = json!({ "archived": { "status": status, "text": text, "version": version } });
        r.set_page(
            &mut ctx,
            site,
            lang,
            &PageSpec {
                page: kind,
                dir: &dir,
                fragment: false,
                alt: &alt,
                extra,
                root: None,
            },
        );
        // The archived statement links to the archived cookie declaration
        // of the same version, and back.
        let root = "../".repeat(dir.matches('/').count());
        if let Some(mut page) = ctx.get("page").cloned() {
            page["links"] = json!({
                "privacy": format!("{root}{privacy_dir}"),
                "cookies": format!("{root}{cookies_dir}"),
            });
            ctx.insert("page", &page);
        }
        let template = format!("{kind}.html");
        match crate::render::render_template(r.tera_for(lang), &template, &ctx, &|| {
            format!("archived version {version} ({kind}) in `{lang}`")
        }) {
            Ok(html) => out.push((*name, format!("{dir}index.html"), html)),
            Err(d) => diags.push(d.in_file(&rel.path)),
        }
    }
    (out, diags)
}

/// The pages `release` freezes for release `i` in one language, by their
/// name under `history/<version>/` (`nb/privacy.html`), with the archive
/// note's status and text left as [`history::STATUS_MARK`] and
/// [`history::NOTE_MARK`].
pub fn render_frozen(
    r: &Renderer,
    site: &Site,
    lang: &str,
    i: usize,
) -> (Vec<(String, String)>, Diagnostics) {
    let note = |_: &str, _: &str| {
        (
            history::STATUS_MARK.to_string(),
            history::NOTE_MARK.to_string(),
        )
    };
    let (pages, diags) = archived_pages(r, site, lang, i, &note);
    (
        pages
            .into_iter()
            .map(|(name, _, html)| (format!("{lang}/{name}"), html))
            .collect(),
        diags,
    )
}

/// Renders the archived copy of release `i` in one language: the
/// statement and the cookie declaration. A release that froze its pages
/// shows them as they were published, with only the archive note (its
/// status today) filled in; an older one is rendered from its snapshot.
pub fn render_archived(
    r: &Renderer,
    site: &Site,
    hist: &HistoryData,
    lang: &str,
    i: usize,
) -> (Output, Diagnostics) {
    let mut out = Output::new();
    let mut diags = Diagnostics::default();
    let (Some(l), Some(rel)) = (r.locales().get(lang), site.history.get(i)) else {
        return (out, diags);
    };
    let status = hist.statuses[i];
    let note = |kind: &str, dir: &str| {
        (
            status.id().to_string(),
            archive_note(r, site, l, rel, status, kind, dir),
        )
    };
    let version = rel.meta.version.as_str();
    let mut missing = false;
    for (kind, name) in history::FROZEN_PAGES {
        let Some(path) = rel.frozen.get(&format!("{lang}/{name}")) else {
            missing = true;
            continue;
        };
        let dir = if *kind == "cookies" {
            archive_cookies_dir(r, site, lang, version)
        } else {
            archive_dir(r, site, lang, version)
        };
        match std::fs::read_to_string(path) {
            Ok(html) => {
                let (status, text) = note(kind, &dir);
                let path = format!("{dir}index.html");
                let html = if rel.meta.pages_minified {
                    // Stored minified: the page is written as it is, with
                    // only the note to minify. A page with the note twice
                    // (a theme of the site's) is minified whole.
                    let mut html = html.replace(history::STATUS_MARK, &status);
                    let slot = history::NOTE_SLOT;
                    let at = html.find(slot);
                    let again = at.is_some_and(|a| html[a + slot.len()..].contains(slot));
                    match at {
                        None => r.minified_already(&path, None),
                        Some(at) if !again => {
                            html.replace_range(at..at + slot.len(), &text);
                            r.minified_already(&path, Some(at..at + text.len()));
                        }
                        Some(_) => html = html.replace(slot, &text),
                    }
                    html
                } else {
                    // The slot too: `release --minify-frozen` stores the
                    // pages before it marks the release minified.
                    html.replace(history::STATUS_MARK, &status)
                        .replace(history::NOTE_MARK, &text)
                        .replace(history::NOTE_SLOT, &text)
                };
                out.insert(path, html.into_bytes());
            }
            Err(e) => diags.push(
                crate::diagnostics::Diagnostic::error(
                    "io",
                    format!("cannot read the frozen page {}: {e}", path.display()),
                )
                .in_file(path)
                .help("restore history/ from version control: the frozen pages are the record of what was published"),
            ),
        }
    }
    if missing {
        let (pages, d) = archived_pages(r, site, lang, i, &note);
        diags.extend(d);
        for (name, path, html) in pages {
            if !rel.frozen.contains_key(&format!("{lang}/{name}")) {
                out.insert(path, html.into_bytes());
            }
        }
    }
    (out, diags)
}

fn atom(
    r: &Renderer,
    site: &Site,
    l: &Lang,
    diffs: &[PolicyDiff],
    statuses: &[Status],
    base: &str,
) -> String {
    let _ = statuses;
    let org = site
        .policy
        .controller
        .trade_name
        .clone()
        .unwrap_or_else(|| site.policy.controller.legal_name.clone());
    let cl = format!("{base}/{}", changelog_dir(r, site, &l.tag));
    let updated = site
        .history
        .last()
        .map(|x| x.meta.published.to_string())
        .unwrap_or_default();
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <link rel=\"self\" href=\"{}atom.xml\"/>\n  <updated>{updated}T00:00:00Z</updated>\n  <author><name>{}</name></author>\n",
        l.tag,
        escape_html(&fmt(l, "feed-title", &[("org", org.clone())])),
        escape_html(&cl),
        escape_html(&cl),
        escape_html(&cl),
        escape_html(&org),
    );
    for (i, rel) in site.history.iter().enumerate().rev() {
        let url = format!("{base}/{}", archive_dir(r, site, &l.tag, &rel.meta.version));
        let mut body = String::new();
        if let Some(n) = rel.meta.notes.as_ref().and_then(|n| n.get(&l.tag)) {
            body.push_str(&crate::model::markdown::render_block(n, 0));
        }
        for (material, heading) in [
            (true, "changelog-material-heading"),
            (false, "changelog-other-heading"),
        ] {
            let items: Vec<String> = diffs[i]
                .changes
                .iter()
                .filter(|c| c.material == material)
                .map(|c| format!("<li>{}</li>", sentence(l, c)))
                .collect();
            if !items.is_empty() {
                body.push_str(&format!(
                    "<h3>{}</h3><ul>{}</ul>",
                    lang_msg(l, heading),
                    items.concat()
                ));
            }
        }
        s.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <content type=\"html\">{}</content>\n  </entry>\n",
            escape_html(&fmt(l, "feed-entry", &[("version", rel.meta.version.clone()), ("date", l.date(rel.meta.effective))])),
            escape_html(&url),
            escape_html(&url),
            rel.meta.published,
            escape_html(&body),
        ));
    }
    s.push_str("</feed>\n");
    s
}

fn lang_msg(l: &Lang, id: &str) -> String {
    l.msg(id, None).unwrap_or_default()
}

/// `version.json`: the version in force (the working copy when there is no
/// history), for consent tools and consent logs.
pub fn version_json(r: &Renderer, site: &Site) -> Value {
    let base = site.config.base();
    let today = history::today();
    let statuses = history::statuses(&site.history, today);
    let in_force: Option<&Release> = site
        .history
        .iter()
        .zip(&statuses)
        .find(|(_, s)| **s == Status::Current)
        .map(|(x, _)| x);
    let urls = |version: &str| -> Value {
        site.languages
            .iter()
            .map(|l| {
                (
                    l.clone(),
                    json!(format!("{base}/{}", archive_dir(r, site, l, version))),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let upcoming: Vec<Value> = site
        .history
        .iter()
        .zip(&statuses)
        .filter(|(_, s)| **s == Status::Upcoming)
        .map(|(x, _)| json!({ "version": x.meta.version, "effective_date": x.meta.effective, "content_hash": x.content_hash(), "archived_url": urls(&x.meta.version) }))
        .collect();
    match in_force {
        Some(x) => json!({
            "version": x.meta.version,
            "effective_date": x.meta.effective,
            "material": x.meta.material,
            "content_hash": x.content_hash(),
            "archived_url": urls(&x.meta.version),
            "upcoming": upcoming,
        }),
        None => json!({
            "version": site.policy.document.version,
            "effective_date": site.policy.document.effective_date,
            "content_hash": history::content_hash(&site.policy),
            "archived_url": Value::Null,
            "upcoming": upcoming,
        }),
    }
}
