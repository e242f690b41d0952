//! Validation: everything that must hold before a page is rendered, so
//! templates never see half-valid data. Errors stop the build; warnings don't.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::diagnostics::{Diagnostic, Diagnostics, FileId};
use crate::load::config::is_safe_slug;
use crate::load::{suggest, Site};
use crate::model::*;

/// Checks a Norwegian organisation number (9 digits, MOD11 check digit).
/// Spaces are allowed ("123 456 785").
pub fn org_number_valid(s: &str) -> Result<String, String> {
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{s}` is not a Norwegian organisation number: it must have 9 digits"
        ));
    }
    let d: Vec<u32> = digits.bytes().map(|b| (b - b'0') as u32).collect();
    let weights = [3, 2, 7, 6, 5, 4, 3, 2];
    let sum: u32 = weights.iter().zip(&d).map(|(w, x)| w * x).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => {
            return Err(format!(
            "`{s}` is not a valid organisation number (no valid MOD11 check digit exists for it)"
        ))
        }
        c => c,
    };
    if d[8] != check {
        return Err(format!(
            "`{s}` is not a valid organisation number: the check digit should be {check}, not {}",
            d[8]
        ));
    }
    Ok(digits)
}

/// The ISO 3166-1 code and English name of a country written by name or by
/// a common abbreviation (`USA`, `UK`, `Norway`, `Norge`, `Sverige`), from
/// the built-in country names in every language. `None` when nothing matches.
pub fn country_by_name(written: &str) -> Option<(String, String)> {
    let key = written.trim().to_lowercase();
    let abbreviation = match key.as_str() {
        "uk" | "u.k." | "england" | "great britain" | "storbritannia" => Some("GB"),
        "usa" | "u.s." | "u.s.a." | "america" | "united states of america" => Some("US"),
        _ => None,
    };
    let names = |tag: &str| -> Vec<(String, String)> {
        let path = format!("locales/{tag}/countries.ftl");
        let text = crate::reference::file(&path)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        text.lines()
            .filter_map(|l| l.strip_prefix("country-"))
            .filter_map(|l| l.split_once(" = "))
            .map(|(c, n)| (c.trim().to_string(), n.trim().to_string()))
            .collect()
    };
    let en = names("en");
    let english = |iso: &str| {
        en.iter()
            .find(|(c, _)| c == iso)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| iso.to_string())
    };
    if let Some(iso) = abbreviation {
        return Some((iso.to_string(), english(iso)));
    }
    for tag in crate::i18n::builtin_languages() {
        if let Some((iso, _)) = names(&tag)
            .into_iter()
            .find(|(_, n)| n.to_lowercase() == key)
        {
            return Some((iso.clone(), english(&iso)));
        }
    }
    None
}

/// A plausible e-mail address: one `@`, no spaces, a dot in the domain.
pub fn email_valid(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
}

/// An absolute http(s) URL without spaces or quotes.
pub fn url_valid(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty()
                && host.contains('.') | host.starts_with("localhost")
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>' || c == '\'')
        }
        None => false,
    }
}

/// `unknown-reference` if `r` names no id of `ids` (an entity with a bad
/// field, in `broken`, is reported where the field is; it is still known).
fn unknown_reference(
    r: &Ref,
    ids: &Ids,
    kind: &str,
    file: FileId,
    what: &str,
    broken: &BTreeSet<String>,
) -> Option<Diagnostic> {
    let id = r.get_ref();
    if ids.set.contains(id.as_str()) || broken.contains(&format!("{kind}.{id}")) {
        return None;
    }
    let ids = &ids.order;
    let help = match suggest(id, ids.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if ids.is_empty() => format!("declare it as [{kind}.{id}]"),
        None => format!(
            "declare it as [{kind}.{id}], or use one of: {}",
            ids.join(", ")
        ),
    };
    Some(
        Diagnostic::error(
            "unknown-reference",
            format!("{what} refers to `{id}`, which is not declared in [{kind}]"),
        )
        .at(file, r.span())
        .help(help),
    )
}

/// The references between entities of a policy that name no declared
/// entity. The live data gets them from [`validate`]; a release snapshot
/// is checked with this when it is loaded, since its archived page is
/// rendered from it (and a template must never look up an unknown id).
pub fn references(p: &Policy) -> Diagnostics {
    let cat_ids = Ids::new(p.data_categories.ids());
    let subj_ids = Ids::new(p.data_subjects.ids());
    let src_ids = Ids::new(p.sources.ids());
    let rec_ids = Ids::new(p.recipients.ids());
    let act_ids = Ids::new(p.activities.ids());
    let b = &p.broken;
    let mut d = Diagnostics::default();
    let mut check = |r: &Ref, ids: &Ids, kind: &str, f: FileId, what: &str| {
        if let Some(x) = unknown_reference(r, ids, kind, f, what, b) {
            d.push(x);
        }
    };
    for (id, a) in p.activities.iter() {
        let f = a.origin.file;
        let w = format!("[activities.{id}]");
        for r in &a.data_categories {
            check(r, &cat_ids, "data_categories", f, &w);
        }
        for r in &a.data_subjects {
            check(r, &subj_ids, "data_subjects", f, &w);
        }
        for r in &a.sources {
            check(r, &src_ids, "sources", f, &w);
        }
        for r in a.own_recipients() {
            check(r, &rec_ids, "recipients", f, &w);
        }
        for b in &a.bases {
            for r in &b.get_ref().subjects {
                check(r, &subj_ids, "data_subjects", f, &format!("{w} bases"));
            }
        }
    }
    for (id, x) in p.processor_contexts.iter() {
        let w = format!("[processor_contexts.{id}]");
        for r in &x.data_categories {
            check(r, &cat_ids, "data_categories", x.origin.file, &w);
        }
    }
    for (id, r) in p.recipients.iter() {
        if let Some(par) = &r.parent {
            let w = format!("[recipients.{id}] parent");
            check(par, &rec_ids, "recipients", r.origin.file, &w);
        }
    }
    for (id, t) in p.transfers.iter() {
        let w = format!("[transfers.{id}]");
        if let Some(r) = &t.recipient {
            check(r, &rec_ids, "recipients", t.origin.file, &w);
        }
    }
    for (id, k) in p.cookies.iter() {
        let f = k.origin.file;
        if let Some(pr) = &k.provider {
            check(
                pr,
                &rec_ids,
                "recipients",
                f,
                &format!("[cookies.{id}] provider"),
            );
        }
        if let Some(a) = &k.activity {
            check(
                a,
                &act_ids,
                "activities",
                f,
                &format!("[cookies.{id}] activity"),
            );
        }
    }
    d
}

/// The fix for an authority id that is not in the registry: its current
/// id when it is a former name, a near id, or the known ones. `prefix` is
/// what the fix is written after (`supervisory_authority = `).
fn unknown_authority_help(site: &Site, id: &str, prefix: &str) -> String {
    let known: Vec<&str> = site.authorities.keys().map(String::as_str).collect();
    let former = site
        .authorities
        .iter()
        .find(|(_, a)| a.former_names.iter().any(|n| n.eq_ignore_ascii_case(id)));
    match former {
        Some((k, a)) => format!(
            "`{id}` is the former name of {}; write {prefix}\"{k}\"",
            a.native_name
        ),
        None => match suggest(id, known.iter().copied()) {
            Some(s) => format!("did you mean \"{s}\"?"),
            None => format!(
                "known authorities: {} (add others in the site's authorities.toml)",
                known.join(", ")
            ),
        },
    }
}

struct V<'a> {
    site: &'a Site,
    d: Diagnostics,
}

/// The ids of one kind of entity: in declaration order (for messages) and
/// as a set (references are checked once per use; linear search made large
/// sites quadratic).
struct Ids<'a> {
    order: Vec<&'a str>,
    set: std::collections::HashSet<&'a str>,
}

impl<'a> Ids<'a> {
    fn new(order: Vec<&'a str>) -> Self {
        let set = order.iter().copied().collect();
        Ids { order, set }
    }
}

/// Whether a transfer instrument names the EU-US Data Privacy Framework.
fn names_dpf(instrument: &str) -> bool {
    let i = instrument.to_ascii_lowercase();
    i.contains("data privacy framework") || instrument.contains("DPF")
}

/// Whether a transfer's instrument says the Canadian recipient is subject to
/// PIPEDA.
fn names_pipeda(instrument: &str) -> bool {
    instrument.to_ascii_uppercase().contains("PIPEDA")
}

/// A text that is still a placeholder: one `personvern cookie add` or the
/// hints wrote (`TODO: …`, `FIXME`, `…`), never meant to be published.
fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    ["TODO", "FIXME", "TBD"].iter().any(|p| t.starts_with(p)) || t == "…" || t == "..."
}

impl V<'_> {
    fn err(&mut self, code: &str, msg: String, file: FileId, span: Range<usize>, help: &str) {
        self.d.push(
            Diagnostic::error(code, msg)
                .at(file, span)
                .help(help.to_string()),
        );
    }

    fn text(&mut self, t: &Text, file: FileId, what: &str) {
        let langs = &self.site.languages;
        if langs.len() > 1 && t.map.contains_key("") {
            self.err(
                "text-not-localized",
                format!(
                    "{what} is a plain string, but the site has {} languages",
                    langs.len()
                ),
                file,
                t.span.clone(),
                &format!(
                    "write it once per language: {{ {} }}",
                    langs
                        .iter()
                        .map(|l| format!("{l} = \"…\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            return;
        }
        // `eng = "…"` for `en`: one mistake, reported as the unknown
        // language with its suggestion, not also as a missing text.
        let misspelt: Vec<&str> = t
            .map
            .keys()
            .filter(|k| !k.is_empty() && !langs.contains(k))
            .filter_map(|k| suggest(k, langs.iter().map(String::as_str)))
            .collect();
        for l in langs {
            match t.get(l) {
                None if misspelt.contains(&l.as_str()) => {}
                None => self.err(
                    "missing-translation",
                    format!("{what} has no `{l}` text"),
                    file,
                    t.span.clone(),
                    &format!("add {l} = \"…\" to this text"),
                ),
                Some(s) if s.trim().is_empty() => self.err(
                    "empty-text",
                    format!("{what} has an empty `{l}` text"),
                    file,
                    t.span.clone(),
                    "write the text, or remove the field if it is optional",
                ),
                Some(s) if is_placeholder(s) => self.d.push(
                    Diagnostic::warning(
                        "placeholder-text",
                        format!(
                            "{what}: the `{l}` text is still a placeholder: \"{}\"",
                            s.trim()
                        ),
                    )
                    .at(file, t.span.clone())
                    .help("write the real text before you publish; the page shows the placeholder as it is"),
                ),
                _ => {}
            }
        }
        if let Some(d) = crate::check::lint::browser_consent_finding(self.site, t, file, what) {
            self.d.push(d);
        }
        for k in t.map.keys().filter(|k| !k.is_empty()) {
            if !langs.contains(k) {
                let hint = match suggest(k, langs.iter().map(String::as_str)) {
                    Some(s) => format!(
                        "did you mean `{s}`? The site's languages are: {}",
                        langs.join(", ")
                    ),
                    None => format!(
                        "the site's languages are: {} (set in [site] languages)",
                        langs.join(", ")
                    ),
                };
                self.err(
                    "unknown-language",
                    format!("{what} has text for `{k}`, which is not a site language"),
                    file,
                    t.span.clone(),
                    &hint,
                );
            }
        }
    }

    /// `bases` of an activity: purposes by number, each purpose covered,
    /// each basis with what it needs, subjects among the activity's, and
    /// `legal_basis` (when written too) naming the same bases.
    fn purpose_bases(&mut self, a: &Activity, f: FileId, w: &str) {
        if a.bases.is_empty() {
            return;
        }
        let n = a.purposes.len();
        let mut covered = vec![false; n];
        for b in &a.bases {
            let span = b.span();
            let b = b.get_ref();
            if b.purposes.is_empty() {
                self.err(
                    "missing-key",
                    format!("{w} has an entry in bases that names no purpose"),
                    f,
                    span.clone(),
                    "add purposes = [1] (the purposes it covers, numbered from 1 in the order of purposes)",
                );
            }
            for i in &b.purposes {
                let k = *i.get_ref() as usize;
                if k == 0 || k > n {
                    self.err(
                        "invalid-purpose",
                        format!(
                            "{w} bases names purpose {k}, but the activity has {n} purpose{}",
                            if n == 1 { "" } else { "s" }
                        ),
                        f,
                        i.span(),
                        &format!("number the purposes from 1 to {n}, in the order of purposes"),
                    );
                } else {
                    covered[k - 1] = true;
                }
            }
            let basis = b.basis.id();
            if b.basis == LegalBasis::LegitimateInterests
                && b.legitimate_interest.is_none()
                && a.legitimate_interest.is_none()
            {
                self.err(
                    "legitimate-interest-missing",
                    format!("{w} bases: an entry is based on legitimate interests but does not say which interest"),
                    f,
                    span.clone(),
                    "add legitimate_interest = { nb = \"…\", en = \"…\" } to the entry",
                );
            }
            if b.basis == LegalBasis::LegalObligation
                && b.legal_reference.is_none()
                && a.legal_reference.is_none()
            {
                self.err(
                    "legal-reference-missing",
                    format!("{w} bases: an entry is based on a legal obligation but does not say which law"),
                    f,
                    span.clone(),
                    "add legal_reference = { nb = \"bokføringsloven § 13\", en = \"the Bookkeeping Act, section 13\" } to the entry",
                );
            }
            self.opt_text(
                &b.legitimate_interest,
                f,
                &format!("{w} bases ({basis}) legitimate_interest"),
            );
            self.opt_text(
                &b.legal_reference,
                f,
                &format!("{w} bases ({basis}) legal_reference"),
            );
            for s in &b.subjects {
                let known = self.site.policy.data_subjects.contains(s.get_ref());
                if known && !a.data_subjects.iter().any(|x| x.get_ref() == s.get_ref()) {
                    self.err(
                        "invalid-reference",
                        format!("{w} bases names the data subjects `{}`, which are not among the activity's data_subjects", s.get_ref()),
                        f,
                        s.span(),
                        &format!("add \"{}\" to data_subjects, or name one of: {}", s.get_ref(), a.data_subjects.iter().map(|x| x.get_ref().as_str()).collect::<Vec<_>>().join(", ")),
                    );
                }
            }
        }
        let missing: Vec<String> = covered
            .iter()
            .enumerate()
            .filter(|(_, c)| !**c)
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        if !missing.is_empty() {
            self.err(
                "purpose-without-basis",
                format!(
                    "{w} bases gives no legal basis for purpose {}",
                    missing.join(", ")
                ),
                f,
                a.bases[0].span(),
                &format!(
                    "add an entry with purposes = [{}] and its basis",
                    missing.join(", ")
                ),
            );
        }
        // A legal_basis written beside bases must name the same bases.
        {
            let listed: std::collections::BTreeSet<LegalBasis> =
                a.legal_basis.get_ref().0.iter().copied().collect();
            let used: std::collections::BTreeSet<LegalBasis> =
                a.bases.iter().map(|b| b.get_ref().basis).collect();
            if !listed.is_empty() && listed != used {
                let ids = |s: &std::collections::BTreeSet<LegalBasis>| {
                    s.iter()
                        .map(|b| format!("\"{}\"", b.id()))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                self.err(
                    "basis-mismatch",
                    format!("{w} legal_basis lists {}, but bases uses {}", ids(&listed), ids(&used)),
                    f,
                    a.legal_basis.span(),
                    "remove legal_basis (with bases it is the bases the entries name), or make it list the same bases",
                );
            }
        }
    }

    fn opt_text(&mut self, t: &Option<Text>, file: FileId, what: &str) {
        if let Some(t) = t {
            self.text(t, file, what);
        }
    }

    fn reference(&mut self, r: &Ref, ids: &Ids, kind: &str, file: FileId, what: &str) {
        if let Some(d) = unknown_reference(r, ids, kind, file, what, &self.site.policy.broken) {
            self.d.push(d);
        }
    }

    fn country(&mut self, c: &toml::Spanned<String>, file: FileId, what: &str) {
        let code = c.get_ref();
        if !self.site.country_codes.iter().any(|x| x == code) {
            let upper = code.to_uppercase();
            let help = if self.site.country_codes.contains(&upper) {
                format!("write it in capitals: \"{upper}\"")
            } else if let Some((iso, name)) = country_by_name(code) {
                format!("the ISO code of {name} is \"{iso}\": write \"{iso}\"")
            } else {
                "use an ISO 3166-1 alpha-2 code such as \"NO\", \"SE\", \"IE\" or \"US\""
                    .to_string()
            };
            self.err(
                "invalid-country",
                format!("{what}: `{code}` is not an ISO 3166-1 country code"),
                file,
                c.span(),
                &help,
            );
        }
    }

    /// A country code, or a region (`EEA`, `worldwide`) where a notice
    /// names only a region.
    fn place(&mut self, c: &toml::Spanned<String>, file: FileId, what: &str) {
        let code = c.get_ref();
        if REGIONS.contains(&code.as_str()) {
            return;
        }
        if let Some(r) = REGIONS.iter().find(|r| r.eq_ignore_ascii_case(code)) {
            self.err(
                "invalid-country",
                format!("{what}: `{code}` is not a country code or region"),
                file,
                c.span(),
                &format!("write the region as \"{r}\""),
            );
            return;
        }
        self.country(c, file, what);
    }

    fn email(&mut self, e: &toml::Spanned<String>, file: FileId, what: &str) {
        if !email_valid(e.get_ref()) {
            self.err(
                "invalid-email",
                format!("{what}: `{}` is not an e-mail address", e.get_ref()),
                file,
                e.span(),
                "write it as name@example.no",
            );
        }
    }

    fn url(&mut self, u: &toml::Spanned<String>, file: FileId, what: &str) {
        if !url_valid(u.get_ref()) {
            self.err(
                "invalid-url",
                format!("{what}: `{}` is not an absolute http(s) URL", u.get_ref()),
                file,
                u.span(),
                "write the full address, starting with https://",
            );
        }
    }

    fn address(&mut self, a: &Address, file: FileId, what: &str) {
        if a.country.span() != (0..0) {
            self.country(&a.country, file, what);
        }
    }
}

/// Validates a loaded site. Returns errors and warnings.
pub fn validate(site: &Site) -> Diagnostics {
    let mut v = V {
        site,
        d: Diagnostics::default(),
    };
    let p = &site.policy;
    let cf = site.config_file;

    // [site]
    if !url_valid(site.config.base_url.get_ref()) {
        v.err(
            "invalid-url",
            format!(
                "base_url `{}` is not an absolute http(s) URL",
                site.config.base_url.get_ref()
            ),
            cf,
            site.config.base_url.span(),
            "write the address the site is published at, e.g. \"https://www.example.no/\"",
        );
    }
    if let Some(t) = &site.config.title {
        v.text(t, cf, "[site] title");
    }
    for (lang, slugs) in &site.config.slugs {
        if !site.languages.contains(lang) {
            v.d.push(
                Diagnostic::error(
                    "unknown-language",
                    format!("[site.slugs.{lang}]: `{lang}` is not a site language"),
                )
                .at(cf, 0..0)
                .help(format!(
                    "the site's languages are: {}",
                    site.languages.join(", ")
                )),
            );
        }
        for s in [&slugs.privacy, &slugs.cookies].into_iter().flatten() {
            if !is_safe_slug(s.get_ref()) {
                v.err(
                    "invalid-slug",
                    format!("slug `{}` is not allowed", s.get_ref()),
                    cf,
                    s.span(),
                    "slugs use lowercase a–z, digits and `-` (no `/`, `..`, spaces or æøå)",
                );
            }
        }
        if let (Some(a), Some(b)) = (&slugs.privacy, &slugs.cookies) {
            if a.get_ref() == b.get_ref() {
                v.err(
                    "invalid-slug",
                    format!("the privacy and cookie pages of `{lang}` have the same slug"),
                    cf,
                    b.span(),
                    "give the two pages different slugs",
                );
            }
        }
    }

    // [document]
    let f = v.site.table_file("document");
    // A misspelt `[doc…]` header is reported as an unknown table.
    if !p.table_files.contains_key("document") && !p.broken.contains("document") {
        v.d.push(
            Diagnostic::error(
                "missing-table",
                "the notice has no [document] table (version and effective date)",
            )
            .at(cf, 0..0)
            .help("add [document] with version = \"1.0\" and effective_date = 2026-01-01"),
        );
    } else if !p.broken.contains("document") {
        if p.document.version.trim().is_empty() {
            let (f, at) = v.site.key_span("document", "version");
            v.d.push(
                Diagnostic::error("missing-key", "[document] version is empty")
                    .at(f, at)
                    .help("write a version such as \"1.0\""),
            );
        }
        if p.document.effective_date.is_none() {
            let (f, at) = v.site.table_span("document");
            v.d.push(
                Diagnostic::error("missing-key", "[document] has no effective_date")
                    .at(f, at)
                    .help("add effective_date = 2026-01-01 (a TOML date, no quotes)"),
            );
        }
    }
    v.opt_text(&p.document.scope, f, "[document] scope");
    v.opt_text(&p.document.title, f, "[document] title");
    v.opt_text(&p.document.introduction, f, "[document] introduction");

    // [controller]
    let f = v.site.table_file("controller");
    // A misspelt `[con…]` header is reported as an unknown table.
    if !p.table_files.contains_key("controller") && !p.broken.contains("controller") {
        v.d.push(
            Diagnostic::error(
                "missing-table",
                "the notice has no [controller] table (who is responsible)",
            )
            .at(cf, 0..0)
            .help("add [controller] with legal_name, org_number, email and an address"),
        );
    } else if !p.broken.contains("controller") && p.controller.legal_name.trim().is_empty() {
        let (f, at) = v.site.key_span("controller", "legal_name");
        v.d.push(
            Diagnostic::error("missing-key", "[controller] legal_name is empty")
                .at(f, at)
                .help("write the registered name, as in Brønnøysundregistrene: legal_name = \"Eksempel AS\""),
        );
    }
    let c = &p.controller;
    if let Some(o) = &c.org_number {
        if let Err(e) = org_number_valid(o.get_ref()) {
            v.err("invalid-org-number", format!("[controller] org_number: {e}"), f, o.span(), "copy the number from Brønnøysundregistrene (brreg.no); it has 9 digits and a MOD11 check digit");
        }
    }
    if let Some(e) = &c.email {
        v.email(e, f, "[controller] email");
    }
    if let Some(w) = &c.website {
        v.url(w, f, "[controller] website");
    }
    v.opt_text(&c.description, f, "[controller] description");
    v.opt_text(&c.register, f, "[controller] register");
    for a in &c.addresses {
        v.address(a, f, "[controller] address");
    }
    if let Some(r) = &c.representative {
        if let Some(e) = &r.email {
            v.email(e, f, "[controller.representative] email");
        }
    }

    // [privacy_contact]
    let f = v.site.table_file("privacy_contact");
    let pc = &p.privacy_contact;
    if let Some(e) = &pc.email {
        v.email(e, f, "[privacy_contact] email");
    }
    v.opt_text(&pc.role, f, "[privacy_contact] role");
    v.opt_text(&pc.note, f, "[privacy_contact] note");

    // Every reference between entities, with the same check a release
    // snapshot gets when it is loaded: one list of what refers to what.
    for d in references(p).items {
        v.d.push(d);
    }

    for (id, x) in p.processor_contexts.iter() {
        let f = x.origin.file;
        v.text(&x.service, f, &format!("[processor_contexts.{id}] service"));
        v.text(
            &x.description,
            f,
            &format!("[processor_contexts.{id}] description"),
        );
        v.opt_text(
            &x.customers,
            f,
            &format!("[processor_contexts.{id}] customers"),
        );
        for t in &x.sectors {
            v.text(t, f, &format!("[processor_contexts.{id}] sector"));
        }
    }
    for (id, x) in p.data_categories.iter() {
        let f = x.origin.file;
        v.text(&x.label, f, &format!("[data_categories.{id}] label"));
        v.opt_text(&x.examples, f, &format!("[data_categories.{id}] examples"));
    }
    for (id, x) in p.data_subjects.iter() {
        v.text(
            &x.label,
            x.origin.file,
            &format!("[data_subjects.{id}] label"),
        );
    }
    for (id, x) in p.sources.iter() {
        v.opt_text(
            &x.description,
            x.origin.file,
            &format!("[sources.{id}] description"),
        );
    }

    // Activities.
    for (id, a) in p.activities.iter() {
        let f = a.origin.file;
        let w = format!("[activities.{id}]");
        v.text(&a.name, f, &format!("{w} name"));
        if a.purposes.is_empty() {
            v.err(
                "missing-key",
                format!("{w} has no purposes"),
                f,
                a.origin.span.clone(),
                "add purposes = [{ nb = \"…\", en = \"…\" }]",
            );
        }
        for t in &a.purposes {
            v.text(t, f, &format!("{w} purpose"));
        }
        let bases = &a.legal_basis.get_ref().0;
        if bases.is_empty() {
            v.err(
                "missing-key",
                format!("{w} has an empty legal_basis"),
                f,
                a.legal_basis.span(),
                "name at least one basis, e.g. legal_basis = \"contract\"",
            );
        }
        v.purpose_bases(a, f, &w);
        v.opt_text(
            &a.legitimate_interest,
            f,
            &format!("{w} legitimate_interest"),
        );
        v.opt_text(&a.legal_reference, f, &format!("{w} legal_reference"));
        v.opt_text(&a.consent_withdrawal, f, &format!("{w} consent_withdrawal"));
        v.opt_text(&a.note, f, &format!("{w} note"));
        if let Some(r) = &a.retention {
            v.opt_text(&r.criteria, f, &format!("{w} retention.criteria"));
            v.opt_text(&r.remains, f, &format!("{w} retention.remains"));
            if let (Some(rem), false) = (&r.remains, r.then == Some(RetentionEnd::Anonymise)) {
                v.err(
                    "remains-without-anonymisation",
                    format!("{w} retention.remains says what remains after anonymisation, but retention.then is not \"anonymise\""),
                    f,
                    rem.span.clone(),
                    "add then = \"anonymise\" to retention, or remove remains (deleted data leaves nothing)",
                );
            }
            if r.period.is_none() && r.criteria.is_none() {
                v.err("retention-missing", format!("{w} retention has neither a period nor criteria"), f, a.origin.span.clone(), "add retention = { period = \"P3Y\", from = \"end_of_contract\" } or criteria = { … }");
            }
        }
        if let Some(pr) = &a.provision {
            v.opt_text(&pr.consequence, f, &format!("{w} provision.consequence"));
        }
        if let Some(ad) = &a.automated_decision {
            if ad.solely_automated && ad.ground.is_none() {
                v.err(
                    "automated-ground-missing",
                    format!("{w} makes a decision based solely on automated processing, but does not say which ground in GDPR art. 22(2) allows it"),
                    f,
                    a.origin.span.clone(),
                    "add ground = \"contract\", \"law\" or \"explicit_consent\" to automated_decision; no other ground allows such a decision (art. 22(1))",
                );
            }
            v.text(&ad.logic, f, &format!("{w} automated_decision.logic"));
            v.text(
                &ad.consequences,
                f,
                &format!("{w} automated_decision.consequences"),
            );
        }
    }

    // Recipients.
    for (id, r) in p.recipients.iter() {
        let f = r.origin.file;
        let w = format!("[recipients.{id}]");
        v.text(&r.service, f, &format!("{w} service"));
        v.opt_text(&r.category, f, &format!("{w} category"));
        if r.name.as_deref().is_none_or(|n| n.trim().is_empty())
            && r.category.is_none()
            && !r.category_only
        {
            v.err(
                "missing-key",
                format!("{w} has neither a name nor a category"),
                f,
                r.origin.span.clone(),
                "add name = \"…\" (the company), or, when the notice names only a kind of recipient, category = { nb = \"regnskapsbyråer\", en = \"accounting firms\" }",
            );
        }
        if let Some(c) = &r.country {
            v.place(c, f, &w);
        }
        for c in &r.data_locations {
            v.place(c, f, &format!("{w} data_locations"));
        }
        if let Some(a) = &r.address {
            v.address(a, f, &w);
        }
        if let Some(par) = &r.parent {
            if par.get_ref() == id {
                v.err(
                    "invalid-reference",
                    format!("{w} is its own parent"),
                    f,
                    par.span(),
                    "remove parent or name another recipient",
                );
            }
        }
        if let Some(u) = &r.privacy_policy {
            v.url(u, f, &format!("{w} privacy_policy"));
        }
        v.opt_text(&r.arrangement, f, &format!("{w} arrangement"));
        // The essence of an arrangement (art. 26(2)) exists only between
        // joint controllers: on any other recipient it would describe a
        // joint control the notice does not declare.
        if let Some(a) = &r.arrangement {
            if r.kind != RecipientKind::JointController {
                v.err(
                    "invalid-value",
                    format!(
                        "{w} has an arrangement, but its kind is `{}`, not `joint_controller`",
                        crate::model::enum_id(&r.kind)
                    ),
                    f,
                    a.span.clone(),
                    "an arrangement (GDPR art. 26(2)) is only for joint controllers: write kind = \"joint_controller\", or remove arrangement",
                );
            }
        }
    }

    // Transfers.
    for (id, t) in p.transfers.iter() {
        let f = t.origin.file;
        let w = format!("[transfers.{id}]");
        let span = t.origin.span.clone();
        match (&t.recipient, &t.recipients_category) {
            // An unknown recipient is reported by `references`.
            (Some(_), None) => {}
            (None, Some(c)) => v.text(c, f, &format!("{w} recipients_category")),
            (Some(_), Some(c)) => v.err(
                "conflicting-keys",
                format!("{w} has both recipient and recipients_category"),
                f,
                c.span.clone(),
                "keep recipient for a named recipient, or recipients_category for a transfer that may go to a category of recipients, not both",
            ),
            (None, None) => v.err(
                "missing-key",
                format!("{w} names no recipient"),
                f,
                span.clone(),
                "add recipient = \"<id>\" (an id in [recipients]), or recipients_category = { nb = \"…\", en = \"…\" } when the notice names only a category of recipients",
            ),
        }
        if let Some(c) = &t.country {
            v.place(c, f, &w);
        }
        v.opt_text(
            &t.international_organisation,
            f,
            &format!("{w} international_organisation"),
        );
        if let (Some(c), Some(_)) = (&t.country, &t.international_organisation) {
            v.err(
                "conflicting-keys",
                format!("{w} has both country and international_organisation"),
                f,
                c.span(),
                "a transfer goes to a third country or to an international organisation: split it into two transfers, or keep one of the keys",
            );
        }
        if t.mechanism.is_some() && !t.mechanisms.is_empty() {
            v.err(
                "conflicting-keys",
                format!("{w} has both mechanism and mechanisms"),
                f,
                span.clone(),
                "list every mechanism in mechanisms = [\"…\", \"…\"], or keep mechanism = \"…\" for one",
            );
        } else if t.all_mechanisms().is_empty() {
            v.err(
                "missing-key",
                format!("{w} names no transfer mechanism"),
                f,
                span.clone(),
                "add mechanism = \"scc\" (or adequacy, bcr, code_of_conduct, certification, derogation), or mechanisms = [\"adequacy\", \"scc\"] for several",
            );
        }
        v.opt_text(
            &t.supplementary_measures,
            f,
            &format!("{w} supplementary_measures"),
        );
        v.opt_text(&t.copy, f, &format!("{w} copy"));
        let adequacy = t.relies_on(TransferMechanism::Adequacy);
        // An adequacy decision is for a country: as the only mechanism of a
        // transfer to an international organisation it needs checking.
        if adequacy && t.international_organisation.is_some() && t.all_mechanisms().len() == 1 {
            v.d.push(
                Diagnostic::warning(
                    "no-adequacy-decision",
                    format!("{w}: personvern knows of no adequacy decision for an international organisation"),
                )
                .at(f, span.clone())
                .help("check the European Commission's list of adequacy decisions, or use mechanism = \"scc\" or another safeguard"),
            );
        }
        let Some(country) = &t.country else {
            continue;
        };
        let code = country.get_ref();
        if site.regions.eea.contains(code) || code == "EEA" {
            v.d.push(
                Diagnostic::warning(
                    "transfer-inside-eea",
                    format!("{w}: {code} is in the EEA; no transfer mechanism is needed"),
                )
                .at(f, country.span())
                .help("remove the transfer, or correct the country"),
            );
        }
        // Next to other mechanisms, "adequacy" for a region means "where
        // there is an adequacy decision"; alone, it needs a country that
        // has one.
        let region = REGIONS.contains(&code.as_str());
        if adequacy
            && !site.regions.adequacy.contains(code)
            && (!region || t.all_mechanisms().len() == 1)
        {
            v.err(
                "no-adequacy-decision",
                format!("{w}: the EU has no adequacy decision for {code}"),
                f,
                country.span(),
                "use mechanism = \"scc\" (standard contractual clauses) or another safeguard",
            );
        }
        // The EU-US adequacy decision (2023/1795) covers only organisations
        // certified under the EU-US Data Privacy Framework.
        if adequacy && code == "US" && !t.instrument.as_deref().is_some_and(names_dpf) {
            v.err(
                "adequacy-not-certified",
                format!("{w}: the EU-US adequacy decision covers only organisations certified under the EU-US Data Privacy Framework, and the transfer does not say the recipient is"),
                f,
                span.clone(),
                "check the recipient on dataprivacyframework.gov and write instrument = \"EU-US Data Privacy Framework\", or use mechanism = \"scc\" if it is not certified",
            );
        }
        // Canada's adequacy decision (2002/2/EC) covers only recipients
        // subject to PIPEDA, the federal act for the private sector.
        if adequacy && code == "CA" && !t.instrument.as_deref().is_some_and(names_pipeda) {
            v.err(
                "adequacy-not-certified",
                format!("{w}: the EU adequacy decision for Canada covers only recipients subject to PIPEDA, and the transfer does not say the recipient is"),
                f,
                span.clone(),
                "if the recipient is a commercial organisation subject to PIPEDA, write instrument = \"PIPEDA\"; otherwise use mechanism = \"scc\" or another safeguard",
            );
        }
    }

    // Cookies.
    let mut names = BTreeSet::new();
    for (id, k) in p.cookies.iter() {
        let f = k.origin.file;
        let w = format!("[cookies.{id}]");
        v.text(&k.purpose, f, &format!("{w} purpose"));
        v.opt_text(&k.data, f, &format!("{w} data"));
        match (&k.name, &k.group) {
            (Some(n), None) if n.trim().is_empty() => v.err(
                "missing-key",
                format!("{w} has an empty name"),
                f,
                k.origin.span.clone(),
                "write the cookie's exact name, or a pattern such as _ga_*",
            ),
            (Some(_), None) => {}
            (None, Some(g)) => v.text(g, f, &format!("{w} group")),
            (Some(_), Some(_)) => v.err(
                "invalid-value",
                format!("{w} has both a name and a group"),
                f,
                k.origin.span.clone(),
                "keep name for one cookie (or a pattern such as _ga_*), or group for cookies declared together without their names, not both",
            ),
            (None, None) => v.err(
                "missing-key",
                format!("{w} has neither a name nor a group"),
                f,
                k.origin.span.clone(),
                "write the cookie's exact name (name = \"_ga\", or a pattern such as _ga_*), or, for cookies the notice declares together without names, group = { nb = \"…\", en = \"…\" }",
            ),
        }
        // Only a technology that keeps nothing on the device can say so.
        if k.technology == Technology::ServerRequest
            && !matches!(k.duration.get_ref(), CookieDuration::NotStored)
        {
            v.err(
                "invalid-value",
                format!("{w} is a request to a server, which stores nothing on the device, but it gives a lifetime there"),
                f,
                k.duration.span(),
                "write duration = \"not_stored\" (how long the server keeps the data belongs in the activity's retention)",
            );
        }
        if matches!(k.duration.get_ref(), CookieDuration::NotStored)
            && !matches!(
                k.technology,
                Technology::Pixel | Technology::Fingerprint | Technology::ServerRequest
            )
        {
            v.err(
                "invalid-value",
                format!(
                    "{w} has duration = \"not_stored\", but its technology ({}) stores data on the device",
                    crate::model::enum_id(&k.technology)
                ),
                f,
                k.duration.span(),
                "give how long it is kept (\"P13M\", \"session\", a range \"P1D..P2Y\" or \"varies\"), or set technology = \"pixel\", \"fingerprint\" or \"server_request\" for something that stores nothing on the device",
            );
        }
        if let CookieDuration::Period(d) = k.duration.get_ref() {
            if d.is_zero() {
                v.err(
                    "invalid-value",
                    format!("{w} has a zero duration"),
                    f,
                    k.duration.span(),
                    "use \"session\" for cookies deleted when the browser closes",
                );
            }
        }
        if k.name.is_some() && !names.insert((k.name.clone(), k.domain.clone())) {
            v.d.push(
                Diagnostic::warning(
                    "duplicate-cookie",
                    format!(
                        "{w}: a cookie named `{}` is declared more than once",
                        k.name.as_deref().unwrap_or_default()
                    ),
                )
                .at(f, k.origin.span.clone())
                .help("remove one of them, or give them different domains if two sites set it"),
            );
        }
    }
    let f = v.site.table_file("cookie_policy");
    if let Some(r) = &p.cookie_policy.consent_cookie {
        let cookie_ids = Ids::new(p.cookies.ids());
        v.reference(
            r,
            &cookie_ids,
            "cookies",
            f,
            "[cookie_policy] consent_cookie",
        );
        if let Some(k) = p.cookies.get(r.get_ref()) {
            let problem = if k.category != CookieCategory::StrictlyNecessary {
                Some("is not in the strictly_necessary category")
            } else if k.party != Party::First || k.technology != Technology::HttpCookie {
                Some("is not a first-party HTTP cookie")
            } else if k.name.is_none() {
                Some("is a group of cookies declared without a name, not one named cookie")
            } else if k.name.as_deref().is_some_and(|n| n.contains('*')) {
                Some("has a pattern for a name, not one exact name")
            } else if matches!(k.duration.get_ref(), CookieDuration::Session) {
                Some("is a session cookie, but the banner keeps the choice for a number of days")
            } else if !matches!(k.duration.get_ref(), CookieDuration::Period(_)) {
                Some("has no single period for a lifetime, but the banner keeps the choice for a number of days")
            } else {
                None
            };
            if let Some(problem) = problem {
                v.err(
                    "invalid-value",
                    format!(
                        "[cookie_policy] consent_cookie: the cookie `{}` {problem}",
                        r.get_ref()
                    ),
                    f,
                    r.span(),
                    "name the strictly necessary first-party HTTP cookie, with an exact name and a lifetime such as \"P6M\", in which the consent banner stores the visitor's choice",
                );
            }
        }
    }
    v.opt_text(&p.cookie_policy.consent, f, "[cookie_policy] consent");
    v.opt_text(
        &p.cookie_policy.change_consent,
        f,
        "[cookie_policy] change_consent",
    );

    // Rights.
    let f = v.site.table_file("rights");
    v.opt_text(
        &p.rights.identity_verification,
        f,
        "[rights] identity_verification",
    );
    v.opt_text(&p.rights.note, f, "[rights] note");
    for (right, t) in p.rights.limits.iter() {
        v.text(t, f, &format!("[rights.limits] {right}"));
    }
    for (id, ch) in p.rights.channels.iter() {
        let w = format!("[rights.channels.{id}]");
        v.opt_text(&ch.description, ch.origin.file, &format!("{w} description"));
        match (ch.kind, &ch.value) {
            (ChannelKind::Email, Some(e)) => v.email(e, ch.origin.file, &w),
            (ChannelKind::WebForm, Some(u)) => v.url(u, ch.origin.file, &w),
            (ChannelKind::Email | ChannelKind::WebForm | ChannelKind::Phone, None) => v.err(
                "missing-key",
                format!("{w} has no value"),
                ch.origin.file,
                ch.origin.span.clone(),
                "add value = \"…\" (the address, URL or number)",
            ),
            _ => {}
        }
        if matches!(ch.kind, ChannelKind::Postal | ChannelKind::InApp)
            && ch.value.is_none()
            && ch.description.is_none()
        {
            v.err(
                "missing-key",
                format!("{w} needs a value or a description"),
                ch.origin.file,
                ch.origin.span.clone(),
                "say where to write, or where the setting is",
            );
        }
    }

    // Authority.
    let sa = &p.supervisory_authority;
    if sa.authority.is_none() {
        let f = v.site.table_file("supervisory_authority");
        let help = unknown_authority_help(site, sa.id.get_ref(), "supervisory_authority = ");
        v.err(
            "unknown-authority",
            format!("unknown supervisory authority `{}`", sa.id.get_ref()),
            f,
            sa.id.span(),
            &help,
        );
    } else if let Some(a) = &sa.authority {
        // Authorities may come from the site's authorities.toml: check their links.
        for (what, t) in [("website", &a.website), ("complaint_url", &a.complaint_url)] {
            for (lang, u) in &t.map {
                if !url_valid(u) {
                    v.d.push(
                        Diagnostic::error("invalid-url", format!("authority `{}` {what} ({lang}): `{u}` is not an absolute http(s) URL", sa.id.get_ref()))
                            .in_file(site.root.join("authorities.toml"))
                            .help("write the full address, starting with https://"),
                    );
                }
            }
        }
        if let Some(e) = &a.email {
            if !email_valid(e) {
                v.d.push(
                    Diagnostic::error(
                        "invalid-email",
                        format!(
                            "authority `{}` email `{e}` is not an e-mail address",
                            sa.id.get_ref()
                        ),
                    )
                    .in_file(site.root.join("authorities.toml")),
                );
            }
        }
        for l in &site.languages {
            if a.name.get(l).is_none() {
                v.d.push(
                    Diagnostic::warning(
                        "authority-untranslated",
                        format!(
                            "the registry has no `{l}` name for `{}`; its own name `{}` is used",
                            sa.id.get_ref(),
                            a.native_name
                        ),
                    )
                    .at(v.site.table_file("supervisory_authority"), sa.id.span()),
                );
            }
        }
    }

    // v2: the other supervisory authorities the notice names.
    let f = v.site.table_file("supervisory_authority");
    let mut seen_sa = vec![sa.id.get_ref().as_str()];
    for o in &sa.others {
        let id = o.id.get_ref().as_str();
        if seen_sa.contains(&id) {
            v.err(
                "invalid-value",
                format!("[supervisory_authority] others names `{id}` twice (or names the main authority)"),
                f,
                o.id.span(),
                "name each authority once: the main one in id, the rest in others",
            );
            continue;
        }
        seen_sa.push(id);
        let Some(a) = &o.authority else {
            let help = unknown_authority_help(site, id, "");
            v.err(
                "unknown-authority",
                format!("unknown supervisory authority `{id}` in [supervisory_authority] others"),
                f,
                o.id.span(),
                &help,
            );
            continue;
        };
        for (what, t) in [("website", &a.website), ("complaint_url", &a.complaint_url)] {
            for (lang, u) in &t.map {
                if !url_valid(u) {
                    v.d.push(
                        Diagnostic::error("invalid-url", format!("authority `{id}` {what} ({lang}): `{u}` is not an absolute http(s) URL"))
                            .in_file(site.root.join("authorities.toml"))
                            .help("write the full address, starting with https://"),
                    );
                }
            }
        }
        for l in &site.languages {
            if a.name.get(l).is_none() {
                v.d.push(
                    Diagnostic::warning(
                        "authority-untranslated",
                        format!(
                            "the registry has no `{l}` name for `{id}`; its own name `{}` is used",
                            a.native_name
                        ),
                    )
                    .at(f, o.id.span()),
                );
            }
        }
    }

    if let Some(s) = &p.security {
        let f = v.site.table_file("security");
        for m in &s.measures {
            v.text(m, f, "[security] measure");
        }
        v.opt_text(&s.note, f, "[security] note");
    }
    if let Some(c) = &p.children {
        let f = v.site.table_file("children");
        v.opt_text(&c.statement, f, "[children] statement");
        // "Not intended for children under 0 (or 21)" says nothing about
        // children: an age limit for children lies between 1 and 18.
        if let Some(age) = c.min_age.filter(|a| !(1..=18).contains(a)) {
            let (f, at) = v.site.table_span("children");
            v.err(
                "invalid-value",
                format!("[children] min_age = {age} is not an age limit for children"),
                f,
                at,
                "write the youngest age the service is meant for, from 1 to 18, or leave min_age out",
            );
        }
    }
    if let Some(c) = &p.changes {
        v.text(
            &c.announcement,
            v.site.table_file("changes"),
            "[changes] announcement",
        );
    }
    for (id, s) in p.sections.iter() {
        let f = s.origin.file;
        v.text(&s.title, f, &format!("[sections.{id}] title"));
        v.text(&s.body, f, &format!("[sections.{id}] body"));
    }

    v.d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_numbers() {
        // Brønnøysundregistrene's own number and a spaced variant.
        assert!(org_number_valid("974760673").is_ok());
        assert!(org_number_valid("974 760 673").is_ok());
        assert!(org_number_valid("974760674").is_err());
        assert!(org_number_valid("12345678").is_err());
        assert!(org_number_valid("abcdefghi").is_err());
    }

    #[test]
    fn emails_and_urls() {
        assert!(email_valid("personvern@example.no"));
        assert!(!email_valid("personvern.example.no"));
        assert!(!email_valid("a b@example.no"));
        assert!(url_valid("https://www.example.no/"));
        assert!(!url_valid("javascript:alert(1)"));
        assert!(!url_valid("www.example.no"));
    }
}
