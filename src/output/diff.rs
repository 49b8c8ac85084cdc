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
    // Lines end at `\n` only, as git and patch read them: a lone `\r` stays inside its line.
    let old_lines: Vec<&[u8]> = old.split_inclusive(|&b| b == b'\n').collect();
    let new_lines: Vec<&[u8]> = new.split_inclusive(|&b| b == b'\n').collect();
    let diff = TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .newline_terminated(true)
        .diff_slices(&old_lines, &new_lines);
    // Like git, end the `---`/`+++` names with a tab when they hold a space, so that `patch`
    // does not cut the name at the space.
    let tab = if name.contains(' ') { "\t" } else { "" };
    let header = format!("diff --git a/{name} b/{name}\n--- a/{name}{tab}\n+++ b/{name}{tab}\n");
    paint(out, color, BOLD, header.as_bytes())?;
    let unified = diff.unified_diff();
    let mut unified = unified;
    unified.context_radius(3).missing_newline_hint(true);
    for hunk in unified.iter_hunks() {
        let mut text = Vec::new();
        hunk.to_writer(&mut text)?;
        if !color {
            out.write_all(&text)?;
            continue;
        }
        for line in text.split_inclusive(|&b| b == b'\n') {
            let style = match line.first() {
                Some(b'@') => CYAN,
                Some(b'-') => RED,
                Some(b'+') => GREEN,
                _ => "",
            };
            paint(out, !style.is_empty(), style, line)?;
        }
    }
    Ok(())
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
    fn missing_newline_at_end() {
        let out = render(b"a\nb", b"a\nB");
        assert!(out.ends_with("-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n"), "{out}");
    }
}
