//! The live `[document]` against the releases in `history/`: one version
//! and one effective date on every page, the feed, `version.json` and the
//! archive. `release` takes both from `[document]`; these checks report a
//! `[document]` that says something no release says.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Site;

/// Findings about `[document] version` and `effective_date` against
/// `history/`. Nothing when the site has no release yet.
pub fn check(site: &Site) -> Diagnostics {
    let mut out = Diagnostics::default();
    // A release that froze its pages (format 2) and has lost them all: its
    // archive would be rendered with today's texts, not the published ones.
    for r in &site.history {
        if r.meta.format >= 2 && r.frozen.is_empty() {
            out.push(
                Diagnostic::warning(
                    "frozen-pages-missing",
                    format!(
                        "release {} froze its pages in {}/{}/, but none is there: its archived pages are rendered again with today's messages, registry and templates, so they may not show what was published",
                        r.meta.version,
                        crate::history::HISTORY_DIR,
                        crate::history::version_path(&r.meta.version)
                    ),
                )
                .in_file(&r.path)
                .help(format!(
                    "restore {}/{}/ from version control (commit it with the snapshot)",
                    crate::history::HISTORY_DIR,
                    crate::history::version_path(&r.meta.version)
                )),
            );
        }
    }
    if !site.policy.broken.is_empty() {
        return out;
    }
    let doc = &site.policy.document;
    let version = doc.version.trim();
    let (vf, vspan) = site.key_span("document", "version");
    // What `personvern release` refuses, said here first (an empty version
    // is reported by the validation).
    if !version.is_empty() {
        let released = site.history.iter().map(|r| r.meta.version.as_str());
        if let Some(problem) = crate::history::version_problem(version, released) {
            out.push(
                Diagnostic::error("invalid-value", format!("[document] version {problem}: `personvern release` would refuse it"))
                    .at(vf, vspan)
                    .help("write the version as the notice does, with letters or digits (\"3.1\", \"Ver. 2.1\", \"2024-A\"), and not so that it is named like a released version"),
            );
            return out;
        }
    }
    let Some(latest) = site.history.last() else {
        return out;
    };
    let (ef, espan) = site.key_span("document", "effective_date");
    let Some(pos) = site.history.iter().position(|r| r.meta.version == version) else {
        // A version still to be released.
        if let Some(e) = doc.effective_date {
            if e <= latest.meta.effective {
                out.push(
                    Diagnostic::error(
                        "release-mismatch",
                        format!(
                            "[document] gives the new version {version} the effective date {e}, but the released version {} takes effect {}: `personvern release` refuses a version that does not take effect after the last one",
                            latest.meta.version, latest.meta.effective
                        ),
                    )
                    .at(ef, espan)
                    .help("set effective_date to a day after the last release's"),
                );
                return out;
            }
        }
        out.push(
            Diagnostic::warning(
                "unreleased-version",
                format!(
                    "[document] says version {version}, which is not released: the pages would say {version} while the changelog, the feed and version.json say {} is the latest version",
                    latest.meta.version
                ),
            )
            .at(vf, vspan)
            .help("run `personvern release` (it takes the version and effective date from [document]) before you publish"),
        );
        return out;
    };
    let rel = &site.history[pos];
    if doc.effective_date != Some(rel.meta.effective) {
        out.push(
            Diagnostic::error(
                "release-mismatch",
                format!(
                    "[document] says version {version} takes effect {}, but the release {} says {}: the pages and the changelog, feed, version.json and archive would give two dates",
                    doc.effective_date.map_or_else(|| "on no stated day".to_string(), |d| d.to_string()),
                    rel.path.display(),
                    rel.meta.effective
                ),
            )
            .at(ef, espan)
            .help(format!(
                "set effective_date = {} (a released version keeps its date), or give [document] a new version",
                rel.meta.effective
            )),
        );
        return out;
    }
    if pos + 1 < site.history.len() {
        out.push(
            Diagnostic::error(
                "release-mismatch",
                format!(
                    "[document] says version {version}, but version {} was released after it: the pages would show an older version than the changelog and version.json",
                    latest.meta.version
                ),
            )
            .at(vf, vspan)
            .help("set [document] to the latest release's version and effective date, or a new version to release"),
        );
        return out;
    }
    let d = crate::history::diff::diff(latest.policy(), &site.policy, &site.regions.eea);
    if !d.is_empty() {
        let n = d.changes.len();
        out.push(
            Diagnostic::warning(
                "unreleased-changes",
                format!(
                    "content/ has {n} {} since release {version}, but [document] still says version {version}: the pages would show text that version {version} did not publish",
                    if n == 1 { "change" } else { "changes" }
                ),
            )
            .at(vf, vspan)
            .help("give [document] a new version and effective_date, then run `personvern release` (see `personvern diff` for the changes)"),
        );
    }
    out
}
