//! dangling-task: `asyncio.create_task(coro)` as a statement of its own keeps no reference to the
//! task, and the event loop keeps only a weak one, so the task can be collected before it
//! finishes. The fix keeps it in a module-level set until it is done:
//! `task = asyncio.create_task(coro)`, `_background_tasks.add(task)`,
//! `task.add_done_callback(_background_tasks.discard)`.
use std::collections::HashSet;

use ruff_python_ast::{Expr, ExprCall, NodeKind, Stmt, StmtExpr};
use ruff_source_file::LineRanges;
use ruff_text_size::Ranged;

use crate::edits::add_import::{add_import_from, add_module_import, add_module_line, leading_run};
use crate::edits::fix::{Edit, Fix};
use crate::edits::fresh_name::fresh_name;
use crate::edits::lines::{is_alone_on_its_lines, statement_indentation};
use crate::engine::checker::Checker;
use crate::engine::first_look::{Look, naming};
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::knowledge::{EVENT_LOOP_GETTERS, LOOP_TASK_METHODS, TASK_SCHEDULERS};
use crate::semantic::queries::imports::imports_from;
use crate::semantic::{BindingKind, Node, Resolution, ScopeId, ScopeKind, SemanticModel};
use crate::settings::TargetVersion;

pub(crate) struct DanglingTask;

pub(crate) static TRANSFORM: DanglingTask = DanglingTask;

static RULE: Rule = Rule {
    id: "dangling-task",
    summary: "a task created and dropped can be garbage-collected before it finishes; keep a reference until it is done",
    fix_safety: FixSafety::Safe,
    default_enabled: true,
    noqa_codes: &["RUF006"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

/// The base name of the module-level set the fix keeps tasks in.
const TASK_SET: &str = "_background_tasks";

impl Transform for DanglingTask {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if let Stmt::Expr(statement) = stmt
            && let Expr::Call(call) = &*statement.value
            && schedules_task(checker.semantic(), call)
        {
            report(checker, statement, call);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtExpr])
    }

    /// A statement that is a call of something named `create_task` or `ensure_future`, bare or
    /// as an attribute of a name (a module or a loop variable) or of a call (a loop getter):
    /// `self.loop.create_task(...)` is never one the check reports.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        if let Stmt::Expr(statement) = stmt
            && let Expr::Call(call) = &*statement.value
            && match &*call.func {
                Expr::Name(_) => true,
                Expr::Attribute(method) => matches!(&*method.value, Expr::Name(_) | Expr::Call(_)),
                _ => false,
            }
        {
            look.may_report_if_naming(naming(&call.func, |last| LOOP_TASK_METHODS.contains(&last)), None);
        }
    }
}

/// `asyncio.create_task(...)` / `asyncio.ensure_future(...)` under any import, or
/// `create_task` / `ensure_future` of an event loop: `asyncio.get_running_loop().create_task(...)`,
/// or of a variable only ever assigned such a loop. A `TaskGroup`'s `create_task` keeps its
/// tasks, and an unknown receiver may be one: left alone.
fn schedules_task(semantic: &SemanticModel, call: &ExprCall) -> bool {
    if semantic.is_one_of(&call.func, TASK_SCHEDULERS) {
        return true;
    }
    let Expr::Attribute(method) = &*call.func else { return false };
    if !LOOP_TASK_METHODS.contains(&method.attr.as_str()) {
        return false;
    }
    match &*method.value {
        Expr::Call(getter) => semantic.is_one_of(&getter.func, EVENT_LOOP_GETTERS),
        Expr::Name(name) => is_event_loop_variable(semantic, name),
        _ => false,
    }
}

/// Whether every binding of the variable the name reads is `name = <an event loop getter>()`.
fn is_event_loop_variable(semantic: &SemanticModel, name: &ruff_python_ast::ExprName) -> bool {
    let Some(reference) = semantic.reference_at(name.start()).filter(|r| r.range == name.range) else { return false };
    let Resolution::Scope(scope) = reference.resolution else { return false };
    let mut bindings = semantic.bindings_of(scope, name.id.as_str()).peekable();
    bindings.peek().is_some()
        && bindings.all(|binding| {
            binding.kind == BindingKind::Assignment
                && binding.stmt.is_some_and(|stmt| {
                    matches!(semantic.nodes.node(stmt), Node::Stmt(Stmt::Assign(assign))
                        if matches!(assign.targets.as_slice(), [Expr::Name(_)])
                            && matches!(&*assign.value, Expr::Call(getter) if semantic.is_one_of(&getter.func, EVENT_LOOP_GETTERS)))
                })
        })
}

fn report(checker: &mut Checker, statement: &StmtExpr, call: &ExprCall) {
    let callee = checker.locate(call.func.range());
    let message = format!(
        "the task `{callee}(...)` returns is dropped: the event loop keeps only a weak reference to it, so it \
         can be garbage-collected before it finishes; keep a reference until it is done"
    );
    let fix = fix(checker, statement);
    checker.report(statement.range(), message, fix);
}

/// `task = <call>` in place, then `<set>.add(task)` and `task.add_done_callback(<set>.discard)`
/// on lines of their own after it, at its indentation; the set is declared once per module,
/// after the imports. Only for a statement alone on its lines in a function or at module level
/// (in a class body, `task` would become a class attribute).
fn fix(checker: &Checker, statement: &StmtExpr) -> Option<Fix> {
    let semantic = checker.semantic();
    let source = checker.source();
    let scope = semantic.nodes.scope(checker.node_id());
    if !matches!(semantic.scope(scope).kind, ScopeKind::Module | ScopeKind::Function(_))
        || !is_alone_on_its_lines(statement, source)
    {
        return None;
    }
    let taken = names_in_use(semantic);
    let task = fresh_name("task", &names_near(semantic, scope).unwrap_or_else(|| taken.clone()));
    let (set, mut edits) = match existing_task_set(semantic) {
        Some(set) => (set.to_owned(), Vec::new()),
        None => {
            let set = fresh_name(TASK_SET, &taken);
            let edits = declare_set(checker, &set);
            (set, edits)
        }
    };
    if !semantic.sees_module_name(scope, &set) {
        return None;
    }
    let indent = statement_indentation(statement, source);
    let eol = checker.stylist().line_ending().as_str();
    let lines = format!("{indent}{set}.add({task}){eol}{indent}{task}.add_done_callback({set}.discard)");
    let line_end = source.full_line_end(statement.end());
    let after = if line_end == source.line_end(statement.end()) {
        // The last line of a file without a final line ending.
        format!("{eol}{lines}")
    } else {
        format!("{lines}{eol}")
    };
    edits.push(Edit::insert(statement.start(), format!("{task} = ")));
    edits.push(Edit::insert(line_end, after));
    Some(Fix::safe(edits))
}

/// Every name the module binds in any scope or reads anywhere: a new local `task` must not
/// shadow a name that a nested function reads, nor a new module-level set one that any code uses.
fn names_in_use<'a>(semantic: &SemanticModel<'a>) -> HashSet<&'a str> {
    let mut taken: HashSet<&str> = semantic.scopes().flat_map(|(id, _)| semantic.scope_names(id)).collect();
    taken.extend(semantic.loaded_names_in(semantic.module.range()));
    taken
}

/// In a function, the names a new local `task` could clash with: those the function binds (its
/// `global` / `nonlocal` declarations included) and those read anywhere in its code, nested
/// functions included (they would see the new local). `None` at module level.
fn names_near<'a>(semantic: &SemanticModel<'a>, scope: ScopeId) -> Option<HashSet<&'a str>> {
    let ScopeKind::Function(func) = semantic.scope(scope).kind else { return None };
    let mut taken: HashSet<&str> = semantic.scope_names(scope).collect();
    taken.extend(semantic.loaded_names_in(func.range()));
    Some(taken)
}

/// The name of a set this transform declared before (`_background_tasks = set()` at the top
/// level, bound nowhere else), which further fixes reuse.
fn existing_task_set<'a>(semantic: &SemanticModel<'a>) -> Option<&'a str> {
    let scope = semantic.module_scope();
    semantic.scope_names(scope).filter(|name| name.starts_with(TASK_SET)).find(|&name| {
        let mut bindings = semantic.bindings_of(scope, name);
        let (Some(only), None) = (bindings.next(), bindings.next()) else { return false };
        only.stmt.is_some_and(|stmt| {
            semantic.nodes.parent(stmt).is_none()
                && match semantic.nodes.node(stmt) {
                    Node::Stmt(Stmt::AnnAssign(assign)) => assign.value.as_deref().is_some_and(is_empty_set_call),
                    Node::Stmt(Stmt::Assign(assign)) => is_empty_set_call(&assign.value),
                    _ => false,
                }
        })
    })
}

fn is_empty_set_call(expr: &Expr) -> bool {
    matches!(expr, Expr::Call(call) if call.arguments.is_empty()
        && matches!(&*call.func, Expr::Name(name) if name.id.as_str() == "set"))
}

/// The edits that declare the set after the module's imports: annotated
/// `set[asyncio.Task]` when `asyncio.Task` can be named there (a leading `import asyncio` or
/// `from asyncio import Task`, or one added), unannotated when not, or when the annotation
/// would be evaluated on Python 3.8.
fn declare_set(checker: &Checker, set: &str) -> Vec<Edit> {
    let semantic = checker.semantic();
    let (source, stylist) = (checker.source(), checker.stylist());
    let lazy_annotations = semantic.module.body.iter().any(|stmt| {
        matches!(stmt, Stmt::ImportFrom(import) if imports_from(import, "__future__")
            && import.names.iter().any(|a| a.name.as_str() == "annotations"))
    });
    let annotation = if checker.target_version() >= TargetVersion::Py39 || lazy_annotations {
        task_class(semantic, source, stylist)
    } else {
        None
    };
    match annotation {
        Some((task, mut edits)) => {
            edits.push(add_module_line(&format!("{set}: set[{task}] = set()"), semantic, source, stylist));
            edits
        }
        None => vec![add_module_line(&format!("{set} = set()"), semantic, source, stylist)],
    }
}

/// How a module-level line after the imports names `asyncio.Task`, and the import edits that
/// needs: through a leading `import asyncio` (or its alias), a leading `from asyncio import Task`,
/// else an import added in the module's style (`Task` added to a leading `from asyncio import`
/// line, else `import asyncio`). `None` when an import later in the module, or another binding
/// of the name, is in the way.
fn task_class(semantic: &SemanticModel, source: &str, stylist: &ruff_python_codegen::Stylist) -> Option<(String, Vec<Edit>)> {
    let leading = leading_run(&semantic.module.body);
    let in_leading_run = |name: &str| {
        semantic.bindings_of(ScopeId::MODULE, name).all(|b| {
            b.kind.is_import() && leading.iter().any(|stmt| stmt.range().contains_range(b.range))
        })
    };
    if let Some(reference) = semantic.module_reference("asyncio") {
        let head = reference.split('.').next().unwrap_or(&reference);
        return in_leading_run(head).then(|| (format!("{reference}.Task"), Vec::new()));
    }
    if let Some(bound) = semantic.imported_from("asyncio", "Task") {
        return in_leading_run(bound).then(|| (bound.to_owned(), Vec::new()));
    }
    let from_style = leading.iter().any(|stmt| matches!(stmt, Stmt::ImportFrom(i) if imports_from(i, "asyncio")));
    if from_style {
        let import = add_import_from("asyncio", "Task", semantic, source, stylist)?;
        return Some((import.binding, import.edits));
    }
    let import = add_module_import("asyncio", semantic, source, stylist)?;
    Some((format!("{}.Task", import.binding), import.edits))
}
