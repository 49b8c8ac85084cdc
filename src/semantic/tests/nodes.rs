use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::parse;
use crate::semantic::{Node, NodeId, SemanticModel};

/// The id of the first node, in walk order, with exactly this range that `is_target` accepts:
/// the id the engine's walk over [`crate::semantic::Nodes::iter_with_parents`] gives it.
fn id_of<'a>(model: &SemanticModel<'a>, range: TextRange, is_target: impl Fn(Node<'a>) -> bool) -> Option<NodeId> {
    model.nodes.iter_with_parents().find(|&(_, node, _)| node.range() == range && is_target(node)).map(|(id, ..)| id)
}

/// The kinds along the path to the first node whose text is `target`.
fn kinds(source: &str, target: &str, lambda: bool) -> Vec<String> {
    let parsed = parse(source);
    let model = SemanticModel::build(parsed.syntax());
    let start = source.find(target).expect("target in source");
    let range = TextRange::at(TextSize::try_from(start).expect("small"), target.len().try_into().expect("small"));
    let id = id_of(&model, range, |n| match n {
        Node::Expr(Expr::Lambda(_)) => lambda,
        Node::Expr(Expr::Name(_)) => !lambda,
        Node::Stmt(Stmt::FunctionDef(_)) => !lambda,
        _ => false,
    })
    .expect("node found");
    let path = model.nodes.path_to(id);
    path.iter()
        .map(|n| match n {
            Node::Stmt(_) => "S".to_owned(),
            Node::Expr(e) => format!("E:{}", &source[e.range()].chars().take(6).collect::<String>()),
        })
        .collect()
}

#[test]
fn finds_a_lambda_inside_call_arguments_in_a_loop() {
    let src = "for m in ms:\n    cbs.append(lambda: print(m))\n";
    assert_eq!(kinds(src, "lambda: print(m)", true), ["S", "S", "E:cbs.ap", "E:lambda"]);
}

#[test]
fn finds_a_name_in_a_comprehension_and_an_fstring() {
    let path = kinds("x = [f'{y}' for _ in z]\n", "y", false);
    // Assign, ListComp, FString, Name (the range of `y`).
    assert_eq!(path.len(), 4);
    assert_eq!(path[1], "E:[f'{y}");
}

#[test]
fn expression_statement_yields_its_expression() {
    let parsed = parse("lambda: 1\n");
    let model = SemanticModel::build(parsed.syntax());
    let lambda_range = TextRange::new(0.into(), 9.into());
    let id = id_of(&model, lambda_range, |n| matches!(n, Node::Expr(Expr::Lambda(_)))).expect("found");
    let path = model.nodes.path_to(id);
    assert_eq!(path.len(), 2);
    assert!(path[0].stmt().is_some() && path[1].expr().is_some());
    assert!(!path[0].is(path[1]));
    // The innermost statement holding the lambda is the expression statement.
    let enclosing = model.nodes.ancestors(id).find(|&n| model.nodes.node(n).stmt().is_some());
    assert_eq!(enclosing, model.nodes.stmt_id(&parsed.syntax().body[0]));
}

#[test]
fn finds_defaults_and_decorators() {
    let src = "@d(lambda: 1)\ndef f(x=lambda: 2):\n    pass\n";
    assert_eq!(kinds(src, "lambda: 2", true).len(), 2);
    assert_eq!(kinds(src, "lambda: 1", true), ["S", "E:d(lamb", "E:lambda"]);
}

#[test]
fn nodes_know_their_parent_and_scope() {
    let parsed = parse("def f(a=b):\n    return c\n");
    let model = SemanticModel::build(parsed.syntax());
    let Some(Stmt::FunctionDef(func)) = parsed.syntax().body.first() else { panic!("a def") };
    let Some(Stmt::Return(ret)) = func.body.first() else { panic!("a return") };
    let value = ret.value.as_deref().expect("a value");
    let value = id_of(&model, value.range(), |n| n.is(Node::Expr(value))).expect("a node");
    let ret_id = model.nodes.stmt_id(&func.body[0]).expect("a node");
    assert_eq!(model.nodes.parent(value), Some(ret_id));
    assert_eq!(model.nodes.scope(value), model.function_scope(func).expect("a scope"));
    let default = func.parameters.args[0].default.as_deref().expect("a default");
    let default = id_of(&model, default.range(), |n| n.is(Node::Expr(default))).expect("a node");
    assert_eq!(model.nodes.scope(default), model.module_scope());
    assert_eq!(model.nodes.ancestors(value).count(), 2);
}
