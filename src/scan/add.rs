//! `personvern scan --add`: the undeclared cookies and storage keys
//! appended to `content/cookies.toml` as `[cookies.<id>]` tables,
//! pre-filled from the Open Cookie Database and the observation.
//!
//! The file is edited as a TOML document (toml_edit), so its comments,
//! order and formatting stay as they were; only new tables are appended.
//! Each new table says in a comment where its values come from, and its
//! Norwegian purpose is `TODO`, which `personvern check` reports until it
//! is written; a category the database does not know is `TODO` as well.

use std::path::{Path, PathBuf};

use toml_edit::{value, DocumentMut, InlineTable, Item, Table};

use crate::model::CookieDuration;
use crate::reference::cookiedb;

use super::compare::{Finding, Kind};
use super::{Observations, SeenCookie};

/// What `--add` wrote.
#[derive(Debug, Default)]
pub struct Added {
    /// The file written.
    pub path: PathBuf,
    /// Ids of the new tables, in order.
    pub ids: Vec<String>,
}

/// Marks every table `--add` writes, so a reader sees what is still to do.
pub const ADD_NOTICE: &str = "# Added by `personvern scan --add`: write the purpose (nb and en), check every value, then run `personvern check`.";

fn iso_lifetime(seconds: u64) -> String {
    let day = 86_400;
    let m = crate::model::duration::SECONDS_PER_MONTH;
    if seconds >= m * 2 {
        format!("P{}M", (seconds + m / 2) / m)
    } else if seconds >= day {
        format!("P{}D", seconds.div_ceil(day))
    } else if seconds >= 3600 {
        format!("PT{}H", seconds.div_ceil(3600))
    } else {
        format!("PT{}M", seconds.div_ceil(60).max(1))
    }
}

/// Appends a table for every undeclared name among `findings` to the
/// site's `content/cookies.toml` (created if absent). Ids come from the
/// name ([`cookiedb::slug`]) and never replace an existing table.
pub fn add_undeclared(
    root: &Path,
    site: &crate::load::Site,
    obs: &Observations,
    findings: &[Finding],
) -> Result<Added, String> {
    let path = root.join("content").join("cookies.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("{}: not valid TOML: {e}", path.display()))?;
    let mut added = Added {
        path: path.clone(),
        ids: Vec::new(),
    };
    if !doc.contains_key("cookies") {
        let mut t = Table::new();
        t.set_implicit(true);
        doc.insert("cookies", Item::Table(t));
    }
    let Some(cookies) = doc.get_mut("cookies").and_then(Item::as_table_mut) else {
        return Err(format!(
            "{}: `cookies` is not a table; add the cookies by hand",
            path.display()
        ));
    };
    cookies.set_implicit(true);
    let position = cookies
        .iter()
        .filter_map(|(_, v)| v.as_table().and_then(Table::position))
        .max()
        .unwrap_or(0)
        + 1;
    for (offset, f) in findings
        .iter()
        .filter(|f| f.kind == Kind::Undeclared)
        .enumerate()
    {
        let base = cookiedb::slug(&f.name);
        let mut id = base.clone();
        let mut n = 2;
        while cookies.contains_key(&id) || site.policy.cookies.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let seen: Option<&SeenCookie> = obs
            .cookies
            .iter()
            .find(|c| f.technology == "http_cookie" && c.name == f.name);
        let known = cookiedb::lookup(&f.name).into_iter().next();
        let mut t = Table::new();
        let mut comment = format!("\n{ADD_NOTICE}\n");
        if let Some(c) = seen {
            comment.push_str(&format!(
                "# Seen {} on {} (domain {}{}).\n",
                c.state.label(),
                c.page,
                c.domain,
                c.set_by
                    .url()
                    .map(|u| format!(", set by {u}"))
                    .unwrap_or_default()
            ));
        } else if let (Some(state), Some(page)) = (f.state, f.page.as_deref()) {
            comment.push_str(&format!("# Seen {} on {page}.\n", state.label()));
        }
        if let Some(k) = known {
            comment.push_str(&format!(
                "# Open Cookie Database (Apache-2.0): {} ({}), category \"{}\", retention \"{}\".\n",
                k.platform.replace(['\n', '\r'], " "),
                k.controller.replace(['\n', '\r'], " "),
                k.category_label.replace(['\n', '\r'], " "),
                k.retention_text.replace(['\n', '\r'], " ")
            ));
        }
        t.decor_mut().set_prefix(comment);
        t.insert("name", value(f.name.clone()));
        if f.technology != "http_cookie" {
            t.insert("technology", value(f.technology));
        }
        let third = seen.is_some_and(|c| c.third_party);
        t.insert("party", value(if third { "third" } else { "first" }));
        if let Some(c) = seen {
            t.insert("domain", value(c.domain.trim_start_matches('.')));
        }
        t.insert("category", value(known.map_or("TODO", |k| k.category.id())));
        let duration = match (seen, known.map(|k| &k.duration)) {
            (Some(c), _) => match c.expires_in {
                None => "session".to_string(),
                Some(s) => iso_lifetime(s),
            },
            (None, Some(Ok(CookieDuration::Session))) => "session".to_string(),
            (None, Some(Ok(d))) => crate::model::cookie_duration_str(d),
            (None, _) if f.technology == "session_storage" => "session".to_string(),
            _ => "TODO".to_string(),
        };
        t.insert("duration", value(duration));
        let mut purpose = InlineTable::new();
        purpose.insert("nb", "TODO: skriv formålet på norsk".into());
        let en = known
            .map(|k| k.description.trim().to_string())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "TODO: describe the purpose".to_string());
        purpose.insert("en", en.into());
        t.insert("purpose", value(purpose));
        t.set_position(Some(position + offset as isize));
        cookies.insert(&id, Item::Table(t));
        added.ids.push(id);
    }
    if added.ids.is_empty() {
        return Ok(added);
    }
    let out = doc.to_string();
    write_file_atomic(&path, out.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(added)
}

/// Writes a file through a temporary file in the same folder, renamed into
/// place: an interrupted write leaves the old file whole.
fn write_file_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::iso_lifetime;

    #[test]
    fn lifetimes_round_up_to_a_unit() {
        assert_eq!(iso_lifetime(30), "PT1M");
        assert_eq!(iso_lifetime(7200), "PT2H");
        assert_eq!(iso_lifetime(86_400 * 3), "P3D");
        assert_eq!(iso_lifetime(63_072_000), "P24M");
    }
}
