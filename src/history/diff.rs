//! Semantic diff of two versions of a policy, entity by entity (by id),
//! with field-level old and new values, word-level text diffs, and a
//! material/editorial classification (WP260: fundamental changes must be
//! announced before they take effect).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::model::Policy;

/// Added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// New entity.
    Added,
    /// Entity no longer there.
    Removed,
    /// Entity with changed fields.
    Changed,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Field name (`retention`, `legal_basis`, …).
    pub field: String,
    /// Old value (language-neutral JSON; texts are `{ lang: text }`).
    pub old: Value,
    /// New value.
    pub new: Value,
    /// Word-level diff per language for text fields: `[(op, words)]` with op
    /// `=`, `-` or `+`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub words: BTreeMap<String, Vec<(char, String)>>,
}

/// One change to one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Collection or table: `activities`, `recipients`, `controller`, …
    pub entity: String,
    /// Entity id (the table name for singletons).
    pub id: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// Changed fields (for `changed`).
    pub fields: Vec<FieldChange>,
    /// Material (must be announced) or editorial.
    pub material: bool,
    /// Why it is material, a stable id such as `new-purpose`.
    pub reason: Option<String>,
    /// The entity's display name in each language (or plain), for sentences.
    pub name: Value,
}

/// All changes between two versions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PolicyDiff {
    /// Changes, in a stable order (by entity kind, then id).
    pub changes: Vec<Change>,
}

impl PolicyDiff {
    /// True if nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
    /// True if any change is material.
    pub fn is_material(&self) -> bool {
        self.changes.iter().any(|c| c.material)
    }
}

/// Collections compared entity by entity, in this order.
pub const COLLECTIONS: &[&str] = &[
    "activities",
    "recipients",
    "transfers",
    "cookies",
    "data_categories",
    "data_subjects",
    "sources",
    "processor_contexts",
    "sections",
    "rights.channels",
];

/// Singleton tables compared field by field.
pub const SINGLETONS: &[&str] = &[
    "controller",
    "privacy_contact",
    "supervisory_authority",
    "rights",
    "cookie_policy",
    "security",
    "children",
    "changes",
    "document",
];

/// The policy as language-neutral JSON, with metadata fields removed.
pub fn normalized(p: &Policy) -> Value {
    let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
    if let Some(sa) = v
        .get("supervisory_authority")
        .and_then(|s| s.get("id"))
        .cloned()
    {
        v["supervisory_authority"] = json!({ "id": sa });
    }
    v
}

fn get_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |acc, k| acc.get(k))
}

fn by_id(v: Option<&Value>) -> BTreeMap<&str, &Value> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|e| e.get("id").and_then(Value::as_str).map(|id| (id, e)))
                .collect()
        })
        .unwrap_or_default()
}

fn name_of(v: &Value) -> Value {
    for k in ["name", "label", "title", "service", "legal_name"] {
        if let Some(x) = v.get(k) {
            if !x.is_null() {
                return x.clone();
            }
        }
    }
    Value::Null
}

/// A short label for a source that has no `name`: each language's
/// description up to its first comma or full stop.
fn source_label(v: &Value) -> Value {
    let Some(o) = v.get("description").and_then(Value::as_object) else {
        return Value::Null;
    };
    let cut: serde_json::Map<String, Value> = o
        .iter()
        .filter_map(|(lang, t)| {
            let t = t.as_str()?.trim();
            let end = t.find([',', '.']).unwrap_or(t.len());
            let head = t[..end].trim();
            (!head.is_empty()).then(|| (lang.clone(), json!(head)))
        })
        .collect();
    if cut.is_empty() {
        Value::Null
    } else {
        Value::Object(cut)
    }
}

fn is_text_map(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| !o.is_empty() && o.values().all(Value::is_string))
}

fn word_diff(old: &Value, new: &Value) -> BTreeMap<String, Vec<(char, String)>> {
    let mut out = BTreeMap::new();
    let (Some(o), Some(n)) = (old.as_object(), new.as_object()) else {
        return out;
    };
    for (lang, nv) in n {
        let ov = o.get(lang).and_then(Value::as_str).unwrap_or("");
        let nv = nv.as_str().unwrap_or("");
        if ov == nv {
            continue;
        }
        let diff = similar::TextDiff::from_words(ov, nv);
        let ops = diff
            .iter_all_changes()
            .map(|c| {
                let op = match c.tag() {
                    similar::ChangeTag::Equal => '=',
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                };
                (op, c.value().to_string())
            })
            .fold(Vec::<(char, String)>::new(), |mut acc, (op, s)| {
                match acc.last_mut() {
                    Some((lop, ls)) if *lop == op => ls.push_str(&s),
                    _ => acc.push((op, s)),
                }
                acc
            });
        out.insert(lang.clone(), ops);
    }
    out
}

fn field_changes(old: &Value, new: &Value, skip: &[&str]) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let o = old.as_object().unwrap_or(&empty);
    let n = new.as_object().unwrap_or(&empty);
    let keys: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    keys.into_iter()
        .filter(|k| k.as_str() != "id" && !skip.contains(&k.as_str()))
        .filter_map(|k| {
            let ov = o.get(k).unwrap_or(&Value::Null);
            let nv = n.get(k).unwrap_or(&Value::Null);
            (ov != nv).then(|| {
                let words = if is_text_map(ov) || is_text_map(nv) {
                    word_diff(ov, nv)
                } else {
                    BTreeMap::new()
                };
                FieldChange {
                    field: k.clone(),
                    old: ov.clone(),
                    new: nv.clone(),
                    words,
                }
            })
        })
        .collect()
}

fn id_set(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn approx_seconds(v: &Value) -> Option<u64> {
    let s = v.as_str()?;
    if s == "session" {
        return Some(0);
    }
    crate::model::duration::Duration::parse(s)
        .ok()
        .map(|d| d.approx_seconds())
}

/// Why a change is material, or `None` if it is editorial.
fn classify(
    entity: &str,
    kind: ChangeKind,
    new: &Value,
    fields: &[FieldChange],
    eea: &[String],
) -> Option<&'static str> {
    // `EEA` (a region named instead of a country) is inside; `worldwide` is not.
    let outside = |c: &Value| {
        c.as_str()
            .is_some_and(|c| c != "EEA" && !eea.iter().any(|e| e == c))
    };
    match (entity, kind) {
        ("activities", ChangeKind::Added) => Some("new-purpose"),
        // A new joint controller changes who is responsible (art. 26).
        ("recipients", ChangeKind::Added)
            if new.get("kind").and_then(Value::as_str) == Some("joint_controller") =>
        {
            Some("new-joint-controller")
        }
        ("recipients", ChangeKind::Added) => Some("new-recipient"),
        ("transfers", ChangeKind::Added) => Some("new-transfer"),
        // The safeguards a transfer relied on are gone (WP260 § 29: a
        // change to how data is protected abroad).
        ("transfers", ChangeKind::Removed) => Some("transfer-mechanism-changed"),
        ("rights.channels", ChangeKind::Removed) => Some("rights-channel-removed"),
        ("cookies", ChangeKind::Added) => {
            let cat = new.get("category").and_then(Value::as_str).unwrap_or("");
            matches!(cat, "statistics" | "marketing").then_some("new-tracking-cookie")
        }
        (_, ChangeKind::Changed) => {
            for f in fields {
                let reason = match (entity, f.field.as_str()) {
                    ("activities", "purposes") => (f.new.as_array().map_or(0, Vec::len)
                        > f.old.as_array().map_or(0, Vec::len))
                    .then_some("new-purpose"),
                    ("activities", "legal_basis")
                    | ("activities", "special_category_condition") => Some("legal-basis-changed"),
                    ("activities", "data_categories") => {
                        (!id_set(&f.new).is_subset(&id_set(&f.old))).then_some("new-data-category")
                    }
                    ("activities", "recipients") => {
                        (!id_set(&f.new).is_subset(&id_set(&f.old))).then_some("new-recipient")
                    }
                    ("activities", "retention") => {
                        let o = f.old.get("period").and_then(approx_seconds);
                        let n = f.new.get("period").and_then(approx_seconds);
                        match (o, n) {
                            (Some(o), Some(n)) if n > o => Some("longer-retention"),
                            (None, Some(_)) | (Some(_), None) => Some("retention-changed"),
                            _ => None,
                        }
                    }
                    ("activities", "automated_decision") => {
                        let on =
                            |v: &Value, k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
                        let added = f.old.is_null() && !f.new.is_null();
                        let more = !f.new.is_null()
                            && ((on(&f.new, "profiling") && !on(&f.old, "profiling"))
                                || (on(&f.new, "solely_automated")
                                    && !on(&f.old, "solely_automated")));
                        (added || more).then_some("new-automated-decision")
                    }
                    ("recipients", "kind") if f.new.as_str() == Some("joint_controller") => {
                        Some("new-joint-controller")
                    }
                    ("recipients", "kind") => Some("new-recipient-category"),
                    // A recipient now of every activity receives more data.
                    ("recipients", "all_activities") => {
                        (f.new.as_bool() == Some(true)).then_some("new-recipient")
                    }
                    ("transfers", "mechanism") => Some("transfer-mechanism-changed"),
                    ("cookies", "duration") => {
                        match (approx_seconds(&f.old), approx_seconds(&f.new)) {
                            // A session cookie (0) made persistent is longer too.
                            (Some(o), Some(n)) if n > o => Some("longer-cookie-duration"),
                            _ => None,
                        }
                    }
                    ("rights", "response_time") => {
                        // Unstated, the GDPR's one month applies (art. 12(3)).
                        let month = crate::model::duration::SECONDS_PER_MONTH;
                        let o = approx_seconds(&f.old).unwrap_or(month);
                        let n = approx_seconds(&f.new).unwrap_or(month);
                        (n > o).then_some("longer-response-time")
                    }
                    ("recipients", "country") => outside(&f.new).then_some("new-transfer"),
                    ("recipients", "data_locations") => id_set(&f.new)
                        .difference(&id_set(&f.old))
                        .any(|c| c != "EEA" && !eea.contains(c))
                        .then_some("new-transfer"),
                    ("transfers", "country") | ("transfers", "recipient") => Some("new-transfer"),
                    ("cookies", "category") => {
                        let cat = f.new.as_str().unwrap_or("");
                        matches!(cat, "statistics" | "marketing").then_some("new-tracking-cookie")
                    }
                    ("controller", "legal_name") | ("controller", "org_number") => {
                        Some("new-controller")
                    }
                    _ => None,
                };
                if reason.is_some() {
                    return reason;
                }
            }
            None
        }
        _ => None,
    }
}

/// Compares two versions. `eea` lists EEA country codes (for transfer rules).
pub fn diff(old: &Policy, new: &Policy, eea: &[String]) -> PolicyDiff {
    diff_normalized(&normalized(old), &normalized(new), eea)
}

/// [`diff`] of two policies already [`normalized`] (a history of many
/// releases normalizes each release once, not twice).
pub fn diff_normalized(o: &Value, n: &Value, eea: &[String]) -> PolicyDiff {
    let mut changes = Vec::new();
    for coll in COLLECTIONS {
        let (om, nm) = (by_id(get_path(o, coll)), by_id(get_path(n, coll)));
        let ids: BTreeSet<&str> = om.keys().chain(nm.keys()).copied().collect();
        for id in ids {
            let (kind, fields, newv) = match (om.get(id), nm.get(id)) {
                (None, Some(nv)) => (ChangeKind::Added, Vec::new(), *nv),
                (Some(ov), None) => (ChangeKind::Removed, Vec::new(), *ov),
                (Some(ov), Some(nv)) => {
                    if ov == nv {
                        continue;
                    }
                    let f = field_changes(ov, nv, &["waive"]);
                    if f.is_empty() {
                        continue;
                    }
                    (ChangeKind::Changed, f, *nv)
                }
                (None, None) => continue,
            };
            let reason = classify(coll, kind, newv, &fields, eea);
            let mut name = name_of(newv);
            if *coll == "transfers" {
                // "Recipient name (US)": resolve the recipient in either version.
                let rid = newv.get("recipient").and_then(Value::as_str).unwrap_or("");
                let rec = by_id(n.get("recipients"))
                    .get(rid)
                    .or(by_id(o.get("recipients")).get(rid))
                    .map(|r| name_of(r));
                let country = newv.get("country").and_then(Value::as_str).unwrap_or("");
                name = json!(format!(
                    "{} ({country})",
                    rec.and_then(|r| r.as_str().map(str::to_string))
                        .unwrap_or_else(|| rid.to_string())
                ));
            }
            if name.is_null() && *coll == "sources" {
                // A source without a name: the start of its description (up
                // to the first comma or full stop), not its internal id.
                name = source_label(newv);
            }
            if name.is_null() {
                name = json!(id);
            }
            changes.push(Change {
                entity: coll.to_string(),
                id: id.to_string(),
                kind,
                material: reason.is_some(),
                reason: reason.map(str::to_string),
                name,
                fields,
            });
        }
    }
    for table in SINGLETONS {
        let skip: &[&str] = match *table {
            "document" => &["version", "effective_date", "last_reviewed"],
            "rights" => &["channels"],
            _ => &[],
        };
        let ov = o.get(*table).cloned().unwrap_or(Value::Null);
        let nv = n.get(*table).cloned().unwrap_or(Value::Null);
        let fields = field_changes(&ov, &nv, skip);
        if fields.is_empty() {
            continue;
        }
        let reason = classify(table, ChangeKind::Changed, &nv, &fields, eea);
        changes.push(Change {
            entity: table.to_string(),
            id: table.to_string(),
            kind: ChangeKind::Changed,
            material: reason.is_some(),
            reason: reason.map(str::to_string),
            name: Value::Null,
            fields,
        });
    }
    PolicyDiff { changes }
}

fn short(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => s.clone(),
        Value::Object(o) if is_text_map(v) => o
            .values()
            .next()
            .and_then(Value::as_str)
            .unwrap_or("")
            .chars()
            .take(60)
            .collect(),
        other => other.to_string(),
    }
}

/// Plain text for a terminal, one change per line, fields indented.
pub fn to_text(d: &PolicyDiff) -> String {
    let mut s = String::new();
    for c in &d.changes {
        let sign = match c.kind {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        };
        let tag = if c.material {
            format!("  [material: {}]", c.reason.as_deref().unwrap_or(""))
        } else {
            "  [editorial]".into()
        };
        s.push_str(&format!("{sign} {}.{}{tag}\n", c.entity, c.id));
        for f in &c.fields {
            if f.words.is_empty() && f.old.is_object() && f.new.is_object() && !is_text_map(&f.old)
            {
                // Show only the sub-fields that changed (`retention.period: P26M → P14M`).
                for sub in field_changes(&f.old, &f.new, &[]) {
                    s.push_str(&format!(
                        "    {}.{}: {} → {}\n",
                        f.field,
                        sub.field,
                        short(&sub.old),
                        short(&sub.new)
                    ));
                }
            } else if f.words.is_empty() {
                s.push_str(&format!(
                    "    {}: {} → {}\n",
                    f.field,
                    short(&f.old),
                    short(&f.new)
                ));
            } else {
                for (lang, ops) in &f.words {
                    let line: String = ops
                        .iter()
                        .map(|(op, w)| match op {
                            '-' => format!("[-{w}-]"),
                            '+' => format!("{{+{w}+}}"),
                            _ => w.clone(),
                        })
                        .collect();
                    s.push_str(&format!("    {} ({lang}): {line}\n", f.field));
                }
            }
        }
    }
    if d.changes.is_empty() {
        s.push_str("no changes\n");
    }
    s
}

/// Markdown list, for pull requests and release notes.
pub fn to_markdown(d: &PolicyDiff) -> String {
    let mut s = String::new();
    for c in &d.changes {
        let what = match c.kind {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        };
        let mat = if c.material {
            format!(" **material** ({})", c.reason.as_deref().unwrap_or(""))
        } else {
            String::new()
        };
        s.push_str(&format!("- `{}.{}` {what}{mat}\n", c.entity, c.id));
        for f in &c.fields {
            s.push_str(&format!(
                "  - `{}`: {} → {}\n",
                f.field,
                short(&f.old).replace('\n', " "),
                short(&f.new).replace('\n', " ")
            ));
        }
    }
    if d.changes.is_empty() {
        s.push_str("No changes.\n");
    }
    s
}
