//! async-gen-aclosing: an `async for` over an async generator that can leave early is wrapped in
//! `async with aclosing(...)`, so the generator's `finally` blocks run when the loop is left, not
//! at garbage collection or loop shutdown. Generators defined in other files are found through
//! the project index.
use std::collections::HashSet;

use ruff_python_ast::{Expr, NodeKind, Stmt, StmtClassDef, StmtFor, StmtFunctionDef};
use ruff_source_file::{LineRanges, UniversalNewlineIterator};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::engine::checker::Checker;
use crate::engine::first_look::Look;
use crate::edits::fix::{Edit, Fix};
use crate::edits::add_import::add_import_from;
use crate::edits::fresh_name::fresh_name;
use crate::edits::lines::{block_step, is_first_on_line, starts_inside, statement_indentation, string_spans};
use crate::engine::project_index::IndexNeed;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule};
use crate::semantic::queries::reads::body_range;
use crate::semantic::{Node, NodeId};

pub(crate) struct AsyncGenAclosing;

pub(crate) static TRANSFORM: AsyncGenAclosing = AsyncGenAclosing;

static RULE: Rule = Rule {
    id: "async-gen-aclosing",
    summary: "an async generator left early by its `async for` is closed late; wrap it in `aclosing()`",
    fix_safety: FixSafety::Safe,
    default_enabled: true,
    noqa_codes: &[],
    options: &["mode"],
    validate_options,
    uses_project_index: true,
};

const MODES: &[&str] = &["early-exit", "always"];

/// Python keywords, which an `as` name derived from the callee must not be.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// `mode` must be one of [`MODES`].
fn validate_options(options: &toml::Table) -> Result<(), String> {
    match options.get("mode") {
        Some(mode) if !mode.as_str().is_some_and(|m| MODES.contains(&m)) => {
            Err(format!("has `mode = {mode}`; it must be \"early-exit\" or \"always\""))
        }
        _ => Ok(()),
    }
}

impl Transform for AsyncGenAclosing {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if let Stmt::For(for_stmt) = stmt {
            if for_stmt.is_async {
                check_loop(checker, for_stmt);
            }
        }
    }

    fn index_needs(&self) -> &'static [IndexNeed] {
        &[IndexNeed::AsyncGenerators]
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtFor])
    }

    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        if let Stmt::For(for_stmt) = stmt
            && for_stmt.is_async
            && matches!(*for_stmt.iter, Expr::Call(_))
        {
            look.may_report();
        }
    }
}

fn check_loop(checker: &mut Checker, for_stmt: &StmtFor) {
    let Expr::Call(call) = for_stmt.iter.as_ref() else { return };
    let Some((func, class)) = enclosing_function(checker) else { return };
    if !calls_async_generator(checker, &call.func, func, class) {
        return;
    }
    let exit = early_exit(checker, for_stmt);
    let always = checker.option("mode").and_then(toml::Value::as_str) == Some("always");
    if exit.is_none() && !always {
        return;
    }
    let callee = checker.locate(call.func.as_ref());
    let why = exit.map_or("`mode = \"always\"` wraps every such loop".to_owned(), |e| format!("the loop can leave early ({e})"));
    let mut message = format!(
        "`async for` over the async generator `{callee}`: {why}, and the generator's `finally` and `async with` exits then run late, at garbage collection; wrap it in `aclosing()`"
    );
    let fix = if checker.target_version().minor() < 10 {
        message += "; no automatic fix: `contextlib.aclosing` needs Python 3.10 (raise --target-version)";
        None
    } else {
        build_fix(checker, for_stmt, func)
    };
    checker.report(for_stmt.iter.range(), message, fix.map(Fix::safe));
}

/// The innermost function holding the current statement, and its class when it is a method.
fn enclosing_function<'a>(checker: &Checker<'a>) -> Option<(&'a StmtFunctionDef, Option<&'a StmtClassDef>)> {
    let parents = checker.parents();
    let at = parents.iter().rposition(|s| matches!(s, Stmt::FunctionDef(_)))?;
    let Stmt::FunctionDef(func) = parents[at] else { return None };
    let class = match at.checked_sub(1).map(|i| parents[i]) {
        Some(Stmt::ClassDef(class)) => Some(class),
        _ => None,
    };
    Some((func, class))
}

/// Whether the callee is an async generator function: defined in this module or the
/// enclosing function, a method of the enclosing class called on `self`/`cls`, or imported from
/// a processed module (through the project index).
fn calls_async_generator(checker: &Checker, callee: &Expr, func: &StmtFunctionDef, class: Option<&StmtClassDef>) -> bool {
    match callee {
        Expr::Name(name) if !checker.semantic().is_imported(callee) => {
            let id = name.id.as_str();
            defines_async_generator(checker, &func.body, id) || defines_async_generator(checker, &checker.module().body, id)
        }
        Expr::Attribute(attribute) if matches!(attribute.value.as_ref(), Expr::Name(n) if n.id == "self" || n.id == "cls") => {
            class.is_some_and(|class| defines_async_generator(checker, &class.body, attribute.attr.as_str()))
        }
        _ => in_project(checker, callee),
    }
}

fn defines_async_generator(checker: &Checker, body: &[Stmt], name: &str) -> bool {
    let semantic = checker.semantic();
    body.iter()
        .any(|stmt| matches!(stmt, Stmt::FunctionDef(f) if f.name.as_str() == name && semantic.is_async_generator(f)))
}

fn in_project(checker: &Checker, callee: &Expr) -> bool {
    let (Some(project), Some(module)) = (checker.project(), checker.module_name()) else { return false };
    checker
        .semantic()
        .qualified_name(callee)
        .filter(|q| !q.starts_with("builtins."))
        .and_then(|q| module.absolute(&q))
        .is_some_and(|q| project.is_async_generator(&q))
}

/// How the loop body can stop iterating before the generator is exhausted, if it can: a `break`
/// of this loop, a `return`, a `raise` (a handler that leaves the loop after a failed `await`
/// counts through its own `break`/`return`/`raise`), or a `yield` at which the consumer itself
/// may be closed. Read from the model's node table: the loop's body nodes whose code runs in
/// the loop's own scope (not in a nested function, class or lambda).
fn early_exit(checker: &Checker, for_stmt: &StmtFor) -> Option<&'static str> {
    let semantic = checker.semantic();
    let nodes = &semantic.nodes;
    let loop_id = checker.node_id();
    let scope = nodes.scope(loop_id);
    let body = body_range(&for_stmt.body)?;
    let own = nodes
        .subtree(loop_id)
        .filter(|&id| body.contains_range(nodes.node(id).range()) && semantic.runs_in(id, scope));
    for id in own {
        let exit = match nodes.node(id) {
            // A `break` of a loop nested in the body is not ours.
            Node::Stmt(Stmt::Break(_)) if !inside_inner_loop(checker, id, loop_id) => "`break`",
            Node::Stmt(Stmt::Return(_)) => "`return`",
            Node::Stmt(Stmt::Raise(_)) => "`raise`",
            Node::Expr(Expr::Yield(_) | Expr::YieldFrom(_)) => "`yield`",
            _ => continue,
        };
        return Some(exit);
    }
    None
}

/// Whether a `for` or `while` between `id` and the loop `outer` holds it.
fn inside_inner_loop(checker: &Checker, id: NodeId, outer: NodeId) -> bool {
    let nodes = &checker.semantic().nodes;
    nodes
        .ancestors(id)
        .take_while(|&up| up != outer)
        .any(|up| matches!(nodes.node(up), Node::Stmt(Stmt::For(_) | Stmt::While(_))))
}

/// The edits: an `async with aclosing(<call>) as <name>:` line above the loop, the loop one
/// level deeper (lines inside strings untouched), `<name>` in place of the call, and the import.
fn build_fix(checker: &Checker, for_stmt: &StmtFor, func: &StmtFunctionDef) -> Option<Vec<Edit>> {
    let source = checker.source();
    if !is_first_on_line(for_stmt, source) {
        return None;
    }
    let Expr::Call(call) = for_stmt.iter.as_ref() else { return None };
    let semantic = checker.semantic();
    let mut taken: HashSet<&str> = semantic.function_scope(func).map_or_else(HashSet::new, |scope| semantic.scope_names(scope).collect());
    taken.extend(semantic.loaded_names_in_body(&func.body));
    let (aclosing, mut edits) = aclosing_binding(checker, &taken)?;
    let name = fresh_name(&as_name_base(call.func.as_ref()), &taken);

    let indent = statement_indentation(for_stmt, source);
    let unit = block_step(indent, for_stmt.body.first(), source, checker.stylist()).to_owned();
    let first_line = source.line_start(for_stmt.start());
    let line_end = source.line_end(for_stmt.start());
    let eol = UniversalNewlineIterator::with_offset(&source[TextRange::new(first_line, source.full_line_end(line_end))], first_line)
        .next()
        .and_then(|line| line.line_ending())
        .unwrap_or(checker.stylist().line_ending())
        .as_str();
    let header = format!("{indent}async with {aclosing}({}) as {name}:{eol}{indent}{unit}", checker.locate(call));
    edits.push(Edit::replace(TextRange::at(first_line, TextSize::of(indent)), header));
    edits.push(Edit::replace(call.range(), name.clone()));
    edits.extend(indent_lines(checker, for_stmt, call.range(), indent, &unit));
    Some(edits)
}

/// `aclosing` (imported from contextlib, or merged into an existing `from contextlib import`),
/// or `contextlib.aclosing` when the module imports contextlib itself; `None` when the name
/// would clash with one the function uses.
fn aclosing_binding(checker: &Checker, taken: &HashSet<&str>) -> Option<(String, Vec<Edit>)> {
    let module = checker.module();
    let imports_names = module.body.iter().any(|s| {
        matches!(s, Stmt::ImportFrom(i) if i.level == 0 && i.module.as_ref().is_some_and(|m| m.as_str() == "contextlib"))
    });
    if !imports_names {
        if let Some(contextlib) = checker.semantic().module_reference("contextlib") {
            return Some((format!("{contextlib}.aclosing"), Vec::new()));
        }
    }
    let import = add_import_from("contextlib", "aclosing", checker.semantic(), checker.source(), checker.stylist())?;
    if taken.contains(import.binding.as_str()) {
        return None;
    }
    Some((import.binding, import.edits))
}

/// A readable name for the generator: `stream_records` → `records`; else `agen`.
fn as_name_base(callee: &Expr) -> String {
    let name = match callee {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => "",
    };
    match name.split_once('_').map(|(_, rest)| rest.trim_start_matches('_')) {
        Some(rest) if !rest.is_empty() && !KEYWORDS.contains(&rest) && !rest.starts_with(|c: char| c.is_ascii_digit()) => {
            rest.to_owned()
        }
        _ => "agen".to_owned(),
    }
}

/// The block's unit inserted after the loop's own indentation on each line of the loop after
/// the first, except blank lines, lines that start inside a string (their content would change)
/// or inside the call that moves to the `async with` line, and a line that is only a `\` at its
/// very start (the indentation of the line it continues counts, and that line gets the unit).
fn indent_lines(checker: &Checker, for_stmt: &StmtFor, call: TextRange, indent: &str, unit: &str) -> Vec<Edit> {
    let source = checker.source();
    let strings = string_spans(checker.tokens(), for_stmt.range());
    let first_line = source.line_start(for_stmt.start());
    let text = &source[TextRange::new(first_line, for_stmt.end())];
    UniversalNewlineIterator::with_offset(text, first_line)
        .skip(1)
        .filter(|line| {
            // Blank lines, and a `\\` at column 0 (after any form feed, which resets the column):
            // then the next line's indentation counts, and that line gets the unit.
            let text = line.as_str();
            let content = text.trim_start_matches([' ', '\t', '\x0c']);
            let leading = &text[..text.len() - content.len()];
            let after_feed = leading.rfind('\x0c').map_or(text, |i| &text[i + 1..]);
            !content.is_empty() && !after_feed.starts_with('\\')
        })
        .filter(|line| !starts_inside(&strings, line.start()) && !starts_inside(&[call], line.start()))
        .map(|line| {
            // A form feed resets the indentation count: the unit goes after the last one.
            let text = line.as_str();
            let leading = &text[..text.len() - text.trim_start_matches([' ', '\t', '\x0c']).len()];
            let after_feed = leading.rfind('\x0c').map_or(0, |i| i + 1);
            let at = if text[after_feed..].starts_with(indent) { after_feed + indent.len() } else { after_feed };
            Edit::insert(line.start() + TextSize::try_from(at).unwrap_or_default(), unit)
        })
        .collect()
}
