//! Reference data types: supervisory authorities and country groups (the
//! built-in registry in `reference/` fills them).

use serde::{Deserialize, Serialize};

use super::{Date, Text};

/// A supervisory authority from the registry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// Country (ISO 3166-1 alpha-2).
    pub country: String,
    /// Name per language.
    pub name: Text,
    /// Name in its own language (used when a site language has no name).
    pub native_name: String,
    /// Postal address per language.
    pub postal_address: Text,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Web site per language.
    pub website: Text,
    /// Complaint page per language.
    pub complaint_url: Text,
    /// When the entry was checked.
    pub verified_on: Date,
    /// Where the details come from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Earlier names (e.g. Datainspektionen), accepted with a warning.
    #[serde(default)]
    pub former_names: Vec<String>,
}

/// Country groups.
#[derive(Debug, Clone, Deserialize)]
pub struct Regions {
    /// EEA member countries.
    pub eea: Vec<String>,
    /// Countries with an adequacy decision.
    pub adequacy: Vec<String>,
}
