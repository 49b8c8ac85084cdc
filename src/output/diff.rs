//! Unified diffs in the form `git apply` and `patch -p1` accept.
use std::io::{self, Write};

use similar::TextDiff;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Writes the diff between a file's old and new bytes, with git's headers and 3 lines of context.
/// Works on bytes so that files in other encodings, and CRLF line ends, come out as they are.
pub(crate) fn write_file_diff(out: &mut impl Write, name: &str, old: &[u8], new: &[u8], color: bool) -> io::Result<()> {
    paint_file_diff(out, &file_diff(name, old, new), color)
}

/// [`write_file_diff`]'s text, uncoloured: computed where the file is processed, so that a run
/// keeps each changed file's diff rather than its old and new bytes until it prints.
pub(crate) fn file_diff(name: &str, old: &[u8], new: &[u8]) -> Vec<u8> {
    // Like git, end the `---`/`+++` names with a tab when they hold a space, so that `patch`
    // does not cut the name at the space; and quote a name with a line end, a control character,
    // a quote, a backslash or a non-ASCII byte, so that it cannot break or forge a header line.
    let tab = if name.contains(' ') { "\t" } else { "" };
    let (a, b) = (format!("a/{name}"), format!("b/{name}"));
    let (a, b) = (quote_path(&a), quote_path(&b));
    let mut text = format!("diff --git {a} {b}\n--- {a}{tab}\n+++ {b}{tab}\n").into_bytes();
    let trim = trimmed(old, new);
    if !hunks(&mut text, trim) {
        hunks(&mut text, Trimmed { skipped: 0, old, new, at_start: false, at_end: false });
    }
    text
}

/// Appends the hunks of the diff of a [`Trimmed`] pair; false, appending nothing, when a change
/// comes nearer a trimmed edge than [`CONTEXT`] lines: `similar` slides a change along the lines
/// equal to it (to join it to another), and the lines left out might have let it slide further,
/// or be wanted as its context.
fn hunks(text: &mut Vec<u8>, trim: Trimmed) -> bool {
    let (old_lines, new_lines) = (lines(trim.old), lines(trim.new));
    let diff = TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .newline_terminated(true)
        .diff_slices(&old_lines, &new_lines);
    let near = |op: Option<&similar::DiffOp>| !matches!(op, Some(similar::DiffOp::Equal { len, .. }) if *len >= CONTEXT);
    if (trim.at_start && near(diff.ops().first())) || (trim.at_end && near(diff.ops().last())) {
        return false;
    }
    let mut unified = diff.unified_diff();
    unified.context_radius(CONTEXT).missing_newline_hint(true);
    let mut hunk_text = Vec::new();
    for hunk in unified.iter_hunks() {
        hunk_text.clear();
        // Writing into a `Vec` cannot fail.
        let _ = hunk.to_writer(&mut hunk_text);
        write_hunk(text, &hunk_text, trim.skipped);
    }
    true
}

/// Lines of context around each change, as git shows them.
const CONTEXT: usize = 3;

/// Two texts less lines both start or end with, which a diff need not read.
#[derive(Clone, Copy)]
struct Trimmed<'t> {
    /// The lines left out at the start.
    skipped: usize,
    old: &'t [u8],
    new: &'t [u8],
    /// Whether lines were left out at the start, at the end.
    at_start: bool,
    at_end: bool,
}

/// `old` and `new` without the lines the diff need not read: of the whole lines both start with,
/// all but the last [`CONTEXT`]; of those both end with (after what they start with), all but the
/// first [`CONTEXT`]. Those kept are the hunks' context, so that the hunks come out as from the
/// whole texts, their line numbers but `skipped` lower ([`hunks`] tells when not). A fix changes a
/// few lines of a large file: of the benchmark corpus's fixed files, 22% of the lines lie from the
/// first change to the last.
fn trimmed<'t>(old: &'t [u8], new: &'t [u8]) -> Trimmed<'t> {
    let head = common_prefix(old, new);
    let skipped = memchr::memchr_iter(b'\n', &old[..head]).count().saturating_sub(CONTEXT);
    let start = match skipped {
        0 => 0,
        n => memchr::memchr_iter(b'\n', old).nth(n - 1).map_or(0, |at| at + 1),
    };
    let (old, new, head) = (&old[start..], &new[start..], head - start);
    // The end both share after the start they share: its lines after its first line end are
    // whole lines of both.
    let tail = common_suffix(&old[head..], &new[head..]);
    let end = &old[old.len() - tail..];
    let whole = memchr::memchr(b'\n', end).map_or(&end[end.len()..], |at| &end[at + 1..]);
    let kept = memchr::memchr_iter(b'\n', whole).nth(CONTEXT - 1).map_or(whole.len(), |at| at + 1);
    let dropped = whole.len() - kept;
    Trimmed {
        skipped,
        old: &old[..old.len() - dropped],
        new: &new[..new.len() - dropped],
        at_start: skipped > 0,
        at_end: dropped > 0,
    }
}

/// How many bytes `a` and `b` start with alike; compared a block at a time (a call of `memcmp`)
/// before byte by byte.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let n = a.len().min(b.len());
    let mut same = 0;
    while same + BLOCK <= n && a[same..same + BLOCK] == b[same..same + BLOCK] {
        same += BLOCK;
    }
    same + a[same..n].iter().zip(&b[same..n]).take_while(|(x, y)| x == y).count()
}

/// How many bytes `a` and `b` end with alike.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let n = a.len().min(b.len());
    let mut same = 0;
    while same + BLOCK <= n && a[a.len() - same - BLOCK..a.len() - same] == b[b.len() - same - BLOCK..b.len() - same] {
        same += BLOCK;
    }
    same + a[..a.len() - same].iter().rev().zip(b[..b.len() - same].iter().rev()).take_while(|(x, y)| x == y).count()
}

/// Appends a hunk as `similar` wrote it, its header's two start lines raised by `skipped`
/// (`@@ -12,7 +12,8 @@`; a start is one number, before an optional `,length`).
fn write_hunk(text: &mut Vec<u8>, hunk: &[u8], skipped: usize) {
    if skipped == 0 {
        text.extend_from_slice(hunk);
        return;
    }
    let header_end = memchr::memchr(b'\n', hunk).map_or(hunk.len(), |at| at + 1);
    let (header, body) = hunk.split_at(header_end);
    let mut rest = header;
    for sign in [b'-', b'+'] {
        let Some(at) = memchr::memchr(sign, rest) else { break };
        let digits = rest[at + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        let start: usize = std::str::from_utf8(&rest[at + 1..at + 1 + digits]).ok().and_then(|d| d.parse().ok()).unwrap_or(0);
        text.extend_from_slice(&rest[..=at]);
        text.extend_from_slice((start + skipped).to_string().as_bytes());
        rest = &rest[at + 1 + digits..];
    }
    text.extend_from_slice(rest);
    text.extend_from_slice(body);
}

/// The lines of `text`, each with its `\n`; they end at `\n` only, as git and patch read them
/// (a lone `\r` stays inside its line). As `split_inclusive` splits, with `memchr`'s search
/// rather than a test of each byte (a third of the diff's work, which reads whole files).
fn lines(text: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::with_capacity(text.len() / 32 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text) {
        lines.push(&text[start..=end]);
        start = end + 1;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// Writes a file's diff from [`file_diff`], coloured as git colours it when `color`: the three
/// header lines bold, hunk headers cyan, removed lines red, added lines green.
pub(crate) fn paint_file_diff(out: &mut impl Write, diff: &[u8], color: bool) -> io::Result<()> {
    if !color {
        return out.write_all(diff);
    }
    // The three header lines, as one bold block.
    let header = diff.split_inclusive(|&b| b == b'\n').take(3).map(<[u8]>::len).sum();
    let (header, hunks) = diff.split_at(header);
    paint(out, true, BOLD, header)?;
    for line in hunks.split_inclusive(|&b| b == b'\n') {
        let style = match line.first() {
            Some(b'@') => CYAN,
            Some(b'-') => RED,
            Some(b'+') => GREEN,
            _ => "",
        };
        paint(out, !style.is_empty(), style, line)?;
    }
    Ok(())
}

/// A path as git writes it in a diff with `core.quotePath` on (its default): as it is when it
/// holds only printable ASCII other than `"` and `\`, else in double quotes with C escapes
/// (`\n`, `\t`, `\"`, `\\`, ...) and every other byte, non-ASCII ones included, as three octal
/// digits. `git apply` and GNU `patch` read this form back.
pub(crate) fn quote_path(path: &str) -> std::borrow::Cow<'_, str> {
    let must_quote = |b: u8| b < 0x20 || b == b'"' || b == b'\\' || b >= 0x7f;
    if !path.bytes().any(must_quote) {
        return path.into();
    }
    let mut out = String::with_capacity(path.len() + 2);
    out.push('"');
    for byte in path.bytes() {
        match byte {
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            0x0b => out.push_str("\\v"),
            0x0c => out.push_str("\\f"),
            b'\r' => out.push_str("\\r"),
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b if must_quote(b) => out.push_str(&format!("\\{b:03o}")),
            b => out.push(char::from(b)),
        }
    }
    out.push('"');
    out.into()
}

/// Writes `text`, wrapped in the style when colour is on (the reset goes before the line end).
fn paint(out: &mut impl Write, color: bool, style: &str, text: &[u8]) -> io::Result<()> {
    if !color {
        return out.write_all(text);
    }
    let body = text.strip_suffix(b"\n").unwrap_or(text);
    out.write_all(style.as_bytes())?;
    out.write_all(body)?;
    out.write_all(RESET.as_bytes())?;
    out.write_all(&text[body.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_as_split_inclusive_does() {
        for text in [&b""[..], b"\n", b"a", b"a\n", b"a\r\nb\rc\n\nd", b"\n\nx\n"] {
            let expected: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
            assert_eq!(lines(text), expected, "{:?}", String::from_utf8_lossy(text));
        }
    }

    fn render(old: &[u8], new: &[u8]) -> String {
        let mut out = Vec::new();
        write_file_diff(&mut out, "a.py", old, new, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn headers_and_hunks() {
        let out = render(b"a\nb\nc\n", b"a\nB\nc\n");
        assert_eq!(out, "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    }

    #[test]
    fn lone_carriage_returns_stay_inside_lines() {
        let out = render(b"a\rb\nc\n", b"a\rB\nc\n");
        assert_eq!(out, "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,2 +1,2 @@\n-a\rb\n+a\rB\n c\n");
    }

    #[test]
    fn names_are_quoted_as_git_quotes_them() {
        assert_eq!(quote_path("a/plain name.py"), "a/plain name.py");
        assert_eq!(quote_path("a/x\ny\t\"\\.py"), "\"a/x\\ny\\t\\\"\\\\.py\"");
        assert_eq!(quote_path("a/é\x1b.py"), "\"a/\\303\\251\\033.py\"");
        let mut out = Vec::new();
        write_file_diff(&mut out, "x\n+++ b/evil.py", b"a\n", b"b\n", false).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("diff --git \"a/x\\n+++ b/evil.py\" \"b/x\\n+++ b/evil.py\"\n--- \"a/x\\n+++ b/evil.py\"\t\n"), "{out}");
    }

    /// The diff of the whole texts, untrimmed: what [`file_diff`] must print.
    fn whole_diff(old: &[u8], new: &[u8]) -> Vec<u8> {
        let (old_lines, new_lines) = (lines(old), lines(new));
        let diff = TextDiff::configure().algorithm(similar::Algorithm::Myers).newline_terminated(true).diff_slices(&old_lines, &new_lines);
        let mut text = b"diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n".to_vec();
        let mut unified = diff.unified_diff();
        unified.context_radius(CONTEXT).missing_newline_hint(true);
        for hunk in unified.iter_hunks() {
            hunk.to_writer(&mut text).unwrap();
        }
        text
    }

    #[test]
    fn trimming_the_shared_start_and_end_changes_no_hunk() {
        // Texts of few distinct lines, so that edits repeat their neighbours (an insertion of a
        // line equal to those around it can be placed in several ways), edited in one to three
        // places: near the start, the end, each other, or far apart.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |bound: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % bound as u64) as usize
        };
        let words: [&[u8]; 5] = [b"a", b"b", b"x = 1", b"", b"    pass"];
        for case in 0..3000 {
            let count = next(40);
            let mut old: Vec<Vec<u8>> = (0..count).map(|_| words[next(words.len())].to_vec()).collect();
            if case % 7 == 0 && !old.is_empty() {
                old[0].push(b'\r');
            }
            let mut new = old.clone();
            for _ in 0..=next(3) {
                let at = next(new.len() + 1);
                match next(3) {
                    0 => new.insert(at, words[next(words.len())].to_vec()),
                    1 if at < new.len() => drop(new.remove(at)),
                    _ if at < new.len() => new[at].extend_from_slice(b" # changed"),
                    _ => new.push(b"tail".to_vec()),
                }
            }
            let join = |lines: &[Vec<u8>], last_break: bool| {
                let mut text = lines.join(&b'\n');
                if last_break && !lines.is_empty() {
                    text.push(b'\n');
                }
                text
            };
            let (old, new) = (join(&old, case % 5 != 0), join(&new, case % 5 != 1));
            assert_eq!(
                String::from_utf8_lossy(&file_diff("a.py", &old, &new)),
                String::from_utf8_lossy(&whole_diff(&old, &new)),
                "case {case}: {:?} -> {:?}",
                String::from_utf8_lossy(&old),
                String::from_utf8_lossy(&new),
            );
        }
    }

    #[test]
    fn missing_newline_at_end() {
        let out = render(b"a\nb", b"a\nB");
        assert!(out.ends_with("-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n"), "{out}");
    }
}
