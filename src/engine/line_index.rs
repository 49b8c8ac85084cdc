//! A file's line index, built on first use: most files have no finding and no suppression
//! comment, and never need line numbers.
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
