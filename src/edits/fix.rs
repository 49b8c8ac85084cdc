//! Edits and fixes: what a transform proposes, and how a set of fixes is applied to a source text.
use ruff_text_size::{Ranged, TextRange, TextSize};

/// How confident a fix is that it keeps the program's intended behaviour.
/// Ordered so that `Unsafe < Safe`: a fix is applied when it is at least the allowed level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Applicability {
    Unsafe,
    Safe,
}

impl Applicability {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace `range` of the source with `content` (an insertion has an empty range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    range: TextRange,
    content: String,
}

impl Edit {
    pub(crate) fn replace(range: TextRange, content: impl Into<String>) -> Self {
        Edit { range, content: content.into() }
    }

    pub(crate) fn insert(at: TextSize, content: impl Into<String>) -> Self {
        Edit::replace(TextRange::empty(at), content)
    }

    pub(crate) fn delete(range: TextRange) -> Self {
        Edit::replace(range, String::new())
    }

    pub(crate) fn content(&self) -> &str {
        &self.content
    }
}

impl Ranged for Edit {
    fn range(&self) -> TextRange {
        self.range
    }
}

/// A set of edits that must be applied together, and how safe that is.
#[derive(Debug, Clone)]
pub(crate) struct Fix {
    edits: Vec<Edit>,
    applicability: Applicability,
}

impl Fix {
    pub(crate) fn new(mut edits: Vec<Edit>, applicability: Applicability) -> Self {
        edits.sort_by_key(|e| (e.range.start(), e.range.end()));
        // Parts of one fix may ask for the same edit (two parameters needing one import).
        edits.dedup();
        Fix { edits, applicability }
    }

    pub(crate) fn safe(edits: Vec<Edit>) -> Self {
        Fix::new(edits, Applicability::Safe)
    }

    pub(crate) fn unsafe_(edits: Vec<Edit>) -> Self {
        Fix::new(edits, Applicability::Unsafe)
    }

    pub(crate) fn applicability(&self) -> Applicability {
        self.applicability
    }

    pub(crate) fn edits(&self) -> &[Edit] {
        &self.edits
    }
}

/// Applies the given fixes in order of position. A fix whose edits overlap or touch an edit
/// already taken waits for the engine's next pass (two insertions at one offset have no defined
/// order), except that an edit identical to one already taken is shared: fixes that add the same
/// import, or several findings that carry the same fix, all count as applied. Returns the new
/// text and the indices of the applied fixes. The text is built in one pass, so the cost is
/// linear in its size.
pub(crate) fn apply_fixes<'f>(
    source: &str,
    fixes: impl IntoIterator<Item = (usize, &'f Fix)>,
) -> (String, Vec<usize>) {
    let mut ordered: Vec<(usize, &Fix)> = fixes.into_iter().filter(|(_, f)| !f.edits.is_empty()).collect();
    ordered.sort_by_key(|(i, f)| (f.edits[0].range.start(), f.edits[0].range.end(), *i));

    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    for (index, fix) in ordered {
        let new: Vec<&Edit> = fix.edits.iter().filter(|e| !taken.contains(e)).collect();
        if new.iter().any(|e| taken.iter().any(|t| touches(e.range, t.range))) {
            continue;
        }
        taken.extend(new);
        applied.push(index);
    }
    taken.sort_by_key(|e| (e.range.start(), e.range.end()));

    let mut out = String::with_capacity(source.len() + 64);
    let mut cursor = TextSize::default();
    for edit in taken {
        out.push_str(&source[TextRange::new(cursor, edit.range.start())]);
        out.push_str(&edit.content);
        cursor = edit.range.end();
    }
    out.push_str(&source[usize::from(cursor)..]);
    (out, applied)
}

/// Whether two edits overlap or meet at a point.
fn touches(a: TextRange, b: TextRange) -> bool {
    a.start() <= b.end() && b.start() <= a.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(a: u32, b: u32) -> TextRange {
        TextRange::new(TextSize::new(a), TextSize::new(b))
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let src = "abcdefgh";
        let f1 = Fix::safe(vec![Edit::replace(range(6, 7), "G")]);
        let f2 = Fix::safe(vec![Edit::replace(range(0, 1), "A"), Edit::insert(TextSize::new(3), "-")]);
        let f3 = Fix::safe(vec![Edit::delete(range(2, 4))]);
        let (out, applied) = apply_fixes(src, [(0, &f1), (1, &f2), (2, &f3)]);
        assert_eq!(out, "Abc-defGh");
        assert_eq!(applied, vec![1, 0]);
    }

    #[test]
    fn identical_edits_are_shared() {
        let import = Edit::insert(TextSize::new(0), "import x\n");
        let f1 = Fix::safe(vec![import.clone(), Edit::replace(range(2, 3), "C")]);
        let f2 = Fix::safe(vec![import.clone(), Edit::replace(range(5, 6), "F")]);
        let f3 = Fix::safe(vec![import]);
        let (out, applied) = apply_fixes("abcdefgh", [(0, &f1), (1, &f2), (2, &f3)]);
        assert_eq!(out, "import x\nabCdeFgh");
        assert_eq!(applied, vec![0, 1, 2]);
    }

    #[test]
    fn unsafe_is_less_than_safe() {
        assert!(Applicability::Unsafe < Applicability::Safe);
    }
}
