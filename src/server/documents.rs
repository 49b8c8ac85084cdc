//! The documents the editor has open: their text as the editor holds it (unsaved changes
//! included), kept up to date from the changes it sends.
use std::path::PathBuf;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use crate::server::position::Lines;
use crate::server::uri::to_path;

pub(crate) struct Document {
    pub(crate) uri: Uri,
    pub(crate) text: String,
    pub(crate) version: i32,
    /// The file's path, for `file:` URIs: its settings and module name come from it.
    pub(crate) path: Option<PathBuf>,
    /// Whether it is Python: a `.py` or `.pyi` file, or what the editor calls Python (a
    /// config file the editor also sends is never checked).
    pub(crate) python: bool,
}

impl Document {
    pub(crate) fn new(uri: Uri, text: String, version: i32, language: &str) -> Self {
        let path = to_path(&uri);
        let python = language == "python" || path.as_deref().is_some_and(crate::workspace::discover::is_python);
        Document { uri, text, version, path, python }
    }

    /// Applies the editor's changes in order: a change with a range replaces that range of the
    /// text as the previous changes left it, one without replaces the whole text.
    pub(crate) fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let range = Lines::new(&self.text).text_range(range);
                    self.text.replace_range(usize::from(range.start())..usize::from(range.end()), &change.text);
                }
                None => self.text = change.text,
            }
        }
        self.version = version;
    }

    /// The name messages give the document: its path, else its URI.
    pub(crate) fn name(&self) -> String {
        self.path.as_ref().map_or_else(|| self.uri.as_str().to_owned(), |p| p.display().to_string())
    }

    pub(crate) fn is_stub(&self) -> bool {
        crate::workspace::discover::is_stub(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use lsp_types::{Position, Range};

    use super::*;

    fn change(range: Option<((u32, u32), (u32, u32))>, text: &str) -> TextDocumentContentChangeEvent {
        let range = range.map(|(s, e)| Range::new(Position::new(s.0, s.1), Position::new(e.0, e.1)));
        TextDocumentContentChangeEvent { range, range_length: None, text: text.to_owned() }
    }

    #[test]
    fn changes_apply_in_order_in_utf16_columns() {
        let mut doc = Document::new("file:///a.py".parse().unwrap(), "s = \"é\"\r\nx is 1\r\n".to_owned(), 1, "python");
        doc.apply(vec![change(Some(((1, 2), (1, 4))), "=="), change(Some(((0, 5), (0, 6))), "e")], 2);
        assert_eq!(doc.text, "s = \"e\"\r\nx == 1\r\n");
        doc.apply(vec![change(None, "y = 2\n")], 3);
        assert_eq!((doc.text.as_str(), doc.version), ("y = 2\n", 3));
    }
}
