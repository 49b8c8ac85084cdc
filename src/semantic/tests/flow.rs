use ruff_python_ast::{ExceptHandler, Stmt};

use super::parse;
use crate::semantic::SemanticModel;
use crate::semantic::flow::{always_binds, binds_target, block_holding, can_fall_through, walrus_binds};

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
fn imports_bind_their_head_or_alias() {
    assert!(always("import x.y\n"));
    assert!(!always("import y.x\n"));
    assert!(!always("import x as y\n"));
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

/// `yields::body_yields` becomes the scope's `is_generator`.
#[test]
fn only_the_own_scope_yields() {
    let parsed = parse("x = yield 1\n");
    let model = SemanticModel::build(parsed.syntax());
    assert!(model.scope(model.module_scope()).is_generator);
    let parsed = parse("def g():\n    yield 1\nf = lambda: (yield)\n");
    let model = SemanticModel::build(parsed.syntax());
    assert!(!model.scope(model.module_scope()).is_generator);
    let Some(Stmt::FunctionDef(g)) = parsed.syntax().body.first() else { panic!("a def") };
    assert!(model.scope(model.function_scope(g).expect("a scope")).is_generator);
}

#[test]
fn a_generator_function_is_not_made_by_its_nested_defs() {
    let parsed = parse("def f():\n    def g():\n        yield\n    h = lambda: (yield)\n    return [x for x in y]\n");
    let model = SemanticModel::build(parsed.syntax());
    let Some(Stmt::FunctionDef(f)) = parsed.syntax().body.first() else { panic!("a def") };
    assert!(!model.scope(model.function_scope(f).expect("a scope")).is_generator);
}

/// `expr_yields` on an expression becomes `is_generator` of the scope whose code it is.
#[test]
fn expression_yields_outside_lambdas() {
    let yields = |source: &str| {
        let parsed = parse(source);
        let model = SemanticModel::build(parsed.syntax());
        model.scope(model.module_scope()).is_generator
    };
    assert!(yields("f((yield), lambda: (yield))\n"));
    assert!(!yields("g(lambda: (yield))\n"));
}

fn falls_through(src: &str) -> bool {
    can_fall_through(&parse(src).syntax().body)
}

#[test]
fn ends_that_cannot_be_passed() {
    assert!(!falls_through("x = 1\nreturn True\n"));
    assert!(!falls_through("if a:\n    return 1\nelif b:\n    raise E\nelse:\n    return 2\n"));
    assert!(!falls_through("try:\n    f()\nexcept E:\n    return 1\nfinally:\n    g()\nreturn 2\n"));
    assert!(!falls_through("try:\n    return f()\nexcept E:\n    raise\n"));
    assert!(!falls_through("try:\n    f()\nfinally:\n    return 1\n"));
    assert!(!falls_through("with lock:\n    return 1\n"));
}

#[test]
fn ends_that_can_be_passed() {
    assert!(falls_through(""));
    assert!(falls_through("if a:\n    return 1\n"));
    assert!(falls_through("if a:\n    return 1\nelse:\n    pass\n"));
    assert!(falls_through("try:\n    return f()\nexcept E:\n    pass\n"));
    assert!(falls_through("try:\n    f()\nexcept E:\n    return 1\nelse:\n    g()\n"));
    assert!(falls_through("while True:\n    return 1\n"));
    assert!(falls_through("for x in y:\n    return 1\n"));
}

/// A generator driven by `send()` uses the value of one of its own `yield`s; a `yield` alone as
/// a statement, a `yield from`, or a nested function's `yield` does not count.
#[test]
fn a_yield_read_as_a_value() {
    let reads = |source: &str| {
        let parsed = parse(source);
        let model = SemanticModel::build(parsed.syntax());
        let Some(Stmt::FunctionDef(f)) = parsed.syntax().body.first() else { panic!("a def") };
        model.reads_sent_values(f)
    };
    assert!(reads("def f():\n    x = yield 1\n"));
    assert!(reads("def f():\n    print((yield))\n"));
    assert!(reads("def f():\n    total = 0\n    while True:\n        total += yield total\n"));
    assert!(!reads("def f():\n    yield 1\n    (yield)\n"));
    assert!(!reads("def f():\n    x = yield from g()\n"));
    assert!(!reads("def f():\n    def g():\n        x = yield\n    yield g\n"));
    assert!(!reads("async def f():\n    x = yield 1\n"));
}

/// The model lists `name.send(...)` calls, and only those.
#[test]
fn send_calls_are_listed() {
    let parsed = parse("g.send(1)\nsock.send(b'x')\na.b.send(2)\nsend(3)\nf(g.send)\n");
    let model = SemanticModel::build(parsed.syntax());
    assert_eq!(model.sends().len(), 2);
}
