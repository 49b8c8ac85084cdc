//! cache-on-method: `@functools.lru_cache` / `@functools.cache` on a method keys its cache on
//! `self`, so every instance it is called on stays alive as long as the cache (the process), and
//! all instances share one cache. `@property` stacked on `@cache` (or an unbounded
//! `@lru_cache`) becomes `@functools.cached_property`, which stores the value on the instance;
//! other cached methods are reported.
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{Decorator, Expr, NodeKind, Stmt, StmtClassDef, StmtFunctionDef};
use ruff_python_trivia::has_trailing_content;
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::add_import::add_import_from;
use crate::edits::fix::{Edit, Fix};
use crate::edits::lines::{is_alone_on_its_lines, statement_lines_range};
use crate::engine::checker::Checker;
use crate::engine::first_look::{Look, last_name_of, naming};
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::knowledge::{CACHE_WRAPPER_ATTRIBUTES, FUNCTION_CACHES};
use crate::semantic::queries::names::bases;
use crate::semantic::{ScopeId, ScopeKind, SemanticModel};

pub(crate) struct CacheOnMethod;

pub(crate) static TRANSFORM: CacheOnMethod = CacheOnMethod;

static RULE: Rule = Rule {
    id: "cache-on-method",
    summary: "`functools.cache` / `lru_cache` on a method keeps every instance alive; a cached property becomes `cached_property`",
    fix_safety: FixSafety::Safe,
    default_enabled: true,
    noqa_codes: &["B019"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for CacheOnMethod {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if let Stmt::FunctionDef(func) = stmt
            && !func.decorator_list.is_empty()
        {
            check_method(checker, func);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtFunctionDef])
    }

    /// A function with a decorator (or decorator call) named `cache` or `lru_cache`.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        let Stmt::FunctionDef(func) = stmt else { return };
        for decorator in &func.decorator_list {
            let callee = decorator_callee(&decorator.expression);
            if matches!(callee, Expr::Name(_) | Expr::Attribute(_)) {
                look.may_report_if_naming(naming(callee, |last| last_name_of(FUNCTION_CACHES, last)), None);
            }
        }
    }
}

/// The decorator itself, or what a decorator call calls (`lru_cache` of `@lru_cache(maxsize=32)`).
fn decorator_callee(expr: &Expr) -> &Expr {
    match expr {
        Expr::Call(call) => &call.func,
        other => other,
    }
}

fn check_method(checker: &mut Checker, func: &StmtFunctionDef) {
    let semantic = checker.semantic();
    let scope = semantic.nodes.scope(checker.node_id());
    let ScopeKind::Class(class) = semantic.scope(scope).kind else { return };
    let is_builtin = |decorator: &Decorator, name: &str| semantic.qualified_name(&decorator.expression).as_deref() == Some(name);
    // `__new__` is a static method and `__init_subclass__` / `__class_getitem__` class methods
    // without the decorator: no `self` either (a cached `__new__` reuses instances on purpose).
    let implicit = matches!(func.name.as_str(), "__new__" | "__init_subclass__" | "__class_getitem__");
    if implicit || func.decorator_list.iter().any(|d| is_builtin(d, "builtins.staticmethod") || is_builtin(d, "builtins.classmethod")) {
        return;
    }
    let Some(cache) = func.decorator_list.iter().find(|d| semantic.is_one_of(decorator_callee(&d.expression), FUNCTION_CACHES)) else {
        return;
    };
    let shown = checker.locate(decorator_callee(&cache.expression).range());
    let is_property = func.decorator_list.iter().any(|d| is_builtin(d, "builtins.property"));
    let advice = if is_property { "; a cached property stores its value on the instance with `functools.cached_property`" } else { "" };
    let message = format!(
        "`@{shown}` on the method `{}` keys its cache on `self`: every instance it is called on stays alive as long as \
         the cache, and all instances share one cache{advice}",
        func.name
    );
    let fix = fix(checker, func, class, scope);
    checker.report(cache.range(), message, fix);
}

/// `@property` directly above `@cache` / `@lru_cache(maxsize=None)` (the only decorators)
/// → `@functools.cached_property`, unless a comment inside the cache decorator would be lost. Only when `cached_property` can store the value where the
/// class reads it: the class has no `__slots__` (no `__dict__` to store in) and is not a
/// `NamedTuple`, does not define `__setattr__`, and nothing in the module uses the cache's own
/// methods (`cache_clear()`, `cache_info()`), which `cached_property` lacks.
fn fix(checker: &Checker, func: &StmtFunctionDef, class: &StmtClassDef, class_scope: ScopeId) -> Option<Fix> {
    let semantic = checker.semantic();
    let source = checker.source();
    let [property, cache] = func.decorator_list.as_slice() else { return None };
    if semantic.qualified_name(&property.expression).as_deref() != Some("builtins.property")
        || !is_unbounded_cache(semantic, &cache.expression)
        || semantic.class_defines(class, "__slots__")
        || semantic.class_defines(class, "__setattr__")
        || is_named_tuple(semantic, class)
        || CACHE_WRAPPER_ATTRIBUTES.iter().any(|attr| source.contains(attr))
        || !is_alone_on_its_lines(cache, source)
        || holds_comment(checker, cache)
    {
        return None;
    }
    let (reference, mut edits) = cached_property_reference(checker, &cache.expression, class_scope)?;
    edits.push(Edit::replace(property.expression.range(), reference));
    edits.push(Edit::delete(cache_removal(cache, source)));
    Some(Fix::safe(edits))
}

/// `functools.cache`, `functools.lru_cache(maxsize=None)` or `functools.lru_cache(None)`: a cache
/// that never forgets, as `cached_property` does not.
fn is_unbounded_cache(semantic: &SemanticModel, expr: &Expr) -> bool {
    match expr {
        Expr::Call(call) => {
            let arguments = &call.arguments;
            let unbounded = match (arguments.args.as_ref(), arguments.keywords.as_ref()) {
                ([only], []) => only.is_none_literal_expr(),
                ([], [only]) => only.arg.as_ref().is_some_and(|a| a.as_str() == "maxsize") && only.value.is_none_literal_expr(),
                _ => false,
            };
            unbounded && semantic.is_one_of(&call.func, &["functools.lru_cache"])
        }
        other => semantic.is_one_of(other, &["functools.cache"]),
    }
}

/// A `typing.NamedTuple` class: its instances are tuples without a `__dict__`.
fn is_named_tuple(semantic: &SemanticModel, class: &StmtClassDef) -> bool {
    bases(class).iter().any(|base| {
        semantic.is_one_of(base, &["typing.NamedTuple", "typing_extensions.NamedTuple"])
            || matches!(base, Expr::Call(_))
            || matches!(base, Expr::Name(n) if n.id.as_str() == "NamedTuple")
    })
}

/// How the decorator names `functools.cached_property`: through the module the cache decorator
/// goes through (`functools.cache` → `functools.cached_property`, `ft.cache` →
/// `ft.cached_property`), else a `cached_property` the module imports from functools, else one
/// added to its `from functools import` line (or a new one). `None` when the name would not
/// reach the class body.
fn cached_property_reference(checker: &Checker, cache: &Expr, class_scope: ScopeId) -> Option<(String, Vec<Edit>)> {
    if let Expr::Attribute(attribute) = decorator_callee(cache) {
        return Some((format!("{}.cached_property", checker.locate(attribute.value.range())), Vec::new()));
    }
    let semantic = checker.semantic();
    let import = add_import_from("functools", "cached_property", semantic, checker.source(), checker.stylist())?;
    semantic.sees_module_name(class_scope, &import.binding).then_some((import.binding, import.edits))
}

/// Whether a comment sits inside the decorator (`@lru_cache(\n maxsize=None,  # forever\n)`),
/// which deleting it would lose.
fn holds_comment(checker: &Checker, cache: &Decorator) -> bool {
    checker.tokens().in_range(cache.range()).iter().any(|token| token.kind() == TokenKind::Comment)
}

/// What goes with the cache decorator: its whole lines, or, when a comment ends its line, the
/// decorator and the blanks up to the comment (which stays on a line of its own).
fn cache_removal(cache: &Decorator, source: &str) -> TextRange {
    if !has_trailing_content(cache.end(), source) && !source[TextRange::new(cache.end(), source.line_end(cache.end()))].contains('#') {
        return statement_lines_range(cache, source);
    }
    let after = &source[TextRange::new(cache.end(), source.line_end(cache.end()))];
    let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
    TextRange::new(cache.start(), cache.end() + TextSize::try_from(blanks).unwrap_or_default())
}
