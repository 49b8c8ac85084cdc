use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{TextRange, TextSize};

use super::{offset, sorted};
use super::{first_function, parse};
use crate::semantic::SemanticModel;
use crate::semantic::queries::names::bases;

fn function_names(source: &str) -> Vec<String> {
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    let scope = model.function_scope(first_function(parsed.syntax())).expect("a function scope");
    sorted(model.scope_names(scope)).into_iter().map(str::to_string).collect()
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
    let model = SemanticModel::build(parsed.syntax());
    let Some(Stmt::Assign(assign)) = parsed.syntax().body.first() else { panic!("an assignment") };
    let Expr::Lambda(lambda) = assign.value.as_ref() else { panic!("a lambda") };
    let scope = model.lambda_scope(lambda).expect("a lambda scope");
    assert_eq!(sorted(model.scope_names(scope)), ["a", "b", "c", "d", "e", "i"]);
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
    let model = SemanticModel::build(parsed.syntax());
    assert_eq!(sorted(model.scope_names(model.module_scope())), ["C", "acl", "f", "json", "os", "y"]);
    assert!(model.binds(model.module_scope(), "json") && !model.binds(model.module_scope(), "local"));
}

#[test]
fn scope_names_keep_the_order_of_first_binding() {
    let parsed = parse("b = 1\na = 2\nb = 3\ndef c(): pass\n");
    let model = SemanticModel::build(parsed.syntax());
    assert_eq!(model.scope_names(model.module_scope()).collect::<Vec<_>>(), ["b", "a", "c"]);
}

/// `bound_before(scope, offset)` becomes `bound_within` the range from the module's start.
#[test]
fn names_bound_before_an_offset() {
    let src = "a = 1\nfor b in c:\n    import d.e\nwith f() as g:\n    h = [i for i in j if (k := i)]\n\
               try:\n    pass\nexcept E as l:\n    pass\ndef m(): n = 1\nlater = 2\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let module = model.module_scope();
    let before = |end: TextSize| sorted(model.bound_within(module, TextRange::up_to(end)));
    assert_eq!(before(offset(src, "later")), ["a", "b", "d", "g", "h", "k", "l", "m"]);
    assert_eq!(before(TextSize::new(4)), ["a"]);
}

#[test]
fn bound_before_leaves_out_parameters_and_declarations() {
    let src = "def f(p):\n    global g\n    del d\n    x = 1\n    end = 0\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let scope = model.function_scope(first_function(parsed.syntax())).expect("a function scope");
    assert_eq!(sorted(model.bound_within(scope, TextRange::up_to(offset(src, "end")))), ["x"]);
}

#[test]
fn finds_a_class_in_blocks_but_not_in_nested_scopes() {
    let parsed = parse("if x:\n    class A(int): pass\ndef f():\n    class B: pass\nclass C:\n    class D: pass\n");
    let model = SemanticModel::build(parsed.syntax());
    let module = model.module_scope();
    assert!(model.class_named(module, "A").is_some());
    assert!(model.class_named(module, "B").is_none());
    assert!(model.class_named(module, "D").is_none());
    assert_eq!(model.class_named(module, "C").map(|c| c.name.to_string()).as_deref(), Some("C"));
}

#[test]
fn two_definitions_of_a_name_are_ambiguous() {
    let parsed = parse("try:\n    class A(int): pass\nexcept E:\n    class A(str): pass\n");
    let model = SemanticModel::build(parsed.syntax());
    assert!(model.class_named(model.module_scope(), "A").is_none());
}

#[test]
fn subclasses_at_any_depth() {
    let src = "class A(int): pass\nclass B(A): pass\ndef f():\n    class C(object, A): pass\nclass D(m.A): pass\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let names: Vec<String> = model.subclasses_named("A").iter().map(|c| c.name.to_string()).collect();
    assert_eq!(names, ["B", "C"]);
}

#[test]
fn class_body_bindings() {
    let parsed = parse("class A(int):\n    if x:\n        def __new__(cls): pass\n    __init__ = f\n    def g(self):\n        __slots__ = 1\n");
    let model = SemanticModel::build(parsed.syntax());
    let Some(Stmt::ClassDef(class)) = parsed.syntax().body.first() else { unreachable!() };
    assert!(model.class_defines(class, "__new__"));
    assert!(model.class_defines(class, "__init__"));
    assert!(!model.class_defines(class, "__slots__"));
    assert_eq!(bases(class).len(), 1);
}

#[test]
fn module_names_seen_from_nested_code() {
    let source = "\
import functools
def deco(func):
    def inner(): pass
    return inner
def shadows(functools):
    def inner(): pass
class C:
    wraps = 1
    def method(self): pass
";
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    let scope = |name: &str| {
        let found = model.scopes().find_map(|(id, scope)| match scope.kind {
            crate::semantic::ScopeKind::Function(func) if func.name.as_str() == name => Some(id),
            _ => None,
        });
        found.expect("the snippet defines it")
    };
    assert!(model.sees_module_name(scope("deco"), "functools"));
    // Not bound anywhere yet: a new import would be seen.
    assert!(model.sees_module_name(scope("deco"), "wraps"));
    assert!(!model.sees_module_name(scope("shadows"), "functools"));
    assert!(!model.sees_module_name(scope("deco"), "func"));
    // A class body is not seen from its methods.
    assert!(model.sees_module_name(scope("method"), "wraps"));
}
