//! Which names a body reads. A fix that introduces a name must not shadow one the code reads
//! (a global, a builtin, a closure variable), and a fix that removes or renames a binding needs
//! to know whether anything still reads it.
use std::collections::HashSet;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ExprContext, Stmt};

/// Every name read somewhere in `body`, nested functions, classes, lambdas and comprehensions
/// included (a closure reads the enclosing variable). `x += 1` reads `x`. Names inside string
/// annotations are not parsed and so not seen.
pub(crate) fn loaded_names(body: &[Stmt]) -> HashSet<&str> {
    let mut loads = Loads::default();
    loads.visit_body(body);
    loads.names
}

/// Whether `name` is read anywhere in `body`, with the rules of [`loaded_names`].
pub(crate) fn is_name_loaded(name: &str, body: &[Stmt]) -> bool {
    loaded_names(body).contains(name)
}

#[derive(Default)]
struct Loads<'a> {
    names: HashSet<&'a str>,
}

impl<'a> Visitor<'a> for Loads<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if let Stmt::AugAssign(aug) = stmt
            && let Expr::Name(target) = &*aug.target
        {
            self.names.insert(target.id.as_str());
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr
            && name.ctx == ExprContext::Load
        {
            self.names.insert(name.id.as_str());
        }
        visitor::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::parse;

    fn loaded(source: &str) -> Vec<String> {
        let parsed = parse(source);
        let mut names: Vec<String> = loaded_names(&parsed.syntax().body).into_iter().map(str::to_string).collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn reads_not_writes() {
        assert_eq!(loaded("a = b\nc.d = e[f]\ndel g\nh += 1\n"), ["b", "c", "e", "f", "h"]);
    }

    #[test]
    fn reads_in_nested_scopes_count() {
        let src = "def f(p=default):\n    return lambda: [x + y for x in z]\nclass C(Base):\n    attr = value\n";
        assert_eq!(loaded(src), ["Base", "default", "value", "x", "y", "z"]);
    }

    #[test]
    fn is_name_loaded_checks_one_name() {
        let parsed = parse("x = 1\nprint(y)\n");
        let body = &parsed.syntax().body;
        assert!(is_name_loaded("print", body));
        assert!(is_name_loaded("y", body));
        assert!(!is_name_loaded("x", body));
    }
}
