//! `personvern scan`: the live website against the declaration, in a real
//! headless Chromium.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::ValueEnum;
use personvern::scan::{self, compare, report};

use super::load_or_report;

/// Report formats of `scan`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum ScanFormat {
    /// Grouped by finding, for people.
    Human,
    /// JSON (versioned; schema in scan-report.schema.json).
    Json,
    /// Markdown, for a pull request or an issue.
    Markdown,
}

/// Arguments of `personvern scan`.
#[derive(clap::Args)]
pub struct Args {
    /// Start URL of the website (http or https).
    pub url: url::Url,
    /// Site folder with the declaration (holds personvern.toml).
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// How many pages found by following same-site links to visit besides
    /// the start URL (breadth first, as robots.txt allows).
    #[arg(long, default_value_t = 20)]
    pub pages: usize,
    /// Another page to visit (repeatable), found by links or not.
    #[arg(long = "url", value_name = "URL")]
    pub extra: Vec<url::Url>,
    /// Report format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ScanFormat,
    /// Append the undeclared cookies to content/cookies.toml, pre-filled and
    /// marked as needing a purpose text.
    #[arg(long)]
    pub add: bool,
    /// The Chromium executable (default: chromium, chromium-browser or
    /// google-chrome on PATH).
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
    /// Seconds to pause between two page visits.
    #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
    pub delay: f64,
    /// Seconds to wait after a page has loaded, for late scripts.
    #[arg(long, default_value_t = 2.0, value_name = "SECONDS")]
    pub wait: f64,
    /// Time limit in seconds for one page to load.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub page_timeout: f64,
    /// Time limit in seconds for the whole scan.
    #[arg(long, default_value_t = 600.0, value_name = "SECONDS")]
    pub timeout: f64,
}

fn seconds(name: &str, v: f64) -> Result<Duration, String> {
    if v.is_finite() && (0.0..=86_400.0).contains(&v) {
        Ok(Duration::from_secs_f64(v))
    } else {
        Err(format!(
            "--{name} must be between 0 and 86400 seconds, not {v}"
        ))
    }
}

/// Runs the scan; exit status 0 clean, 1 error findings, 2 usage or
/// browser failure (with a partial report).
pub fn run(args: Args) -> ExitCode {
    let usage = |m: String| {
        eprintln!("error: {m}");
        ExitCode::from(2)
    };
    for u in std::iter::once(&args.url).chain(&args.extra) {
        if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
            return usage(format!("{u} is not an http or https URL"));
        }
    }
    let times = (|| {
        Ok::<_, String>((
            seconds("delay", args.delay)?,
            seconds("wait", args.wait)?,
            seconds("page-timeout", args.page_timeout)?,
            seconds("timeout", args.timeout)?,
        ))
    })();
    let (delay, settle, page_timeout, total_timeout) = match times {
        Ok(t) => t,
        Err(m) => return usage(m),
    };
    if page_timeout.is_zero() || total_timeout.is_zero() {
        return usage("--page-timeout and --timeout must be more than 0 seconds".to_string());
    }
    let site = match load_or_report(&args.site) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let browser = match scan::browser::find_chromium(args.browser.as_deref()) {
        Ok(b) => b,
        Err(m) => return usage(m),
    };
    let opts = scan::Options {
        start: args.url.clone(),
        extra: args.extra.clone(),
        max_pages: args.pages,
        browser,
        delay,
        page_timeout,
        total_timeout,
        settle,
        accept_selector: site.scan.accept_selector.clone(),
        reject_selector: site.scan.reject_selector.clone(),
    };
    let obs = scan::run(&opts);
    let findings = compare::compare(&site, &obs);
    let start = args.url.as_str();
    match args.format {
        ScanFormat::Human => print!("{}", report::human(start, &obs, &findings)),
        ScanFormat::Json => println!("{}", report::json(start, &obs, &findings)),
        ScanFormat::Markdown => print!("{}", report::markdown(start, &obs, &findings)),
    }
    if let Some(f) = &obs.fault {
        eprintln!("error: {f}");
    }
    for v in obs.visits.iter().filter(|v| v.error.is_some()) {
        eprintln!(
            "error: {} ({}): {}",
            v.url,
            v.state.label(),
            v.error.as_deref().unwrap_or_default()
        );
    }
    if args.add {
        match scan::add::add_undeclared(&args.site, &site, &obs, &findings) {
            Ok(a) if a.ids.is_empty() => eprintln!("--add: nothing undeclared to add"),
            Ok(a) => eprintln!(
                "--add: appended {} to {}; write each purpose, check every value, then run `personvern check`",
                a.ids
                    .iter()
                    .map(|i| format!("[cookies.{i}]"))
                    .collect::<Vec<_>>()
                    .join(", "),
                a.path.display()
            ),
            Err(e) => {
                eprintln!("error: --add: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if obs.incomplete() {
        eprintln!("error: the scan is incomplete; the report covers what was scanned");
        return ExitCode::from(2);
    }
    let (errors, _) = report::counts(&findings);
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
