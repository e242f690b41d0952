//! Translation completeness: every message exists in every site language
//! with the same variables; messages that are identical across languages
//! are probably untranslated; site messages that no template uses are
//! reported. Built-in and site locale files are checked the same way.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use crate::diagnostics::{Diagnostic, Diagnostics, FileId};
use crate::i18n::Locales;

/// Comment marker: a message that is rightly the same in every language.
pub const SAME_MARKER: &str = "same-in-all-languages";

/// One message (or attribute) as defined in one language.
#[derive(Debug, Clone)]
pub struct MessageInfo {
    /// Variables it uses.
    pub vars: BTreeSet<String>,
    /// Its text, with placeables as `{}`.
    pub text: String,
    /// File it comes from.
    pub file: FileId,
    /// Byte span of the `id =` line.
    pub span: std::ops::Range<usize>,
    /// Whether the site defines it (else built-in).
    pub site: bool,
    /// Marked as the same in every language.
    pub same_ok: bool,
}

fn vars_inline(e: &InlineExpression<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    match e {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
            text.push_str("{}");
        }
        InlineExpression::StringLiteral { value } | InlineExpression::NumberLiteral { value } => {
            text.push_str(value)
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                vars_inline(a, vars, text);
            }
            for n in &arguments.named {
                vars_inline(&n.value, vars, text);
            }
        }
        InlineExpression::TermReference { arguments, .. } => {
            if let Some(arguments) = arguments {
                for a in &arguments.positional {
                    vars_inline(a, vars, text);
                }
            }
        }
        InlineExpression::MessageReference { id, .. } => text.push_str(id.name),
        InlineExpression::Placeable { expression } => vars_expr(expression, vars, text),
    }
}

fn vars_expr(e: &Expression<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    match e {
        Expression::Inline(i) => vars_inline(i, vars, text),
        Expression::Select { selector, variants } => {
            let mut ignore = String::new();
            vars_inline(selector, vars, &mut ignore);
            for v in variants {
                vars_pattern(&v.value, vars, text);
                text.push('|');
            }
        }
    }
}

fn vars_pattern(p: &Pattern<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    for el in &p.elements {
        match el {
            PatternElement::TextElement { value } => text.push_str(value),
            PatternElement::Placeable { expression } => vars_expr(expression, vars, text),
        }
    }
}

/// Byte spans of every `id =` line of a Fluent file, found in one pass.
fn id_spans(text: &str) -> BTreeMap<&str, std::ops::Range<usize>> {
    let mut out = BTreeMap::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some((id, _)) = line.split_once('=') {
            let id = id.trim_end();
            if !id.is_empty() && !line.starts_with([' ', '#', '.', '\t']) && !id.contains(' ') {
                out.entry(id).or_insert(offset..offset + id.len());
            }
        }
        offset += line.len();
    }
    out
}

/// The effective messages of each language (site overrides replace built-ins).
pub fn messages(locales: &Locales) -> BTreeMap<String, BTreeMap<String, MessageInfo>> {
    let mut out = BTreeMap::new();
    for (tag, lang) in &locales.langs {
        let mut map: BTreeMap<String, MessageInfo> = BTreeMap::new();
        for f in &lang.files {
            let res = match fluent_syntax::parser::parse(f.text.as_str()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            let spans = id_spans(&f.text);
            for entry in &res.body {
                let Entry::Message(m) = entry else { continue };
                let same_ok = m
                    .comment
                    .as_ref()
                    .is_some_and(|c| c.content.iter().any(|l| l.contains(SAME_MARKER)));
                let span = spans.get(m.id.name).cloned().unwrap_or(0..0);
                // The message's value and each attribute (`id.attr`) alike.
                let patterns = m.value.iter().map(|v| (m.id.name.to_string(), v)).chain(
                    m.attributes
                        .iter()
                        .map(|a| (format!("{}.{}", m.id.name, a.id.name), &a.value)),
                );
                for (id, pattern) in patterns {
                    let (mut vars, mut text) = (BTreeSet::new(), String::new());
                    vars_pattern(pattern, &mut vars, &mut text);
                    map.insert(
                        id,
                        MessageInfo {
                            vars,
                            text,
                            file: f.file_id,
                            span: span.clone(),
                            site: f.site,
                            same_ok,
                        },
                    );
                }
            }
        }
        out.insert(tag.clone(), map);
    }
    out
}

/// Message ids (and id prefixes, ending in `-` or `.`) the templates and
/// the code use.
pub fn used_ids(templates: &[&str]) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut exact = BTreeSet::new();
    let mut prefixes: BTreeSet<String> = [
        "meta-",
        "slug-",
        "duration-",
        "country-",
        "nav-",
        // The root page's invitation, in every language (src/render/context.rs).
        "index-intro",
        "language-name",
        "list-and",
        // Used by the changelog code (src/changelog.rs).
        "archived-",
        "change-",
        "diff-field-",
        "entity-",
        "feed-",
        "upcoming-banner",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for t in templates {
        for q in ['"', '\''] {
            let pat = format!("t(id={q}");
            let mut rest = *t;
            while let Some(i) = rest.find(&pat) {
                rest = &rest[i + pat.len()..];
                let Some(end) = rest.find(q) else { break };
                let id = &rest[..end];
                let after = rest[end + 1..].trim_start();
                if after.starts_with('~') {
                    prefixes.insert(id.to_string());
                } else {
                    exact.insert(id.to_string());
                }
            }
        }
    }
    (exact, prefixes)
}

/// Messages the renderer looks up itself rather than through a template's
/// `t(id=…)`: the words for a place (`place()`, the JSON and the record of
/// processing), by exact id or by prefix.
const USED_BY_CODE: &[&str] = &["place-not-stated", "region-"];

fn is_used(id: &str, exact: &BTreeSet<String>, prefixes: &BTreeSet<String>) -> bool {
    let base = id.split('.').next().unwrap_or(id);
    USED_BY_CODE.iter().any(|p| base.starts_with(p))
        || exact.contains(id)
        || exact.contains(base)
        || prefixes.iter().any(|p| id.starts_with(p.as_str()))
        // Section headings are looked up from section keys (`<key>-heading`).
        || crate::model::SECTION_KEYS.iter().any(|k| base == format!("{}-heading", k.replace('_', "-")))
}

/// Checks the locales of a site. File ids refer to the renderer's source map.
pub fn check(locales: &Locales, languages: &[String], templates: &[&str]) -> Diagnostics {
    let mut d = Diagnostics::default();
    let all = messages(locales);
    let (exact, prefixes) = used_ids(templates);
    let Some(default) = languages.first() else {
        return d;
    };
    let ids: BTreeSet<&String> = all.values().flat_map(|m| m.keys()).collect();
    for id in ids {
        let defined: Vec<(&String, &MessageInfo)> = languages
            .iter()
            .filter_map(|l| all.get(l).and_then(|m| m.get(id)).map(|i| (l, i)))
            .collect();
        let Some((first_lang, first)) = defined.first().copied() else {
            continue;
        };
        for l in languages {
            if all.get(l).is_some_and(|m| !m.contains_key(id)) {
                d.push(
                    Diagnostic::error(
                        "translation-missing",
                        format!("message `{id}` exists in `{first_lang}` but not in `{l}`"),
                    )
                    .at(first.file, first.span.clone())
                    .help(format!(
                        "add `{id}` to a locales/{l}/*.ftl file of the site"
                    )),
                );
            }
        }
        for (l, info) in defined.iter().skip(1) {
            if info.vars != first.vars {
                d.push(
                    Diagnostic::error(
                        "translation-variables",
                        format!(
                            "message `{id}` uses {{ {} }} in `{first_lang}` but {{ {} }} in `{l}`",
                            first
                                .vars
                                .iter()
                                .map(|v| format!("${v}"))
                                .collect::<Vec<_>>()
                                .join(", "),
                            info.vars
                                .iter()
                                .map(|v| format!("${v}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .at(info.file, info.span.clone())
                    .help("use the same variables in every language"),
                );
            }
            let letters = first.text.chars().filter(|c| c.is_alphabetic()).count();
            if info.text == first.text
                && letters >= 4
                && !info.same_ok
                && !first.same_ok
                && !id.starts_with("country-")
            {
                let (who, at): (&String, &MessageInfo) = if info.site {
                    (l, info)
                } else {
                    (first_lang, first)
                };
                d.push(
                    Diagnostic::warning("translation-identical", format!("message `{id}` is identical in `{first_lang}` and `{l}`; probably not translated"))
                        .at(at.file, at.span.clone())
                        .help(format!("translate it in `{who}`, or mark it with a `# {SAME_MARKER}` comment on the line above")),
                );
            }
        }
    }
    if let Some(msgs) = all.get(default) {
        for (id, info) in msgs.iter().filter(|(_, i)| i.site) {
            if !is_used(id, &exact, &prefixes) {
                d.push(
                    Diagnostic::warning(
                        "message-unused",
                        format!("message `{id}` is not used by any template"),
                    )
                    .at(info.file, info.span.clone())
                    .help("remove it, or check the spelling of its id against locales/en/main.ftl"),
                );
            }
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceMap;

    fn builtin() -> Locales {
        let mut sm = SourceMap::default();
        crate::i18n::load_locales(
            std::path::Path::new("/nonexistent"),
            &["nb".into(), "en".into()],
            &mut sm,
        )
        .expect("locales")
    }

    fn builtin_templates() -> Vec<String> {
        crate::reference::files_under("themes/")
            .into_iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect()
    }

    #[test]
    fn builtin_locales_are_complete_and_translated() {
        let t = builtin_templates();
        let refs: Vec<&str> = t.iter().map(String::as_str).collect();
        let d = check(&builtin(), &["nb".into(), "en".into()], &refs);
        let msgs: Vec<String> = d.items.iter().map(|x| x.message.clone()).collect();
        assert!(d.is_empty(), "{msgs:#?}");
    }

    #[test]
    fn every_builtin_message_is_used() {
        let t = builtin_templates();
        let refs: Vec<&str> = t.iter().map(String::as_str).collect();
        let (exact, prefixes) = used_ids(&refs);
        let all = messages(&builtin());
        let unused: Vec<&String> = all["en"]
            .keys()
            .filter(|id| !is_used(id, &exact, &prefixes))
            .collect();
        assert!(unused.is_empty(), "unused built-in messages: {unused:?}");
    }

    #[test]
    fn finds_template_ids() {
        let (exact, prefixes) =
            used_ids(&[r#"{{ t(id="a-b") }} {{ t(id='c', x=1) }} {{ t(id="basis-" ~ b) }}"#]);
        assert!(exact.contains("a-b") && exact.contains("c"));
        assert!(prefixes.contains("basis-"));
    }
}
