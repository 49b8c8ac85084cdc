//! How a function body uses a parameter (mutable-default, call-default), read from the semantic model: the parameter
//! variable's reads and the nodes around each one. Whether the default is compared with `None`,
//! used as a memo, or handed out (returned, yielded, stored, kept by a closure the call hands
//! out) decides whether the fix is safe.
use ruff_python_ast::{CmpOp, Expr, StmtFunctionDef, Stmt};
use ruff_text_size::Ranged;

use crate::semantic::{Node, NodeId, ScopeId, ScopeKind, SemanticModel};

pub(crate) fn is_name(expr: &Expr, name: &str) -> bool {
    matches!(expr, Expr::Name(n) if n.id.as_str() == name)
}

/// How the body uses a parameter: each read of the parameter's variable (in the function or in
/// a function nested in it) with the expressions or statement directly around it.
pub(crate) struct Uses<'a> {
    /// For each read: the `Name` itself, its parent and its grandparent.
    around: Vec<(&'a Expr, Option<Node<'a>>, Option<Node<'a>>)>,
    /// A function nested in this one reads the parameter and the call hands that function out.
    kept_by_closure: bool,
    /// The reads' nodes.
    reads: Vec<NodeId>,
}

impl<'a> Uses<'a> {
    pub(crate) fn of(semantic: &'a SemanticModel<'a>, func: &StmtFunctionDef, name: &str) -> Self {
        let nodes = &semantic.nodes;
        let Some(function) = semantic.function_scope(func) else {
            return Uses { around: Vec::new(), kept_by_closure: false, reads: Vec::new() };
        };
        let references = semantic.scope(function).variable(name).map_or(&[][..], |variable| &variable.references[..]);
        let kept_by_closure = references
            .iter()
            .filter_map(|&id| outermost_nested(semantic, semantic.reference(id).scope, function))
            .any(|nested| handed_out(semantic, nested, function));
        let around = references
            .iter()
            .filter_map(|&id| {
                let read = semantic.reference(id).node;
                let parent = nodes.parent(read);
                let grandparent = parent.and_then(|p| nodes.parent(p));
                Some((nodes.node(read).expr()?, parent.map(|p| nodes.node(p)), grandparent.map(|g| nodes.node(g))))
            })
            .collect();
        let reads = references.iter().map(|&id| semantic.reference(id).node).collect();
        Uses { around, kept_by_closure, reads }
    }

    fn parents(&self) -> impl Iterator<Item = Node<'a>> + '_ {
        self.around.iter().filter_map(|(_, parent, _)| *parent)
    }

    /// `p is None`, `None is not p`, also inside a chain (`a < p is None`).
    pub(crate) fn compared_with_none(&self, name: &str) -> bool {
        self.parents().any(|parent| {
            let Node::Expr(Expr::Compare(compare)) = parent else { return false };
            let operands: Vec<&Expr> = std::iter::once(compare.left.as_ref()).chain(compare.comparators.iter()).collect();
            operands.windows(2).any(|pair| {
                (is_name(pair[0], name) && pair[1].is_none_literal_expr())
                    || (pair[0].is_none_literal_expr() && is_name(pair[1], name))
            })
        })
    }

    /// `key in p` and `p[...] = ...`: the default is a memo kept across calls.
    pub(crate) fn used_as_memo(&self, name: &str) -> bool {
        let tested = self.parents().any(|parent| {
            matches!(parent, Node::Expr(Expr::Compare(c)) if c.ops.iter().zip(c.comparators.iter())
                .any(|(op, right)| matches!(op, CmpOp::In | CmpOp::NotIn) && is_name(right, name)))
        });
        tested
            && self.around.iter().any(|around| match around {
                (_, Some(Node::Expr(Expr::Subscript(subscript))), Some(Node::Stmt(Stmt::Assign(assign)))) => {
                    is_name(&subscript.value, name) && assign.targets.iter().any(|t| t.range() == subscript.range())
                }
                _ => false,
            })
    }

    /// The default object leaves the call: returned, yielded, stored in an attribute or an
    /// item, or handed to a container's `append`/`add`/`insert`/`setdefault`; as itself or as
    /// an element of a tuple (`return items, count`).
    /// Whether every read only looks at the object: compares it, tests it, reads its items or
    /// its length, iterates it, unpacks it into a call (`f(*args, **kwargs)`), formats it, or
    /// calls a method that leaves it as it was. Such a shared default is harmless today; a read
    /// that may change it or hand it on (another call, a return, a store) is not counted as one.
    pub(crate) fn only_read(&self, semantic: &SemanticModel) -> bool {
        self.reads.iter().all(|&read| is_read_only(semantic, read))
    }

    pub(crate) fn escapes(&self, name: &str) -> bool {
        self.kept_by_closure || self.escapes_directly(name)
    }

    fn escapes_directly(&self, name: &str) -> bool {
        self.around.iter().any(|&(read, parent, grandparent)| match parent {
            Some(Node::Expr(tuple @ Expr::Tuple(_))) => is_value_that_leaves(grandparent, tuple),
            Some(Node::Expr(Expr::Call(call))) => {
                let stores = matches!(call.func.as_ref(), Expr::Attribute(a)
                    if matches!(a.attr.as_str(), "append" | "appendleft" | "add" | "insert" | "setdefault"));
                stores && call.arguments.args.iter().any(|a| is_name(a, name))
            }
            _ => is_value_that_leaves(parent, read),
        })
    }
}

/// Whether `value` is what `node` returns, yields, or stores in an attribute or an item.
fn is_value_that_leaves(node: Option<Node>, value: &Expr) -> bool {
    let is_value = |v: &Expr| v.range() == value.range();
    match node {
        Some(Node::Stmt(Stmt::Return(ret))) => ret.value.as_deref().is_some_and(is_value),
        Some(Node::Expr(Expr::Yield(y))) => y.value.as_deref().is_some_and(is_value),
        Some(Node::Stmt(Stmt::Assign(assign))) => {
            is_value(&assign.value) && assign.targets.iter().any(|t| matches!(t, Expr::Attribute(_) | Expr::Subscript(_)))
        }
        Some(Node::Stmt(Stmt::AnnAssign(assign))) => {
            assign.value.as_deref().is_some_and(is_value)
                && matches!(assign.target.as_ref(), Expr::Attribute(_) | Expr::Subscript(_))
        }
        _ => false,
    }

}

/// The scope nested directly in `function` that holds `scope`; `None` when `scope` is the
/// function's own (a comprehension of it counts as its own: it runs right where it is).
fn outermost_nested(semantic: &SemanticModel, scope: ScopeId, function: ScopeId) -> Option<ScopeId> {
    let mut current = scope;
    let mut outermost = None;
    while current != function {
        let here = semantic.scope(current);
        if !matches!(here.kind, ScopeKind::Comprehension) {
            outermost = Some(current);
        }
        current = here.parent?;
    }
    outermost
}

/// Whether the call hands out the nested scope `nested` (a `def` or lambda in `function`): a
/// `def` whose name is returned, yielded, stored, passed to a call or bound to another name; a
/// lambda always (it exists only to be passed or kept somewhere).
fn handed_out(semantic: &SemanticModel, nested: ScopeId, function: ScopeId) -> bool {
    let ScopeKind::Function(def) = semantic.scope(nested).kind else { return true };
    let Some(variable) = semantic.scope(function).variable(def.name.as_str()) else { return true };
    variable.references.iter().any(|&id| {
        let read = semantic.reference(id).node;
        let Some(parent) = semantic.nodes.parent(read) else { return true };
        let Node::Expr(read_expr) = semantic.nodes.node(read) else { return true };
        match semantic.nodes.node(parent) {
            // Called here: `add(v)`.
            Node::Expr(Expr::Call(call)) => call.func.range() != read_expr.range(),
            // Any other place a name can go keeps the function: returned, stored, aliased, put
            // in a container or a tuple.
            _ => true,
        }
    })
}

/// Methods of `list`, `dict`, `set`, `deque` and `bytearray` that leave the object as it was.
const READ_ONLY_METHODS: &[&str] = &[
    "get", "keys", "values", "items", "copy", "count", "index", "startswith", "endswith", "find",
    "issubset", "issuperset", "isdisjoint", "union", "intersection", "difference", "symmetric_difference",
    "__contains__", "__len__", "__getitem__",
];

/// Builtins that read their argument and keep nothing of it.
const READ_ONLY_BUILTINS: &[&str] = &[
    "builtins.len", "builtins.bool", "builtins.str", "builtins.repr", "builtins.sorted", "builtins.list",
    "builtins.tuple", "builtins.set", "builtins.frozenset", "builtins.dict", "builtins.any", "builtins.all",
    "builtins.sum", "builtins.min", "builtins.max", "builtins.enumerate", "builtins.isinstance",
    "builtins.print", "builtins.format",
];

/// Whether one read (a node of the model) only looks at the object. An item read (`x[k]`) or a
/// reading method's result (`x.get(k)`) may be part of the object: it counts only when it is in
/// turn only looked at (`x["a"].append(1)` changes the default).
fn is_read_only(semantic: &SemanticModel, read: NodeId) -> bool {
    let nodes = &semantic.nodes;
    let Node::Expr(read_expr) = nodes.node(read) else { return false };
    let is_read = |e: &Expr| e.range() == read_expr.range();
    let Some(parent_id) = nodes.parent(read) else { return false };
    let parent = nodes.node(parent_id);
    let grandparent = nodes.parent(parent_id).map(|g| nodes.node(g));
    match parent {
        Node::Expr(Expr::Compare(_) | Expr::BinOp(_) | Expr::FString(_)) => true,
        Node::Expr(Expr::UnaryOp(unary)) => unary.op.is_not(),
        Node::Expr(Expr::Subscript(subscript)) => {
            is_read(&subscript.value) && subscript.ctx.is_load() && is_read_only(semantic, parent_id)
        }
        Node::Expr(Expr::Attribute(attribute)) => {
            let call = nodes.parent(parent_id).filter(|&g| {
                matches!(nodes.node(g), Node::Expr(Expr::Call(call)) if call.func.range() == attribute.range())
            });
            attribute.ctx.is_load()
                && READ_ONLY_METHODS.contains(&attribute.attr.as_str())
                && call.is_some_and(|call| is_read_only(semantic, call))
        }
        // `f(*args)` and `f(**kwargs)` copy the items into the call.
        Node::Expr(Expr::Starred(_)) => matches!(grandparent, Some(Node::Expr(Expr::Call(_)))),
        Node::Expr(Expr::Call(call)) => {
            let unpacked = call.arguments.keywords.iter().any(|k| k.arg.is_none() && is_read(&k.value));
            let reader = semantic.qualified_name(&call.func).is_some_and(|q| READ_ONLY_BUILTINS.contains(&q.as_str()));
            unpacked || (reader && !is_read(&call.func))
        }
        Node::Stmt(Stmt::For(for_stmt)) => is_read(&for_stmt.iter),
        Node::Stmt(Stmt::If(if_stmt)) => is_read(&if_stmt.test),
        Node::Stmt(Stmt::While(while_stmt)) => is_read(&while_stmt.test),
        Node::Expr(Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_)) => {
            comprehension_iterates(Some(parent), read_expr)
        }
        _ => false,
    }
}

/// Whether `read` is one of the iterables of the comprehension `parent`.
fn comprehension_iterates(parent: Option<Node>, read: &Expr) -> bool {
    let generators = match parent {
        Some(Node::Expr(Expr::ListComp(c))) => &c.generators,
        Some(Node::Expr(Expr::SetComp(c))) => &c.generators,
        Some(Node::Expr(Expr::DictComp(c))) => &c.generators,
        Some(Node::Expr(Expr::Generator(c))) => &c.generators,
        _ => return false,
    };
    generators.iter().any(|g| g.iter.range() == read.range())
}
