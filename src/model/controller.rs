//! The controller: organisation, addresses, representative, privacy contact, processor context.
use super::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

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
    /// Postal code, where the notice gives one.
    pub postal_code: Option<String>,
    /// City / post town.
    pub city: String,
    /// Region, state or province, where the address has one ("CA",
    /// "Dublin 2").
    pub region: Option<String>,
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
    /// Name of the representative in the EEA.
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
    /// Whether a data protection officer (personvernombud) is appointed:
    /// `true`, `false`, or `"not_stated"` when the notice being modelled does
    /// not say (the pages then say nothing about a DPO). Must be given.
    pub dpo_appointed: Option<DpoStatus>,
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

/// Whether a data protection officer is appointed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DpoStatus {
    /// `true`: a DPO is appointed.
    Appointed,
    /// `false`: no DPO is appointed.
    NotAppointed,
    /// `"not_stated"`: the notice does not say.
    NotStated,
}

impl<'de> Deserialize<'de> for DpoStatus {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match toml::Value::deserialize(d)? {
            toml::Value::Boolean(true) => Ok(DpoStatus::Appointed),
            toml::Value::Boolean(false) => Ok(DpoStatus::NotAppointed),
            toml::Value::String(s) if s == "not_stated" => Ok(DpoStatus::NotStated),
            v => Err(serde::de::Error::custom(format!(
                "invalid type: {} `{v}`, expected a boolean or \"not_stated\"",
                v.type_str()
            ))),
        }
    }
}

impl Serialize for DpoStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            DpoStatus::Appointed => s.serialize_bool(true),
            DpoStatus::NotAppointed => s.serialize_bool(false),
            DpoStatus::NotStated => s.serialize_str("not_stated"),
        }
    }
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
    /// The kinds of personal data we process for the customers in this
    /// service: ids in `[data_categories]`. A category with `special = true`
    /// (art. 9) or `criminal = true` (art. 10) is marked so on the pages.
    /// Leave it out when the notice does not say: the pages then say
    /// nothing about the data, never "none".
    #[serde(default, serialize_with = "ser_refs")]
    #[schemars(with = "Vec<String>")]
    pub data_categories: Vec<Ref>,
    /// The sectors the customers are in ("helse", "skoler"; "health",
    /// "schools"), one text each.
    #[serde(default)]
    pub sectors: Vec<Text>,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}
