//! `personvern release`: freezes the current data as `history/<version>.toml`,
//! and its rendered pages as `history/<version>/<lang>/…`.
//!
//! The version and the effective date come from `[document]`, the one
//! source the live pages also read: a release cannot say another version or
//! date than the pages that show it.
use crate::history::diff::{self, PolicyDiff};
use crate::history::snapshot::snapshot_toml;
use crate::history::{today, version_problem, version_slug, ReleaseMeta, FORMAT, HISTORY_DIR};
use crate::load::snapshots::Release;
use crate::load::Site;
use crate::model::{Date, Text};
use std::fs;
use std::path::PathBuf;

/// What `personvern release` asks for.
#[derive(Debug, Clone, Default)]
pub struct ReleaseRequest {
    /// Version the caller expects; must be `[document] version` when given.
    pub version: Option<String>,
    /// Effective date the caller expects; must be `[document]
    /// effective_date` when given.
    pub effective: Option<Date>,
    /// Declared material.
    pub material: bool,
    /// Notes per language.
    pub notes: Vec<(String, String)>,
    /// Reason for taking effect with less notice than promised
    /// (`--allow-short-notice`).
    pub short_notice: Option<String>,
    /// Store the frozen pages as rendered (`--no-minify`) rather than
    /// minified as a build publishes them.
    pub no_minify: bool,
}

/// What a release wrote and found.
#[derive(Debug, Clone)]
pub struct Released {
    /// The snapshot written.
    pub path: PathBuf,
    /// The release metadata.
    pub meta: ReleaseMeta,
    /// Changes since the previous release (empty for the first).
    pub diff: PolicyDiff,
    /// The first release of the site.
    pub first: bool,
    /// Frozen pages written (paths relative to the site).
    pub frozen: Vec<String>,
    /// The release's record, if one was written (see
    /// [`crate::history::record`]).
    pub record: Option<PathBuf>,
    /// Things the release did but the user should know (no notice promised).
    pub warnings: Vec<String>,
}

/// `file:line` of `key` in `[document]`, for messages.
fn document_at(site: &Site, key: &str) -> String {
    let (file, span) = site.key_span("document", key);
    match site.sources.get(file) {
        Some(f) => {
            let (line, _) = f.line_col(span.start);
            format!("{}:{line}", f.path.display())
        }
        None => "[document]".into(),
    }
}

/// Days of advance notice the site promises for material changes: the
/// longer of the promise in force (the last release's) and the new one.
pub fn notice_days(site: &Site) -> Option<u32> {
    let new = site
        .policy
        .changes
        .as_ref()
        .and_then(|c| c.advance_notice_days);
    let old = site.history.last().and_then(|r| {
        r.policy()
            .changes
            .as_ref()
            .and_then(|c| c.advance_notice_days)
    });
    new.max(old)
}

/// Freezes the site's current data as a release: writes the rendered
/// pages, then the snapshot (the snapshot last: it is what makes the
/// release). Nothing is written when it refuses.
pub fn release(site: &Site, req: &ReleaseRequest) -> Result<Released, String> {
    let doc = &site.policy.document;
    let version = doc.version.trim().to_string();
    if version.is_empty() {
        return Err(format!(
            "[document] has no version ({}): set version = \"1.0\" (or the next version) there; the pages and the release take it from [document]",
            document_at(site, "version")
        ));
    }
    let Some(effective) = doc.effective_date else {
        return Err(format!(
            "[document] has no effective_date ({}): set effective_date = YYYY-MM-DD there; the pages and the release take it from [document]",
            document_at(site, "version")
        ));
    };
    if let Some(v) = &req.version {
        if *v != version {
            return Err(format!(
                "--version {v} disagrees with [document] version = \"{version}\" ({}): the pages show [document], so the release takes its version from there; set version = \"{v}\" in [document] (or leave --version out)",
                document_at(site, "version")
            ));
        }
    }
    if let Some(e) = req.effective {
        if e != effective {
            return Err(format!(
                "--effective {e} disagrees with [document] effective_date = {effective} ({}): the pages show [document], so the release takes its date from there; set effective_date = {e} in [document] (or leave --effective out)",
                document_at(site, "effective_date")
            ));
        }
    }
    let today = today();
    let releases = &site.history;
    // The same test as `check`: a version with a safe name that no other
    // release's name takes.
    let slug = match (
        version_problem(&version, releases.iter().map(|r| r.meta.version.as_str())),
        version_slug(&version),
    ) {
        (None, Some(slug)) => slug,
        (problem, _) => {
            return Err(format!(
                "[document] version {} ({}), so it cannot be released: write a version with letters or digits (\"3.1\", \"Ver. 2.1\", \"2024-A\") that no released version is named like",
                problem.unwrap_or_else(|| format!("`{version}` has no name for file names and URLs")),
                document_at(site, "version")
            ));
        }
    };
    if releases.iter().any(|r| r.meta.version == version) {
        return Err(format!(
            "[document] version is \"{version}\" ({}), which is already released in {HISTORY_DIR}/{slug}.toml; give [document] a new version and effective_date for this release",
            document_at(site, "version")
        ));
    }
    if effective < today {
        return Err(format!(
            "[document] effective_date is {effective} ({}), before today ({today}): a release cannot take effect before it is published; set effective_date to today or a later day",
            document_at(site, "effective_date")
        ));
    }
    if let Some(last) = releases.last() {
        if effective <= last.meta.effective {
            return Err(format!(
                "[document] effective_date is {effective} ({}), but version {} takes effect {}: a new release must take effect after the last one; set a later effective_date",
                document_at(site, "effective_date"),
                last.meta.version,
                last.meta.effective
            ));
        }
        if today < last.meta.published {
            return Err(format!(
                "dates go backwards: version {} was published {}, after today ({today})",
                last.meta.version, last.meta.published
            ));
        }
    }
    for (table, reviewed) in [
        ("[document]", site.policy.document.last_reviewed),
        ("[cookie_policy]", site.policy.cookie_policy.last_reviewed),
    ] {
        if let Some(reviewed) = reviewed {
            if reviewed > today {
                return Err(format!(
                    "{table} last_reviewed is {reviewed}, after today ({today}): a release cannot say it was reviewed on a day still to come; set last_reviewed to the day of the review"
                ));
            }
        }
    }
    let d = match releases.last() {
        Some(last) => diff::diff(last.policy(), &site.policy, &site.regions.eea),
        None => PolicyDiff::default(),
    };
    if let Some(last) = releases.last() {
        if d.is_empty() {
            return Err(format!(
                "nothing changed since version {}; there is nothing to release",
                last.meta.version
            ));
        }
    }
    let material = req.material || d.is_material();
    let mut warnings = Vec::new();
    let short_notice = req
        .short_notice
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if req.short_notice.is_some() && short_notice.is_none() {
        return Err("--allow-short-notice needs a reason, recorded in the release (e.g. --allow-short-notice \"required by a new regulation from 1 January\")".into());
    }
    match notice_days(site) {
        Some(days) if material => {
            let earliest = today.add_days(i64::from(days));
            if effective < earliest && short_notice.is_none() {
                return Err(format!(
                    "this release is material and [changes] advance_notice_days promises {days} days of notice, so it can take effect {earliest} at the earliest, not {effective} ([document] effective_date, {}); set a later effective_date, or give the reason with --allow-short-notice \"…\" (it is recorded in the release)",
                    document_at(site, "effective_date")
                ));
            }
            if effective >= earliest && short_notice.is_some() {
                return Err(format!(
                    "--allow-short-notice is not needed: {effective} is at least {days} days after today"
                ));
            }
        }
        Some(_) => {
            if short_notice.is_some() {
                return Err("--allow-short-notice is for material releases; this one is editorial, so the promised notice does not apply".into());
            }
        }
        None => {
            if short_notice.is_some() {
                return Err("--allow-short-notice is not needed: [changes] advance_notice_days promises no notice".into());
            }
            if material && releases.last().is_some() {
                warnings.push(format!(
                    "this release is material, but [changes] advance_notice_days is not set, so the site promises no notice: WP260 expects a material change to be announced well before it takes effect (it takes effect {effective}, {} days after today); set [changes] advance_notice_days and an effective_date that keeps it",
                    effective.days_since(today)
                ));
            }
        }
    }
    let mut notes = Text::default();
    for (lang, text) in &req.notes {
        if !site.languages.contains(lang) {
            return Err(format!(
                "a note is given for `{lang}`, which is not a site language ({})",
                site.languages.join(", ")
            ));
        }
        notes.map.insert(lang.clone(), text.clone());
    }
    if !notes.map.is_empty() {
        if let Some(missing) = site.languages.iter().find(|l| !notes.map.contains_key(*l)) {
            return Err(format!("the release note has no `{missing}` text; give one for every language (--note-{missing} \"…\")"));
        }
    }
    let meta = ReleaseMeta {
        format: FORMAT,
        version: version.clone(),
        published: today,
        effective,
        material,
        notes: (!notes.map.is_empty()).then_some(notes),
        short_notice: short_notice.map(str::to_string),
        pages_minified: !req.no_minify,
    };
    let text = snapshot_toml(&site.policy, &meta);
    let dir = site.root.join(HISTORY_DIR);
    let path = dir.join(format!("{slug}.toml"));
    let pages = frozen_pages(site, &meta, &path)?;
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let page_dir = dir.join(&slug);
    if page_dir.exists() {
        return Err(format!(
            "{} exists, but {} does not; move it away (it belongs to no release)",
            page_dir.display(),
            path.display()
        ));
    }
    let mut frozen = Vec::new();
    for (rel, html) in &pages {
        let p = page_dir.join(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&p, html).map_err(|e| format!("{}: {e}", p.display()))?;
        frozen.push(format!("{HISTORY_DIR}/{slug}/{rel}"));
    }
    // The record, before the snapshot (which makes the release): a record
    // without its snapshot is never used.
    let recorded = match record(site, &meta, &text) {
        Some(r) => Some(crate::history::record::write(&path, &r)?),
        None => None,
    };
    let mut tmp =
        tempfile::NamedTempFile::new_in(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    tmp.persist_noclobber(&path)
        .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    Ok(Released {
        path,
        meta,
        first: releases.is_empty(),
        diff: d,
        frozen,
        record: recorded,
        warnings,
    })
}

/// The record of the new release, whose snapshot is `text`: its changes
/// since the last release, computed from the snapshot as a build reads it
/// (parsed again), so that a build takes them as they are. None when the
/// snapshot does not read back without a finding (a build then parses it).
fn record(
    site: &Site,
    meta: &ReleaseMeta,
    text: &str,
) -> Option<crate::history::record::ReleaseRecord> {
    use crate::history::record;
    let auth_json = serde_json::to_string(&site.authorities).ok()?;
    let (policy, _, d) = crate::load::parse_snapshot(
        0,
        std::path::Path::new("new release"),
        text,
        &site.authorities,
    );
    let policy = policy.filter(|_| d.items.is_empty())?;
    let new = diff::normalized(&policy);
    let (previous, d) = match site.history.last() {
        Some(last) => (
            // The key load gave the last snapshot's text.
            Some(last.record_key.clone()?),
            diff::diff_normalized(&diff::normalized(last.policy()), &new, &site.regions.eea),
        ),
        None => (None, PolicyDiff::default()),
    };
    Some(record::ReleaseRecord::new(
        record::key(&auth_json, text),
        previous,
        meta.clone(),
        crate::history::content_hash_of(&new),
        d,
    ))
}

/// `personvern release --refresh-records`: writes the record of every
/// release again, from its snapshot as this build of personvern loaded it
/// (after an upgrade, whose builds no longer take the old records): the
/// changes the changelog shows ([`release_diffs`]) and the content hash.
/// Writes nothing else; a release whose snapshot did not load without a
/// finding gets no record (and an old one is removed), as `release` would
/// not write one. Returns the records written and the releases without one.
///
/// [`release_diffs`]: crate::render::changelog::release_diffs
pub fn refresh_records(site: &Site) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    use crate::history::record;
    let h = &site.history;
    let diffs = crate::render::changelog::release_diffs(site);
    let mut written = Vec::new();
    let mut without = Vec::new();
    for (i, (r, d)) in h.iter().zip(diffs).enumerate() {
        // The key of the release before (load gives every snapshot one);
        // `None` only for the first.
        let previous = i.checked_sub(1).map(|p| h[p].record_key.clone());
        match (&r.record_key, r.clean, previous) {
            (Some(key), true, previous @ (Some(Some(_)) | None)) => {
                let rec = record::ReleaseRecord::new(
                    key.clone(),
                    previous.flatten(),
                    r.meta.clone(),
                    r.content_hash().to_string(),
                    d,
                );
                written.push(record::write(&r.path, &rec)?);
            }
            _ => {
                let path = record::path_for(&r.path);
                if path.exists() {
                    fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                }
                without.push(r.meta.version.clone());
            }
        }
    }
    Ok((written, without))
}

/// What [`minify_frozen`] did.
#[derive(Debug, Default)]
pub struct MinifiedFrozen {
    /// The releases whose frozen pages it stored minified, by version.
    pub versions: Vec<String>,
    /// How many pages that was.
    pub pages: usize,
    /// Some release of the site has a record ([`crate::history::record`]):
    /// the changed snapshots' records no longer match them, so the caller
    /// writes them again ([`refresh_records`] on the site loaded anew).
    pub had_records: bool,
}

/// `personvern release --minify-frozen`: stores the frozen pages of every
/// release that keeps them as rendered (made with `--no-minify`, or before
/// `release` minified them) minified, as a build publishes them (the
/// archive note as [`crate::history::NOTE_SLOT`]), and marks the release so
/// (`pages_minified` in its `[release]` table, the only change to its
/// snapshot). A build then writes those pages as they are instead of
/// minifying them every time; it publishes the same bytes as before. The
/// pages are replaced first, each atomically, and the snapshot last: until
/// then a build still minifies them, and finds the note either way.
pub fn minify_frozen(site: &Site) -> Result<MinifiedFrozen, String> {
    use crate::history::{record, replace_file, snapshot::release_table, NOTE_MARK, NOTE_SLOT};
    let mut done = MinifiedFrozen::default();
    for r in &site.history {
        done.had_records |= record::path_for(&r.path).is_file();
        if r.meta.pages_minified || r.frozen.is_empty() {
            continue;
        }
        let text = fs::read_to_string(&r.path).map_err(|e| format!("{}: {e}", r.path.display()))?;
        // The `[release]` table is the snapshot's last part, as `release`
        // wrote it; anything else is left alone.
        let head = release_table(&r.meta);
        let Some(body) = text.strip_suffix(head.as_str()) else {
            return Err(format!(
                "{}: its [release] table is not the last part of the file as `personvern release` writes it, so it is left as it is; nothing of it was changed",
                r.path.display()
            ));
        };
        for path in r.frozen.values() {
            let html = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let min =
                crate::output::minify::minify_page(html.replace(NOTE_MARK, NOTE_SLOT).as_bytes());
            replace_file(path, &min)?;
            done.pages += 1;
        }
        let meta = ReleaseMeta {
            pages_minified: true,
            ..r.meta.clone()
        };
        replace_file(
            &r.path,
            format!("{body}{}", release_table(&meta)).as_bytes(),
        )?;
        done.versions.push(r.meta.version.clone());
    }
    Ok(done)
}

/// The pages of the new release, rendered now with today's theme, messages
/// and registry: `<lang>/privacy.html` and `<lang>/cookies.html`, with the
/// archive note's status left as marks (it changes with the day).
fn frozen_pages(
    site: &Site,
    meta: &ReleaseMeta,
    path: &std::path::Path,
) -> Result<Vec<(String, String)>, String> {
    let r = crate::render::Renderer::new(&site.root, &site.config, &site.languages).map_err(
        |(d, s)| {
            format!(
                "the theme or messages do not load, so the release's pages cannot be frozen:\n{}",
                crate::diagnostics::render_all(&d, &s, false)
            )
        },
    )?;
    let mut with = site.clone();
    with.history.push(Release::new(
        meta.clone(),
        std::sync::Arc::new(site.policy.clone()),
        path.to_path_buf(),
        0,
    ));
    let i = with.history.len() - 1;
    let mut out = Vec::new();
    for lang in &with.languages {
        let (pages, diags) = crate::render::changelog::render_frozen(&r, &with, lang, i);
        if diags.has_errors() {
            return Err(format!(
                "the release's pages in `{lang}` do not render:\n{}",
                crate::diagnostics::render_all(&diags, &with.sources, false)
            ));
        }
        if meta.pages_minified {
            // As a build publishes them, the note's mark kept as an element
            // (minification drops comments).
            out.extend(pages.into_iter().map(|(name, html)| {
                let html = html.replace(crate::history::NOTE_MARK, crate::history::NOTE_SLOT);
                let min = crate::output::minify::minify_page(html.as_bytes());
                (name, String::from_utf8_lossy(&min).into_owned())
            }));
        } else {
            out.extend(pages);
        }
    }
    Ok(out)
}
