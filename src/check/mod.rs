//! The checks, after loading and before rendering: structural validation
//! (references, formats, required fields), the legal lint (what GDPR and
//! the Norwegian cookie rules ask of a notice) and translation completeness.

pub mod lint;
pub mod releases;
pub mod translations;
pub mod validate;

use crate::diagnostics::Diagnostics;
use crate::load::Site;

/// Every check of a loaded site: validation, then the legal lint, with the
/// findings that only follow from an earlier error left out. An unknown
/// reference (a typo in an id) leaves the entity it meant unreferenced,
/// so `unused-entity` would report the same mistake a second time.
pub fn run(site: &Site) -> Diagnostics {
    // The three read the site only: they run side by side, and their
    // findings are merged in this order whatever the timing.
    let ((mut out, releases), lint) = rayon::join(
        || rayon::join(|| validate::validate(site), || releases::check(site)),
        || lint::lint(site),
    );
    out.extend(releases);
    let unknown_reference = out.items.iter().any(|d| d.code == "unknown-reference");
    // Where validation found an error, a lint finding at the same place
    // only follows from it (a bad id, a bad country).
    let errors_at: Vec<crate::diagnostics::Location> = out
        .items
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
        .filter_map(|d| d.location.clone())
        .collect();
    for d in lint.items {
        if unknown_reference && d.code == "unused-entity" {
            continue;
        }
        let same_place = d.location.as_ref().is_some_and(|l| {
            errors_at.iter().any(|e| {
                e.file == l.file
                    && e.span.start < l.span.end.max(l.span.start + 1)
                    && l.span.start < e.span.end.max(e.span.start + 1)
            })
        });
        if same_place {
            continue;
        }
        out.push(d);
    }
    out
}
