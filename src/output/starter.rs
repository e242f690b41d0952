//! `personvern init`: a new site folder with commented example data that
//! builds clean at once.

use std::fs;
use std::path::Path;

use crate::reference;

/// Files of the starter site, from the built-in `content/starter/` folder.
pub fn starter_files() -> Vec<(String, &'static [u8])> {
    reference::files_under("content/starter/")
        .into_iter()
        .map(|(p, b)| (p["content/starter/".len()..].to_string(), b))
        .collect()
}

/// Creates a site in `dir`. Refuses to overwrite an existing personvern.toml.
pub fn init(dir: &Path) -> Result<Vec<String>, String> {
    if dir.join(crate::load::CONFIG_FILE).exists() {
        return Err(format!(
            "{} already holds a site ({} exists); nothing was changed",
            dir.display(),
            crate::load::CONFIG_FILE
        ));
    }
    let files = starter_files();
    for (rel, _) in &files {
        if dir.join(rel).exists() {
            return Err(format!(
                "{} already exists; nothing was changed",
                dir.join(rel).display()
            ));
        }
    }
    let mut written = Vec::new();
    let schema = crate::load::schema::schema_json();
    let files = files.into_iter().chain(std::iter::once((
        "personvern.schema.json".to_string(),
        schema.as_bytes(),
    )));
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(rel);
    }
    Ok(written)
}
