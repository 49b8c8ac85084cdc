//! What `review` says about each finding in the lines a pull request changes: where its comment
//! goes, a suggestion block or a plain comment, and the hidden marker that lets a later run
//! recognise the comment.
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use super::hunks::FileHunks;
use super::suggestion::{Lines, apply_all, block, whole_lines};
use crate::edits::fix::Applicability;
use crate::engine::LocatedFinding;

/// The start of the marker that ends each comment: `<!-- pitfix-review: <id> <fingerprint> -->`.
pub(crate) const MARKER: &str = "<!-- pitfix-review: ";
/// Added to the marker of a comment whose finding is gone, so that later runs leave it alone.
pub(crate) const RESOLVED: &str = "resolved";

/// How the fix reaches the author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Advice {
    /// A suggestion block: the commented lines once fixed.
    Suggestion(String),
    /// A fix that cannot be one click (why, and its diff).
    Diff { why: &'static str, diff: String },
    /// No fix the run may suggest: none, or an unsafe one without `--unsafe-fixes`.
    Plain { unsafe_fix: bool },
}

/// One finding in the changed lines, and its comment.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub(crate) rule: &'static str,
    pub(crate) fingerprint: String,
    pub(crate) path: String,
    /// The lines the comment covers (one hunk's).
    pub(crate) lines: RangeInclusive<usize>,
    pub(crate) message: String,
    pub(crate) advice: Advice,
    pub(crate) fix: Option<Applicability>,
}

/// One file's text as the engine read it, and whether a suggestion can carry its bytes.
pub(crate) struct FileText<'a> {
    pub(crate) path: &'a str,
    pub(crate) text: &'a str,
    /// UTF-8 without a BOM: a comment (UTF-8 JSON) holds the lines' bytes as they are. With a
    /// BOM, only line 1 cannot (the decoded text lacks the BOM); in another encoding, no line can.
    pub(crate) utf8: bool,
    pub(crate) bom: bool,
}

/// The comments on a file's findings in the changed lines, and the markers (rule, fingerprint)
/// of every finding of the file, changed lines or not: a comment whose finding is still
/// somewhere in the file is not resolved.
pub(crate) fn plan_file(
    file: &FileText<'_>,
    hunks: &FileHunks,
    findings: &[LocatedFinding],
    unsafe_fixes: bool,
) -> (Vec<Planned>, Vec<(&'static str, String)>) {
    let lines = Lines::new(file.text);
    let mut seen: BTreeMap<(&str, u64), usize> = BTreeMap::new();
    let mut planned = Vec::new();
    let mut all = Vec::new();
    for finding in findings {
        let span = finding_lines(finding);
        let content = content_hash(finding.rule, file.path, &lines, &span);
        let occurrence = seen.entry((finding.rule, content)).or_default();
        *occurrence += 1;
        let fingerprint = format!("{content:016x}-{occurrence}");
        all.push((finding.rule, fingerprint.clone()));
        if !hunks.touches(&span) {
            continue;
        }
        if let Some(plan) = plan(file, &lines, hunks, finding, span, fingerprint, unsafe_fixes) {
            planned.push(plan);
        }
    }
    (planned, all)
}

/// The lines a finding covers (one that ends at the start of a line does not cover that line).
fn finding_lines(finding: &LocatedFinding) -> RangeInclusive<usize> {
    let (start, end) = (finding.start.0, finding.end.0);
    let last = if end > start && finding.end.1 == 1 { end - 1 } else { end };
    start..=last
}

/// A hash of what the finding is, not where: its transform, file and the text of its lines
/// without their indentation, so that lines added above it or a re-indent keep it.
fn content_hash(rule: &str, path: &str, lines: &Lines<'_>, span: &RangeInclusive<usize>) -> u64 {
    let mut key = format!("{rule}\0{path}\0");
    for line in span.clone() {
        key.push_str(lines.text_of(line).trim());
        key.push('\n');
    }
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

fn plan(
    file: &FileText<'_>,
    lines: &Lines<'_>,
    hunks: &FileHunks,
    finding: &LocatedFinding,
    span: RangeInclusive<usize>,
    fingerprint: String,
    unsafe_fixes: bool,
) -> Option<Planned> {
    let allowed = match finding.fix {
        Some(Applicability::Safe) => true,
        Some(Applicability::Unsafe) => unsafe_fixes,
        None => false,
    };
    // Where a comment without a suggestion goes: the finding's lines when one hunk holds them,
    // else its first added line.
    let anchor = match hunks.hunk_holding(&span) {
        Some(_) => span.clone(),
        None => {
            let line = hunks.first_added_in(&span)?;
            line..=line
        }
    };
    let (lines_of_comment, advice) = if !allowed || finding.edits.is_empty() {
        (anchor, Advice::Plain { unsafe_fix: finding.fix == Some(Applicability::Unsafe) })
    } else {
        match suggestion(file, lines, hunks, finding) {
            Ok((fixed_lines, text)) => (fixed_lines, Advice::Suggestion(text)),
            Err(why) => (anchor, Advice::Diff { why, diff: fix_diff(file, lines, finding) }),
        }
    };
    Some(Planned {
        rule: finding.rule,
        fingerprint,
        path: file.path.to_owned(),
        lines: lines_of_comment,
        message: finding.message.clone(),
        advice,
        fix: finding.fix,
    })
}

/// The fixed lines and their text, or why the fix cannot be a one-click suggestion.
fn suggestion(
    file: &FileText<'_>,
    lines: &Lines<'_>,
    hunks: &FileHunks,
    finding: &LocatedFinding,
) -> Result<(RangeInclusive<usize>, String), &'static str> {
    if !file.utf8 {
        return Err("the file is not UTF-8, and a suggestion would not keep its bytes");
    }
    let (span, text) = whole_lines(lines, &finding.edits)
        .ok_or("the fix changes several places of the file, and one suggestion would replace every line between them")?;
    if file.bom && *span.start() == 1 {
        return Err("the fix changes the first line of a file with a byte order mark, which a suggestion would drop");
    }
    if hunks.hunk_holding(&span).is_none() {
        return Err("the fix changes lines outside this pull request's changes, where GitHub takes no suggestion");
    }
    Ok((span, text))
}

/// The fix as a unified diff of the file (only the fix's hunks).
fn fix_diff(file: &FileText<'_>, lines: &Lines<'_>, finding: &LocatedFinding) -> String {
    let Some(fixed) = apply_all(lines, &finding.edits) else { return String::new() };
    let mut out = Vec::new();
    if crate::output::diff::write_file_diff(&mut out, file.path, file.text.as_bytes(), fixed.as_bytes(), false).is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Planned {
    pub(crate) fn marker(&self) -> String {
        format!("{MARKER}{} {} -->", self.rule, self.fingerprint)
    }

    pub(crate) fn is_suggestion(&self) -> bool {
        matches!(self.advice, Advice::Suggestion(_))
    }

    /// The comment's Markdown: the finding, the suggestion or the diff, how to learn more or
    /// silence it, and the marker.
    pub(crate) fn body(&self) -> String {
        let id = self.rule;
        let mut body = format!("**pitfix · `{id}`**: {}\n\n", self.message);
        match &self.advice {
            Advice::Suggestion(text) => {
                let safety = if self.fix == Some(Applicability::Unsafe) {
                    "An **unsafe** fix (it may change behaviour in ways you may not want): read it before you commit it."
                } else {
                    "A safe fix: \"Commit suggestion\" applies it."
                };
                body += &format!("{}\n\n{safety}\n\n", block(text, "suggestion"));
            }
            Advice::Diff { why, diff } => {
                body += &format!("The fix cannot be a one-click suggestion: {why}. `pitfix apply` makes it:\n\n{}\n\n", block(diff.trim_end(), "diff"));
            }
            Advice::Plain { unsafe_fix: true } => {
                body += "An unsafe fix exists (it may change behaviour): `pitfix apply --unsafe-fixes` makes it.\n\n";
            }
            Advice::Plain { unsafe_fix: false } => {
                body += &format!("pitfix has no automatic fix for this one; `pitfix explain {id}` says what to do.\n\n");
            }
        }
        body += &format!("<sub>`pitfix explain {id}` tells more · silence this line with `# pitfix: ignore[{id}]`</sub>\n\n{}", self.marker());
        body
    }
}

/// The (rule, fingerprint, resolved) of a comment's marker, if it has one.
pub(crate) fn read_marker(body: &str) -> Option<(String, String, bool)> {
    let start = body.rfind(MARKER)?;
    let rest = &body[start + MARKER.len()..];
    let inside = &rest[..rest.find("-->")?];
    let mut fields = inside.split_whitespace();
    let rule = fields.next()?.to_owned();
    let fingerprint = fields.next()?.to_owned();
    let resolved = fields.next() == Some(RESOLVED);
    Some((rule, fingerprint, resolved))
}

/// A comment's new body once its finding is gone: the first line struck through, a note, and
/// the marker marked resolved (the old text stays below, collapsed).
pub(crate) fn resolved_body(old: &str, rule: &str, fingerprint: &str, head: &str) -> String {
    let short = &head[..head.len().min(7)];
    let kept = old.rfind(MARKER).map_or(old, |at| &old[..at]).trim_end();
    let first = kept.lines().next().unwrap_or("");
    format!(
        "~~{first}~~\n\nResolved: pitfix no longer finds this in {short}.\n\n<details>\n<summary>The comment as it was</summary>\n\n{kept}\n\n</details>\n\n{MARKER}{rule} {fingerprint} {RESOLVED} -->"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::LocatedEdit;

    fn finding(line: usize, edits: Vec<LocatedEdit>) -> LocatedFinding {
        LocatedFinding {
            rule: "is-literal",
            message: "`is` with a literal".to_owned(),
            start: (line, 4),
            end: (line, 14),
            fix: Some(Applicability::Safe),
            edits,
        }
    }

    fn is_fix(line: usize) -> Vec<LocatedEdit> {
        vec![LocatedEdit { start: (line, 6), end: (line, 8), content: "==".to_owned() }]
    }

    #[test]
    fn only_changed_lines_get_comments_and_fingerprints_ignore_position() {
        let text = "if x is 1000:\n    pass\nif x is 1000:\n    pass\n";
        let file = FileText { path: "a.py", text, utf8: true, bom: false };
        let hunks = FileHunks { hunks: vec![1..=4], added: vec![3..=3] };
        let findings = [finding(1, is_fix(1)), finding(3, is_fix(3))];
        let (planned, all) = plan_file(&file, &hunks, &findings, false);
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].lines, 3..=3);
        assert_eq!(planned[0].advice, Advice::Suggestion("if x == 1000:".to_owned()));
        // Same text twice: told apart by their order, not their line.
        assert_eq!(all.len(), 2);
        assert!(all[0].1.ends_with("-1") && all[1].1.ends_with("-2"));
        assert_eq!(all[0].1[..16], all[1].1[..16]);
        // Lines added above move the finding, not its fingerprint.
        let moved = format!("import os\n\n{text}");
        let file = FileText { text: &moved, ..file };
        let (_, again) = plan_file(&file, &FileHunks { hunks: vec![1..=6], added: vec![1..=2] }, &[finding(3, is_fix(3))], false);
        assert_eq!(again[0], all[0]);
    }

    #[test]
    fn the_body_carries_the_block_and_the_marker() {
        let text = "if x is 1000:\n";
        let file = FileText { path: "a.py", text, utf8: true, bom: false };
        let hunks = FileHunks { hunks: vec![1..=1], added: vec![1..=1] };
        let (planned, _) = plan_file(&file, &hunks, &[finding(1, is_fix(1))], false);
        let body = planned[0].body();
        assert!(body.starts_with("**pitfix · `is-literal`**: `is` with a literal\n\n```suggestion\nif x == 1000:\n```\n"), "{body}");
        let (rule, fingerprint, resolved) = read_marker(&body).unwrap_or_default();
        assert_eq!((rule.as_str(), fingerprint.as_str(), resolved), ("is-literal", planned[0].fingerprint.as_str(), false));
        let gone = resolved_body(&body, &rule, &fingerprint, "abcdef0123");
        assert!(gone.starts_with("~~**pitfix · `is-literal`**: `is` with a literal~~\n\nResolved: pitfix no longer finds this in abcdef0."), "{gone}");
        assert_eq!(read_marker(&gone).map(|m| m.2), Some(true));
    }

    #[test]
    fn fixes_that_cannot_be_suggestions() {
        let text = "if x is 1000:\n";
        let hunks = FileHunks { hunks: vec![1..=1], added: vec![1..=1] };
        let latin = FileText { path: "a.py", text, utf8: false, bom: false };
        let (planned, _) = plan_file(&latin, &hunks, &[finding(1, is_fix(1))], false);
        assert!(matches!(&planned[0].advice, Advice::Diff { diff, .. } if diff.contains("-if x is 1000:\n+if x == 1000:\n")));
        let bom = FileText { path: "a.py", text, utf8: true, bom: true };
        let (planned, _) = plan_file(&bom, &hunks, &[finding(1, is_fix(1))], false);
        assert!(matches!(&planned[0].advice, Advice::Diff { why, .. } if why.contains("byte order mark")));
        let mut unsafe_one = finding(1, is_fix(1));
        unsafe_one.fix = Some(Applicability::Unsafe);
        let file = FileText { path: "a.py", text, utf8: true, bom: false };
        let (planned, _) = plan_file(&file, &hunks, std::slice::from_ref(&unsafe_one), false);
        assert_eq!(planned[0].advice, Advice::Plain { unsafe_fix: true });
        let (planned, _) = plan_file(&file, &hunks, &[unsafe_one], true);
        assert!(planned[0].is_suggestion());
    }
}
