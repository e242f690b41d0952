//! Derived facts: language-neutral values computed once from the policy
//! (groupings by reference, transfers, which sections apply).
use crate::model::duration::Duration;
use crate::model::{self, CookieCategory, LegalBasis};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// `[{ id, … }]` as `{ id: { id, … } }`, for lookups by id in templates.
pub(super) fn index_by_id(items: &[Value]) -> Map<String, Value> {
    items
        .iter()
        .filter_map(|it| {
            it.get("id")
                .and_then(Value::as_str)
                .map(|id| (id.to_string(), it.clone()))
        })
        .collect()
}

/// Ids of entities grouped by the id each one refers to (`key`), in order.
fn group_ids<'a, T: 'a>(
    items: impl Iterator<Item = (&'a String, &'a T)>,
    key: impl Fn(&'a T) -> Option<&'a str>,
) -> HashMap<&'a str, Vec<&'a str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, item) in items {
        if let Some(k) = key(item) {
            out.entry(k).or_default().push(id.as_str());
        }
    }
    out
}

/// Language-neutral facts derived from the model, for templates: lookups by
/// id, reverse links, groupings and flags.
pub fn derive(p: &model::Policy, regions: &crate::model::Regions) -> Value {
    let eea = &regions.eea;
    // `EEA` (a region a notice names instead of a country) is inside;
    // `worldwide` is outside.
    let outside = |c: &str| c != "EEA" && !eea.iter().any(|x| x == c);
    // Recipients of every activity (hosting, e-mail) count for each one.
    let site_wide: Vec<&str> = p
        .recipients
        .iter()
        .filter(|(_, r)| r.all_activities)
        .map(|(k, _)| k.as_str())
        .collect();
    fn with_site_wide<'a>(a: &'a model::Activity, site_wide: &[&'a str]) -> Vec<&'a str> {
        let mut v: Vec<&str> = a
            .own_recipients()
            .iter()
            .map(|r| r.get_ref().as_str())
            .collect();
        for id in site_wide {
            if !v.contains(id) {
                v.push(id);
            }
        }
        v
    }
    let recipients_of = |a| with_site_wide(a, &site_wide);
    let mut rec_activities: HashMap<&str, Vec<&str>> = HashMap::new();
    for (aid, a) in p.activities.iter() {
        for r in recipients_of(a) {
            rec_activities.entry(r).or_default().push(aid);
        }
    }
    let rec_transfers = group_ids(p.transfers.iter(), |t| {
        t.recipient.as_ref().map(|r| r.get_ref().as_str())
    });
    let rec_cookies = group_ids(p.cookies.iter(), |c| {
        c.provider.as_ref().map(|x| x.get_ref().as_str())
    });
    let mut recipients = Map::new();
    for (id, r) in p.recipients.iter() {
        let locs: Vec<&str> = r.locations().map(|c| c.get_ref().as_str()).collect();
        recipients.insert(
            id.clone(),
            json!({
                "activities": rec_activities.get(id.as_str()).cloned().unwrap_or_default(),
                "all_activities": r.all_activities,
                "transfers": rec_transfers.get(id.as_str()).cloned().unwrap_or_default(),
                "outside_eea": locs.iter().any(|c| outside(c)),
                "cookies": rec_cookies.get(id.as_str()).cloned().unwrap_or_default(),
            }),
        );
    }
    let activity_cookies = group_ids(p.cookies.iter(), |c| {
        c.activity.as_ref().map(|a| a.get_ref().as_str())
    });
    let mut activities = Map::new();
    let mut any_consent = false;
    let mut any_li = false;
    let mut any_portable = false;
    let mut periods: Vec<Duration> = Vec::new();
    for (id, a) in p.activities.iter() {
        let bases = &a.legal_basis.get_ref().0;
        any_consent |= bases.contains(&LegalBasis::Consent);
        // A disclosure in a business transfer or for legal claims rests on
        // legitimate interests (art. 6(1)(f)): the right to object applies.
        any_li |= bases.contains(&LegalBasis::LegitimateInterests) || !a.disclosures.is_empty();
        // Art. 20(1)(a): portability applies to processing based on consent or contract.
        any_portable |=
            bases.contains(&LegalBasis::Consent) || bases.contains(&LegalBasis::Contract);
        if let Some(d) = a.retention.as_ref().and_then(|r| r.period.as_ref()) {
            periods.push(*d.get_ref());
        }
        let special = a.data_categories.iter().any(|r| {
            p.data_categories
                .get(r.get_ref())
                .is_some_and(|c| c.special)
        });
        activities.insert(
            id.clone(),
            json!({
                "special": special,
                "cookies": activity_cookies.get(id.as_str()).cloned().unwrap_or_default(),
                "transfers": recipients_of(a).iter().flat_map(|r| rec_transfers.get(r).cloned().unwrap_or_default()).collect::<Vec<_>>(),
                // Its own recipients and those of every activity; "none"
                // only when it says `recipients = []` and no recipient
                // serves every activity.
                "recipients": recipients_of(a),
                "recipients_none": a.recipients.as_ref().is_some_and(Vec::is_empty) && site_wide.is_empty(),
                // v2: for each purpose (in order), the entries of `bases`
                // (their indexes) that cover it.
                // Purposes with the same entries are said once, together
                // (`all`: every purpose of the activity).
                "purpose_groups": purpose_groups(a),
            }),
        );
    }
    periods.sort_by_key(|d| d.approx_seconds());
    // Facts the summary and the activities introduction rest on: a range of
    // retention periods is only the range when every activity has a period;
    // "given for each activity" only when every activity says something.
    let acts = || p.activities.iter().map(|(_, a)| a);
    let retention_all_periods =
        acts().all(|a| a.retention.as_ref().is_some_and(|r| r.period.is_some()));
    let retention_all_stated = acts().all(|a| a.retention.is_some());
    let activities_complete = acts().all(|a| {
        !a.data_categories.is_empty()
            && a.retention.is_some()
            && (a.recipients.is_some() || !site_wide.is_empty())
    });
    let mut groups = Vec::new();
    for cat in CookieCategory::ALL {
        let in_cat = || p.cookies.iter().filter(|(_, c)| c.category == cat);
        let ids: Vec<&str> = in_cat().map(|(k, _)| k.as_str()).collect();
        // Where the category's cookies are in the policy's list, in order:
        // the table takes its rows from there instead of testing every
        // cookie of the site for each category.
        let rows: Vec<usize> = p
            .cookies
            .iter()
            .enumerate()
            .filter(|(_, (_, c))| c.category == cat)
            .map(|(i, _)| i)
            .collect();
        // A group declared without names holds an unknown number of
        // cookies: its category's table then counts entries, not cookies.
        let has_group = in_cat().any(|(_, c)| c.is_group());
        // "We set them only if you consent": only when every cookie of the
        // category feeds an activity whose legal bases include consent.
        let consent_only = cat != CookieCategory::StrictlyNecessary
            && in_cat().all(|(_, c)| {
                c.activity
                    .as_ref()
                    .and_then(|a| p.activities.get(a.get_ref().as_str()))
                    .is_some_and(|a| a.legal_basis.get_ref().0.contains(&LegalBasis::Consent))
            });
        let third_party = in_cat().any(|(_, c)| c.party == model::Party::Third);
        groups.push(json!({
            "category": cat.id(),
            "cookies": ids,
            "rows": rows,
            "has_group": has_group,
            "consent_only": consent_only,
            "third_party": third_party,
        }));
    }
    let mut after: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (id, s) in p.sections.iter() {
        let page = model::enum_id(&s.page);
        let place = model::enum_id(&s.after);
        after.entry(format!("{page}:{place}")).or_default().push(id);
    }
    let third_country: Vec<&str> = p
        .recipients
        .iter()
        .filter(|(_, r)| r.locations().any(|c| outside(c.get_ref())))
        .map(|(k, _)| k.as_str())
        .collect();
    // Recipients whose country the notice does not state: "we do not
    // transfer outside the EEA" cannot be said while they exist.
    let country_not_stated: Vec<&str> = p
        .recipients
        .iter()
        .filter(|(_, r)| r.country.is_none())
        .map(|(k, _)| k.as_str())
        .collect();
    // The glossary's terms once each, in the GDPR's order (art. 4, then 9).
    let glossary: Vec<String> = p
        .document
        .glossary
        .iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(model::enum_id)
        .collect();
    // Sections of each page, in order, with free sections after their anchor.
    let section_list = |page: &str, builtin: &[(&str, bool)]| -> Vec<Value> {
        let mut v = Vec::new();
        for (key, present) in builtin {
            if *present {
                v.push(json!({ "key": key, "anchor": key.replace('_', "-"), "msg": format!("{}-heading", key.replace('_', "-")) }));
            }
            let mut ids: Vec<&str> = after
                .get(&format!("{page}:{key}"))
                .cloned()
                .unwrap_or_default();
            if *key == "end" {
                // Sections anchored to something this page does not have go last.
                for (k, extra) in &after {
                    let Some(place) = k.strip_prefix(&format!("{page}:")) else {
                        continue;
                    };
                    if !builtin.iter().any(|(b, _)| *b == place) {
                        ids.extend(extra.iter().copied());
                    }
                }
            }
            for id in ids {
                v.push(json!({ "key": "custom", "id": id, "anchor": format!("section-{id}") }));
            }
        }
        v
    };
    let privacy_sections = section_list(
        "privacy",
        &[
            ("summary", false),
            ("glossary", !p.document.glossary.is_empty()),
            ("controller", true),
            ("processor_contexts", !p.processor_contexts.is_empty()),
            ("activities", true),
            ("recipients", true),
            ("transfers", true),
            ("cookies", !p.cookies.is_empty()),
            ("rights", true),
            // Only when an activity declares one: no declaration is "not
            // stated", so no "we make no automated decisions" is printed.
            (
                "automated",
                p.activities
                    .iter()
                    .any(|(_, a)| a.automated_decision.is_some()),
            ),
            ("security", p.security.is_some()),
            ("children", p.children.is_some()),
            ("complaints", true),
            ("changes", true),
            ("end", false),
        ],
    );
    let mut cookie_builtin: Vec<(&str, bool)> = vec![("summary", false), ("consent", true)];
    let cat_keys: Vec<String> = CookieCategory::ALL
        .iter()
        .map(|c| format!("category_{}", c.id()))
        .collect();
    for (i, c) in CookieCategory::ALL.iter().enumerate() {
        cookie_builtin.push((
            cat_keys[i].as_str(),
            p.cookies.iter().any(|(_, k)| k.category == *c),
        ));
    }
    cookie_builtin.extend([
        ("cookies", false),
        // Changing or withdrawing consent: only where a cookie needs
        // consent, or the site says how.
        (
            "change",
            p.cookie_policy.change_consent.is_some()
                || p.cookies
                    .iter()
                    .any(|(_, c)| c.category != CookieCategory::StrictlyNecessary),
        ),
        ("browser", true),
        ("end", false),
    ]);
    let mut cookie_sections = section_list("cookies", &cookie_builtin);
    for s in &mut cookie_sections {
        if let Some(k) = s
            .get("key")
            .and_then(Value::as_str)
            .and_then(|k| k.strip_prefix("category_"))
        {
            let k = k.to_string();
            s["category"] = json!(k);
            s["anchor"] = json!(k.replace('_', "-"));
        }
    }
    json!({
        "privacy_sections": privacy_sections,
        "cookie_sections": cookie_sections,
        "recipients": recipients,
        "activities": activities,
        "cookie_groups": groups,
        "sections_after": after,
        "any_consent": any_consent,
        "any_legitimate_interest": any_li,
        "any_portable": any_portable,
        "any_automated": p.activities.iter().any(|(_, a)| a.automated_decision.is_some()),
        "any_special": p.data_categories.iter().any(|(_, c)| c.special),
        "any_third_party_cookie": p.cookies.iter().any(|(_, c)| c.party == model::Party::Third),
        "third_country_recipients": third_country,
        "country_not_stated": country_not_stated,
        "retention_all_periods": retention_all_periods,
        "retention_all_stated": retention_all_stated,
        "activities_complete": activities_complete,
        "any_strictly_necessary_cookie": p.cookies.iter().any(|(_, c)| c.category == CookieCategory::StrictlyNecessary),
        "retention_min": periods.first().map(|d| d.to_string()),
        "retention_max": periods.last().map(|d| d.to_string()),
        "cookie_count": p.cookies.len(),
        "consent_cookie_count": p.cookies.iter().filter(|(_, c)| c.category != CookieCategory::StrictlyNecessary).count(),
        // A group declared without names holds an unknown number of
        // cookies: the pages then give no count of cookies.
        "any_cookie_group": p.cookies.iter().any(|(_, c)| c.is_group()),
        "eea": eea,
        "glossary": glossary,
    })
}

/// v2: the purposes of an activity with `bases`, grouped by the entries
/// (their indexes in `bases`) that cover them, in the order of the first
/// purpose of each group: `[{ purposes: [0, 2], bases: [0, 1], all }]`.
fn purpose_groups(a: &crate::model::Activity) -> Vec<Value> {
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for i in 0..a.purposes.len() {
        let covering: Vec<usize> = a
            .bases
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                b.get_ref()
                    .purposes
                    .iter()
                    .any(|n| *n.get_ref() as usize == i + 1)
            })
            .map(|(j, _)| j)
            .collect();
        match groups.iter_mut().find(|(_, c)| *c == covering) {
            Some((purposes, _)) => purposes.push(i),
            None => groups.push((vec![i], covering)),
        }
    }
    let n = a.purposes.len();
    groups
        .into_iter()
        .map(|(purposes, bases)| {
            json!({ "all": n > 1 && purposes.len() == n, "purposes": purposes, "bases": bases })
        })
        .collect()
}
