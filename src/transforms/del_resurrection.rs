//! del-resurrection: a `__del__` that stores `self` (or a bound method, or a lambda using it)
//! where it outlives the call, in a global, a class attribute, a variable of an enclosing
//! function or a container reachable from one, brings the object back to life; CPython then
//! never runs its `__del__` again. Reported, without a fix: what should be kept instead (a copy
//! of the state, a weak reference) cannot be inferred.
use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::visitor::{Visitor, walk_expr};
use ruff_python_ast::{Expr, ExprCall, NodeKind, Stmt, StmtFunctionDef};
use ruff_text_size::Ranged;

use crate::engine::checker::Checker;
use crate::engine::first_look::Look;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::{BindingKind, ScopeId, ScopeKind, SemanticModel};

pub(crate) struct DelResurrection;

pub(crate) static TRANSFORM: DelResurrection = DelResurrection;

static RULE: Rule = Rule {
    id: "del-resurrection",
    summary: "`__del__` stores `self` where it outlives the call: the object comes back, and `__del__` never runs again",
    fix_safety: FixSafety::None,
    default_enabled: true,
    noqa_codes: &[],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

/// Methods that keep their argument in the object they belong to (lists, sets, dicts, deques,
/// queues). `remove`, `discard` and `pop` drop it, and are not here.
const STORING_METHODS: &[&str] = &[
    "append", "appendleft", "extend", "extendleft", "insert", "add", "update", "setdefault", "put", "put_nowait",
];

/// Calls that keep a function or object for the rest of the process.
const PROCESS_REGISTRIES: &[&str] = &["atexit.register", "signal.signal", "sys.addaudithook"];

/// Containers that hold their items weakly: storing `self` there does not keep it alive.
const WEAK_CONTAINERS: &[&str] = &["weakref.WeakSet", "weakref.WeakValueDictionary", "weakref.WeakKeyDictionary"];

impl Transform for DelResurrection {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        // Statements only: a call that stores `self` is an expression statement of its own
        // (`_bin.append(self)`); visiting every expression would cost every file more.
        Visits::Stmts
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtFunctionDef])
    }

    /// A `__del__` whose own code has a statement the check could report: a storing call or an
    /// assignment whose value may hold `self`, told from syntax alone.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        if let Stmt::FunctionDef(func) = stmt
            && func.name.as_str() == "__del__"
            && let Some(instance) = first_parameter(func)
            && may_store_instance(&func.body, instance)
        {
            look.may_report();
        }
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if !matches!(stmt, Stmt::Expr(_) | Stmt::Assign(_) | Stmt::AugAssign(_) | Stmt::AnnAssign(_)) {
            return;
        }
        // The scope test first: it is the cheapest, and almost no statement is in a `__del__`.
        let Some(del) = Finalizer::around(checker) else { return };
        let (targets, value): (Vec<&Expr>, &Expr) = match stmt {
            Stmt::Expr(expr) => {
                if let Expr::Call(call) = expr.value.as_ref() {
                    check_call(checker, &del, call);
                }
                return;
            }
            Stmt::Assign(assign) => (assign.targets.iter().collect(), &assign.value),
            Stmt::AugAssign(assign) => (vec![&assign.target], &assign.value),
            Stmt::AnnAssign(assign) => match assign.value.as_deref() {
                Some(value) => (vec![&assign.target], value),
                None => return,
            },
            _ => return,
        };
        if !del.holds_self(value) {
            return;
        }
        if let Some((target, kept)) = targets.into_iter().find_map(|t| del.kept_by_target(t)) {
            let message = message(checker.locate(value), checker.locate(target), kept);
            checker.report(stmt.range(), message, None);
        }
    }
}

/// Whether a statement of `body`'s own code (not of a nested function or class) is one the
/// check may report: a call of a storing method or registry, or an assignment, with a value that
/// may hold `instance` (a superset of [`Finalizer::holds_self`], which needs the model).
fn may_store_instance(body: &[Stmt], instance: &str) -> bool {
    struct Own<'i> {
        instance: &'i str,
        found: bool,
    }
    impl<'a> StatementVisitor<'a> for Own<'_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            let may_hold = |value: &Expr| may_hold_instance(value, self.instance);
            self.found |= match stmt {
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => false,
                Stmt::Expr(expr) => match expr.value.as_ref() {
                    Expr::Call(call) if is_storing_call(call) => {
                        let arguments = &call.arguments;
                        arguments.args.iter().chain(arguments.keywords.iter().map(|k| &k.value)).any(may_hold)
                    }
                    _ => false,
                },
                Stmt::Assign(assign) => may_hold(&assign.value),
                Stmt::AugAssign(assign) => may_hold(&assign.value),
                Stmt::AnnAssign(assign) => assign.value.as_deref().is_some_and(may_hold),
                _ => {
                    walk_stmt(self, stmt);
                    false
                }
            };
        }
    }
    let mut own = Own { instance, found: false };
    own.visit_body(body);
    own.found
}

/// [`Finalizer::holds_self`] from syntax: any attribute of the instance may be a bound method,
/// and a lambda may use it wherever the name occurs.
fn may_hold_instance(value: &Expr, instance: &str) -> bool {
    let is_instance = |expr: &Expr| matches!(expr, Expr::Name(name) if name.id.as_str() == instance);
    match value {
        Expr::Name(_) => is_instance(value),
        Expr::Attribute(attribute) => is_instance(&attribute.value),
        Expr::Tuple(t) => t.elts.iter().any(|e| may_hold_instance(e, instance)),
        Expr::List(l) => l.elts.iter().any(|e| may_hold_instance(e, instance)),
        Expr::Set(s) => s.elts.iter().any(|e| may_hold_instance(e, instance)),
        Expr::Dict(d) => d.items.iter().any(|i| {
            i.key.as_ref().is_some_and(|k| may_hold_instance(k, instance)) || may_hold_instance(&i.value, instance)
        }),
        Expr::Starred(s) => may_hold_instance(&s.value, instance),
        Expr::Lambda(_) => names_anywhere(value, instance),
        _ => false,
    }
}

/// Whether `name` is read or written anywhere in `expr`.
fn names_anywhere(expr: &Expr, name: &str) -> bool {
    struct Finder<'n> {
        name: &'n str,
        found: bool,
    }
    impl<'a> Visitor<'a> for Finder<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            match expr {
                Expr::Name(n) => self.found |= n.id.as_str() == self.name,
                _ if !self.found => walk_expr(self, expr),
                _ => {}
            }
        }
    }
    let mut finder = Finder { name, found: false };
    finder.visit_expr(expr);
    finder.found
}

/// A call whose last name is a storing method's or a registry's (what [`check_call`] looks at).
fn is_storing_call(call: &ExprCall) -> bool {
    let method = match call.func.as_ref() {
        Expr::Attribute(a) => a.attr.as_str(),
        Expr::Name(n) => n.id.as_str(),
        _ => return false,
    };
    STORING_METHODS.contains(&method) || matches!(method, "register" | "signal" | "addaudithook" | "setattr")
}

/// A call statement that may store `self`: a storing method, a registry, `setattr`.
fn check_call(checker: &mut Checker, del: &Finalizer, call: &ExprCall) {
    if !is_storing_call(call) {
        return;
    }
    if let Some((stored, container, kept)) = del.kept_by_call(call) {
        let message = message(checker.locate(stored), checker.locate(container), kept);
        checker.report(call.range(), message, None);
    }
}

/// The `__del__` method whose own code the walk is in.
struct Finalizer<'a> {
    semantic: &'a SemanticModel<'a>,
    scope: ScopeId,
    class_scope: ScopeId,
    /// The name of its first parameter (`self`).
    instance: &'a str,
}

impl<'a> Finalizer<'a> {
    fn around(checker: &Checker<'a>) -> Option<Self> {
        let semantic = checker.semantic();
        let scope = semantic.nodes.scope(checker.node_id());
        let own = semantic.scope(scope);
        let ScopeKind::Function(func) = own.kind else { return None };
        if func.name.as_str() != "__del__" {
            return None;
        }
        let class_scope = own.parent.filter(|&p| matches!(semantic.scope(p).kind, ScopeKind::Class(_)))?;
        Some(Finalizer { semantic, scope, class_scope, instance: first_parameter(func)? })
    }

    /// Whether the value keeps the instance alive: `self`, a bound method `self.close`, a lambda
    /// that uses `self`, or a tuple, list, set or dict holding one.
    fn holds_self(&self, value: &Expr) -> bool {
        match value {
            Expr::Name(_) => self.is_instance(value),
            Expr::Attribute(attribute) => self.is_instance(&attribute.value) && self.is_method(attribute.attr.as_str()),
            Expr::Tuple(t) => t.elts.iter().any(|e| self.holds_self(e)),
            Expr::List(l) => l.elts.iter().any(|e| self.holds_self(e)),
            Expr::Set(s) => s.elts.iter().any(|e| self.holds_self(e)),
            Expr::Dict(d) => d.items.iter().any(|i| i.key.as_ref().is_some_and(|k| self.holds_self(k)) || self.holds_self(&i.value)),
            Expr::Starred(s) => self.holds_self(&s.value),
            Expr::Lambda(lambda) => self.semantic.references_in(lambda.range()).any(|r| {
                r.name == self.instance && matches!(r.resolution, crate::semantic::Resolution::Scope(s) if s == self.scope)
            }),
            _ => false,
        }
    }

    /// Whether the expression is a read of the method's own `self`.
    fn is_instance(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(name) if name.id.as_str() == self.instance && self.semantic.read_scope(name) == Some(self.scope))
    }

    /// Whether the class body defines `name` with a `def`.
    fn is_method(&self, name: &str) -> bool {
        self.semantic.bindings_of(self.class_scope, name).any(|b| b.kind == BindingKind::FunctionDef)
    }

    /// Where an assignment to `target` keeps the value: a name declared `global` or `nonlocal`,
    /// or an attribute or item of something that outlives the call.
    fn kept_by_target<'t>(&self, target: &'t Expr) -> Option<(&'t Expr, &'static str)> {
        let kept = match target {
            Expr::Name(name) => {
                let own = self.semantic.scope(self.scope);
                let id = name.id.as_str();
                if own.globals.contains(id) {
                    "a global"
                } else if own.nonlocals.contains(id) {
                    "a variable of the enclosing function"
                } else {
                    return None;
                }
            }
            Expr::Attribute(attribute) => self.outlives(&attribute.value)?,
            Expr::Subscript(subscript) => self.outlives(&subscript.value)?,
            Expr::Tuple(t) => return t.elts.iter().find_map(|e| self.kept_by_target(e)),
            Expr::List(l) => return l.elts.iter().find_map(|e| self.kept_by_target(e)),
            Expr::Starred(s) => return self.kept_by_target(&s.value),
            _ => return None,
        };
        Some((target, kept))
    }

    /// Where a call keeps `self`: a storing method of something that outlives the call
    /// (`_bin.append(self)`), `setattr` on it, or a process-wide registry
    /// (`atexit.register(self.close)`).
    /// The argument holding `self`, what it is stored in, and how long that lives.
    fn kept_by_call(&self, call: &'a ExprCall) -> Option<(&'a Expr, &'a Expr, &'static str)> {
        let arguments = &call.arguments;
        let with_self = || arguments.args.iter().chain(arguments.keywords.iter().map(|k| &k.value)).find(|a| self.holds_self(a));
        if let Expr::Attribute(attribute) = call.func.as_ref()
            && STORING_METHODS.contains(&attribute.attr.as_str())
            && let Some(stored) = with_self()
        {
            return Some((stored, &attribute.value, self.outlives(&attribute.value)?));
        }
        let qualified = self.semantic.qualified_name(&call.func)?;
        if PROCESS_REGISTRIES.contains(&qualified.as_str()) {
            return Some((with_self()?, &call.func, "a registry kept until the process ends"));
        }
        if qualified == "builtins.setattr"
            && let [object, _, value, ..] = &arguments.args[..]
            && self.holds_self(value)
        {
            return Some((value, object, self.outlives(object)?));
        }
        None
    }

    /// How the message names `expr` when it lives longer than the call: a module-level name
    /// (not a weak container), a variable of an enclosing function, the class (`type(self)`,
    /// `self.__class__`, a class attribute reached through `self`), or a part of one of them.
    fn outlives(&self, expr: &Expr) -> Option<&'static str> {
        match expr {
            Expr::Name(name) if !self.is_instance(expr) => {
                let scope = self.semantic.read_scope(name)?;
                if self.semantic.scope(self.scope).holds(self.scope, scope) || self.is_weak(name) {
                    return None;
                }
                Some(if scope == ScopeId::MODULE { "reachable from a module-level name" } else { "reachable from a variable of the enclosing function" })
            }
            Expr::Attribute(attribute) if self.is_instance(&attribute.value) => {
                let attr = attribute.attr.as_str();
                if attr == "__class__" {
                    return Some("the class");
                }
                let class_attribute = self.semantic.binds(self.class_scope, attr) && !self.is_method(attr);
                class_attribute.then_some("a class attribute")
            }
            Expr::Attribute(attribute) => self.outlives(&attribute.value),
            Expr::Subscript(subscript) => self.outlives(&subscript.value),
            Expr::Call(call) if self.semantic.is_one_of(&call.func, &["builtins.type"]) => {
                call.arguments.args.first().filter(|a| self.is_instance(a)).map(|_| "the class")
            }
            _ => None,
        }
    }

    /// Whether every value the name is given is a weak container.
    fn is_weak(&self, name: &ruff_python_ast::ExprName) -> bool {
        self.semantic.assigned_values(name).is_some_and(|values| {
            values.iter().all(|v| matches!(v, Expr::Call(c) if self.semantic.is_one_of(&c.func, WEAK_CONTAINERS)))
        })
    }
}

/// The finding's message: what is stored, where, and what that does.
fn message(stored: &str, container: &str, kept: &str) -> String {
    format!(
        "`__del__` stores `{}` in `{}` ({kept}), which outlives the call: the object is resurrected, with all it holds, and CPython never runs its `__del__` again; keep a copy of its state or a weak reference instead",
        short(stored),
        short(container)
    )
}

/// The first line of a piece of code, cut to a readable length.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim_end();
    if line.chars().count() <= 40 && line.len() == text.len() {
        line.to_owned()
    } else {
        format!("{}...", line.chars().take(37).collect::<String>())
    }
}

fn first_parameter(func: &StmtFunctionDef) -> Option<&str> {
    let parameters = &func.parameters;
    parameters.posonlyargs.iter().chain(&parameters.args).next().map(|p| p.parameter.name.as_str())
}
