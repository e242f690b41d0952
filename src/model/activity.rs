//! Processing activities: data, subjects, sources, legal bases, retention, provision, automated decisions.
use super::*;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use toml::Spanned;

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
    /// What the source provides and how the data is obtained.
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

/// A ground in Norwegian law beside the GDPR basis, for processing that
/// another act regulates. The pages give the built-in wording and citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NationalGround {
    /// Marketing by e-mail to existing customers without prior consent
    /// (markedsføringsloven § 15 third paragraph): our own goods and
    /// services similar to those bought, the e-mail address received in a
    /// sale, and a free and simple right to refuse in every message.
    MarketingActExistingCustomer,
    /// Marketing by e-mail only with the person's prior consent
    /// (markedsføringsloven § 15 first paragraph).
    MarketingActConsent,
}

/// A disclosure that happens only in a particular situation, with its own
/// built-in wording and legal basis.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// To a buyer or prospective buyer (and their advisers) in a merger,
    /// acquisition or sale of all or part of the business; legitimate
    /// interests (art. 6(1)(f)).
    BusinessTransfer,
    /// To courts, lawyers or the other party where needed to establish,
    /// exercise or defend legal claims; legitimate interests (art.
    /// 6(1)(f)) and, for special category data, art. 9(2)(f).
    LegalClaims,
}

/// `[[activities.<id>.bases]]`: the legal basis of some of the activity's
/// purposes (and, where it differs, of some of its data subject groups).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PurposeBasis {
    /// The purposes this basis covers, by number in the order of
    /// `purposes`: the first purpose is 1.
    #[schemars(with = "Vec<std::num::NonZeroU32>")]
    pub purposes: Vec<Spanned<u32>>,
    /// The legal basis under art. 6(1).
    pub basis: LegalBasis,
    /// The data subject groups (ids among the activity's `data_subjects`)
    /// this basis applies to, when it does not apply to all of them.
    #[serde(
        default,
        serialize_with = "ser_refs",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Vec<String>")]
    pub subjects: Vec<Ref>,
    /// The legitimate interest pursued (required for `legitimate_interests`,
    /// unless the activity's `legitimate_interest` says it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legitimate_interest: Option<Text>,
    /// The law that requires the processing (required for
    /// `legal_obligation`, unless the activity's `legal_reference` says it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_reference: Option<Text>,
    /// A ground in Norwegian law beside the basis (e-mail marketing under
    /// markedsføringsloven § 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_ground: Option<NationalGround>,
}

/// No `legal_basis` written (an activity with `bases` may leave it out:
/// it is then the bases those entries name).
fn no_basis() -> Spanned<OneOrMany<LegalBasis>> {
    Spanned::new(0..0, OneOrMany(Vec::new()))
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

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Read as a TOML value first and then as `T`, so that a bad value
        // keeps `T`'s own message ("unknown variant `contact`, expected one
        // of …") instead of an untagged enum's "did not match any variant".
        let value = toml::Value::deserialize(d)?;
        let one = |v: toml::Value| -> Result<T, D::Error> {
            v.try_into::<T>()
                .map_err(|e| serde::de::Error::custom(e.message().trim().to_string()))
        };
        match value {
            toml::Value::Array(items) => items
                .into_iter()
                .map(one)
                .collect::<Result<_, _>>()
                .map(OneOrMany),
            v => Ok(OneOrMany(vec![one(v)?])),
        }
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

/// What happens to the data when the retention period ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RetentionEnd {
    /// The data is deleted.
    Delete,
    /// The data is anonymised: what remains can no longer be linked to anyone.
    Anonymise,
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
    /// What happens when the period ends: `delete` or `anonymise`. Left
    /// out, the pages say only how long the data is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then: Option<RetentionEnd>,
    /// With `then = "anonymise"`: what remains after anonymisation
    /// ("statistics of how many people applied"), in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remains: Option<Text>,
}

/// Whether providing the data is required (art. 13(2)(e)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Voluntary.
    Voluntary,
    /// Required to enter into or perform a contract.
    Contractual,
    /// We need the data to meet a legal obligation that applies to us, the
    /// controller (bookkeeping rules, for example).
    Statutory,
    /// You, the data subject, are obliged by law to give us the data.
    ObligedByLaw,
}

/// The ground in GDPR art. 22(2) that allows a decision based solely on
/// automated processing with legal or similarly significant effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AutomatedDecisionGround {
    /// Necessary for entering into or performing a contract (art. 22(2)(a)).
    Contract,
    /// Authorised by EU or Norwegian law that lays down safeguards (art. 22(2)(b)).
    Law,
    /// The data subject's explicit consent (art. 22(2)(c)).
    ExplicitConsent,
}

/// Whether providing data is required, and what happens if not.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    /// `voluntary`; `contractual` (needed to enter into or perform a
    /// contract); `statutory` (we need it to meet our own legal
    /// obligation); or `obliged_by_law` (you are obliged by law to give it).
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
    /// For a solely automated decision: the art. 22(2) ground that allows
    /// it (`contract`, `law` or `explicit_consent`). Required then.
    pub ground: Option<AutomatedDecisionGround>,
    /// The logic involved.
    pub logic: Text,
    /// Significance and envisaged consequences.
    pub consequences: Text,
}

impl Activity {
    /// The recipients the activity names itself (none when not stated).
    pub fn own_recipients(&self) -> &[Ref] {
        self.recipients.as_deref().unwrap_or_default()
    }

    /// An activity that writes `bases` but no `legal_basis` has the bases
    /// its entries name (sorted, each once), at the first entry.
    pub fn fill_legal_basis(&mut self) {
        if !self.legal_basis.get_ref().0.is_empty() || self.bases.is_empty() {
            return;
        }
        let mut all: Vec<LegalBasis> = self.bases.iter().map(|b| b.get_ref().basis).collect();
        all.sort();
        all.dedup();
        let span = self.bases[0].span();
        self.legal_basis = Spanned::new(span, OneOrMany(all));
    }
}

/// `[activities.<id>]`: a processing activity.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Name ("Newsletter").
    pub name: Text,
    /// What the data is used for, one text per purpose.
    pub purposes: Vec<Text>,
    /// Data categories (ids).
    #[serde(default, serialize_with = "ser_refs")]
    #[schemars(with = "Vec<String>")]
    pub data_categories: Vec<Ref>,
    /// Data subject groups (ids).
    #[serde(default, serialize_with = "ser_refs")]
    #[schemars(with = "Vec<String>")]
    pub data_subjects: Vec<Ref>,
    /// Where the data comes from, when not from the person (ids in [sources]).
    #[serde(default, serialize_with = "ser_refs")]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Ref>,
    /// Legal basis (one or several) under art. 6(1). May be left out when
    /// `bases` says which basis covers which purpose.
    #[serde(default = "no_basis")]
    #[schemars(with = "OneOrMany<LegalBasis>")]
    pub legal_basis: Spanned<OneOrMany<LegalBasis>>,
    /// Which legal basis covers which purpose, when the purposes have
    /// different bases: `bases = [{ purposes = [1], basis = "contract" },
    /// { purposes = [2], basis = "legitimate_interests", legitimate_interest
    /// = { … } }]`. Every purpose must be covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<PurposeBasis>")]
    pub bases: Vec<Spanned<PurposeBasis>>,
    /// A ground in Norwegian law beside the GDPR basis, for the whole
    /// activity: `marketing_act_existing_customer` or `marketing_act_consent`
    /// (e-mail marketing, markedsføringsloven § 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_ground: Option<NationalGround>,
    /// Disclosures that happen only in particular situations, with built-in
    /// wording: `business_transfer` (merger, acquisition or sale of the
    /// business) and `legal_claims` (to establish, exercise or defend legal
    /// claims).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disclosures: Vec<Disclosure>,
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
    /// Who receives the data (ids in [recipients]), besides the recipients
    /// marked `all_activities`. `recipients = []` says there are none;
    /// leaving it out says nothing (the pages do not claim "none").
    #[serde(default, serialize_with = "ser_opt_refs")]
    #[schemars(with = "Option<Vec<String>>")]
    pub recipients: Option<Vec<Ref>>,
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
