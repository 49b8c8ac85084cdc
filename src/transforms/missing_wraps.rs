//! missing-wraps: a decorator's inner function that replaces the decorated one without
//! `functools.wraps` gets `@wraps(func)` as its first decorator, so the result keeps the
//! function's `__name__`, `__qualname__`, `__doc__`, `__module__` and gains `__wrapped__`.
use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::visitor::{self, Visitor, walk_expr};
use ruff_python_ast::{Expr, ExprCall, ExprContext, NodeKind, Stmt, StmtFunctionDef, UnaryOp};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange};

use crate::edits::add_import::{add_import_from, add_module_import};
use crate::edits::fix::{Edit, Fix};
use crate::edits::lines::{is_first_on_line, statement_indentation};
use crate::engine::checker::Checker;
use crate::engine::first_look::Look;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::knowledge::{METADATA_COPIERS, WRAPPER_IDENTITY_ATTRIBUTES, WRAPPER_MANAGED_ATTRIBUTES};
use crate::semantic::{BindingKind, Node, NodeId, ScopeId, ScopeKind, SemanticModel};

pub(crate) struct MissingWraps;

pub(crate) static TRANSFORM: MissingWraps = MissingWraps;

static RULE: Rule = Rule {
    id: "missing-wraps",
    summary: "a decorator's wrapper without `functools.wraps` loses the function's name, docstring and `__wrapped__`",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &[],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for MissingWraps {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if let Stmt::FunctionDef(inner) = stmt
            && !checker.is_stub()
        {
            check_inner(checker, inner);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtFunctionDef])
    }

    /// A function defined in the own code of another one (the decorator), which returns it by
    /// name: asked at the inner `def`, so that the outer one's code is read only for the few
    /// functions that define others, not for every function.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        if let Stmt::FunctionDef(inner) = stmt
            && let Some(outer) = look.enclosing_def()
            && may_wrap(outer, inner)
        {
            look.may_report();
        }
    }
}

/// Whether `inner`, a function of the own code of `outer`, may be the wrapper the check reports,
/// from syntax (a superset of what the check asks): no decorator named like `wraps` marks it,
/// `outer`'s own code returns it by name, and its body calls one of the parameters of `outer`
/// that may hold the decorated callable (a superset of [`callable_parameters`] and of the calls
/// [`calls_parameter`] counts).
fn may_wrap(outer: &StmtFunctionDef, inner: &StmtFunctionDef) -> bool {
    if named_like_a_copier(inner) || !returns_by_name(&outer.body, inner.name.as_str()) {
        return false;
    }
    let parameters: Vec<&str> = may_hold_callable(outer, 0).collect();
    !parameters.is_empty() && calls_one_of(&inner.body, &parameters)
}

/// Whether the own code of a function body (its blocks, not nested functions or classes) has a
/// `return name`.
fn returns_by_name(body: &[Stmt], name: &str) -> bool {
    struct OwnCode<'n> {
        name: &'n str,
        found: bool,
    }
    impl<'a> StatementVisitor<'a> for OwnCode<'_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::Return(ret) => {
                    self.found |= matches!(ret.value.as_deref(), Some(Expr::Name(returned)) if returned.id.as_str() == self.name);
                }
                _ if !self.found => walk_stmt(self, stmt),
                _ => {}
            }
        }
    }
    let mut own = OwnCode { name, found: false };
    own.visit_body(body);
    own.found
}

/// Whether code in `body` (nested functions too) calls one of `names` by that name.
fn calls_one_of(body: &[Stmt], names: &[&str]) -> bool {
    struct Calls<'n> {
        names: &'n [&'n str],
        found: bool,
    }
    impl<'a> Visitor<'a> for Calls<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr
                && let Expr::Name(name) = call.func.as_ref()
                && self.names.contains(&name.id.as_str())
            {
                self.found = true;
            }
            if !self.found {
                walk_expr(self, expr);
            }
        }
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if !self.found {
                visitor::walk_stmt(self, stmt);
            }
        }
    }
    let mut calls = Calls { names, found: false };
    calls.visit_body(body);
    calls.found
}

/// A decorator found: the scope of the function that decorates (`outer`), whose code also
/// evaluates the inner function's decorators, and its parameter holding the decorated callable.
struct Decorator<'a> {
    outer: ScopeId,
    func: &'a str,
}

fn check_inner(checker: &mut Checker, inner: &StmtFunctionDef) {
    let semantic = checker.semantic();
    let Some(decorator) = decorator_of(semantic, checker.node_id(), inner) else { return };
    let func = decorator.func;
    let message = format!(
        "`{}` replaces `{func}` without `functools.wraps`: the result loses `{func}`'s `__name__`, \
         `__qualname__`, `__doc__` and `__wrapped__`",
        inner.name
    );
    let fix = fix(checker, inner, &decorator);
    checker.report(inner.name.range(), message, fix);
}

/// The decorator that `inner` is the wrapper of: `inner` is defined in the code of a function
/// (`outer`), calls exactly one of `outer`'s parameters from its own code, is returned by
/// `outer` as it is, and nothing copies the metadata already.
fn decorator_of<'a>(semantic: &SemanticModel<'a>, id: NodeId, inner: &'a StmtFunctionDef) -> Option<Decorator<'a>> {
    let outer_scope = semantic.nodes.scope(id);
    let ScopeKind::Function(outer) = semantic.scope(outer_scope).kind else { return None };
    let inner_scope = semantic.function_scope(inner)?;
    let mut bindings = semantic.bindings_of(outer_scope, inner.name.as_str());
    // Rebound (`wrapper = other(wrapper)`): what `outer` returns may not be this function.
    if !matches!((bindings.next(), bindings.next()), (Some(b), None) if b.kind == BindingKind::FunctionDef) {
        return None;
    }
    if !is_returned_bare(semantic, outer_scope, inner) || decorated_already(semantic, inner) {
        return None;
    }
    // Exactly one parameter called (`compose(f, g)` stands for neither), and called as a wrapper.
    let mut called = callable_parameters(outer, semantic)
        .filter_map(|name| calls_parameter(semantic, outer_scope, inner, inner_scope, name).map(|wraps| (name, wraps)));
    let (Some((func, true)), None) = (called.next(), called.next()) else { return None };
    Some(Decorator { outer: outer_scope, func })
}

/// Whether `outer` returns `inner` by name (`return wrapper`), and no other use of the name in
/// `outer` copies or sets its metadata: passing it to a call (`update_wrapper(wrapper, func)`,
/// or a helper of the project that may copy it) or assigning `wrapper.__name__` /
/// `__qualname__` / `__wrapped__`.
fn is_returned_bare(semantic: &SemanticModel, outer: ScopeId, inner: &StmtFunctionDef) -> bool {
    let Some(variable) = semantic.scope(outer).variable(inner.name.as_str()) else { return false };
    let mut returned = false;
    for &reference in &variable.references {
        let reference = semantic.reference(reference);
        if inner.range().contains_range(reference.range) {
            continue;
        }
        let Some(parent) = semantic.nodes.parent(reference.node) else { continue };
        match semantic.nodes.node(parent) {
            Node::Stmt(Stmt::Return(ret)) if reference.scope == outer => {
                returned |= ret.value.as_ref().is_some_and(|v| v.range() == reference.range);
            }
            Node::Expr(Expr::Attribute(attribute)) => {
                let attr = attribute.attr.as_str();
                let sets_identity = attribute.ctx == ExprContext::Store && WRAPPER_IDENTITY_ATTRIBUTES.contains(&attr);
                // Any use, not only a store: `wrapper.__annotations__["x"] = T` changes the dict
                // that `wraps` would share with the wrapped function.
                if sets_identity || WRAPPER_MANAGED_ATTRIBUTES.contains(&attr) {
                    return false;
                }
            }
            Node::Expr(Expr::Call(call)) if call.func.range() != reference.range => return false,
            _ => {}
        }
    }
    returned
}

/// Whether a decorator of `inner` already copies metadata: `functools.wraps` under any name, or
/// any decorator whose name says it wraps (`six.wraps`, a project's `_wraps`).
fn decorated_already(semantic: &SemanticModel, inner: &StmtFunctionDef) -> bool {
    named_like_a_copier(inner) || inner.decorator_list.iter().any(|d| semantic.is_one_of(uncalled(&d.expression), METADATA_COPIERS))
}

/// A decorator named like a metadata copier (`wraps`, `functools.wraps(f)`, `my_wrapper`):
/// syntax alone tells, so the first look asks it too.
fn named_like_a_copier(inner: &StmtFunctionDef) -> bool {
    inner.decorator_list.iter().any(|decorator| {
        let last = match uncalled(&decorator.expression) {
            Expr::Name(name) => name.id.as_str(),
            Expr::Attribute(attribute) => attribute.attr.as_str(),
            _ => "",
        };
        last.to_ascii_lowercase().contains("wrap")
    })
}

fn uncalled(expr: &Expr) -> &Expr {
    match expr {
        Expr::Call(call) => &call.func,
        other => other,
    }
}

/// The parameters of `outer` that may hold the decorated callable: not `*args` / `**kwargs`, not
/// the first parameter of a method (`self`, `cls`), not one with a default other than `None` (a
/// decorated function is never a default: `promise=promise` is a constructor the inner function
/// uses), and not one annotated as a class (`type[Resource]`: the inner function builds one).
fn callable_parameters<'a>(outer: &'a StmtFunctionDef, semantic: &SemanticModel) -> impl Iterator<Item = &'a str> {
    let is_method = semantic
        .function_scope(outer)
        .and_then(|scope| semantic.scope(scope).parent)
        .is_some_and(|parent| matches!(semantic.scope(parent).kind, ScopeKind::Class(_)));
    may_hold_callable(outer, usize::from(is_method && !is_staticmethod(outer)))
}

/// The parameters of `outer`, but the first `skip`, that may hold a callable: without a default
/// other than `None`, and not annotated as a class.
fn may_hold_callable(outer: &StmtFunctionDef, skip: usize) -> impl Iterator<Item = &str> {
    outer
        .parameters
        .iter_non_variadic_params()
        .skip(skip)
        .filter(|p| p.default.as_deref().is_none_or(Expr::is_none_literal_expr))
        .filter(|p| !p.parameter.annotation.as_deref().is_some_and(is_class_annotation))
        .map(|p| p.parameter.name.as_str())
}

fn is_staticmethod(func: &StmtFunctionDef) -> bool {
    func.decorator_list.iter().any(|d| matches!(&d.expression, Expr::Name(n) if n.id.as_str() == "staticmethod"))
}

/// `type[X]`, `Type[X]`, `typing.Type[X]`.
fn is_class_annotation(annotation: &Expr) -> bool {
    let Expr::Subscript(subscript) = annotation else { return false };
    match &*subscript.value {
        Expr::Name(name) => matches!(name.id.as_str(), "type" | "Type"),
        Expr::Attribute(attribute) => attribute.attr.as_str() == "Type",
        _ => false,
    }
}

/// Whether the own code of `inner` (not a function or lambda nested in it) calls the parameter
/// `name` of `outer`: `None` when it does not, else whether it calls it as a wrapper does and
/// does not test it (`if on_call`, `on_call(x) if on_call else x`: an optional hook, not the
/// function the result stands for) and nothing else in `outer` binds the name.
fn calls_parameter(semantic: &SemanticModel, outer: ScopeId, inner: &StmtFunctionDef, inner_scope: ScopeId, name: &str) -> Option<bool> {
    let variable = semantic.scope(outer).variable(name)?;
    let only_parameter = variable.bindings.len() == 1 && semantic.binding(variable.bindings[0]).kind == BindingKind::Parameter;
    let own_reads = variable.references.iter().map(|&r| semantic.reference(r)).filter(|r| semantic.runs_in(r.node, inner_scope));
    let (mut called, mut as_wrapper, mut tested) = (false, false, false);
    for reference in own_reads {
        let Some(parent) = semantic.nodes.parent(reference.node) else { continue };
        match semantic.nodes.node(parent) {
            Node::Expr(Expr::Call(call)) if call.func.range() == reference.range => {
                called = true;
                as_wrapper |= wraps_call(semantic, inner, inner_scope, call, parent);
            }
            node => tested |= tests(node, reference.range),
        }
    }
    called.then_some(as_wrapper && !tested && only_parameter)
}

/// Whether the node tests the value at `range` for truth or compares it.
fn tests(node: Node, range: TextRange) -> bool {
    match node {
        Node::Stmt(Stmt::If(stmt)) => stmt.test.range() == range,
        Node::Stmt(Stmt::While(stmt)) => stmt.test.range() == range,
        Node::Expr(Expr::If(expr)) => expr.test.range() == range,
        Node::Expr(Expr::BoolOp(_) | Expr::Compare(_)) => true,
        Node::Expr(Expr::UnaryOp(unary)) => unary.op == UnaryOp::Not,
        _ => false,
    }
}

/// Whether a call of the parameter is the call a wrapper makes: it hands on the wrapper's own
/// arguments (`func(*args, **kwargs)`, `fcn(opcode, data)`; a wrapper without parameters calls
/// `func()`), and, unless the wrapper takes exactly `(*args, **kwargs)`, its result is what the
/// wrapper returns (`return func(x)`, `result = func(x)` ... `return result`) or it is called
/// for its effect (`func(x)` as a statement), maybe awaited. Not a checker that asserts on the
/// result (`assertEqual(coder(input), ...)`), nor `raise error()`.
fn wraps_call(semantic: &SemanticModel, inner: &StmtFunctionDef, inner_scope: ScopeId, call: &ExprCall, id: NodeId) -> bool {
    let own: Vec<&str> = inner.parameters.iter().map(|p| p.name().as_str()).collect();
    let is_own = |expr: &Expr| match expr {
        Expr::Name(name) => own.contains(&name.id.as_str()),
        Expr::Starred(starred) => matches!(&*starred.value, Expr::Name(n) if own.contains(&n.id.as_str())),
        _ => false,
    };
    let hands_on = own.is_empty()
        || call.arguments.args.iter().any(is_own)
        || call.arguments.keywords.iter().any(|k| is_own(&k.value));
    if !hands_on {
        return false;
    }
    if forwards_everything(inner) {
        return true;
    }
    let mut at = id;
    let mut parent = semantic.nodes.parent(at);
    if let Some(up) = parent
        && matches!(semantic.nodes.node(up), Node::Expr(Expr::Await(_)))
    {
        at = up;
        parent = semantic.nodes.parent(at);
    }
    let Some(parent) = parent else { return false };
    match semantic.nodes.node(parent) {
        Node::Stmt(Stmt::Return(_) | Stmt::Expr(_)) => true,
        Node::Stmt(Stmt::Assign(assign)) => match assign.targets.as_slice() {
            [Expr::Name(target)] => returns_name(semantic, inner_scope, target.id.as_str()),
            _ => false,
        },
        _ => false,
    }
}

/// Whether the own code of a function returns its variable `name` (`return result`).
fn returns_name(semantic: &SemanticModel, scope: ScopeId, name: &str) -> bool {
    let Some(variable) = semantic.scope(scope).variable(name) else { return false };
    variable.references.iter().map(|&r| semantic.reference(r)).any(|reference| {
        semantic.nodes.parent(reference.node).is_some_and(|parent| {
            matches!(semantic.nodes.node(parent), Node::Stmt(Stmt::Return(ret)) if ret.value.as_ref().is_some_and(|v| v.range() == reference.range))
        })
    })
}

/// Whether the wrapper's parameters are exactly `(*args, **kwargs)`.
fn forwards_everything(inner: &StmtFunctionDef) -> bool {
    let parameters = &inner.parameters;
    parameters.posonlyargs.is_empty()
        && parameters.args.is_empty()
        && parameters.kwonlyargs.is_empty()
        && parameters.vararg.is_some()
        && parameters.kwarg.is_some()
}

/// `@wraps(func)` as a line of its own above the inner function's first decorator (or its `def`),
/// with the import it needs. Safe when the wrapper takes `(*args, **kwargs)` and nothing else:
/// otherwise `inspect.signature` follows `__wrapped__` and reports other parameters than the
/// wrapper accepts.
fn fix(checker: &Checker, inner: &StmtFunctionDef, decorator: &Decorator) -> Option<Fix> {
    let source = checker.source();
    if !is_first_on_line(&inner.range(), source) {
        return None;
    }
    let (wraps, mut edits) = wraps_reference(checker, decorator.outer)?;
    let indent = statement_indentation(&inner.range(), source);
    let eol = checker.stylist().line_ending().as_str();
    let line = format!("{indent}@{wraps}({}){eol}", decorator.func);
    edits.push(Edit::insert(source.line_start(inner.start()), line));
    Some(if forwards_everything(inner) { Fix::safe(edits) } else { Fix::unsafe_(edits) })
}

/// How the decorator line names `functools.wraps`, in the module's own style, and the import
/// edits that make it available: a `wraps` the module already imports from functools; else
/// `functools.wraps` after an `import functools`; else `wraps` added to a `from functools import`
/// line; else a new import, `import functools` in a module whose imports are all `import x`
/// lines and `from functools import wraps` otherwise. `None` when the name would not reach the
/// decorator's scope (a local of that name) or the module binds it some other way.
fn wraps_reference(checker: &Checker, outer: ScopeId) -> Option<(String, Vec<Edit>)> {
    let semantic = checker.semantic();
    let (source, stylist) = (checker.source(), checker.stylist());
    let visible = |reference: &str| semantic.sees_module_name(outer, reference.split('.').next().unwrap_or(reference));
    if let Some(bound) = semantic.imported_from("functools", "wraps") {
        return visible(bound).then(|| (bound.to_owned(), Vec::new()));
    }
    if let Some(module) = semantic.module_reference("functools") {
        return visible(&module).then(|| (format!("{module}.wraps"), Vec::new()));
    }
    let prefers_module = !semantic.imports_at_top("functools") && imports_whole_modules(semantic);
    if !prefers_module
        && visible("wraps")
        && let Some(import) = add_import_from("functools", "wraps", semantic, source, stylist)
    {
        return Some((import.binding, import.edits));
    }
    let import = add_module_import("functools", semantic, source, stylist)?;
    visible("functools").then(|| (format!("{}.wraps", import.binding), import.edits))
}

/// Whether the module's top-level imports are all `import x` lines (at least one), apart from
/// `from __future__ import`: its style is to write `module.name`.
fn imports_whole_modules(semantic: &SemanticModel) -> bool {
    let mut imports = semantic.module.body.iter().filter(|stmt| match stmt {
        Stmt::ImportFrom(import) => import.module.as_ref().is_none_or(|m| m.as_str() != "__future__"),
        other => other.is_import_stmt(),
    });
    imports.clone().next().is_some() && imports.all(Stmt::is_import_stmt)
}
