//! Outputs for embedding the notice elsewhere: Markdown pages, JSON
//! (resolved per language, and language-neutral) with their JSON Schemas,
//! the sitemap, and HTML/CSS minification.

use serde_json::{json, Map, Value};

use crate::i18n::Lang;
use crate::load::Site;
use crate::model::{self, CookieDuration};
use crate::render::{Output, Renderer, PAGES};

/// Pretty JSON with a trailing newline (deterministic: serde_json keeps
/// object keys sorted without the `preserve_order` feature).
pub fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

fn duration_text(lang: &Lang, d: &CookieDuration) -> String {
    lang.cookie_duration(d)
        .unwrap_or_else(|_| model::cookie_duration_str(d))
}

fn msg(lang: &Lang, id: &str) -> String {
    lang.msg(id, None).unwrap_or_default()
}

/// The fully resolved notice in one language: every text in that language
/// (Markdown source), labels for every enum, durations and dates in words,
/// and the body HTML of each page.
pub fn notice_json(r: &Renderer, site: &Site, derived: &Value, lang: &Lang, out: &Output) -> Value {
    let tag = lang.tag.as_str();
    let p = &site.policy;
    let mut v = model::with_language(tag, || serde_json::to_value(p).unwrap_or(Value::Null));
    let base = site.config.base();
    if let Some(acts) = v.get_mut("activities").and_then(Value::as_array_mut) {
        for (a, (_, m)) in acts.iter_mut().zip(p.activities.iter()) {
            let bases: Vec<Value> = m
                .legal_basis
                .get_ref()
                .0
                .iter()
                .map(|b| json!({ "id": b.id(), "label": msg(lang, &format!("basis-{}", b.id())), "citation": msg(lang, &format!("basis-{}.citation", b.id())) }))
                .collect();
            a["legal_basis_text"] = json!(bases);
            if let Some(period) = m.retention.as_ref().and_then(|x| x.period.as_ref()) {
                a["retention_text"] = json!(lang.duration(period.get_ref()).unwrap_or_default());
            }
        }
    }
    if let Some(recs) = v.get_mut("recipients").and_then(Value::as_array_mut) {
        for (rj, (_, m)) in recs.iter_mut().zip(p.recipients.iter()) {
            let kind = model::enum_id(&m.kind);
            rj["kind_text"] = json!(msg(lang, &format!("recipient-kind-{kind}")));
            rj["country_text"] = json!(match &m.country {
                Some(c) => msg(lang, &model::place_message(c.get_ref())),
                None => msg(lang, "place-not-stated"),
            });
            rj["label_text"] = json!(m
                .label(&lang.tag)
                .unwrap_or_else(|| msg(lang, &format!("recipient-kind-{kind}"))));
        }
    }
    if let Some(ts) = v.get_mut("transfers").and_then(Value::as_array_mut) {
        for (tj, (_, m)) in ts.iter_mut().zip(p.transfers.iter()) {
            let mech = model::enum_id(&m.mechanism);
            tj["mechanism_text"] = json!(msg(lang, &format!("mechanism-{mech}")));
            tj["mechanism_citation"] = json!(msg(lang, &format!("mechanism-{mech}.citation")));
            tj["country_text"] = json!(msg(lang, &model::place_message(m.country.get_ref())));
        }
    }
    if let Some(cs) = v.get_mut("cookies").and_then(Value::as_array_mut) {
        for (cj, (_, m)) in cs.iter_mut().zip(p.cookies.iter()) {
            cj["category_text"] = json!(msg(lang, &format!("cookie-category-{}", m.category.id())));
            cj["duration_text"] = json!(duration_text(lang, m.duration.get_ref()));
            let tech = model::enum_id(&m.technology);
            cj["technology_text"] = json!(msg(lang, &format!("technology-{tech}")));
        }
    }
    let mut urls = Map::new();
    let mut html = Map::new();
    for page in PAGES {
        let dir = r.page_dir(&site.config, tag, page);
        urls.insert(page.into(), json!(format!("{base}/{dir}")));
        let frag = out
            .get(&format!("fragments/{tag}/{page}.html"))
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        html.insert(page.into(), json!(frag));
    }
    let eff = p.document.effective_date.map(|d| lang.date(d));
    json!({
        "$schema": "notice.schema.json",
        "format": 1,
        "lang": tag,
        "version": p.document.version,
        "effective_date": p.document.effective_date,
        "effective_date_text": eff,
        "urls": urls,
        "html": html,
        "notice": v,
        "flags": {
            "any_consent": derived["any_consent"],
            "any_automated": derived["any_automated"],
            "third_country_recipients": derived["third_country_recipients"],
        },
    })
}

/// The language-neutral policy: every entity with its id, texts as
/// `{ lang: text }` maps, enums as ids.
pub fn policy_json(site: &Site) -> Value {
    json!({
        "$schema": "policy.schema.json",
        "format": 1,
        "languages": site.languages,
        "default_language": site.default_language,
        "base_url": site.config.base_url.get_ref(),
        "policy": serde_json::to_value(&site.policy).unwrap_or(Value::Null),
    })
}

/// JSON Schemas of `api/<lang>.json` and `api/policy.json`: the stable
/// interface for CMS integrations.
pub fn output_schemas() -> Vec<(&'static str, String)> {
    let text_local = json!({ "type": "string" });
    let text_map = json!({ "type": "object", "additionalProperties": { "type": "string" } });
    let entity = |text: &Value, required: &[&str], extra: Value| {
        let mut props = Map::new();
        props.insert(
            "id".into(),
            json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$" }),
        );
        if let Value::Object(e) = extra {
            props.extend(e);
        }
        let _ = text;
        json!({ "type": "object", "required": required, "properties": props })
    };
    let defs = |text: &Value| {
        json!({
            "activity": entity(text, &["id", "name", "purposes", "legal_basis"], json!({
                "name": text, "purposes": { "type": "array", "items": text },
                "legal_basis": { "type": "array", "items": { "enum": ["consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"] } },
                "data_categories": { "type": "array", "items": { "type": "string" } },
                "recipients": { "type": ["array", "null"], "items": { "type": "string" }, "description": "null: not stated; []: none" }
            })),
            "recipient": entity(text, &["id", "kind", "service"], json!({
                "name": { "type": ["string", "null"] }, "category": { "anyOf": [text, { "type": "null" }] }, "service": text,
                "country": { "type": ["string", "null"], "pattern": "^([A-Z]{2}|EEA|worldwide)$", "description": "null: not stated" },
                "all_activities": { "type": "boolean" },
                "kind": { "enum": ["processor", "sub_processor", "independent_controller", "joint_controller", "public_authority", "group_company"] }
            })),
            "transfer": entity(text, &["id", "recipient", "country", "mechanism"], json!({
                "recipient": { "type": "string" }, "country": { "type": "string", "pattern": "^([A-Z]{2}|EEA|worldwide)$" },
                "mechanism": { "enum": ["adequacy", "scc", "bcr", "code_of_conduct", "certification", "derogation"] }
            })),
            // A cookie has a `name`, a group declared without names a `group`.
            "cookie": entity(text, &["id", "party", "category", "purpose", "duration"], json!({
                "name": { "type": "string" }, "group": text, "purpose": text, "party": { "enum": ["first", "third"] },
                "category": { "enum": ["strictly_necessary", "preferences", "statistics", "marketing"] },
                "duration": { "type": "string", "pattern": "^(session|varies|not_stored|P.+)$" }
            })),
        })
    };
    let policy_body = |text: &Value| {
        json!({
            "type": "object",
            "required": ["document", "controller", "activities", "recipients", "transfers", "cookies"],
            "properties": {
                "document": { "type": "object", "required": ["version"], "properties": { "version": { "type": "string" }, "effective_date": { "type": ["string", "null"] } } },
                "controller": { "type": "object", "required": ["legal_name"] },
                "activities": { "type": "array", "items": { "$ref": "#/$defs/activity" } },
                "recipients": { "type": "array", "items": { "$ref": "#/$defs/recipient" } },
                "transfers": { "type": "array", "items": { "$ref": "#/$defs/transfer" } },
                "cookies": { "type": "array", "items": { "$ref": "#/$defs/cookie" } },
                "sections": { "type": "array", "items": { "type": "object", "required": ["id", "title", "body"], "properties": { "title": text, "body": text } } }
            }
        })
    };
    let notice = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "notice.schema.json",
        "title": "personvern resolved notice (one language)",
        "type": "object",
        "required": ["format", "lang", "version", "urls", "html", "notice"],
        "properties": {
            "format": { "const": 1 },
            "lang": { "type": "string" },
            "version": { "type": "string" },
            "effective_date": { "type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
            "effective_date_text": { "type": ["string", "null"] },
            "urls": { "type": "object", "required": ["privacy", "cookies"], "additionalProperties": { "type": "string", "format": "uri" } },
            "html": { "type": "object", "required": ["privacy", "cookies"], "additionalProperties": { "type": "string" } },
            "notice": policy_body(&text_local),
            "flags": { "type": "object" }
        },
        "$defs": defs(&text_local)
    });
    let policy = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "policy.schema.json",
        "title": "personvern policy (language-neutral)",
        "type": "object",
        "required": ["format", "languages", "default_language", "base_url", "policy"],
        "properties": {
            "format": { "const": 1 },
            "languages": { "type": "array", "items": { "type": "string" }, "minItems": 1 },
            "default_language": { "type": "string" },
            "base_url": { "type": "string" },
            "policy": policy_body(&text_map)
        },
        "$defs": defs(&text_map)
    });
    let text = json!({ "type": "string" });
    let row = json!({
        "type": "object",
        "required": ["name", "domain", "description", "expiration"],
        "properties": { "name": text, "domain": text, "description": text, "expiration": text }
    });
    let translation = json!({
        "type": "object",
        "required": ["consentModal", "preferencesModal"],
        "properties": {
            "consentModal": { "type": "object", "required": ["title", "description", "acceptAllBtn", "acceptNecessaryBtn", "showPreferencesBtn"] },
            "preferencesModal": { "type": "object", "required": ["title", "acceptAllBtn", "acceptNecessaryBtn", "savePreferencesBtn", "sections"], "properties": {
                "sections": { "type": "array", "items": { "type": "object", "required": ["title", "description"], "properties": {
                    "linkedCategory": text,
                    "cookieTable": { "type": "object", "required": ["headers", "body"], "properties": { "headers": row, "body": { "type": "array", "items": row } } }
                } } }
            } }
        }
    });
    let language = json!({
        "type": "object",
        "required": ["default", "translations"],
        "properties": {
            "default": text,
            "autoDetect": { "enum": ["document", "browser"] },
            "translations": { "type": "object", "minProperties": 1, "additionalProperties": translation }
        }
    });
    let consent = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "cookieconsent.schema.json",
        "title": "personvern configuration for orestbida/cookieconsent v3 (CookieConsent.run)",
        "type": "object",
        "required": ["mode", "revision", "categories", "language"],
        "properties": {
            "mode": { "enum": ["opt-in"] },
            "revision": { "type": "integer", "minimum": 0 },
            "cookie": {
                "type": "object",
                "required": ["name"],
                "properties": { "name": text, "expiresAfterDays": { "type": "integer", "minimum": 1 } }
            },
            "categories": {
                "type": "object",
                "required": ["necessary"],
                "propertyNames": { "enum": ["necessary", "preferences", "statistics", "marketing"] },
                "additionalProperties": {
                    "type": "object",
                    "required": ["enabled", "readOnly"],
                    "properties": {
                        "enabled": { "type": "boolean" },
                        "readOnly": { "type": "boolean" },
                        "services": { "type": "object", "additionalProperties": { "type": "object", "required": ["label"], "properties": { "label": text } } },
                        "autoClear": { "type": "object", "required": ["cookies"], "properties": { "cookies": { "type": "array", "items": {
                            "type": "object", "required": ["name"],
                            "properties": { "name": text, "regex": { "type": "boolean" }, "domain": text, "path": text }
                        } } } }
                    }
                }
            },
            "language": language
        }
    });
    vec![
        (
            "cookieconsent.schema.json",
            String::from_utf8_lossy(&pretty(&consent)).into_owned(),
        ),
        (
            "notice.schema.json",
            String::from_utf8_lossy(&pretty(&notice)).into_owned(),
        ),
        (
            "policy.schema.json",
            String::from_utf8_lossy(&pretty(&policy)).into_owned(),
        ),
    ]
}
