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
    let (old_lines, new_lines) = (lines(old), lines(new));
    let diff = TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .newline_terminated(true)
        .diff_slices(&old_lines, &new_lines);
    // Like git, end the `---`/`+++` names with a tab when they hold a space, so that `patch`
    // does not cut the name at the space; and quote a name with a line end, a control character,
    // a quote, a backslash or a non-ASCII byte, so that it cannot break or forge a header line.
    let tab = if name.contains(' ') { "\t" } else { "" };
    let (a, b) = (format!("a/{name}"), format!("b/{name}"));
    let (a, b) = (quote_path(&a), quote_path(&b));
    let mut text = format!("diff --git {a} {b}\n--- {a}{tab}\n+++ {b}{tab}\n").into_bytes();
    let mut unified = diff.unified_diff();
    unified.context_radius(3).missing_newline_hint(true);
    for hunk in unified.iter_hunks() {
        // Writing into a `Vec` cannot fail.
        let _ = hunk.to_writer(&mut text);
    }
    text
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

    #[test]
    fn missing_newline_at_end() {
        let out = render(b"a\nb", b"a\nB");
        assert!(out.ends_with("-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n"), "{out}");
    }
}
