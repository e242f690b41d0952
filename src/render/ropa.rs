//! Record of processing activities ("protokoll over behandlingsaktiviteter",
//! GDPR art. 30(1)) for the controller's internal use, made from the same
//! data as the privacy statement, in the columns of Datatilsynet's template
//! for a controller's record: activity, purposes, data subjects, personal
//! data, recipients (named), third-country transfers with their mechanism,
//! erasure deadlines, legal basis (art. 6 and the art. 9 condition) and
//! source, headed by the controller, its representative and the data
//! protection officer or privacy contact.
//!
//! Two forms: [`ropa_csv`] (RFC 4180, one row per activity, for a
//! spreadsheet) and [`ropa_html`] (a standalone HTML document to print or
//! file). Column headings and labels come from the constants below, in
//! Bokmål or English; legal terms (bases, citations, recipient roles,
//! mechanisms, countries) come from the locale, so they match the statement.

use crate::i18n::Lang;
use crate::load::Site;
use crate::model::markdown::to_plain;
use crate::model::{enum_id, Activity, DpoStatus, Recipient, Text};
use crate::render::escape_html;

/// Number of columns in the CSV form.
pub const COLUMN_COUNT: usize = 14;

/// Column headings in Bokmål (Datatilsynet's terms).
pub const HEADERS_NB: [&str; COLUMN_COUNT] = [
    "ID",
    "Behandlingsaktivitet",
    "Formål med behandlingen",
    "Kategorier av registrerte",
    "Kategorier av personopplysninger",
    "Kategorier av mottakere",
    "Overføring til tredjeland",
    "Sletting (lagringstid)",
    "Behandlingsgrunnlag (art. 6)",
    "Grunnlag for særlige kategorier (art. 9)",
    "Berettiget interesse eller rettslig grunnlag",
    "Kilde",
    "Behandlingsansvarlig",
    "Personvernombud eller kontakt",
];

/// Column headings in English.
pub const HEADERS_EN: [&str; COLUMN_COUNT] = [
    "ID",
    "Processing activity",
    "Purposes of the processing",
    "Categories of data subjects",
    "Categories of personal data",
    "Categories of recipients",
    "Transfers to third countries",
    "Time limits for erasure",
    "Legal basis (Art. 6)",
    "Condition for special categories (Art. 9)",
    "Legitimate interest or legal reference",
    "Source",
    "Controller",
    "Data protection officer or contact",
];

/// Columns shown in the HTML table: the controller and contact are in its
/// header instead of on every row.
const HTML_COLUMNS: usize = 12;

/// Labels of one language.
struct Labels {
    headers: &'static [&'static str; COLUMN_COUNT],
    title: &'static str,
    caption: &'static str,
    intro: &'static str,
    controller: &'static str,
    org_number: &'static str,
    email: &'static str,
    phone: &'static str,
    website: &'static str,
    representative: &'static str,
    dpo: &'static str,
    dpo_not_appointed: &'static str,
    contact: &'static str,
    note: &'static str,
    version: &'static str,
    effective: &'static str,
    last_reviewed: &'static str,
    security: &'static str,
    processor_record: &'static str,
    none: &'static str,
    not_stated: &'static str,
    not_applicable: &'static str,
    legitimate_interest: &'static str,
    legal_reference: &'static str,
    special: &'static str,
    criminal: &'static str,
    sub_of: &'static str,
    measures: &'static str,
    possible: &'static str,
    organisation: &'static str,
}

const NB: Labels = Labels {
    headers: &HEADERS_NB,
    title: "Protokoll over behandlingsaktiviteter",
    caption: "Behandlingsaktiviteter (personvernforordningen artikkel 30 nr. 1)",
    intro: "Protokollen til den behandlingsansvarlige etter personvernforordningen artikkel 30 nr. 1, laget fra de samme personverndataene som personvernerklæringen. Den er til internt bruk og skal legges fram for tilsynsmyndigheten på forespørsel.",
    controller: "Behandlingsansvarlig",
    org_number: "Org.nr.",
    email: "E-post",
    phone: "Telefon",
    website: "Nettsted",
    representative: "Representant i EØS (artikkel 27)",
    dpo: "Personvernombud",
    dpo_not_appointed: "Ikke oppnevnt",
    contact: "Kontakt for personvern",
    note: "Merknad",
    version: "Versjon",
    effective: "Gjelder fra",
    last_reviewed: "Sist gjennomgått",
    security: "Tekniske og organisatoriske sikkerhetstiltak (artikkel 32 nr. 1)",
    processor_record: "Behandling som databehandler (føres i en egen protokoll etter artikkel 30 nr. 2)",
    none: "Ingen",
    not_stated: "Ikke angitt",
    not_applicable: "Ikke aktuelt",
    legitimate_interest: "Berettiget interesse",
    legal_reference: "Rettslig grunnlag",
    special: "særlig kategori, art. 9",
    criminal: "straffedommer og lovovertredelser, art. 10",
    sub_of: "for",
    measures: "Tilleggstiltak",
    possible: "mulig overføring",
    organisation: "internasjonal organisasjon",
};

const EN: Labels = Labels {
    headers: &HEADERS_EN,
    title: "Record of processing activities",
    caption: "Processing activities (GDPR Art. 30(1))",
    intro: "The controller's record under Art. 30(1) GDPR, made from the same privacy data as the privacy statement. It is for internal use and is to be made available to the supervisory authority on request.",
    controller: "Controller",
    org_number: "Org. no.",
    email: "E-mail",
    phone: "Phone",
    website: "Website",
    representative: "Representative in the EEA (Art. 27)",
    dpo: "Data protection officer",
    dpo_not_appointed: "Not designated",
    contact: "Privacy contact",
    note: "Note",
    version: "Version",
    effective: "Effective from",
    last_reviewed: "Last reviewed",
    security: "Technical and organisational security measures (Art. 32(1))",
    processor_record: "Processing as a processor (kept in a separate record under Art. 30(2))",
    none: "None",
    not_stated: "Not stated",
    not_applicable: "Not applicable",
    legitimate_interest: "Legitimate interest",
    legal_reference: "Legal reference",
    special: "special category, Art. 9",
    criminal: "criminal convictions and offences, Art. 10",
    sub_of: "for",
    measures: "Supplementary measures",
    possible: "possible transfer",
    organisation: "international organisation",
};

fn labels(tag: &str) -> &'static Labels {
    let primary = tag.split('-').next().unwrap_or(tag);
    if primary.eq_ignore_ascii_case("nb") || primary.eq_ignore_ascii_case("no") {
        &NB
    } else {
        &EN
    }
}

/// Column headings for a language tag: Bokmål for `nb` (and `no`), English otherwise.
pub fn headers(tag: &str) -> &'static [&'static str; COLUMN_COUNT] {
    labels(tag).headers
}

/// A message, or its id if the locale lacks it (the translation check
/// reports missing messages at build time).
fn msg(lang: &Lang, id: &str) -> String {
    lang.msg(id, None).unwrap_or_else(|_| id.to_string())
}

/// Localized Markdown text as plain text.
fn plain(t: &Text, lang: &Lang) -> String {
    to_plain(t.get_or_empty(&lang.tag))
}

fn country(lang: &Lang, code: &str) -> String {
    lang.msg(&crate::model::place_message(code), None)
        .unwrap_or_else(|_| code.to_string())
}

/// A recipient's country, or "not stated".
fn opt_country(lang: &Lang, code: Option<&toml::Spanned<String>>) -> String {
    match code {
        Some(c) => country(lang, c.get_ref()),
        None => msg(lang, "place-not-stated"),
    }
}

/// "Street, 0150 Oslo, Region, Country": each part only where given.
fn address_line(lang: &Lang, a: &crate::model::Address) -> String {
    let town = match &a.postal_code {
        Some(pc) => format!("{pc} {}", a.city),
        None => a.city.clone(),
    };
    let mut parts = vec![a.street.clone(), town];
    if let Some(r) = &a.region {
        parts.push(r.clone());
    }
    parts.push(country(lang, a.country.get_ref()));
    parts.join(", ")
}

/// What the record calls a recipient: its name or category, else its kind.
fn recipient_label(lang: &Lang, r: &Recipient) -> String {
    r.label(&lang.tag)
        .unwrap_or_else(|| msg(lang, &format!("recipient-kind-{}", enum_id(&r.kind))))
}

/// "Label (citation)" for a message with a `.citation` attribute.
fn with_citation(lang: &Lang, id: &str) -> String {
    let label = msg(lang, id);
    match lang.msg(&format!("{id}.citation"), None) {
        Ok(c) if !c.is_empty() => format!("{label} ({c})"),
        _ => label,
    }
}

/// The activity's recipients, followed by the sub-processors of each
/// (recursively), without repeats.
fn recipients_of<'a>(site: &'a Site, act: &Activity) -> Vec<(&'a str, &'a Recipient)> {
    let recipients = &site.policy.recipients;
    let mut out: Vec<(&str, &Recipient)> = Vec::new();
    let mut queue: Vec<&str> = act
        .own_recipients()
        .iter()
        .map(|r| r.get_ref().as_str())
        .chain(
            recipients
                .iter()
                .filter(|(_, r)| r.all_activities)
                .map(|(k, _)| k.as_str()),
        )
        .collect();
    let mut i = 0;
    while i < queue.len() {
        let id = queue[i];
        i += 1;
        if out.iter().any(|(k, _)| *k == id) {
            continue;
        }
        if let Some((k, r)) = recipients.get_entry(id) {
            out.push((k.as_str(), r));
            for (sub_id, sub) in recipients.iter() {
                if sub.parent.as_ref().is_some_and(|p| p.get_ref() == id) {
                    queue.push(sub_id.as_str());
                }
            }
        }
    }
    out
}

/// The cells of one activity: each cell is a list of values.
fn activity_cells(
    site: &Site,
    lang: &Lang,
    l: &Labels,
    id: &str,
    act: &Activity,
    controller: &[String],
    contact: &[String],
) -> Vec<Vec<String>> {
    let policy = &site.policy;
    let or = |v: Vec<String>, empty: &str| {
        if v.is_empty() {
            vec![empty.to_string()]
        } else {
            v
        }
    };

    let purposes: Vec<String> = act.purposes.iter().map(|p| plain(p, lang)).collect();

    let subjects: Vec<String> = act
        .data_subjects
        .iter()
        .filter_map(|r| policy.data_subjects.get(r.get_ref()))
        .map(|s| plain(&s.label, lang))
        .collect();

    let mut special_data = false;
    let categories: Vec<String> = act
        .data_categories
        .iter()
        .filter_map(|r| policy.data_categories.get(r.get_ref()))
        .map(|c| {
            let mut s = plain(&c.label, lang);
            let mut notes = Vec::new();
            if c.special {
                special_data = true;
                notes.push(l.special);
            }
            if c.criminal {
                notes.push(l.criminal);
            }
            if !notes.is_empty() {
                s.push_str(&format!(" ({})", notes.join("; ")));
            }
            if let Some(ex) = &c.examples {
                s.push_str(&format!(": {}", plain(ex, lang)));
            }
            s
        })
        .collect();

    let recipients = recipients_of(site, act);
    let recipient_items: Vec<String> = recipients
        .iter()
        .map(|(_, r)| {
            let kind = msg(lang, &format!("recipient-kind-{}", enum_id(&r.kind)));
            let mut s = format!(
                "{kind}: {} ({})",
                recipient_label(lang, r),
                opt_country(lang, r.country.as_ref())
            );
            if let Some(parent) = r
                .parent
                .as_ref()
                .and_then(|p| policy.recipients.get(p.get_ref()))
            {
                s.push_str(&format!(", {} {}", l.sub_of, recipient_label(lang, parent)));
            }
            s
        })
        .collect();

    // A transfer to a named recipient of the activity, or one that may go
    // to a category of recipients (the notice ties it to no activity).
    let transfers: Vec<String> = policy
        .transfers
        .iter()
        .filter(|(_, t)| match &t.recipient {
            Some(r) => recipients.iter().any(|(k, _)| *k == r.get_ref()),
            None => t.recipients_category.is_some(),
        })
        .map(|(_, t)| {
            let name = match (&t.recipient, &t.recipients_category) {
                (Some(r), _) => policy
                    .recipients
                    .get(r.get_ref())
                    .map(|x| recipient_label(lang, x))
                    .unwrap_or_else(|| r.get_ref().clone()),
                (None, Some(c)) => format!("{} ({})", plain(c, lang), l.possible),
                (None, None) => String::new(),
            };
            let dest = match (&t.international_organisation, &t.country) {
                (Some(o), _) => format!("{} ({})", plain(o, lang), l.organisation),
                (None, c) => opt_country(lang, c.as_ref()),
            };
            let mechanisms: Vec<String> = t
                .all_mechanisms()
                .iter()
                .map(|m| with_citation(lang, &format!("mechanism-{}", enum_id(m))))
                .collect();
            let mut s = format!("{name} – {dest}: {}", mechanisms.join(" / "));
            if let Some(i) = &t.instrument {
                s.push_str(&format!(", {i}"));
            }
            if let Some(m) = &t.supplementary_measures {
                s.push_str(&format!(". {}: {}", l.measures, plain(m, lang)));
            }
            s
        })
        .collect();

    let mut retention = Vec::new();
    if let Some(r) = &act.retention {
        let mut head = String::new();
        if let Some(p) = &r.period {
            head = lang
                .duration(p.get_ref())
                .unwrap_or_else(|_| p.get_ref().to_string());
        }
        if let Some(from) = &r.from {
            let from = msg(lang, &format!("retention-from-{}", enum_id(from)));
            head = if head.is_empty() {
                from
            } else {
                format!("{head} {from}")
            };
        }
        if !head.is_empty() {
            retention.push(head);
        }
        if let Some(c) = &r.criteria {
            retention.push(plain(c, lang));
        }
        // v2: deleted or anonymised at the end, and what remains.
        if let Some(then) = &r.then {
            retention.push(msg(lang, &format!("retention-then-{}", enum_id(then))));
        }
        if let Some(rem) = &r.remains {
            retention.push(format!(
                "{}: {}",
                msg(lang, "retention-remains"),
                plain(rem, lang)
            ));
        }
    }

    // One basis (or a list) for the activity; with `bases`, each purpose
    // with the basis that covers it.
    let bases: Vec<String> = if act.bases.is_empty() {
        act.legal_basis
            .get_ref()
            .0
            .iter()
            .map(|b| with_citation(lang, &format!("basis-{}", b.id())))
            .collect()
    } else {
        act.bases
            .iter()
            .flat_map(|b| {
                let b = b.get_ref();
                let basis = with_citation(lang, &format!("basis-{}", b.basis.id()));
                b.purposes
                    .iter()
                    .filter_map(|n| act.purposes.get((*n.get_ref() as usize).checked_sub(1)?))
                    .map(move |t| format!("{} – {basis}", plain(t, lang)))
                    .collect::<Vec<_>>()
            })
            .collect()
    };

    let art9 = match &act.special_category_condition {
        Some(c) => with_citation(lang, &format!("art9-{}", enum_id(c))),
        None if special_data => l.not_stated.to_string(),
        None => l.not_applicable.to_string(),
    };

    let mut details = Vec::new();
    if let Some(t) = &act.legitimate_interest {
        details.push(format!("{}: {}", l.legitimate_interest, plain(t, lang)));
    }
    if let Some(t) = &act.legal_reference {
        details.push(format!("{}: {}", l.legal_reference, plain(t, lang)));
    }
    // v2: what the entries of `bases` and a national ground add.
    for b in &act.bases {
        let b = b.get_ref();
        if let Some(t) = &b.legitimate_interest {
            details.push(format!("{}: {}", l.legitimate_interest, plain(t, lang)));
        }
        if let Some(t) = &b.legal_reference {
            details.push(format!("{}: {}", l.legal_reference, plain(t, lang)));
        }
        if let Some(g) = &b.national_ground {
            details.push(msg(lang, &format!("national-ground-{}", enum_id(g))));
        }
    }
    if let Some(g) = &act.national_ground {
        details.push(msg(lang, &format!("national-ground-{}", enum_id(g))));
    }

    let sources: Vec<String> = act
        .sources
        .iter()
        .filter_map(|r| policy.sources.get(r.get_ref()))
        .map(|s| {
            let kind = msg(lang, &format!("source-kind-{}", enum_id(&s.kind)));
            let mut v = match &s.name {
                Some(n) => format!("{n} ({kind})"),
                None => kind,
            };
            if let Some(d) = &s.description {
                v.push_str(&format!(": {}", plain(d, lang)));
            }
            if s.publicly_accessible {
                v.push_str(&format!(" ({})", msg(lang, "source-public")));
            }
            v
        })
        .collect();

    vec![
        vec![id.to_string()],
        vec![plain(&act.name, lang)],
        or(purposes, l.not_stated),
        or(subjects, l.not_stated),
        or(categories, l.not_stated),
        or(recipient_items, l.none),
        or(transfers, l.none),
        or(retention, l.not_stated),
        or(bases, l.not_stated),
        vec![art9],
        or(details, l.not_applicable),
        or(sources, l.not_stated),
        controller.to_vec(),
        contact.to_vec(),
    ]
}

/// Controller details as `(label, value)` pairs; the first is the name.
fn controller_fields(site: &Site, lang: &Lang, l: &Labels) -> Vec<(String, String)> {
    let c = &site.policy.controller;
    let mut out = vec![(l.controller.to_string(), c.legal_name.clone())];
    if let Some(n) = &c.org_number {
        out.push((l.org_number.to_string(), n.get_ref().clone()));
    }
    for a in &c.addresses {
        let label = match &a.kind {
            Some(k) => msg(lang, &format!("address-{}", enum_id(k))),
            None => msg(lang, "address"),
        };
        out.push((label, address_line(lang, a)));
    }
    if let Some(e) = &c.email {
        out.push((l.email.to_string(), e.get_ref().clone()));
    }
    if let Some(p) = &c.phone {
        out.push((l.phone.to_string(), p.clone()));
    }
    if let Some(w) = &c.website {
        out.push((l.website.to_string(), w.get_ref().clone()));
    }
    if let Some(r) = &c.representative {
        let mut v = r.name.clone();
        if let Some(a) = &r.address {
            v.push_str(&format!(", {}", address_line(lang, a)));
        }
        if let Some(e) = &r.email {
            v.push_str(&format!(", {}", e.get_ref()));
        }
        out.push((l.representative.to_string(), v));
    }
    out
}

/// DPO or privacy contact as `(label, value)` pairs.
fn contact_fields(site: &Site, lang: &Lang, l: &Labels) -> Vec<(String, String)> {
    let p = &site.policy.privacy_contact;
    let mut details = Vec::new();
    if let Some(n) = &p.name {
        details.push(n.clone());
    }
    if let Some(r) = &p.role {
        details.push(plain(r, lang));
    }
    if let Some(e) = &p.email {
        details.push(e.get_ref().clone());
    }
    if let Some(ph) = &p.phone {
        details.push(ph.clone());
    }
    let details = details.join(", ");
    let mut out = Vec::new();
    match p.dpo_appointed {
        Some(DpoStatus::Appointed) => out.push((
            l.dpo.to_string(),
            if details.is_empty() {
                l.not_stated.to_string()
            } else {
                details
            },
        )),
        Some(DpoStatus::NotAppointed) => {
            out.push((l.dpo.to_string(), l.dpo_not_appointed.to_string()));
            if !details.is_empty() {
                out.push((l.contact.to_string(), details));
            }
        }
        None | Some(DpoStatus::NotStated) => {
            out.push((l.dpo.to_string(), l.not_stated.to_string()));
            if !details.is_empty() {
                out.push((l.contact.to_string(), details));
            }
        }
    }
    if let Some(n) = &p.note {
        out.push((l.note.to_string(), plain(n, lang)));
    }
    out
}

/// `label: value` items for a CSV cell; the first item of the controller is its bare name.
fn field_items(fields: &[(String, String)], bare_first: bool) -> Vec<String> {
    fields
        .iter()
        .enumerate()
        .map(|(i, (k, v))| {
            if bare_first && i == 0 {
                v.clone()
            } else {
                format!("{k}: {v}")
            }
        })
        .collect()
}

/// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let row: Vec<String> = cells.into_iter().map(|c| csv_field(&c)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

/// The record as CSV (RFC 4180: comma-separated, CRLF line ends, fields
/// with commas, quotes or line breaks quoted, quotes doubled): a header row
/// in the language of `lang` ([`HEADERS_NB`] or [`HEADERS_EN`]), then one
/// row per activity in declaration order. A cell with several values joins
/// them with "; ". Markdown is reduced to plain text. The controller and
/// privacy contact repeat on every row so that each row stands alone.
///
/// The text is UTF-8 without a byte-order mark; a caller writing a file for
/// Excel may prepend `\u{feff}` so that Excel reads it as UTF-8.
pub fn ropa_csv(site: &Site, lang: &Lang) -> String {
    let l = labels(&lang.tag);
    let controller = field_items(&controller_fields(site, lang, l), true);
    let contact = field_items(&contact_fields(site, lang, l), false);
    let controller = vec![controller.join("; ")];
    let contact = vec![contact.join("; ")];
    let mut out = String::new();
    csv_row(&mut out, l.headers.iter().map(|h| h.to_string()));
    for (id, act) in site.policy.activities.iter() {
        let cells = activity_cells(site, lang, l, id, act, &controller, &contact);
        csv_row(&mut out, cells.into_iter().map(|c| c.join("; ")));
    }
    out
}

/// The record's only styling. On screen, a table that wraps its text
/// between words (a word is broken only if it alone is wider than its
/// column, `overflow-wrap: break-word`) and scrolls sideways in its region
/// rather than squeezing twelve columns. In print, A4 landscape, each
/// activity is a block: its id and name across the page, then the fields
/// in three columns, each under its label (the column header, repeated in
/// `data-label`), so that nothing is cut off or broken inside a word.
const STYLE: &str = "\
@page{size:A4 landscape;margin:10mm}\
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111;background:#fff;line-height:1.4}\
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}\
.table{overflow-x:auto;margin-top:1rem}.table:focus{outline:2px solid #0b57d0}\
table{border-collapse:collapse;font-size:.8rem;width:100%}\
caption{text-align:left;font-weight:600;font-size:1rem;padding-bottom:.5rem}\
th,td{border:1px solid #888;padding:.35rem;vertical-align:top;text-align:left;overflow-wrap:break-word}\
thead th{background:#eee}ul{margin:0;padding-left:1.1rem}\
@media (max-width:40rem){body{margin:.75rem}dl{display:block}dd{margin-bottom:.5rem}}\
@media print{body{margin:0;font-size:8.5pt;line-height:1.3}h1{font-size:14pt}h2{font-size:11pt}\
h1,h2,caption{break-after:avoid}.table{overflow:visible}\
table,caption,tbody,tr,th,td{display:block;width:auto}thead{display:none}table{font-size:8.5pt}\
tr{border-top:1.5px solid #555;padding:3pt 0 4pt;columns:3;column-gap:6mm}\
th,td{border:0;padding:0 0 3pt}td{break-inside:avoid}\
tbody td:first-child,tbody th{column-span:all;display:inline}tbody td:first-child::after{content:\" \\b7  \"}\
tbody th{font-size:10.5pt}\
td:not(:first-child)::before{content:attr(data-label);display:block;font-weight:600;break-after:avoid}}";

fn html_cell(out: &mut String, values: &[String], header: bool, label: &str) {
    if header {
        out.push_str("<th scope=\"row\">");
    } else {
        out.push_str(&format!("<td data-label=\"{}\">", escape_html(label)));
    }
    let close = if header { "</th>" } else { "</td>" };
    match values {
        [one] => out.push_str(&escape_html(one)),
        many => {
            out.push_str("<ul>");
            for v in many {
                out.push_str("<li>");
                out.push_str(&escape_html(v));
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
    }
    out.push_str(close);
}

/// The record as a standalone HTML5 document in the language of `lang`:
/// the controller, its representative and the DPO or privacy contact, the
/// document version, the security measures (art. 30(1)(g)), and a table
/// with one row per activity. Every value is escaped. The only styling is a
/// `<style>` element (an internal document that must print well on its own).
pub fn ropa_html(site: &Site, lang: &Lang) -> String {
    let l = labels(&lang.tag);
    let policy = &site.policy;
    let org = &policy.controller.legal_name;
    let e = escape_html;
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} – {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        e(&lang.tag),
        e(l.title),
        e(org)
    ));
    out.push_str(&format!("<h1>{} – {}</h1>\n", e(l.title), e(org)));
    out.push_str(&format!("<p>{}</p>\n", e(l.intro)));

    let mut fields = controller_fields(site, lang, l);
    fields.extend(contact_fields(site, lang, l));
    let d = &policy.document;
    if !d.version.is_empty() {
        fields.push((l.version.to_string(), d.version.clone()));
    }
    if let Some(date) = d.effective_date {
        fields.push((l.effective.to_string(), lang.date(date)));
    }
    if let Some(date) = d.last_reviewed {
        fields.push((l.last_reviewed.to_string(), lang.date(date)));
    }
    out.push_str("<dl>\n");
    for (k, v) in &fields {
        out.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", e(k), e(v)));
    }
    out.push_str("</dl>\n");

    if let Some(sec) = &policy.security {
        let mut items: Vec<String> = sec.measures.iter().map(|m| plain(m, lang)).collect();
        if let Some(n) = &sec.note {
            items.push(plain(n, lang));
        }
        if !items.is_empty() {
            out.push_str(&format!("<h2>{}</h2>\n<ul>\n", e(l.security)));
            for i in items {
                out.push_str(&format!("<li>{}</li>\n", e(&i)));
            }
            out.push_str("</ul>\n");
        }
    }
    if !policy.processor_contexts.is_empty() {
        out.push_str(&format!("<h2>{}</h2>\n<ul>\n", e(l.processor_record)));
        for (_, pc) in policy.processor_contexts.iter() {
            out.push_str(&format!("<li>{}</li>\n", e(&plain(&pc.service, lang))));
        }
        out.push_str("</ul>\n");
    }

    out.push_str(&format!(
        "<div class=\"table\" role=\"region\" aria-labelledby=\"activities\" tabindex=\"0\">\n\
         <table>\n<caption id=\"activities\">{}</caption>\n<thead>\n<tr>",
        e(l.caption)
    ));
    for h in &l.headers[..HTML_COLUMNS] {
        out.push_str(&format!("<th scope=\"col\">{}</th>", e(h)));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for (id, act) in policy.activities.iter() {
        let cells = activity_cells(site, lang, l, id, act, &[], &[]);
        out.push_str("<tr>");
        for (i, c) in cells.iter().take(HTML_COLUMNS).enumerate() {
            html_cell(&mut out, c, i == 1, l.headers[i]);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn headers_by_language() {
        assert_eq!(headers("nb")[1], "Behandlingsaktivitet");
        assert_eq!(headers("nb-NO")[1], "Behandlingsaktivitet");
        assert_eq!(headers("en")[1], "Processing activity");
        assert_eq!(headers("sv")[1], "Processing activity");
    }
}
