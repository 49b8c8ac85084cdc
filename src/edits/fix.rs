//! Edits and fixes: what a transform proposes, and how a set of fixes is applied to a source text.
use std::collections::BTreeMap;

use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::FxHashSet;

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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
/// text and the indices of the applied fixes. The text is built in one pass, and each edit is
/// checked against the edits taken so far in logarithmic time (a set of the taken edits, and the
/// union of their ranges), so the cost is `O(n log n)` in the number of edits plus the text's size.
pub(crate) fn apply_fixes<'f>(
    source: &str,
    fixes: impl IntoIterator<Item = (usize, &'f Fix)>,
) -> (String, Vec<usize>) {
    let mut ordered: Vec<(usize, &Fix)> = fixes.into_iter().filter(|(_, f)| !f.edits.is_empty()).collect();
    ordered.sort_by_key(|(i, f)| (f.edits[0].range.start(), f.edits[0].range.end(), *i));

    let mut taken: Vec<&Edit> = Vec::new();
    let mut identical: FxHashSet<&Edit> = FxHashSet::default();
    let mut covered = Covered::default();
    let mut applied = Vec::new();
    for (index, fix) in ordered {
        let new: Vec<&Edit> = fix.edits.iter().filter(|e| !identical.contains(e)).collect();
        if new.iter().any(|e| covered.touches(e.range)) {
            continue;
        }
        for edit in new {
            covered.add(edit.range);
            identical.insert(edit);
            taken.push(edit);
        }
        applied.push(index);
    }
    // Stable: edits at one position keep the order they were taken in.
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

/// The union of the taken edits' ranges, as closed intervals (an edit touching another at a point
/// counts), kept merged: disjoint and not touching, by start. A range touches some taken edit
/// exactly when it touches this union, and then the last interval starting at or before its end.
#[derive(Default)]
struct Covered(BTreeMap<TextSize, TextSize>);

impl Covered {
    fn touches(&self, range: TextRange) -> bool {
        self.0.range(..=range.end()).next_back().is_some_and(|(_, &end)| end >= range.start())
    }

    fn add(&mut self, range: TextRange) {
        let (mut start, mut end) = (range.start(), range.end());
        let touching: Vec<TextSize> = self
            .0
            .range(..=end)
            .rev()
            .take_while(|&(_, &e)| e >= start)
            .map(|(&s, _)| s)
            .collect();
        for s in touching {
            let e = self.0.remove(&s).expect("listed");
            start = start.min(s);
            end = end.max(e);
        }
        self.0.insert(start, end);
    }
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
    fn touching_at_a_point_waits_for_the_next_pass() {
        let f1 = Fix::safe(vec![Edit::replace(range(2, 4), "X")]);
        let f2 = Fix::safe(vec![Edit::insert(TextSize::new(4), "-")]);
        let f3 = Fix::safe(vec![Edit::replace(range(0, 2), "Y")]);
        let f4 = Fix::safe(vec![Edit::replace(range(5, 6), "Z")]);
        let (out, applied) = apply_fixes("abcdefgh", [(0, &f1), (1, &f2), (2, &f3), (3, &f4)]);
        // `Y` is taken first; `X` meets it at 2 and waits; the insertion at 4 no longer meets
        // anything taken, and `Z` starts one past it.
        assert_eq!(out, "Ycd-eZgh");
        assert_eq!(applied, vec![2, 1, 3]);
    }

    #[test]
    fn a_later_edit_of_a_fix_is_checked_against_every_taken_one() {
        // The first fix spans the text with edits at both ends; the second starts between them
        // but its second edit touches the first fix's last edit.
        let f1 = Fix::safe(vec![Edit::insert(TextSize::new(0), "<"), Edit::replace(range(7, 8), "H")]);
        let f2 = Fix::safe(vec![Edit::replace(range(3, 4), "D"), Edit::insert(TextSize::new(7), "!")]);
        let f3 = Fix::safe(vec![Edit::replace(range(4, 5), "E")]);
        let (out, applied) = apply_fixes("abcdefgh", [(0, &f1), (1, &f2), (2, &f3)]);
        assert_eq!(out, "<abcdEfgH");
        assert_eq!(applied, vec![0, 2]);
    }

    #[test]
    fn a_shared_edit_does_not_block_but_a_new_one_next_to_it_does() {
        let import = Edit::insert(TextSize::new(0), "import x\n");
        let f1 = Fix::safe(vec![import.clone(), Edit::replace(range(3, 4), "D")]);
        // Shares the import, but its own edit meets f1's at offset 4.
        let f2 = Fix::safe(vec![import.clone(), Edit::insert(TextSize::new(4), "+")]);
        // A different insertion at the import's offset touches it.
        let f3 = Fix::safe(vec![Edit::insert(TextSize::new(0), "import y\n")]);
        let (out, applied) = apply_fixes("abcdefgh", [(0, &f1), (1, &f2), (2, &f3)]);
        assert_eq!(out, "import x\nabcDefgh");
        assert_eq!(applied, vec![0]);
    }

    /// The quadratic definition the function implements: each fix's new edits against every
    /// edit taken before.
    fn reference(source: &str, fixes: &[Fix]) -> (String, Vec<usize>) {
        let touches = |a: TextRange, b: TextRange| a.start() <= b.end() && b.start() <= a.end();
        let mut ordered: Vec<(usize, &Fix)> = fixes.iter().enumerate().filter(|(_, f)| !f.edits.is_empty()).collect();
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
        let mut out = String::new();
        let mut cursor = 0;
        for edit in taken {
            out.push_str(&source[cursor..usize::from(edit.range.start())]);
            out.push_str(&edit.content);
            cursor = usize::from(edit.range.end());
        }
        out.push_str(&source[cursor..]);
        (out, applied)
    }

    #[test]
    fn same_result_as_checking_every_taken_edit() {
        let source = "abcdefghijklmnopqrstuvwxyz0123456789";
        let mut rng = fastrand::Rng::with_seed(13);
        for _ in 0..2000 {
            let fixes: Vec<Fix> = (0..rng.usize(1..12))
                .map(|_| {
                    let mut edits: Vec<Edit> = (0..rng.usize(0..4))
                        .map(|_| {
                            let start = rng.u32(0..36);
                            let end = (start + rng.u32(0..4)).min(36);
                            // Few contents, so that identical edits are common.
                            Edit::replace(range(start, end), ["", "x", "yy"][rng.usize(0..3)])
                        })
                        .collect();
                    // The edits of one fix may meet but not overlap, as a transform makes them.
                    edits.sort_by_key(|e| (e.range.start(), e.range.end()));
                    let mut end = TextSize::new(0);
                    edits.retain(|e| {
                        let keep = e.range.start() >= end;
                        end = end.max(e.range.end());
                        keep
                    });
                    Fix::safe(edits)
                })
                .collect();
            let got = apply_fixes(source, fixes.iter().enumerate());
            assert_eq!(got, reference(source, &fixes));
        }
    }

    #[test]
    fn unsafe_is_less_than_safe() {
        assert!(Applicability::Unsafe < Applicability::Safe);
    }
}
