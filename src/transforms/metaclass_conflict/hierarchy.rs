//! The metaclass arithmetic over class keys, apart from the tree: a class statement's bases and
//! `metaclass=` as keys, the facts of this module's classes gathered beforehand, library classes
//! (the knowledge table) and module-level classes of other files (the project index). Python's
//! rule (the data model's "Determining the appropriate metaclass"): the metaclass is the most
//! derived of the explicit `metaclass=` and the metaclasses of all bases, and there must be one
//! that derives from all the others. Anything not known for certain makes the answer unknown.
//!
//! Kept apart from the tree so that a file waiting for the index can be judged again from what
//! its first check gathered ([`PendingClass`]) instead of being parsed a second time.
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::engine::project_index::{Judged, ProjectIndex};
use crate::semantic::knowledge::{canonical_class, library_class};

/// `type`, the metaclass of a class that names no other.
pub(super) const TYPE: &str = "builtins.type";

/// The prefix of the key of a class statement of this module (`<local 120>`, by its offset).
pub(super) const LOCAL: &str = "<local ";

/// A class's bases and explicit metaclass, as keys: qualified names for library and project
/// classes, `<local N>` for a class statement of this module.
#[derive(Debug, Clone, Default)]
pub(super) struct Facts {
    pub(super) bases: Vec<String>,
    pub(super) metaclass: Option<String>,
}

impl Facts {
    /// The keys of this module's classes it names.
    pub(super) fn locals(&self) -> impl Iterator<Item = &String> {
        self.bases.iter().chain(&self.metaclass).filter(|key| key.starts_with(LOCAL))
    }
}

/// The facts of this module's classes a judgement may read: `None` for a class whose bases are
/// not all known.
pub(super) type Locals = FxHashMap<String, Option<Facts>>;

/// What a class statement is judged by: the facts of the class it defines.
pub(super) type Statement = Facts;

/// A conflict as keys: the most derived metaclasses, none deriving from another, as indices of
/// the statement's metaclass sources (its `metaclass=` first when it has one, then its bases).
#[derive(Debug)]
pub(super) struct Verdict {
    pub(super) most: Vec<(usize, String)>,
    /// Whether a class deriving from all of them has a method resolution order (C3 can merge
    /// their orders); else no class can reconcile them.
    pub(super) combinable: bool,
}

pub(super) struct Hierarchy<'i> {
    locals: Locals,
    project: Option<&'i ProjectIndex>,
    /// Whether a judgement read the project index.
    consulted: bool,
    facts: FxHashMap<String, Option<Rc<Facts>>>,
    metaclasses: FxHashMap<String, Option<String>>,
    orders: FxHashMap<String, Option<Rc<Vec<String>>>>,
}

impl<'i> Hierarchy<'i> {
    pub(super) fn new(locals: Locals, project: Option<&'i ProjectIndex>) -> Self {
        Hierarchy {
            locals,
            project,
            consulted: false,
            facts: FxHashMap::default(),
            metaclasses: FxHashMap::default(),
            orders: FxHashMap::default(),
        }
    }

    /// The conflict of a class statement, when its metaclasses are all known and conflict.
    pub(super) fn judge(&mut self, statement: &Statement) -> Option<Verdict> {
        let sources = self.candidates(statement)?;
        let keys: Vec<&str> = sources.iter().map(String::as_str).collect();
        if self.winner(&keys)?.is_some() {
            return None;
        }
        // The most derived: those no other source derives from, each once.
        let mut most: Vec<(usize, String)> = Vec::new();
        for (i, source) in sources.iter().enumerate() {
            if most.iter().any(|(_, key)| key == source) {
                continue;
            }
            let mut below = false;
            for other in &sources {
                if other != source && self.derives(other, source)? {
                    below = true;
                }
            }
            if !below {
                most.push((i, source.clone()));
            }
        }
        let keys: Vec<String> = most.iter().map(|(_, key)| key.clone()).collect();
        let combinable = self.merged_order(&keys).is_some();
        Some(Verdict { most, combinable })
    }

    /// Whether class `a` is `b` or derives from it; `None` when `a`'s ancestry is not all known.
    fn derives(&mut self, a: &str, b: &str) -> Option<bool> {
        Some(self.order(a)?.iter().any(|c| c == b))
    }

    /// What a check that read the project index leaves to judge once the whole index is in.
    pub(super) fn pending(self, statement: Statement, found: bool) -> Option<PendingClass> {
        self.consulted.then(|| PendingClass { statement, locals: self.locals, found })
    }

    fn facts(&mut self, key: &str) -> Option<Rc<Facts>> {
        if let Some(known) = self.facts.get(key) {
            return known.clone();
        }
        // A class that (through rebinding) derives from itself stays unknown.
        self.facts.insert(key.to_owned(), None);
        let facts = self.find_facts(key).map(Rc::new);
        self.facts.insert(key.to_owned(), facts.clone());
        facts
    }

    fn find_facts(&mut self, key: &str) -> Option<Facts> {
        if let Some(local) = self.locals.get(key) {
            return local.clone();
        }
        if let Some(library) = library_class(key) {
            return Some(Facts {
                bases: library.bases.iter().map(|b| (*b).to_owned()).collect(),
                metaclass: library.metaclass.map(str::to_owned),
            });
        }
        let project = self.project?;
        self.consulted = true;
        let summary = project.class(key)?;
        let name = |q: &String| canonical_class(q).to_owned();
        Some(Facts { bases: summary.bases.iter().map(name).collect(), metaclass: summary.metaclass.as_ref().map(name) })
    }

    /// The metaclass of a class: `None` when unknown, or when its own statement conflicts.
    fn metaclass_of(&mut self, key: &str) -> Option<String> {
        if let Some(known) = self.metaclasses.get(key) {
            return known.clone();
        }
        self.metaclasses.insert(key.to_owned(), None);
        let found = self.compute_metaclass(key);
        self.metaclasses.insert(key.to_owned(), found.clone());
        found
    }

    fn compute_metaclass(&mut self, key: &str) -> Option<String> {
        let facts = self.facts(key)?;
        let candidates = self.candidates(&facts)?;
        let keys: Vec<&str> = candidates.iter().map(String::as_str).collect();
        self.winner(&keys)?
    }

    /// The metaclasses a class takes its own from: its `metaclass=`, then its bases'. `None`
    /// when one is unknown, or when `metaclass=` is no metaclass (a function, or a class that
    /// does not derive from `type`: Python calls it as is).
    fn candidates(&mut self, facts: &Facts) -> Option<Vec<String>> {
        let mut candidates: Vec<String> = Vec::new();
        if let Some(metaclass) = &facts.metaclass {
            if !self.derives(metaclass, TYPE)? {
                return None;
            }
            candidates.push(metaclass.clone());
        }
        for base in &facts.bases {
            candidates.push(self.metaclass_of(base)?);
        }
        Some(candidates)
    }

    /// Python's choice among the candidate metaclasses: the one deriving from all others.
    /// `Some(None)` when there is none (a conflict), `None` when some relation is unknown.
    fn winner(&mut self, candidates: &[&str]) -> Option<Option<String>> {
        let Some((&first, rest)) = candidates.split_first() else { return Some(Some(TYPE.to_owned())) };
        let mut winner = first.to_owned();
        for &candidate in rest {
            if self.derives(&winner, candidate)? {
                continue;
            }
            if self.derives(candidate, &winner)? {
                winner = candidate.to_owned();
                continue;
            }
            return Some(None);
        }
        Some(Some(winner))
    }

    /// The method resolution order of a class (C3), `None` when not all known or not mergeable.
    fn order(&mut self, key: &str) -> Option<Rc<Vec<String>>> {
        if let Some(known) = self.orders.get(key) {
            return known.clone();
        }
        self.orders.insert(key.to_owned(), None);
        let order = self.facts(key).and_then(|facts| {
            let mut order = vec![key.to_owned()];
            order.extend(self.merged_order(&facts.bases)?);
            Some(Rc::new(order))
        });
        self.orders.insert(key.to_owned(), order.clone());
        order
    }

    /// The order C3 gives a class with these bases, without the class itself.
    fn merged_order(&mut self, bases: &[String]) -> Option<Vec<String>> {
        let mut lists: Vec<Vec<String>> = Vec::new();
        for base in bases {
            lists.push(self.order(base)?.to_vec());
        }
        lists.push(bases.to_vec());
        c3_merge(lists)
    }
}

/// A class statement judged against the recording index of a file waiting for the whole one:
/// what the judgement read of the module, to judge it again once every summary is in.
#[derive(Debug)]
pub(super) struct PendingClass {
    statement: Statement,
    locals: Locals,
    /// Whether the first judgement found a conflict.
    found: bool,
}

impl Judged for PendingClass {
    fn answers_no(&self, index: &ProjectIndex) -> bool {
        !self.found && Hierarchy::new(self.locals.clone(), Some(index)).judge(&self.statement).is_none()
    }
}

/// C3's merge: repeatedly take the first head that is in no list's tail.
fn c3_merge(mut lists: Vec<Vec<String>>) -> Option<Vec<String>> {
    let mut out = Vec::new();
    loop {
        lists.retain(|l| !l.is_empty());
        if lists.is_empty() {
            return Some(out);
        }
        let head = lists.iter().map(|l| &l[0]).find(|h| !lists.iter().any(|l| l[1..].contains(h)))?.clone();
        for list in &mut lists {
            if list[0] == head {
                list.remove(0);
            }
        }
        out.push(head);
    }
}

#[cfg(test)]
mod tests {
    use super::c3_merge;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn c3_merges_consistent_orders_and_refuses_crossed_ones() {
        let merged = c3_merge(vec![list(&["A", "T", "O"]), list(&["B", "T", "O"]), list(&["A", "B"])]);
        assert_eq!(merged, Some(list(&["A", "B", "T", "O"])));
        assert_eq!(c3_merge(vec![list(&["X", "Y"]), list(&["Y", "X"]), list(&["X", "Y"])]), None);
    }
}
