//! Where names get bound along the flow of a block: the names a body binds before some point, and
//! whether a statement binds a name on every path through it. A fix that moves the evaluation of
//! a name earlier (a parameter default instead of a lookup at call time) must know the name
//! exists by then.
use std::collections::HashSet;

use ruff_python_ast::helpers::any_over_expr;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{ExceptHandler, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextSize};

use crate::fixes::free_names::store_names;

/// Whether an assignment target binds `name` (`name`, `(a, name)`, `[*name]`).
pub(crate) fn binds_target(target: &Expr, name: &str) -> bool {
    let mut names = HashSet::new();
    store_names(target, &mut names);
    names.contains(name)
}

/// Whether an expression holds a walrus that binds `name`.
pub(crate) fn walrus_binds(expr: &Expr, name: &str) -> bool {
    any_over_expr(
        expr,
        |e| matches!(e, Expr::Named(n) if matches!(n.target.as_ref(), Expr::Name(t) if t.id.as_str() == name)),
    )
}

/// The names `body` binds in its own scope at offsets before `offset`: assignments (walrus
/// included, also in comprehensions), loop and `with` targets, `except ... as` names, imports and
/// `def`/`class` names; not comprehension variables nor names bound inside nested functions.
pub(crate) fn bound_before(body: &[Stmt], offset: TextSize) -> HashSet<&str> {
    let mut finder = Bindings { before: offset, names: HashSet::new(), comprehensions: 0 };
    finder.visit_body(body);
    finder.names
}

struct Bindings<'a> {
    before: TextSize,
    names: HashSet<&'a str>,
    comprehensions: usize,
}

impl<'a> Bindings<'a> {
    fn bind(&mut self, name: &'a str, at: TextSize) {
        if at < self.before {
            self.names.insert(name);
        }
    }
}

impl<'a> Visitor<'a> for Bindings<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(func) => self.bind(func.name.as_str(), stmt.start()),
            Stmt::ClassDef(class) => self.bind(class.name.as_str(), stmt.start()),
            Stmt::Import(import) => {
                for alias in &import.names {
                    // `import a.b` binds `a`.
                    let bound = alias
                        .asname
                        .as_ref()
                        .map_or_else(|| alias.name.as_str().split('.').next().unwrap_or_default(), |a| a.as_str());
                    self.bind(bound, stmt.start());
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    self.bind(alias.asname.as_ref().unwrap_or(&alias.name).as_str(), stmt.start());
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(n) if n.ctx == ExprContext::Store && self.comprehensions == 0 => {
                self.bind(n.id.as_str(), n.start())
            }
            Expr::Named(named) => {
                if let Expr::Name(target) = named.target.as_ref() {
                    self.bind(target.id.as_str(), target.start());
                }
                self.visit_expr(&named.value);
            }
            Expr::Lambda(_) => {}
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
            self.bind(name.as_str(), handler.start());
        }
        visitor::walk_except_handler(self, handler);
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
    blocks(parent).into_iter().find(|b| b.iter().any(|s| std::ptr::eq(s, child))).unwrap_or_default()
}

/// Whether the code after the statement can only be reached with `name` bound: it binds the name
/// on every path that does not leave the block (by `continue`, `break`, `return` or `raise`).
/// Loops never count, since their body may not run.
pub(crate) fn always_binds(stmt: &Stmt, name: &str) -> bool {
    let binds_as = |items: &[ruff_python_ast::WithItem]| {
        items.iter().any(|i| i.optional_vars.as_deref().is_some_and(|v| binds_target(v, name)))
    };
    match stmt {
        Stmt::Assign(a) => a.targets.iter().any(|t| binds_target(t, name)) || walrus_binds(&a.value, name),
        Stmt::AnnAssign(a) => a.value.is_some() && binds_target(&a.target, name),
        Stmt::AugAssign(a) => binds_target(&a.target, name),
        Stmt::FunctionDef(f) => f.name.as_str() == name,
        Stmt::ClassDef(c) => c.name.as_str() == name,
        Stmt::Import(_) | Stmt::ImportFrom(_) => bound_before(std::slice::from_ref(stmt), stmt.end()).contains(name),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::parse;

    fn sorted(names: HashSet<&str>) -> Vec<&str> {
        let mut names: Vec<&str> = names.into_iter().collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn names_bound_before_an_offset() {
        let src = "a = 1\nfor b in c:\n    import d.e\nwith f() as g:\n    h = [i for i in j if (k := i)]\n\
                   try:\n    pass\nexcept E as l:\n    pass\ndef m(): n = 1\nlater = 2\n";
        let parsed = parse(src);
        let offset = TextSize::try_from(src.find("later").expect("in source")).expect("small");
        assert_eq!(sorted(bound_before(&parsed.syntax().body, offset)), ["a", "b", "d", "g", "h", "k", "l", "m"]);
        assert_eq!(sorted(bound_before(&parsed.syntax().body, TextSize::new(4))), ["a"]);
    }

    fn always(src: &str) -> bool {
        let parsed = parse(src);
        parsed.syntax().body.first().is_some_and(|s| always_binds(s, "x"))
    }

    #[test]
    fn straight_assignments_bind() {
        assert!(always("x = 1\n"));
        assert!(always("a, (b, *x) = y\n"));
        assert!(always("x: int = 1\n"));
        assert!(!always("x: int\n"));
        assert!(always("print(x := 1)\n"));
        assert!(always("from m import y as x\n"));
        assert!(always("with open(p) as x:\n    pass\n"));
        assert!(!always("x.y = 1\n"));
    }

    #[test]
    fn branches_must_all_bind_or_leave() {
        assert!(always("if c:\n    x = 1\nelif d:\n    continue\nelse:\n    x = 2\n"));
        assert!(!always("if c:\n    x = 1\n"));
        assert!(!always("if c:\n    x = 1\nelse:\n    pass\n"));
        assert!(always("try:\n    x = f()\nexcept E:\n    raise\n"));
        assert!(!always("try:\n    x = f()\nexcept E:\n    pass\n"));
        assert!(always("try:\n    pass\nfinally:\n    x = 1\n"));
        assert!(!always("for x in y:\n    pass\n"));
        assert!(!always("while c:\n    x = 1\n"));
    }

    #[test]
    fn block_holding_finds_the_clause() {
        let parsed = parse("try:\n    a = 1\nexcept E:\n    b = 2\nelse:\n    c = 3\n");
        let Some(stmt) = parsed.syntax().body.first() else { panic!("a statement") };
        let Stmt::Try(t) = stmt else { panic!("a try") };
        let ExceptHandler::ExceptHandler(handler) = &t.handlers[0];
        assert!(std::ptr::eq(block_holding(stmt, &handler.body[0]), &handler.body[..]));
        assert!(std::ptr::eq(block_holding(stmt, &t.orelse[0]), &t.orelse[..]));
        assert!(block_holding(stmt, stmt).is_empty());
    }

    #[test]
    fn binding_helpers() {
        let parsed = parse("(a, [b, *c]) = d\n");
        let Some(Stmt::Assign(assign)) = parsed.syntax().body.first() else { panic!("an assignment") };
        assert!(binds_target(&assign.targets[0], "c"));
        assert!(!binds_target(&assign.targets[0], "d"));
        let parsed = parse("f((x := 1))\n");
        let Some(Stmt::Expr(call)) = parsed.syntax().body.first() else { panic!("an expression") };
        assert!(walrus_binds(&call.value, "x") && !walrus_binds(&call.value, "f"));
    }
}
