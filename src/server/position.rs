//! Positions as the protocol counts them: a line, and a column in UTF-16 code units (what
//! JavaScript strings use, so what every editor speaks by default). pitfix works with byte
//! offsets into UTF-8 text; a line break is `\n`, `\r\n` or a lone `\r`, as the protocol says.
use lsp_types::{Position, Range};
use ruff_text_size::{TextRange, TextSize};
pub(crate) use crate::engine::line_index::Lines;

impl Lines<'_> {
    /// The position of a byte offset (clamped to the text, and back to a character boundary).
    pub(crate) fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position { line: to_u32(line), character: to_u32(character) }
    }

    /// The byte offset of a position. As the protocol asks, a column past the end of its line
    /// means the line's end, and a line past the last means the end of the text; a column inside
    /// a character that takes two UTF-16 units means the character's end.
    pub(crate) fn offset_of(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else { return self.text.len() };
        let end = self.content_end(position.line as usize);
        let mut units = 0;
        for (at, c) in self.text[start..end].char_indices() {
            if units >= position.character as usize {
                return start + at;
            }
            units += c.len_utf16();
        }
        end
    }

    /// Where the line's content ends: before its line break.
    fn content_end(&self, line: usize) -> usize {
        let end = self.starts.get(line + 1).copied().unwrap_or(self.text.len());
        let content = &self.text[self.starts[line]..end];
        // Each line holds at most one break, at its end.
        let content = content.strip_suffix("\r\n").or_else(|| content.strip_suffix(['\n', '\r'])).unwrap_or(content);
        self.starts[line] + content.len()
    }

    pub(crate) fn range(&self, range: TextRange) -> Range {
        Range { start: self.position(range.start().to_usize()), end: self.position(range.end().to_usize()) }
    }

    /// The byte range of a protocol range (its ends in order).
    pub(crate) fn text_range(&self, range: Range) -> TextRange {
        let (a, b) = (self.offset_of(range.start), self.offset_of(range.end));
        TextRange::new(text_size(a.min(b)), text_size(a.max(b)))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn text_size(n: usize) -> TextSize {
    TextSize::try_from(n).unwrap_or(TextSize::new(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_count_utf16_units() {
        // `é` is two bytes and one unit; `𝒳` four bytes and two units (a surrogate pair).
        let text = "é = 1\n𝒳 is 2\n";
        let lines = Lines::new(text);
        assert_eq!(lines.position(text.find('=').unwrap()), pos(0, 2));
        assert_eq!(lines.position(text.find("is").unwrap()), pos(1, 3));
        assert_eq!(lines.offset_of(pos(1, 3)), text.find("is").unwrap());
        assert_eq!(lines.offset_of(pos(0, 2)), text.find('=').unwrap());
        // Inside the surrogate pair: the character's end.
        assert_eq!(lines.offset_of(pos(1, 1)), "é = 1\n".len() + 4);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a = 1\r\nb = 2\rc = 3\n";
        let lines = Lines::new(text);
        assert_eq!(lines.position(text.find('b').unwrap()), pos(1, 0));
        assert_eq!(lines.position(text.find('c').unwrap()), pos(2, 0));
        assert_eq!(lines.offset_of(pos(1, 0)), text.find('b').unwrap());
        assert_eq!(lines.offset_of(pos(2, 4)), text.find('3').unwrap());
        // A column past the end stops before the line break, never between `\r` and `\n`.
        assert_eq!(lines.offset_of(pos(0, 99)), text.find('\r').unwrap());
        assert_eq!(lines.position(text.len()), pos(3, 0));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "x = 1";
        let lines = Lines::new(text);
        assert_eq!(lines.offset_of(pos(7, 0)), text.len());
        assert_eq!(lines.position(1000), pos(0, 5));
        assert_eq!(Lines::new("").offset_of(pos(0, 3)), 0);
    }

    #[test]
    fn offsets_round_trip_on_character_boundaries() {
        let text = "s = \"naïve 🐍\"\r\nif s is \"ü\":\n    pass\n";
        let lines = Lines::new(text);
        for (at, _) in text.char_indices().filter(|&(at, _)| !text[..at].ends_with('\r')) {
            assert_eq!(lines.offset_of(lines.position(at)), at, "offset {at}");
        }
    }
}
