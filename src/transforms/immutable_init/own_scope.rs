//! What one statement of the `__init__` body does in the function's own scope: its returns,
//! yields, `X.__init__(...)` calls and bare `super()` uses.
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ExprCall, Stmt, StmtReturn};

use super::syntax::{is_attribute_call, is_bare_super};

/// What the body of `__init__` does in its own scope (not inside nested functions, classes and
/// lambdas, whose `return` and `super()` are theirs).
#[derive(Default)]
pub(super) struct OwnScope<'a> {
    pub(super) returns: Vec<&'a StmtReturn>,
    pub(super) yields: bool,
    /// Calls of some `X.__init__(...)`.
    pub(super) init_calls: Vec<&'a ExprCall>,
    /// `super()` without arguments: it reads the first argument, which becomes the class.
    pub(super) bare_supers: usize,
}

impl<'a> OwnScope<'a> {
    pub(super) fn of(stmt: &'a Stmt) -> Self {
        let mut scope = OwnScope::default();
        scope.visit_stmt(stmt);
        scope
    }
}

impl<'a> Visitor<'a> for OwnScope<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(func) => {
                for decorator in &func.decorator_list {
                    self.visit_decorator(decorator);
                }
                for default in func.parameters.iter_non_variadic_params().filter_map(|p| p.default()) {
                    self.visit_expr(default);
                }
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
            }
            Stmt::Return(ret) => {
                self.returns.push(ret);
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Lambda(lambda) => {
                let parameters = lambda.parameters.iter().flat_map(|p| p.iter_non_variadic_params());
                for default in parameters.filter_map(|p| p.default()) {
                    self.visit_expr(default);
                }
                return;
            }
            Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) => self.yields = true,
            Expr::Call(call) if is_attribute_call(call, "__init__") => self.init_calls.push(call),
            _ if is_bare_super(expr) => self.bare_supers += 1,
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}
