//! The document itself: version and dates, extra sections, security, children, change notices.
use super::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[document]`: version and dates of the notice.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The notice's own title, where it has one ("Privacy and Data
    /// Protection Policy"); without it the statement is headed "Privacy
    /// statement for <organisation>". It is also the page's title in the
    /// browser (the tab, bookmarks and search results).
    pub title: Option<Text>,
    /// The version as the notice writes it ("3.0", "2026-01", "Ver. 2.1",
    /// "2024-A"), shown as written. File names and URLs use a safe name
    /// derived from it (`Ver. 2.1` → `2.1`); two versions with the same
    /// name, or one with no letter or digit, are refused.
    pub version: String,
    /// Date the notice takes effect.
    #[schemars(required, with = "Date")]
    pub effective_date: Option<Date>,
    /// Date the content was last reviewed.
    pub last_reviewed: Option<Date>,
    /// Date the text was last changed, where the notice gives it (distinct
    /// from `effective_date` and `last_reviewed`).
    pub last_modified: Option<Date>,
    /// What the notice covers (web sites, apps, services).
    pub scope: Option<Text>,
    /// Domains or apps covered.
    #[serde(default)]
    pub applies_to: Vec<String>,
    /// Optional short introduction at the top of the statement.
    pub introduction: Option<Text>,
    /// GDPR terms to define in a "Definitions" section of the privacy
    /// statement, with personvern's built-in definitions (paraphrases of
    /// GDPR art. 4 and 9(1) in every language), so the notice need not
    /// write its own: `["personal_data", "processing", "controller",
    /// "processor", "special_categories"]`. Only the terms listed are
    /// defined, in the order of the GDPR. Leave it out for no such section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryTerm>,
}

/// A GDPR term that `[document] glossary` can define.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum GlossaryTerm {
    /// Personal data, personopplysninger (GDPR art. 4(1)).
    PersonalData,
    /// Processing, behandling (GDPR art. 4(2)).
    Processing,
    /// Controller, behandlingsansvarlig (GDPR art. 4(7)).
    Controller,
    /// Processor, databehandler (GDPR art. 4(8)).
    Processor,
    /// Special categories of personal data, særlige kategorier av
    /// personopplysninger (GDPR art. 9(1)).
    SpecialCategories,
}

/// `[security]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// Security measures, one text each.
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
    /// The section's heading.
    pub title: Text,
    /// The section's text, in Markdown.
    pub body: Text,
    /// Placement: after which built-in section.
    #[serde(default = "default_after")]
    pub after: Placement,
    /// The page the section goes on.
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

/// Built-in section keys whose headings are messages `<key>-heading`.
pub const SECTION_KEYS: &[&str] = &[
    "glossary",
    "controller",
    "processor_contexts",
    "activities",
    "recipients",
    "transfers",
    "cookies",
    "rights",
    "automated",
    "security",
    "children",
    "complaints",
    "changes",
    "consent",
    "change",
    "browser",
    "changelog",
];
