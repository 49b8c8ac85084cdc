//! What a class statement's metaclass is, from what is known of its bases: classes of this
//! module (through the model's resolution of their names), library classes (the knowledge
//! table) and module-level classes of other files (the project index). Python's rule (the data
//! model's "Determining the appropriate metaclass"): the metaclass is the most derived of the
//! explicit `metaclass=` and the metaclasses of all bases, and there must be one that derives
//! from all the others. Anything not known for certain makes the answer unknown.
use std::rc::Rc;

use ruff_python_ast::{Expr, Stmt, StmtClassDef};
use ruff_text_size::Ranged;
use rustc_hash::FxHashMap;

use crate::engine::checker::Checker;
use crate::semantic::knowledge::{CLASS_KEEPING_DECORATORS, canonical_class, library_class};
use crate::semantic::queries::names::{bases, metaclass_keyword};
use crate::semantic::{BindingKind, Node, Resolution, ScopeId};

/// `type`, the metaclass of a class that names no other.
pub(super) const TYPE: &str = "builtins.type";

/// A class's bases and explicit metaclass, as keys: qualified names for library and project
/// classes, `<local N>` for a class statement of this module.
#[derive(Debug)]
struct Facts {
    bases: Vec<String>,
    metaclass: Option<String>,
}

/// Where a metaclass that takes part in a class's metaclass comes from.
#[derive(Debug, Clone, Copy)]
pub(super) enum Origin<'a> {
    /// The `metaclass=` keyword's value.
    Keyword(&'a Expr),
    /// The metaclass of this base.
    Base(&'a Expr),
}

/// A metaclass taking part in a class's metaclass, and where it comes from.
#[derive(Debug, Clone)]
pub(super) struct Source<'a> {
    pub(super) key: String,
    pub(super) origin: Origin<'a>,
}

/// A class statement whose metaclasses conflict: the most derived ones, none deriving from
/// another, in the order of the bases (the explicit metaclass first).
#[derive(Debug)]
pub(super) struct Conflict<'a> {
    pub(super) metaclasses: Vec<Source<'a>>,
    /// Whether a class deriving from all of them has a method resolution order (C3 can merge
    /// their orders); else no class can reconcile them.
    pub(super) combinable: bool,
}

/// The classes looked at while checking one statement, with what is known of each.
pub(super) struct Classes<'c, 'a> {
    checker: &'c Checker<'a>,
    locals: FxHashMap<String, &'a StmtClassDef>,
    facts: FxHashMap<String, Option<Rc<Facts>>>,
    metaclasses: FxHashMap<String, Option<String>>,
    orders: FxHashMap<String, Option<Rc<Vec<String>>>>,
}

impl<'c, 'a> Classes<'c, 'a> {
    pub(super) fn new(checker: &'c Checker<'a>) -> Self {
        Classes {
            checker,
            locals: FxHashMap::default(),
            facts: FxHashMap::default(),
            metaclasses: FxHashMap::default(),
            orders: FxHashMap::default(),
        }
    }

    /// The class statement of this module behind a key.
    pub(super) fn local(&self, key: &str) -> Option<&'a StmtClassDef> {
        self.locals.get(key).copied()
    }

    /// The conflict of a class statement, when its metaclasses are all known and conflict.
    pub(super) fn conflict(&mut self, class: &'a StmtClassDef) -> Option<Conflict<'a>> {
        // `**options` may hold a `metaclass`.
        if class.arguments.iter().flat_map(|a| a.keywords.iter()).any(|k| k.arg.is_none()) {
            return None;
        }
        let around = self.around(class)?;
        let mut sources: Vec<Source<'a>> = Vec::new();
        if let Some(keyword) = metaclass_keyword(class) {
            let key = self.key_of(around, keyword)?;
            // `metaclass=` a function, or a class that is no metaclass: Python calls it as is.
            if self.derives(&key, TYPE)? {
                sources.push(Source { key, origin: Origin::Keyword(keyword) });
            } else {
                return None;
            }
        }
        for base in bases(class) {
            let key = self.key_of(around, base)?;
            sources.push(Source { key: self.metaclass_of(&key)?, origin: Origin::Base(base) });
        }
        let keys: Vec<&str> = sources.iter().map(|s| s.key.as_str()).collect();
        if self.winner(&keys)?.is_some() {
            return None;
        }
        // The most derived: those no other source derives from, each once.
        let mut most: Vec<Source<'a>> = Vec::new();
        for (i, source) in sources.iter().enumerate() {
            if most.iter().any(|m| m.key == source.key) {
                continue;
            }
            let mut below = false;
            for (j, other) in sources.iter().enumerate() {
                if i != j && other.key != source.key && self.derives(&other.key, &source.key)? {
                    below = true;
                }
            }
            if !below {
                most.push(source.clone());
            }
        }
        let keys: Vec<String> = most.iter().map(|m| m.key.clone()).collect();
        let combinable = self.merged_order(&keys).is_some();
        Some(Conflict { metaclasses: most, combinable })
    }

    /// The scope a class statement runs in, where its bases are read.
    fn around(&self, class: &StmtClassDef) -> Option<ScopeId> {
        let semantic = self.checker.semantic();
        semantic.scope(semantic.class_scope(class)?).parent
    }

    /// The key of the class an expression names: a base or metaclass of a class statement
    /// running in `scope` (`Base`, `abc.ABC`, `Generic[T]`); `None` for anything not plainly a
    /// class.
    fn key_of(&mut self, scope: ScopeId, expr: &Expr) -> Option<String> {
        let expr = match expr {
            Expr::Subscript(subscript) => &subscript.value,
            other => other,
        };
        let semantic = self.checker.semantic();
        if let Some(qualified) = semantic.qualified_name_in(scope, expr) {
            let qualified = canonical_class(&qualified);
            return match self.checker.module_name() {
                Some(module) => module.absolute(qualified),
                None => (!qualified.starts_with('.')).then(|| qualified.to_owned()),
            };
        }
        let Expr::Name(name) = expr else { return None };
        let Resolution::Scope(owner) = semantic.resolve_in(scope, name.id.as_str()) else { return None };
        let mut bindings = semantic.bindings_of(owner, name.id.as_str());
        let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
        if only.kind != BindingKind::ClassDef {
            return None;
        }
        let Node::Stmt(Stmt::ClassDef(class)) = semantic.nodes.node(only.stmt?) else { return None };
        let key = format!("<local {}>", u32::from(class.start()));
        self.locals.insert(key.clone(), class);
        Some(key)
    }

    fn facts(&mut self, key: &str) -> Option<Rc<Facts>> {
        if let Some(known) = self.facts.get(key) {
            return known.clone();
        }
        // A class that (through rebinding) derives from itself stays unknown.
        self.facts.insert(key.to_owned(), None);
        let facts = if let Some(class) = self.local(key) {
            self.local_facts(class)
        } else if let Some(library) = library_class(key) {
            Some(Facts {
                bases: library.bases.iter().map(|b| (*b).to_owned()).collect(),
                metaclass: library.metaclass.map(str::to_owned),
            })
        } else {
            let summary = self.checker.project()?.class(key)?;
            let name = |q: &String| canonical_class(q).to_owned();
            Some(Facts { bases: summary.bases.iter().map(name).collect(), metaclass: summary.metaclass.as_ref().map(name) })
        }
        .map(Rc::new);
        self.facts.insert(key.to_owned(), facts.clone());
        facts
    }

    fn local_facts(&mut self, class: &'a StmtClassDef) -> Option<Facts> {
        let semantic = self.checker.semantic();
        let around = self.around(class)?;
        let keeps = |d: &ruff_python_ast::Decorator| {
            let decorator = match &d.expression {
                Expr::Call(call) => &call.func,
                other => other,
            };
            semantic.qualified_name_in(around, decorator).is_some_and(|q| CLASS_KEEPING_DECORATORS.contains(&q.as_str()))
        };
        if !class.decorator_list.iter().all(keeps) {
            return None;
        }
        if class.arguments.iter().flat_map(|a| a.keywords.iter()).any(|k| k.arg.is_none()) {
            return None;
        }
        let mut facts = Facts { bases: Vec::new(), metaclass: None };
        for base in bases(class) {
            facts.bases.push(self.key_of(around, base)?);
        }
        if let Some(keyword) = metaclass_keyword(class) {
            facts.metaclass = Some(self.key_of(around, keyword)?);
        }
        Some(facts)
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
        let keys: Vec<&str> = candidates.iter().map(String::as_str).collect();
        self.winner(&keys)?
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

    /// Whether class `a` is `b` or derives from it; `None` when `a`'s ancestry is not all known.
    pub(super) fn derives(&mut self, a: &str, b: &str) -> Option<bool> {
        Some(self.order(a)?.iter().any(|c| c == b))
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
