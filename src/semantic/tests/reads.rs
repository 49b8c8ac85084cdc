use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{offset, sorted};
use super::{first_function, parse};
use crate::semantic::SemanticModel;
use crate::semantic::queries::reads::{Read, body_range};

/// The module-level reads of `f`, as (line, nested).
fn reads(source: &str, exclude: TextRange) -> Vec<(usize, bool)> {
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    let line = |r: &Read| source[..usize::from(r.range.start())].matches('\n').count() + 1;
    model.reads_of(model.module_scope(), "f", exclude).iter().map(|r| (line(r), r.nested)).collect()
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

#[test]
fn augmented_targets_and_comprehensions() {
    // `f += 1` is not a read of the binding; a comprehension runs in place, not nested.
    let src = "f = 1\nf += 1\nx = [f for _ in y]\n";
    assert_eq!(reads(src, TextRange::default()), [(3, false)]);
}

fn free(source: &str) -> Vec<String> {
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    let scope = model.function_scope(first_function(parsed.syntax())).expect("a function scope");
    let names = model.free_names_of(scope);
    names.iter().map(|f| if f.assigned_nonlocal { format!("{}!", f.name) } else { f.name.to_owned() }).collect()
}

fn lambda_free(source: &str) -> Vec<String> {
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    let Some(Stmt::Expr(stmt)) = parsed.syntax().body.first() else { panic!("an expression") };
    let Expr::Lambda(lambda) = stmt.value.as_ref() else { panic!("a lambda") };
    let scope = model.lambda_scope(lambda).expect("a lambda scope");
    model.free_names_of(scope).iter().map(|f| f.name.to_owned()).collect()
}

#[test]
fn reads_not_bound_locally_in_read_order() {
    assert_eq!(free("def f(a, *b, **c):\n    d = a + e\n    return g(d, b, c, h, e)\n"), ["e", "g", "h"]);
}

#[test]
fn first_read_is_the_first_in_evaluation_order() {
    let src = "def f():\n    return [e for _ in e]\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let scope = model.function_scope(first_function(parsed.syntax())).expect("a function scope");
    let free = model.free_names_of(scope);
    assert_eq!(free[0].first_read.start(), offset(src, "e]"));
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

fn loaded(source: &str) -> Vec<String> {
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    sorted(model.loaded_names_in_body(&parsed.syntax().body)).into_iter().map(str::to_string).collect()
}

#[test]
fn reads_not_writes() {
    assert_eq!(loaded("a = b\nc.d = e[f]\ndel g\nh += 1\n"), ["b", "c", "e", "f", "h"]);
}

#[test]
fn reads_in_nested_scopes_count() {
    let src = "def f(p=default):\n    return lambda: [x + y for x in z]\nclass C(Base):\n    attr = value\n";
    assert_eq!(loaded(src), ["Base", "default", "value", "x", "y", "z"]);
}

/// `is_name_loaded(name, range)` becomes a look-up in `loaded_names_in(range)`.
#[test]
fn is_name_loaded_checks_one_name() {
    let parsed = parse("x = 1\nprint(y)\n");
    let model = SemanticModel::build(parsed.syntax());
    let range = body_range(&parsed.syntax().body).expect("a body");
    let loaded = model.loaded_names_in(range);
    assert!(loaded.contains("print"));
    assert!(loaded.contains("y"));
    assert!(!loaded.contains("x"));
}

#[test]
fn loads_in_a_node_only() {
    let src = "a = b\ndef f(p=c):\n    return d\ne\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let def = model.nodes.stmt_id(&parsed.syntax().body[1]).expect("a node");
    assert_eq!(sorted(model.loaded_names_in(model.nodes.node(def).range())), ["c", "d"]);
    let at = model.reference_at(offset(src, "d\n")).expect("a read");
    assert_eq!(at.name, "d");
    assert!(model.reference_at(offset(src, "a =")).is_none());
}

#[test]
fn reads_of_a_name_the_scope_does_not_bind() {
    // `print` is a builtin: the reads still pass through the function's scope.
    let src = "def f():\n    print(1)\n    def g():\n        print(2)\n    class C:\n        def m(self):\n            print(3)\n";
    let parsed = parse(src);
    let model = SemanticModel::build(parsed.syntax());
    let scope = model.function_scope(first_function(parsed.syntax())).expect("a function scope");
    let nested: Vec<bool> = model.reads_of(scope, "print", TextRange::default()).iter().map(|r| r.nested).collect();
    assert_eq!(nested, [false, true, true]);
}
