//! The data model: plain Rust types for one organisation's privacy notice,
//! deserialized from TOML (with spans) and validated once at load.
//!
//! Human text is [`Text`] (one string per language, Markdown allowed);
//! language-neutral values are typed: enums, dates, [`Duration`]s, country
//! codes, URLs, e-mail addresses. Every entity lives in a table keyed by its
//! stable id (`[activities.newsletter]`), so versions can be compared entity
//! by entity.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};
use toml::Spanned;

mod activity;
mod controller;
mod cookie;
mod date;
mod document;
pub mod duration;
pub mod markdown;
mod origin;
mod recipient;
pub mod reference;
mod rights;
mod text;

pub use activity::*;
pub use controller::*;
pub use cookie::*;
pub use date::*;
pub use document::*;
pub use duration::Duration;
pub use origin::*;
pub use recipient::*;
pub use reference::*;
pub use rights::*;
pub use text::*;

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
    /// Span of each singleton table's name in its header (`controller` in
    /// `[controller]`), where findings about the whole table point.
    #[serde(skip)]
    pub table_spans: BTreeMap<String, std::ops::Range<usize>>,
    /// Tables and entities that failed to load (`document`,
    /// `activities.orders`); their error is reported, and the checks do not
    /// report again what follows from it (a reference to them, a missing
    /// value of theirs).
    #[serde(skip)]
    pub broken: std::collections::BTreeSet<String>,
    /// Data files that could not be parsed (their errors are reported;
    /// the cross-checks would only repeat what the missing data hides).
    #[serde(skip)]
    pub unparsed: Vec<FileId>,
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
