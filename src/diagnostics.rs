//! Diagnostics: problems found while loading, validating or rendering a site,
//! each pointing at a file, line and column, printed in the style of rustc/cargo.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// The build goes on, but the notice is probably wrong or incomplete.
    Warning,
    /// Information only, e.g. a lint finding the organisation has waived.
    Note,
}

/// A file the site read, kept so that diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the working directory when possible).
    pub path: PathBuf,
    /// Full text of the file.
    pub text: String,
    /// Byte offset of every line's start, made on first use: finding a
    /// line is then a binary search, not a scan from the file's start
    /// (thousands of findings in one file stay linear).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    fn starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset, as
    /// [`line_col`] gives them.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = &self.text;
        let mut at = offset.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let starts = self.starts();
        let line = starts.partition_point(|&s| s <= at).max(1);
        let start = starts[line - 1];
        (line, text[start..at].chars().count() + 1)
    }

    /// The text of 1-based line `n`, without its line end (empty past the end).
    pub fn line(&self, n: usize) -> &str {
        let starts = self.starts();
        let Some(&start) = n.checked_sub(1).and_then(|i| starts.get(i)) else {
            return "";
        };
        let end = starts.get(n).map_or(self.text.len(), |&e| e - 1);
        self.text.get(start..end).unwrap_or("")
    }
}

/// Every file read while loading a site, indexed by [`FileId`]. Copies
/// share the files (a long history's snapshots are tens of MB of text).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<std::sync::Arc<SourceFile>>,
}

/// Index of a file in a [`SourceMap`].
pub use crate::model::FileId;

impl SourceMap {
    /// Registers a file and returns its id.
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.files.push(std::sync::Arc::new(SourceFile {
            path,
            text,
            line_starts: Default::default(),
        }));
        self.files.len() - 1
    }

    /// The file with the given id.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id).map(|f| &**f)
    }

    /// Moves a file's text out (the file stays registered, with no text):
    /// for a text that is handed on and will not be pointed into.
    pub fn take_text(&mut self, id: FileId) -> String {
        self.files
            .get_mut(id)
            .map(|f| {
                let f = std::sync::Arc::make_mut(f);
                f.line_starts = Default::default();
                std::mem::take(&mut f.text)
            })
            .unwrap_or_default()
    }

    /// All files, in the order they were read.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> + '_ {
        self.files.iter().map(|f| &**f)
    }

    /// Appends another map's files; returns the offset to add to its ids.
    pub fn append(&mut self, other: &SourceMap) -> usize {
        let offset = self.files.len();
        self.files.extend(other.files.iter().cloned());
        offset
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = text[line_start..start].chars().count() + 1;
    (line, col)
}

/// A place in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// File the problem is in.
    pub file: FileId,
    /// Byte range of the offending text.
    pub span: Range<usize>,
}

/// One problem.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable identifier, e.g. `unknown-reference`.
    pub code: String,
    /// One-line description.
    pub message: String,
    /// Where, if the problem is tied to a file.
    pub location: Option<Location>,
    /// A file path when the problem concerns a file that could not be read.
    pub path: Option<PathBuf>,
    /// Short text printed under the underline.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// Extra context, e.g. the legal source of a lint rule.
    pub note: Option<String>,
    /// Line and column in [`Diagnostic::path`] (1-based) when the problem
    /// has a position but the file is not in the [`SourceMap`] (e.g. a file
    /// that is not valid UTF-8).
    pub line_col: Option<(usize, usize)>,
}

impl Diagnostic {
    /// A new error with a stable code.
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: code.to_string(),
            message: message.into(),
            location: None,
            path: None,
            label: None,
            help: None,
            note: None,
            line_col: None,
        }
    }

    /// A new warning with a stable code.
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Points the diagnostic at a span of a file.
    pub fn at(mut self, file: FileId, span: Range<usize>) -> Self {
        self.location = Some(Location { file, span });
        self
    }

    /// Points at a location if there is one.
    pub fn at_opt(mut self, loc: Option<Location>) -> Self {
        if loc.is_some() {
            self.location = loc;
        }
        self
    }

    /// Names a file (without position).
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Names a file and a 1-based line and column in it.
    pub fn in_file_at(mut self, path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        self.path = Some(path.into());
        self.line_col = Some((line.max(1), col.max(1)));
        self
    }

    /// Adds a label under the underlined span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a `note:` line.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// A note (information, never fails a build).
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, message)
        }
    }

    /// Adds a `help:` line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `path:line:col`, or nothing. A problem with a whole file (one that
    /// cannot be read, is empty, ...) is at its line 1, column 1.
    pub fn position(&self, sources: &SourceMap) -> Option<(PathBuf, usize, usize)> {
        if let Some(loc) = &self.location {
            if let Some(file) = sources.get(loc.file) {
                let (line, col) = file.line_col(loc.span.start);
                return Some((file.path.clone(), line, col));
            }
        }
        let (line, col) = self.line_col.unwrap_or((1, 1));
        self.path.clone().map(|p| (p, line, col))
    }
}

/// A list of diagnostics; an `Err` of the pipeline carries one.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    /// The problems, in the order found (sorted before printing).
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// True if any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// Number of notes (e.g. waived lint findings).
    pub fn note_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Note)
            .count()
    }

    /// True when there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds all problems of another list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Adds another list whose locations refer to a source map appended at `offset`.
    pub fn extend_shifted(&mut self, other: Diagnostics, offset: usize) {
        for mut d in other.items {
            if let Some(l) = &mut d.location {
                l.file += offset;
            }
            self.items.push(d);
        }
    }

    /// Orders problems by file, then position, then message, so output is stable.
    pub fn sort(&mut self, sources: &SourceMap) {
        // The key needs the file's path and the byte offset only (the same
        // order as line and column), computed once per finding.
        self.items.sort_by_cached_key(|d| {
            let located = d.location.as_ref().and_then(|loc| {
                sources
                    .get(loc.file)
                    .map(|f| (f.path.clone(), loc.span.start))
            });
            let (path, offset) = located
                .or_else(|| d.path.clone().map(|p| (p, 0)))
                .unwrap_or((PathBuf::new(), 0));
            (path, offset, d.severity, d.code.clone(), d.message.clone())
        });
        self.items.dedup_by(|a, b| {
            a.code == b.code && a.message == b.message && a.location == b.location
        });
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

/// Whether to colour terminal output.
pub fn use_colour(stream_is_terminal: bool) -> bool {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return true;
    }
    stream_is_terminal
}

/// Whether stderr is a terminal that should get colour.
pub fn stderr_colour() -> bool {
    use_colour(std::io::stderr().is_terminal())
}

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Longest message, help or note shown (in characters); the rest is cut
/// with `…`. A message can quote user text of any length.
pub const MAX_MESSAGE_CHARS: usize = 400;

/// Characters of a source line shown around the position.
pub const EXCERPT_CHARS: usize = 160;

/// Characters never written raw to a terminal: control characters (a
/// newline in a message breaks `--format short`, a carriage return or an
/// escape sequence rewrites what was printed) and bidirectional controls
/// (which reorder what the reader sees).
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
        )
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn push_clean(out: &mut String, c: char) {
    if is_unsafe_char(c) {
        let _ = write!(out, "\\u{{{:X}}}", c as u32);
    } else {
        out.push(c);
    }
}

/// `s` on one line, safe for a terminal: unsafe characters
/// ([`is_unsafe_char`]) shown as `\u{202E}`, cut after `max` characters.
pub fn clean_text(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max.saturating_mul(2)));
    for (i, c) in s.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        push_clean(&mut out, c);
    }
    out
}

/// A one-line message, help or note as it is printed.
fn clean(s: &str) -> String {
    clean_text(s, MAX_MESSAGE_CHARS)
}

/// The part of a source line shown under a finding: at most
/// [`EXCERPT_CHARS`] characters around column `col`, escaped. Returns the
/// excerpt, and the displayed columns (1-based) where columns `col` and
/// `end_col` of the line fall.
fn excerpt(line: &str, col: usize, end_col: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    let from = if n <= EXCERPT_CHARS {
        0
    } else {
        col.saturating_sub(1 + EXCERPT_CHARS / 4)
            .min(n - EXCERPT_CHARS)
    };
    let to = (from + EXCERPT_CHARS).min(n);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let (mut dcol, mut dend) = (0, 0);
    for (i, c) in chars.iter().enumerate().take(to).skip(from) {
        if i + 1 == col {
            dcol = out.chars().count() + 1;
        }
        if i + 1 == end_col {
            dend = out.chars().count() + 1;
        }
        push_clean(&mut out, *c);
    }
    let width = out.chars().count() + 1;
    if dcol == 0 {
        dcol = if col <= from { 1 } else { width };
    }
    if dend == 0 {
        dend = if end_col <= from { dcol } else { width };
    }
    if to < n {
        out.push('…');
    }
    (out, dcol, dend)
}

/// Renders one diagnostic in the rustc/cargo style.
pub fn render(d: &Diagnostic, sources: &SourceMap, colour: bool) -> String {
    let st = Style { on: colour };
    let mut out = String::new();
    let (sev, sev_code) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
        Severity::Note => ("note", "1;36"),
    };
    let _ = writeln!(
        out,
        "{}{} {}",
        st.paint(sev_code, &format!("{sev}[{}]", d.code)),
        st.paint("1", ":"),
        st.paint("1", &clean(&d.message))
    );
    let label = d.label.as_deref().map(clean);
    let note = d.note.as_deref().map(clean);
    let help = d.help.as_deref().map(clean);
    let blue = "1;34";
    if let Some(loc) = &d.location {
        if let Some(file) = sources.get(loc.file) {
            let (line, col) = file.line_col(loc.span.start);
            let width = line.to_string().len();
            let pad = " ".repeat(width);
            let _ = writeln!(
                out,
                "{pad}{} {}:{line}:{col}",
                st.paint(blue, "-->"),
                clean_text(&display_path(&file.path), usize::MAX)
            );
            let _ = writeln!(out, "{pad} {}", st.paint(blue, "|"));
            let src_line = file.line(line);
            let src_line = src_line.strip_suffix('\r').unwrap_or(src_line);
            // Underline: from the column to the end of the span or of the line.
            let (end_line, end_col) = file.line_col(loc.span.end.max(loc.span.start));
            let line_chars = src_line.chars().count();
            let last = if end_line == line {
                end_col.max(col + 1)
            } else {
                line_chars + 1
            };
            let (shown, col, last) = excerpt(src_line, col, last);
            let _ = writeln!(
                out,
                "{} {} {}",
                st.paint(blue, &line.to_string()),
                st.paint(blue, "|"),
                shown
            );
            let carets = last.saturating_sub(col).max(1);
            let colour = match d.severity {
                Severity::Error => "1;31",
                Severity::Warning => "1;33",
                Severity::Note => "1;36",
            };
            let mut underline = format!("{}{}", " ".repeat(col - 1), "^".repeat(carets));
            if let Some(label) = &label {
                underline.push(' ');
                underline.push_str(label);
            }
            let _ = writeln!(
                out,
                "{pad} {} {}",
                st.paint(blue, "|"),
                st.paint(colour, &underline)
            );
            if let Some(note) = &note {
                let _ = writeln!(
                    out,
                    "{pad} {} {}: {note}",
                    st.paint(blue, "="),
                    st.paint("1", "note")
                );
            }
            if let Some(help) = &help {
                let _ = writeln!(
                    out,
                    "{pad} {} {}: {help}",
                    st.paint(blue, "="),
                    st.paint("1", "help")
                );
            }
            return out;
        }
    }
    if let Some(path) = &d.path {
        let at = match d.line_col {
            Some((l, c)) => format!(":{l}:{c}"),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "  {} {}{at}",
            st.paint(blue, "-->"),
            clean_text(&display_path(path), usize::MAX)
        );
    }
    if let Some(label) = &label {
        let _ = writeln!(out, "   {} {label}", st.paint(blue, "="));
    }
    if let Some(note) = &note {
        let _ = writeln!(
            out,
            "   {} {}: {note}",
            st.paint(blue, "="),
            st.paint("1", "note")
        );
    }
    if let Some(help) = &help {
        let _ = writeln!(
            out,
            "   {} {}: {help}",
            st.paint(blue, "="),
            st.paint("1", "help")
        );
    }
    out
}

/// Renders all diagnostics and a summary line.
pub fn render_all(diags: &Diagnostics, sources: &SourceMap, colour: bool) -> String {
    let mut out = String::new();
    for d in &diags.items {
        out.push_str(&render(d, sources, colour));
        out.push('\n');
    }
    out
}

/// One line per diagnostic: `path:line:col: severity[code]: message`.
pub fn render_short(d: &Diagnostic, sources: &SourceMap) -> String {
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    let msg = clean(&d.message);
    match d.position(sources) {
        Some((p, l, c)) => format!(
            "{}:{l}:{c}: {sev}[{}]: {msg}",
            clean_text(&display_path(&p), usize::MAX),
            d.code,
        ),
        None => format!("{sev}[{}]: {msg}", d.code),
    }
}

/// JSON form of a diagnostic, for `--format json`.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    /// error or warning
    pub severity: Severity,
    /// stable code
    pub code: String,
    /// message
    pub message: String,
    /// file path, if any
    pub file: Option<String>,
    /// 1-based line
    pub line: Option<usize>,
    /// 1-based column
    pub column: Option<usize>,
    /// help text
    pub help: Option<String>,
    /// note (legal source of a lint rule, or a waiver's reason)
    pub note: Option<String>,
}

/// Converts diagnostics to their JSON form.
pub fn to_json(diags: &Diagnostics, sources: &SourceMap) -> Vec<JsonDiagnostic> {
    diags
        .items
        .iter()
        .map(|d| {
            let pos = d.position(sources);
            JsonDiagnostic {
                severity: d.severity,
                code: d.code.clone(),
                message: clean(&d.message),
                file: pos.as_ref().map(|(p, _, _)| display_path(p)),
                line: pos.as_ref().map(|(_, l, _)| *l),
                column: pos.as_ref().map(|(_, _, c)| *c),
                help: d.help.as_deref().map(clean),
                note: d.note.as_deref().map(clean),
            }
        })
        .collect()
}

/// A path as shown in messages, with `/` separators.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_file_lines_agree_with_line_col() {
        let mut sm = SourceMap::default();
        let text = "a = 1\r\nø = \"x\"\n\nlast";
        let f = sm.add("f.toml".into(), text.into());
        let file = sm.get(f).expect("file");
        for off in 0..=text.len() + 3 {
            assert_eq!(file.line_col(off), line_col(text, off), "offset {off}");
        }
        assert_eq!(file.line(1), "a = 1\r");
        assert_eq!(file.line(2), "ø = \"x\"");
        assert_eq!(file.line(3), "");
        assert_eq!(file.line(4), "last");
        assert_eq!(file.line(5), "");
        assert_eq!(file.line(0), "");
    }

    #[test]
    fn line_col_counts_characters() {
        let t = "a = 1\nø = \"x\"\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 6), (2, 1));
        // 'ø' is two bytes; the '=' after "ø " is the 3rd character.
        assert_eq!(line_col(t, 9), (2, 3));
    }

    #[test]
    fn render_underlines_span() {
        let mut sm = SourceMap::default();
        let f = sm.add(
            "site.toml".into(),
            "x = 1\nrecipients = [\"nope\"]\n".into(),
        );
        let d = Diagnostic::error("unknown-reference", "unknown recipient `nope`")
            .at(f, 20..26)
            .help("declare it");
        let s = render(&d, &sm, false);
        assert!(s.contains("--> site.toml:2:15"), "{s}");
        assert!(s.contains("^^^^^^"), "{s}");
        assert!(s.contains("= help: declare it"), "{s}");
    }
}
