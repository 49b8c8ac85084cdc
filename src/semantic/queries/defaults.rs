//! Whether a parameter's default can move into the function body (mutable-default,
//! call-default): not when the signature only documents it, nor when the default reads a name
//! that means something else inside the function.
use ruff_python_ast::helpers::{any_over_expr, is_docstring_stmt};
use ruff_python_ast::{Expr, Stmt, StmtClassDef, StmtFunctionDef};

use crate::semantic::SemanticModel;

const OVERLOAD: &[&str] = &["typing.overload", "typing_extensions.overload"];

impl<'a> SemanticModel<'a> {
    /// Why the defaults of `func` only document its signature, if they do: a stub file, an
    /// `@overload`, a body of `...` or `pass`.
    pub(crate) fn signature_only(&self, func: &StmtFunctionDef, is_stub: bool) -> Option<&'static str> {
        if is_stub {
            return Some("a stub file documents the signature");
        }
        if func.decorator_list.iter().any(|d| self.is_one_of(&d.expression, OVERLOAD)) {
            return Some("an @overload signature documents the default");
        }
        if is_stub_body(&func.body) {
            return Some("the body is a stub (`...` or `pass`), so the default documents the signature");
        }
        None
    }

    /// A name `default` reads that the body of `func` rebinds (or, for a method, that its
    /// `class` body binds): moved into the body, the default would read something else.
    pub(crate) fn rebound_name_in_default(
        &self,
        func: &StmtFunctionDef,
        class: Option<&StmtClassDef>,
        default: &Expr,
    ) -> Option<String> {
        let function = self.function_scope(func)?;
        let class = class.and_then(|class| self.class_scope(class));
        let binds = |name: &str| self.binds(function, name) || class.is_some_and(|c| self.binds(c, name));
        let mut clash = None;
        any_over_expr(default, |expr| {
            if let Expr::Name(name) = expr
                && binds(name.id.as_str())
            {
                clash = Some(name.id.to_string());
                return true;
            }
            false
        });
        clash
    }
}

/// A body with nothing but a docstring, `...` and `pass`.
fn is_stub_body(body: &[Stmt]) -> bool {
    body.iter().all(|stmt| match stmt {
        Stmt::Pass(_) => true,
        Stmt::Expr(expr) => is_docstring_stmt(stmt) || matches!(expr.value.as_ref(), Expr::EllipsisLiteral(_)),
        _ => false,
    })
}
