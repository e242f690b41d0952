//! Data-subject rights, contact channels and the supervisory-authority choice.
use super::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

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
    /// How the channel is used: e-mail, web form, letter, phone or in the app.
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

/// `[rights.limits]`: where the law limits a right, a note shown beside it
/// (what is limited and the legal reference), per right.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightsLimits {
    /// Limits to the right of access (art. 15), e.g. personopplysningsloven § 16.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<Text>,
    /// Limits to the right to rectification (art. 16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rectification: Option<Text>,
    /// Limits to the right to erasure (art. 17), e.g. bookkeeping rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erasure: Option<Text>,
    /// Limits to the right to restriction (art. 18).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction: Option<Text>,
    /// Limits to the right to data portability (art. 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portability: Option<Text>,
    /// Limits to the right to object (art. 21).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objection: Option<Text>,
}

impl RightsLimits {
    /// Each right with a limit, in the order the pages list the rights.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Text)> {
        [
            ("access", &self.access),
            ("rectification", &self.rectification),
            ("erasure", &self.erasure),
            ("restriction", &self.restriction),
            ("portability", &self.portability),
            ("objection", &self.objection),
        ]
        .into_iter()
        .filter_map(|(k, t)| t.as_ref().map(|t| (k, t)))
    }

    /// True if no right has a limit.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

/// `[rights]`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rights {
    /// Channels, keyed by id.
    pub channels: Entities<Channel>,
    /// Response time (`P1M`), with where it was written.
    pub response_time: Option<Spanned<Duration>>,
    /// How identity is verified.
    pub identity_verification: Option<Text>,
    /// Extra note.
    pub note: Option<Text>,
    /// Where the law limits a right: a note per right.
    #[serde(skip_serializing_if = "RightsLimits::is_empty")]
    pub limits: RightsLimits,
}

/// Raw form of `[rights]` as written in TOML.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightsRaw {
    /// Response time.
    #[schemars(with = "Option<Duration>")]
    pub response_time: Option<Spanned<Duration>>,
    /// Identity verification.
    pub identity_verification: Option<Text>,
    /// Note.
    pub note: Option<Text>,
    /// Where the law limits a right, a note shown beside it:
    /// `[rights.limits] access = { nb = "…", en = "…" }` (what is limited
    /// and the legal reference). Nothing is shown for a right without one.
    #[serde(default)]
    pub limits: RightsLimits,
}

/// Which supervisory authority, from the built-in registry.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorityChoice {
    /// Registry id of the main authority.
    pub id: Spanned<String>,
    /// Resolved entry.
    pub authority: Option<crate::model::Authority>,
    /// The notice says the main authority is the lead supervisory authority
    /// (art. 56); `false` when it does not say.
    pub lead: bool,
    /// Other supervisory authorities the notice names.
    pub others: Vec<OtherAuthority>,
}

impl AuthorityChoice {
    /// Looks up the main authority and the others in `registry` (the
    /// built-in one with the site's `authorities.toml`); an unknown id stays
    /// unresolved, for the validation to report.
    pub fn resolve(
        &mut self,
        registry: &std::collections::BTreeMap<String, crate::model::Authority>,
    ) {
        self.authority = registry.get(self.id.get_ref()).cloned();
        for o in &mut self.others {
            o.authority = registry.get(o.id.get_ref()).cloned();
        }
    }
}

impl Default for AuthorityChoice {
    fn default() -> Self {
        AuthorityChoice {
            id: Spanned::new(0..0, "datatilsynet".to_string()),
            authority: None,
            lead: false,
            others: Vec::new(),
        }
    }
}

/// One more supervisory authority the notice names (besides the main one).
#[derive(Debug, Clone, Serialize)]
pub struct OtherAuthority {
    /// Registry id.
    pub id: Spanned<String>,
    /// Resolved entry.
    pub authority: Option<crate::model::Authority>,
}

/// `[supervisory_authority]` written as a table: the main authority and
/// what the notice says about it, and the others it names.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorityTable {
    /// Registry id of the main supervisory authority, the one the pages
    /// name first ("datatilsynet", "imy", or one in the site's
    /// authorities.toml).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// `true` when the notice says this is the organisation's lead
    /// supervisory authority (GDPR art. 56: the authority of its main
    /// establishment in the EEA, for processing across borders). Leave it
    /// out when the notice does not say: the pages then do not call it the
    /// lead authority.
    #[serde(default)]
    pub lead: bool,
    /// Other supervisory authorities the notice names (registry ids), each
    /// shown with its complaint channels after the main one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub others: Vec<Spanned<String>>,
}
