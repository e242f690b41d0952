//! Recipients and transfers outside the EU/EEA.
use super::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

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
    /// Their role: processor, (joint) controller, authority or group company.
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
    /// Host names the recipient's services are reached at
    /// (`["google-analytics.com", "googletagmanager.com"]`); each covers its
    /// subdomains too. `personvern scan` uses them to tell which recipient a
    /// request or a cookie from another host belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
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
    /// The recipient the data is transferred to (an id in [recipients]).
    #[serde(serialize_with = "ser_one_ref")]
    #[schemars(with = "String")]
    pub recipient: Ref,
    /// Country the data is transferred to (ISO 3166-1 alpha-2).
    #[schemars(with = "String")]
    pub country: Spanned<String>,
    /// Legal ground of the transfer (GDPR art. 45–49).
    pub mechanism: TransferMechanism,
    /// Reference of the instrument ("EU 2021/914", "EU-US DPF").
    pub instrument: Option<String>,
    /// Measures taken on top of the mechanism (encryption, …).
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
