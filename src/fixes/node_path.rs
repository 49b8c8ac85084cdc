//! The chain of nodes from a body down to one node. The engine's walk only knows the statements
//! that enclose a node; an analysis that needs the expressions around it too (is a lambda the
//! argument of a call, the element of a comprehension, the value of an assignment?) finds them
//! here, along with the field of its parent that holds it.
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

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

/// The nodes from a statement of `body` down to the node at `range` that `is_target` accepts,
/// outermost first and that node last; `None` when `body` holds no such node. Nested bodies,
/// decorators, defaults, comprehensions and f-string replacement fields are all searched.
pub(crate) fn path_to<'a>(
    body: &'a [Stmt],
    range: TextRange,
    is_target: impl Fn(Node<'a>) -> bool,
) -> Option<Vec<Node<'a>>> {
    let mut path = Vec::new();
    let mut candidates: Vec<Node<'a>> = body.iter().map(Node::Stmt).collect();
    loop {
        // Only an expression statement can have the range of its child; the child is then the
        // next candidate, so taking the first container never skips the target.
        let next = candidates.into_iter().find(|c| c.range().contains_range(range))?;
        path.push(next);
        if next.range() == range && is_target(next) {
            return Some(path);
        }
        candidates = children(next);
    }
}

/// The statements and expressions directly under a node, in evaluation order.
pub(crate) fn children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut collector = Children::default();
    match node {
        Node::Stmt(stmt) => visitor::walk_stmt(&mut collector, stmt),
        Node::Expr(expr) => visitor::walk_expr(&mut collector, expr),
    }
    collector.nodes
}

#[derive(Default)]
struct Children<'a> {
    nodes: Vec<Node<'a>>,
}

impl<'a> Visitor<'a> for Children<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.nodes.push(Node::Stmt(stmt));
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.nodes.push(Node::Expr(expr));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::parse;

    /// The kinds along the path to the first node whose text is `target`.
    fn kinds(source: &str, target: &str, lambda: bool) -> Vec<String> {
        let parsed = parse(source);
        let start = source.find(target).expect("target in source");
        let range = TextRange::at(
            ruff_text_size::TextSize::try_from(start).expect("small"),
            target.len().try_into().expect("small"),
        );
        let path = path_to(&parsed.syntax().body, range, |n| match n {
            Node::Expr(Expr::Lambda(_)) => lambda,
            Node::Expr(Expr::Name(_)) => !lambda,
            Node::Stmt(Stmt::FunctionDef(_)) => !lambda,
            _ => false,
        })
        .expect("path found");
        path.iter()
            .map(|n| match n {
                Node::Stmt(_) => "S".to_owned(),
                Node::Expr(e) => format!("E:{}", &source[e.range()].chars().take(6).collect::<String>()),
            })
            .collect()
    }

    #[test]
    fn finds_a_lambda_inside_call_arguments_in_a_loop() {
        let src = "for m in ms:\n    cbs.append(lambda: print(m))\n";
        let path = kinds(src, "lambda: print(m)", true);
        assert_eq!(path, ["S", "S", "E:cbs.ap", "E:lambda"]);
    }

    #[test]
    fn finds_a_name_in_a_comprehension_and_an_fstring() {
        let src = "x = [f'{y}' for _ in z]\n";
        let path = kinds(src, "y", false);
        // Assign, ListComp, FString, Name (the range of `y`).
        assert_eq!(path.len(), 4);
        assert_eq!(path[1], "E:[f'{y}");
    }

    #[test]
    fn expression_statement_yields_its_expression() {
        let src = "lambda: 1\n";
        let parsed = parse(src);
        let lambda_range = TextRange::new(0.into(), 9.into());
        let path =
            path_to(&parsed.syntax().body, lambda_range, |n| matches!(n, Node::Expr(Expr::Lambda(_)))).expect("found");
        assert_eq!(path.len(), 2);
        assert!(path[0].stmt().is_some() && path[1].expr().is_some());
        assert!(!path[0].is(path[1]));
    }

    #[test]
    fn finds_defaults_and_decorators() {
        let src = "@d(lambda: 1)\ndef f(x=lambda: 2):\n    pass\n";
        assert_eq!(kinds(src, "lambda: 2", true).len(), 2);
        assert_eq!(kinds(src, "lambda: 1", true), ["S", "E:d(lamb", "E:lambda"]);
    }

    #[test]
    fn missing_target_is_none() {
        let parsed = parse("x = 1\n");
        assert!(path_to(&parsed.syntax().body, TextRange::new(0.into(), 1.into()), |_| false).is_none());
    }
}
