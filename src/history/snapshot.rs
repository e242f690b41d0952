//! The text of a snapshot: the policy as normalised TOML behind its `[release]` table.
use super::*;
use crate::history::diff::{self};
use crate::model::Policy;
use serde_json::Value;

fn json_to_toml(v: &Value) -> Option<toml::Value> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(a) => toml::Value::Array(a.iter().filter_map(json_to_toml).collect()),
        Value::Object(o) => {
            let mut t = toml::Table::new();
            for (k, v) in o {
                if let Some(x) = json_to_toml(v) {
                    t.insert(k.clone(), x);
                }
            }
            toml::Value::Table(t)
        }
    })
}

/// A list of `{ id, … }` objects as a table keyed by id.
fn keyed(list: &Value) -> Value {
    let mut m = serde_json::Map::new();
    for e in list.as_array().into_iter().flatten() {
        if let Some(id) = e.get("id").and_then(Value::as_str) {
            let mut e = e.clone();
            if let Some(o) = e.as_object_mut() {
                o.remove("id");
            }
            m.insert(id.to_string(), e);
        }
    }
    Value::Object(m)
}

/// The `[release]` table of a snapshot, as its last part: `meta` in TOML.
pub fn release_table(meta: &ReleaseMeta) -> String {
    let mut table = toml::Table::new();
    if let Some(toml::Value::Table(t)) =
        json_to_toml(&serde_json::to_value(meta).unwrap_or(Value::Null))
    {
        table.insert("release".into(), toml::Value::Table(t));
    }
    toml::to_string_pretty(&table).unwrap_or_default()
}

/// The snapshot text of `policy` as release `meta`.
pub fn snapshot_toml(policy: &Policy, meta: &ReleaseMeta) -> String {
    let mut v = diff::normalized(policy);
    if let Some(o) = v.as_object_mut() {
        for c in diff::COLLECTIONS.iter().filter(|c| !c.contains('.')) {
            if let Some(list) = o.get(*c) {
                let k = keyed(list);
                o.insert((*c).to_string(), k);
            }
        }
        if let Some(ch) = o.get("rights").and_then(|r| r.get("channels")).cloned() {
            o["rights"]["channels"] = keyed(&ch);
        }
        // A plain id as the site wrote it, or the table form when the
        // notice also says it is the lead authority or names others.
        let sa = o.get("supervisory_authority").and_then(|s| {
            if s.get("lead").is_some() || s.get("others").is_some() {
                Some(s.clone())
            } else {
                s.get("id").cloned()
            }
        });
        if let Some(sa) = sa {
            o.insert("supervisory_authority".into(), sa);
        }
        o["document"]["version"] = Value::String(meta.version.clone());
        o["document"]["effective_date"] = Value::String(meta.effective.to_string());
        o.retain(|_, x| !x.is_null() && x.as_object().is_none_or(|m| !m.is_empty()));
    }
    // Plain keys first: TOML puts keys after a table header into that table.
    if let Some(toml::Value::Table(data)) = json_to_toml(&v) {
        let (plain, tables): (Vec<_>, Vec<_>) = data.into_iter().partition(|(_, x)| !x.is_table());
        let mut ordered = toml::Table::new();
        for (k, x) in plain.into_iter().chain(tables) {
            ordered.insert(k, x);
        }
        let body = toml::to_string_pretty(&ordered).unwrap_or_default();
        let head = release_table(meta);
        return format!(
            "# personvern release snapshot, version {}.\n# Written by `personvern release`; do not edit. It is self-contained: it does\n# not depend on the live files in content/, and is loaded with the same loader.\n\n{body}\n{head}",
            meta.version
        );
    }
    String::new()
}
