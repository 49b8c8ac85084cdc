//! Line numbers: a file's line index, built on first use (most files have no finding and no
//! suppression comment, and never need line numbers), and the line starts that `pitfix review`
//! and the language server turn positions into byte offsets with.
use std::cell::OnceCell;

use ruff_source_file::LineIndex;

pub(crate) struct LazyLineIndex<'a> {
    text: &'a str,
    index: OnceCell<LineIndex>,
}

impl<'a> LazyLineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LazyLineIndex { text, index: OnceCell::new() }
    }

    pub(crate) fn get(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::from_source_text(self.text))
    }
}

/// A text and where each of its lines starts, for the modules that turn positions into byte
/// offsets (`pitfix review`'s suggestions, the language server's UTF-16 positions): each adds
/// its own methods.
pub(crate) struct Lines<'a> {
    pub(crate) text: &'a str,
    /// [`line_starts`] of the text.
    pub(crate) starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Lines { text, starts: line_starts(text) }
    }
}

/// The byte offset where each line of `text` starts, the first at 0: lines end at `\n`, `\r\n` or
/// a lone `\r`, as the parser's and the editor protocol's line numbers count them. A final line
/// end starts an empty last line.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 1;
                starts.push(i + 1);
            }
            b'\r' | b'\n' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}
