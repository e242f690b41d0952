//! `personvern release`: freeze the current data as `history/<version>.toml`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::load_or_report;

/// Arguments of `personvern release`.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder (holds personvern.toml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The version you expect to release: refused unless it is `[document]
    /// version`, where the release takes its version from.
    #[arg(long, value_name = "VERSION")]
    pub version: Option<String>,
    /// The effective date you expect (YYYY-MM-DD): refused unless it is
    /// `[document] effective_date`, where the release takes its date from.
    #[arg(long, value_name = "DATE")]
    pub effective: Option<String>,
    /// Take effect with less notice than `[changes] advance_notice_days`
    /// promises; the reason is recorded in the release.
    #[arg(long, value_name = "REASON")]
    pub allow_short_notice: Option<String>,
    /// Mark the release as material even if no rule classifies a change so.
    #[arg(long)]
    pub material: bool,
    /// Release note in Norwegian Bokmål.
    #[arg(long, value_name = "TEXT")]
    pub note_nb: Option<String>,
    /// Release note in English.
    #[arg(long, value_name = "TEXT")]
    pub note_en: Option<String>,
    /// Release note in any language: LANG=TEXT (repeatable).
    #[arg(long = "note", value_name = "LANG=TEXT")]
    pub notes: Vec<String>,
    /// Store the frozen pages as rendered, readable, instead of minified as
    /// `build` publishes them; builds then minify their archived copies
    /// each time.
    #[arg(long)]
    pub no_minify: bool,
    /// Make no release: write the record of every release in history/
    /// again (`history/<version>/release.json`), from its snapshot. After
    /// upgrading personvern, whose builds no longer take the records an
    /// older version wrote, this lets them read the changelog from the
    /// records again instead of parsing every snapshot.
    #[arg(long, conflicts_with_all = ["version", "effective", "allow_short_notice", "material", "note_nb", "note_en", "notes", "no_minify", "minify_frozen"])]
    pub refresh_records: bool,
    /// Make no release: store the frozen pages of releases that keep them
    /// readable (made with --no-minify, or by an older personvern) minified,
    /// as `build` publishes them, so builds copy them instead of minifying
    /// them each time. The published pages stay byte for byte the same.
    #[arg(long, conflicts_with_all = ["version", "effective", "allow_short_notice", "material", "note_nb", "note_en", "notes", "no_minify"])]
    pub minify_frozen: bool,
}

/// `release --minify-frozen`, then the records of the changed snapshots
/// written again (when the site keeps records).
fn minify_frozen(dir: &std::path::Path, site: &personvern::load::Site) -> ExitCode {
    use personvern::output::release;
    let done = match release::minify_frozen(site) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if done.versions.is_empty() {
        eprintln!("Every release's frozen pages are stored minified already; nothing was changed");
        return ExitCode::SUCCESS;
    }
    let n = done.pages;
    eprintln!(
        "Stored {n} frozen {} of {} minified: {}",
        if n == 1 { "page" } else { "pages" },
        if done.versions.len() == 1 {
            "release"
        } else {
            "releases"
        },
        done.versions.join(", ")
    );
    if done.had_records {
        let site = match load_or_report(dir) {
            Ok(s) => s,
            Err(c) => return c,
        };
        match release::refresh_records(&site) {
            Ok((written, _)) => eprintln!(
                "Wrote the records of {} {} again (their snapshots changed)",
                written.len(),
                if written.len() == 1 {
                    "release"
                } else {
                    "releases"
                }
            ),
            Err(e) => {
                eprintln!("error: the pages are stored minified, but the records could not be written again: {e}; run `personvern release --refresh-records`");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}

/// Makes the release.
pub fn run(args: Args) -> ExitCode {
    let site = match load_or_report(&args.dir) {
        Ok(s) => s,
        Err(c) => return c,
    };
    if args.minify_frozen {
        return minify_frozen(&args.dir, &site);
    }
    if args.refresh_records {
        return match personvern::output::release::refresh_records(&site) {
            Ok((written, without)) => {
                let n = written.len();
                eprintln!(
                    "Wrote the records of {n} {} in {}",
                    if n == 1 { "release" } else { "releases" },
                    site.root.join(personvern::history::HISTORY_DIR).display()
                );
                if !without.is_empty() {
                    eprintln!(
                        "note: no record for {}: the snapshot does not load without a finding (`personvern check` shows it); builds parse it",
                        without.join(", ")
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let effective = match args
        .effective
        .as_deref()
        .map(personvern::model::Date::parse)
    {
        Some(Err(e)) => {
            eprintln!("error: --effective: {e}");
            return ExitCode::from(2);
        }
        Some(Ok(d)) => Some(d),
        None => None,
    };
    let mut all = Vec::new();
    if let Some(n) = args.note_nb {
        all.push(("nb".to_string(), n));
    }
    if let Some(n) = args.note_en {
        all.push(("en".to_string(), n));
    }
    for n in args.notes {
        match n.split_once('=') {
            Some((l, t)) => all.push((l.trim().to_string(), t.to_string())),
            None => {
                eprintln!("error: --note expects LANG=TEXT, got `{n}`");
                return ExitCode::from(2);
            }
        }
    }
    let req = personvern::output::release::ReleaseRequest {
        version: args.version,
        effective,
        material: args.material,
        notes: all,
        short_notice: args.allow_short_notice,
        no_minify: args.no_minify,
    };
    match personvern::output::release::release(&site, &req) {
        Ok(done) => {
            let v = &done.meta.version;
            let path = done.path.display();
            let pages = done.frozen.len();
            let pages = format!(
                "{pages} {}",
                if pages == 1 {
                    "frozen page"
                } else {
                    "frozen pages"
                }
            );
            let dates = format!(
                "published {}, in force from {}",
                done.meta.published, done.meta.effective
            );
            if done.first {
                eprintln!(
                    "Released version {v} as {path} ({dates}; {pages}): the first release, so there is no earlier version to compare with{}",
                    if done.meta.material { " (marked material)" } else { "" }
                );
            } else {
                print!("{}", personvern::history::diff::to_text(&done.diff));
                let n = done.diff.changes.len();
                eprintln!(
                    "Released version {v} as {path} ({dates}; {pages}): {n} {} since version {}{}",
                    if n == 1 { "change" } else { "changes" },
                    site.history.last().map_or("", |r| r.meta.version.as_str()),
                    if done.meta.material {
                        ", material"
                    } else {
                        ", editorial"
                    }
                );
            }
            if let Some(reason) = &done.meta.short_notice {
                eprintln!("note: less notice than [changes] advance_notice_days promises; the reason is recorded in the release: {reason}");
            }
            for w in &done.warnings {
                eprintln!("warning: {w}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("nothing was written");
            ExitCode::from(1)
        }
    }
}
