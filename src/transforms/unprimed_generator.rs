//! unprimed-generator: `g = averager()` followed by `g.send(10)` raises `TypeError: can't send
//! non-None value to a just-started generator`: a generator runs to its first `yield` only when
//! advanced, and only a paused one can receive a value. When the generator function is known
//! (this module, the enclosing class, or another file through the project index) and reads what
//! `yield` gives back, and the first use of the generator in its scope is such a `send`, `next(g)`
//! goes right after the line that makes it.
use ruff_python_ast::{BoolOp, Expr, ExprAttribute, ExprCall, ExprName, NodeKind, Stmt, StmtAssign, StmtFunctionDef};
use ruff_python_trivia::has_trailing_content;
use ruff_source_file::{LineRanges, UniversalNewlineIterator};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::fix::{Edit, Fix};
use crate::edits::lines::{is_first_on_line, statement_indentation};
use crate::engine::checker::Checker;
use crate::engine::first_look::{Later, Look};
use crate::engine::project_index::IndexNeed;
use crate::engine::transform::{Callees, Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::{Binding, BindingKind, Node, NodeId, Resolution, ScopeId, ScopeKind, SemanticModel};

pub(crate) struct UnprimedGenerator;

pub(crate) static TRANSFORM: UnprimedGenerator = UnprimedGenerator;

static RULE: Rule = Rule {
    id: "unprimed-generator",
    summary: "`send()` of a value to a generator that has not started raises TypeError; prime it with `next()`",
    fix_safety: FixSafety::Safe,
    default_enabled: true,
    noqa_codes: &[],
    options: &[],
    validate_options: any_options,
    uses_project_index: true,
};

impl Transform for UnprimedGenerator {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn index_needs(&self) -> &'static [IndexNeed] {
        &[IndexNeed::ValueGenerators]
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::ExprCall])
    }

    fn glanced_callees(&self) -> Option<Callees> {
        Some(Callees { attributes: &[&["send"]], names: Some(&[]) })
    }

    /// A `name.send(value)` call, when the module assigns `name` a call that may make a
    /// generator reading what `yield` gives back (judged once the module is seen).
    fn glance_expr<'a>(&self, look: &mut Look<'a>, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && let Some((_, receiver)) = send_of_value(call)
        {
            look.may_report_if(&[Later::MadeByGeneratorCall(receiver.id.as_str())]);
        }
    }

    /// The model lists the module's `name.send(...)` calls (most files have none): each is
    /// checked at its innermost statement, which the finding's suppression comments go by.
    fn check_stmt(&self, checker: &mut Checker, _stmt: &Stmt) {
        let semantic = checker.semantic();
        let sends = semantic.sends();
        if sends.is_empty() {
            return;
        }
        let here = checker.node_id();
        let nodes = &semantic.nodes;
        // The sends under this statement follow it in the table without a gap.
        let first = sends.partition_point(|&id| id <= here);
        for &send in sends[first..].iter().take_while(|&&id| nodes.ancestors(id).any(|up| up == here)) {
            let innermost = nodes.ancestors(send).find(|&up| nodes.node(up).stmt().is_some());
            if innermost == Some(here)
                && let Some(Expr::Call(call)) = nodes.node(send).expr()
                && let Some((_, receiver)) = send_of_value(call)
            {
                check_send(checker, call, receiver, send);
            }
        }
    }
}

/// `name.send(<value>)` with one positional argument that is not the literal `None`: the
/// method and the name.
fn send_of_value(call: &ExprCall) -> Option<(&ExprAttribute, &ExprName)> {
    let Expr::Attribute(method) = call.func.as_ref() else { return None };
    let Expr::Name(receiver) = method.value.as_ref() else { return None };
    let [value] = &call.arguments.args[..] else { return None };
    let sends_value = method.attr.as_str() == "send"
        && call.arguments.keywords.is_empty()
        && !matches!(value, Expr::NoneLiteral(_) | Expr::Starred(_));
    sends_value.then_some((method, receiver))
}

fn check_send(checker: &mut Checker, call: &ExprCall, receiver: &ExprName, send: NodeId) {
    let semantic = checker.semantic();
    let name = receiver.id.as_str();
    let Some(scope) = semantic.scope_of_read(receiver) else { return };
    let own = semantic.scope(scope);
    if !semantic.runs_in(send, scope) || own.globals.contains(name) || own.nonlocals.contains(name) {
        return;
    }
    if call.arguments.args.first().is_some_and(|value| may_be_none(semantic, value)) {
        return;
    }
    let Some((assign, created, next_binding)) = creation(semantic, scope, name, call.start()) else { return };
    let Some(function) = generator_function(checker, &created.func, scope) else { return };
    if !first_use_is_send(semantic, scope, name, assign, next_binding, receiver, send) {
        return;
    }
    let made = checker.locate(created);
    let mut message = format!(
        "`{name}.send()` is the first use of the generator `{made}`, which has not run to the first `yield` of \
         `{function}` yet: sending it a value raises `TypeError: can't send non-None value to a just-started \
         generator`; prime it with `next({name})` where it is made"
    );
    let fix = priming_fix(checker, assign, name, scope);
    if fix.is_none() {
        message += "; no automatic fix: `next` is bound to something else here";
    }
    checker.report(call.range(), message, fix.map(Fix::safe));
}

/// Whether the value sent may be `None` at the first send, which starts the generator as
/// `next()` does (trio's run loop: `next_send = None` before `gen.send(next_send)` in a loop
/// that rebinds it): a name that some binding sets to `None` (an assignment, a parameter's
/// default), or a conditional, `and` or last `or` operand that may be one.
fn may_be_none(semantic: &SemanticModel, value: &Expr) -> bool {
    match value {
        Expr::NoneLiteral(_) => true,
        Expr::If(choice) => may_be_none(semantic, &choice.body) || may_be_none(semantic, &choice.orelse),
        // `a or b` skips a falsy `None` and gives its last operand then; `a and b` stops at one.
        Expr::BoolOp(operation) if operation.op == BoolOp::Or => {
            operation.values.last().is_some_and(|v| may_be_none(semantic, v))
        }
        Expr::BoolOp(operation) => operation.values.iter().any(|v| may_be_none(semantic, v)),
        Expr::Named(named) => may_be_none(semantic, &named.value),
        Expr::Name(name) => {
            let Some(scope) = semantic.scope_of_read(name) else { return false };
            let id = name.id.as_str();
            semantic.bindings_of(scope, id).any(|binding| match binding.stmt.map(|s| semantic.nodes.node(s)) {
                Some(Node::Stmt(Stmt::Assign(assign))) => assign.value.is_none_literal_expr(),
                Some(Node::Stmt(Stmt::AnnAssign(assign))) => assign.value.as_deref().is_some_and(Expr::is_none_literal_expr),
                Some(Node::Stmt(Stmt::FunctionDef(func))) if binding.kind == BindingKind::Parameter => func
                    .parameters
                    .iter_non_variadic_params()
                    .any(|p| p.parameter.name.as_str() == id && p.default().is_some_and(Expr::is_none_literal_expr)),
                _ => false,
            })
        }
        _ => false,
    }
}

/// The assignment `name = f(...)` that made the generator the send reaches: the last binding of
/// `name` in the scope before the send, when it is one; with the call and where the next
/// binding of `name` starts, if any.
fn creation<'a>(
    semantic: &SemanticModel<'a>,
    scope: ScopeId,
    name: &str,
    send: TextSize,
) -> Option<(&'a StmtAssign, &'a ExprCall, Option<TextSize>)> {
    let bindings: Vec<&Binding<'a>> = semantic.bindings_of(scope, name).collect();
    let made = bindings.iter().filter(|b| b.bound_at < send).max_by_key(|b| b.bound_at)?;
    if made.kind != BindingKind::Assignment {
        return None;
    }
    let Node::Stmt(Stmt::Assign(assign)) = semantic.nodes.node(made.stmt?) else { return None };
    let ([Expr::Name(target)], Expr::Call(created)) = (&assign.targets[..], assign.value.as_ref()) else { return None };
    if target.range != made.range {
        return None;
    }
    let next = bindings.iter().map(|b| b.bound_at).filter(|&at| at > made.bound_at).min();
    Some((assign, created, next))
}

/// How messages name the generator function `callee` calls, when it is one that reads what
/// `yield` gives back and nothing wraps it (a decorator may prime it already): a `def` of the
/// scope the name resolves to, a method of the enclosing class called on `self` / `cls`, or a
/// function of another processed file (through the project index).
fn generator_function(checker: &Checker, callee: &Expr, scope: ScopeId) -> Option<String> {
    let semantic = checker.semantic();
    let shown = checker.locate(callee).to_owned();
    let is_driven = |func: &StmtFunctionDef| plainly_decorated(semantic, func) && semantic.reads_sent_values(func);
    match callee {
        Expr::Name(name) if !semantic.is_imported(callee) => {
            let owner = semantic.scope_of_read(name)?;
            only_def(semantic, owner, name.id.as_str()).filter(|f| is_driven(f)).map(|_| shown)
        }
        Expr::Attribute(attribute) if matches!(attribute.value.as_ref(), Expr::Name(n) if n.id == "self" || n.id == "cls") => {
            let class = semantic.scope(scope).parent.filter(|&p| matches!(semantic.scope(p).kind, ScopeKind::Class(_)))?;
            let is_method = matches!(semantic.scope(scope).kind, ScopeKind::Function(_));
            let method = only_def(semantic, class, attribute.attr.as_str()).filter(|f| is_method && is_driven(f));
            method.map(|_| shown)
        }
        _ => {
            let (project, module) = (checker.project()?, checker.module_name()?);
            let qualified = semantic.qualified_name(callee).filter(|q| !q.starts_with("builtins."))?;
            project.is_value_generator(&module.absolute(&qualified)?).then_some(shown)
        }
    }
}

/// Whether the function's decorators, if any, only make it a class or static method: any other
/// one may wrap the generator (the usual `@coroutine` primes it).
fn plainly_decorated(semantic: &SemanticModel, func: &StmtFunctionDef) -> bool {
    const PLAIN: &[&str] = &["builtins.classmethod", "builtins.staticmethod"];
    func.decorator_list.iter().all(|d| semantic.is_one_of(&d.expression, PLAIN))
}

/// The one `def` that binds `name` in `scope`, when nothing else binds it there.
fn only_def<'a>(semantic: &SemanticModel<'a>, scope: ScopeId, name: &str) -> Option<&'a StmtFunctionDef> {
    let mut bindings = semantic.bindings_of(scope, name);
    let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
    match (&only.kind, semantic.nodes.node(only.stmt?)) {
        (BindingKind::FunctionDef, Node::Stmt(Stmt::FunctionDef(func))) => Some(func),
        _ => None,
    }
}

/// Whether the send is the first read of the generator after it is made, and nothing else can
/// start it first: no closure reads it, no read primes it (`next(g)`, `g.__next__()`,
/// `g.send(None)`), and in a loop that holds the send but not the assignment (whose later
/// iterations come back to the send) every read is a send of a value.
fn first_use_is_send(
    semantic: &SemanticModel,
    scope: ScopeId,
    name: &str,
    assign: &StmtAssign,
    next_binding: Option<TextSize>,
    receiver: &ExprName,
    send: NodeId,
) -> bool {
    let reads = semantic.reads_of(scope, name, TextRange::default());
    if reads.iter().any(|r| r.nested) {
        return false;
    }
    let until = next_binding.unwrap_or(TextSize::from(u32::MAX));
    let mut after: Vec<TextRange> =
        reads.iter().map(|r| r.range).filter(|r| r.start() >= assign.end() && r.start() < until).collect();
    after.sort_by_key(|r| r.start());
    if after.first() != Some(&receiver.range) {
        return false;
    }
    let uses: Vec<Use> = after.iter().map(|&range| use_of(semantic, range)).collect();
    if uses.contains(&Use::Primes) {
        return false;
    }
    let nodes = &semantic.nodes;
    let looped = nodes.ancestors(send).map(|id| nodes.node(id)).find_map(|node| match node {
        Node::Stmt(stmt @ (Stmt::For(_) | Stmt::While(_))) if !stmt.range().contains_range(assign.range()) => Some(stmt.range()),
        _ => None,
    });
    looped.is_none_or(|looped| after.iter().zip(&uses).all(|(r, u)| !looped.contains_range(*r) || *u == Use::SendsValue))
}

/// What a read of the generator does with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    SendsValue,
    /// Advances a just-started generator: `next(g)`, `g.__next__()`, `g.send(None)`.
    Primes,
    Other,
}

fn use_of(semantic: &SemanticModel, read: TextRange) -> Use {
    let Some(reference) = semantic.reference_at(read.start()) else { return Use::Other };
    let nodes = &semantic.nodes;
    let Some(parent) = nodes.parent(reference.node) else { return Use::Other };
    match nodes.node(parent) {
        Node::Expr(Expr::Call(call)) if matches!(call.func.as_ref(), Expr::Name(n) if n.id == "next") => Use::Primes,
        Node::Expr(Expr::Attribute(attribute)) => {
            let call = nodes.parent(parent).and_then(|p| nodes.node(p).expr()).and_then(Expr::as_call_expr);
            match (attribute.attr.as_str(), call) {
                ("__next__", _) => Use::Primes,
                ("send", Some(call)) if send_of_value(call).is_some() => Use::SendsValue,
                ("send", Some(_)) => Use::Primes,
                _ => Use::Other,
            }
        }
        _ => Use::Other,
    }
}

/// `next(name)` on the line after the assignment, at its indentation; after a `;` on its line
/// when the assignment shares that line with other code (`if x: g = gen()`, `g = gen(); ...`).
fn priming_fix(checker: &Checker, assign: &StmtAssign, name: &str, scope: ScopeId) -> Option<Vec<Edit>> {
    if semantic_next_is_bound(checker.semantic(), scope) {
        return None;
    }
    let source = checker.source();
    let priming = format!("next({name})");
    if !is_first_on_line(assign, source) || has_trailing_content(assign.end(), source) {
        return Some(vec![Edit::insert(assign.end(), format!("; {priming}"))]);
    }
    let indent = statement_indentation(assign, source);
    let line_start = source.line_start(assign.end());
    let at = source.full_line_end(assign.end());
    let eol = UniversalNewlineIterator::with_offset(&source[TextRange::new(line_start, at)], line_start)
        .next()
        .and_then(|line| line.line_ending());
    Some(vec![match eol {
        Some(eol) => Edit::insert(at, format!("{indent}{priming}{}", eol.as_str())),
        // The file ends on that line without a line ending, and keeps ending without one.
        None => Edit::insert(at, format!("{}{indent}{priming}", checker.stylist().line_ending().as_str())),
    }])
}

/// Whether `next` read from `scope` is something else than the builtin.
fn semantic_next_is_bound(semantic: &SemanticModel, scope: ScopeId) -> bool {
    !matches!(semantic.resolve_in(scope, "next"), Resolution::Unbound)
}
