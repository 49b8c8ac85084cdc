//! Structural helpers over the blocks of compound statements: whether a statement binds a name
//! on every path through it, which block holds a statement. They look at the shape of the code,
//! not at scopes, so the model does not precompute them.
use ruff_python_ast::visitor::Visitor;
use ruff_python_ast::helpers::any_over_expr;
use ruff_python_ast::{ExceptHandler, Expr, Stmt, StmtFunctionDef, WithItem};
use ruff_text_size::Ranged;

/// Whether an assignment target binds `name` (`name`, `(a, name)`, `[*name]`; not `a.name`).
pub(crate) fn binds_target(target: &Expr, name: &str) -> bool {
    match target {
        Expr::Name(n) => n.id.as_str() == name,
        Expr::Tuple(tuple) => tuple.iter().any(|e| binds_target(e, name)),
        Expr::List(list) => list.iter().any(|e| binds_target(e, name)),
        Expr::Starred(starred) => binds_target(&starred.value, name),
        _ => false,
    }
}

/// Whether an expression holds a walrus that binds `name`.
pub(crate) fn walrus_binds(expr: &Expr, name: &str) -> bool {
    any_over_expr(
        expr,
        |e| matches!(e, Expr::Named(n) if matches!(n.target.as_ref(), Expr::Name(t) if t.id.as_str() == name)),
    )
}

/// Whether an `import` / `from ... import` statement binds `name` (`import a.b` binds `a`).
fn import_binds(stmt: &Stmt, name: &str) -> bool {
    match stmt {
        Stmt::Import(import) => import.names.iter().any(|alias| match &alias.asname {
            Some(asname) => asname.as_str() == name,
            None => alias.name.as_str().split('.').next() == Some(name),
        }),
        Stmt::ImportFrom(import) => {
            import.names.iter().any(|alias| alias.asname.as_ref().unwrap_or(&alias.name).as_str() == name)
        }
        _ => false,
    }
}

/// Every block of a compound statement: bodies, `else`/`elif` clauses, handlers, `finally`,
/// `case` bodies.
pub(crate) fn blocks(stmt: &Stmt) -> Vec<&[Stmt]> {
    match stmt {
        Stmt::For(s) => vec![&s.body, &s.orelse],
        Stmt::While(s) => vec![&s.body, &s.orelse],
        Stmt::If(s) => std::iter::once(&s.body[..]).chain(s.elif_else_clauses.iter().map(|c| &c.body[..])).collect(),
        Stmt::With(s) => vec![&s.body],
        Stmt::Try(s) => {
            let handlers = s.handlers.iter().map(|h| {
                let ExceptHandler::ExceptHandler(h) = h;
                &h.body[..]
            });
            [&s.body[..], &s.orelse, &s.finalbody].into_iter().chain(handlers).collect()
        }
        Stmt::Match(s) => s.cases.iter().map(|c| &c.body[..]).collect(),
        Stmt::FunctionDef(s) => vec![&s.body],
        Stmt::ClassDef(s) => vec![&s.body],
        _ => Vec::new(),
    }
}

/// The block of a compound statement that holds `child` (empty when none does).
pub(crate) fn block_holding<'a>(parent: &'a Stmt, child: &Stmt) -> &'a [Stmt] {
    blocks(parent).into_iter().find(|b| position_in(b, child).is_some()).unwrap_or_default()
}

/// The index of `stmt` (this very statement, not an equal one) in `block`. The statements of a
/// block start in increasing order, so this is a binary search: asking it for each of many
/// statements of one long block stays near-linear.
pub(crate) fn position_in(block: &[Stmt], stmt: &Stmt) -> Option<usize> {
    let index = block.partition_point(|s| s.start() < stmt.start());
    block.get(index).is_some_and(|s| std::ptr::eq(s, stmt)).then_some(index)
}

/// Whether the code after the statement can only be reached with `name` bound: it binds the name
/// on every path that does not leave the block (by `continue`, `break`, `return` or `raise`).
/// Loops never count, since their body may not run.
pub(crate) fn always_binds(stmt: &Stmt, name: &str) -> bool {
    let binds_as =
        |items: &[WithItem]| items.iter().any(|i| i.optional_vars.as_deref().is_some_and(|v| binds_target(v, name)));
    match stmt {
        Stmt::Assign(a) => a.targets.iter().any(|t| binds_target(t, name)) || walrus_binds(&a.value, name),
        Stmt::AnnAssign(a) => a.value.is_some() && binds_target(&a.target, name),
        Stmt::AugAssign(a) => binds_target(&a.target, name),
        Stmt::FunctionDef(f) => f.name.as_str() == name,
        Stmt::ClassDef(c) => c.name.as_str() == name,
        Stmt::Import(_) | Stmt::ImportFrom(_) => import_binds(stmt, name),
        Stmt::Expr(e) => walrus_binds(&e.value, name),
        Stmt::If(i) => {
            let has_else = i.elif_else_clauses.last().is_some_and(|c| c.test.is_none());
            walrus_binds(&i.test, name) || (has_else && blocks(stmt).iter().all(|b| binds_or_leaves(b, name)))
        }
        Stmt::With(w) => binds_as(&w.items) || block_binds(&w.body, name),
        Stmt::Try(t) => {
            let handlers_bind = t.handlers.iter().all(|h| {
                let ExceptHandler::ExceptHandler(h) = h;
                binds_or_leaves(&h.body, name)
            });
            let body_binds = block_binds(&t.body, name) || block_binds(&t.orelse, name);
            (body_binds && handlers_bind) || block_binds(&t.finalbody, name)
        }
        _ => false,
    }
}

/// Whether some statement of the block always binds `name`.
pub(crate) fn block_binds(block: &[Stmt], name: &str) -> bool {
    block.iter().any(|s| always_binds(s, name))
}

/// Whether the block binds `name` or ends by leaving it (`continue`, `break`, `return`, `raise`).
fn binds_or_leaves(block: &[Stmt], name: &str) -> bool {
    block_binds(block, name)
        || matches!(block.last(), Some(Stmt::Continue(_) | Stmt::Break(_) | Stmt::Return(_) | Stmt::Raise(_)))
}

/// Whether running the block can reach its end (and so fall off a function's body, returning
/// `None`): not when it ends in `return` or `raise`, an `if` whose every branch (an `else`
/// included) cannot, a `with` or `try` body that cannot (nor any handler), or a `finally`
/// that cannot. Loops and `match` count as reaching their end, which errs towards "can".
pub(crate) fn can_fall_through(block: &[Stmt]) -> bool {
    let Some(last) = block.last() else { return true };
    match last {
        Stmt::Return(_) | Stmt::Raise(_) => false,
        Stmt::If(i) => {
            let has_else = i.elif_else_clauses.last().is_some_and(|c| c.test.is_none());
            !has_else || blocks(last).iter().any(|b| can_fall_through(b))
        }
        Stmt::With(w) => can_fall_through(&w.body),
        Stmt::Try(t) => {
            let handler_can = t.handlers.iter().any(|h| {
                let ExceptHandler::ExceptHandler(h) = h;
                can_fall_through(&h.body)
            });
            let body_can = can_fall_through(&t.body) && (t.orelse.is_empty() || can_fall_through(&t.orelse));
            (t.finalbody.is_empty() || can_fall_through(&t.finalbody)) && (body_can || handler_can)
        }
        _ => true,
    }
}

/// Walks what a `def` statement evaluates in the code around it: decorators, type parameters,
/// parameter defaults and annotations, the return annotation (not the body, which runs in the
/// function's own scope). The model's builder and the engine's first look both walk it so.
pub(crate) fn walk_function_header<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, func: &'a StmtFunctionDef) {
    for decorator in &func.decorator_list {
        visitor.visit_decorator(decorator);
    }
    if let Some(type_params) = &func.type_params {
        visitor.visit_type_params(type_params);
    }
    visitor.visit_parameters(&func.parameters);
    if let Some(returns) = &func.returns {
        visitor.visit_annotation(returns);
    }
}
