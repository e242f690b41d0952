//! JSON Schema of the input format, derived from the Rust types with
//! schemars, for editors (taplo / Even Better TOML) and CI. `personvern
//! schema` prints it; the repository keeps a copy in
//! `personvern.schema.json`, and `personvern init` writes one into new sites.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::load::config::{ScanConfig, SiteConfig};
use crate::model::duration::Duration;
use crate::model::*;

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Localized text, one string per site language, e.g. { nb = \"…\", en = \"…\" }. Markdown allowed. A plain string is accepted only on single-language sites.",
            "anyOf": [
                {
                    "type": "object",
                    "propertyNames": { "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$" },
                    "additionalProperties": { "type": "string", "minLength": 1 },
                    "minProperties": 1
                },
                { "type": "string", "minLength": 1 }
            ]
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date: a TOML local date (2026-01-31) or the string \"2026-01-31\".",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

const DURATION_PATTERN: &str =
    "^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?$";

impl JsonSchema for Duration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An ISO 8601 duration: P13M (13 months), P2Y, P30D, PT30M.",
            "type": "string",
            "pattern": DURATION_PATTERN
        })
    }
}

impl JsonSchema for CookieDuration {
    fn schema_name() -> Cow<'static, str> {
        "CookieDuration".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How long the cookie lives: an ISO 8601 duration (P13M), \"session\", a range of two durations (P1D..P2Y, the shorter first), \"varies\" (no period stated) or \"not_stored\" (nothing is stored on the device).",
            "type": "string",
            "anyOf": [
                { "const": "session" },
                { "const": "varies" },
                { "const": "not_stored" },
                { "pattern": DURATION_PATTERN },
                { "pattern": "^P[0-9YMWD]*(T[0-9HMS]+)?\\.\\.P[0-9YMWD]*(T[0-9HMS]+)?$" }
            ]
        })
    }
}

impl JsonSchema for DpoStatus {
    fn schema_name() -> Cow<'static, str> {
        "DpoStatus".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Whether a DPO is appointed: true, false, or \"not_stated\" when the notice does not say.",
            "anyOf": [{ "type": "boolean" }, { "const": "not_stated" }]
        })
    }
}

impl<T: JsonSchema> JsonSchema for OneOrMany<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("OneOrMany_{}", T::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let one = g.subschema_for::<T>();
        json_schema!({
            "anyOf": [one.clone(), { "type": "array", "items": one, "minItems": 1 }]
        })
    }
}

/// `[rights]` as written in TOML.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RightsFile {
    /// How soon requests are answered, as an ISO 8601 duration (GDPR art. 12(3): at most one month, "P1M").
    response_time: Option<Duration>,
    /// How the organisation checks who is asking before it answers a request.
    identity_verification: Option<Text>,
    /// Anything else to say about exercising rights.
    note: Option<Text>,
    /// Channels for exercising rights, keyed by id.
    channels: Option<BTreeMap<String, Channel>>,
    /// Where the law limits a right, a note shown beside it: `[rights.limits]
    /// access = { nb = "…", en = "…" }` (what is limited and the legal
    /// reference). Nothing is shown for a right without one.
    limits: Option<crate::model::RightsLimits>,
}

/// `supervisory_authority` as written in TOML: a registry id, or a table.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum AuthorityFile {
    /// A registry id ("datatilsynet").
    Id(String),
    /// The id, whether it is the lead authority, and other authorities.
    Table(AuthorityTable),
}

/// One TOML file of a site: `personvern.toml` (with `[site]`) or a data
/// file in `content/`. Entities are tables keyed by their id.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
#[schemars(
    title = "personvern site data",
    description = "personvern.toml and content/*.toml of a personvern site"
)]
struct SiteFile {
    /// Site settings (only in personvern.toml).
    site: Option<SiteConfig>,
    /// How `personvern scan` finds the consent banner (only in personvern.toml).
    scan: Option<ScanConfig>,
    /// Supervisory authority: a registry id such as "datatilsynet" or "imy",
    /// or a `[supervisory_authority]` table with the id, whether it is the
    /// lead authority, and the other authorities the notice names.
    supervisory_authority: Option<AuthorityFile>,
    /// The notice itself: version, effective date, scope.
    document: Option<Document>,
    /// The organisation responsible for the processing (the controller).
    controller: Option<Controller>,
    /// Who answers privacy questions, and whether a DPO (personvernombud) is appointed.
    privacy_contact: Option<PrivacyContact>,
    /// Services where the organisation only processes data for its customers, keyed by id.
    processor_contexts: Option<BTreeMap<String, ProcessorContext>>,
    /// Categories of personal data, keyed by id.
    data_categories: Option<BTreeMap<String, DataCategory>>,
    /// Groups of people the data is about, keyed by id.
    data_subjects: Option<BTreeMap<String, DataSubject>>,
    /// Where data comes from when not from the person, keyed by id.
    sources: Option<BTreeMap<String, Source>>,
    /// Processing activities: what is done with the data and why, keyed by id.
    activities: Option<BTreeMap<String, Activity>>,
    /// Who receives the data (processors, other controllers, authorities), keyed by id.
    recipients: Option<BTreeMap<String, Recipient>>,
    /// Transfers outside the EEA (to third countries or international
    /// organisations) and their legal grounds, keyed by id.
    transfers: Option<BTreeMap<String, Transfer>>,
    /// Cookies and similar technologies, keyed by id.
    cookies: Option<BTreeMap<String, Cookie>>,
    /// How cookie consent is asked for and changed.
    cookie_policy: Option<CookiePolicy>,
    /// How people exercise their rights.
    rights: Option<RightsFile>,
    /// Security measures.
    security: Option<Security>,
    /// What the notice says about children.
    children: Option<Children>,
    /// How changes to the notice are announced.
    changes: Option<Changes>,
    /// Free Markdown sections, keyed by id.
    sections: Option<BTreeMap<String, Section>>,
    /// Document-level lint waivers: rule id = reason.
    waivers: Option<BTreeMap<String, String>>,
}

/// The schema as pretty-printed JSON (deterministic).
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(SiteFile);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// The schema as a JSON value, built once.
pub fn schema_value() -> &'static serde_json::Value {
    static SCHEMA: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::to_value(schemars::schema_for!(SiteFile)).unwrap_or(serde_json::Value::Null)
    })
}

/// Follows `$ref`s and drops the `null` branch of an optional value, so
/// what is left describes the value itself.
pub fn resolve(s: &serde_json::Value) -> &serde_json::Value {
    let root = schema_value();
    let mut s = s;
    for _ in 0..8 {
        if let Some(r) = s.get("$ref").and_then(|r| r.as_str()) {
            match r
                .strip_prefix("#/$defs/")
                .and_then(|name| root.get("$defs").and_then(|d| d.get(name)))
            {
                Some(t) => s = t,
                None => return s,
            }
            continue;
        }
        let branches = s.get("anyOf").and_then(|a| a.as_array());
        if let Some(b) = branches {
            let not_null: Vec<&serde_json::Value> = b
                .iter()
                .filter(|x| x.get("type").and_then(|t| t.as_str()) != Some("null"))
                .collect();
            if not_null.len() == 1 && not_null.len() < b.len() {
                s = not_null[0];
                continue;
            }
        }
        break;
    }
    s
}

/// The schema of the table a diagnostic's `what` names (`[cookies.consent]`,
/// `[controller]`, `[rights.channels.email]`, `[site]`).
fn table_schema(what: &str) -> Option<&'static serde_json::Value> {
    let path = what.trim_start_matches('[').split(']').next()?;
    let mut segs = path.split('.');
    let first = segs.next()?;
    let mut s = resolve(schema_value().get("properties")?.get(first)?);
    for seg in segs {
        let next = s
            .get("properties")
            .and_then(|p| p.get(seg))
            .or_else(|| s.get("additionalProperties").filter(|a| a.is_object()))?;
        s = resolve(next);
    }
    // A collection (`cookies`) holds its entities as additionalProperties.
    if s.get("properties").is_none() {
        if let Some(a) = s.get("additionalProperties").filter(|a| a.is_object()) {
            s = resolve(a);
        }
    }
    Some(s)
}

/// The schema of key `key` somewhere inside the table `what` names: its
/// own keys first, then those of its inline tables and lists of tables
/// (`kind` in `addresses = [{ kind = … }]`).
pub fn field_schema(what: &str, key: &str) -> Option<&'static serde_json::Value> {
    fn find(
        s: &'static serde_json::Value,
        key: &str,
        depth: usize,
    ) -> Option<&'static serde_json::Value> {
        let s = resolve(s);
        if depth > 4 {
            return None;
        }
        if let Some(p) = s.get("properties").and_then(|p| p.get(key)) {
            return Some(p);
        }
        let mut children: Vec<&'static serde_json::Value> = Vec::new();
        if let Some(props) = s.get("properties").and_then(|p| p.as_object()) {
            children.extend(props.values());
        }
        for k in ["items", "additionalProperties"] {
            if let Some(c) = s.get(k).filter(|c| c.is_object()) {
                children.push(c);
            }
        }
        for k in ["anyOf", "oneOf"] {
            if let Some(a) = s.get(k).and_then(|a| a.as_array()) {
                children.extend(a.iter());
            }
        }
        children.into_iter().find_map(|c| find(c, key, depth + 1))
    }
    find(table_schema(what)?, key, 0)
}

/// The values an enum field allows (`"first"`, `"third"`), from its
/// schema; empty when the field is not an enum.
pub fn allowed_values(field: &serde_json::Value) -> Vec<String> {
    let s = resolve(field);
    if let Some(e) = s.get("enum").and_then(|e| e.as_array()) {
        return e
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
    }
    for k in ["oneOf", "anyOf"] {
        if let Some(a) = s.get(k).and_then(|a| a.as_array()) {
            let consts: Vec<String> = a
                .iter()
                .filter_map(|v| resolve(v).get("const").and_then(|c| c.as_str()))
                .map(str::to_string)
                .collect();
            if !consts.is_empty() && consts.len() == a.len() {
                return consts;
            }
            // One value or a list of them: the values of the one.
            if let Some(first) = a.first() {
                let inner = allowed_values(first);
                if !inner.is_empty() {
                    return inner;
                }
            }
        }
    }
    Vec::new()
}

/// The required keys of a table field, in schema order.
pub fn required_keys(field: &serde_json::Value) -> Vec<String> {
    let s = resolve(field);
    s.get("required")
        .and_then(|r| r.as_array())
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The keys of a table field, in schema order.
pub fn property_names(field: &serde_json::Value) -> Vec<String> {
    resolve(field)
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}
