//! The fix loop: apply the allowed fixes, re-parse, check again, until nothing is left to apply.
//! Each pass's output must parse, or the file keeps its old text.
use ruff_python_ast::PySourceType;

use crate::arena::parse_in_arena;
use crate::edits::fix::{Applicability, apply_fixes};
use crate::engine::FileSettings;
use crate::engine::checker::Finding;
use crate::engine::file::{FileResult, looked_findings, syntax_error};
use crate::engine::line_index::LazyLineIndex;

/// Fix passes before a file is declared not to converge (each pass re-parses the new text).
const MAX_PASSES: usize = 10;

/// Applies fixes pass after pass until none is left; each pass's output must parse.
pub(super) fn fix_until_stable(
    name: &str,
    mut text: String,
    mut findings: Vec<Finding>,
    settings: &FileSettings,
    allowed: Applicability,
    result: &mut FileResult,
) -> Result<String, String> {
    for _ in 0..MAX_PASSES {
        let fixes = findings
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.fix.as_ref().filter(|fix| fix.applicability() >= allowed).map(|fix| (i, fix)));
        let (new_text, applied) = apply_fixes(&text, fixes);
        if applied.is_empty() {
            result.unfixed = findings.len();
            return Ok(text);
        }
        let rules: Vec<&'static str> = applied.iter().map(|&i| findings[i].rule.id).collect();
        for rule in &rules {
            *result.fixed_counts.entry(rule).or_default() += 1;
        }
        for &i in &applied {
            if findings[i].fix.as_ref().is_some_and(|f| f.applicability() == Applicability::Unsafe) {
                *result.unsafe_counts.entry(findings[i].rule.id).or_default() += 1;
            }
        }
        let source_type = if settings.is_stub { PySourceType::Stub } else { PySourceType::Python };
        let parsed = parse_in_arena(&new_text, source_type);
        let index = LazyLineIndex::new(&new_text);
        if let Some(message) = syntax_error(&parsed, &new_text) {
            let mut ids = rules.clone();
            ids.sort_unstable();
            ids.dedup();
            return Err(format!(
                "{name}: fixes dropped, file left unchanged: the fix of {} would produce code that does not parse ({message})",
                ids.join(", ")
            ));
        }
        findings = looked_findings(&parsed, &new_text, &index, settings);
        text = new_text;
    }
    Err(format!("{name}: fixes dropped, file left unchanged: fixes did not settle after {MAX_PASSES} passes"))
}

