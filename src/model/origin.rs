//! Where a value came from (file and span), and references between entities.
use serde::{Serialize, Serializer};
use std::ops::Range;
use toml::Spanned;

/// Index of a file in the site's source map (see `diagnostics::SourceMap`).
pub type FileId = usize;

/// A reference to another entity by id, with its span for diagnostics.
pub type Ref = Spanned<String>;

/// Serializes a reference as its plain id.
pub fn ser_refs<S: Serializer>(v: &[Ref], s: S) -> Result<S::Ok, S::Error> {
    let ids: Vec<&str> = v.iter().map(|r| r.get_ref().as_str()).collect();
    ids.serialize(s)
}

/// Serializes an optional list of references as plain ids (or null).
pub fn ser_opt_refs<S: Serializer>(v: &Option<Vec<Ref>>, s: S) -> Result<S::Ok, S::Error> {
    v.as_ref()
        .map(|v| v.iter().map(|r| r.get_ref().as_str()).collect::<Vec<_>>())
        .serialize(s)
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

/// Serializes a reference as its id.
pub fn ser_one_ref<S: Serializer>(v: &Ref, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.get_ref())
}
