//! The words of a fix: the commit message, and the pull request's title and Markdown body.
use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::fixes::Change;
use crate::output::docs::{first_sentences, why_of};

/// GitHub refuses a pull request body longer than this many characters.
pub(crate) const BODY_LIMIT: usize = 65_536;
/// About how long each transform's "why" line is (whole sentences of its README).
const WHY_LENGTH: usize = 100;
/// Room kept under the limit, for a count that differs from GitHub's by a little.
const BODY_MARGIN: usize = 512;

pub(crate) fn title(change: &Change) -> String {
    let total = change.total();
    format!("Fix {total} Python pitfall{} found by pitfix", plural(total))
}

/// The trailer that marks pitfix's commits: `pr` rewrites a branch only when every commit of it
/// beyond the base carries one.
pub(crate) const TRAILER: &str = "Pitfix-Run";

/// The start of the hidden marker that ends the body of a pull request pitfix opened: `pr`
/// updates or closes only a pull request that carries one.
pub(crate) const MARKER: &str = "<!-- pitfix ";

/// One line per transform, under the title, so `git log` shows what the commit did; then the
/// run's trailer.
pub(crate) fn commit_message(title: &str, change: &Change, run: &str) -> String {
    let mut message = format!("{title}\n\n");
    for (id, count) in &change.counts {
        let _ = writeln!(message, "{id}: {}", count.fixes);
    }
    let _ = writeln!(message, "\n{TRAILER}: {run}");
    message
}

/// The hidden marker: the run, and the commit it pushed to the branch (the lease of the next
/// run).
pub(crate) fn marker(run: &str, head: &str) -> String {
    format!("{MARKER}run={run} head={head} -->\n")
}

/// The marker of a pull request per transform: also its transform, the fingerprint of its fix
/// set and the ids of its sites (what a person declines by closing it).
pub(crate) fn set_marker(run: &str, head: &str, transform: &str, fingerprint: &str, sites: &[String]) -> String {
    format!("{MARKER}run={run} head={head} transform={transform} fingerprint={fingerprint} sites={} -->\n", sites.join(","))
}

/// The `key=value` fields of a body's marker; `None` without a marker.
pub(crate) fn marker_fields(body: &str) -> Option<BTreeMap<String, String>> {
    let start = body.rfind(MARKER)?;
    let rest = &body[start + MARKER.len()..];
    let inside = &rest[..rest.find("-->")?];
    Some(inside.split_whitespace().filter_map(|f| f.split_once('=')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect())
}

/// Whether a pull request body carries pitfix's marker, and the commit it records.
pub(crate) fn read_marker(body: &str) -> Option<Option<String>> {
    let start = body.rfind(MARKER)?;
    let rest = &body[start + MARKER.len()..];
    let inside = &rest[..rest.find("-->")?];
    let head = inside.split_whitespace().find_map(|field| field.strip_prefix("head="));
    Some(head.filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit())).map(str::to_owned))
}

/// The body: the table of transforms, why each matters, the files and the diff, cut to fit
/// GitHub's limit.
pub(crate) fn body(change: &Change) -> String {
    body_with(change, "", 0)
}

/// The body with `extra` before the closing words, keeping `reserve` characters free (for the
/// marker that follows it).
pub(crate) fn body_with(change: &Change, extra: &str, reserve: usize) -> String {
    let head = summary(change);
    let tail = format!("{extra}{}", footer(change));
    let fence = fence(&change.diff);
    let lines = change.diff.lines().count();
    let framing = format!("<details>\n<summary>Full diff ({lines} line{})</summary>\n\n{fence}diff\n", plural(lines));
    let closing = format!("{fence}\n\n</details>\n\n");
    let fixed = head.chars().count() + framing.chars().count() + closing.chars().count() + tail.chars().count();
    let budget = BODY_LIMIT.saturating_sub(fixed + BODY_MARGIN + reserve);
    let diff = fit_diff(&change.diff, budget);
    format!("{head}{framing}{diff}{closing}{tail}")
}

fn summary(change: &Change) -> String {
    let total = change.total();
    let files = change.files.len();
    let mut text = format!(
        "pitfix found {total} Python pitfall{} on `{}` ({}) and fixed {} in {files} file{}.\n\n",
        plural(total),
        change.base,
        short(&change.base_sha),
        if total == 1 { "it" } else { "them" },
        plural(files)
    );
    text += "| transform | fixes | fix safety |\n| --- | ---: | --- |\n";
    for (id, count) in &change.counts {
        let _ = writeln!(text, "| `{id}` | {} | {} |", count.fixes, safety(count.fixes, count.unsafe_fixes));
    }
    text += "\n### Why these matter\n\n";
    for id in change.counts.keys() {
        let _ = writeln!(text, "- **`{id}`**: {}", first_sentences(&why_of(id), WHY_LENGTH));
    }
    text += "\n### Files\n\n";
    for (path, fixes) in &change.files {
        let _ = writeln!(text, "- {} ({fixes})", code(path));
    }
    text += "\n";
    text
}

fn safety(fixes: usize, unsafe_fixes: usize) -> String {
    match unsafe_fixes {
        0 => "safe".to_owned(),
        n if n == fixes => "**unsafe**: review closely".to_owned(),
        n => format!("{} safe, **{n} unsafe**: review closely", fixes - n),
    }
}

fn footer(change: &Change) -> String {
    let mut text = String::from("---\n\n");
    if change.unfixed > 0 {
        let _ = writeln!(
            text,
            "{} more problem{} ha{} no fix that this run could apply; `pitfix check` lists them.\n",
            change.unfixed,
            plural(change.unfixed),
            if change.unfixed == 1 { "s" } else { "ve" }
        );
    }
    if change.file_errors > 0 {
        let _ = writeln!(
            text,
            "{} file{} could not be read or parsed and {} left alone; `pitfix check` names them.\n",
            change.file_errors,
            plural(change.file_errors),
            if change.file_errors == 1 { "was" } else { "were" }
        );
    }
    let _ = writeln!(
        text,
        "This pull request was made by `pitfix pr` {}. Its branch holds one commit on top of `{}` and \
         is rebuilt on every run; `pitfix explain <transform>` tells more about each fix.",
        env!("CARGO_PKG_VERSION"),
        change.base
    );
    text
}

/// The diff, whole when it fits in `budget` characters, else its first lines and a note.
fn fit_diff(diff: &str, budget: usize) -> String {
    let total = diff.chars().count();
    if total <= budget {
        return ensure_newline(diff);
    }
    let all_lines = diff.lines().count();
    let note_room = 300;
    let mut kept = String::new();
    let mut used = 0;
    let mut shown = 0;
    for line in diff.lines() {
        let cost = line.chars().count() + 1;
        if used + cost + note_room > budget {
            break;
        }
        kept.push_str(line);
        kept.push('\n');
        used += cost;
        shown += 1;
    }
    let _ = writeln!(
        kept,
        "... diff cut here: {shown} of {all_lines} lines shown, to stay within GitHub's {BODY_LIMIT}-character limit for a pull request body; the Files changed tab shows all of it"
    );
    kept
}

fn ensure_newline(text: &str) -> String {
    if text.is_empty() || text.ends_with('\n') { text.to_owned() } else { format!("{text}\n") }
}

/// A code fence longer than any run of backticks in the text, so the diff cannot close it.
fn fence(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
}

/// An inline code span that holds any file name, backticks included.
fn code(text: &str) -> String {
    if text.contains('`') { format!("`` {text} ``") } else { format!("`{text}`") }
}

fn short(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::cli::pr::fixes::RuleCount;

    fn change(diff: String) -> Change {
        let mut counts = BTreeMap::new();
        counts.insert("is-literal", RuleCount { fixes: 2, unsafe_fixes: 0 });
        counts.insert("mutable-default", RuleCount { fixes: 3, unsafe_fixes: 1 });
        Change {
            base: "main".to_owned(),
            base_sha: "0123456789abcdef".to_owned(),
            counts,
            files: vec![("a.py".to_owned(), 2), ("pkg/b.py".to_owned(), 3)],
            diff,
            unfixed: 0,
            file_errors: 0,
        }
    }

    #[test]
    fn body_has_table_why_files_and_diff() {
        let body = body(&change("diff --git a/a.py b/a.py\n-x is 1\n+x == 1\n".to_owned()));
        assert!(body.contains("pitfix found 5 Python pitfalls on `main` (0123456) and fixed them in 2 files."), "{body}");
        assert!(body.contains("| `is-literal` | 2 | safe |\n"), "{body}");
        assert!(body.contains("| `mutable-default` | 3 | 2 safe, **1 unsafe**: review closely |\n"), "{body}");
        assert!(body.contains("- **`is-literal`**: `is` asks whether"), "{body}");
        assert!(body.contains("- `pkg/b.py` (3)\n"), "{body}");
        assert!(body.contains("<details>\n<summary>Full diff (3 lines)</summary>\n\n```diff\ndiff --git a/a.py b/a.py\n-x is 1\n+x == 1\n```\n\n</details>"), "{body}");
        assert_eq!(title(&change(String::new())), "Fix 5 Python pitfalls found by pitfix");
    }

    #[test]
    fn long_diff_is_cut_under_the_limit() {
        let diff: String = (0..5000).map(|i| format!("+line {i} {}\n", "x".repeat(40))).collect();
        let body = body(&change(diff));
        assert!(body.chars().count() <= BODY_LIMIT, "{}", body.chars().count());
        assert!(body.contains("... diff cut here: "), "cut note");
        assert!(body.ends_with("rebuilt on every run; `pitfix explain <transform>` tells more about each fix.\n"));
    }

    #[test]
    fn markers_round_trip() {
        let text = format!("body\n{}", marker("r1", "abc123"));
        assert_eq!(read_marker(&text), Some(Some("abc123".to_owned())));
        assert_eq!(read_marker("<!-- pitfix run=x -->"), Some(None));
        assert_eq!(read_marker("a person's pull request"), None);
        let text = format!("body\n{}", set_marker("r1", "abc", "is-literal", "f00", &["a1".to_owned(), "b2".to_owned()]));
        let fields = marker_fields(&text).unwrap();
        assert_eq!((fields["transform"].as_str(), fields["fingerprint"].as_str(), fields["sites"].as_str()), ("is-literal", "f00", "a1,b2"));
        assert_eq!(read_marker(&text), Some(Some("abc".to_owned())));
        assert!(commit_message(&title(&change(String::new())), &change(String::new()), "r1").ends_with("mutable-default: 3\n\nPitfix-Run: r1\n"));
    }

    #[test]
    fn fences_outgrow_backticks() {
        assert_eq!(fence("a ```` b"), "`````");
        assert_eq!(fence("plain"), "```");
    }
}
