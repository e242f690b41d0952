//! JSON Schema of the input format, derived from the Rust types with
//! schemars, for editors (taplo / Even Better TOML) and CI. `personvern
//! schema` prints it; the repository keeps a copy in
//! `personvern.schema.json`, and `personvern init` writes one into new sites.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::load::config::SiteConfig;
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
            "description": "How long the cookie lives: an ISO 8601 duration (P13M) or \"session\".",
            "type": "string",
            "anyOf": [{ "const": "session" }, { "pattern": DURATION_PATTERN }]
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
    response_time: Option<Duration>,
    identity_verification: Option<Text>,
    note: Option<Text>,
    /// Channels for exercising rights, keyed by id.
    channels: Option<BTreeMap<String, Channel>>,
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
    /// Supervisory authority: a registry id such as "datatilsynet" or "imy".
    supervisory_authority: Option<String>,
    document: Option<Document>,
    controller: Option<Controller>,
    privacy_contact: Option<PrivacyContact>,
    processor_contexts: Option<BTreeMap<String, ProcessorContext>>,
    data_categories: Option<BTreeMap<String, DataCategory>>,
    data_subjects: Option<BTreeMap<String, DataSubject>>,
    sources: Option<BTreeMap<String, Source>>,
    activities: Option<BTreeMap<String, Activity>>,
    recipients: Option<BTreeMap<String, Recipient>>,
    transfers: Option<BTreeMap<String, Transfer>>,
    cookies: Option<BTreeMap<String, Cookie>>,
    cookie_policy: Option<CookiePolicy>,
    rights: Option<RightsFile>,
    security: Option<Security>,
    children: Option<Children>,
    changes: Option<Changes>,
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
