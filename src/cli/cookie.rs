//! `personvern cookie`: look up or add known cookies (Open Cookie Database).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use super::load_or_report;

#[derive(Subcommand)]
pub enum CookieAction {
    /// Show what the Open Cookie Database knows about a cookie (`_ga`, `_ga_*`).
    Lookup {
        /// Cookie name or pattern.
        name: String,
    },
    /// Add a known cookie to the site's content/cookies.toml, pre-filled.
    Add {
        /// Cookie name (exact, or a name the database matches by prefix).
        name: String,
        /// Site folder (holds personvern.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Id for the new [cookies.<id>] table (default: from the name).
        #[arg(long)]
        id: Option<String>,
        /// Recipient id of the provider, if declared.
        #[arg(long)]
        provider: Option<String>,
    },
}

/// Arguments of `personvern cookie`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: CookieAction,
}

/// Looks up or adds a cookie.
pub fn run(args: Args) -> ExitCode {
    run_cookie(args.action)
}

fn run_cookie(action: CookieAction) -> ExitCode {
    use personvern::reference::cookiedb;
    match action {
        CookieAction::Lookup { name } => {
            let found = cookiedb::lookup(&name);
            if found.is_empty() {
                eprintln!("no cookie named `{name}` in the Open Cookie Database");
                return ExitCode::from(1);
            }
            for k in found {
                let duration = match &k.duration {
                    Ok(d) => personvern::model::cookie_duration_str(d),
                    Err(e) => format!("unparsed: {e}"),
                };
                println!("{}{}", k.name, if k.wildcard { "* (pattern)" } else { "" });
                println!("  platform:  {} ({})", k.platform, k.controller);
                println!(
                    "  category:  {} (database: {})",
                    k.category.id(),
                    k.category_label
                );
                println!("  duration:  {duration} (database: {})", k.retention_text);
                if !k.domain.is_empty() {
                    println!("  domain:    {}", k.domain);
                }
                println!("  purpose:   {}", k.description);
                if !k.privacy_url.is_empty() {
                    println!("  privacy:   {}", k.privacy_url);
                }
                println!();
            }
            eprintln!("Source: Open Cookie Database (Apache-2.0), see content/LICENSE-open-cookie-database.txt. Domain, purpose and the \"database:\" values are its own, unchanged; check them against what your site sets.");
            ExitCode::SUCCESS
        }
        CookieAction::Add {
            name,
            dir,
            id,
            provider,
        } => {
            let site = match load_or_report(&dir) {
                Ok(s) => s,
                Err(c) => return c,
            };
            let found = cookiedb::lookup(&name);
            let Some(k) = found.first() else {
                eprintln!(
                    "error: no cookie named `{name}` in the Open Cookie Database; add it by hand"
                );
                return ExitCode::from(1);
            };
            // A cookie with this name (or pattern) is declared already.
            let pattern = k.pattern();
            if let Some((other, _)) = site.policy.cookies.iter().find(|(_, c)| {
                c.name
                    .as_deref()
                    .is_some_and(|n| n == pattern || n == name.trim())
            }) {
                eprintln!("error: `{pattern}` is declared already, as [cookies.{other}]; edit that entry instead");
                return ExitCode::from(1);
            }
            let id = match id {
                Some(id) => {
                    if site.policy.cookies.contains(&id) {
                        eprintln!("error: [cookies.{id}] already exists; pass another --id");
                        return ExitCode::from(1);
                    }
                    id
                }
                // From the pattern (`_ga_*` → `ga-star`, not the `ga` of
                // `_ga`), with `-2`, `-3` … if that id is taken.
                None => cookiedb::free_id(&pattern, |id| site.policy.cookies.contains(id)),
            };
            if let Some(p) = &provider {
                if !site.policy.recipients.contains(p) {
                    eprintln!("error: --provider `{p}` is not a declared recipient");
                    return ExitCode::from(1);
                }
            }
            // A declared recipient whose name or service names the
            // database's platform (or, failing that, its controller).
            let provider = provider.or_else(|| {
                let recipients = site.policy.recipients.iter().map(|(id, r)| {
                    let mut texts: Vec<&str> = r.name.as_deref().into_iter().collect();
                    texts.extend(r.service.map.values().map(String::as_str));
                    (id.as_str(), texts)
                });
                let recipients: Vec<_> = recipients.collect();
                let found = cookiedb::provider_candidates(k, &recipients);
                match found.as_slice() {
                    [one] => {
                        eprintln!("provider = \"{one}\": the declared recipient whose name matches the database's \"{}\" ({}); pass --provider to choose another", k.platform, k.controller);
                        Some((*one).to_string())
                    }
                    [] => None,
                    many => {
                        eprintln!("Several declared recipients match the database's \"{}\" ({}): {}; pass --provider ID to choose one", k.platform, k.controller, many.join(", "));
                        None
                    }
                }
            });
            let snippet = cookiedb::toml_snippet(k, &id, provider.as_deref());
            let path = dir.join("content").join("cookies.toml");
            let mut text = std::fs::read_to_string(&path).unwrap_or_default();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push('\n');
            text.push_str(&snippet);
            if let Err(e) = std::fs::create_dir_all(dir.join("content"))
                .and_then(|_| std::fs::write(&path, text))
            {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::from(2);
            }
            print!("{snippet}");
            eprintln!("Added [cookies.{id}] to {}. Write the Norwegian purpose, check every value, then run `personvern check`.", path.display());
            ExitCode::SUCCESS
        }
    }
}
