//! Themes: the templates and static files of the site's theme, with the
//! built-in default underneath.
use super::functions::{MdFilter, PlainFilter, ShortUrlFilter};
use super::*;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceMap};
use crate::reference;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;

fn read_dir_files(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>, depth: usize) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{prefix}{name}");
        if p.is_dir() && depth < 8 {
            read_dir_files(&p, &format!("{rel}/"), out, depth + 1);
        } else if p.is_file() {
            out.push((rel, p));
        }
    }
}

/// A theme's templates (parsed) and static files: the part of a
/// [`Renderer`] that needs no site data, so a build parses it while the
/// site loads.
pub struct Theme {
    pub(super) name: String,
    pub(super) root: std::path::PathBuf,
    pub(super) tera: Tera,
    pub(super) templates: BTreeMap<String, (String, PathBuf)>,
    pub(super) statics: Output,
    pub(super) sources: SourceMap,
    pub(super) diags: Diagnostics,
    /// Some template comes from the site (its `templates/` or its own
    /// theme) rather than the built-in theme.
    pub(super) overridden: bool,
}

impl Theme {
    /// Reads and parses the built-in theme, the site's theme `theme` (unless
    /// `default`) and the site's own `templates/` and `static/`.
    pub fn load(root: &Path, theme: &str) -> Theme {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();

        // Templates: name -> (source text, path for messages).
        let mut templates: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
        let mut statics: Output = BTreeMap::new();
        for (p, bytes) in reference::files_under("themes/default/") {
            let rel = &p["themes/default/".len()..];
            if let Some(name) = rel.strip_prefix("templates/") {
                templates.insert(
                    name.to_string(),
                    (
                        String::from_utf8_lossy(bytes).into_owned(),
                        PathBuf::from(p),
                    ),
                );
            } else if let Some(name) = rel.strip_prefix("static/") {
                statics.insert(name.to_string(), bytes.to_vec());
            }
        }
        let mut layers = Vec::new();
        if theme != "default" {
            let tdir = root.join("themes").join(theme);
            if !tdir.is_dir() {
                // Point at `theme = …` in personvern.toml.
                let config = root.join(crate::load::CONFIG_FILE);
                let text = std::fs::read_to_string(&config).unwrap_or_default();
                let (line, col) = text
                    .split('\n')
                    .enumerate()
                    .find_map(|(i, l)| {
                        let t = l.trim_start();
                        let rest = t.strip_prefix("theme")?.trim_start();
                        rest.starts_with('=')
                            .then(|| (i + 1, l.len() - t.len() + 1))
                    })
                    .unwrap_or((1, 1));
                diags.push(
                    Diagnostic::error(
                        "unknown-theme",
                        format!("theme `{theme}` not found: there is no folder {}", tdir.display()),
                    )
                    .in_file_at(config, line, col)
                        .help("use theme = \"default\", or put the theme in themes/<name>/ inside the site"),
                );
            }
            layers.push(tdir);
        }
        layers.push(root.to_path_buf());
        let mut overridden = false;
        for layer in &layers {
            let mut files = Vec::new();
            read_dir_files(&layer.join("templates"), "", &mut files, 0);
            for (name, path) in files {
                if let Some(d) = crate::load::outside_allowed(&path, &[root, layer]) {
                    diags.push(d);
                    continue;
                }
                match crate::load::read_text(&path) {
                    Ok(t) => {
                        overridden = true;
                        templates.insert(name, (t, path));
                    }
                    Err(d) => diags.push(d),
                }
            }
            let mut files = Vec::new();
            read_dir_files(&layer.join("static"), "", &mut files, 0);
            for (name, path) in files {
                if let Some(d) = crate::load::outside_allowed(&path, &[root, layer]) {
                    diags.push(d);
                    continue;
                }
                match std::fs::read(&path) {
                    Ok(b) => {
                        statics.insert(name, b);
                    }
                    Err(e) => diags.push(
                        Diagnostic::error("io", format!("cannot read {}: {e}", path.display()))
                            .in_file(&path),
                    ),
                }
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        // Same escaping as tera's default, minus `/` → `&#x2F;` (valid, but it
        // bloats every URL and is not needed inside quoted attributes).
        tera.set_escape_fn(escape_html);
        let raw: Vec<(String, String)> = templates
            .iter()
            .map(|(n, (t, _))| (n.clone(), t.clone()))
            .collect();
        for (n, (t, p)) in &templates {
            if n.ends_with(".html") {
                sources.add(p.clone(), t.clone());
            }
        }
        if let Err(e) = add_templates(&mut tera, raw) {
            let msg = tera_err(&e);
            let file = templates
                .iter()
                .find(|(n, _)| msg.contains(&format!("'{n}'")))
                .map(|(_, (_, p))| p.clone());
            let mut d = Diagnostic::error("template-syntax", format!("template error: {msg}"))
                .help("fix the template syntax (see https://keats.github.io/tera/docs/)");
            // tera writes the position as `--> line:column`.
            let pos = msg.split("--> ").nth(1).and_then(|r| {
                let (l, rest) = r.split_once(':')?;
                let c: String = rest.chars().take_while(char::is_ascii_digit).collect();
                Some((l.trim().parse::<usize>().ok()?, c.parse::<usize>().ok()?))
            });
            if let Some(f) = file {
                d = match pos {
                    Some((l, c)) => d.in_file_at(f, l, c),
                    None => d.in_file(f),
                };
            }
            diags.push(d);
        }
        tera.register_filter("md", MdFilter { inline: false });
        tera.register_filter("mdi", MdFilter { inline: true });
        tera.register_filter("plain", PlainFilter);
        tera.register_filter("short_url", ShortUrlFilter);
        Theme {
            name: theme.to_string(),
            root: root.to_path_buf(),
            tera,
            templates,
            statics,
            sources,
            diags,
            overridden,
        }
    }
}

/// Parses templates in parallel (parsing is most of the start-up time of a
/// build), then lets tera check inheritance and macro imports as
/// `add_raw_templates` does.
fn add_templates(tera: &mut Tera, raw: Vec<(String, String)>) -> tera::Result<()> {
    use rayon::prelude::*;
    let parsed: Vec<tera::Result<tera::Template>> = raw
        .par_iter()
        .map(|(name, text)| {
            tera::Template::new(name, None, text)
                .map_err(|e| tera::Error::chain(format!("Failed to parse '{name}'"), e))
        })
        .collect();
    for t in parsed {
        let t = t?;
        tera.templates.insert(t.name.clone(), t);
    }
    // No new templates: runs only the checks over those inserted above.
    tera.add_raw_templates(Vec::<(&str, &str)>::new())
}
