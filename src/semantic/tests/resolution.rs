//! Python's name resolution rules, checked through the resolution of each read.
use super::parse;
use crate::semantic::{BindingKind, Resolution, ScopeKind, SemanticModel};

/// Each read as `name@line:where`, where is `module`, `class C`, `def f`, `lambda`, `comp`,
/// `global` or `unbound`.
fn resolved(source: &str) -> Vec<String> {
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    let describe = |r: &crate::semantic::Reference| {
        let place = match r.resolution {
            Resolution::Scope(scope) => match model.scope(scope).kind {
                ScopeKind::Module => "module".to_owned(),
                ScopeKind::Class(c) => format!("class {}", c.name),
                ScopeKind::Function(f) => format!("def {}", f.name),
                ScopeKind::Lambda => "lambda".to_owned(),
                ScopeKind::Comprehension => "comp".to_owned(),
            },
            Resolution::Global { .. } => "global".to_owned(),
            Resolution::Unbound => "unbound".to_owned(),
        };
        let line = source[..usize::from(r.range.start())].matches('\n').count() + 1;
        format!("{}@{line}:{place}", r.name)
    };
    model.references.iter().map(describe).collect()
}

#[test]
fn class_scope_is_skipped_by_nested_functions() {
    let src = "x = 1\nclass C:\n    x = 2\n    y = x\n    def m(self):\n        return x\n    z = [x for _ in x]\n";
    assert_eq!(resolved(src), ["x@4:class C", "x@6:module", "x@7:class C", "x@7:module"]);
}

#[test]
fn global_and_nonlocal() {
    let src = "\
x = 0
def f():
    x = 1
    def g():
        nonlocal x
        x += 1
        return x
    def h():
        global x
        return x
    return g, h
";
    assert_eq!(resolved(src), ["x@6:def f", "x@7:def f", "x@10:global", "g@11:def f", "h@11:def f"]);
}

#[test]
fn nonlocal_skips_classes_and_functions_declaring_it() {
    let src = "def f():\n    v = 1\n    class C:\n        v = 2\n        def g():\n            nonlocal v\n            return v\n";
    assert_eq!(resolved(src), ["v@7:def f"]);
}

#[test]
fn first_comprehension_iterable_runs_outside() {
    let src = "def f(x):\n    return [x for x in x for y in x]\n";
    assert_eq!(resolved(src), ["x@2:def f", "x@2:comp", "x@2:comp"]);
}

#[test]
fn walrus_in_a_comprehension_binds_outside() {
    let src = "def f(xs):\n    if any((last := x) for x in xs):\n        return last\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let Some(ruff_python_ast::Stmt::FunctionDef(f)) = parsed.syntax().body.first() else { panic!("a def") };
    let scope = model.function_scope(f).expect("a scope");
    assert!(model.bindings_of(scope, "last").any(|b| b.kind == BindingKind::Walrus));
    assert_eq!(resolved(src), ["any@2:unbound", "xs@2:def f", "x@2:comp", "last@3:def f"]);
}

#[test]
fn late_local_assignment_makes_a_read_local() {
    let src = "x = 1\ndef f():\n    print(x)\n    x = 2\n";
    assert_eq!(resolved(src), ["print@3:unbound", "x@3:def f"]);
}

#[test]
fn augmented_target_is_read_before_the_value() {
    let src = "def f(n):\n    n += m\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let names: Vec<(&str, bool)> = model.references.iter().map(|r| (r.name, r.augmented)).collect();
    assert_eq!(names, [("n", true), ("m", false)]);
    let node = model.nodes.node(model.references[0].node);
    assert!(node.expr().is_some_and(|e| e.is_name_expr()));
}

#[test]
fn decorators_defaults_annotations_and_bases_run_outside() {
    let src = "class K:\n    a = 1\n    @a\n    def m(self, p: a = a) -> a:\n        return a\n    class N(a):\n        b = a\n";
    assert_eq!(resolved(src), ["a@3:class K", "a@4:class K", "a@4:class K", "a@4:class K", "a@5:unbound", "a@6:class K", "a@7:unbound"]);
}

#[test]
fn imports_in_two_scopes() {
    let parsed = parse("import json\ndef f():\n    import simplejson as json\n    return json\nx = json\n");
    let model = SemanticModel::build(parsed.syntax());
    let qualified: Vec<Option<String>> = model
        .references
        .iter()
        .map(|r| model.qualified_name(model.nodes.node(r.node).expr().expect("a name")))
        .collect();
    assert_eq!(qualified, [Some("simplejson".to_owned()), Some("json".to_owned())]);
}

#[test]
fn try_except_import_fallback_still_resolves() {
    let src = "try:\n    from x import y\nexcept ImportError:\n    y = None\ny\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let read = model.references.last().expect("a read");
    let expr = model.nodes.node(read.node).expr().expect("a name");
    assert_eq!(model.qualified_name(expr).as_deref(), Some("x.y"));
    // Bound, but never by an import: unknown.
    let parsed = parse("y = 1\ny\n");
    let model = SemanticModel::build(parsed.syntax());
    let expr = model.nodes.node(model.references[0].node).expr().expect("a name");
    assert_eq!(model.qualified_name(expr), None);
}

#[test]
fn from_import_star_binds_nothing() {
    assert_eq!(resolved("from m import *\nx\n"), ["x@2:unbound"]);
}

#[test]
fn binding_ranges_are_the_names_as_written() {
    let src = "import a.b as c\nfrom m import n\ndef f(p): pass\ntry:\n    pass\nexcept E as e:\n    pass\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let module = model.module_scope();
    let text = |name: &str| {
        let binding = model.bindings_of(module, name).next().expect("a binding");
        (src[binding.range].to_owned(), binding.kind.clone())
    };
    assert_eq!(text("c"), ("c".to_owned(), BindingKind::Import { qualified: "a.b".to_owned() }));
    assert_eq!(text("n"), ("n".to_owned(), BindingKind::FromImport { qualified: "m.n".to_owned() }));
    assert_eq!(text("f"), ("f".to_owned(), BindingKind::FunctionDef));
    assert_eq!(text("e"), ("e".to_owned(), BindingKind::ExceptHandler));
}

#[test]
fn a_name_no_code_reads_resolves_as_a_read_would() {
    let src = "import abc\nclass C:\n    ABCMeta = 1\n    def m(self):\n        bytes = 2\n        def inner():\n            pass\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let scope_of = |name: &str| {
        model
            .scopes()
            .find(|(_, s)| matches!(s.kind, ScopeKind::Function(f) if f.name.as_str() == name))
            .map(|(id, _)| id)
            .expect("the function's scope")
    };
    let (inner, m) = (scope_of("inner"), scope_of("m"));
    assert_eq!(model.resolve_in(inner, "bytes"), Resolution::Scope(m));
    assert_eq!(model.resolve_in(inner, "abc"), Resolution::Scope(model.module_scope()));
    // The class body is not seen from its methods.
    assert_eq!(model.resolve_in(inner, "ABCMeta"), Resolution::Unbound);
    assert_eq!(model.resolve_in(model.module_scope(), "bytes"), Resolution::Unbound);
}
