//! The data model: plain Rust types for one organisation's privacy notice,
//! deserialized from TOML (with spans) and validated once at load.
//!
//! Human text is [`Text`] (one string per language, Markdown allowed);
//! language-neutral values are typed: enums, dates, [`Duration`]s, country
//! codes, URLs, e-mail addresses. Every entity lives in a table keyed by its
//! stable id (`[activities.newsletter]`), so versions can be compared entity
//! by entity.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use toml::Spanned;

use crate::diagnostics::FileId;
use crate::duration::Duration;

thread_local! {
    static SERIALIZE_LANG: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f` with [`Text`] values serializing as the string for `lang`
/// (instead of the full language map). Used to build per-language views.
pub fn with_language<R>(lang: &str, f: impl FnOnce() -> R) -> R {
    let prev = SERIALIZE_LANG.with(|l| l.replace(Some(lang.to_string())));
    let r = f();
    SERIALIZE_LANG.with(|l| *l.borrow_mut() = prev);
    r
}

/// Localized human text: `{ nb = "…", en = "…" }`. Markdown is allowed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// Language tag -> text. A plain string (not localized) is stored under `""`.
    pub map: BTreeMap<String, String>,
    /// Byte span in the source file.
    pub span: Range<usize>,
}

impl Text {
    /// The text in `lang`, if present.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.map
            .get(lang)
            .or_else(|| self.map.get(""))
            .map(String::as_str)
    }

    /// The text in `lang`, or an empty string.
    pub fn get_or_empty(&self, lang: &str) -> &str {
        self.get(lang).unwrap_or("")
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Plain(String),
            Map(BTreeMap<String, String>),
        }
        let s = Spanned::<Raw>::deserialize(d).map_err(|e| {
            serde::de::Error::custom(format!(
                "{e}; expected localized text such as {{ nb = \"…\", en = \"…\" }}"
            ))
        })?;
        let span = s.span();
        let map = match s.into_inner() {
            Raw::Plain(p) => BTreeMap::from([(String::new(), p)]),
            Raw::Map(m) => m,
        };
        Ok(Text { map, span })
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let lang = SERIALIZE_LANG.with(|l| l.borrow().clone());
        match lang {
            Some(lang) => s.serialize_str(self.get_or_empty(&lang)),
            None => self.map.serialize(s),
        }
    }
}

/// A reference to another entity by id, with its span for diagnostics.
pub type Ref = Spanned<String>;

/// Serializes a reference as its plain id.
pub fn ser_refs<S: Serializer>(v: &[Ref], s: S) -> Result<S::Ok, S::Error> {
    let ids: Vec<&str> = v.iter().map(|r| r.get_ref().as_str()).collect();
    ids.serialize(s)
}

/// Serializes an optional reference as its plain id.
pub fn ser_opt_ref<S: Serializer>(v: &Option<Ref>, s: S) -> Result<S::Ok, S::Error> {
    v.as_ref().map(|r| r.get_ref().as_str()).serialize(s)
}

/// Where an entity was declared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// Source file.
    pub file: FileId,
    /// Span of the entity's key (its id).
    pub span: Range<usize>,
}

/// A calendar date (`2026-01-01` in TOML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists.
    pub fn parse(s: &str) -> Result<Date, String> {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(format!("`{s}` is not a date; write it as YYYY-MM-DD"));
        }
        let year: i32 = parts[0].parse().map_err(|_| format!("bad year in `{s}`"))?;
        let month: u8 = parts[1]
            .parse()
            .map_err(|_| format!("bad month in `{s}`"))?;
        let day: u8 = parts[2].parse().map_err(|_| format!("bad day in `{s}`"))?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(format!("month {month} does not exist in `{s}`")),
        };
        if day == 0 || day > days {
            return Err(format!("day {day} does not exist in `{s}`"));
        }
        Ok(Date { year, month, day })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Dt(toml::value::Datetime),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::Dt(dt) => match (dt.date, dt.time) {
                (Some(date), None) => Date::parse(&format!(
                    "{:04}-{:02}-{:02}",
                    date.year, date.month, date.day
                ))
                .map_err(serde::de::Error::custom),
                _ => Err(serde::de::Error::custom(
                    "expected a plain date such as 2026-01-31, without a time",
                )),
            },
            Raw::S(s) => Date::parse(&s).map_err(serde::de::Error::custom),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// The whole description of one organisation's notice (after merging files).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Policy {
    /// Document metadata: version, dates, scope.
    pub document: Document,
    /// The organisation responsible (the controller).
    pub controller: Controller,
    /// Who answers privacy questions; whether a DPO is appointed.
    pub privacy_contact: PrivacyContact,
    /// Contexts where the organisation is only a processor for customers.
    pub processor_contexts: Entities<ProcessorContext>,
    /// Categories of personal data.
    pub data_categories: Entities<DataCategory>,
    /// Groups of data subjects.
    pub data_subjects: Entities<DataSubject>,
    /// Where data comes from.
    pub sources: Entities<Source>,
    /// Processing activities.
    pub activities: Entities<Activity>,
    /// Recipients: processors, independent controllers, authorities.
    pub recipients: Entities<Recipient>,
    /// Transfers to countries outside the EEA.
    pub transfers: Entities<Transfer>,
    /// Cookies and similar technologies.
    pub cookies: Entities<Cookie>,
    /// Document-level cookie settings (consent, how to change it).
    pub cookie_policy: CookiePolicy,
    /// Data subject rights and how to exercise them.
    pub rights: Rights,
    /// Supervisory authority (`datatilsynet` by default).
    pub supervisory_authority: AuthorityChoice,
    /// Security measures.
    pub security: Option<Security>,
    /// Children.
    pub children: Option<Children>,
    /// How changes to the notice are announced.
    pub changes: Option<Changes>,
    /// Free Markdown sections.
    pub sections: Entities<Section>,
    /// Document-level lint rules waived: `[waivers] rule-id = "reason"`.
    pub waivers: BTreeMap<String, Spanned<String>>,
    /// File each singleton table (`document`, `controller`, ...) was read from.
    #[serde(skip)]
    pub table_files: BTreeMap<String, FileId>,
}

/// The serde name of an enum value (`sub_processor`), as in the TOML and
/// in message ids built from it.
pub fn enum_id<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Entities keyed by id, in declaration order, with an index for lookups
/// (large sites look entities up by id hundreds of thousands of times).
#[derive(Debug, Clone)]
pub struct Entities<T> {
    /// `(id, entity)` pairs in the order they were declared.
    items: Vec<(String, T)>,
    /// id -> position of its first declaration in `items`.
    index: std::collections::HashMap<String, usize>,
}

impl<T> Default for Entities<T> {
    fn default() -> Self {
        Entities {
            items: Vec::new(),
            index: Default::default(),
        }
    }
}

impl<T> Entities<T> {
    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.index
            .get(id)
            .and_then(|&i| self.items.get(i))
            .map(|(_, v)| v)
    }
    /// The stored id and entity for this id.
    pub fn get_entry(&self, id: &str) -> Option<(&String, &T)> {
        self.index
            .get(id)
            .and_then(|&i| self.items.get(i))
            .map(|(k, v)| (k, v))
    }
    /// Adds an entity at the end (a repeated id keeps the first for lookups).
    pub fn push(&mut self, id: String, entity: T) {
        self.index.entry(id.clone()).or_insert(self.items.len());
        self.items.push((id, entity));
    }
    /// Removes every entity.
    pub fn clear(&mut self) {
        self.items.clear();
        self.index.clear();
    }
    /// Keeps the entities for which `keep` is true, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &T) -> bool) {
        let items = std::mem::take(&mut self.items);
        self.index.clear();
        for (id, v) in items {
            if keep(&id, &v) {
                self.push(id, v);
            }
        }
    }
    /// The entity with this id, to change it.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        let i = *self.index.get(id)?;
        self.items.get_mut(i).map(|(_, v)| v)
    }
    /// Iterates `(id, entity)`, entities mutable (ids are not).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut T)> {
        self.items.iter_mut().map(|(k, v)| (&*k, v))
    }
    /// True if the id exists.
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }
    /// Iterates `(id, entity)`.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.items.iter().map(|(k, v)| (k, v))
    }
    /// Number of entities.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// The ids, in order.
    pub fn ids(&self) -> Vec<&str> {
        self.items.iter().map(|(k, _)| k.as_str()).collect()
    }
}

/// Serialized as a list of entities, each with its `id`.
impl<T: Serialize> Serialize for Entities<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        #[derive(Serialize)]
        struct WithId<'a, T> {
            id: &'a str,
            #[serde(flatten)]
            inner: &'a T,
        }
        let mut seq = s.serialize_seq(Some(self.items.len()))?;
        for (id, v) in &self.items {
            seq.serialize_element(&WithId { id, inner: v })?;
        }
        seq.end()
    }
}

/// `[document]`: version and dates of the notice.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Free-form version string ("3.0", "2026-01").
    pub version: String,
    /// Date the notice takes effect.
    pub effective_date: Option<Date>,
    /// Date the content was last reviewed.
    pub last_reviewed: Option<Date>,
    /// What the notice covers (web sites, apps, services).
    pub scope: Option<Text>,
    /// Domains or apps covered.
    #[serde(default)]
    pub applies_to: Vec<String>,
    /// Optional short introduction at the top of the statement.
    pub introduction: Option<Text>,
}

/// Kind of postal address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    /// Where to visit.
    Visiting,
    /// Where to send letters.
    Postal,
    /// Registered business address.
    Registered,
    /// Invoicing address.
    Invoice,
}

/// A postal address.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Visiting, postal or registered.
    pub kind: Option<AddressKind>,
    /// Street and number, or PO box.
    pub street: String,
    /// Postal code.
    pub postal_code: String,
    /// City / post town.
    pub city: String,
    /// ISO 3166-1 alpha-2 code.
    #[serde(default = "default_country")]
    #[schemars(with = "String")]
    pub country: Spanned<String>,
}

fn default_country() -> Spanned<String> {
    Spanned::new(0..0, "NO".to_string())
}

/// `[controller]`: the organisation responsible.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Controller {
    /// Registered legal name ("Fjordlys Energi AS").
    pub legal_name: String,
    /// Name the public knows ("Fjordlys").
    pub trade_name: Option<String>,
    /// Norwegian organisation number (9 digits, MOD11 check digit).
    #[schemars(with = "Option<String>")]
    pub org_number: Option<Spanned<String>>,
    /// Business register other than the Norwegian one, if not Norwegian.
    pub register: Option<Text>,
    /// Short description of the organisation.
    pub description: Option<Text>,
    /// Addresses (visiting, postal, registered).
    #[serde(default)]
    pub addresses: Vec<Address>,
    /// General e-mail.
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// General phone.
    pub phone: Option<String>,
    /// Web site.
    #[schemars(with = "Option<String>")]
    pub website: Option<Spanned<String>>,
    /// Representative in the EEA (art. 27), for controllers outside it.
    pub representative: Option<Representative>,
}

/// Art. 27 representative.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Representative {
    /// Name.
    pub name: String,
    /// Address.
    pub address: Option<Address>,
    /// E-mail.
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
}

/// `[privacy_contact]`: DPO or the role that answers privacy questions.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrivacyContact {
    /// Whether a data protection officer (personvernombud) is appointed. Must be stated.
    pub dpo_appointed: Option<bool>,
    /// Person's name (optional).
    pub name: Option<String>,
    /// Role, when not a DPO ("personvernansvarlig", "CISO").
    pub role: Option<Text>,
    /// E-mail for privacy questions.
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// Phone.
    pub phone: Option<String>,
    /// Extra note.
    pub note: Option<Text>,
}

/// `[processor_contexts.<id>]`: where we only process data for customers.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessorContext {
    /// The service, e.g. "our booking system for clinics".
    pub service: Text,
    /// Explanation: the customer is the controller; who to contact.
    pub description: Text,
    /// Who the customers are.
    pub customers: Option<Text>,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

/// `[data_categories.<id>]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataCategory {
    /// Label ("Contact details").
    pub label: Text,
    /// Examples ("name, e-mail, phone").
    pub examples: Option<Text>,
    /// Special category under art. 9 (health, union membership, ...).
    #[serde(default)]
    pub special: bool,
    /// Criminal convictions and offences (art. 10).
    #[serde(default)]
    pub criminal: bool,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

/// `[data_subjects.<id>]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataSubject {
    /// Label ("Customers", "Job applicants").
    pub label: Text,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

/// Kind of data source (art. 14(2)(f)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// The data subject gives it.
    DataSubject,
    /// Observed (logs, cookies).
    Observed,
    /// The data subject's employer.
    Employer,
    /// Another organisation.
    ThirdParty,
    /// A public register.
    PublicRegister,
    /// Anything else.
    Other,
}

/// `[sources.<id>]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Kind of source.
    pub kind: SourceKind,
    /// Name ("Brønnøysundregistrene").
    pub name: Option<String>,
    /// Description.
    pub description: Option<Text>,
    /// Whether it is publicly accessible.
    #[serde(default)]
    pub publicly_accessible: bool,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

/// Legal basis under GDPR art. 6(1).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LegalBasis {
    /// (a) consent
    Consent,
    /// (b) contract
    Contract,
    /// (c) legal obligation
    LegalObligation,
    /// (d) vital interests
    VitalInterests,
    /// (e) public task
    PublicTask,
    /// (f) legitimate interests
    LegitimateInterests,
}

impl LegalBasis {
    /// Stable id used in messages (`basis-consent`).
    pub fn id(self) -> &'static str {
        match self {
            LegalBasis::Consent => "consent",
            LegalBasis::Contract => "contract",
            LegalBasis::LegalObligation => "legal_obligation",
            LegalBasis::VitalInterests => "vital_interests",
            LegalBasis::PublicTask => "public_task",
            LegalBasis::LegitimateInterests => "legitimate_interests",
        }
    }
}

/// Condition for special categories under GDPR art. 9(2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Art9Condition {
    /// (a)
    ExplicitConsent,
    /// (b)
    EmploymentSocialSecurity,
    /// (c)
    VitalInterests,
    /// (d)
    NotForProfit,
    /// (e)
    MadePublic,
    /// (f)
    LegalClaims,
    /// (g)
    SubstantialPublicInterest,
    /// (h)
    HealthOrSocialCare,
    /// (i)
    PublicHealth,
    /// (j)
    ArchivingResearch,
}

/// One value or a list of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw<T> {
            One(T),
            Many(Vec<T>),
        }
        Ok(match Raw::<T>::deserialize(d)? {
            Raw::One(t) => OneOrMany(vec![t]),
            Raw::Many(v) => OneOrMany(v),
        })
    }
}

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Event a retention period counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RetentionFrom {
    /// When collected.
    Collection,
    /// End of the customer relationship / contract.
    EndOfContract,
    /// Last activity / last contact.
    LastActivity,
    /// End of the financial year.
    EndOfFinancialYear,
    /// When the matter is closed.
    CaseClosed,
    /// When consent is withdrawn.
    ConsentWithdrawal,
    /// When the recruitment process ends.
    RecruitmentEnd,
}

/// How long data is kept.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// A structured period (`P5Y`).
    #[schemars(with = "Option<Duration>")]
    pub period: Option<Spanned<Duration>>,
    /// What the period counts from.
    pub from: Option<RetentionFrom>,
    /// Criteria, in words, when there is no fixed period or to explain it.
    pub criteria: Option<Text>,
}

/// Whether providing the data is required (art. 13(2)(e)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Voluntary.
    Voluntary,
    /// Required to enter into or perform a contract.
    Contractual,
    /// Required by law.
    Statutory,
}

/// Whether providing data is required, and what happens if not.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    /// Voluntary, contractual or statutory.
    pub requirement: Requirement,
    /// Consequence of not providing the data.
    pub consequence: Option<Text>,
}

/// Automated decisions incl. profiling (art. 22).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AutomatedDecision {
    /// Whether profiling is involved.
    #[serde(default)]
    pub profiling: bool,
    /// Whether a decision with legal or similarly significant effect is made solely automatically.
    #[serde(default)]
    pub solely_automated: bool,
    /// The logic involved.
    pub logic: Text,
    /// Significance and envisaged consequences.
    pub consequences: Text,
}

/// `[activities.<id>]`: a processing activity.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Name ("Newsletter").
    pub name: Text,
    /// Purposes.
    pub purposes: Vec<Text>,
    /// Data categories (ids).
    #[serde(default, serialize_with = "ser_refs")]
    #[schemars(with = "Vec<String>")]
    pub data_categories: Vec<Ref>,
    /// Data subject groups (ids).
    #[serde(default, serialize_with = "ser_refs")]
    #[schemars(with = "Vec<String>")]
    pub data_subjects: Vec<Ref>,
    /// Sources (ids).
    #[serde(default, serialize_with = "ser_refs")]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Ref>,
    /// Legal basis (one or several) under art. 6(1).
    #[schemars(with = "OneOrMany<LegalBasis>")]
    pub legal_basis: Spanned<OneOrMany<LegalBasis>>,
    /// Art. 9(2) condition when special categories are processed.
    pub special_category_condition: Option<Art9Condition>,
    /// The legitimate interest pursued (required for legitimate_interests).
    pub legitimate_interest: Option<Text>,
    /// Law that requires the processing (for legal_obligation / public_task).
    pub legal_reference: Option<Text>,
    /// How to withdraw consent (for consent).
    pub consent_withdrawal: Option<Text>,
    /// Retention.
    pub retention: Option<Retention>,
    /// Recipients (ids).
    #[serde(default, serialize_with = "ser_refs")]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Ref>,
    /// Whether providing data is required.
    pub provision: Option<Provision>,
    /// Automated decisions and profiling.
    pub automated_decision: Option<AutomatedDecision>,
    /// Extra note.
    pub note: Option<Text>,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

/// Role of a recipient.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RecipientKind {
    /// Processes data on our behalf (databehandler).
    Processor,
    /// Sub-processor of one of our processors.
    SubProcessor,
    /// Independent controller.
    IndependentController,
    /// Joint controller.
    JointController,
    /// Public authority.
    PublicAuthority,
    /// Company in the same group.
    GroupCompany,
}

/// `[recipients.<id>]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Name ("Mailchimp (Intuit Inc.)").
    pub name: String,
    /// Role.
    pub kind: RecipientKind,
    /// What they do for us / why they receive data.
    pub service: Text,
    /// Country of establishment (ISO 3166-1 alpha-2).
    #[schemars(with = "String")]
    pub country: Spanned<String>,
    /// Countries where data is stored or accessed, if different.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub data_locations: Vec<Spanned<String>>,
    /// Address.
    pub address: Option<Address>,
    /// The processor this is a sub-processor of.
    #[serde(default, serialize_with = "ser_opt_ref")]
    #[schemars(with = "Option<String>")]
    pub parent: Option<Ref>,
    /// Link to their privacy policy.
    #[schemars(with = "Option<String>")]
    pub privacy_policy: Option<Spanned<String>>,
    /// Show only the category, not the name.
    #[serde(default)]
    pub category_only: bool,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

/// Transfer mechanism (GDPR chapter V).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TransferMechanism {
    /// Adequacy decision (art. 45), incl. the EU-US Data Privacy Framework.
    Adequacy,
    /// Standard contractual clauses (art. 46(2)(c)).
    Scc,
    /// Binding corporate rules (art. 47).
    Bcr,
    /// Approved code of conduct (art. 46(2)(e)).
    CodeOfConduct,
    /// Approved certification (art. 46(2)(f)).
    Certification,
    /// Derogation for a specific situation (art. 49).
    Derogation,
}

/// `[transfers.<id>]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// Recipient (id).
    #[serde(serialize_with = "ser_one_ref")]
    #[schemars(with = "String")]
    pub recipient: Ref,
    /// Destination country.
    #[schemars(with = "String")]
    pub country: Spanned<String>,
    /// Mechanism.
    pub mechanism: TransferMechanism,
    /// Reference of the instrument ("EU 2021/914", "EU-US DPF").
    pub instrument: Option<String>,
    /// Supplementary measures.
    pub supplementary_measures: Option<Text>,
    /// How to get a copy of the safeguards.
    pub copy: Option<Text>,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

/// Serializes a reference as its id.
pub fn ser_one_ref<S: Serializer>(v: &Ref, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.get_ref())
}

/// Cookie category.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CookieCategory {
    /// Needed for the service the user asked for; no consent needed.
    StrictlyNecessary,
    /// Preferences / functional.
    Preferences,
    /// Statistics / analytics.
    Statistics,
    /// Marketing / advertising.
    Marketing,
}

impl CookieCategory {
    /// All categories in display order.
    pub const ALL: [CookieCategory; 4] = [
        CookieCategory::StrictlyNecessary,
        CookieCategory::Preferences,
        CookieCategory::Statistics,
        CookieCategory::Marketing,
    ];
    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            CookieCategory::StrictlyNecessary => "strictly_necessary",
            CookieCategory::Preferences => "preferences",
            CookieCategory::Statistics => "statistics",
            CookieCategory::Marketing => "marketing",
        }
    }
}

/// First or third party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// Set by our own domain.
    First,
    /// Set by another domain.
    Third,
}

/// Storage technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Technology {
    /// HTTP cookie.
    #[default]
    HttpCookie,
    /// Web storage: localStorage.
    LocalStorage,
    /// Web storage: sessionStorage.
    SessionStorage,
    /// IndexedDB.
    IndexedDb,
    /// Tracking pixel.
    Pixel,
    /// Device fingerprinting.
    Fingerprint,
    /// SDK / app identifier.
    SdkIdentifier,
}

/// Cookie lifetime: a duration or `session`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CookieDuration {
    /// Deleted when the browser closes.
    Session,
    /// Kept for a period.
    Period(Duration),
}

impl<'de> Deserialize<'de> for CookieDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "session" {
            return Ok(CookieDuration::Session);
        }
        Duration::parse(&s)
            .map(CookieDuration::Period)
            .map_err(|e| serde::de::Error::custom(format!("{e}, or \"session\"")))
    }
}

impl Serialize for CookieDuration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CookieDuration::Session => s.serialize_str("session"),
            CookieDuration::Period(d) => d.serialize(s),
        }
    }
}

/// `[cookies.<id>]`: a cookie or similar technology.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cookie {
    /// Exact name, or a pattern with `*` (`_ga_*`).
    pub name: String,
    /// Recipient that provides it (id); absent means the organisation itself.
    #[serde(default, serialize_with = "ser_opt_ref")]
    #[schemars(with = "Option<String>")]
    pub provider: Option<Ref>,
    /// First or third party.
    pub party: Party,
    /// Domain that sets it.
    pub domain: Option<String>,
    /// Category.
    pub category: CookieCategory,
    /// Purpose.
    pub purpose: Text,
    /// Lifetime (`P13M`, `session`).
    #[schemars(with = "CookieDuration")]
    pub duration: Spanned<CookieDuration>,
    /// Technology.
    #[serde(default)]
    pub technology: Technology,
    /// Activity the data feeds (id).
    #[serde(default, serialize_with = "ser_opt_ref")]
    #[schemars(with = "Option<String>")]
    pub activity: Option<Ref>,
    /// What it stores.
    pub data: Option<Text>,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

/// `[cookie_policy]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CookiePolicy {
    /// How consent is asked (banner text, settings).
    pub consent: Option<Text>,
    /// How to change or withdraw consent (Markdown, may link to settings).
    pub change_consent: Option<Text>,
    /// Date the cookie list was last reviewed.
    pub last_reviewed: Option<Date>,
}

/// Channel kind for exercising rights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// E-mail address.
    Email,
    /// Web form (URL).
    WebForm,
    /// Letter.
    Postal,
    /// Phone.
    Phone,
    /// Settings in the app or account.
    InApp,
}

/// A channel for exercising rights.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Kind.
    pub kind: ChannelKind,
    /// E-mail, URL, phone or address text.
    #[schemars(with = "Option<String>")]
    pub value: Option<Spanned<String>>,
    /// Description (for postal / in-app).
    pub description: Option<Text>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

/// Rights of the data subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Right {
    /// Art. 15
    Access,
    /// Art. 16
    Rectification,
    /// Art. 17
    Erasure,
    /// Art. 18
    Restriction,
    /// Art. 20
    Portability,
    /// Art. 21
    Objection,
}

/// `[rights]`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rights {
    /// Channels, keyed by id.
    pub channels: Entities<Channel>,
    /// Response time (`P1M`).
    pub response_time: Option<Duration>,
    /// How identity is verified.
    pub identity_verification: Option<Text>,
    /// Extra note.
    pub note: Option<Text>,
}

/// Raw form of `[rights]` as written in TOML.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightsRaw {
    /// Response time.
    pub response_time: Option<Duration>,
    /// Identity verification.
    pub identity_verification: Option<Text>,
    /// Note.
    pub note: Option<Text>,
}

/// Which supervisory authority, from the built-in registry.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorityChoice {
    /// Registry id of the main authority.
    pub id: Spanned<String>,
    /// Resolved entry.
    pub authority: Option<crate::registry::Authority>,
}

impl Default for AuthorityChoice {
    fn default() -> Self {
        AuthorityChoice {
            id: Spanned::new(0..0, "datatilsynet".to_string()),
            authority: None,
        }
    }
}

/// `[security]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// Measures.
    #[serde(default)]
    pub measures: Vec<Text>,
    /// Extra note, e.g. advice for users.
    pub note: Option<Text>,
}

/// `[children]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Children {
    /// Minimum age for using the service.
    pub min_age: Option<u8>,
    /// What the organisation says about children.
    pub statement: Option<Text>,
}

/// `[changes]`: how changes are announced.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Changes {
    /// How material changes are announced.
    pub announcement: Text,
    /// Days of advance notice for material changes.
    pub advance_notice_days: Option<u32>,
}

/// Where a free section goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// After the summary.
    Summary,
    /// After the controller section.
    Controller,
    /// After the processor contexts.
    ProcessorContexts,
    /// After the processing activities.
    Activities,
    /// After recipients.
    Recipients,
    /// After transfers.
    Transfers,
    /// After the cookies section.
    Cookies,
    /// After rights.
    Rights,
    /// After security.
    Security,
    /// After children.
    Children,
    /// After complaints.
    Complaints,
    /// At the end.
    End,
}

/// Which page a section appears on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// The privacy statement.
    #[default]
    Privacy,
    /// The cookie declaration.
    Cookies,
}

/// `[sections.<id>]`: free Markdown section.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Heading.
    pub title: Text,
    /// Markdown body.
    pub body: Text,
    /// Placement: after which built-in section.
    #[serde(default = "default_after")]
    pub after: Placement,
    /// Page.
    #[serde(default)]
    pub page: PageKind,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

fn default_after() -> Placement {
    Placement::End
}

#[cfg(test)]
mod tests {
    use super::Entities;

    #[test]
    fn entities_lookups_follow_pushes_retain_and_clear() {
        let mut e = Entities::default();
        e.push("a".to_string(), 1);
        e.push("b".to_string(), 2);
        e.push("a".to_string(), 3); // a repeated id: lookups keep the first
        assert_eq!(e.get("a"), Some(&1));
        assert_eq!(e.get("b"), Some(&2));
        assert_eq!(e.get("c"), None);
        assert_eq!(e.ids(), ["a", "b", "a"]);
        e.retain(|id, _| id != "a");
        assert_eq!(e.get("a"), None);
        assert_eq!(e.get("b"), Some(&2), "positions are re-indexed");
        if let Some(v) = e.get_mut("b") {
            *v = 20;
        }
        assert_eq!(e.get_entry("b"), Some((&"b".to_string(), &20)));
        e.clear();
        assert!(e.is_empty() && !e.contains("b"));
    }
}
