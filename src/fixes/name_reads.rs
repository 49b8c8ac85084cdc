//! Where a binding is read: every read of a name in a scope that sees the scope's own variable,
//! including reads from functions nested in it (which may run at any later time). A transform that
//! follows a value through the name it is assigned to needs each of these places.
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ExprContext, Stmt};
use ruff_text_size::TextRange;

use crate::fixes::binding_flow::binds_target;
use crate::fixes::bound_names::{function_scope_names, lambda_scope_names, module_scope_names};

/// A read of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Read {
    pub(crate) range: TextRange,
    /// In a function, lambda or class nested in the scope.
    pub(crate) nested: bool,
}

/// The reads of `name` in `body` that see the scope's variable: nested functions, lambdas,
/// classes and comprehensions that bind the name themselves are skipped (the defaults and
/// decorators of a function, and the first iterable of a comprehension, still count). Reads
/// inside `exclude` are left out (a function reading its own name).
pub(crate) fn name_reads(body: &[Stmt], name: &str, exclude: TextRange) -> Vec<Read> {
    let mut finder = Reads { name, exclude, nested: 0, reads: Vec::new() };
    finder.visit_body(body);
    finder.reads
}

struct Reads<'n> {
    name: &'n str,
    exclude: TextRange,
    nested: usize,
    reads: Vec<Read>,
}

impl Reads<'_> {
    fn nested_scope(&mut self, binds: bool, visit: impl FnOnce(&mut Self)) {
        if !binds {
            self.nested += 1;
            visit(self);
            self.nested -= 1;
        }
    }
}

impl<'a> Visitor<'a> for Reads<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(func) => {
                func.decorator_list.iter().for_each(|d| self.visit_decorator(d));
                self.visit_parameters(&func.parameters);
                let binds = function_scope_names(func).contains(self.name);
                self.nested_scope(binds, |r| r.visit_body(&func.body));
            }
            Stmt::ClassDef(class) => {
                class.decorator_list.iter().for_each(|d| self.visit_decorator(d));
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                let binds = module_scope_names(&class.body).contains(self.name);
                self.nested_scope(binds, |r| r.visit_body(&class.body));
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        let generators = match expr {
            Expr::ListComp(c) => Some(&c.generators),
            Expr::SetComp(c) => Some(&c.generators),
            Expr::DictComp(c) => Some(&c.generators),
            Expr::Generator(c) => Some(&c.generators),
            _ => None,
        };
        match expr {
            Expr::Name(n) if n.ctx == ExprContext::Load && n.id.as_str() == self.name => {
                if !self.exclude.contains_range(n.range) {
                    self.reads.push(Read { range: n.range, nested: self.nested > 0 });
                }
            }
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameters(parameters);
                }
                let binds = lambda_scope_names(lambda).contains(self.name);
                self.nested_scope(binds, |r| r.visit_expr(&lambda.body));
            }
            _ => match generators {
                Some(generators) if generators.iter().any(|g| binds_target(&g.target, self.name)) => {
                    if let Some(first) = generators.first() {
                        self.visit_expr(&first.iter);
                    }
                }
                _ => visitor::walk_expr(self, expr),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use ruff_text_size::TextSize;

    use super::*;
    use crate::edits::test_support::parse;

    /// The reads of `f`, as (line, nested).
    fn reads(source: &str, exclude: TextRange) -> Vec<(usize, bool)> {
        let parsed = parse(source);
        let line = |r: &Read| source[..usize::from(r.range.start())].matches('\n').count() + 1;
        name_reads(&parsed.syntax().body, "f", exclude).iter().map(|r| (line(r), r.nested)).collect()
    }

    #[test]
    fn reads_in_the_scope_and_in_nested_scopes() {
        let src = "f = 1\nprint(f)\ndef g(x=f):\n    return f\nh = lambda: f\nf = 2\n";
        assert_eq!(reads(src, TextRange::default()), [(2, false), (3, false), (4, true), (5, true)]);
    }

    #[test]
    fn scopes_that_bind_the_name_are_skipped() {
        let src = "def g(f):\n    return f\nh = lambda f: f\nk = [f for f in f]\nclass C:\n    f = 1\n    x = f\n";
        assert_eq!(reads(src, TextRange::default()), [(4, false)]);
    }

    #[test]
    fn excluded_range_is_left_out() {
        let src = "def f():\n    return f()\nf()\n";
        let def_end = TextSize::try_from(src.find("f()\n").expect("in source") + 4).expect("small");
        let exclude = TextRange::new(TextSize::new(0), def_end);
        assert_eq!(reads(src, exclude), [(3, false)]);
    }
}
