//! The scan report: for people (grouped by finding), as JSON (versioned,
//! with a JSON Schema: `scan-report.schema.json`, [`json_schema`]) and as
//! Markdown for a pull request or an issue.

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::Serialize;

use super::compare::{Finding, Kind, Severity};
use super::{BannerMethod, Observations, REPORT_VERSION};

/// The JSON report, as `--format json` prints it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(
    title = "personvern scan report",
    description = "What `personvern scan --format json` prints: the findings and every observation."
)]
pub struct JsonReport<'a> {
    /// Version of this format; it changes when a field changes meaning or goes away.
    pub version: u32,
    /// The start URL.
    pub start_url: &'a str,
    /// Whether the scan stopped early or a page failed (exit status 2).
    pub incomplete: bool,
    /// What stopped the scan early, if anything.
    pub fault: Option<&'a str>,
    /// Wall-clock milliseconds.
    pub millis: u64,
    /// Pages that loaded, in visit order.
    pub pages: Vec<String>,
    /// Number of error findings.
    pub errors: usize,
    /// Number of warning findings.
    pub warnings: usize,
    /// Findings, grouped by kind.
    #[schemars(with = "Vec<FindingSchema>")]
    pub findings: &'a [Finding],
    /// Everything observed.
    #[schemars(with = "ObservationsSchema")]
    pub observations: &'a Observations,
}

/// Schema of one finding (mirrors [`Finding`]).
#[derive(JsonSchema)]
#[allow(dead_code)]
struct FindingSchema {
    /// `set_before_consent`, `undeclared`, `not_seen`, `mismatch` or `third_party_host`.
    #[schemars(regex(
        pattern = "^(set_before_consent|undeclared|not_seen|mismatch|third_party_host)$"
    ))]
    kind: String,
    /// `error` (exit status 1) or `warning`.
    #[schemars(regex(pattern = "^(error|warning)$"))]
    severity: String,
    /// For a mismatch: `lifetime`, `party` or `provider_host`.
    detail: Option<String>,
    /// `http_cookie`, `local_storage`, `session_storage`, `indexed_db` or `host`.
    technology: String,
    /// Cookie or key name, or host.
    name: String,
    /// Id of the matching declared entry.
    declared: Option<String>,
    /// Consent state: `before_consent`, `rejected` or `accepted`.
    state: Option<String>,
    /// Page it was first seen after.
    page: Option<String>,
    /// One sentence for people.
    message: String,
    /// The Open Cookie Database's entry for an undeclared name it knows.
    known: Option<KnownSchema>,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct KnownSchema {
    platform: String,
    category: String,
    description: String,
    retention: String,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct ObservationsSchema {
    visits: Vec<VisitSchema>,
    states: Vec<StateSchema>,
    cookies: Vec<CookieSchema>,
    storage: Vec<StorageSchema>,
    requests: Vec<RequestSchema>,
    robots_disallowed: Vec<String>,
    fault: Option<String>,
    millis: u64,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct VisitSchema {
    state: String,
    url: String,
    final_url: Option<String>,
    error: Option<String>,
    millis: u64,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct StateSchema {
    state: String,
    /// `cookieconsent`, `selectors` or `none`.
    method: String,
    scanned: bool,
    note: Option<String>,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct CookieSchema {
    state: String,
    page: String,
    name: String,
    domain: String,
    path: String,
    /// Seconds from the visit until it expires; null for a session cookie.
    expires_in: Option<u64>,
    secure: bool,
    http_only: bool,
    same_site: Option<String>,
    third_party: bool,
    set_by: SetterSchema,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct SetterSchema {
    /// `header`, `script` or `unknown`.
    by: String,
    /// The response's URL (`header`) or the script's (`script`).
    url: Option<String>,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct StorageSchema {
    state: String,
    page: String,
    /// `local_storage`, `session_storage` or `indexed_db`.
    kind: String,
    name: String,
    origin: String,
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct RequestSchema {
    state: String,
    page: String,
    host: String,
    types: Vec<String>,
    count: usize,
    third_party: bool,
}

/// The JSON Schema of the report (`scan-report.schema.json`).
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(JsonReport<'static>)).unwrap_or_default()
}

/// Errors and warnings among the findings.
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let e = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (e, findings.len() - e)
}

/// The JSON report as text.
pub fn json(start: &str, obs: &Observations, findings: &[Finding]) -> String {
    let (errors, warnings) = counts(findings);
    let r = JsonReport {
        version: REPORT_VERSION,
        start_url: start,
        incomplete: obs.incomplete(),
        fault: obs.fault.as_deref(),
        millis: obs.millis,
        pages: obs.pages(),
        errors,
        warnings,
        findings,
        observations: obs,
    };
    serde_json::to_string_pretty(&r).unwrap_or_default()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn distinct<T: PartialEq>(items: impl Iterator<Item = T>) -> usize {
    let mut v: Vec<T> = Vec::new();
    for x in items {
        if !v.contains(&x) {
            v.push(x);
        }
    }
    v.len()
}

/// Lines that say what was scanned (shared by human and Markdown output).
fn overview(start: &str, obs: &Observations) -> Vec<String> {
    let mut lines = Vec::new();
    let pages = obs.pages();
    lines.push(format!(
        "Scanned {start}: {}, {:.1} s.",
        plural(pages.len(), "page", "pages"),
        obs.millis as f64 / 1000.0
    ));
    for s in &obs.states {
        let visited = obs
            .visits
            .iter()
            .filter(|v| v.state == s.state && v.error.is_none())
            .count();
        let how = match s.method {
            BannerMethod::Cookieconsent => " (through the cookieconsent API)",
            BannerMethod::Selectors => " (by clicking the [scan] selectors)",
            BannerMethod::None => "",
        };
        if s.scanned {
            lines.push(format!(
                "- {}{how}: {} visited",
                s.state.label(),
                plural(visited, "page", "pages")
            ));
        } else {
            lines.push(format!(
                "- {}: not scanned{}",
                s.state.label(),
                s.note
                    .as_ref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default()
            ));
        }
    }
    lines.push(format!(
        "Seen: {}, {}, {}.",
        plural(
            distinct(obs.cookies.iter().map(|c| (&c.name, &c.domain))),
            "cookie",
            "cookies"
        ),
        plural(
            distinct(obs.storage.iter().map(|s| (s.kind, &s.name))),
            "storage key or database",
            "storage keys and databases"
        ),
        plural(
            distinct(
                obs.requests
                    .iter()
                    .filter(|r| r.third_party)
                    .map(|r| &r.host)
            ),
            "third-party host",
            "third-party hosts"
        )
    ));
    for v in obs.visits.iter().filter(|v| v.error.is_some()) {
        lines.push(format!(
            "Failed {}: {} ({})",
            v.state.label(),
            v.url,
            v.error.as_deref().unwrap_or_default()
        ));
    }
    if let Some(f) = &obs.fault {
        lines.push(format!(
            "The scan stopped early: {f}. What follows covers what was scanned."
        ));
    }
    lines
}

/// The report for people.
pub fn human(start: &str, obs: &Observations, findings: &[Finding]) -> String {
    let mut out = String::new();
    for l in overview(start, obs) {
        let _ = writeln!(out, "{l}");
    }
    for kind in Kind::ALL {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", kind.title(), group.len());
        for f in group {
            let sev = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let _ = writeln!(out, "  {sev}: {}", f.message);
            if let Some(k) = &f.known {
                let _ = writeln!(
                    out,
                    "    Open Cookie Database: {}, {}, retention \"{}\": {}",
                    k.platform,
                    k.category.id(),
                    k.retention,
                    k.description
                );
            }
        }
    }
    let (e, w) = counts(findings);
    let _ = writeln!(
        out,
        "\n{}",
        if findings.is_empty() && obs.fault.is_some() {
            // A scan that stopped early proves nothing about the website.
            "No findings in what was scanned, but the scan stopped early: this is not a clean result."
                .to_string()
        } else if findings.is_empty() {
            "No findings: the website matches the declaration as far as the scan could see."
                .to_string()
        } else {
            format!(
                "{}, {}.",
                plural(e, "error", "errors"),
                plural(w, "warning", "warnings")
            )
        }
    );
    out
}

/// Text safe in a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\n', '\r'], " ")
}

/// The report as Markdown.
pub fn markdown(start: &str, obs: &Observations, findings: &[Finding]) -> String {
    let mut out = String::new();
    let (e, w) = counts(findings);
    let _ = writeln!(
        out,
        "## personvern scan: {}, {}\n",
        plural(e, "error", "errors"),
        plural(w, "warning", "warnings")
    );
    for l in overview(start, obs) {
        let _ = writeln!(out, "{}", cell(&l).replace("\\|", "|"));
    }
    for kind in Kind::ALL {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {} ({})\n", kind.title(), group.len());
        let _ = writeln!(out, "| Severity | Name | State | Page | Finding |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for f in group {
            let sev = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let _ = writeln!(
                out,
                "| {sev} | `{}` | {} | {} | {} |",
                cell(&f.name).replace('`', "'"),
                f.state.map(|s| s.label()).unwrap_or("any"),
                cell(f.page.as_deref().unwrap_or("")),
                cell(&f.message)
            );
        }
    }
    out
}
