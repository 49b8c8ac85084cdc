//! A fix as GitHub's ```` ```suggestion ```` block: the fix's edits applied to the whole lines
//! they touch, so that "Commit suggestion" replaces exactly those lines. The text is sliced from
//! the file itself, so tabs, CRLF line ends inside the block and every other byte stay as the
//! file has them.
use std::ops::{Range, RangeInclusive};

use crate::engine::LocatedEdit;
pub(crate) use crate::engine::line_index::Lines;

/// Edits more than this many lines apart (an import added at the top for a fix further down) are
/// "several places": one suggestion would replace every line between them.
pub(crate) const MAX_GAP: usize = 3;

/// A file's lines are split where the engine splits them (`\n`, `\r\n`, or a lone `\r`), so that
/// the engine's (line, column) positions find their byte offsets.
impl<'a> Lines<'a> {
    /// The number of lines (a final line end starts no line of its own).
    #[cfg(test)]
    fn count(&self) -> usize {
        match self.starts.last() {
            Some(&last) if last == self.text.len() && self.starts.len() > 1 => self.starts.len() - 1,
            _ => self.starts.len(),
        }
    }

    /// Bytes of the 1-based `line`, its line end included.
    fn span(&self, line: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        Some(start..end)
    }

    /// The 1-based line's text without its line end.
    pub(crate) fn text_of(&self, line: usize) -> &'a str {
        self.span(line).map_or("", |span| self.text[span].trim_end_matches(['\r', '\n']))
    }

    /// The byte offset of a 1-based (line, column) position, the column counted in characters.
    pub(crate) fn offset(&self, (line, column): (usize, usize)) -> Option<usize> {
        let span = self.span(line)?;
        let text = &self.text[span.clone()];
        let skip = column.checked_sub(1)?;
        let inside = text.char_indices().nth(skip).map_or(text.len(), |(at, _)| at);
        Some(span.start + inside)
    }
}

/// The whole lines a fix touches, and their text once fixed (without the last line's end, which
/// GitHub keeps); `None` when the edits are several places far apart or cannot be placed.
pub(crate) fn whole_lines(lines: &Lines<'_>, edits: &[LocatedEdit]) -> Option<(RangeInclusive<usize>, String)> {
    let mut located: Vec<(Range<usize>, &str, RangeInclusive<usize>)> = Vec::new();
    for edit in edits {
        let range = lines.offset(edit.start)?..lines.offset(edit.end)?;
        if range.start > range.end {
            return None;
        }
        located.push((range, edit.content.as_str(), touched_lines(edit)));
    }
    located.sort_by_key(|(range, _, _)| (range.start, range.end));
    let first = located.first()?;
    let mut span = first.2.clone();
    for pair in located.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if before.0.end > after.0.start || *after.2.start() > before.2.end() + MAX_GAP {
            return None;
        }
        span = *span.start()..=*span.end().max(after.2.end());
    }
    let bytes = lines.span(*span.start())?.start..lines.span(*span.end())?.end;
    let mut fixed = String::new();
    let mut at = bytes.start;
    for (range, content, _) in &located {
        if range.start < bytes.start || range.end > bytes.end {
            return None;
        }
        fixed.push_str(&lines.text[at..range.start]);
        fixed.push_str(content);
        at = range.end;
    }
    fixed.push_str(&lines.text[at..bytes.end]);
    // The block replaces the lines' text; the last line's end stays the file's own.
    let original = &lines.text[bytes.clone()];
    let ending = line_end(original);
    if !ending.is_empty() && fixed.ends_with(ending) {
        fixed.truncate(fixed.len() - ending.len());
    }
    Some((span, fixed))
}

/// The lines an edit changes: an edit that ends at the start of a line (it removes or replaces
/// whole lines, their last line end included) leaves that line as it is.
fn touched_lines(edit: &LocatedEdit) -> RangeInclusive<usize> {
    let (start, end) = (edit.start.0, edit.end.0);
    let last = if end > start && edit.end.1 == 1 { end - 1 } else { end };
    start..=last
}

fn line_end(text: &str) -> &str {
    if text.ends_with("\r\n") {
        "\r\n"
    } else if text.ends_with('\n') {
        "\n"
    } else if text.ends_with('\r') {
        "\r"
    } else {
        ""
    }
}

/// The Markdown block: a fence longer than any run of backticks in the text, so that the text
/// cannot close it early.
pub(crate) fn block(text: &str, kind: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    if text.is_empty() {
        return format!("{fence}{kind}\n{fence}");
    }
    format!("{fence}{kind}\n{text}\n{fence}")
}

/// The whole text with every edit applied (for the diff of a fix that is no suggestion).
pub(crate) fn apply_all(lines: &Lines<'_>, edits: &[LocatedEdit]) -> Option<String> {
    let mut located = edits
        .iter()
        .map(|e| Some((lines.offset(e.start)?..lines.offset(e.end)?, e.content.as_str())))
        .collect::<Option<Vec<_>>>()?;
    located.sort_by_key(|(range, _)| (range.start, range.end));
    let mut fixed = String::new();
    let mut at = 0;
    for (range, content) in located {
        if range.start < at || range.start > range.end {
            return None;
        }
        fixed.push_str(&lines.text[at..range.start]);
        fixed.push_str(content);
        at = range.end;
    }
    fixed.push_str(&lines.text[at..]);
    Some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: (usize, usize), end: (usize, usize), content: &str) -> LocatedEdit {
        LocatedEdit { start, end, content: content.to_owned() }
    }

    #[test]
    fn one_edit_becomes_its_whole_line() {
        let text = "x = 1\nif x is 1000:\n    pass\n";
        let lines = Lines::new(text);
        let fixed = whole_lines(&lines, &[edit((2, 6), (2, 8), "==")]);
        assert_eq!(fixed, Some((2..=2, "if x == 1000:".to_owned())));
    }

    #[test]
    fn tabs_and_crlf_are_kept() {
        let text = "def f():\r\n\tif x is 1000:\r\n\t\treturn [\r\n\t\t]\r\n";
        let lines = Lines::new(text);
        assert_eq!(lines.count(), 4);
        assert_eq!(lines.text_of(2), "\tif x is 1000:");
        // Columns count characters: the tab is column 1.
        let fixed = whole_lines(&lines, &[edit((2, 7), (2, 9), "=="), edit((3, 10), (4, 4), "()")]);
        assert_eq!(fixed, Some((2..=4, "\tif x == 1000:\r\n\t\treturn ()".to_owned())));
        // The block keeps the CRLF between the lines, byte for byte.
        let text = fixed.map(|(_, text)| text).unwrap_or_default();
        assert_eq!(block(&text, "suggestion"), "```suggestion\n\tif x == 1000:\r\n\t\treturn ()\n```");
    }

    #[test]
    fn non_ascii_columns_count_characters() {
        let text = "s = 'é' if v is 'ü' else 0\n";
        let lines = Lines::new(text);
        let fixed = whole_lines(&lines, &[edit((1, 14), (1, 16), "==")]);
        assert_eq!(fixed, Some((1..=1, "s = 'é' if v == 'ü' else 0".to_owned())));
    }

    #[test]
    fn a_line_added_before_and_a_line_removed() {
        let text = "g = gen()\ng.send(1)\n";
        let lines = Lines::new(text);
        // An insertion at the start of line 2 touches line 2 only.
        let inserted = whole_lines(&lines, &[edit((2, 1), (2, 1), "next(g)\n")]);
        assert_eq!(inserted, Some((2..=2, "next(g)\ng.send(1)".to_owned())));
        // Removing line 1 with its line end: an empty suggestion deletes it.
        let removed = whole_lines(&lines, &[edit((1, 1), (2, 1), "")]);
        assert_eq!(removed, Some((1..=1, String::new())));
        assert_eq!(block("", "suggestion"), "```suggestion\n```");
    }

    #[test]
    fn the_last_line_without_a_line_end() {
        let lines = Lines::new("a\nif x is 1: pass");
        assert_eq!(lines.count(), 2);
        let fixed = whole_lines(&lines, &[edit((2, 6), (2, 8), "==")]);
        assert_eq!(fixed, Some((2..=2, "if x == 1: pass".to_owned())));
    }

    #[test]
    fn edits_far_apart_are_no_suggestion() {
        let text = "import os\n\n\n\n\ndef f(a=[]):\n    pass\n";
        let lines = Lines::new(text);
        let edits = [edit((1, 1), (1, 1), "import typing\n"), edit((6, 9), (6, 11), "None")];
        assert_eq!(whole_lines(&lines, &edits), None);
        let all = apply_all(&lines, &edits).unwrap_or_default();
        assert_eq!(all, "import typing\nimport os\n\n\n\n\ndef f(a=None):\n    pass\n");
        // Close together, they are one suggestion over the lines between.
        let near = [edit((4, 1), (4, 1), "# a\n"), edit((6, 9), (6, 11), "None")];
        assert_eq!(whole_lines(&lines, &near), Some((4..=6, "# a\n\n\ndef f(a=None):".to_owned())));
    }

    #[test]
    fn fences_outgrow_backticks_in_the_text() {
        assert_eq!(block("a = '```'", "suggestion"), "````suggestion\na = '```'\n````");
        assert_eq!(block("x", "diff"), "```diff\nx\n```");
    }

    #[test]
    fn lone_carriage_returns_end_lines_as_for_the_engine() {
        let lines = Lines::new("a\rb\r\nc");
        assert_eq!(lines.count(), 3);
        assert_eq!(lines.text_of(2), "b");
        assert_eq!(lines.offset((3, 1)), Some(5));
    }
}
