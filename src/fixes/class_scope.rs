//! Classes of one module seen from the inside: which class statement a base name refers to,
//! which classes name a class as their base, and which names a class body defines. A fix that
//! changes how a class is built must know its relatives in the module.
use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::{Expr, Stmt, StmtClassDef};

use crate::fixes::bound_names::module_scope_names;

/// The one class statement named `name` among the statements of a scope (including those in its
/// `if` / `try` / `with` / loop blocks, not in nested functions or classes). `None` when there
/// is none, or several: then which one a base refers to depends on the run.
pub(crate) fn class_named<'a>(body: &'a [Stmt], name: &str) -> Option<&'a StmtClassDef> {
    let mut finder = ScopeClasses { name, found: Vec::new() };
    finder.visit_body(body);
    match finder.found.as_slice() {
        [class] => Some(class),
        _ => None,
    }
}

/// Every class statement anywhere in `body`, nested ones included, that lists a bare `name` as
/// a base (`class B(A)` for `A`). Matching by name may take in a class of another scope that
/// has the same name; callers use this to be careful, so more is fine.
pub(crate) fn subclasses_named<'a>(body: &'a [Stmt], name: &str) -> Vec<&'a StmtClassDef> {
    let mut finder = Subclasses { name, found: Vec::new() };
    finder.visit_body(body);
    finder.found
}

/// Whether the class body binds `name`: a `def`, an assignment, an import, also inside an `if`.
pub(crate) fn class_defines(class: &StmtClassDef, name: &str) -> bool {
    module_scope_names(&class.body).contains(name)
}

/// The positional base expressions of a class (not `metaclass=` and other keywords).
pub(crate) fn bases(class: &StmtClassDef) -> &[Expr] {
    class.arguments.as_deref().map_or(&[][..], |arguments| &arguments.args[..])
}

struct ScopeClasses<'a, 'n> {
    name: &'n str,
    found: Vec<&'a StmtClassDef>,
}

impl<'a> StatementVisitor<'a> for ScopeClasses<'a, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::ClassDef(class) if class.name.as_str() == self.name => self.found.push(class),
            Stmt::ClassDef(_) | Stmt::FunctionDef(_) => {}
            _ => walk_stmt(self, stmt),
        }
    }
}

struct Subclasses<'a, 'n> {
    name: &'n str,
    found: Vec<&'a StmtClassDef>,
}

impl<'a> StatementVisitor<'a> for Subclasses<'a, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if let Stmt::ClassDef(class) = stmt
            && bases(class).iter().any(|base| matches!(base, Expr::Name(n) if n.id.as_str() == self.name))
        {
            self.found.push(class);
        }
        walk_stmt(self, stmt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::parse;

    fn names(classes: &[&StmtClassDef]) -> Vec<String> {
        classes.iter().map(|c| c.name.to_string()).collect()
    }

    #[test]
    fn finds_a_class_in_blocks_but_not_in_nested_scopes() {
        let parsed = parse("if x:\n    class A(int): pass\ndef f():\n    class B: pass\nclass C:\n    class D: pass\n");
        let body = &parsed.syntax().body;
        assert!(class_named(body, "A").is_some());
        assert!(class_named(body, "B").is_none());
        assert!(class_named(body, "D").is_none());
        assert_eq!(class_named(body, "C").map(|c| c.name.to_string()).as_deref(), Some("C"));
    }

    #[test]
    fn two_definitions_of_a_name_are_ambiguous() {
        let parsed = parse("try:\n    class A(int): pass\nexcept E:\n    class A(str): pass\n");
        assert!(class_named(&parsed.syntax().body, "A").is_none());
    }

    #[test]
    fn subclasses_at_any_depth() {
        let src = "class A(int): pass\nclass B(A): pass\ndef f():\n    class C(object, A): pass\nclass D(m.A): pass\n";
        let parsed = parse(src);
        assert_eq!(names(&subclasses_named(&parsed.syntax().body, "A")), ["B", "C"]);
    }

    #[test]
    fn class_body_bindings() {
        let parsed = parse("class A(int):\n    if x:\n        def __new__(cls): pass\n    __init__ = f\n    def g(self):\n        __slots__ = 1\n");
        let Some(Stmt::ClassDef(class)) = parsed.syntax().body.first() else { unreachable!() };
        assert!(class_defines(class, "__new__"));
        assert!(class_defines(class, "__init__"));
        assert!(!class_defines(class, "__slots__"));
        assert_eq!(bases(class).len(), 1);
    }
}
