//! The checks, after loading and before rendering: structural validation
//! (references, formats, required fields), the legal lint (what GDPR and
//! the Norwegian cookie rules ask of a notice) and translation completeness.

pub mod lint;
pub mod translations;
pub mod validate;

use crate::diagnostics::Diagnostics;
use crate::load::Site;

/// Every check of a loaded site: validation, then the legal lint, with the
/// findings that only follow from an earlier error left out. An unknown
/// reference (a typo in an id) leaves the entity it meant unreferenced,
/// so `unused-entity` would report the same mistake a second time.
pub fn run(site: &Site) -> Diagnostics {
    let mut out = validate::validate(site);
    let lint = lint::lint(site);
    let unknown_reference = out.items.iter().any(|d| d.code == "unknown-reference");
    for d in lint.items {
        if unknown_reference && d.code == "unused-entity" {
            continue;
        }
        out.push(d);
    }
    out
}
