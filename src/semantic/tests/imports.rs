use ruff_python_ast::{Expr, Stmt};
use ruff_python_parser::parse_expression;

use super::parse;
use crate::semantic::SemanticModel;

/// The qualified name of `expr`, parsed on its own (as a string annotation would be): looked
/// up in the module scope.
fn resolve(source: &str, expr: &str) -> Option<String> {
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    let expr = parse_expression(expr).expect("test expression parses");
    model.qualified_name(expr.expr())
}

/// The qualified name of the value of every `return` in the module, in order.
fn returned(source: &str) -> Vec<Option<String>> {
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    let mut values = Vec::new();
    for node in (0..model.nodes.len()).map(|i| model.nodes.node(crate::semantic::NodeId(i as u32))) {
        if let Some(Stmt::Return(ret)) = node.stmt() {
            values.push(model.qualified_name(ret.value.as_deref().expect("a value")));
        }
    }
    values
}

#[test]
fn resolves_every_import_form() {
    let src = "import collections as c\nfrom collections import deque as dq\nimport attr\nimport os.path\n";
    assert_eq!(resolve(src, "c.OrderedDict").as_deref(), Some("collections.OrderedDict"));
    assert_eq!(resolve(src, "dq").as_deref(), Some("collections.deque"));
    assert_eq!(resolve(src, "attr.s").as_deref(), Some("attr.s"));
    assert_eq!(resolve(src, "os.path.join").as_deref(), Some("os.path.join"));
    assert_eq!(resolve(src, "list").as_deref(), Some("builtins.list"));
    assert_eq!(resolve(src, "list.copy").as_deref(), Some("list.copy"));
}

/// `resolve`'s `names_imported_from_two_places_are_unknown`: each function's read now sees its
/// own import; two imports that disagree in one scope are still unknown.
#[test]
fn names_imported_from_two_places() {
    let src = "def f():\n    from dataclasses import field\n    return field\n\
               def g():\n    from other import field\n    return field\n";
    assert_eq!(returned(src), [Some("dataclasses.field".to_owned()), Some("other.field".to_owned())]);
    let src = "if x:\n    from dataclasses import field\nelse:\n    from other import field\n";
    assert_eq!(resolve(src, "field"), None);
}

#[test]
fn module_bindings_shadow_builtins() {
    assert_eq!(resolve("def list(): pass\n", "list"), None);
    assert_eq!(resolve("from .models import field\n", "field").as_deref(), Some(".models.field"));
    assert_eq!(resolve("from . import field\n", "field").as_deref(), Some(".field"));
}

#[test]
fn is_imported_and_is_one_of() {
    let parsed = parse("import dataclasses as dc\nx = 1\ndc.field\nx.y\nlen\n");
    let model = SemanticModel::build(parsed.syntax());
    let exprs: Vec<&Expr> = parsed.syntax().body[2..].iter().filter_map(|s| s.as_expr_stmt()).map(|e| &*e.value).collect();
    assert!(model.is_imported(exprs[0]) && !model.is_imported(exprs[1]) && !model.is_imported(exprs[2]));
    assert!(model.is_one_of(exprs[0], &["dataclasses.field"]));
    assert!(model.is_one_of(exprs[2], &["builtins.len"]));
    assert!(!model.is_one_of(exprs[1], &["x.y"]));
}

fn lookup(source: &str) -> Option<String> {
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    model.imported_from("contextlib", "aclosing").map(str::to_string)
}

fn reference(module: &str, source: &str) -> Option<String> {
    let parsed = parse(source);
    SemanticModel::build(parsed.syntax()).module_reference(module)
}

#[test]
fn finds_plain_and_aliased_from_imports() {
    assert_eq!(lookup("from contextlib import aclosing\n").as_deref(), Some("aclosing"));
    assert_eq!(lookup("from contextlib import (x, aclosing as acl)\n").as_deref(), Some("acl"));
    assert_eq!(lookup("import os\nfrom contextlib import suppress\n"), None);
}

#[test]
fn first_import_wins() {
    let src = "from contextlib import aclosing as a1\nfrom contextlib import aclosing\n";
    assert_eq!(lookup(src).as_deref(), Some("a1"));
    let src = "from contextlib import aclosing as b\nfrom contextlib import aclosing as a\n";
    assert_eq!(lookup(src).as_deref(), Some("b"));
}

#[test]
fn ignores_relative_nested_and_other_modules() {
    assert_eq!(lookup("from .contextlib import aclosing\n"), None);
    assert_eq!(lookup("from other import aclosing\n"), None);
    assert_eq!(lookup("try:\n    from contextlib import aclosing\nexcept ImportError:\n    pass\n"), None);
    assert_eq!(lookup("def f():\n    from contextlib import aclosing\n"), None);
}

#[test]
fn module_reference_forms() {
    assert_eq!(reference("contextlib", "import contextlib\n").as_deref(), Some("contextlib"));
    assert_eq!(reference("contextlib", "import os, contextlib as cl\n").as_deref(), Some("cl"));
    assert_eq!(reference("os.path", "import os.path\n").as_deref(), Some("os.path"));
    assert_eq!(reference("os", "import os.path\n").as_deref(), Some("os"));
    assert_eq!(reference("os.path", "import os\n"), None);
    assert_eq!(reference("os", "import osx\n"), None);
    assert_eq!(reference("os", "import os.path as p\n"), None);
    assert_eq!(reference("contextlib", "from contextlib import aclosing\n"), None);
    assert_eq!(reference("contextlib", "if x:\n    import contextlib\n"), None);
}

#[test]
fn imports_from_is_absolute_only() {
    let parsed = parse("from m import a\nfrom .m import b\n");
    let imports: Vec<bool> = parsed
        .syntax()
        .body
        .iter()
        .filter_map(|s| match s {
            Stmt::ImportFrom(import) => Some(crate::semantic::queries::imports::imports_from(import, "m")),
            _ => None,
        })
        .collect();
    assert_eq!(imports, [true, false]);
}

/// Whether the file imports a module anywhere, and what a name read in a scope would see.
#[test]
fn imports_anywhere_and_lookups() {
    use crate::semantic::{Resolution, ScopeId};
    let parsed = parse("import trio.lowlevel\ndef f(asyncio):\n    from anyio import sleep\n    return asyncio\n");
    let model = SemanticModel::build(parsed.syntax());
    assert!(model.imports_module("trio") && model.imports_module("anyio"));
    assert!(!model.imports_module("asyncio") && !model.imports_module("any"));
    let Some(Stmt::FunctionDef(f)) = parsed.syntax().body.get(1) else { panic!("a def") };
    let scope = model.function_scope(f).expect("a scope");
    assert_eq!(model.resolve_in(scope, "asyncio"), Resolution::Scope(scope));
    assert_eq!(model.resolve_in(scope, "trio"), Resolution::Scope(ScopeId::MODULE));
    assert_eq!(model.resolve_in(scope, "next"), Resolution::Unbound);
}
