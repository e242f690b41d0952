//! Legal completeness lint: what the notice is missing before a lawyer or
//! Datatilsynet says so. Every rule has a stable id, a severity, its legal
//! source and a hint. An entity can waive a rule with a written reason
//! (`waive = { rule-id = "reason" }`, or `[waivers]` for document-level
//! rules); waived findings are shown as notes.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::diagnostics::{Diagnostic, Diagnostics, FileId, Severity};
use crate::load::Site;
use crate::model::markdown::to_plain;
use crate::model::*;

/// A lint rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id, e.g. `retention-missing`.
    pub id: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// Legal source.
    pub source: &'static str,
    /// What it checks.
    pub summary: &'static str,
    /// Where it can be waived: an entity table, or `[waivers]`.
    pub scope: &'static str,
}

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

/// Every rule, in the order of the README table.
pub const RULES: &[Rule] = &[
    Rule { id: "contact-missing", severity: E, source: "GDPR art. 13(1)(a), 14(1)(a)", summary: "the controller has no e-mail, phone or address", scope: "[waivers]" },
    Rule { id: "dpo-status-missing", severity: E, source: "GDPR art. 13(1)(b), 37", summary: "the notice does not say whether a data protection officer is appointed", scope: "[waivers]" },
    Rule { id: "retention-missing", severity: W, source: "GDPR art. 13(2)(a), 14(2)(a)", summary: "an activity has no retention period or criteria", scope: "activity" },
    Rule { id: "retention-vague", severity: W, source: "GDPR art. 13(2)(a); Datatilsynet: «så lenge det er nødvendig» is not enough", summary: "retention is only \"as long as necessary\", with no period", scope: "activity" },
    Rule { id: "legitimate-interest-missing", severity: E, source: "GDPR art. 13(1)(d), 14(2)(b)", summary: "legitimate interests is the basis, but the interest is not described", scope: "activity" },
    Rule { id: "art9-condition-missing", severity: E, source: "GDPR art. 9(2)", summary: "special categories are processed without an art. 9(2) condition", scope: "activity" },
    Rule { id: "consent-withdrawal-missing", severity: W, source: "GDPR art. 7(3), 13(2)(c)", summary: "a consent-based activity does not say how to withdraw consent", scope: "activity" },
    Rule { id: "transfer-mechanism-missing", severity: E, source: "GDPR art. 13(1)(f), 44–49", summary: "a recipient outside the EEA has no transfer (mechanism) for that country", scope: "recipient" },
    Rule { id: "joint-arrangement-missing", severity: W, source: "GDPR art. 26(2)", summary: "a joint controller is named without the essence of the arrangement between the controllers", scope: "recipient" },
    Rule { id: "cookie-without-consent", severity: E, source: "ekomloven (in force 1 January 2025); ePrivacy directive art. 5(3)", summary: "a cookie that is not strictly necessary feeds an activity that is not based on consent", scope: "cookie" },
    Rule { id: "cookie-provider-undeclared", severity: E, source: "ePrivacy art. 5(3); CJEU C-673/17 Planet49 (third-party access)", summary: "a third-party cookie names no provider among the recipients", scope: "cookie" },
    Rule { id: "cookie-unlinked", severity: W, source: "EDPB cookie banner taskforce (2023): the GDPR governs the processing that follows", summary: "a cookie that is not strictly necessary is linked to no processing activity", scope: "cookie" },
    Rule { id: "consent-settings-missing", severity: W, source: "ekomloven 2025: withdrawing must be as easy as giving consent; WP208", summary: "cookies need consent, but [cookie_policy] change_consent does not say how to change or withdraw it", scope: "[waivers]" },
    Rule { id: "browser-settings-consent", severity: E, source: "ekomloven 2025; CJEU C-673/17 Planet49", summary: "a text treats browser settings as consent to cookies", scope: "[waivers]" },
    Rule { id: "authority-missing", severity: W, source: "GDPR art. 13(2)(d), 77", summary: "the supervisory authority is not named (datatilsynet is assumed)", scope: "[waivers]" },
    Rule { id: "rights-channel-missing", severity: W, source: "GDPR art. 12(2), 13(2)(b)", summary: "no channel for exercising rights and no privacy e-mail", scope: "[waivers]" },
    Rule { id: "section-empty", severity: E, source: "GDPR art. 12(1) (clear, intelligible information)", summary: "a free section has a heading but no text in some language", scope: "section" },
    Rule { id: "unused-entity", severity: W, source: "GDPR art. 12(1)", summary: "a data category, data subject group, source or recipient is declared but no activity or cookie uses it", scope: "the entity" },
    Rule { id: "response-time-too-long", severity: E, source: "GDPR art. 12(3)", summary: "[rights] response_time is longer than one month (only complex or numerous requests allow two more months, and the notice says so itself)", scope: "[waivers]" },
    Rule { id: "provision-missing", severity: W, source: "GDPR art. 13(2)(e)", summary: "an activity that collects data from the person does not say whether giving it is required, or a required one does not say what happens if it is not given", scope: "activity" },
    Rule { id: "transfer-copy-missing", severity: W, source: "GDPR art. 13(1)(f), 14(1)(f)", summary: "a transfer on appropriate safeguards (scc, bcr, code of conduct, certification) does not say how to get a copy of them or where they are available", scope: "transfer" },
    Rule { id: "starter-data", severity: W, source: "GDPR art. 12(1), 13(1)(a)", summary: "the data still holds the example values `init` wrote (Eksempel AS, example.no)", scope: "[waivers]" },
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

struct Linter<'a> {
    site: &'a Site,
    out: Diagnostics,
}

impl Linter<'_> {
    /// Reports a finding for `rule`, unless `waive` holds a reason for it.
    fn finding(
        &mut self,
        id: &str,
        message: String,
        file: FileId,
        span: Range<usize>,
        help: &str,
        waive: Option<&BTreeMap<String, String>>,
    ) {
        let Some(rule) = rule(id) else { return };
        let doc_waiver = self
            .site
            .policy
            .waivers
            .get(id)
            .map(|s| s.get_ref().clone());
        let reason = waive
            .and_then(|w| w.get(id).cloned())
            .or(if waive.is_none() { doc_waiver } else { None });
        // A finding waived in [waivers] is shown at its waiver.
        let (file, span) = match self.site.policy.waivers.get(id) {
            Some(w) if waive.is_none() => (self.site.table_file("waivers"), w.span()),
            _ => (file, span),
        };
        let d = match reason {
            Some(reason) => Diagnostic::info(id, format!("waived: {message}"))
                .note(format!("waived because: {reason}")),
            None => {
                let mut d = Diagnostic::error(id, message)
                    .note(rule.source.to_string())
                    .help(help.to_string());
                d.severity = rule.severity;
                d
            }
        };
        self.out.push(d.at(file, span));
    }

    /// The span of `word` in the entity whose header is at `header`
    /// (before the next header), else `header`.
    fn find_after(&self, file: FileId, header: Range<usize>, word: &str) -> Range<usize> {
        let Some(text) = self.site.sources.get(file).map(|f| f.text.as_str()) else {
            return header;
        };
        let start = header.end.min(text.len());
        let rest = &text[start..];
        let end = rest.find("\n[").unwrap_or(rest.len());
        match rest[..end].find(word) {
            Some(i) => start + i..start + i + word.len(),
            None => header,
        }
    }

    fn check_waivers(
        &mut self,
        waive: &BTreeMap<String, String>,
        file: FileId,
        span: Range<usize>,
        what: &str,
    ) {
        for (id, reason) in waive {
            // At the waiver itself when it can be found after the header.
            let span = self.find_after(file, span.clone(), id);
            if rule(id).is_none() {
                let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
                let help = match crate::load::suggest(id, ids.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("rule ids: {}", ids.join(", ")),
                };
                self.out.push(
                    Diagnostic::error("unknown-rule", format!("{what} waives unknown rule `{id}`"))
                        .at(file, span.clone())
                        .help(help),
                );
            } else if reason.trim().is_empty() {
                self.out.push(
                    Diagnostic::error("waiver-without-reason", format!("{what} waives `{id}` without a reason"))
                        .at(file, span.clone())
                        .help("write why the rule does not apply, e.g. waive = { retention-missing = \"kept only for the length of the call\" }"),
                );
            }
        }
    }
}

/// Phrases that mean "as long as necessary" and nothing more.
const VAGUE_RETENTION: &[&str] = &[
    "as long as necessary",
    "as long as needed",
    "as long as required",
    "så lenge det er nødvendig",
    "så lenge det trengs",
    "så lenge vi trenger",
    "så lenge som nødvendig",
];

/// Phrases that treat browser settings as consent.
const BROWSER_CONSENT: &[&str] = &[
    "browser settings",
    "nettleserinnstilling",
    "innstillingene i nettleseren",
    "by using this site you agree",
    "by using our site you agree",
    "ved å bruke nettstedet samtykker",
    "ved å bruke nettsiden samtykker",
];

/// Phrasings that make using the site, or the browser's settings, stand in
/// for consent, in English and Bokmål. Each is a sequence of word groups:
/// `a|b` alternatives, `x*` any word starting with x, a leading `?` an
/// optional group, and `~` a gap of up to six words.
const BROWSER_CONSENT_PHRASES: &[&str] = &[
    "by using|visiting|browsing ?this|our|the site|website|websites|web|service|services|pages ?site ~ you ?hereby agree*|consent*|accept*",
    "by continuing to use|browse|visit ?this|our|the site|website|web|service|pages ~ you ?hereby agree*|consent*|accept*",
    "if|when|as|unless your browser ?settings allow*|accept*|permit*",
    "if|when you have set your browser to accept*|allow*",
    "opt out ~ browser*",
    "ved å bruke|besøke ?våre|vår|denne nettsted*|nettside*|siden|sidene|tjeneste* ?våre|vår ~ godtar|samtykker|aksepterer du",
    "ved å fortsette å bruke|besøke ?våre|vår|denne nettsted*|nettside*|siden|sidene|tjeneste* ~ godtar|samtykker|aksepterer du",
    "nettleseren din er stilt|satt ?inn til å godta|akseptere|tillate",
    "reserver* deg ~ nettleser*",
];

/// One word group of a [`BROWSER_CONSENT_PHRASES`] pattern.
enum Group {
    /// `~`: a gap of up to six words.
    Gap,
    /// Alternatives (`a|b`; `x*` a prefix), optional with a leading `?`.
    Words {
        optional: bool,
        alts: Vec<(&'static str, bool)>,
    },
}

/// The phrases parsed once (the check runs on every text of the data:
/// tens of thousands on a large site).
fn phrases() -> &'static [Vec<Group>] {
    static PARSED: std::sync::OnceLock<Vec<Vec<Group>>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        BROWSER_CONSENT_PHRASES
            .iter()
            .map(|p| {
                p.split(' ')
                    .map(|g| {
                        if g == "~" {
                            return Group::Gap;
                        }
                        let (optional, g) = match g.strip_prefix('?') {
                            Some(rest) => (true, rest),
                            None => (false, g),
                        };
                        let alts = g
                            .split('|')
                            .map(|alt| match alt.strip_suffix('*') {
                                Some(prefix) => (prefix, true),
                                None => (alt, false),
                            })
                            .collect();
                        Group::Words { optional, alts }
                    })
                    .collect()
            })
            .collect()
    })
}

fn group_matches(alts: &[(&str, bool)], word: &str) -> bool {
    alts.iter().any(|&(alt, prefix)| {
        if prefix {
            word.starts_with(alt)
        } else {
            word == alt
        }
    })
}

/// Whether `pattern` (see [`BROWSER_CONSENT_PHRASES`]) matches the words
/// starting at `at`.
fn matches_at(pattern: &[Group], text: &[&str], at: usize) -> bool {
    let Some((first, rest)) = pattern.split_first() else {
        return true;
    };
    match first {
        Group::Gap => (0..=6).any(|gap| at + gap <= text.len() && matches_at(rest, text, at + gap)),
        Group::Words {
            optional: true,
            alts,
        } => {
            (at < text.len() && group_matches(alts, text[at]) && matches_at(rest, text, at + 1))
                || matches_at(rest, text, at)
        }
        Group::Words { alts, .. } => {
            at < text.len() && group_matches(alts, text[at]) && matches_at(rest, text, at + 1)
        }
    }
}

/// True when a text treats using the site, or the browser's settings, as
/// consent to cookies.
pub fn treats_browser_as_consent(text: &str) -> bool {
    let lower = text.to_lowercase();
    let ws: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    phrases()
        .iter()
        .any(|p| (0..ws.len()).any(|i| matches_at(p, &ws, i)))
}

/// The `browser-settings-consent` finding for one text, if it has one. The
/// check stage calls this for every text of the data, so the phrasing is
/// caught wherever it is written; a `[waivers]` entry turns it into a note.
pub fn browser_consent_finding(
    site: &Site,
    t: &Text,
    file: FileId,
    what: &str,
) -> Option<Diagnostic> {
    let hit = t.map.values().any(|s| treats_browser_as_consent(s));
    if !hit {
        return None;
    }
    // The same finding, waiver and severity as every rule: through the
    // linter's own `finding`.
    let mut l = Linter {
        site,
        out: Diagnostics::default(),
    };
    l.finding(
        "browser-settings-consent",
        format!("{what} treats browser settings (or simply using the site) as consent to cookies"),
        file,
        t.span.clone(),
        "since 1 January 2025 cookie consent must be an active, specific choice in a banner or settings: say how the site asks instead",
        None,
    );
    l.out.items.pop()
}

fn lower_texts(t: &Text) -> String {
    t.map
        .values()
        .map(|s| s.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs every rule.
pub fn lint(site: &Site) -> Diagnostics {
    // A table or entity that failed to load is missing from the data the
    // rules read, so their findings would follow from that error (an
    // unused recipient that only the broken activity used, a missing
    // contact): the error is reported alone, and the rules run once the
    // data loads.
    if !site.policy.broken.is_empty() {
        return Diagnostics::default();
    }
    let mut l = Linter {
        site,
        out: Diagnostics::default(),
    };
    let p = &site.policy;
    let eea = &site.regions.eea;
    let cf = site.config_file;

    for (id, reason) in &p.waivers {
        let w = BTreeMap::from([(id.clone(), reason.get_ref().clone())]);
        l.check_waivers(&w, l.site.table_file("waivers"), reason.span(), "[waivers]");
    }

    // Controller and contacts.
    let c = &p.controller;
    if p.table_files.contains_key("controller")
        && c.email.is_none()
        && c.phone.is_none()
        && c.addresses.is_empty()
        && p.privacy_contact.email.is_none()
    {
        let (f, at) = l.site.table_span("controller");
        l.finding(
            "contact-missing",
            "neither [controller] nor [privacy_contact] gives an e-mail, phone or address".into(),
            f,
            at,
            "add email = \"…\" and an address to [controller]",
            None,
        );
    }
    if p.privacy_contact.dpo_appointed.is_none() {
        // At [privacy_contact], where dpo_appointed goes; without one, at
        // [controller], next to which it belongs.
        let (f, at) = if p.table_spans.contains_key("privacy_contact") {
            l.site.table_span("privacy_contact")
        } else {
            l.site.table_span("controller")
        };
        l.finding(
            "dpo-status-missing",
            "the notice does not say whether a data protection officer (personvernombud) is appointed".into(),
            f,
            at,
            if p.table_spans.contains_key("privacy_contact") {
                "add dpo_appointed = true or false to [privacy_contact] (true only if you have appointed a personvernombud), or \"not_stated\" if the notice you model does not say"
            } else {
                "add [privacy_contact] with dpo_appointed = true or false, and who answers privacy questions"
            },
            None,
        );
    }
    if !p.table_files.contains_key("supervisory_authority") {
        l.finding(
            "authority-missing",
            "the notice does not name a supervisory authority; Datatilsynet is assumed".into(),
            cf,
            0..0,
            "add supervisory_authority = \"datatilsynet\" (or another registry id) at the top of a data file",
            None,
        );
    }
    if p.rights.channels.is_empty() && p.privacy_contact.email.is_none() {
        let (f, at) = l.site.table_span("rights");
        l.finding(
            "rights-channel-missing",
            "the notice gives no way to exercise rights".into(),
            f,
            at,
            "add [rights.channels.email] with kind = \"email\" and value = \"…\"",
            None,
        );
    }

    if let Some(rt) = &p.rights.response_time {
        if rt.get_ref().approx_seconds() > crate::model::duration::SECONDS_PER_MONTH {
            let f = l.site.table_file("rights");
            l.finding(
                "response-time-too-long",
                format!("[rights] response_time is {}, longer than the one month the GDPR allows", rt.get_ref()),
                f,
                rt.span(),
                "write response_time = \"P1M\" (or shorter); the notice already says that complex or numerous requests may take up to two more months",
                None,
            );
        }
    }
    starter_data(&mut l);

    // Activities.
    let mut used: BTreeSet<(&str, &str)> = BTreeSet::new();
    // The data processed for customers (as their processor) is declared
    // by the same categories.
    for (_, x) in p.processor_contexts.iter() {
        for r in &x.data_categories {
            used.insert(("data_categories", r.get_ref()));
        }
    }
    for (id, a) in p.activities.iter() {
        let (f, span, w) = (a.origin.file, a.origin.span.clone(), Some(&a.waive));
        l.check_waivers(&a.waive, f, span.clone(), &format!("[activities.{id}]"));
        for r in &a.data_categories {
            used.insert(("data_categories", r.get_ref()));
        }
        for r in &a.data_subjects {
            used.insert(("data_subjects", r.get_ref()));
        }
        for r in &a.sources {
            used.insert(("sources", r.get_ref()));
        }
        for r in a.own_recipients() {
            used.insert(("recipients", r.get_ref()));
        }
        match &a.retention {
            None => l.finding("retention-missing", format!("[activities.{id}] says nothing about how long data is kept"), f, span.clone(), "add retention = { period = \"P3Y\", from = \"end_of_contract\" }, or criteria = { nb = \"…\", en = \"…\" }", w),
            Some(r) if r.period.is_none() => {
                if let Some(crit) = &r.criteria {
                    let text = lower_texts(crit);
                    // However long the text around it, "as long as necessary"
                    // with no period states no retention period.
                    if VAGUE_RETENTION.iter().any(|v| text.contains(v)) {
                        l.finding("retention-vague", format!("[activities.{id}] keeps data only \"as long as necessary\""), f, crit.span.clone(), "give a period (period = \"P2Y\") or concrete criteria: what event ends the need, and when data is deleted", w);
                    }
                }
            }
            _ => {}
        }
        // Art. 13(2)(e) applies to data collected from the person: an
        // activity with no sources, or one of them the person or what they
        // do (observed).
        let from_person = a.sources.is_empty()
            || a.sources.iter().any(|r| {
                p.sources.get(r.get_ref()).is_some_and(|s| {
                    matches!(s.kind, SourceKind::DataSubject | SourceKind::Observed)
                })
            });
        if from_person {
            match &a.provision {
                None => l.finding("provision-missing", format!("[activities.{id}] does not say whether the person must give the data, and what happens if they do not"), f, span.clone(), "add provision = { requirement = \"voluntary\" } (or contractual, statutory, obliged_by_law) and, when it is required, consequence = { nb = \"…\", en = \"…\" }", w),
                Some(pr) if pr.requirement != Requirement::Voluntary && pr.consequence.is_none() => l.finding("provision-missing", format!("[activities.{id}] says giving the data is required, but not what happens if the person does not give it"), f, span.clone(), "add consequence = { nb = \"…\", en = \"…\" } to provision", w),
                _ => {}
            }
        }
        let bases = &a.legal_basis.get_ref().0;
        // With `bases`, each entry on legitimate interests names its own
        // interest (checked with the entries, in validate).
        if bases.contains(&LegalBasis::LegitimateInterests)
            && a.legitimate_interest.is_none()
            && a.bases.is_empty()
        {
            l.finding("legitimate-interest-missing", format!("[activities.{id}] is based on legitimate interests but does not say which interest"), f, a.legal_basis.span(), "add legitimate_interest = { nb = \"…\", en = \"…\" }", w);
        }
        if bases.contains(&LegalBasis::Consent) && a.consent_withdrawal.is_none() {
            l.finding("consent-withdrawal-missing", format!("[activities.{id}] is based on consent but does not say how to withdraw it"), f, a.legal_basis.span(), "add consent_withdrawal = { nb = \"…\", en = \"…\" } (an unsubscribe link, the cookie settings, an e-mail address)", w);
        }
        let special = a.data_categories.iter().any(|r| {
            p.data_categories
                .get(r.get_ref())
                .is_some_and(|c| c.special)
        });
        if special && a.special_category_condition.is_none() {
            l.finding("art9-condition-missing", format!("[activities.{id}] processes special categories of personal data but names no condition under GDPR art. 9(2)"), f, span.clone(), "add special_category_condition = \"explicit_consent\" (or another art. 9(2) condition)", w);
        }
    }

    // Recipients outside the EEA need a transfer for each third country.
    for (id, r) in p.recipients.iter() {
        let (f, span) = (r.origin.file, r.origin.span.clone());
        l.check_waivers(&r.waive, f, span.clone(), &format!("[recipients.{id}]"));
        if r.parent.is_some() || r.all_activities {
            // A sub-processor is used through its parent; a recipient of
            // every activity by each of them.
            used.insert(("recipients", id.as_str()));
        }
        if r.kind == RecipientKind::JointController && r.arrangement.is_none() {
            l.finding(
                "joint-arrangement-missing",
                format!("[recipients.{id}] is a joint controller, but the notice does not give the essence of the arrangement between you"),
                f,
                l.find_after(f, span.clone(), "joint_controller"),
                "add arrangement = { nb = \"…\", en = \"…\" }: who gives people the information and who answers their requests (GDPR art. 26(2))",
                Some(&r.waive),
            );
        }
        // An unstated country is not known to be outside the EEA; `EEA` (a
        // region) is inside it.
        let mut seen = BTreeSet::new();
        for c in r.locations() {
            let code = c.get_ref();
            if eea.contains(code) || code == "EEA" || !seen.insert(code.clone()) {
                continue;
            }
            // A code that is no country is reported once, as invalid-country;
            // advice built on it would repeat the mistake.
            if !site.country_codes.iter().any(|x| x == code) && code != "worldwide" {
                continue;
            }
            let own = r.country.as_ref().is_some_and(|x| x.get_ref() == code);
            let covered = p.transfers.iter().any(|(_, t)| t.covers(id, code, own));
            if !covered {
                l.finding(
                    "transfer-mechanism-missing",
                    format!("[recipients.{id}] processes data in {code}, outside the EEA, but no transfer says on what grounds"),
                    f,
                    c.span(),
                    &format!("add [transfers.{id}-{}] with recipient = \"{id}\", country = \"{code}\" and mechanism = \"scc\" (or adequacy, bcr, …)", code.to_lowercase()),
                    Some(&r.waive),
                );
            }
        }
    }
    for (id, t) in p.transfers.iter() {
        l.check_waivers(
            &t.waive,
            t.origin.file,
            t.origin.span.clone(),
            &format!("[transfers.{id}]"),
        );
        let safeguards = t.all_mechanisms().iter().any(|m| {
            matches!(
                m,
                TransferMechanism::Scc
                    | TransferMechanism::Bcr
                    | TransferMechanism::CodeOfConduct
                    | TransferMechanism::Certification
            )
        });
        if safeguards && t.copy.is_none() {
            l.finding(
                "transfer-copy-missing",
                format!("[transfers.{id}] relies on safeguards, but does not say how to get a copy of them"),
                t.origin.file,
                t.origin.span.clone(),
                "add copy = { nb = \"Du kan be om en kopi ved å skrive til …\", en = \"You can ask for a copy by writing to …\" }",
                Some(&t.waive),
            );
        }
    }

    // Cookies.
    let mut needs_consent = false;
    for (id, k) in p.cookies.iter() {
        let (f, span, w) = (k.origin.file, k.origin.span.clone(), Some(&k.waive));
        l.check_waivers(&k.waive, f, span.clone(), &format!("[cookies.{id}]"));
        if let Some(pr) = &k.provider {
            used.insert(("recipients", pr.get_ref()));
        }
        if k.party == Party::Third && k.provider.is_none() {
            l.finding("cookie-provider-undeclared", format!("[cookies.{id}] is a third-party cookie but names no provider"), f, span.clone(), "add provider = \"<recipient id>\" and declare the provider under [recipients.<id>]", w);
        }
        if k.category == CookieCategory::StrictlyNecessary {
            continue;
        }
        needs_consent = true;
        match &k.activity {
            None => l.finding("cookie-unlinked", format!("[cookies.{id}] ({}) is not linked to a processing activity", k.label(&l.site.default_language)), f, span.clone(), "add activity = \"<activity id>\" naming the processing the cookie's data is used for", w),
            Some(a) => {
                // An activity that is not declared is reported as an
                // unknown reference; its legal basis is not known.
                let consent = p.activities.get(a.get_ref()).map(|act| act.legal_basis.get_ref().0.contains(&LegalBasis::Consent));
                if consent == Some(false) {
                    l.finding(
                        "cookie-without-consent",
                        format!("[cookies.{id}] is a {} cookie, but activity `{}` is not based on consent", k.category.id().replace('_', " "), a.get_ref()),
                        f,
                        a.span(),
                        "cookies that are not strictly necessary need consent: add \"consent\" to the activity's legal_basis, or mark the cookie strictly_necessary if it truly is",
                        w,
                    );
                }
            }
        }
    }
    if needs_consent && p.cookie_policy.change_consent.is_none() {
        let (f, at) = l.site.table_span("cookie_policy");
        l.finding("consent-settings-missing", "cookies need consent, but the notice does not say how to change or withdraw it".into(), f, at, "add change_consent = { nb = \"…\", en = \"…\" } to [cookie_policy], with a link to the cookie settings", None);
    }
    let mut consent_texts: Vec<(&Text, FileId)> = Vec::new();
    let cpf = l.site.table_file("cookie_policy");
    for t in [&p.cookie_policy.consent, &p.cookie_policy.change_consent]
        .into_iter()
        .flatten()
    {
        consent_texts.push((t, cpf));
    }
    for (_, s) in p.sections.iter() {
        consent_texts.push((&s.body, s.origin.file));
    }
    for (t, f) in consent_texts {
        let text = lower_texts(t);
        let mentions_consent = text.contains("consent")
            || text.contains("samtykk")
            || text.contains("agree")
            || text.contains("godta");
        let caught = t.map.values().any(|s| treats_browser_as_consent(s));
        if !caught && mentions_consent && BROWSER_CONSENT.iter().any(|b| text.contains(b)) {
            l.finding(
                "browser-settings-consent",
                "a text treats browser settings (or simply using the site) as consent to cookies".into(),
                f,
                t.span.clone(),
                "since 1 January 2025 cookie consent must be an active, specific choice in a banner or settings; say how the site asks, and that refusing is as easy as accepting",
                None,
            );
        }
    }

    // Sections.
    for (id, s) in p.sections.iter() {
        let (f, span) = (s.origin.file, s.origin.span.clone());
        l.check_waivers(&s.waive, f, span.clone(), &format!("[sections.{id}]"));
        for lang in &site.languages {
            let body = s.body.get_or_empty(lang);
            let plain = to_plain(body);
            let only_heading = body.trim_start().starts_with('#')
                && body.lines().filter(|x| !x.trim().is_empty()).count() <= 1;
            if plain.trim().is_empty() || only_heading {
                l.finding(
                    "section-empty",
                    format!("[sections.{id}] has a heading but no text in `{lang}`"),
                    f,
                    s.body.span.clone(),
                    "write the section's text, or remove the section",
                    Some(&s.waive),
                );
            }
        }
    }

    // Declared but unused.
    for (kind, ids) in [
        (
            "data_categories",
            p.data_categories
                .iter()
                .map(|(k, v)| (k, &v.waive, v.origin.clone()))
                .collect::<Vec<_>>(),
        ),
        (
            "data_subjects",
            p.data_subjects
                .iter()
                .map(|(k, v)| (k, &v.waive, v.origin.clone()))
                .collect(),
        ),
        (
            "sources",
            p.sources
                .iter()
                .map(|(k, v)| (k, &v.waive, v.origin.clone()))
                .collect(),
        ),
        (
            "recipients",
            p.recipients
                .iter()
                .map(|(k, v)| (k, &v.waive, v.origin.clone()))
                .collect(),
        ),
    ] {
        for (id, waive, origin) in ids {
            if kind != "recipients" {
                l.check_waivers(
                    waive,
                    origin.file,
                    origin.span.clone(),
                    &format!("[{kind}.{id}]"),
                );
            }
            if !used.contains(&(kind, id.as_str())) {
                l.finding(
                    "unused-entity",
                    format!("[{kind}.{id}] is declared but no activity or cookie refers to it"),
                    origin.file,
                    origin.span,
                    "refer to it from an activity (or cookie), or remove it",
                    Some(waive),
                );
            }
        }
    }
    l.out
}

/// Domains reserved for examples: the starter site's `example.no` and the
/// RFC 2606 ones.
const EXAMPLE_DOMAINS: &[&str] = &["example.no", "example.com", "example.org", "example.net"];

fn is_example_address(s: &str) -> bool {
    let host = s
        .rsplit('@')
        .next()
        .unwrap_or(s)
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .split(['/', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    EXAMPLE_DOMAINS
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// `starter-data`: the example values `init` writes, still in the data (one
/// finding for the site, at the first of them).
fn starter_data(l: &mut Linter<'_>) {
    let p = &l.site.policy;
    let c = &p.controller;
    let mut found: Vec<String> = Vec::new();
    let mut at: Option<(FileId, Range<usize>)> = None;
    let cf = l.site.table_file("controller");
    if c.legal_name == "Eksempel AS" {
        found.push(c.legal_name.clone());
    }
    let pcf = l.site.table_file("privacy_contact");
    for (v, file) in [
        (&c.email, cf),
        (&c.website, cf),
        (&p.privacy_contact.email, pcf),
    ] {
        let Some(v) = v else { continue };
        if is_example_address(v.get_ref()) {
            found.push(v.get_ref().clone());
            at.get_or_insert((file, v.span()));
        }
    }
    let base = &l.site.config.base_url;
    if is_example_address(base.get_ref()) {
        found.push(base.get_ref().clone());
        at.get_or_insert((l.site.config_file, base.span()));
    }
    if found.is_empty() {
        return;
    }
    let (file, span) = at.unwrap_or((cf, 0..0));
    let mut seen = BTreeSet::new();
    found.retain(|v| seen.insert(v.clone()));
    l.finding(
        "starter-data",
        format!(
            "the data still holds example values from `personvern init`: {}",
            found.join(", ")
        ),
        file,
        span,
        "replace them with your organisation's own name, addresses and site URL before you publish",
        None,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_consent_phrasings_are_caught() {
        for t in [
            "By using this site you agree to our use of cookies.",
            "By continuing to use our website, you consent to cookies.",
            "If your browser settings allow cookies, we set them.",
            "You can opt out by changing your browser settings.",
            "Ved å bruke nettstedet godtar du bruk av informasjonskapsler.",
            "Ved å fortsette å bruke våre nettsider samtykker du.",
            "Dersom nettleseren din er stilt inn til å godta informasjonskapsler, regnes det som samtykke.",
            "Du kan reservere deg ved å endre nettleserens innstillinger.",
        ] {
            assert!(treats_browser_as_consent(t), "{t}");
        }
        for t in [
            "We ask for your consent in a banner before we set any cookie that needs it.",
            "You can also delete cookies in your browser.",
            "Du kan når som helst trekke samtykket tilbake i innstillingene for informasjonskapsler.",
            "Ved å bruke skjemaet sender du oss navnet ditt.",
        ] {
            assert!(!treats_browser_as_consent(t), "{t}");
        }
    }

    #[test]
    fn example_addresses() {
        assert!(is_example_address("post@example.no"));
        assert!(is_example_address("https://www.example.no/"));
        assert!(is_example_address("http://example.com:8080/x"));
        assert!(!is_example_address("post@nordlysbooking.no"));
        assert!(!is_example_address("https://example.no.evil.com/"));
        assert!(!is_example_address("https://myexample.no/"));
    }

    #[test]
    fn rule_ids_are_unique_and_kebab_case() {
        let mut seen = BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate {}", r.id);
            assert!(
                r.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit()),
                "{}",
                r.id
            );
        }
    }

    #[test]
    fn readme_lists_every_rule() {
        let readme = include_str!("../../README.md");
        for r in RULES {
            assert!(
                readme.contains(&format!("`{}`", r.id)),
                "README does not list {}",
                r.id
            );
        }
    }
}
