//! Whether code yields in its own scope: that makes a function a generator (an `async def` an
//! async generator), whose body runs only when it is iterated. Nested functions and lambdas are
//! scopes of their own and do not count.
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};

/// A `yield` or `yield from` in the body, outside nested functions, classes and lambdas.
pub(crate) fn body_yields(body: &[Stmt]) -> bool {
    let mut finder = Yields(false);
    finder.visit_body(body);
    finder.0
}

/// A `yield` or `yield from` in the expression, outside nested lambdas.
pub(crate) fn expr_yields(expr: &Expr) -> bool {
    let mut finder = Yields(false);
    finder.visit_expr(expr);
    finder.0
}

struct Yields(bool);

impl<'a> Visitor<'a> for Yields {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Yield(_) | Expr::YieldFrom(_) => self.0 = true,
            Expr::Lambda(_) => {}
            _ => visitor::walk_expr(self, expr),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::parse;

    #[test]
    fn only_the_own_scope_counts() {
        let parsed = parse("x = yield 1\n");
        assert!(body_yields(&parsed.syntax().body));
        let parsed = parse("def g():\n    yield 1\nf = lambda: (yield)\n");
        assert!(!body_yields(&parsed.syntax().body));
    }
}
