//! What a run does with its findings: which comments are new, which old ones are resolved, the
//! review's body, and the three ways out — posted, printed (dry run), or printed as annotations
//! when GitHub refuses the review.
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::api::{NewComment, ReviewComment};
use super::comments::{Advice, Planned, read_marker};
use super::scan::Scan;
use crate::output::docs::{first_sentences, why_of};
use crate::output::github::{data, property};

/// About how long each transform's "why" line is in the review's body.
const WHY_LENGTH: usize = 100;

/// The comments to post and the old ones to mark resolved.
#[derive(Debug, Default)]
pub(crate) struct Decision<'a> {
    pub(crate) new: Vec<&'a Planned>,
    /// Findings of this run already commented on by an earlier one.
    pub(crate) repeated: usize,
    /// Earlier comments whose finding is gone: (comment, rule, fingerprint).
    pub(crate) resolve: Vec<(&'a ReviewComment, String, String)>,
}

/// Compares the findings with pitfix's comments already on the pull request. A comment is
/// resolved when its file was looked at and no longer has its finding anywhere, or when the
/// pull request no longer changes its file; a file left out by the paths keeps its comments.
pub(crate) fn decide<'a>(
    scan: &'a Scan,
    existing: &'a [ReviewComment],
    changed: &BTreeSet<&str>,
) -> Decision<'a> {
    let mut posted = BTreeSet::new();
    let mut decision = Decision::default();
    for comment in existing {
        let Some((rule, fingerprint, resolved)) = read_marker(&comment.body) else { continue };
        if resolved {
            continue;
        }
        let gone = !scan.present.contains(&(rule.clone(), fingerprint.clone()));
        let looked_at = scan.scanned.contains(&comment.path) || !changed.contains(comment.path.as_str());
        if gone && looked_at {
            decision.resolve.push((comment, rule.clone(), fingerprint.clone()));
        }
        posted.insert((rule, fingerprint));
    }
    for plan in &scan.planned {
        if posted.contains(&(plan.rule.to_owned(), plan.fingerprint.clone())) {
            decision.repeated += 1;
        } else {
            decision.new.push(plan);
        }
    }
    decision
}

/// The inline comments of the review.
pub(crate) fn new_comments(planned: &[&Planned]) -> Vec<NewComment> {
    planned
        .iter()
        .map(|p| NewComment { path: p.path.clone(), start_line: *p.lines.start(), line: *p.lines.end(), body: p.body() })
        .collect()
}

/// The review's body: what pitfix is, each transform with why it matters, how to apply and
/// silence, and the head it looked at.
pub(crate) fn review_body(decision: &Decision<'_>, head: &str) -> String {
    let count = decision.new.len();
    let suggestions = decision.new.iter().filter(|p| p.is_suggestion()).count();
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for plan in &decision.new {
        *per_rule.entry(plan.rule).or_default() += 1;
    }
    let mut body = format!(
        "### pitfix: {count} Python trap{} in the lines this pull request changes\n\n\
         pitfix finds Python code that passes review and fails in production, and rewrites it into its fix. \
         It looked only at the lines this pull request adds or changes.\n\n",
        plural(count)
    );
    for (id, n) in &per_rule {
        let why = why_of(id);
        let _ = writeln!(body, "- **`{id}`** ({n}): {} `pitfix explain {id}` tells more.", first_sentences(&why, WHY_LENGTH));
    }
    body.push('\n');
    if suggestions > 0 {
        let _ = write!(
            body,
            "{suggestions} comment{} carr{} a suggestion: \"Commit suggestion\" applies it in one click. ",
            plural(suggestions),
            if suggestions == 1 { "ies" } else { "y" }
        );
    }
    body += "To keep a line as it is, add `# pitfix: ignore[<id>]` to it; to turn a transform off, list it under \
             `ignore` in `[tool.pitfix]` of `pyproject.toml`.";
    if decision.repeated > 0 {
        let _ = write!(body, " {} finding{} already commented on {} not repeated.", decision.repeated, plural(decision.repeated), if decision.repeated == 1 { "is" } else { "are" });
    }
    let short = &head[..head.len().min(7)];
    let _ = write!(body, "\n\n<sub>Looked at {short}.</sub>\n");
    body
}

/// The review as a dry run shows it.
pub(crate) fn preview(decision: &Decision<'_>, number: u64, head: &str) -> String {
    let mut out = String::new();
    let suggestions = decision.new.iter().filter(|p| p.is_suggestion()).count();
    if decision.new.is_empty() {
        let _ = writeln!(out, "Dry run: pull request #{number}: no new finding; would post no review.");
    } else {
        let _ = writeln!(
            out,
            "Dry run: pull request #{number}: would post one review with {} comment{} ({suggestions} suggestion{}).",
            decision.new.len(),
            plural(decision.new.len()),
            plural(suggestions)
        );
    }
    for (comment, rule, _) in &decision.resolve {
        let _ = writeln!(out, "Dry run: would mark comment {} ({rule} on {}) resolved.", comment.id, comment.path);
    }
    if decision.new.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n===== review body =====\n{}", review_body(decision, head));
    for plan in &decision.new {
        let (start, end) = (plan.lines.start(), plan.lines.end());
        let place = if start == end { format!("{}:{start}", plan.path) } else { format!("{}:{start}-{end}", plan.path) };
        let _ = writeln!(out, "===== comment on {place} =====\n{}\n", plan.body());
    }
    out
}

/// The findings as workflow commands, which the runner shows on their lines.
pub(crate) fn annotations(planned: &[Planned]) -> String {
    let mut out = String::new();
    for plan in planned {
        let mut message = plan.message.clone();
        match &plan.advice {
            Advice::Suggestion(text) => {
                let _ = write!(message, "\nSuggested fix (`pitfix apply`):\n{text}");
            }
            Advice::Diff { .. } => message += "\nA fix is available: `pitfix apply`.",
            Advice::Plain { unsafe_fix: true } => message += "\nAn unsafe fix is available: `pitfix apply --unsafe-fixes`.",
            Advice::Plain { unsafe_fix: false } => {}
        }
        let _ = writeln!(
            out,
            "::warning file={},line={},endLine={},title={}::{}",
            property(&plan.path),
            plan.lines.start(),
            plan.lines.end(),
            property(&format!("pitfix {}", plan.rule)),
            data(&message)
        );
    }
    out
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
