//! Scopes: the module, each class body, function, lambda and comprehension. A scope owns the
//! names bound in it, in the order they are first bound, with every binding and every reference
//! that resolves to its variable.
use std::ops::Range;

use ruff_python_ast::{StmtClassDef, StmtFunctionDef};
use smallvec::SmallVec;
use rustc_hash::{FxHashMap, FxHashSet};

use super::binding::BindingId;
use super::reference::ReferenceId;

/// The index of a scope. Scopes are numbered in walk order, so the scopes nested in a scope
/// follow it without a gap: see [`Scope::last_nested`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ScopeId(pub(super) u32);

impl ScopeId {
    pub(crate) const MODULE: ScopeId = ScopeId(0);

    pub(super) fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum ScopeKind<'a> {
    Module,
    Class(&'a StmtClassDef),
    Function(&'a StmtFunctionDef),
    Lambda,
    /// A list, set or dict comprehension or a generator expression.
    Comprehension,
}

impl ScopeKind<'_> {
    /// Function-like scopes: the ones a class body does not see into, and that make a read in
    /// them run later than the code around them.
    pub(crate) fn is_function_like(self) -> bool {
        matches!(self, ScopeKind::Function(_) | ScopeKind::Lambda)
    }
}

/// A variable of a scope: its bindings and the reads that see it.
#[derive(Debug)]
pub(crate) struct Variable<'a> {
    pub(crate) name: &'a str,
    /// In walk order; empty for a module variable only reached through `global`. Most
    /// variables have one or two: inline, so that a scope's names cost no allocation each.
    pub(crate) bindings: SmallVec<[BindingId; 2]>,
    /// The references resolved to this variable, in walk order.
    pub(crate) references: SmallVec<[ReferenceId; 4]>,
}

/// Up to this many names, a scope finds a name by scanning its list.
const SMALL_SCOPE: usize = 8;

/// A name's first seven bytes and its length in one word: equal names have equal keys, and
/// names shorter than eight bytes with equal keys are equal.
fn name_key(name: &str) -> u64 {
    let bytes = name.as_bytes();
    // Byte by byte: a copy of a length known only at run time is a call to `memcpy`, which cost
    // more than the scan it serves (a million calls in a cold `diff` of the benchmark corpus).
    let head = bytes.iter().take(7).enumerate().fold(0u64, |key, (i, &b)| key | u64::from(b) << (8 * i));
    head | u64::from(u8::try_from(bytes.len()).unwrap_or(u8::MAX)) << 56
}

#[derive(Debug)]
pub(crate) struct Scope<'a> {
    pub(crate) kind: ScopeKind<'a>,
    pub(crate) parent: Option<ScopeId>,
    /// The last scope nested in this one (itself when none is): nested scopes are the ids
    /// after this one up to it.
    pub(crate) last_nested: ScopeId,
    /// A `yield` or `yield from` in the scope's own code (not in nested functions, lambdas or
    /// classes): a function scope is then a generator.
    pub(crate) is_generator: bool,
    /// A `yield` of the scope's own code whose value is used (`x = yield total`): a generator
    /// that reads what `send()` passes it.
    pub(crate) reads_sent_values: bool,
    /// The references made while the scope was being walked: its own code's and its nested
    /// scopes', as a range of reference ids.
    pub(crate) references: Range<u32>,
    pub(crate) globals: FxHashSet<&'a str>,
    pub(crate) nonlocals: FxHashSet<&'a str>,
    /// In the order their names were first bound (or first reached through `global`).
    variables: Vec<Variable<'a>>,
    /// [`name_key`] of each of the first [`SMALL_SCOPE`] variables' names: the scan compares
    /// words, not strings.
    keys: SmallVec<[u64; SMALL_SCOPE]>,
    by_name: FxHashMap<&'a str, u32>,
}

impl<'a> Scope<'a> {
    pub(super) fn new(kind: ScopeKind<'a>, parent: Option<ScopeId>, id: ScopeId) -> Self {
        Scope {
            kind,
            parent,
            last_nested: id,
            is_generator: false,
            reads_sent_values: false,
            references: 0..0,
            globals: FxHashSet::default(),
            nonlocals: FxHashSet::default(),
            variables: Vec::new(),
            keys: SmallVec::new(),
            by_name: FxHashMap::default(),
        }
    }

    pub(crate) fn variable(&self, name: &str) -> Option<&Variable<'a>> {
        self.index_of(name).map(|i| &self.variables[i])
    }

    /// Most scopes hold a handful of names: a scan beats hashing them, and the map is built
    /// only for scopes that grow past [`SMALL_SCOPE`].
    fn index_of(&self, name: &str) -> Option<usize> {
        if self.variables.len() <= SMALL_SCOPE {
            let key = name_key(name);
            let same = |(i, &k): (usize, &u64)| k == key && (name.len() < 8 || self.variables[i].name == name);
            self.keys.iter().enumerate().position(|entry| same(entry))
        } else {
            self.by_name.get(name).map(|&i| i as usize)
        }
    }

    pub(super) fn variable_mut(&mut self, name: &'a str) -> &mut Variable<'a> {
        if let Some(index) = self.index_of(name) {
            return &mut self.variables[index];
        }
        let next = self.variables.len();
        self.variables.push(Variable { name, bindings: SmallVec::new(), references: SmallVec::new() });
        if next < SMALL_SCOPE {
            self.keys.push(name_key(name));
        } else if next == SMALL_SCOPE {
            self.by_name = self.variables.iter().enumerate().map(|(i, v)| (v.name, i as u32)).collect();
        } else if next > SMALL_SCOPE {
            self.by_name.insert(name, u32::try_from(next).expect("fewer than 2^32 names"));
        }
        &mut self.variables[next]
    }

    /// The variables the scope binds itself, in the order of their first binding.
    pub(crate) fn bound(&self) -> impl Iterator<Item = &Variable<'a>> {
        self.variables.iter().filter(|v| !v.bindings.is_empty())
    }

    /// Whether the scope binds `name` (a `global` / `nonlocal` declaration counts).
    pub(crate) fn binds(&self, name: &str) -> bool {
        self.variable(name).is_some_and(|v| !v.bindings.is_empty())
    }

    /// Whether `other` is this scope or nested in it.
    pub(crate) fn holds(&self, own: ScopeId, other: ScopeId) -> bool {
        own <= other && other <= self.last_nested
    }
}

#[cfg(test)]
mod tests {
    use super::{Scope, ScopeId, ScopeKind, name_key};

    #[test]
    fn a_key_is_the_first_seven_bytes_and_the_length() {
        for name in ["", "x", "self", "abcdefg", "abcdefgh", "é", "a_much_longer_name"] {
            let mut key = [0u8; 8];
            let head = name.len().min(7);
            key[..head].copy_from_slice(&name.as_bytes()[..head]);
            key[7] = name.len() as u8;
            assert_eq!(name_key(name), u64::from_le_bytes(key), "{name}");
        }
    }

    #[test]
    fn finds_each_name_whether_the_scope_is_small_or_large() {
        // Names alike in their first seven bytes, or in length, or a prefix of one another.
        let names = ["abcdefgX", "abcdefgY", "abcdefg", "abcdef", "x", "y", "self", "abcdefgXZ", "é", "éé", "a_much_longer_name_of_a_variable"];
        let mut scope = Scope::new(ScopeKind::Module, None, ScopeId::MODULE);
        for (count, name) in names.iter().enumerate() {
            for earlier in &names[..count] {
                assert_eq!(scope.variable(earlier).map(|v| v.name), Some(*earlier));
            }
            for later in &names[count..] {
                assert!(scope.variable(later).is_none(), "{later} before it is bound");
            }
            assert_eq!(scope.variable_mut(name).name, *name);
        }
        assert_eq!(scope.variable_mut("abcdefgY").name, "abcdefgY", "found, not added again");
        assert_eq!(scope.variables.len(), names.len());
    }
}
