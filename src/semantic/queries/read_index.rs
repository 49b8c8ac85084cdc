//! The reads of one variable, indexed for an analysis that asks about them once per closure and
//! leaves out a stretch of them each time: it jumps over the stretch instead of stepping through
//! it, so many closures assigned to one name cost `O(n log n)`, not `O(n²)`. Built once per
//! variable and file, on the first question.
use std::sync::Arc;

use ruff_text_size::TextRange;

use crate::semantic::queries::reads::Read;
use crate::semantic::{ScopeId, SemanticModel};

/// The reads of a variable, as [`SemanticModel::reads_of`] lists them (nothing excluded), with a
/// tree of the least and greatest start over each run of them.
#[derive(Debug)]
pub(crate) struct ReadIndex {
    pub(crate) reads: Vec<Read>,
    /// Leaves from `size`: the start of the read, or `u32::MAX` for a nested read (never left
    /// out); each inner node holds its children's least and greatest.
    tree: Vec<(u32, u32)>,
    size: usize,
}

impl ReadIndex {
    fn new(reads: Vec<Read>) -> Self {
        let size = reads.len().next_power_of_two();
        let mut tree = vec![(u32::MAX, 0); 2 * size];
        for (i, read) in reads.iter().enumerate() {
            let key = if read.nested { u32::MAX } else { read.range.start().to_u32() };
            tree[size + i] = (key, key);
        }
        for node in (1..size).rev() {
            let (l, r) = (tree[2 * node], tree[2 * node + 1]);
            tree[node] = (l.0.min(r.0), l.1.max(r.1));
        }
        ReadIndex { reads, tree, size }
    }

    /// The first read at or after `from` that is not a read of the scope's own code (not nested)
    /// starting inside `skip`.
    pub(crate) fn next_outside(&self, from: usize, skip: Option<TextRange>) -> Option<usize> {
        let Some(skip) = skip else { return (from < self.reads.len()).then_some(from) };
        let (lo, hi) = (skip.start().to_u32(), skip.end().to_u32());
        self.find(1, 0, self.size, from, lo, hi).filter(|&i| i < self.reads.len())
    }

    fn find(&self, node: usize, start: usize, end: usize, from: usize, lo: u32, hi: u32) -> Option<usize> {
        let (least, greatest) = self.tree[node];
        if end <= from || !(least < lo || greatest >= hi) {
            return None;
        }
        if end - start == 1 {
            return Some(start);
        }
        let mid = start + (end - start) / 2;
        self.find(2 * node, start, mid, from, lo, hi).or_else(|| self.find(2 * node + 1, mid, end, from, lo, hi))
    }
}

impl SemanticModel<'_> {
    /// The [`ReadIndex`] of `name` in `scope`.
    pub(crate) fn read_index(&self, scope: ScopeId, name: &str) -> Arc<ReadIndex> {
        let mut indexes = self.read_indexes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let key = (scope, name.to_owned());
        if let Some(index) = indexes.get(&key) {
            return Arc::clone(index);
        }
        let index = Arc::new(ReadIndex::new(self.reads_of(scope, name, TextRange::default())));
        indexes.insert(key, Arc::clone(&index));
        index
    }
}

#[cfg(test)]
mod tests {
    use ruff_text_size::{TextRange, TextSize};

    use super::ReadIndex;
    use crate::semantic::queries::reads::Read;

    #[test]
    fn jumps_over_the_own_reads_in_a_stretch() {
        let read = |start: u32, nested: bool| Read {
            range: TextRange::at(TextSize::new(start), TextSize::new(1)),
            nested,
        };
        // Not in source order, as evaluation order may be; one nested read inside the stretch.
        let index = ReadIndex::new(vec![read(5, false), read(20, false), read(12, false), read(14, true), read(30, false)]);
        let skip = Some(TextRange::new(TextSize::new(10), TextSize::new(25)));
        let all: Vec<usize> =
            std::iter::successors(index.next_outside(0, skip), |&i| index.next_outside(i + 1, skip)).collect();
        assert_eq!(all, [0, 3, 4]);
        assert_eq!(index.next_outside(1, None), Some(1));
        assert_eq!(index.next_outside(5, None), None);
        assert_eq!(index.next_outside(5, skip), None);
    }
}
