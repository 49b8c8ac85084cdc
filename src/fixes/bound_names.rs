//! The names a scope binds, so that a fix introducing a variable or import can pick one that
//! shadows nothing. A scope's names come from its own statements, including those nested in
//! `if` / `for` / `with` / `try` / `match` blocks, but not from the bodies of nested functions,
//! classes and lambdas, nor from the loop variables of comprehensions: those are scopes of
//! their own. A walrus inside a comprehension does bind in the enclosing scope, so it counts.
use std::collections::HashSet;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{ExceptHandler, Expr, ExprContext, ExprLambda, Pattern, Stmt, StmtFunctionDef};

/// The names local to `func`'s scope: its parameters, every name its body binds (assignment,
/// `for`, `with ... as`, `except ... as`, imports, `match` captures, `del`, nested `def` /
/// `class` names) and the names it declares `global` / `nonlocal` (which it can also rebind).
pub(crate) fn function_scope_names(func: &StmtFunctionDef) -> HashSet<&str> {
    let mut binder = Binder::default();
    for parameter in func.parameters.iter() {
        binder.names.insert(parameter.name().as_str());
    }
    binder.visit_body(&func.body);
    binder.names
}

/// The names local to a lambda: its parameters and the walrus targets of its body (a walrus in
/// a comprehension of the body included), with the same rules as [`function_scope_names`].
pub(crate) fn lambda_scope_names(lambda: &ExprLambda) -> HashSet<&str> {
    let mut binder = Binder::default();
    for parameter in lambda.parameters.iter().flat_map(|p| p.iter()) {
        binder.names.insert(parameter.name().as_str());
    }
    binder.visit_expr(&lambda.body);
    binder.names
}

/// The names a module binds at its top level (its global scope), with the same rules as
/// [`function_scope_names`].
pub(crate) fn module_scope_names(body: &[Stmt]) -> HashSet<&str> {
    let mut binder = Binder::default();
    binder.visit_body(body);
    binder.names
}

#[derive(Default)]
struct Binder<'a> {
    names: HashSet<&'a str>,
    /// How many comprehensions enclose the current node; their targets are not ours.
    comprehensions: usize,
}

impl<'a> Visitor<'a> for Binder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            // The name is ours; decorators, defaults and bases run in this scope; bodies don't.
            Stmt::FunctionDef(func) => {
                self.names.insert(func.name.as_str());
                for decorator in &func.decorator_list {
                    self.visit_decorator(decorator);
                }
                for default in func.parameters.iter_non_variadic_params().filter_map(|p| p.default()) {
                    self.visit_expr(default);
                }
            }
            Stmt::ClassDef(class) => {
                self.names.insert(class.name.as_str());
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
            }
            Stmt::Global(global) => self.names.extend(global.names.iter().map(|n| n.as_str())),
            Stmt::Nonlocal(nonlocal) => self.names.extend(nonlocal.names.iter().map(|n| n.as_str())),
            Stmt::Import(import) => {
                for alias in &import.names {
                    // `import a.b` binds `a`.
                    let bound = alias.asname.as_ref().map_or_else(
                        || alias.name.as_str().split('.').next().unwrap_or_default(),
                        |asname| asname.as_str(),
                    );
                    self.names.insert(bound);
                }
            }
            Stmt::ImportFrom(import) => {
                let bound = import.names.iter().filter(|alias| alias.name.as_str() != "*");
                self.names.extend(bound.map(|a| a.asname.as_ref().unwrap_or(&a.name).as_str()));
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) if matches!(name.ctx, ExprContext::Store | ExprContext::Del) => {
                if self.comprehensions == 0 {
                    self.names.insert(name.id.as_str());
                }
            }
            Expr::Named(named) => {
                if let Expr::Name(target) = &*named.target {
                    self.names.insert(target.id.as_str());
                }
                self.visit_expr(&named.value);
            }
            // Only the defaults run in this scope.
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    for default in parameters.iter_non_variadic_params().filter_map(|p| p.default()) {
                        self.visit_expr(default);
                    }
                }
            }
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                self.comprehensions += 1;
                visitor::walk_expr(self, expr);
                self.comprehensions -= 1;
            }
            _ => visitor::walk_expr(self, expr),
        }
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        let ExceptHandler::ExceptHandler(inner) = handler;
        if let Some(name) = &inner.name {
            self.names.insert(name.as_str());
        }
        visitor::walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        let captured = match pattern {
            Pattern::MatchAs(p) => p.name.as_ref(),
            Pattern::MatchStar(p) => p.name.as_ref(),
            Pattern::MatchMapping(p) => p.rest.as_ref(),
            _ => None,
        };
        if let Some(name) = captured {
            self.names.insert(name.as_str());
        }
        visitor::walk_pattern(self, pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::{first_function, parse};

    fn sorted(names: HashSet<&str>) -> Vec<&str> {
        let mut names: Vec<&str> = names.into_iter().collect();
        names.sort_unstable();
        names
    }

    fn function_names(source: &str) -> Vec<String> {
        let parsed = parse(source);
        let names = sorted(function_scope_names(first_function(parsed.syntax())));
        names.into_iter().map(str::to_string).collect()
    }

    #[test]
    fn parameters_of_every_kind() {
        assert_eq!(function_names("def f(a, /, b=1, *c, d, e=2, **g): pass\n"), ["a", "b", "c", "d", "e", "g"]);
    }

    #[test]
    fn statements_that_bind() {
        let src = "\
def f():
    a = b = 1
    c, [d, *e] = x
    f.attr = 1
    g[0] = 2
    h += 1
    i: int
    for j in range(3):
        with open(p) as k, open(q) as (l, m):
            pass
    try:
        pass
    except E as n:
        del o
    import p1.p2, q1 as q2
    from r import s, t as u
    from v import *
    global w
    nonlocal z
    type T = int
";
        assert_eq!(
            function_names(src),
            ["T", "a", "b", "c", "d", "e", "h", "i", "j", "k", "l", "m", "n", "o", "p1", "q2", "s", "u", "w", "z"]
        );
    }

    #[test]
    fn nested_scopes_bind_only_their_name() {
        let src = "\
def f():
    @deco(dv := 1)
    def inner(p=(dd := 2)):
        hidden = 1
    class K(base := object):
        attr = 1
    lam = lambda q=(ld := 3): (lw := q)
    return [y for y in range(3) if (w := y)], {k: v for k, v in x}, (g for g in x)
";
        assert_eq!(function_names(src), ["K", "base", "dd", "dv", "inner", "lam", "ld", "w"]);
    }

    #[test]
    fn lambda_parameters_and_walrus_targets() {
        let parsed = parse("f = lambda a, *b, c=x, **d: [(e := y) for g in h] + (i := 1) + (lambda j: (k := j))\n");
        let Some(Stmt::Assign(assign)) = parsed.syntax().body.first() else { panic!("an assignment") };
        let Expr::Lambda(lambda) = assign.value.as_ref() else { panic!("a lambda") };
        assert_eq!(sorted(lambda_scope_names(lambda)), ["a", "b", "c", "d", "e", "i"]);
    }

    #[test]
    fn match_captures() {
        let src = "\
def f(x):
    match x:
        case [a, *rest]:
            pass
        case {'k': b, **kw}:
            pass
        case Point(x=c) | Point(y=c) as whole:
            pass
        case _:
            pass
";
        assert_eq!(function_names(src), ["a", "b", "c", "kw", "rest", "whole", "x"]);
    }

    #[test]
    fn module_scope_includes_nested_blocks_but_not_functions() {
        let src = "\
import os.path
from contextlib import aclosing as acl
if x:
    y = 1
else:
    try:
        import json
    except ImportError:
        json = None
def f(a):
    local = 1
class C:
    attr = 2
";
        let parsed = parse(src);
        assert_eq!(sorted(module_scope_names(&parsed.syntax().body)), ["C", "acl", "f", "json", "os", "y"]);
    }
}
