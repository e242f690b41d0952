//! Outputs for embedding the notice elsewhere: Markdown pages, JSON
//! (resolved per language, and language-neutral) with their JSON Schemas,
//! the sitemap, and HTML/CSS minification.

use serde_json::{json, Map, Value};

use crate::i18n::Lang;
use crate::load::Site;
use crate::model;
use crate::render::{Output, Renderer, PAGES};

/// Pretty JSON with a trailing newline (deterministic: serde_json keeps
/// object keys sorted without the `preserve_order` feature).
pub fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
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
    // A legal basis and a national ground in words.
    let basis_text = |b: model::LegalBasis| {
        let id = b.id();
        json!({ "id": id, "label": msg(lang, &format!("basis-{id}")), "citation": msg(lang, &format!("basis-{id}.citation")) })
    };
    let ground_text = |g: &model::NationalGround| {
        json!(msg(lang, &format!("national-ground-{}", model::enum_id(g))))
    };
    if let Some(acts) = v.get_mut("activities").and_then(Value::as_array_mut) {
        for (a, (id, m)) in acts.iter_mut().zip(p.activities.iter()) {
            let bases: Vec<Value> = m
                .legal_basis
                .get_ref()
                .0
                .iter()
                .map(|b| basis_text(*b))
                .collect();
            a["legal_basis_text"] = json!(bases);
            // v2: each entry of `bases` with its basis in words; national
            // grounds, disclosures and the end of retention in words.
            if let Some(entries) = a.get_mut("bases").and_then(Value::as_array_mut) {
                for (e, b) in entries.iter_mut().zip(m.bases.iter()) {
                    let b = b.get_ref();
                    e["basis_text"] = basis_text(b.basis);
                    if let Some(g) = &b.national_ground {
                        e["national_ground_text"] = ground_text(g);
                    }
                }
            }
            if let Some(g) = &m.national_ground {
                a["national_ground_text"] = ground_text(g);
            }
            if !m.disclosures.is_empty() {
                // As the page decides it (`derive`).
                let special = derived["activities"][id.as_str()]["special"] == json!(true);
                let texts: Vec<Value> = m
                    .disclosures
                    .iter()
                    .map(|d| {
                        let id = model::enum_id(d);
                        let mut text = msg(lang, &format!("disclosure-{id}"));
                        if *d == model::Disclosure::LegalClaims && special {
                            text =
                                format!("{text} {}", msg(lang, "disclosure-legal_claims-special"));
                        }
                        json!({ "id": id, "text": text })
                    })
                    .collect();
                a["disclosures_text"] = json!(texts);
            }
            if let Some(then) = m.retention.as_ref().and_then(|x| x.then) {
                a["retention_then_text"] = json!(msg(
                    lang,
                    &format!("retention-then-{}", model::enum_id(&then))
                ));
            }
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
            let all = m.all_mechanisms();
            if let [one] = all.as_slice() {
                let mech = model::enum_id(one);
                tj["mechanism_text"] = json!(msg(lang, &format!("mechanism-{mech}")));
                tj["mechanism_citation"] = json!(msg(lang, &format!("mechanism-{mech}.citation")));
            }
            tj["mechanisms_text"] = json!(all
                .iter()
                .map(|x| {
                    let mech = model::enum_id(x);
                    json!({ "id": mech, "label": msg(lang, &format!("mechanism-{mech}")), "citation": msg(lang, &format!("mechanism-{mech}.citation")) })
                })
                .collect::<Vec<_>>());
            let org = m
                .international_organisation
                .as_ref()
                .map(|o| model::markdown::to_plain(o.get_or_empty(&lang.tag)));
            // A transfer to an international organisation has no country;
            // one with neither says "not stated", never a guessed country.
            let country = match (&m.country, &org) {
                (Some(c), _) => Some(msg(lang, &model::place_message(c.get_ref()))),
                (None, Some(_)) => None,
                (None, None) => Some(msg(lang, "place-not-stated")),
            };
            tj["destination_text"] = json!(org.clone().or(country.clone()));
            tj["country_text"] = json!(country);
            // "May be transferred": a category of recipients, none named.
            tj["possible"] = json!(m.recipients_category.is_some());
            tj["recipient_text"] = json!(match (&m.recipient, &m.recipients_category) {
                (Some(r), _) => p
                    .recipients
                    .get(r.get_ref())
                    .and_then(|x| x.label(&lang.tag))
                    .unwrap_or_else(|| r.get_ref().clone()),
                (None, Some(c)) => model::markdown::to_plain(c.get_or_empty(&lang.tag)),
                (None, None) => String::new(),
            });
        }
    }
    if !p.document.glossary.is_empty() {
        // The built-in definitions, once each in the GDPR's order, as the
        // statement's "Definitions" section shows them.
        let terms: std::collections::BTreeSet<_> = p.document.glossary.iter().collect();
        let defs: Vec<Value> = terms
            .into_iter()
            .map(|t| {
                let id = model::enum_id(t);
                json!({
                    "id": id,
                    "term": msg(lang, &format!("glossary-{id}")),
                    "definition": msg(lang, &format!("glossary-{id}.definition")),
                    "citation": msg(lang, &format!("glossary-{id}.citation")),
                })
            })
            .collect();
        v["document"]["glossary_text"] = json!(defs);
    }
    if let Some(cs) = v.get_mut("cookies").and_then(Value::as_array_mut) {
        for (cj, (_, m)) in cs.iter_mut().zip(p.cookies.iter()) {
            cj["category_text"] = json!(msg(lang, &format!("cookie-category-{}", m.category.id())));
            cj["duration_text"] = json!(lang.cookie_duration_text(m.duration.get_ref()));
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
                "arrangement": { "anyOf": [text, { "type": "null" }], "description": "joint controllers: the essence of the arrangement (GDPR art. 26(2)); null: not described" },
                "kind": { "enum": ["processor", "sub_processor", "independent_controller", "joint_controller", "public_authority", "group_company"] }
            })),
            "transfer": entity(text, &["id", "recipient", "country", "mechanism"], json!({
                "recipient": { "type": ["string", "null"], "description": "null: a category of recipients (recipients_category)" },
                "recipients_category": text,
                "country": { "type": ["string", "null"], "pattern": "^([A-Z]{2}|EEA|worldwide)$", "description": "null: not stated, or an international organisation" },
                "international_organisation": text,
                "mechanism": { "enum": ["adequacy", "scc", "bcr", "code_of_conduct", "certification", "derogation", null], "description": "null: several, in mechanisms" },
                "mechanisms": { "type": "array", "items": { "enum": ["adequacy", "scc", "bcr", "code_of_conduct", "certification", "derogation"] } }
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
                "document": { "type": "object", "required": ["version"], "properties": { "version": { "type": "string" }, "effective_date": { "type": ["string", "null"] },
                    "glossary": { "type": "array", "items": { "enum": ["personal_data", "processing", "controller", "processor", "special_categories"] } },
                    "glossary_text": { "type": "array", "description": "only in api/<lang>.json: the built-in definitions shown", "items": { "type": "object", "required": ["id", "term", "definition", "citation"], "properties": { "id": { "type": "string" }, "term": { "type": "string" }, "definition": { "type": "string" }, "citation": { "type": "string" } } } } } },
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
