//! The node table: every statement and expression of the module, in the order the walk meets
//! them (a parent before its children), with its parent and the scope its code runs in. An
//! analysis that needs the nodes around one (is a lambda the argument of a call?) climbs the
//! parents instead of searching the module again.
use std::sync::OnceLock;

use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::FxHashMap;

use super::scope::ScopeId;

/// The index of a node in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub(crate) struct NodeId(pub(super) u32);

impl NodeId {
    pub(super) fn index(self) -> usize {
        self.0 as usize
    }
}

/// A statement or an expression.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node<'a> {
    Stmt(&'a Stmt),
    Expr(&'a Expr),
}

impl<'a> Node<'a> {
    pub(crate) fn stmt(self) -> Option<&'a Stmt> {
        match self {
            Node::Stmt(stmt) => Some(stmt),
            Node::Expr(_) => None,
        }
    }

    pub(crate) fn expr(self) -> Option<&'a Expr> {
        match self {
            Node::Expr(expr) => Some(expr),
            Node::Stmt(_) => None,
        }
    }

    /// Whether both are the same node (not merely equal ones).
    pub(crate) fn is(self, other: Node<'_>) -> bool {
        match (self, other) {
            (Node::Stmt(a), Node::Stmt(b)) => std::ptr::eq(a, b),
            (Node::Expr(a), Node::Expr(b)) => std::ptr::eq(a, b),
            _ => false,
        }
    }
}

impl Ranged for Node<'_> {
    fn range(&self) -> TextRange {
        match self {
            Node::Stmt(stmt) => stmt.range(),
            Node::Expr(expr) => expr.range(),
        }
    }
}

#[derive(Debug)]
struct Entry<'a> {
    node: Node<'a>,
    parent: Option<NodeId>,
    scope: ScopeId,
}

/// Every statement and expression, with lookups by id and, for statements, by address.
#[derive(Debug, Default)]
pub(crate) struct Nodes<'a> {
    entries: Vec<Entry<'a>>,
    /// The statements by address, built on the first lookup: many files never need it.
    by_address: OnceLock<FxHashMap<usize, NodeId>>,
}

impl<'a> Nodes<'a> {
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Nodes { entries: Vec::with_capacity(capacity), by_address: OnceLock::new() }
    }

    pub(super) fn push(&mut self, node: Node<'a>, parent: Option<NodeId>, scope: ScopeId) -> NodeId {
        let id = NodeId(u32::try_from(self.entries.len()).expect("fewer than 2^32 nodes"));
        self.entries.push(Entry { node, parent, scope });
        id
    }

    /// Every node, in walk order (statements before what they hold).
    pub(crate) fn iter(&self) -> impl Iterator<Item = Node<'a>> + '_ {
        self.entries.iter().map(|e| e.node)
    }

    /// Every node with its id and its parent's, in walk order: the engine's walk, without
    /// walking the AST again.
    pub(crate) fn iter_with_parents(&self) -> impl Iterator<Item = (NodeId, Node<'a>, Option<NodeId>)> + '_ {
        self.entries.iter().enumerate().map(|(index, e)| (NodeId(index as u32), e.node, e.parent))
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn node(&self, id: NodeId) -> Node<'a> {
        self.entries[id.index()].node
    }

    pub(crate) fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.entries[id.index()].parent
    }

    /// The scope the node's code runs in: for a `def`, the scope holding the statement (its
    /// body runs in the function's own scope).
    pub(crate) fn scope(&self, id: NodeId) -> ScopeId {
        self.entries[id.index()].scope
    }

    fn by_address(&self) -> &FxHashMap<usize, NodeId> {
        self.by_address.get_or_init(|| {
            let mut map = FxHashMap::default();
            for (index, entry) in self.entries.iter().enumerate() {
                if let Node::Stmt(stmt) = entry.node {
                    map.insert(std::ptr::from_ref(stmt) as usize, NodeId(index as u32));
                }
            }
            map
        })
    }

    pub(crate) fn stmt_id(&self, stmt: &Stmt) -> Option<NodeId> {
        self.by_address().get(&(std::ptr::from_ref(stmt) as usize)).copied()
    }

    /// The parent, its parent and so on, up to a top-level statement.
    pub(crate) fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&up| self.parent(up))
    }

    /// The nodes from a top-level statement down to the node, outermost first and the node
    /// itself last.
    pub(crate) fn path_to(&self, id: NodeId) -> Vec<Node<'a>> {
        let mut path: Vec<Node<'a>> = std::iter::once(id).chain(self.ancestors(id)).map(|n| self.node(n)).collect();
        path.reverse();
        path
    }
}
