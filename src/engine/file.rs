//! The per-file pipeline: decode, parse, run the transforms, apply their fixes until nothing
//! changes, check the result still parses, and encode it back.
use std::borrow::Cow;
use std::collections::BTreeMap;

use ruff_python_ast::PySourceType;
use ruff_python_parser::{Parsed, parse_unchecked_source};
use ruff_python_ast::ModModule;
use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;

use crate::arena::{InArena, parse_in_arena};
use crate::engine::checker::{Finding, check_module};
use crate::engine::line_index::LazyLineIndex;
use crate::edits::fix::Applicability;
use crate::engine::fix_loop::fix_until_stable;
use crate::engine::FileSettings;
use crate::engine::first_look::first_look;
use crate::engine::transform::Transform;
use crate::workspace::decode::{TextEncoding, decode, encode};
use crate::engine::suppression::Suppressions;
use crate::semantic::SemanticModel;

/// What `check` needs to print about a finding.
#[derive(Debug, Clone)]
pub(crate) struct LocatedFinding {
    pub(crate) rule: &'static str,
    pub(crate) message: String,
    pub(crate) start: (usize, usize),
    pub(crate) end: (usize, usize),
    pub(crate) fix: Option<Applicability>,
    /// The fix's edits, located in the original text (SARIF shows them as replacements).
    pub(crate) edits: Vec<LocatedEdit>,
}

/// One edit of a fix: replace `start..end` (1-based line and column) with `content`.
#[derive(Debug, Clone)]
pub(crate) struct LocatedEdit {
    pub(crate) start: (usize, usize),
    pub(crate) end: (usize, usize),
    pub(crate) content: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Report findings, change nothing.
    Check,
    /// Apply the allowed fixes and report the new text.
    Fix { unsafe_fixes: bool },
}

#[derive(Debug, Default)]
pub(crate) struct FileResult {
    /// Check mode: the unsuppressed findings of the file.
    pub(crate) findings: Vec<LocatedFinding>,
    /// Fix mode: the new bytes, when something changed.
    pub(crate) fixed: Option<Vec<u8>>,
    /// Fix mode: fixes applied, per transform id.
    pub(crate) fixed_counts: BTreeMap<&'static str, usize>,
    /// Fix mode: how many of `fixed_counts` were unsafe fixes (a pull request says so).
    pub(crate) unsafe_counts: BTreeMap<&'static str, usize>,
    /// Fix mode: findings left without an applicable fix.
    pub(crate) unfixed: usize,
    /// Problems with this file, each a full message naming it; the run goes on.
    pub(crate) errors: Vec<String>,
}

/// A file decoded and parsed, ready for the transforms; parsed once, whether the project index
/// reads it first or not.
pub(crate) struct Prepared<'b> {
    /// Borrowed from the file's bytes when they are UTF-8.
    text: Cow<'b, str>,
    encoding: TextEncoding,
    parsed: InArena<Parsed<ModModule>>,
}

impl Prepared<'_> {
    pub(crate) fn module(&self) -> &ModModule {
        self.parsed.syntax()
    }
}

/// Decodes and parses a file; the error is a message naming the file (and line).
pub(crate) fn prepare<'b>(name: &str, bytes: &'b [u8], is_stub: bool) -> Result<Prepared<'b>, String> {
    let (text, encoding) = decode(bytes).map_err(|why| format!("{name}: skipped: {why}"))?;
    let source_type = if is_stub { PySourceType::Stub } else { PySourceType::Python };
    let parsed = parse_in_arena(&text, source_type);
    if let Some(message) = syntax_error(&parsed, &text) {
        return Err(format!("{name}:{message}"));
    }
    Ok(Prepared { text, encoding, parsed })
}

/// Runs the transforms over a prepared file; `name` is how messages refer to the file.
/// `semantic` is the file's model when the caller built it already (for the project index).
/// `candidates`: the transforms of `settings` that could report something in the file (its first
/// look said so), the only ones its first check runs; the fix passes run every transform on the
/// new text.
pub(crate) fn process<'p>(
    name: &str,
    prepared: &'p Prepared<'_>,
    semantic: Option<SemanticModel<'p>>,
    settings: &FileSettings,
    candidates: &[&'static dyn Transform],
    mode: Mode,
) -> FileResult {
    let mut result = FileResult::default();
    let (text, encoding, parsed): (&str, _, &Parsed<ModModule>) = (&prepared.text, &prepared.encoding, &prepared.parsed);
    let index = LazyLineIndex::new(text);
    let first_check = FileSettings { transforms: candidates, ..*settings };
    let Some(findings) = unsuppressed_findings(parsed, text, &index, &first_check, semantic) else {
        return result;
    };
    match mode {
        Mode::Check => {
            result.findings = findings.iter().map(|f| locate(f, text, index.get())).collect();
        }
        Mode::Fix { unsafe_fixes } => {
            let allowed = if unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
            if !findings.iter().any(|f| f.fix.as_ref().is_some_and(|fix| fix.applicability() >= allowed)) {
                // Most files: nothing to apply, so no copy of the text and no second look.
                result.unfixed = findings.len();
                return result;
            }
            match fix_until_stable(name, text.to_owned(), findings, settings, allowed, &mut result) {
                Ok(fixed) if fixed != *text => match encode(&fixed, *encoding) {
                    Ok(bytes) => result.fixed = Some(bytes),
                    Err(why) => fixes_dropped(&mut result, format!("{name}: fixes dropped: {why}")),
                },
                Ok(_) => {}
                Err(message) => fixes_dropped(&mut result, message),
            }
        }
    }
    result
}

fn fixes_dropped(result: &mut FileResult, message: String) {
    result.errors.push(message);
    result.fixed_counts.clear();
    result.unsafe_counts.clear();
    result.fixed = None;
}

/// The findings of the selected transforms that no comment silences; `None` for a skipped file.
pub(super) fn unsuppressed_findings<'p>(
    parsed: &'p Parsed<ModModule>,
    text: &'p str,
    index: &LazyLineIndex,
    settings: &FileSettings,
    semantic: Option<SemanticModel<'p>>,
) -> Option<Vec<Finding>> {
    let suppressions = Suppressions::from_tokens(parsed.tokens(), text, index);
    if suppressions.skip_file() {
        return None;
    }
    let semantic = semantic.unwrap_or_else(|| SemanticModel::build(parsed.syntax()));
    let mut findings = check_module(&semantic, text, parsed.tokens(), &suppressions, index, settings);
    findings.sort_by_key(|f| (f.range.start(), f.range.end(), f.rule.id));
    Some(findings)
}

/// `line:col: syntax error: ...` when `text` does not parse (`apply --interactive` checks the
/// text its chosen fixes make, as the fix loop checks each pass).
pub(crate) fn parse_error(text: &str, is_stub: bool) -> Option<String> {
    let source_type = if is_stub { PySourceType::Stub } else { PySourceType::Python };
    syntax_error(&parse_unchecked_source(text, source_type), text)
}

/// [`unsuppressed_findings`] of a text met without a first look of its own (a fix pass's output,
/// an editor's document): only the transforms whose first look says they could report run. The
/// look gathers the module's facts, as a run's first look does when the index is used, so that
/// the conditions that read them are judged rather than taken as met; and where none could
/// report, no model is built. Of the benchmark corpus's 5.0 MB of fixed text, 3.9 MB has a
/// transform that could report when the conditions are taken as met, 2.8 MB when judged.
pub(super) fn looked_findings(parsed: &Parsed<ModModule>, text: &str, index: &LazyLineIndex, settings: &FileSettings) -> Vec<Finding> {
    let candidates = first_look(parsed.syntax(), settings.transforms, true).reporting(settings.transforms);
    if candidates.is_empty() {
        return Vec::new();
    }
    let settings = FileSettings { transforms: &candidates, ..*settings };
    unsuppressed_findings(parsed, text, index, &settings, None).unwrap_or_default()
}

/// `line:col: syntax error: ...` for the first syntax error, if any.
pub(super) fn syntax_error(parsed: &Parsed<ModModule>, text: &str) -> Option<String> {
    let error = parsed.errors().first()?;
    let at = LineIndex::from_source_text(text).line_column(error.location.start(), text);
    Some(format!("{}:{}: syntax error: {}", at.line, at.column, error.error))
}

fn locate(finding: &Finding, text: &str, index: &LineIndex) -> LocatedFinding {
    let at = |offset| {
        let position = index.line_column(offset, text);
        (position.line.get(), position.column.get())
    };
    let edits = finding.fix.iter().flat_map(|f| f.edits()).map(|edit| LocatedEdit {
        start: at(edit.start()),
        end: at(edit.end()),
        content: edit.content().to_owned(),
    });
    LocatedFinding {
        rule: finding.rule.id,
        message: finding.message.clone(),
        start: at(finding.range.start()),
        end: at(finding.range.end()),
        fix: finding.fix.as_ref().map(|f| f.applicability()),
        edits: edits.collect(),
    }
}
