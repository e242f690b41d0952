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
    /// Name ("Mailchimp (Intuit Inc.)"). May be left out when the notice
    /// describes the recipient only by `category`.
    pub name: Option<String>,
    /// What kind of recipient this is, in words, when the notice names a
    /// category rather than a company ("accounting firms", "courier
    /// services"). Shown instead of the name when there is no name or
    /// `category_only` is set.
    pub category: Option<Text>,
    /// Their role: processor, (joint) controller, authority or group company.
    pub kind: RecipientKind,
    /// What they do for us / why they receive data.
    pub service: Text,
    /// Country of establishment (ISO 3166-1 alpha-2), or a region when the
    /// notice names only a region: `EEA` (somewhere in the EU/EEA) or
    /// `worldwide`. Leave it out when the notice does not say: the pages
    /// then say "not stated", never a guessed country.
    #[schemars(with = "Option<String>")]
    pub country: Option<Spanned<String>>,
    /// Countries (or `EEA`, `worldwide`) where data is stored or accessed,
    /// if different.
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
    /// For a joint controller (`kind = "joint_controller"`): the essence of
    /// the arrangement between us (GDPR art. 26(2)): who does what, in
    /// particular who gives people the information and who answers their
    /// requests. Leave it out when the notice does not describe it: the
    /// pages then say that it is not described, and `check` warns
    /// (`joint-arrangement-missing`).
    pub arrangement: Option<Text>,
    /// The recipient receives data from every activity (hosting, e-mail,
    /// IT operations): a notice that lists such processors once need not
    /// repeat them in each activity's `recipients`.
    #[serde(default)]
    pub all_activities: bool,
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

/// Region values accepted where a country code is expected, for notices
/// that name a region and not a country.
pub const REGIONS: &[&str] = &["EEA", "worldwide"];

/// The message id of a country code (`country-SE`) or region
/// (`region-EEA`, `region-worldwide`).
pub fn place_message(code: &str) -> String {
    if REGIONS.contains(&code) {
        format!("region-{code}")
    } else {
        format!("country-{code}")
    }
}

impl Recipient {
    /// What the pages call the recipient in `lang` (plain text): its name,
    /// or its category when it has no name or is shown by category only. `None`
    /// when neither is given (the pages then use the kind of recipient).
    pub fn label(&self, lang: &str) -> Option<String> {
        let category = self
            .category
            .as_ref()
            .and_then(|c| {
                c.get(lang)
                    .or_else(|| c.map.values().next().map(String::as_str))
            })
            .map(super::markdown::to_plain);
        if self.category_only {
            return category;
        }
        self.name.clone().or(category)
    }
    /// The country or region codes the recipient is known to process data
    /// in: its country and data locations (an unstated country is not one).
    pub fn locations(&self) -> impl Iterator<Item = &Spanned<String>> {
        self.country.iter().chain(self.data_locations.iter())
    }
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
    /// Leave it out when the notice says only that data may be transferred
    /// to a category of recipients (`recipients_category`).
    #[serde(default, serialize_with = "ser_opt_ref")]
    #[schemars(with = "Option<String>")]
    pub recipient: Option<Ref>,
    /// The recipients in words, when the notice names none and says only
    /// that data may be transferred to a category of them ("IT service
    /// providers", "companies in our group"). The pages then say the data
    /// *may* be transferred. Give `recipient` or `recipients_category`, not
    /// both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients_category: Option<Text>,
    /// Country the data is transferred to (ISO 3166-1 alpha-2), or the
    /// region `worldwide`. Leave it out when the notice does not say (the
    /// pages then say "not stated") or when the data goes to an
    /// `international_organisation`.
    #[schemars(with = "Option<String>")]
    pub country: Option<Spanned<String>>,
    /// The international organisation the data is transferred to, by name
    /// ("the World Health Organization"; GDPR art. 13(1)(f) and 14(1)(f):
    /// "a third country or an international organisation"). Instead of
    /// `country`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub international_organisation: Option<Text>,
    /// Legal ground of the transfer (GDPR art. 45–49). Give `mechanism` or
    /// `mechanisms`.
    pub mechanism: Option<TransferMechanism>,
    /// Several legal grounds, when the notice names more than one
    /// (`["adequacy", "scc"]`: an adequacy decision where there is one,
    /// standard contractual clauses elsewhere). Instead of `mechanism`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mechanisms: Vec<TransferMechanism>,
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

impl Transfer {
    /// The transfer's mechanisms: `mechanism` and `mechanisms` together,
    /// once each, in the order given.
    pub fn all_mechanisms(&self) -> Vec<TransferMechanism> {
        let mut v: Vec<TransferMechanism> = Vec::new();
        for m in self.mechanism.iter().chain(self.mechanisms.iter()) {
            if !v.contains(m) {
                v.push(*m);
            }
        }
        v
    }
    /// Whether the transfer relies on `m` (alone or among others).
    pub fn relies_on(&self, m: TransferMechanism) -> bool {
        self.mechanism == Some(m) || self.mechanisms.contains(&m)
    }
    /// Whether the transfer covers `recipient`'s processing in the country
    /// or region `code` (`own_country`: the recipient's own `country`): it
    /// names the recipient and that country, or no destination at all (the
    /// notice gives the mechanism for all of the recipient's transfers), or
    /// an international organisation, which then is the recipient, seated
    /// in its own country. A transfer to a category of recipients covers no
    /// named recipient: nothing says that one belongs to it.
    pub fn covers(&self, recipient: &str, code: &str, own_country: bool) -> bool {
        self.recipient
            .as_ref()
            .is_some_and(|r| r.get_ref() == recipient)
            && match &self.country {
                Some(c) => c.get_ref() == code,
                None => self.international_organisation.is_none() || own_country,
            }
    }
}
