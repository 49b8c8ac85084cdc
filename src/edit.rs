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

    /// The smallest range covering every edit; used to keep fixes of one pass apart.
    fn span(&self) -> Option<TextRange> {
        let first = self.edits.first()?;
        let end = self.edits.iter().map(|e| e.range.end()).max()?;
        Some(TextRange::new(first.range.start(), end))
    }
}

/// Applies the given fixes in order of position, skipping any whose span touches an earlier one
/// (the next pass of the engine picks those up). Returns the new text and the indices of the fixes
/// that were applied. Built in one pass over the source, so the cost is linear.
pub(crate) fn apply_fixes<'f>(
    source: &str,
    fixes: impl IntoIterator<Item = (usize, &'f Fix)>,
) -> (String, Vec<usize>) {
    let mut ordered: Vec<(usize, &Fix, TextRange)> = fixes
        .into_iter()
        .filter_map(|(i, f)| f.span().map(|s| (i, f, s)))
        .collect();
    ordered.sort_by_key(|(i, _, span)| (span.start(), span.end(), *i));

    let mut out = String::with_capacity(source.len() + 64);
    let mut applied = Vec::new();
    let mut cursor = TextSize::default();
    let mut last_end: Option<TextSize> = None;
    for (index, fix, span) in ordered {
        // Two fixes that touch, even at a single point, could interact (two insertions at one
        // offset have no defined order), so the later one waits for the next pass.
        if last_end.is_some_and(|end| span.start() <= end) {
            continue;
        }
        for edit in &fix.edits {
            out.push_str(&source[TextRange::new(cursor, edit.range.start())]);
            out.push_str(&edit.content);
            cursor = edit.range.end();
        }
        last_end = Some(span.end());
        applied.push(index);
    }
    out.push_str(&source[usize::from(cursor)..]);
    (out, applied)
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
    fn unsafe_is_less_than_safe() {
        assert!(Applicability::Unsafe < Applicability::Safe);
    }
}
