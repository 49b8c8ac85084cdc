//! The free variables of a function or lambda: the names it reads, itself or in the functions,
//! lambdas, classes and comprehensions nested in it, that none of those scopes binds. Python looks
//! them up in an enclosing scope each time the function runs, not when it is made.
use std::collections::HashSet;

use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Comprehension, Expr, ExprContext, ExprLambda, Stmt, StmtClassDef, StmtFunctionDef};
use ruff_text_size::TextRange;

use crate::fixes::bound_names::{function_scope_names, lambda_scope_names, module_scope_names};

/// A name read by a function that comes from outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FreeName<'a> {
    pub(crate) name: &'a str,
    /// The first read, in evaluation order.
    pub(crate) first_read: TextRange,
    /// The function, or a scope nested in it, declares the name `nonlocal` and so can assign the
    /// outer variable.
    pub(crate) assigned_nonlocal: bool,
}

/// The free names of a `def` (its body only: decorators, defaults and annotations run in the
/// enclosing scope), in the order of their first read. A name declared `global` is not free.
pub(crate) fn function_free_names(func: &StmtFunctionDef) -> Vec<FreeName<'_>> {
    let mut finder = Finder::default();
    finder.enter_function(func);
    finder.found
}

/// The free names of a lambda (its body only: defaults run in the enclosing scope).
pub(crate) fn lambda_free_names(lambda: &ExprLambda) -> Vec<FreeName<'_>> {
    let mut finder = Finder::default();
    finder.enter_lambda(lambda);
    finder.found
}

#[derive(Default)]
struct Scope<'a> {
    locals: HashSet<&'a str>,
    globals: HashSet<&'a str>,
    nonlocals: HashSet<&'a str>,
    is_class: bool,
}

#[derive(Default)]
struct Finder<'a> {
    /// The function being analysed first, the innermost nested scope last.
    scopes: Vec<Scope<'a>>,
    found: Vec<FreeName<'a>>,
    /// Names that some scope declares `nonlocal` and that resolve outside the function.
    assigned_outside: HashSet<&'a str>,
}

impl<'a> Finder<'a> {
    fn enter_function(&mut self, func: &'a StmtFunctionDef) {
        let (globals, nonlocals) = declarations(&func.body);
        let mut locals = function_scope_names(func);
        locals.retain(|n| !globals.contains(n) && !nonlocals.contains(n));
        self.scoped(Scope { locals, globals, nonlocals, is_class: false }, |f| f.visit_body(&func.body));
    }

    fn enter_lambda(&mut self, lambda: &'a ExprLambda) {
        let scope = Scope { locals: lambda_scope_names(lambda), ..Scope::default() };
        self.scoped(scope, |f| f.visit_expr(&lambda.body));
    }

    fn enter_class(&mut self, class: &'a StmtClassDef) {
        let (globals, nonlocals) = declarations(&class.body);
        let mut locals = module_scope_names(&class.body);
        locals.retain(|n| !globals.contains(n) && !nonlocals.contains(n));
        self.scoped(Scope { locals, globals, nonlocals, is_class: true }, |f| f.visit_body(&class.body));
    }

    /// A comprehension: the first iterable runs in the current scope, the rest in its own.
    fn enter_comprehension(&mut self, generators: &'a [Comprehension], results: &[&'a Expr]) {
        let Some((first, rest)) = generators.split_first() else { return };
        self.visit_expr(&first.iter);
        let mut locals = HashSet::new();
        for generator in generators {
            store_names(&generator.target, &mut locals);
        }
        self.scoped(Scope { locals, ..Scope::default() }, |f| {
            first.ifs.iter().for_each(|e| f.visit_expr(e));
            for generator in rest {
                f.visit_expr(&generator.iter);
                generator.ifs.iter().for_each(|e| f.visit_expr(e));
            }
            results.iter().for_each(|e| f.visit_expr(e));
        });
    }

    fn scoped(&mut self, scope: Scope<'a>, visit: impl FnOnce(&mut Self)) {
        let declared: Vec<&'a str> = scope.nonlocals.iter().copied().collect();
        self.scopes.push(scope);
        for name in declared {
            // A nonlocal declaration resolves from the scope outside the declaring one.
            if self.resolves_outside(name, self.scopes.len() - 1) {
                self.assigned_outside.insert(name);
                self.mark_assigned(name);
            }
        }
        visit(self);
        self.scopes.pop();
    }

    /// Whether `name`, looked up from the scope below `from`, passes every scope of the function.
    fn resolves_outside(&self, name: &str, from: usize) -> bool {
        let innermost = from.saturating_sub(1);
        for (depth, scope) in self.scopes[..from].iter().enumerate().rev() {
            if scope.is_class && depth != innermost {
                continue;
            }
            if scope.globals.contains(name) || (scope.locals.contains(name) && !scope.nonlocals.contains(name)) {
                return false;
            }
        }
        true
    }

    fn read(&mut self, name: &'a str, range: TextRange) {
        if !self.resolves_outside(name, self.scopes.len()) || self.found.iter().any(|f| f.name == name) {
            return;
        }
        let assigned_nonlocal = self.assigned_outside.contains(name);
        self.found.push(FreeName { name, first_read: range, assigned_nonlocal });
    }

    fn mark_assigned(&mut self, name: &str) {
        for free in self.found.iter_mut().filter(|f| f.name == name) {
            free.assigned_nonlocal = true;
        }
    }
}

impl<'a> Visitor<'a> for Finder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(func) => {
                func.decorator_list.iter().for_each(|d| self.visit_decorator(d));
                self.visit_parameters(&func.parameters);
                if let Some(returns) = &func.returns {
                    self.visit_annotation(returns);
                }
                self.enter_function(func);
            }
            Stmt::ClassDef(class) => {
                class.decorator_list.iter().for_each(|d| self.visit_decorator(d));
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                self.enter_class(class);
            }
            Stmt::AugAssign(aug) => {
                // `x += 1` reads `x` before it stores it.
                if let Expr::Name(target) = aug.target.as_ref() {
                    self.read(target.id.as_str(), target.range);
                }
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) if name.ctx == ExprContext::Load => self.read(name.id.as_str(), name.range),
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameters(parameters);
                }
                self.enter_lambda(lambda);
            }
            Expr::ListComp(comp) => self.enter_comprehension(&comp.generators, &[&comp.elt]),
            Expr::SetComp(comp) => self.enter_comprehension(&comp.generators, &[&comp.elt]),
            Expr::Generator(comp) => self.enter_comprehension(&comp.generators, &[&comp.elt]),
            Expr::DictComp(comp) => {
                let mut results: Vec<&Expr> = comp.key.iter().map(AsRef::as_ref).collect();
                results.push(&comp.value);
                self.enter_comprehension(&comp.generators, &results);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// The names a body declares `global` and `nonlocal`, not counting nested functions and classes.
fn declarations(body: &[Stmt]) -> (HashSet<&str>, HashSet<&str>) {
    #[derive(Default)]
    struct Declarations<'a> {
        globals: HashSet<&'a str>,
        nonlocals: HashSet<&'a str>,
    }
    impl<'a> StatementVisitor<'a> for Declarations<'a> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::Global(global) => self.globals.extend(global.names.iter().map(|n| n.as_str())),
                Stmt::Nonlocal(nonlocal) => self.nonlocals.extend(nonlocal.names.iter().map(|n| n.as_str())),
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                _ => walk_stmt(self, stmt),
            }
        }
    }
    let mut declarations = Declarations::default();
    declarations.visit_body(body);
    (declarations.globals, declarations.nonlocals)
}

/// The names an assignment target binds (`a`, `(a, *b)`, `[a, b]`; not `a.b` or `a[b]`).
pub(crate) fn store_names<'a>(target: &'a Expr, names: &mut HashSet<&'a str>) {
    match target {
        Expr::Name(name) => {
            names.insert(name.id.as_str());
        }
        Expr::Tuple(tuple) => tuple.iter().for_each(|e| store_names(e, names)),
        Expr::List(list) => list.iter().for_each(|e| store_names(e, names)),
        Expr::Starred(starred) => store_names(&starred.value, names),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::{first_function, parse};

    fn free(source: &str) -> Vec<String> {
        let parsed = parse(source);
        let names = function_free_names(first_function(parsed.syntax()));
        names.iter().map(|f| if f.assigned_nonlocal { format!("{}!", f.name) } else { f.name.to_owned() }).collect()
    }

    fn lambda_free(source: &str) -> Vec<String> {
        let parsed = parse(source);
        let Some(Stmt::Expr(stmt)) = parsed.syntax().body.first() else { panic!("an expression") };
        let Expr::Lambda(lambda) = stmt.value.as_ref() else { panic!("a lambda") };
        lambda_free_names(lambda).iter().map(|f| f.name.to_owned()).collect()
    }

    #[test]
    fn reads_not_bound_locally_in_read_order() {
        assert_eq!(free("def f(a, *b, **c):\n    d = a + e\n    return g(d, b, c, h, e)\n"), ["e", "g", "h"]);
    }

    #[test]
    fn locals_assigned_after_the_read_are_still_local() {
        assert_eq!(free("def f():\n    print(x)\n    x = 1\n"), ["print"]);
    }

    #[test]
    fn augmented_assignment_makes_a_local() {
        assert_eq!(free("def f():\n    n += 1\n"), Vec::<String>::new());
    }

    #[test]
    fn decorators_defaults_and_annotations_are_not_the_body() {
        assert_eq!(free("@d\ndef f(a: T = v) -> R:\n    return a\n"), Vec::<String>::new());
    }

    #[test]
    fn nested_scopes_read_through_unless_they_bind() {
        let src = "def f():\n    def g(p):\n        q = 1\n        return p + q + r\n\
                   \x20   h = lambda s: s + t\n    return [u + w for u in v]\n";
        assert_eq!(free(src), ["r", "t", "v", "w"]);
    }

    #[test]
    fn nested_function_sees_the_outer_local() {
        assert_eq!(free("def f():\n    x = 1\n    def g():\n        return x + y\n    return g\n"), ["y"]);
    }

    #[test]
    fn class_scope_is_invisible_to_its_methods() {
        let src = "def f():\n    class K:\n        a = 1\n        b = a + c\n\
                   \x20       def m(self):\n            return a\n    return K\n";
        assert_eq!(free(src), ["c", "a"]);
    }

    #[test]
    fn global_is_not_free_and_nonlocal_is_marked() {
        assert_eq!(free("def f():\n    global g\n    nonlocal n\n    n += g\n    return m\n"), ["n!", "m"]);
        let nested = "def f():\n    def g():\n        nonlocal i\n        i = 2\n    g()\n    return i\n";
        assert_eq!(free(nested), ["i!"]);
    }

    #[test]
    fn lambda_parameters_walrus_and_nested_lambdas() {
        assert_eq!(lambda_free("lambda a, b=c: a + (d := e) + d + (lambda: f + a)()\n"), ["e", "f"]);
    }

    #[test]
    fn comprehension_first_iterable_is_outside() {
        assert_eq!(lambda_free("lambda: [x for x in x if y]\n"), ["x", "y"]);
    }
}
