//! The fix: the function becomes a module-level `def` with a fresh name, placed right above the
//! top-level statement that sends it (above the comments on top of that statement), and the
//! call sends it by name, through `functools.partial` when it reads local names.
use std::collections::HashSet;

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{Expr, ExprLambda, Stmt, StmtFunctionDef};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::add_import::{add_import_from, add_module_import};
use crate::edits::fix::Edit;
use crate::edits::fresh_name::fresh_name;
use crate::edits::lines::{above_leading_comments, indent_unit, is_first_on_line, reindented, statement_indentation};
use crate::engine::checker::Checker;
use crate::semantic::{Node, ScopeId, ScopeKind, SemanticModel};

use super::pool::sent_function;

use super::sent::Sent;

/// The edits that move the function to module level and send it by name, binding `captured`
/// with `functools.partial`. `None` when the statement to put the `def` above shares its line, or
/// `partial` cannot be named at the call.
pub(super) fn build(checker: &Checker, sent: &Sent, captured: &[&str], function: &Expr) -> Option<Vec<Edit>> {
    let (source, semantic) = (checker.source(), checker.semantic());
    let top = *checker.parents().first()?;
    if !is_first_on_line(top, source) {
        return None;
    }
    let eol = checker.stylist().line_ending().as_str();
    let call_scope = semantic.nodes.scope(checker.node_id());
    let base = base_name(semantic, sent, call_scope);
    if earlier_site_shares(checker, &base, top, function) {
        return None;
    }
    let name = fresh_name(&base, &taken_names(semantic, source));
    let mut edits = Vec::new();
    let sent_as = if captured.is_empty() {
        name.clone()
    } else {
        let (partial, import) = partial_reference(checker, call_scope)?;
        edits.extend(import);
        let keywords: Vec<String> = captured.iter().map(|c| format!("{c}={c}")).collect();
        format!("{partial}({name}, {})", keywords.join(", "))
    };
    let def = match sent {
        Sent::Lambda(lambda) => {
            edits.push(Edit::replace(function.range(), sent_as));
            lambda_def(checker, lambda, &name, captured)?
        }
        Sent::Def { def, stmt, scope, .. } => {
            edits.push(Edit::delete(def_lines(source, stmt, *scope, semantic)));
            let reads = semantic.scope(*scope).variable(def.name.as_str())?.references.iter();
            edits.extend(reads.map(|&id| Edit::replace(semantic.reference(id).range, sent_as.clone())));
            moved_def(checker, def, stmt, &name)?
        }
    };
    edits.push(Edit::insert(insertion_point(checker, top), format!("{def}{eol}{eol}")));
    Some(edits)
}

/// The lines of the nested `def`, with the blank lines after it when it comes first in the
/// function's body or after a blank line: they would otherwise pile up.
fn def_lines(source: &str, stmt: &Stmt, scope: ScopeId, semantic: &SemanticModel) -> TextRange {
    let start = source.line_start(stmt.start());
    let mut end = source.full_line_end(stmt.end());
    let first = matches!(semantic.scope(scope).kind, ScopeKind::Function(f) if f.body.first().is_some_and(|s| std::ptr::eq(s, stmt)));
    let after_blank = start > TextSize::default() && {
        let previous = source.line_start(start - TextSize::new(1));
        source[TextRange::new(previous, start)].trim().is_empty()
    };
    if first || after_blank {
        while usize::from(end) < source.len() && source.line_str(end).trim().is_empty() {
            end = source.full_line_end(end);
        }
    }
    TextRange::new(start, end)
}

/// `_<function>_task` for a lambda, `_<function>_<def>` for a nested `def`, after the innermost
/// function around the call (its leading and trailing underscores dropped, so that the name
/// is never mangled in a class body); `_task` / `_<def>` outside any function.
fn base_name(semantic: &SemanticModel, sent: &Sent, call_scope: ScopeId) -> String {
    let mut scope = Some(call_scope);
    let mut outer = None;
    while let Some(id) = scope {
        if let ScopeKind::Function(func) = semantic.scope(id).kind {
            outer = Some(func.name.as_str().trim_matches('_'));
            break;
        }
        scope = semantic.scope(id).parent;
    }
    let own = match sent {
        Sent::Lambda(_) => "task",
        Sent::Def { def, .. } => def.name.as_str().trim_matches('_'),
    };
    match outer {
        Some(outer) if !outer.is_empty() => format!("_{outer}_{own}"),
        _ => format!("_{own}"),
    }
}

/// Whether a function sent to a process earlier in the module, under another top-level
/// statement, would get the same name in this pass. Its `def` would go elsewhere, so the fix
/// engine could apply both, and the later `def` would replace the earlier one: this one waits
/// for the next pass, when that name is taken. (Sites under the same statement put their `def`
/// at the same place, and the engine applies them one per pass already.) Scans the node table,
/// which only a file with a fix to build pays for.
fn earlier_site_shares(checker: &Checker, base: &str, top: &Stmt, function: &Expr) -> bool {
    let semantic = checker.semantic();
    let tops = &semantic.module.body;
    let top_of = |start: TextSize| tops.iter().find(|s| s.range().contains(start)).map(std::ptr::from_ref);
    for (id, node, _) in semantic.nodes.iter_with_parents() {
        let Node::Expr(Expr::Call(call)) = node else { continue };
        if call.start() >= function.start() {
            continue;
        }
        let Some((other, _)) = sent_function(semantic, call) else { continue };
        let Some(other_sent) = Sent::of(semantic, other) else { continue };
        if top_of(call.start()) != Some(std::ptr::from_ref(top))
            && base_name(semantic, &other_sent, semantic.nodes.scope(id)) == base
        {
            return true;
        }
    }
    false
}

/// Every name bound or read anywhere in the module: a module-level name must shadow none of
/// them, nor be shadowed where it is used.
fn taken_names<'a>(semantic: &SemanticModel<'a>, source: &str) -> HashSet<&'a str> {
    let mut taken: HashSet<&str> = semantic.bindings().iter().map(|b| b.name).collect();
    taken.extend(semantic.loaded_names_in(TextRange::up_to(TextSize::of(source))));
    taken
}

/// How the call names `functools.partial`, with the import edits that make it available: the
/// module's own import of it, or of `functools`; else a new import in the module's style
/// (`from functools import partial` unless the module's top level mostly writes `import x`).
/// A way whose name a scope around the call binds is passed over; `None` when every way is.
fn partial_reference(checker: &Checker, call_scope: ScopeId) -> Option<(String, Vec<Edit>)> {
    let (semantic, source, stylist) = (checker.semantic(), checker.source(), checker.stylist());
    let free = |name: &str| {
        let head = name.split('.').next().unwrap_or(name);
        let mut scope = Some(call_scope);
        while let Some(id) = scope.filter(|&id| id != ScopeId::MODULE) {
            if semantic.binds(id, head) {
                return false;
            }
            scope = semantic.scope(id).parent;
        }
        true
    };
    if let Some(bound) = semantic.imported_from("functools", "partial").filter(|b| free(b)) {
        return Some((bound.to_owned(), Vec::new()));
    }
    if let Some(module) = semantic.module_reference("functools").filter(|m| free(m)) {
        return Some((format!("{module}.partial"), Vec::new()));
    }
    let body = &semantic.module.body;
    let plain = body.iter().filter(|s| matches!(s, Stmt::Import(_))).count();
    let from = body.iter().filter(|s| matches!(s, Stmt::ImportFrom(i) if i.module.as_deref() != Some("__future__"))).count();
    if (plain <= from || semantic.imports_at_top("functools"))
        && let Some(import) = add_import_from("functools", "partial", semantic, source, stylist)
        && free(&import.binding)
    {
        return Some((import.binding, import.edits));
    }
    let import = add_module_import("functools", semantic, source, stylist)?;
    free(&import.binding).then(|| (format!("{}.partial", import.binding), import.edits))
}

/// `def <name>(<parameters>, *, <captured>):` + `return <body>`, with the lambda's parameters
/// and body as written; a body that spans lines goes in parentheses unless it already is in one
/// pair (outside the call's brackets its lines would end the statement).
fn lambda_def(checker: &Checker, lambda: &ExprLambda, name: &str, captured: &[&str]) -> Option<String> {
    let (source, tokens) = (checker.source(), checker.tokens());
    let eol = checker.stylist().line_ending().as_str();
    let unit = indent_unit(checker.stylist());
    let after_params = lambda.parameters.as_ref().map_or(lambda.start() + TextSize::new(6), |p| p.end());
    let colon = tokens.in_range(TextRange::new(after_params, lambda.end())).iter().find(|t| t.kind() == TokenKind::Colon)?;
    let body_range = TextRange::new(colon.end(), lambda.end());
    let body = source[body_range].trim_start_matches([' ', '\t']);
    let body = if body.contains(['\n', '\r']) && !is_one_group(checker, body_range) {
        format!("({body})")
    } else {
        body.to_owned()
    };
    let params = parameters(checker, lambda, captured);
    Some(format!("def {name}({params}):{eol}{unit}return {body}{eol}"))
}

/// The lambda's parameters as written, with `captured` added as keyword-only parameters (after
/// `*args` or the keyword-only ones, before `**kwargs`).
fn parameters(checker: &Checker, lambda: &ExprLambda, captured: &[&str]) -> String {
    let source = checker.source();
    let Some(parameters) = lambda.parameters.as_deref() else {
        return if captured.is_empty() { String::new() } else { format!("*, {}", captured.join(", ")) };
    };
    let written = &source[parameters.range()];
    if captured.is_empty() {
        return written.to_owned();
    }
    let star = if parameters.vararg.is_some() || !parameters.kwonlyargs.is_empty() { "" } else { "*, " };
    let extra = format!("{star}{}", captured.join(", "));
    let double_star = parameters.kwarg.as_ref().and_then(|_| {
        let tokens = checker.tokens().in_range(parameters.range());
        tokens.iter().rev().find(|t| t.kind() == TokenKind::DoubleStar).map(Ranged::start)
    });
    match double_star {
        Some(at) => {
            let before = &source[TextRange::new(parameters.start(), at)];
            format!("{before}{extra}, {}", &source[TextRange::new(at, parameters.end())])
        }
        None => format!("{written}, {extra}"),
    }
}

/// Whether the tokens of `range` are one pair of parentheses and what they hold.
fn is_one_group(checker: &Checker, range: TextRange) -> bool {
    let tokens = checker.tokens().in_range(range);
    let mut code = tokens.iter().filter(|t| !t.kind().is_trivia());
    if code.next().map(|t| t.kind()) != Some(TokenKind::Lpar) {
        return false;
    }
    let mut depth = 1usize;
    for token in code {
        if depth == 0 {
            return false;
        }
        match token.kind() {
            TokenKind::Lpar => depth += 1,
            TokenKind::Rpar => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

/// The nested `def`'s lines, renamed and moved to column 0 (lines inside strings keep their
/// bytes), ending with a line break.
fn moved_def(checker: &Checker, def: &StmtFunctionDef, stmt: &Stmt, name: &str) -> Option<String> {
    let (source, tokens) = (checker.source(), checker.tokens());
    if !is_first_on_line(stmt, source) {
        return None;
    }
    let indent = statement_indentation(stmt, source);
    let rest = TextRange::new(def.name.end(), source.full_line_end(stmt.end()));
    let mut text = format!("{}{name}{}", &source[TextRange::new(stmt.start(), def.name.start())], reindented(rest, indent, "", source, tokens));
    if !text.ends_with(['\n', '\r']) {
        text.push_str(checker.stylist().line_ending().as_str());
    }
    Some(text)
}

/// Where the new `def` goes: the start of the top-level statement's line, above the comments on
/// top of it, but below the statement before it and below a shebang or coding line.
fn insertion_point(checker: &Checker, top: &Stmt) -> TextSize {
    let source = checker.source();
    let body = &checker.module().body;
    let previous = body.iter().take_while(|s| !std::ptr::eq(*s, top)).last();
    let floor = previous.map_or(TextSize::default(), |p| source.full_line_end(p.end()));
    let keep = |comment: &str| comment.starts_with("#!") || comment.contains("coding:") || comment.contains("coding=");
    above_leading_comments(source.line_start(top.start()), "", floor, source, &keep)
}
