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
    /// Display names of the ids in `old` and `new` for a field that refers
    /// to other entities (`recipients`, `data_categories`, …), from the new
    /// version or else the old one: sentences name them, never by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, Value>,
}

/// Fields of an entity that refer to entities of a collection by id.
fn referred(field: &str) -> Option<&'static str> {
    Some(match field {
        "data_categories" => "data_categories",
        "data_subjects" => "data_subjects",
        "recipients" | "provider" | "recipient" => "recipients",
        "sources" => "sources",
        "activity" => "activities",
        _ => return None,
    })
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
        // The registry entries are reference data, not the notice's: only
        // the ids (and what the notice says of the main one) are compared.
        let others: Vec<Value> = p
            .supervisory_authority
            .others
            .iter()
            .map(|o| json!(o.id.get_ref()))
            .collect();
        v["supervisory_authority"] = json!({ "id": sa });
        if p.supervisory_authority.lead {
            v["supervisory_authority"]["lead"] = json!(true);
        }
        if !others.is_empty() {
            v["supervisory_authority"]["others"] = json!(others);
        }
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
    // A recipient described by its category (no name, or shown by category
    // only) is called by that category, as on the pages; a category that
    // is an enum value (a cookie's) is not a name.
    let category = v.get("category").filter(|c| c.is_object());
    if let Some(c) = category {
        if v.get("category_only").and_then(Value::as_bool) == Some(true)
            || v.get("name").is_none_or(Value::is_null)
        {
            return c.clone();
        }
    }
    // `group`: a cookie group declared without a name.
    for k in ["name", "group", "label", "title", "service", "legal_name"] {
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

/// A text per language: a table whose keys are all language tags (`nb`,
/// `en`, `se`, `nb-NO`) and whose values are strings. (A retention
/// `{ period, from }` is not one.)
fn is_text_map(v: &Value) -> bool {
    let lang = |k: &str| {
        let mut parts = k.split('-');
        let head = parts.next().unwrap_or("");
        k != "id"
            && (2..=3).contains(&head.len())
            && head.bytes().all(|b| b.is_ascii_lowercase())
            && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
    };
    v.as_object().is_some_and(|o| {
        !o.is_empty() && o.values().all(Value::is_string) && o.keys().all(|k| lang(k))
    })
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
                    names: BTreeMap::new(),
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

/// v2: what each purpose of an activity rests on: for purpose `i` (from
/// 1), each basis with the data subject groups it applies to (empty: all)
/// and its national ground. `bases` null means one `legal_basis` for all,
/// read from the activity `act` (the new version; a change of
/// `legal_basis` itself is classified on its own).
fn purpose_bases(bases: &Value, act: &Value) -> BTreeSet<(u64, String, Vec<String>, String)> {
    let mut out = BTreeSet::new();
    match bases.as_array() {
        Some(entries) => {
            for e in entries {
                let basis = e
                    .get("basis")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let mut subjects: Vec<String> = id_set(e.get("subjects").unwrap_or(&Value::Null))
                    .into_iter()
                    .collect();
                subjects.sort();
                let national = e
                    .get("national_ground")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                for i in e
                    .get("purposes")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(i) = i.as_u64() {
                        out.insert((i, basis.clone(), subjects.clone(), national.clone()));
                    }
                }
            }
        }
        None => {
            let n = act
                .get("purposes")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let all = match act.get("legal_basis") {
                Some(Value::Array(a)) => a.clone(),
                Some(v) => vec![v.clone()],
                None => Vec::new(),
            };
            for i in 1..=n as u64 {
                for b in &all {
                    let b = b.as_str().unwrap_or("").to_string();
                    out.insert((i, b, Vec::new(), String::new()));
                }
            }
        }
    }
    out
}

/// The longest a cookie lifetime keeps data, in seconds (0 for `session`
/// and `not_stored`, the longer end of a range); `None` for `varies`.
fn cookie_seconds(v: &Value) -> Option<u64> {
    crate::model::CookieDuration::parse(v.as_str()?)
        .ok()?
        .max_seconds()
}

/// A flag (`profiling`, `solely_automated`) that is true in `new` and was
/// not in `old` (absent counts as false).
pub fn turned_on(old: &Value, new: &Value, key: &str) -> bool {
    let on = |v: &Value| v.get(key).and_then(Value::as_bool).unwrap_or(false);
    on(new) && !on(old)
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
                    // v2: legal basis per purpose. Material when a purpose
                    // (or a group of data subjects) gets another basis; a
                    // reworded interest is editorial.
                    ("activities", "bases") => (purpose_bases(&f.old, new)
                        != purpose_bases(&f.new, new))
                    .then_some("legal-basis-changed"),
                    // v2: a national ground (markedsføringsloven § 15) is
                    // part of what allows the processing.
                    ("activities", "national_ground") => Some("legal-basis-changed"),
                    // v2: a new situation in which data is disclosed
                    // (business transfer, legal claims) is a new recipient.
                    ("activities", "disclosures") => {
                        (!id_set(&f.new).is_subset(&id_set(&f.old))).then_some("new-disclosure")
                    }
                    // v2: a right newly limited, or its limit changed.
                    ("rights", "limits") => {
                        let keys = |v: &Value| -> BTreeSet<String> {
                            v.as_object()
                                .map(|o| o.keys().cloned().collect())
                                .unwrap_or_default()
                        };
                        (!keys(&f.new).is_subset(&keys(&f.old))).then_some("right-limited")
                    }
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
                        let added = f.old.is_null() && !f.new.is_null();
                        let more = !f.new.is_null()
                            && (turned_on(&f.old, &f.new, "profiling")
                                || turned_on(&f.old, &f.new, "solely_automated"));
                        (added || more).then_some("new-automated-decision")
                    }
                    ("recipients", "kind") if f.new.as_str() == Some("joint_controller") => {
                        Some("new-joint-controller")
                    }
                    ("recipients", "kind") => Some("new-recipient-category"),
                    // Who answers for what between joint controllers (art.
                    // 26(2)) decides where people turn to use their rights.
                    ("recipients", "arrangement") => Some("joint-arrangement-changed"),
                    // A recipient now of every activity receives more data.
                    ("recipients", "all_activities") => {
                        (f.new.as_bool() == Some(true)).then_some("new-recipient")
                    }
                    ("transfers", "mechanism") | ("transfers", "mechanisms") => {
                        Some("transfer-mechanism-changed")
                    }
                    ("cookies", "duration") => {
                        match (cookie_seconds(&f.old), cookie_seconds(&f.new)) {
                            // A session cookie (0) made persistent is longer too;
                            // a range counts by its longest period.
                            (Some(o), Some(n)) if n > o => Some("longer-cookie-duration"),
                            // A stated lifetime that now `varies` (or the
                            // reverse): no longer comparable, as a retention
                            // period added or removed.
                            (Some(_), None) | (None, Some(_)) => Some("cookie-duration-changed"),
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
                    // Another destination, or other recipients the data may go to.
                    ("transfers", "international_organisation")
                    | ("transfers", "recipients_category") => Some("new-transfer"),
                    ("cookies", "category") => {
                        let cat = f.new.as_str().unwrap_or("");
                        matches!(cat, "statistics" | "marketing").then_some("new-tracking-cookie")
                    }
                    ("controller", "legal_name") | ("controller", "org_number") => {
                        Some("new-controller")
                    }
                    // Another authority to complain to first (art. 13(2)(d), 77).
                    ("supervisory_authority", "authority") => Some("supervisory-authority-changed"),
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

/// A transfer's name in the diff: "Recipient name (US)", with the recipient
/// resolved in either version, or the category of recipients; the
/// destination is the country or region code (the changelog puts it in
/// words), the international organisation, or nothing when not stated.
/// Localized parts give a `{ lang: text }` map.
fn transfer_label(o: &Value, n: &Value, t: &Value) -> Value {
    let rid = t.get("recipient").and_then(Value::as_str).unwrap_or("");
    let who = if rid.is_empty() {
        t.get("recipients_category").cloned().unwrap_or(Value::Null)
    } else {
        by_id(n.get("recipients"))
            .get(rid)
            .or(by_id(o.get("recipients")).get(rid))
            // As the pages call it (`Recipient::label`).
            .map(|r| name_of(r))
            .unwrap_or(Value::Null)
    };
    let dest = t
        .get("international_organisation")
        .filter(|v| !v.is_null())
        .or(t.get("country"))
        .cloned()
        .unwrap_or(Value::Null);
    let pick = |v: &Value, lang: &str| -> String {
        match v {
            Value::String(s) => s.clone(),
            Value::Object(m) => m
                .get(lang)
                .or(m.get(""))
                .or(m.values().next())
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            _ => String::new(),
        }
    };
    let one = |lang: &str| {
        let mut w = pick(&who, lang);
        if w.is_empty() {
            w = rid.to_string();
        }
        match pick(&dest, lang) {
            d if d.is_empty() => w,
            d => format!("{w} ({d})"),
        }
    };
    let langs: BTreeSet<&String> = [&who, &dest]
        .into_iter()
        .filter_map(Value::as_object)
        .flat_map(|m| m.keys())
        .filter(|k| !k.is_empty())
        .collect();
    if langs.is_empty() {
        json!(one(""))
    } else {
        Value::Object(
            langs
                .into_iter()
                .map(|l| (l.clone(), json!(one(l))))
                .collect(),
        )
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
            let mut fields = fields;
            for f in &mut fields {
                let Some(target) = referred(&f.field) else {
                    continue;
                };
                let (nt, ot) = (by_id(get_path(n, target)), by_id(get_path(o, target)));
                let ids: Vec<String> = [&f.old, &f.new]
                    .into_iter()
                    .flat_map(|v| match v {
                        Value::String(s) => vec![s.clone()],
                        Value::Array(_) => id_set(v).into_iter().collect(),
                        _ => Vec::new(),
                    })
                    .collect();
                for id in ids {
                    if let Some(e) = nt.get(id.as_str()).or(ot.get(id.as_str())) {
                        let mut label = name_of(e);
                        if label.is_null() && target == "sources" {
                            label = source_label(e);
                        }
                        if !label.is_null() {
                            f.names.insert(id, label);
                        }
                    }
                }
            }
            let mut name = name_of(newv);
            if *coll == "transfers" {
                name = transfer_label(o, n, newv);
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
        let mut ov = o.get(*table).cloned().unwrap_or(Value::Null);
        let mut nv = n.get(*table).cloned().unwrap_or(Value::Null);
        if *table == "supervisory_authority" {
            // Its `id` is the authority itself, not an entity's id: compared
            // as the field `authority`.
            for v in [&mut ov, &mut nv] {
                if let Some(id) = v.as_object_mut().and_then(|m| m.remove("id")) {
                    v["authority"] = id;
                }
            }
        }
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

/// One line of a field's change, for `diff --format text|markdown`.
enum Line {
    /// A text in one language: its word diff.
    Words(String, String, Vec<(char, String)>),
    /// A value before and after (`label: old → new`).
    Pair(String, String, String),
    /// An item added to a list.
    Added(String, String),
    /// An item removed from a list.
    Removed(String, String),
}

/// A value as readable text: a string as it is, a text per language as
/// `nb: …; en: …`, a table as `key: value` pairs, a list item by item.
fn item_text(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) if is_text_map(v) => o
            .iter()
            .map(|(l, t)| format!("{l}: {}", t.as_str().unwrap_or("")))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Object(o) => o
            .iter()
            .filter(|(_, x)| !x.is_null())
            .map(|(k, x)| format!("{k}: {}", item_text(x)))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Array(a) => a.iter().map(item_text).collect::<Vec<_>>().join(", "),
    }
}

/// What changed in one field, line by line: each language's text of a
/// text, the items added to and removed from a list, the sub-fields of a
/// table that changed.
fn lines(field: &str, old: &Value, new: &Value) -> Vec<Line> {
    let mut out = Vec::new();
    if is_text_map(old) || is_text_map(new) {
        let words = word_diff(if old.is_null() { &Value::Null } else { old }, new);
        let empty = serde_json::Map::new();
        let o = old.as_object().unwrap_or(&empty);
        let n = new.as_object().unwrap_or(&empty);
        let langs: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        for lang in langs {
            let ov = o.get(lang).and_then(Value::as_str).unwrap_or("");
            let nv = n.get(lang).and_then(Value::as_str).unwrap_or("");
            if ov == nv {
                continue;
            }
            // A text added or removed in a language: all new or all old words.
            let ops = words.get(lang).cloned().unwrap_or_else(|| {
                vec![('-', ov.to_string()), ('+', nv.to_string())]
                    .into_iter()
                    .filter(|(_, w)| !w.is_empty())
                    .collect()
            });
            out.push(Line::Words(field.to_string(), lang.clone(), ops));
        }
        return out;
    }
    match (old, new) {
        (Value::Array(o), Value::Array(n))
            if o.len() == n.len() && o.iter().chain(n).all(is_text_map) =>
        {
            // The same texts, some reworded: each one's languages.
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                if a != b {
                    out.extend(lines(&format!("{field}[{}]", i + 1), a, b));
                }
            }
        }
        (Value::Array(_), _) | (_, Value::Array(_)) => {
            let empty = Vec::new();
            let o = old.as_array().unwrap_or(&empty);
            let n = new.as_array().unwrap_or(&empty);
            for x in o.iter().filter(|x| !n.contains(x)) {
                out.push(Line::Removed(field.to_string(), item_text(x)));
            }
            for x in n.iter().filter(|x| !o.contains(x)) {
                out.push(Line::Added(field.to_string(), item_text(x)));
            }
        }
        // A table added, removed or changed: its sub-fields.
        (Value::Object(_), Value::Object(_))
        | (Value::Null, Value::Object(_))
        | (Value::Object(_), Value::Null) => {
            for sub in field_changes(old, new, &[]) {
                out.extend(lines(&format!("{field}.{}", sub.field), &sub.old, &sub.new));
            }
        }
        _ => out.push(Line::Pair(
            field.to_string(),
            item_text(old),
            item_text(new),
        )),
    }
    out
}

/// Plain text for a terminal, one change per line, fields indented: each
/// language's text with a word diff (`[-old-]{+new+}`), list items added
/// (`+`) and removed (`-`).
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
            for l in lines(&f.field, &f.old, &f.new) {
                match l {
                    Line::Words(field, lang, ops) => {
                        let line: String = ops
                            .iter()
                            .map(|(op, w)| match op {
                                '-' => format!("[-{w}-]"),
                                '+' => format!("{{+{w}+}}"),
                                _ => w.clone(),
                            })
                            .collect();
                        s.push_str(&format!("    {field} ({lang}): {line}\n"));
                    }
                    Line::Pair(field, o, n) => s.push_str(&format!("    {field}: {o} → {n}\n")),
                    Line::Added(field, x) => s.push_str(&format!("    {field}: + {x}\n")),
                    Line::Removed(field, x) => s.push_str(&format!("    {field}: - {x}\n")),
                }
            }
        }
    }
    if d.changes.is_empty() {
        s.push_str("no changes\n");
    }
    s
}

/// Escapes text for Markdown (CommonMark): punctuation that could start
/// emphasis, code, links, HTML or a list is backslash-escaped, and line
/// breaks become spaces, so user text cannot change the structure.
fn md_escape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for ch in t.chars() {
        match ch {
            '\n' | '\r' => out.push(' '),
            // Never at a line's start here, so `-`, `+`, `#` and `1.` start nothing.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&' | '|' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

/// Markdown for a pull request or release notes: a heading per kind of
/// change (material first), each change with its fields as nested items;
/// a text's word diff shows removed words struck through and new words in
/// bold, per language.
pub fn to_markdown(d: &PolicyDiff) -> String {
    let mut s = String::new();
    if d.changes.is_empty() {
        s.push_str("No changes.\n");
        return s;
    }
    let n_mat = d.changes.iter().filter(|c| c.material).count();
    for (material, heading) in [
        (
            true,
            "Material changes (announce them before they take effect)",
        ),
        (false, "Editorial changes"),
    ] {
        let n = if material {
            n_mat
        } else {
            d.changes.len() - n_mat
        };
        if n == 0 {
            continue;
        }
        s.push_str(&format!("### {heading}: {n}\n\n"));
        for c in d.changes.iter().filter(|c| c.material == material) {
            let what = match c.kind {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed => "changed",
            };
            let why = match (&c.reason, c.material) {
                (Some(r), true) => format!(" (`{r}`)"),
                _ => String::new(),
            };
            s.push_str(&format!("- `{}.{}` {what}{why}\n", c.entity, c.id));
            for f in &c.fields {
                for l in lines(&f.field, &f.old, &f.new) {
                    let line = match l {
                        Line::Words(field, lang, ops) => {
                            let text: String = ops
                                .iter()
                                .enumerate()
                                .map(|(i, (op, w))| {
                                    let t = w.trim();
                                    // Old and new words side by side get a space between.
                                    let after_old = *op == '+' && i > 0 && ops[i - 1].0 == '-';
                                    let lead = if w.starts_with(char::is_whitespace) || after_old {
                                        " "
                                    } else {
                                        ""
                                    };
                                    let tail = if w.ends_with(char::is_whitespace) && !t.is_empty()
                                    {
                                        " "
                                    } else {
                                        ""
                                    };
                                    match op {
                                        '-' if !t.is_empty() => {
                                            format!("{lead}~~{}~~{tail}", md_escape(t))
                                        }
                                        '+' if !t.is_empty() => {
                                            format!("{lead}**{}**{tail}", md_escape(t))
                                        }
                                        _ => md_escape(w),
                                    }
                                })
                                .collect();
                            format!("`{field}` ({lang}): {}", text.trim())
                        }
                        Line::Pair(field, o, n) => {
                            format!("`{field}`: {} → {}", md_escape(&o), md_escape(&n))
                        }
                        Line::Added(field, x) => format!("`{field}` added: {}", md_escape(&x)),
                        Line::Removed(field, x) => format!("`{field}` removed: {}", md_escape(&x)),
                    };
                    s.push_str(&format!("  - {line}\n"));
                }
            }
        }
        s.push('\n');
    }
    s
}
