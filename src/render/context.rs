//! The per-language view of the model that templates see: the tera context
//! of a language, and the page-specific values set on it.
use super::derive::index_by_id;
use super::*;
use crate::load::Site;
use crate::model::{self};
use serde_json::{json, Map, Value};
use tera::Tera;

/// Per-language, page-independent context data (see `Renderer::lang_data`).
pub struct LangData {
    policy: Value,
    by_id: Value,
    authority: Value,
    other_authorities: Value,
}

impl Renderer {
    /// The Tera instance of a language (its functions registered).
    pub fn tera_for(&self, lang: &str) -> &Tera {
        self.teras.get(lang).unwrap_or(&self.tera)
    }

    /// The page-independent part of the template context for one language
    /// and one version of the policy: the localized policy (`p`), lookups by
    /// id (`by_id`), the authority, derived facts (`d`) and site facts.
    /// Built once and reused for every page of that language and version
    /// ([`Renderer::set_page`] replaces only the page's own keys), because
    /// tera copies whatever is inserted.
    pub fn lang_context(
        &self,
        site: &Site,
        policy: &model::Policy,
        derived: &Value,
        lang: &str,
    ) -> tera::Context {
        tera::Context::from_value(self.lang_value(site, policy, derived, lang)).unwrap_or_default()
    }

    /// What [`Renderer::lang_context`] holds, as one JSON object.
    fn lang_value(
        &self,
        site: &Site,
        policy: &model::Policy,
        derived: &Value,
        lang: &str,
    ) -> Value {
        let data = self.lang_data(policy, lang);
        let title = site
            .config
            .title
            .as_ref()
            .and_then(|t| t.get(lang).map(str::to_string))
            .unwrap_or_else(|| {
                policy
                    .controller
                    .trade_name
                    .clone()
                    .unwrap_or_else(|| policy.controller.legal_name.clone())
            });
        let org = policy
            .controller
            .trade_name
            .clone()
            .unwrap_or_else(|| policy.controller.legal_name.clone());
        let mut m = Map::new();
        m.insert("lang".into(), json!(lang));
        m.insert(
            "site".into(),
            json!({ "title": title, "org": org, "base_url": site.config.base(), "robots": site.config.robots, "default_language": site.default_language }),
        );
        m.insert("p".into(), data.policy);
        m.insert("by_id".into(), data.by_id);
        m.insert("authority".into(), data.authority);
        m.insert("other_authorities".into(), data.other_authorities);
        m.insert("d".into(), derived.clone());
        m.insert(
            "generator".into(),
            json!(format!("personvern {}", env!("CARGO_PKG_VERSION"))),
        );
        Value::Object(m)
    }

    /// [`Renderer::lang_context`], and whether a text of it holds
    /// [`ROOT_MARK_CHAR`] (then no body is shared between a page and its
    /// fragment).
    pub fn lang_context_marked(
        &self,
        site: &Site,
        policy: &model::Policy,
        derived: &Value,
        lang: &str,
    ) -> (tera::Context, bool) {
        let v = self.lang_value(site, policy, derived, lang);
        let marked = value_contains(&v, ROOT_MARK_CHAR);
        (tera::Context::from_value(v).unwrap_or_default(), marked)
    }

    /// Sets the page's own keys (`page`, `langs`, `x`, `history`) in a
    /// context made by [`Renderer::lang_context`].
    pub fn set_page(&self, ctx: &mut tera::Context, site: &Site, lang: &str, spec: &PageSpec) {
        let base = site.config.base();
        let dir = spec.dir;
        // Fragments are pasted into other sites: their links must be absolute.
        let root = match spec.root {
            Some(r) => r.to_string(),
            None => page_root(base, dir, spec.fragment),
        };
        let mut langs = Vec::new();
        for l in &site.languages {
            let mut urls = Map::new();
            for p in PAGES {
                let d = self.page_dir(&site.config, l, p);
                urls.insert(
                    p.to_string(),
                    json!({ "rel": format!("{root}{d}"), "abs": format!("{base}/{d}") }),
                );
            }
            let name = self
                .locales
                .get(l)
                .and_then(|x| x.msg("language-name", None).ok())
                .unwrap_or_else(|| l.clone());
            let label = |id: &str| {
                self.locales
                    .get(l)
                    .and_then(|x| x.msg(id, None).ok())
                    .unwrap_or_default()
            };
            let labels = json!({ "privacy": label("nav-privacy"), "cookies": label("nav-cookies"), "choose": label("index-intro") });
            let a = (spec.alt)(l);
            let alt_urls = json!({ "rel": format!("{root}{a}"), "abs": format!("{base}/{a}") });
            langs.push(json!({ "tag": l, "name": name, "urls": urls, "alt": alt_urls, "labels": labels, "current": l == lang }));
        }
        let links = json!({
            "privacy": format!("{root}{}", self.page_dir(&site.config, lang, "privacy")),
            "cookies": format!("{root}{}", self.page_dir(&site.config, lang, "cookies")),
        });
        ctx.insert("langs", &langs);
        ctx.insert("page", &json!({ "kind": spec.page, "dir": dir, "root": root, "url": format!("{base}/{dir}"), "links": links, "fragment": spec.fragment }));
        ctx.insert("x", &spec.extra);
        ctx.insert(
            "history",
            &crate::render::changelog::banner_data(self, site, lang, &root),
        );
    }

    /// The per-language parts of the template context that do not depend
    /// on the page: the localized policy, lookups by id and the authority.
    fn lang_data(&self, policy: &model::Policy, lang: &str) -> LangData {
        let mut policy_v =
            model::with_language(lang, || serde_json::to_value(policy).unwrap_or(Value::Null));
        // What the pages call each recipient: its name, its category, or
        // (neither given) its kind.
        if let Some(recs) = policy_v.get_mut("recipients").and_then(Value::as_array_mut) {
            for (rj, (_, r)) in recs.iter_mut().zip(policy.recipients.iter()) {
                let label = r.label(lang).unwrap_or_else(|| {
                    self.locales
                        .get(lang)
                        .and_then(|l| {
                            l.msg(&format!("recipient-kind-{}", model::enum_id(&r.kind)), None)
                                .ok()
                        })
                        .unwrap_or_default()
                });
                rj["label"] = json!(label);
            }
        }
        // Lookups by id for every entity list (templates resolve references with them).
        let mut by_id = Map::new();
        if let Value::Object(obj) = &policy_v {
            for (k, v) in obj {
                if let Value::Array(items) = v {
                    by_id.insert(k.clone(), Value::Object(index_by_id(items)));
                }
            }
        }
        if let Some(ch) = policy_v
            .pointer("/rights/channels")
            .and_then(Value::as_array)
        {
            by_id.insert("channels".into(), Value::Object(index_by_id(ch)));
        }
        let entry = |id: &str, a: &model::Authority| {
            // Fall back to English, then to the native name, for languages the registry lacks.
            let pick = |t: &model::Text| {
                t.get(lang)
                    .or_else(|| t.get("en"))
                    .or_else(|| t.map.values().next().map(String::as_str))
                    .unwrap_or("")
                    .to_string()
            };
            let name = a
                .name
                .get(lang)
                .map(str::to_string)
                .unwrap_or_else(|| a.native_name.clone());
            // The registry's English names begin with "The", which is wrong
            // inside a sentence.
            let in_sentence = match name.strip_prefix("The ") {
                Some(rest) if lang == "en" => format!("the {rest}"),
                _ => name.clone(),
            };
            json!({
                "id": id,
                "name": name,
                "name_in_sentence": in_sentence,
                "country": a.country,
                "postal_address": pick(&a.postal_address),
                "phone": a.phone,
                "email": a.email,
                "website": pick(&a.website),
                "complaint_url": pick(&a.complaint_url),
                "verified_on": a.verified_on,
            })
        };
        let sa = &policy.supervisory_authority;
        let authority = sa.authority.as_ref().map(|a| {
            let mut v = entry(sa.id.get_ref(), a);
            v["lead"] = json!(sa.lead);
            v
        });
        // v2: the other authorities the notice names, in its order.
        let others: Vec<Value> = sa
            .others
            .iter()
            .filter_map(|o| o.authority.as_ref().map(|a| entry(o.id.get_ref(), a)))
            .collect();
        LangData {
            policy: policy_v,
            by_id: Value::Object(by_id),
            authority: authority.unwrap_or(Value::Null),
            other_authorities: Value::Array(others),
        }
    }
}

/// What distinguishes one page from another of the same language and version.
pub struct PageSpec<'a> {
    /// Page kind: `privacy`, `cookies`, `changelog` or `index`.
    pub page: &'a str,
    /// Folder of the page relative to the output root.
    pub dir: &'a str,
    /// Body-only fragment (absolute links).
    pub fragment: bool,
    /// Folder of the same page in another language.
    pub alt: &'a dyn Fn(&str) -> String,
    /// Page-specific data (`x` in templates).
    pub extra: Value,
    /// What links start with instead of the page's own root (see
    /// [`ROOT_MARK`]).
    pub root: Option<&'a str>,
}

/// What the links of a page body start with while the body is rendered
/// once for a page and its fragment: each copy then replaces it with its
/// own root (relative for the page, the absolute base for the fragment).
/// U+FDD0 is a Unicode noncharacter, reserved for a program's internal
/// use; a site whose texts hold one is rendered twice instead.
/// It holds a `/`, so that the two escapes a link may go through are told
/// apart: the pages' own (which keeps `/`) and tera's `escape` filter
/// (which writes `&#x2F;`).
pub const ROOT_MARK: &str = "\u{FDD0}pv/root\u{FDD0}";

/// Where a page or fragment template writes `page_body`: the body is put
/// in its place after rendering (see [`ROOT_MARK`]).
pub const BODY_MARK: &str = "\u{FDD0}pv-body\u{FDD0}";

/// [`ROOT_MARK`] after tera's `escape` filter.
pub const ROOT_MARK_TERA_ESCAPED: &str = "\u{FDD0}pv&#x2F;root\u{FDD0}";

/// The noncharacter [`ROOT_MARK`] is made of.
pub const ROOT_MARK_CHAR: char = '\u{FDD0}';

/// Whether a string of `v` holds `c` (keys included).
pub fn value_contains(v: &Value, c: char) -> bool {
    match v {
        Value::String(s) => s.contains(c),
        Value::Array(a) => a.iter().any(|x| value_contains(x, c)),
        Value::Object(m) => m.iter().any(|(k, x)| k.contains(c) || value_contains(x, c)),
        _ => false,
    }
}

/// What links of a page in `dir` start with: the absolute base in a
/// fragment (pasted into other sites), else the way up to the output root.
pub fn page_root(base: &str, dir: &str, fragment: bool) -> String {
    if fragment {
        format!("{base}/")
    } else {
        "../".repeat(dir.matches('/').count())
    }
}
