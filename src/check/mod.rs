//! The checks, after loading and before rendering: structural validation
//! (references, formats, required fields), the legal lint (what GDPR and
//! the Norwegian cookie rules ask of a notice) and translation completeness.

pub mod lint;
pub mod translations;
pub mod validate;
