//! What one scope's own code does inside a stretch of the module: the nodes under a statement,
//! whether a node's code runs in a given scope, the bindings made inside a range, and the class
//! a name refers to. For a transform that asks what a function body does (its `return`s, its
//! calls, what it rebinds) without walking the body again.
use ruff_python_ast::{ExprName, StmtClassDef};
use ruff_text_size::{Ranged, TextRange};

use crate::semantic::{Binding, BindingId, BindingKind, NodeId, Nodes, Resolution, ScopeId, ScopeKind, SemanticModel};

impl Nodes<'_> {
    /// The node and every node under it, in walk order. The table lists a parent before its
    /// children, so the nodes under one follow it without a gap, up to the first node whose
    /// parent comes before it.
    pub(crate) fn subtree(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let len = u32::try_from(self.len()).expect("fewer than 2^32 nodes");
        let end = (id.0 + 1..len).find(|&next| self.parent(NodeId(next)).is_none_or(|parent| parent < id)).unwrap_or(len);
        (id.0..end).map(NodeId)
    }
}

impl<'a> SemanticModel<'a> {
    /// Whether the node's code runs as the code of `scope` itself: in the scope, or in a
    /// comprehension of it (which runs right where it is), not in a nested function, lambda or
    /// class body.
    pub(crate) fn runs_in(&self, node: NodeId, scope: ScopeId) -> bool {
        let mut current = self.nodes.scope(node);
        loop {
            if current == scope {
                return true;
            }
            let here = self.scope(current);
            match (here.kind, here.parent) {
                (ScopeKind::Comprehension, Some(parent)) => current = parent,
                _ => return false,
            }
        }
    }

    /// The bindings `scope` gets from code inside `range`, in walk order: assignments, loop and
    /// `with` targets, walruses (from its comprehensions too), imports, `def` / `class` names,
    /// `except ... as` and `match` names, `del` and `global` / `nonlocal` declarations. Not
    /// what nested functions, lambdas, classes and comprehension targets bind.
    pub(crate) fn bindings_in(&self, scope: ScopeId, range: TextRange) -> Vec<&Binding<'a>> {
        let mut ids: Vec<BindingId> = self.scope(scope).bound().flat_map(|v| v.bindings.iter().copied()).collect();
        ids.sort_unstable();
        ids.into_iter().map(|id| self.binding(id)).filter(|b| range.contains_range(b.range)).collect()
    }

    /// The names stored or deleted through a `Name` node inside `range`, by the code of `scope`
    /// and of every scope nested in it (`x = 1`, `for x in`, `x := 1`, `del x`, a comprehension
    /// target), in no particular order. With [`Self::references_in`], every `Name` in a range.
    pub(crate) fn names_stored_in(&self, scope: ScopeId, range: TextRange) -> Vec<(&'a str, TextRange)> {
        let last = self.scope(scope).last_nested;
        (scope.0..=last.0)
            .flat_map(|id| self.bindings_in(ScopeId(id), range))
            .filter(|b| is_name_node(&b.kind))
            .map(|b| (b.name, b.range))
            .collect()
    }

    /// The class statement a name refers to: the one `class` of that name in the scope whose
    /// variable the name reads. `None` when that scope has no class of the name, or several
    /// (which one is meant depends on the run), and for a name the model did not see read.
    pub(crate) fn class_of_name(&self, name: &ExprName) -> Option<&'a StmtClassDef> {
        self.class_named(self.scope_of_read(name)?, name.id.as_str())
    }

    /// The scope whose variable a read name sees (the module's through `global`); `None` for
    /// a builtin or undefined name, and for a name the model did not see read.
    pub(crate) fn scope_of_read(&self, name: &ExprName) -> Option<ScopeId> {
        let reference = self.reference_at(name.start()).filter(|r| r.range == name.range)?;
        match reference.resolution {
            Resolution::Scope(scope) => Some(scope),
            Resolution::Global { .. } => Some(ScopeId::MODULE),
            Resolution::Unbound => None,
        }
    }
}

/// Bindings made through a `Name` node in a store or delete context (the others come from an
/// identifier: a parameter, an import, a `def` name, an `except ... as` name).
fn is_name_node(kind: &BindingKind) -> bool {
    matches!(
        kind,
        BindingKind::Assignment
            | BindingKind::AugmentedAssignment
            | BindingKind::AnnotatedAssignment { .. }
            | BindingKind::LoopTarget
            | BindingKind::WithTarget
            | BindingKind::Walrus
            | BindingKind::Deletion
            | BindingKind::ComprehensionTarget
            | BindingKind::TypeAlias
    )
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::{Expr, Stmt, StmtFunctionDef};
    use ruff_python_parser::parse_module;
    use ruff_text_size::{Ranged, TextRange};

    use crate::semantic::{Node, SemanticModel};

    fn function(module: &ruff_python_ast::ModModule) -> &StmtFunctionDef {
        module.body.iter().find_map(|s| s.as_function_def_stmt()).expect("a function")
    }

    #[test]
    fn subtree_is_the_node_and_everything_under_it() {
        let source = "def f(a=d):\n    x = [y for y in z]\n    return x\nw = 1\n";
        let parsed = parse_module(source).expect("parses");
        let model = SemanticModel::build(parsed.syntax());
        let func = function(parsed.syntax());
        let id = model.nodes.stmt_id(&parsed.syntax().body[0]).expect("in the table");
        let inside: Vec<Node> = model.nodes.subtree(id).map(|n| model.nodes.node(n)).collect();
        assert!(inside.iter().all(|n| func.range().contains_range(n.range())));
        // The def, the default `d`, the assignment, its list, `z`, `y`, `y`, `x`, the return, `x`.
        assert_eq!(inside.len(), 10);
        let last = model.nodes.stmt_id(&parsed.syntax().body[1]).expect("in the table");
        assert_eq!(model.nodes.subtree(last).count(), 3);
    }

    #[test]
    fn own_code_includes_comprehensions_not_nested_functions() {
        let source = "def f():\n    a = [b for b in c]\n    g = lambda: d\n    def h(e=k):\n        m\n";
        let parsed = parse_module(source).expect("parses");
        let model = SemanticModel::build(parsed.syntax());
        let scope = model.function_scope(function(parsed.syntax())).expect("a scope");
        let id = model.nodes.stmt_id(&parsed.syntax().body[0]).expect("in the table");
        let own: Vec<&str> = model
            .nodes
            .subtree(id)
            .filter(|&n| model.runs_in(n, scope))
            .filter_map(|n| match model.nodes.node(n) {
                Node::Expr(Expr::Name(name)) => Some(name.id.as_str()),
                _ => None,
            })
            .collect();
        // In evaluation order: the first iterable, the comprehension's target and element, then
        // the assignment's target; the lambda's body and `h`'s body are not `f`'s own code.
        assert_eq!(own, ["c", "b", "b", "a", "g", "k"]);
    }

    #[test]
    fn bindings_in_a_range_of_one_scope() {
        let source = "def f(p):\n    if t:\n        x = 1\n        for y in z: pass\n    del w\n    [q for q in r if (n := q)]\n    def g(v): u = 1\n";
        let parsed = parse_module(source).expect("parses");
        let model = SemanticModel::build(parsed.syntax());
        let func = function(parsed.syntax());
        let scope = model.function_scope(func).expect("a scope");
        let names = |range: TextRange| model.bindings_in(scope, range).iter().map(|b| b.name).collect::<Vec<_>>();
        assert_eq!(names(func.body[0].range()), ["x", "y"]);
        let whole = TextRange::new(func.body[0].start(), func.body[3].end());
        assert_eq!(names(whole), ["x", "y", "w", "n", "g"]);
        let mut stored: Vec<&str> = model.names_stored_in(scope, whole).into_iter().map(|(n, _)| n).collect();
        stored.sort_unstable();
        assert_eq!(stored, ["n", "q", "u", "w", "x", "y"]);
    }

    #[test]
    fn the_class_a_name_refers_to() {
        let source = "class A: pass\ndef f():\n    class A: pass\n    class B(A): pass\nclass C(A): pass\nclass D(E): pass\n";
        let parsed = parse_module(source).expect("parses");
        let model = SemanticModel::build(parsed.syntax());
        let base_of = |stmt: &Stmt| {
            let Stmt::ClassDef(class) = stmt else { panic!("a class") };
            let Some(Expr::Name(name)) = class.arguments.as_ref().and_then(|a| a.args.first()) else { panic!("a base") };
            model.class_of_name(name).map(|c| c.range())
        };
        let body = &parsed.syntax().body;
        let Stmt::FunctionDef(func) = &body[1] else { panic!("a function") };
        assert_eq!(base_of(&func.body[1]), Some(func.body[0].range()));
        assert_eq!(base_of(&body[2]), Some(body[0].range()));
        assert_eq!(base_of(&body[3]), None);
    }
}
