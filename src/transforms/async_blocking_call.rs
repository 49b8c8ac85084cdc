//! async-blocking-call: a blocking call made directly by an `async def` (`time.sleep`,
//! `requests.get`, `subprocess.run`, ...) holds the event loop's thread, so no other task runs
//! until it returns. `time.sleep(x)` becomes `await asyncio.sleep(x)` (`trio.sleep` / `anyio.sleep`
//! in a module written for those); the other calls become `await asyncio.to_thread(f, ...)`.
use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::{Expr, ExprCall, NodeKind, Stmt, StmtFunctionDef};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::add_import::{add_import_from, add_module_import};
use crate::edits::fix::{Edit, Fix};
use crate::engine::checker::Checker;
use crate::engine::first_look::{Later, Look};
use crate::engine::transform::{Callees, Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::knowledge::{BLOCKING_IO_CALLS, BLOCKING_SLEEP};
use crate::semantic::{Node, NodeId, Resolution, ScopeId, ScopeKind, SemanticModel};

pub(crate) struct AsyncBlockingCall;

pub(crate) static TRANSFORM: AsyncBlockingCall = AsyncBlockingCall;

static RULE: Rule = Rule {
    id: "async-blocking-call",
    summary: "a blocking call in an `async def` stops the event loop; await `asyncio.sleep` / `asyncio.to_thread`",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    // Ruff's flake8-async codes for the same calls: sleep, HTTP, processes, input.
    noqa_codes: &["ASYNC251", "ASYNC210", "ASYNC221", "ASYNC250"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

/// The last part of every name in the tables: a cheap filter before resolving the callee. A bare
/// name passes when it ends with one (`_sleep`, `sp_run` for `from time import sleep as _sleep`).
const LAST_PARTS: &[&str] = &[
    "sleep", "get", "post", "put", "patch", "delete", "head", "request", "urlopen", "run", "call", "check_call",
    "check_output", "create_connection", "system", "input",
];

impl Transform for AsyncBlockingCall {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::ExprCall])
    }

    /// A plain name counts when it ends with one of the names (see [`may_block`]).
    fn glanced_callees(&self) -> Option<Callees> {
        Some(Callees { attributes: &[LAST_PARTS], names: None })
    }

    /// A call in the own code of an `async def` whose name may be a blocking one, in a module
    /// that imports that one's package (`input` needs none).
    fn glance_expr<'a>(&self, look: &mut Look<'a>, expr: &'a Expr) {
        // Asked of every call of every file: the common answer, out of an `async def`, is cheap.
        if let Expr::Call(call) = expr
            && look.in_async_def()
        {
            glance_call(look, call);
        }
    }

    /// At each `async def`, the calls its own code makes, from the model's node table (most
    /// code is not in an `async def`: its calls are never looked at). A call in a nested
    /// `async def` is that one's.
    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        let Stmt::FunctionDef(func) = stmt else { return };
        if !func.is_async {
            return;
        }
        let semantic = checker.semantic();
        let nodes = &semantic.nodes;
        for id in nodes.subtree(checker.node_id()).skip(1) {
            if let Node::Expr(Expr::Call(call)) = nodes.node(id)
                && may_block(call)
                && running_async_def(semantic, id).is_some_and(|(own, _)| std::ptr::eq(own, func))
            {
                check_call(checker, call, id);
            }
        }
    }
}

/// The glance at a call in the own code of an `async def`.
fn glance_call<'a>(look: &mut Look<'a>, call: &'a ExprCall) {
    if !may_block(call) {
        return;
    }
    let last = match call.func.as_ref() {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => return,
    };
    let matches = |qualified: &'static str| {
        let part = qualified.rsplit('.').next().unwrap_or(qualified);
        if call.func.is_name_expr() { last.ends_with(part) } else { last == part }
    };
    let tables = std::iter::once(BLOCKING_SLEEP).chain(BLOCKING_IO_CALLS.iter().copied());
    for qualified in tables.filter(|q| matches(q)) {
        match qualified.split('.').next().unwrap_or(qualified) {
            "builtins" => look.may_report(),
            package => look.may_report_if(&[Later::ImportsFrom(package)]),
        }
    }
}

/// Whether the callee's last name is one of the tables' (a bare name ending with one counts).
fn may_block(call: &ExprCall) -> bool {
    match call.func.as_ref() {
        Expr::Name(name) => LAST_PARTS.iter().any(|part| name.id.ends_with(part)),
        Expr::Attribute(attribute) => LAST_PARTS.contains(&attribute.attr.as_str()),
        _ => false,
    }
}

/// Which library runs the module's coroutines, as far as its imports tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Library {
    /// It imports asyncio.
    Asyncio,
    /// It imports trio or anyio, and not asyncio: their own `sleep` and threads.
    Other(&'static str),
    /// It imports none of them: asyncio is the usual one, but not a certain one.
    Unknown,
}

fn check_call(checker: &mut Checker, call: &ExprCall, id: NodeId) {
    let semantic = checker.semantic();
    let Some(qualified) = semantic.qualified_name(&call.func) else { return };
    let is_sleep = qualified == BLOCKING_SLEEP;
    if !is_sleep && !BLOCKING_IO_CALLS.contains(&qualified.as_str()) {
        return;
    }
    let Some((func, scope)) = running_async_def(semantic, id) else { return };
    if comment_says_meant(checker, call, id) {
        return;
    }
    // `await time.sleep(1)` awaits `None` and fails already: not this trap.
    if matches!(semantic.nodes.parent(id).map(|p| semantic.nodes.node(p)), Some(Node::Expr(Expr::Await(_)))) {
        return;
    }
    let shown = checker.locate(call.func.as_ref());
    let library = library(semantic);
    let why = format!(
        "`{shown}()` blocks: while it runs, `async def {}` holds the event loop and no other task runs",
        func.name
    );
    let site = Site { call, id, scope };
    let outcome = if is_sleep { sleep_fix(checker, &site, library) } else { thread_fix(checker, &site, library) };
    let (message, fix) = match outcome {
        Ok((advice, fix)) => (format!("{why}; {advice}"), Some(fix)),
        Err(note) => (format!("{why}; no automatic fix: {note}"), None),
    };
    checker.report(call.range(), message, fix);
}

/// The `async def` whose own code makes the call (a comprehension runs right where it is; a
/// nested `def`, `lambda` or class body runs elsewhere or cannot `await`), and its scope.
fn running_async_def<'a>(semantic: &SemanticModel<'a>, id: NodeId) -> Option<(&'a StmtFunctionDef, ScopeId)> {
    let mut scope = semantic.nodes.scope(id);
    loop {
        let here = semantic.scope(scope);
        match here.kind {
            ScopeKind::Comprehension => scope = here.parent?,
            ScopeKind::Function(func) if func.is_async => return Some((func, scope)),
            _ => return None,
        }
    }
}

/// Words of a comment saying the call blocks the loop on purpose (a test of the loop itself:
/// "Pretend the loop is busy for a while").
const MEANT: &[&str] = &[
    "pretend",
    "on purpose",
    "deliberate",
    "intentional",
    "block the loop",
    "block the event loop",
    "blocks the loop",
    "blocks the event loop",
    "blocking the loop",
    "blocking the event loop",
];

/// Whether a comment on the call's lines, or on the comment lines right above its statement,
/// says the blocking is meant.
fn comment_says_meant(checker: &Checker, call: &ExprCall, id: NodeId) -> bool {
    let source = checker.source();
    let nodes = &checker.semantic().nodes;
    let Some(stmt) = nodes.ancestors(id).find_map(|up| nodes.node(up).stmt()) else { return false };
    let mut start = source.line_start(stmt.start());
    while let Some(above) = start.checked_sub(TextSize::from(1)).map(|end| source.line_start(end)) {
        if !source[TextRange::new(above, start)].trim_start().starts_with('#') {
            break;
        }
        start = above;
    }
    let range = TextRange::new(start, source.line_end(call.end()));
    // Not `Tokens::in_range`, which panics on a range that starts inside a string.
    let tokens: &[Token] = checker.tokens();
    let first = tokens.partition_point(|t| t.start() < range.start());
    let inside = tokens[first..].iter().take_while(|t| t.end() <= range.end());
    inside.filter(|t| t.kind() == TokenKind::Comment).any(|comment| {
        let text = source[comment.range()].to_lowercase();
        MEANT.iter().any(|word| text.contains(word))
    })
}

/// `await asyncio.sleep(x)` (or the trio / anyio one) in place of `time.sleep(x)`.
/// A call being fixed: the node, its id and the scope of the `async def` making it.
struct Site<'a> {
    call: &'a ExprCall,
    id: NodeId,
    scope: ScopeId,
}

fn sleep_fix(checker: &Checker, site: &Site, library: Library) -> Result<(String, Fix), String> {
    let Site { call, scope, .. } = *site;
    let module = match library {
        Library::Other(module) => module,
        Library::Asyncio | Library::Unknown => "asyncio",
    };
    no_await_here(checker, site)?;
    let (sleep, mut edits) = reach(checker, module, "sleep", scope, call)?;
    let (open, close) = await_wrapping(checker, site.id);
    edits.push(Edit::insert(call.start(), format!("{open}await ")));
    edits.push(Edit::replace(call.func.range(), sleep.clone()));
    if !close.is_empty() {
        edits.push(Edit::insert(call.end(), close));
    }
    let advice = format!("use `await {sleep}()`, which lets the other tasks run meanwhile");
    if library == Library::Unknown {
        let note = "; the fix is unsafe: the module imports none of asyncio, trio and anyio, so which event loop runs it is not certain";
        return Ok((advice + note, Fix::unsafe_(edits)));
    }
    Ok((advice, Fix::safe(edits)))
}

/// `await asyncio.to_thread(f, args...)` in place of `f(args...)`: the call runs in a worker
/// thread while the loop goes on.
fn thread_fix(checker: &Checker, site: &Site, library: Library) -> Result<(String, Fix), String> {
    let Site { call, scope, .. } = *site;
    if let Library::Other(module) = library {
        return Err(format!("the module runs on {module}; run it with `{module}.to_thread.run_sync`"));
    }
    if checker.target_version().minor() < 9 {
        return Err("`asyncio.to_thread` needs Python 3.9 (raise --target-version)".to_owned());
    }
    if is_with_item(checker, site.id) {
        return Err("its result is the context manager of a `with` block, whose body would still block".to_owned());
    }
    if call.arguments.args.iter().chain(call.arguments.keywords.iter().map(|k| &k.value)).any(Expr::is_generator_expr) {
        return Err("a generator argument would be consumed in the worker thread".to_owned());
    }
    no_await_here(checker, site)?;
    let (to_thread, mut edits) = reach(checker, "asyncio", "to_thread", scope, call)?;
    let (open, close) = await_wrapping(checker, site.id);
    edits.push(Edit::insert(call.start(), format!("{open}await {to_thread}(")));
    let paren = TextRange::at(call.arguments.start(), TextSize::from(1));
    let source = checker.source();
    // Nothing but a comment after the `(` on its line: the arguments start on the next one.
    let rest_of_line = source[usize::from(paren.end())..].split(['\n', '\r']).next().unwrap_or_default().trim_start();
    let separator = if call.arguments.is_empty() {
        ""
    } else if rest_of_line.is_empty() || rest_of_line.starts_with('#') {
        ","
    } else {
        ", "
    };
    edits.push(Edit::replace(paren, separator));
    if !close.is_empty() {
        edits.push(Edit::insert(call.end(), close));
    }
    let advice = format!(
        "use `await {to_thread}({}, ...)` to run it in a worker thread; the fix is unsafe: the call then runs \
         in another thread, beside the loop's tasks",
        checker.locate(call.func.as_ref())
    );
    Ok((advice, Fix::unsafe_(edits)))
}

/// `await` may not go where the call is: in a generator expression it would make the generator
/// an asynchronous one.
fn no_await_here(checker: &Checker, site: &Site) -> Result<(), String> {
    let nodes = &checker.semantic().nodes;
    let call = site.call;
    for up in nodes.ancestors(site.id) {
        match nodes.node(up) {
            Node::Stmt(_) => break,
            Node::Expr(Expr::Generator(generator)) => {
                let first_iter = generator.generators.first().map(|g| g.iter.range());
                if !first_iter.is_some_and(|iter| iter.contains_range(call.range())) {
                    return Err("it runs in a generator expression, where `await` would make an async generator".to_owned());
                }
            }
            Node::Expr(_) => {}
        }
    }
    Ok(())
}

/// Whether the call is the context expression of a `with` item.
fn is_with_item(checker: &Checker, id: NodeId) -> bool {
    let nodes = &checker.semantic().nodes;
    let Node::Expr(expr) = nodes.node(id) else { return false };
    match nodes.parent(id).map(|p| nodes.node(p)) {
        Some(Node::Stmt(Stmt::With(with))) => with.items.iter().any(|item| std::ptr::eq(&item.context_expr, expr)),
        _ => false,
    }
}

/// Parentheses around `await ...` when the call is the base of an attribute, a subscript or a
/// call (`requests.get(u).json()`): `await` takes the whole primary after it.
fn await_wrapping(checker: &Checker, id: NodeId) -> (&'static str, &'static str) {
    let nodes = &checker.semantic().nodes;
    let Node::Expr(expr) = nodes.node(id) else { return ("", "") };
    let is_base = match nodes.parent(id).map(|p| nodes.node(p)) {
        Some(Node::Expr(Expr::Attribute(a))) => std::ptr::eq(a.value.as_ref(), expr),
        Some(Node::Expr(Expr::Subscript(s))) => std::ptr::eq(s.value.as_ref(), expr),
        Some(Node::Expr(Expr::Call(c))) => std::ptr::eq(c.func.as_ref(), expr),
        _ => false,
    };
    if is_base { ("(", ")") } else { ("", "") }
}

/// The library whose `sleep` the module's coroutines can await: asyncio when the module imports
/// it, else trio or anyio when it imports one of those.
fn library(semantic: &SemanticModel) -> Library {
    if semantic.imports_module("asyncio") {
        return Library::Asyncio;
    }
    for other in ["anyio", "trio"] {
        if semantic.imports_module(other) {
            return Library::Other(other);
        }
    }
    Library::Unknown
}

/// How code of `scope` writes `module.name`, in the module's own style, and the import edits
/// that make it work: a name an import already binds to it (`from module import name`, `import
/// module as m`, also a function's own import made before the call), else `name` added to a
/// top-level `from module import ...` the module has (when it has no `import module`), else
/// `module.name` with `import module` added.
fn reach(checker: &Checker, module: &str, name: &str, scope: ScopeId, call: &ExprCall) -> Result<(String, Vec<Edit>), String> {
    let semantic = checker.semantic();
    let (source, stylist) = (checker.source(), checker.stylist());
    let member = format!("{module}.{name}");
    let imports = |text: &str, qualified: &str| imports_here(semantic, scope, text, qualified, call.start());
    let reference = semantic.module_reference(module);
    let found = [
        semantic.imported_from(module, name).map(|bound| (bound.to_owned(), bound.to_owned(), member.as_str())),
        reference.as_deref().map(|r| (format!("{r}.{name}"), r.to_owned(), module)),
        Some((name.to_owned(), name.to_owned(), member.as_str())),
        Some((member.clone(), module.to_owned(), module)),
    ];
    if let Some((text, ..)) = found.into_iter().flatten().find(|(_, head, qualified)| imports(head, qualified)) {
        return Ok((text, Vec::new()));
    }
    let free = |text: &str| matches!(semantic.resolve_in(scope, text), Resolution::Unbound);
    let imports_names = semantic.module.body.iter().any(|s| {
        matches!(s, Stmt::ImportFrom(i) if i.level == 0 && i.module.as_ref().is_some_and(|m| m.as_str() == module))
    });
    if imports_names && reference.is_none() && free(name) {
        if let Some(import) = add_import_from(module, name, semantic, source, stylist) {
            return Ok((import.binding, import.edits));
        }
    }
    if reference.is_none() && free(module) {
        if let Some(import) = add_module_import(module, semantic, source, stylist) {
            return Ok((format!("{}.{name}", import.binding), import.edits));
        }
    }
    Err(format!("`{module}` is bound to something else here"))
}

/// Whether `name`, read from `scope`, sees only imports of `qualified` (`sleep` → `asyncio.sleep`,
/// `aio` → `asyncio`), one of them made before `before` when it is a function's own import.
fn imports_here(semantic: &SemanticModel, scope: ScopeId, name: &str, qualified: &str, before: TextSize) -> bool {
    let owner = match semantic.resolve_in(scope, name) {
        Resolution::Scope(owner) => owner,
        Resolution::Global { .. } => ScopeId::MODULE,
        Resolution::Unbound => return false,
    };
    let mut bindings = semantic.bindings_of(owner, name).peekable();
    if bindings.peek().is_none() {
        return false;
    }
    let mut earlier = owner == ScopeId::MODULE;
    for binding in bindings {
        if binding.kind.qualified() != Some(qualified) {
            return false;
        }
        earlier |= binding.bound_at < before;
    }
    earlier
}
