//! The two things loop-closure looks at: the closure made in a loop (a lambda or a `def`) and a
//! loop around it, with the shape questions the analysis asks of each.
use ruff_python_ast::{Comprehension, Expr, ExprLambda, Stmt, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use crate::edits::add_parameters::Signature;
use crate::semantic::queries::reads::FreeName;
use crate::semantic::{Node, ScopeId, SemanticModel};

/// The function made in a loop.
#[derive(Clone, Copy)]
pub(super) enum Closure<'a> {
    Lambda(&'a Expr, &'a ExprLambda),
    Def(&'a Stmt, &'a StmtFunctionDef),
}

impl<'a> Closure<'a> {
    fn node(self) -> Node<'a> {
        match self {
            Closure::Lambda(expr, _) => Node::Expr(expr),
            Closure::Def(stmt, _) => Node::Stmt(stmt),
        }
    }

    pub(super) fn range(self) -> TextRange {
        self.node().range()
    }

    /// Where the closure sits in the model's node table.
    /// The scope the closure's body runs in.
    fn scope(self, semantic: &SemanticModel<'a>) -> Option<ScopeId> {
        match self {
            Closure::Lambda(_, lambda) => semantic.lambda_scope(lambda),
            Closure::Def(_, func) => semantic.function_scope(func),
        }
    }

    /// What the body reads from outside, in the order of the first reads.
    pub(super) fn free_names(self, semantic: &SemanticModel<'a>) -> Vec<FreeName<'a>> {
        self.scope(semantic).map_or_else(Vec::new, |scope| semantic.free_names_of(scope))
    }

    pub(super) fn has_parameters(self) -> bool {
        match self {
            Closure::Lambda(_, lambda) => lambda.parameters.as_ref().is_some_and(|p| !p.is_empty()),
            Closure::Def(_, func) => !func.parameters.is_empty(),
        }
    }

    /// Calling it does not run its body: an `async def` gives a coroutine, a generator function
    /// a generator, and the body runs when that is awaited or iterated.
    pub(super) fn runs_later_when_called(self, semantic: &SemanticModel<'a>) -> bool {
        let is_async = matches!(self, Closure::Def(_, func) if func.is_async);
        is_async || self.scope(semantic).is_some_and(|scope| semantic.scope(scope).is_generator)
    }

    pub(super) fn describe(self) -> String {
        match self {
            Closure::Lambda(..) => "the lambda".to_owned(),
            Closure::Def(_, func) => format!("`{}`", func.name),
        }
    }

    pub(super) fn signature(self) -> Signature<'a> {
        match self {
            Closure::Lambda(_, lambda) => Signature::Lambda(lambda),
            Closure::Def(_, func) => Signature::Def(func),
        }
    }
}

/// A loop around the closure, in the closure's own scope.
#[derive(Clone, Copy)]
pub(super) struct Loop<'a> {
    /// Index of the loop in the path from the module to the closure.
    pub(super) index: usize,
    pub(super) node: Node<'a>,
}

impl<'a> Loop<'a> {
    pub(super) fn comprehension(self) -> Option<&'a [Comprehension]> {
        self.node.expr().and_then(generators)
    }

    pub(super) fn describe(self) -> &'static str {
        match self.node {
            Node::Stmt(Stmt::For(f)) if f.is_async => "`async for` loop",
            Node::Stmt(Stmt::For(_)) => "`for` loop",
            Node::Stmt(_) => "`while` loop",
            Node::Expr(Expr::ListComp(_)) => "list comprehension",
            Node::Expr(Expr::SetComp(_)) => "set comprehension",
            Node::Expr(Expr::DictComp(_)) => "dict comprehension",
            Node::Expr(_) => "generator expression",
        }
    }

    /// The statements run on each iteration (none for a comprehension).
    pub(super) fn body(self) -> &'a [Stmt] {
        match self.node {
            Node::Stmt(Stmt::For(f)) => &f.body,
            Node::Stmt(Stmt::While(w)) => &w.body,
            _ => &[],
        }
    }
}

pub(super) fn generators(expr: &Expr) -> Option<&[Comprehension]> {
    match expr {
        Expr::ListComp(c) => Some(&c.generators),
        Expr::SetComp(c) => Some(&c.generators),
        Expr::DictComp(c) => Some(&c.generators),
        Expr::Generator(c) => Some(&c.generators),
        _ => None,
    }
}

/// Whether `child` is what a comprehension produces (its element, or a dict comprehension's key
/// or value), as opposed to its iterables and conditions.
pub(super) fn is_element(comprehension: &Expr, child: Node) -> bool {
    match comprehension {
        Expr::ListComp(c) => child.is(Node::Expr(&c.elt)),
        Expr::SetComp(c) => child.is(Node::Expr(&c.elt)),
        Expr::Generator(c) => child.is(Node::Expr(&c.elt)),
        Expr::DictComp(c) => {
            child.is(Node::Expr(&c.value)) || c.key.as_deref().is_some_and(|k| child.is(Node::Expr(k)))
        }
        _ => false,
    }
}
