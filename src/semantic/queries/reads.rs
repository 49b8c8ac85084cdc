//! Who reads what: the reads of a scope's variable, the free names of a function, the names
//! read in a stretch of code.
use ruff_python_ast::Stmt;
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::FxHashSet;

use crate::semantic::reference::resolve_nonlocal;
use crate::semantic::{Reference, Resolution, ScopeId, ScopeKind, SemanticModel};

/// A read of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Read {
    pub(crate) range: TextRange,
    /// In a function, lambda or class nested in the scope (a comprehension does not count: it
    /// runs right where it is).
    pub(crate) nested: bool,
}

/// A name read by a function that comes from outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FreeName<'a> {
    pub(crate) name: &'a str,
    /// The first read, in evaluation order.
    pub(crate) first_read: TextRange,
    /// The function, or a scope nested in it, declares the name `nonlocal` and so can assign the
    /// outer variable.
    pub(crate) assigned_nonlocal: bool,
}

impl<'a> SemanticModel<'a> {
    /// The reads of `name` that see the variable of `scope` (whether or not the scope binds it),
    /// from its own code and from nested scopes that do not bind the name themselves, in
    /// evaluation order. The target of `x += 1` is not counted; reads inside `exclude` are left
    /// out (a function reading its own name).
    pub(crate) fn reads_of(&self, scope: ScopeId, name: &str, exclude: TextRange) -> Vec<Read> {
        let own = self.scope(scope);
        let declared = own.globals.contains(name) || own.nonlocals.contains(name);
        let reads: Vec<&Reference<'a>> = match own.variable(name) {
            // The usual question, about a name the scope binds: its variable lists its reads.
            Some(variable) if own.binds(name) && !declared => {
                variable.references.iter().map(|&id| self.reference(id)).collect()
            }
            _ => {
                let span = &self.references[own.references.start as usize..own.references.end as usize];
                span.iter().filter(|r| r.name == name && self.sees(scope, r)).collect()
            }
        };
        reads
            .into_iter()
            .filter(|r| !r.augmented && !exclude.contains_range(r.range))
            .map(|r| Read { range: r.range, nested: self.runs_later(r.scope, scope) })
            .collect()
    }

    /// Whether a read made in `scope` or a scope nested in it looks its name up in `scope`:
    /// no scope between binds it, and `scope` is not a class body seen from a nested scope.
    fn sees(&self, scope: ScopeId, reference: &Reference<'a>) -> bool {
        let own = self.scope(scope);
        let skipped = matches!(own.kind, ScopeKind::Class(_)) && reference.scope != scope;
        match reference.resolution {
            Resolution::Scope(s) => s == scope || (!own.holds(scope, s) && !skipped),
            Resolution::Global { declared_in } => {
                scope == ScopeId::MODULE || declared_in == scope || (!own.holds(scope, declared_in) && !skipped)
            }
            Resolution::Unbound => !skipped,
        }
    }

    /// Whether code of `inner` runs inside a function, lambda or class body nested in `outer`
    /// (and so maybe at another time than the code of `outer` around it).
    fn runs_later(&self, inner: ScopeId, outer: ScopeId) -> bool {
        let mut current = inner;
        while current != outer {
            let scope = self.scope(current);
            if !matches!(scope.kind, ScopeKind::Comprehension) {
                return true;
            }
            let Some(parent) = scope.parent else { return false };
            current = parent;
        }
        false
    }

    /// The free names of a function or lambda scope: what its body (and the scopes nested in
    /// it) reads that none of them binds, in the order of the first read. Decorators, defaults
    /// and annotations run outside and do not count; a name the function (or a scope in it)
    /// declares `global` is not free; `x += 1` makes `x` local.
    pub(crate) fn free_names_of(&self, scope: ScopeId) -> Vec<FreeName<'a>> {
        let own = self.scope(scope);
        let outside = |resolution: Resolution| match resolution {
            Resolution::Scope(s) | Resolution::Global { declared_in: s } => !own.holds(scope, s),
            Resolution::Unbound => true,
        };
        let mut seen = FxHashSet::default();
        let mut free = Vec::new();
        for reference in &self.references[own.references.start as usize..own.references.end as usize] {
            if outside(reference.resolution) && seen.insert(reference.name) {
                free.push(FreeName { name: reference.name, first_read: reference.range, assigned_nonlocal: false });
            }
        }
        let mut assigned = FxHashSet::default();
        for declaring in scope.0..=own.last_nested.0 {
            let declaring = ScopeId(declaring);
            for &name in &self.scope(declaring).nonlocals {
                if outside(resolve_nonlocal(&self.scopes, declaring, name)) {
                    assigned.insert(name);
                }
            }
        }
        free.iter_mut().for_each(|f| f.assigned_nonlocal = assigned.contains(f.name));
        free
    }

    /// The references starting inside `range`, in source order.
    pub(crate) fn references_in(&self, range: TextRange) -> impl Iterator<Item = &Reference<'a>> + '_ {
        let by_start = self.by_start();
        let first = by_start.partition_point(|&(start, _)| start < range.start());
        by_start[first..]
            .iter()
            .map(|&(_, id)| self.reference(id))
            .take_while(move |r| r.start() < range.end())
            .filter(move |r| range.contains_range(r.range))
    }

    /// The read of a name starting at `start`.
    pub(crate) fn reference_at(&self, start: TextSize) -> Option<&Reference<'a>> {
        let by_start = self.by_start();
        let index = by_start.partition_point(|&(at, _)| at < start);
        let reference = self.reference(by_start.get(index)?.1);
        (reference.start() == start).then_some(reference)
    }

    /// Every name read in `range`, nested functions, classes, lambdas and comprehensions
    /// included (a closure reads the enclosing variable). `x += 1` reads `x`. Names inside
    /// string annotations are not parsed and so not seen.
    pub(crate) fn loaded_names_in(&self, range: TextRange) -> FxHashSet<&'a str> {
        self.references_in(range).map(|r| r.name).collect()
    }

    /// [`Self::loaded_names_in`] a block of statements.
    pub(crate) fn loaded_names_in_body(&self, body: &[Stmt]) -> FxHashSet<&'a str> {
        body_range(body).map_or_else(FxHashSet::default, |range| self.loaded_names_in(range))
    }
}

/// The range from the first statement's start to the last one's end.
pub(crate) fn body_range(body: &[Stmt]) -> Option<TextRange> {
    Some(TextRange::new(body.first()?.start(), body.last()?.end()))
}
