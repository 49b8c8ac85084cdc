//! The semantic model of one module: its nodes with their parents, its scopes, every binding and
//! every read of a name resolved to the variable it sees. One walk builds it; transforms ask it
//! their questions (what does this name refer to, what does this scope bind, who reads this
//! variable) instead of walking the module again.
mod binding;
mod builder;
pub(crate) mod flow;
pub(crate) mod knowledge;
mod nodes;
pub(crate) mod queries;
mod reference;
mod scope;
#[cfg(test)]
mod tests;

use ruff_python_ast::{ModModule, StmtFunctionDef};
use ruff_python_ast::visitor::Visitor;
use ruff_text_size::{Ranged, TextSize};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

pub(crate) use binding::{Binding, BindingId, BindingKind, bound_by_import, bound_by_import_from, captured_by_pattern};
pub(crate) use nodes::{Node, NodeId, Nodes};
// The answers' own types (`Read`, `FreeName`) and free helpers (`bases`, `imports_from`) are
// reached through `queries::*`.
pub(crate) use reference::{Reference, ReferenceId, Resolution};
pub(crate) use scope::{Scope, ScopeId, ScopeKind};

#[derive(Debug)]
pub(crate) struct SemanticModel<'a> {
    pub(crate) module: &'a ModModule,
    pub(crate) nodes: Nodes<'a>,
    scopes: Vec<Scope<'a>>,
    bindings: Vec<Binding<'a>>,
    /// In walk order, which is evaluation order.
    references: Vec<Reference<'a>>,
    /// The references' starts and ids, sorted by start, for range queries; sorted on the first
    /// such query.
    by_start: OnceLock<Vec<(TextSize, ReferenceId)>>,
    scope_by_node: FxHashMap<usize, ScopeId>,
    /// Every `name.send(...)` call, in walk order.
    sends: Vec<NodeId>,
    /// Built on the first call of [`Self::attributes`]: most files never need it.
    attributes: OnceLock<queries::attributes::Attributes>,
    /// Built on the first call of [`Self::left_after`].
    left_after: OnceLock<queries::leaves::LeftAfterTable>,
    /// Built on the first call of [`Self::imports_anywhere`].
    imported_packages: OnceLock<rustc_hash::FxHashSet<Box<str>>>,
    /// The reads of each variable asked about through [`Self::read_index`].
    read_indexes: std::sync::Mutex<FxHashMap<(ScopeId, String), std::sync::Arc<queries::read_index::ReadIndex>>>,
}

impl<'a> SemanticModel<'a> {
    pub(crate) fn build(module: &'a ModModule) -> Self {
        // Sized for nine files in ten of the benchmark corpus (the tables of the files a first
        // look lets through, per byte of source, at the 90th percentile: 0.113 nodes, 0.034
        // references, 0.016 bindings, 0.005 scopes): a table that grows copies itself, and the
        // copies were a seventh of the building.
        let bytes = usize::from(module.range().len());
        let mut builder = builder::Builder::new(builder::Capacities {
            nodes: bytes / 8 + 16,
            references: bytes / 28 + 8,
            bindings: bytes / 60 + 8,
            scopes: bytes / 200 + 4,
        });
        builder.visit_body(&module.body);
        builder.finish();
        let builder::Builder { nodes, mut scopes, bindings, mut references, scope_by_node, sends, .. } = builder;
        resolve_all(&mut scopes, &mut references);
        SemanticModel {
            module,
            nodes,
            scopes,
            bindings,
            references,
            by_start: OnceLock::new(),
            scope_by_node,
            sends,
            attributes: OnceLock::new(),
            left_after: OnceLock::new(),
            imported_packages: OnceLock::new(),
            read_indexes: std::sync::Mutex::default(),
        }
    }

    /// The references' starts and ids, sorted by start (walk order where two start alike). Each
    /// start is kept beside its id, not read through it: over the benchmark corpus the sorts cost
    /// 49 M instructions that way, 34 M this way. A stable sort: the references come in runs
    /// already sorted, which it merges (an unstable sort took four times as long).
    fn by_start(&self) -> &[(TextSize, ReferenceId)] {
        self.by_start.get_or_init(|| {
            let mut by_start: Vec<(TextSize, ReferenceId)> =
                self.references.iter().enumerate().map(|(i, r)| (r.start(), ReferenceId(i as u32))).collect();
            by_start.sort_by_key(|&(start, _)| start);
            by_start
        })
    }

    pub(crate) fn scope(&self, id: ScopeId) -> &Scope<'a> {
        &self.scopes[id.index()]
    }

    pub(crate) fn scopes(&self) -> impl Iterator<Item = (ScopeId, &Scope<'a>)> {
        self.scopes.iter().enumerate().map(|(i, s)| (ScopeId(i as u32), s))
    }

    pub(crate) fn binding(&self, id: BindingId) -> &Binding<'a> {
        &self.bindings[id.index()]
    }

    /// Every `name.send(...)` call of the module (a `Call` node), in walk order.
    pub(crate) fn sends(&self) -> &[NodeId] {
        &self.sends
    }

    /// Whether `func` is a plain `def` whose own body yields and uses the value of a `yield`
    /// (`x = yield total`): a generator meant to be driven by `send()`.
    pub(crate) fn reads_sent_values(&self, func: &StmtFunctionDef) -> bool {
        !func.is_async
            && self.function_scope(func).is_some_and(|scope| {
                let scope = self.scope(scope);
                scope.is_generator && scope.reads_sent_values
            })
    }

    /// Every binding of every scope, in walk order.
    pub(crate) fn bindings(&self) -> &[Binding<'a>] {
        &self.bindings
    }


    /// Whether `func` is an `async def` whose own body (not a nested function's) yields.
    pub(crate) fn is_async_generator(&self, func: &StmtFunctionDef) -> bool {
        func.is_async && self.function_scope(func).is_some_and(|scope| self.scope(scope).is_generator)
    }

    pub(crate) fn reference(&self, id: ReferenceId) -> &Reference<'a> {
        &self.references[id.index()]
    }

    /// The bindings of `name` in `scope`, in walk order.
    pub(crate) fn bindings_of(&self, scope: ScopeId, name: &str) -> impl Iterator<Item = &Binding<'a>> {
        let ids = self.scope(scope).variable(name).map_or(&[][..], |v| &v.bindings[..]);
        ids.iter().map(|&id| self.binding(id))
    }
}

/// Resolves every reference and files it under the variable it reads.
fn resolve_all<'a>(scopes: &mut [Scope<'a>], references: &mut [Reference<'a>]) {
    for (index, reference) in references.iter_mut().enumerate() {
        let resolution = reference::resolve(scopes, reference.scope, reference.name);
        reference.resolution = resolution;
        let owner = match resolution {
            Resolution::Scope(scope) => scope,
            Resolution::Global { .. } => ScopeId::MODULE,
            Resolution::Unbound => continue,
        };
        scopes[owner.index()].variable_mut(reference.name).references.push(ReferenceId(index as u32));
    }
}
