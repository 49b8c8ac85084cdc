//! immutable-init: a subclass of `int`, `str`, `tuple`, `datetime.date`, ... gets its value from
//! the base type's `__new__`, which runs before `__init__` and receives every argument of the
//! call. So `__init__` cannot change the value, and arguments meant for `__init__` alone make
//! the call fail. The fix turns `__init__` into `__new__`: the code before the first use of
//! `self` runs before the instance exists, then `self = super().__new__(cls, value)`, then the
//! rest, then `return self`.
use std::collections::HashSet;

use ruff_python_ast::helpers::{any_over_body, any_over_expr, is_docstring_stmt};
use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{
    ArgOrKeyword, ExceptHandler, Expr, ExprCall, ParameterWithDefault, Stmt, StmtClassDef, StmtFunctionDef, StmtReturn, UnaryOp,
};
use ruff_python_trivia::{SimpleTokenKind, SimpleTokenizer};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::engine::checker::Checker;
use crate::edits::fix::{Edit, Fix};
use crate::fixes::bound_names::{function_scope_names, module_scope_names};
use crate::fixes::class_scope::{bases, class_defines, class_named, subclasses_named};
use crate::edits::fresh_name::fresh_name;
use crate::edits::lines::{is_alone_on_its_lines, is_first_on_line, reindented, statement_indentation, statement_lines_range};
use crate::fixes::name_use::loaded_names;
use crate::engine::transform::Transform;
use crate::rules::{FixSafety, Rule, any_options};

pub(crate) struct ImmutableInit;

pub(crate) static TRANSFORM: ImmutableInit = ImmutableInit;

static RULE: Rule = Rule {
    id: "immutable-init",
    summary: "a subclass of int/str/tuple/... gets its value before __init__ runs; build it in __new__",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &[],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

/// How far base classes and subclasses are followed inside a module (a guard against cycles).
const MAX_DEPTH: usize = 8;

impl Transform for ImmutableInit {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if matches!(stmt, Stmt::ClassDef(_)) {
            check_class(checker);
        }
    }
}

/// An immutable built-in type and what its constructor takes.
struct Immutable {
    qualified: &'static str,
    shown: &'static str,
    /// Its positional parameters, in order.
    positional: &'static [&'static str],
    /// The keyword arguments it takes. The types that take none (`float`, `tuple`, `frozenset`)
    /// ignore unknown keywords when a subclass defines `__init__`; the others reject them.
    keywords: &'static [&'static str],
    /// Defaults that give the same value as a call without arguments.
    empty: &'static [&'static str],
    /// Built from one iterable: several positional parameters are its items.
    packs: bool,
    /// Made of several components (`complex(real, imag)`, `date(year, month, day)`): required
    /// positional parameters after the first are the next components.
    components: bool,
}

static IMMUTABLES: &[Immutable] = &[
    Immutable {
        qualified: "builtins.int",
        shown: "int",
        positional: &["x", "base"],
        keywords: &["base"],
        empty: &["0"],
        packs: false,
        components: false,
    },
    Immutable {
        qualified: "builtins.float",
        shown: "float",
        positional: &["x"],
        keywords: &[],
        empty: &["0", "0.0", "0."],
        packs: false,
        components: false,
    },
    Immutable {
        qualified: "builtins.complex",
        shown: "complex",
        positional: &["real", "imag"],
        keywords: &["real", "imag"],
        empty: &["0", "0j", "0.0"],
        packs: false,
        components: true,
    },
    Immutable {
        qualified: "builtins.str",
        shown: "str",
        positional: &["object", "encoding", "errors"],
        keywords: &["object", "encoding", "errors"],
        empty: &["\"\"", "''"],
        packs: false,
        components: false,
    },
    Immutable {
        qualified: "builtins.bytes",
        shown: "bytes",
        positional: &["source", "encoding", "errors"],
        keywords: &["source", "encoding", "errors"],
        empty: &["b\"\"", "b''"],
        packs: false,
        components: false,
    },
    Immutable {
        qualified: "builtins.tuple",
        shown: "tuple",
        positional: &["iterable"],
        keywords: &[],
        empty: &["()"],
        packs: true,
        components: false,
    },
    Immutable {
        qualified: "builtins.frozenset",
        shown: "frozenset",
        positional: &["iterable"],
        keywords: &[],
        empty: &["frozenset()"],
        packs: true,
        components: false,
    },
    Immutable {
        qualified: "decimal.Decimal",
        shown: "decimal.Decimal",
        positional: &["value", "context"],
        keywords: &["value", "context"],
        empty: &["0", "\"0\"", "'0'"],
        packs: false,
        components: false,
    },
    Immutable {
        qualified: "fractions.Fraction",
        shown: "fractions.Fraction",
        positional: &["numerator", "denominator"],
        keywords: &["numerator", "denominator"],
        empty: &["0"],
        packs: false,
        components: true,
    },
    Immutable {
        qualified: "datetime.date",
        shown: "datetime.date",
        positional: &["year", "month", "day"],
        keywords: &["year", "month", "day"],
        empty: &[],
        packs: false,
        components: true,
    },
    Immutable {
        qualified: "datetime.time",
        shown: "datetime.time",
        positional: &["hour", "minute", "second", "microsecond", "tzinfo"],
        keywords: &["hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        empty: &["0"],
        packs: false,
        components: true,
    },
    Immutable {
        qualified: "datetime.datetime",
        shown: "datetime.datetime",
        positional: &["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"],
        keywords: &["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        empty: &[],
        packs: false,
        components: true,
    },
    Immutable {
        qualified: "datetime.timedelta",
        shown: "datetime.timedelta",
        positional: &["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"],
        keywords: &["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"],
        empty: &["0"],
        packs: false,
        components: true,
    },
];

/// Decorators of `__init__` that do not care which function they wrap.
const HARMLESS_METHOD_DECORATORS: &[&str] =
    &["typing.override", "typing_extensions.override", "typing.no_type_check", "typing.final", "typing_extensions.final"];

/// Class decorators that do not touch `__init__` (`deprecated` wraps whichever `__new__` the
/// class has).
const HARMLESS_CLASS_DECORATORS: &[&str] = &[
    "functools.total_ordering",
    "typing.final",
    "typing_extensions.final",
    "typing_extensions.deprecated",
    "warnings.deprecated",
];

/// Bases that add no `__init__`.
const HARMLESS_BASES: &[&str] = &[
    "builtins.object",
    "typing.Generic",
    "typing_extensions.Generic",
    "typing.Protocol",
    "typing_extensions.Protocol",
    "typing.SupportsInt",
    "typing.SupportsFloat",
    "typing.SupportsIndex",
    "typing.Hashable",
    "collections.abc.Hashable",
];

/// The entry point: the class the walk is at, if it is an immutable subclass with `__init__`.
fn check_class(checker: &mut Checker) {
    let Some(Stmt::ClassDef(class)) = checker.parents().last().copied() else { return };
    if checker.is_stub() {
        return;
    }
    let scopes = Scopes::around(checker.parents(), &checker.module().body);
    let Some(candidate) = Candidate::of(checker, &scopes, class, 0) else { return };
    let verdict = candidate.verdict(checker, &scopes, 0);
    let described = candidate.describe(checker);
    let (message, fix) = match verdict.fix {
        Err(why) => (format!("{described}; no automatic fix: {why}"), None),
        Ok(edits) => match verdict.unsafe_reasons.first() {
            None => (described, Some(Fix::safe(edits))),
            Some(why) => (format!("{described}; the fix is unsafe: {why}"), Some(Fix::unsafe_(edits))),
        },
    };
    checker.report(candidate.init.name.range(), message, fix);
}

/// Where the base names of a class are looked up: the scope the class statement runs in, then
/// the module.
struct Scopes<'a> {
    bodies: Vec<&'a [Stmt]>,
}

impl<'a> Scopes<'a> {
    fn around(parents: &[&'a Stmt], module: &'a [Stmt]) -> Self {
        let enclosing = parents.iter().rev().skip(1).find_map(|stmt| match stmt {
            Stmt::FunctionDef(func) => Some(&func.body[..]),
            Stmt::ClassDef(class) => Some(&class.body[..]),
            _ => None,
        });
        Scopes { bodies: enclosing.into_iter().chain([module]).collect() }
    }

    fn module(&self) -> &'a [Stmt] {
        self.bodies.last().copied().unwrap_or_default()
    }

    /// The class of this module a base expression names, other than `class` itself.
    fn class_of(&self, base: &Expr, class: &StmtClassDef) -> Option<&'a StmtClassDef> {
        let Expr::Name(name) = unsubscripted(base) else { return None };
        let found = self.bodies.iter().find_map(|body| class_named(body, name.id.as_str()))?;
        (!std::ptr::eq(found, class)).then_some(found)
    }
}

/// `@deprecated("...")` is the decorator `deprecated`, configured.
fn uncalled(expr: &Expr) -> &Expr {
    match expr {
        Expr::Call(call) => &call.func,
        other => other,
    }
}

/// `tuple[int, int]` as a base is `tuple`.
fn unsubscripted(expr: &Expr) -> &Expr {
    match expr {
        Expr::Subscript(subscript) => &subscript.value,
        other => other,
    }
}

fn immutable_type(checker: &Checker, base: &Expr) -> Option<&'static Immutable> {
    let qualified = checker.imports().qualified_name(unsubscripted(base))?;
    IMMUTABLES.iter().find(|t| t.qualified == qualified)
}

/// How a class comes to be immutable: the built-in type at the root and the classes of this
/// module in between, nearest first.
struct Lineage<'a> {
    root: &'static Immutable,
    via: Vec<&'a StmtClassDef>,
}

fn lineage<'a>(checker: &Checker, scopes: &Scopes<'a>, class: &'a StmtClassDef, depth: usize) -> Option<Lineage<'a>> {
    if depth > MAX_DEPTH {
        return None;
    }
    bases(class).iter().find_map(|base| {
        if let Some(root) = immutable_type(checker, base) {
            return Some(Lineage { root, via: Vec::new() });
        }
        let parent = scopes.class_of(base, class)?;
        let mut found = lineage(checker, scopes, parent, depth + 1)?;
        found.via.insert(0, parent);
        Some(found)
    })
}

/// Enum members and named tuples are built their own way (`Enum` calls `__init__` with the
/// member's value on purpose; `NamedTuple` forbids overriding `__new__`).
fn is_enum_like(checker: &Checker, base: &Expr) -> bool {
    let base = unsubscripted(base);
    let name = checker.imports().qualified_name(base).unwrap_or_else(|| checker.locate(base).to_owned());
    let last = name.rsplit('.').next().unwrap_or_default();
    name.starts_with("enum.") || ["Enum", "Flag", "Choices"].iter().any(|end| last.ends_with(end)) || last == "NamedTuple"
}

fn has_enum_like_base(checker: &Checker, scopes: &Scopes, class: &StmtClassDef, depth: usize) -> bool {
    depth <= MAX_DEPTH
        && bases(class).iter().any(|base| {
            is_enum_like(checker, base)
                || scopes.class_of(base, class).is_some_and(|parent| has_enum_like_base(checker, scopes, parent, depth + 1))
        })
}

/// A class of the module that adds nothing to how instances are made: no `__init__` or
/// `__new__`, here or in its bases.
fn is_plain_class(checker: &Checker, scopes: &Scopes, class: &StmtClassDef, depth: usize) -> bool {
    depth <= MAX_DEPTH
        && !class_defines(class, "__init__")
        && !class_defines(class, "__new__")
        && class.arguments.as_ref().is_none_or(|a| a.keywords.is_empty())
        && bases(class).iter().all(|base| is_harmless_base(checker, scopes, base, class, depth + 1))
}

fn is_harmless_base(checker: &Checker, scopes: &Scopes, base: &Expr, class: &StmtClassDef, depth: usize) -> bool {
    checker.imports().is_one_of(unsubscripted(base), HARMLESS_BASES)
        || scopes.class_of(base, class).is_some_and(|parent| is_plain_class(checker, scopes, parent, depth))
}

/// A class that counts: immutable through its bases, with an `__init__` that takes arguments
/// and no `__new__`.
struct Candidate<'a> {
    class: &'a StmtClassDef,
    init: &'a StmtFunctionDef,
    /// How many `def __init__` the class body has (overloads, redefinitions).
    inits: usize,
    lineage: Lineage<'a>,
    /// The first parameter: `self`.
    receiver: &'a ParameterWithDefault,
}

impl<'a> Candidate<'a> {
    fn of(checker: &Checker, scopes: &Scopes<'a>, class: &'a StmtClassDef, depth: usize) -> Option<Self> {
        let inits: Vec<&'a StmtFunctionDef> = class
            .body
            .iter()
            .filter_map(|stmt| match stmt {
                Stmt::FunctionDef(func) if func.name.as_str() == "__init__" => Some(func),
                _ => None,
            })
            .collect();
        let init = *inits.last()?;
        if class_defines(class, "__new__") || init.is_async || is_guard(init) || is_not_a_method(checker, init) {
            return None;
        }
        let lineage = lineage(checker, scopes, class, depth)?;
        if lineage.via.iter().any(|c| class_defines(c, "__new__")) || has_enum_like_base(checker, scopes, class, depth) {
            return None;
        }
        let parameters = &init.parameters;
        let receiver = parameters.posonlyargs.iter().chain(parameters.args.iter()).next()?;
        let more = parameters.posonlyargs.len() + parameters.args.len() > 1
            || parameters.vararg.is_some()
            || parameters.kwarg.is_some()
            || !parameters.kwonlyargs.is_empty();
        more.then_some(Candidate { class, init, inits: inits.len(), lineage, receiver })
    }

    fn receiver_name(&self) -> &'a str {
        self.receiver.name().as_str()
    }

    /// The finding's message, without the part about the fix.
    fn describe(&self, checker: &Checker) -> String {
        let via = self.lineage.via.first().map(|p| format!(" (through `{}`)", p.name)).unwrap_or_default();
        format!(
            "`{}` subclasses the immutable `{}`{via}: its value is built from the call's arguments before `__init__` runs, so {}; define `__new__` instead",
            self.class.name,
            self.lineage.root.shown,
            self.symptom(checker)
        )
    }

    /// What goes wrong in this class, the most telling first.
    fn symptom(&self, checker: &Checker) -> String {
        let receiver = self.receiver_name();
        let root = self.lineage.root.shown;
        if let Some(stmt) = rebinding(&self.init.body, &HashSet::from([receiver])) {
            return format!("`{}` only rebinds the local name `{receiver}`", first_line(checker.locate(stmt)));
        }
        let first = self.positional().first().map(|p| p.name().as_str());
        if let Some(stmt) = first.and_then(|name| rebinding(&self.init.body, &HashSet::from([name]))) {
            return format!("`{}` does not change the instance", first_line(checker.locate(stmt)));
        }
        if let Some(call) = self.explicit_base_call() {
            return format!("`{}` cannot set it", first_line(checker.locate(call)));
        }
        if let Some(name) = self.rejected_parameter() {
            return format!("`{name}` also goes to `{root}()`, which rejects it");
        }
        format!("`__init__` cannot change the value, and an argument that `{root}()` does not take makes the call fail")
    }

    /// A top-level `super().__init__(...)` that passes arguments, for the message.
    fn explicit_base_call(&self) -> Option<&'a ExprCall> {
        self.init.body.iter().find_map(|stmt| match stmt {
            Stmt::Expr(expr) => match expr.value.as_ref() {
                Expr::Call(call) if is_attribute_call(call, "__init__") && !call.arguments.is_empty() => {
                    let is_super = matches!(attribute_receiver(call), Some(Expr::Call(inner)) if is_super_call(inner));
                    (is_super || call.arguments.len() > 1).then_some(call)
                }
                _ => None,
            },
            _ => None,
        })
    }

    /// A parameter that the base type refuses when a call passes it: a positional one beyond
    /// those it takes, or one passed by a keyword it does not know (types without keywords
    /// ignore unknown ones when a subclass defines `__init__`). The components of a `date`
    /// or `complex` are passed positionally and do reach it.
    fn rejected_parameter(&self) -> Option<String> {
        let root = self.lineage.root;
        let takes_keywords = !root.keywords.is_empty();
        let positional = self.positional().into_iter().enumerate().skip(1).filter(|(i, p)| {
            let by_keyword = takes_keywords && !root.components && !root.keywords.contains(&p.name().as_str());
            *i >= root.positional.len() || by_keyword
        });
        let keyword_only = self.init.parameters.kwonlyargs.iter().filter(|_| takes_keywords);
        positional
            .map(|(_, p)| p)
            .chain(keyword_only)
            .map(|p| p.name().as_str())
            .find(|name| !root.keywords.contains(name))
            .map(str::to_owned)
    }

    /// The positional parameters after `self`.
    fn positional(&self) -> Vec<&'a ParameterWithDefault> {
        let parameters = &self.init.parameters;
        parameters.posonlyargs.iter().chain(parameters.args.iter()).skip(1).collect()
    }

    fn verdict(&self, checker: &Checker, scopes: &Scopes<'a>, depth: usize) -> Verdict {
        let mut unsafe_reasons = Vec::new();
        self.context_reasons(checker, scopes, depth, &mut unsafe_reasons);
        let fix = match self.hierarchy_blocker(checker, scopes, depth, &mut unsafe_reasons) {
            Some(why) => Err(why),
            None => Plan::new(checker, self, &mut unsafe_reasons).and_then(|plan| plan.edits(checker)),
        };
        Verdict { fix, unsafe_reasons }
    }

    /// Reasons from around `__init__` why the fix may change what the program does: decorators,
    /// other bases, the metaclass, subclasses in the module.
    fn context_reasons(&self, checker: &Checker, scopes: &Scopes<'a>, depth: usize, reasons: &mut Vec<String>) {
        let imports = checker.imports();
        for decorator in &self.init.decorator_list {
            if !imports.is_one_of(uncalled(&decorator.expression), HARMLESS_METHOD_DECORATORS) {
                let shown = first_line(checker.locate(&decorator.expression));
                reasons.push(format!("`@{shown}` then wraps `__new__`, which gets the class instead of the instance"));
            }
        }
        for decorator in &self.class.decorator_list {
            if !imports.is_one_of(uncalled(&decorator.expression), HARMLESS_CLASS_DECORATORS) {
                let shown = first_line(checker.locate(&decorator.expression));
                reasons.push(format!("the class decorator `@{shown}` may rely on `__init__`"));
            }
        }
        for class in std::iter::once(self.class).chain(self.lineage.via.iter().copied()) {
            self.base_reasons(checker, scopes, class, depth, reasons);
        }
        for sub in self.subclasses_with_constructors(scopes) {
            reasons.push(format!(
                "`{}`, a subclass in this module, defines its own `__init__` or `__new__`; after the fix its instances are built by `{}.__new__` from its own arguments",
                sub.name, self.class.name
            ));
        }
    }

    /// Bases beside the immutable line, and a metaclass, may construct instances their own way.
    fn base_reasons(&self, checker: &Checker, scopes: &Scopes, class: &StmtClassDef, depth: usize, reasons: &mut Vec<String>) {
        let in_line = |base: &Expr| {
            immutable_type(checker, base).is_some()
                || scopes.class_of(base, class).is_some_and(|p| self.lineage.via.iter().any(|v| std::ptr::eq(*v, p)))
        };
        for base in bases(class) {
            if !in_line(base) && !is_harmless_base(checker, scopes, base, class, depth + 1) {
                reasons.push(format!(
                    "another base, `{}`, may define an `__init__` that would then run with the constructor's arguments",
                    checker.locate(base)
                ));
            }
        }
        let keywords = class.arguments.as_ref().map(|a| &a.keywords[..]).unwrap_or_default();
        for keyword in keywords.iter().filter(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "metaclass")) {
            if !checker.imports().is_one_of(&keyword.value, &["abc.ABCMeta"]) {
                reasons.push(format!("the metaclass `{}` may build instances its own way", checker.locate(&keyword.value)));
            }
        }
    }

    /// Classes of the module derived from this one (at any distance) that define `__init__` or
    /// `__new__`: today they get this class's `__init__` only if they call it.
    fn subclasses_with_constructors(&self, scopes: &Scopes<'a>) -> Vec<&'a StmtClassDef> {
        let mut found = Vec::new();
        let mut names = vec![self.class.name.as_str()];
        let mut seen: HashSet<&str> = HashSet::new();
        while let Some(name) = names.pop() {
            if !seen.insert(name) || seen.len() > MAX_DEPTH * 4 {
                continue;
            }
            for sub in subclasses_named(scopes.module(), name) {
                if class_defines(sub, "__init__") || class_defines(sub, "__new__") {
                    found.push(sub);
                }
                names.push(sub.name.as_str());
            }
        }
        found
    }

    /// A class between this one and the immutable type that has an `__init__` of its own: after
    /// the fix it would receive this class's arguments, unless it becomes `__new__` as well.
    fn hierarchy_blocker(&self, checker: &Checker, scopes: &Scopes<'a>, depth: usize, reasons: &mut Vec<String>) -> Option<String> {
        for parent in self.lineage.via.iter().filter(|p| class_defines(p, "__init__")) {
            let fixable = depth < MAX_DEPTH
                && Candidate::of(checker, scopes, parent, depth + 1).is_some_and(|c| {
                    !checker.is_suppressed(c.init.name.range()) && c.verdict(checker, scopes, depth + 1).fix.is_ok()
                });
            if !fixable {
                return Some(format!(
                    "its base `{}` keeps an `__init__` that would then run with `{}`'s arguments",
                    parent.name, self.class.name
                ));
            }
            reasons.push(format!("it is right only together with the fix of its base `{}`, which has an `__init__` too", parent.name));
        }
        None
    }
}

/// What the check concludes about one class.
struct Verdict {
    /// The fix's edits, or why there is none.
    fix: Result<Vec<Edit>, String>,
    /// Why the fix is unsafe, if it is; empty for a safe fix.
    unsafe_reasons: Vec<String>,
}

/// An `__init__` that only raises guards against being called at all: it must stay `__init__`.
fn is_guard(init: &StmtFunctionDef) -> bool {
    let docstring = usize::from(init.body.first().is_some_and(is_docstring_stmt));
    matches!(&init.body[docstring..], [Stmt::Raise(_)])
}

fn is_not_a_method(checker: &Checker, init: &StmtFunctionDef) -> bool {
    const NOT_METHODS: &[&str] = &["builtins.staticmethod", "builtins.classmethod", "builtins.property"];
    init.decorator_list.iter().any(|d| checker.imports().is_one_of(&d.expression, NOT_METHODS))
}

/// The first own-scope statement of `body` that binds one of `names` (`value = ...`,
/// `self += 1`, `for value in ...`), the innermost one when it is nested in a block.
fn rebinding<'b>(body: &'b [Stmt], names: &HashSet<&str>) -> Option<&'b Stmt> {
    body.iter().find_map(|stmt| {
        if !module_scope_names(std::slice::from_ref(stmt)).iter().any(|n| names.contains(n)) {
            return None;
        }
        let nested = nested_bodies(stmt).into_iter().find_map(|inner| rebinding(inner, names));
        Some(nested.unwrap_or(stmt))
    })
}

/// The statement lists inside a compound statement of the same scope.
fn nested_bodies(stmt: &Stmt) -> Vec<&[Stmt]> {
    match stmt {
        Stmt::If(s) => std::iter::once(&s.body[..]).chain(s.elif_else_clauses.iter().map(|c| &c.body[..])).collect(),
        Stmt::For(s) => vec![&s.body, &s.orelse],
        Stmt::While(s) => vec![&s.body, &s.orelse],
        Stmt::With(s) => vec![&s.body],
        Stmt::Try(s) => {
            let handlers = s.handlers.iter().map(|h| {
                let ExceptHandler::ExceptHandler(h) = h;
                &h.body[..]
            });
            std::iter::once(&s.body[..]).chain(handlers).chain([&s.orelse[..], &s.finalbody[..]]).collect()
        }
        Stmt::Match(s) => s.cases.iter().map(|c| &c.body[..]).collect(),
        _ => Vec::new(),
    }
}

fn is_super_call(call: &ExprCall) -> bool {
    matches!(call.func.as_ref(), Expr::Name(name) if name.id.as_str() == "super")
}

fn is_bare_super(expr: &Expr) -> bool {
    matches!(expr, Expr::Call(call) if is_super_call(call) && call.arguments.is_empty())
}

fn is_attribute_call(call: &ExprCall, attr: &str) -> bool {
    matches!(call.func.as_ref(), Expr::Attribute(a) if a.attr.as_str() == attr)
}

fn attribute_receiver(call: &ExprCall) -> Option<&Expr> {
    match call.func.as_ref() {
        Expr::Attribute(attribute) => Some(&attribute.value),
        _ => None,
    }
}

fn is_name(expr: &Expr, name: &str) -> bool {
    matches!(expr, Expr::Name(n) if n.id.as_str() == name)
}

/// The first line of a piece of code, for messages.
fn first_line(text: &str) -> String {
    match text.split_once(['\n', '\r']) {
        Some((first, _)) => match first.trim_end().strip_suffix('\\') {
            // `value = \` continued on the next line.
            Some(head) => format!("{} ...", head.trim_end()),
            None => format!("{}...", first.trim_end()),
        },
        None => text.to_owned(),
    }
}

/// What the body of `__init__` does in its own scope (not inside nested functions, classes and
/// lambdas, whose `return` and `super()` are theirs).
#[derive(Default)]
struct OwnScope<'a> {
    returns: Vec<&'a StmtReturn>,
    yields: bool,
    /// Calls of some `X.__init__(...)`.
    init_calls: Vec<&'a ExprCall>,
    /// `super()` without arguments: it reads the first argument, which becomes the class.
    bare_supers: usize,
}

impl<'a> OwnScope<'a> {
    fn of(stmt: &'a Stmt) -> Self {
        let mut scope = OwnScope::default();
        scope.visit_stmt(stmt);
        scope
    }
}

impl<'a> Visitor<'a> for OwnScope<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(func) => {
                for decorator in &func.decorator_list {
                    self.visit_decorator(decorator);
                }
                for default in func.parameters.iter_non_variadic_params().filter_map(|p| p.default()) {
                    self.visit_expr(default);
                }
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
            }
            Stmt::Return(ret) => {
                self.returns.push(ret);
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Lambda(lambda) => {
                let parameters = lambda.parameters.iter().flat_map(|p| p.iter_non_variadic_params());
                for default in parameters.filter_map(|p| p.default()) {
                    self.visit_expr(default);
                }
                return;
            }
            Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) => self.yields = true,
            Expr::Call(call) if is_attribute_call(call, "__init__") => self.init_calls.push(call),
            _ if is_bare_super(expr) => self.bare_supers += 1,
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

/// The call of a base class's `__init__` that the fix turns into building the instance.
struct BaseCall<'a> {
    index: usize,
    stmt: &'a Stmt,
    /// What builds the instance instead: `super().__new__`, `super(Port, cls).__new__`, `str.__new__`.
    new_func: String,
    /// Its arguments after `self`.
    args: Vec<ArgOrKeyword<'a>>,
    /// Whether it is `super().__init__(...)`, whose `super()` is no other use of `super()`.
    bare_super: bool,
    /// The edits that make the call itself build the instance where it is, keeping its layout
    /// and comments: `__init__` → `__new__`, `self` → `cls`, `cls, ` before the arguments.
    in_place: Vec<Edit>,
}

/// What the instance is built from.
struct Value {
    /// The arguments after `cls`, as written.
    text: String,
    /// Where the text is in the source, when it is taken from there (it may span lines).
    range: Option<TextRange>,
    /// The indentation of the line the text comes from.
    indent: String,
    /// The names it reads: they must hold their final value where the instance is built.
    names: HashSet<String>,
    /// Taken from a base `__init__` call, rather than from the parameters.
    explicit: bool,
}

/// Where the fix builds the instance and what it rewrites.
struct Plan<'c, 'a> {
    candidate: &'c Candidate<'a>,
    body: &'a [Stmt],
    receiver: &'a str,
    cls: String,
    new_func: String,
    value: Value,
    base_call: Option<BaseCall<'a>>,
    /// The top-level statement before which the instance is built; `None` when nothing after
    /// the code that computes the value uses `self`: then it is built at each exit.
    split: Option<usize>,
    /// `self` in `self.method(...)` calls before the split, which become `cls.method(...)`.
    early_receivers: Vec<TextRange>,
    /// Every `return` of the body, with the index of the top-level statement holding it.
    returns: Vec<(usize, &'a StmtReturn)>,
}

impl<'c, 'a> Plan<'c, 'a> {
    fn new(checker: &Checker, candidate: &'c Candidate<'a>, reasons: &mut Vec<String>) -> Result<Self, String> {
        let init = candidate.init;
        let body = &init.body[..];
        check_shape(checker, candidate)?;
        let scans: Vec<OwnScope<'a>> = body.iter().map(OwnScope::of).collect();
        check_returns_and_layout(checker, body, &scans)?;
        let taken: HashSet<&str> = function_scope_names(init).into_iter().chain(loaded_names(body)).collect();
        let cls = fresh_name("cls", &taken);
        let base_call = base_call(checker, candidate, &scans, &cls)?;
        let bare_supers: usize = scans.iter().map(|s| s.bare_supers).sum();
        if bare_supers > usize::from(base_call.as_ref().is_some_and(|b| b.bare_super)) {
            return Err("the body uses `super()` for more than calling `__init__`; inside `__new__` it would refer to the class, not the instance".to_owned());
        }
        let explicit = base_call.as_ref().and_then(|b| explicit_value(checker, candidate, b).transpose()).transpose()?;
        let value = match explicit {
            Some(value) => value,
            None => value_from_parameters(checker, candidate, reasons)?,
        };
        let receiver = candidate.receiver_name();
        if value.names.contains(receiver) {
            return Err(format!("the value passed to `__init__` reads `{receiver}`"));
        }
        let new_func = match &base_call {
            Some(call) if value.explicit => call.new_func.clone(),
            _ => "super().__new__".to_owned(),
        };
        let returns = scans
            .iter()
            .enumerate()
            .flat_map(|(index, scope)| scope.returns.iter().map(move |ret| (index, *ret)))
            .collect();
        let mut plan =
            Plan { candidate, body, receiver, cls, new_func, value, base_call, split: None, early_receivers: Vec::new(), returns };
        plan.place_split(checker, reasons)?;
        plan.check_early_returns()?;
        if let Some(stmt) = plan.changed_again_by_copies() {
            reasons.push(format!(
                "`{}` would run again when copy or pickle rebuild the instance from its value through `__new__`",
                first_line(checker.locate(stmt))
            ));
        }
        Ok(plan)
    }

    /// Whether a statement uses `self`: the name itself, or `super()`, which reads it.
    fn uses_receiver(&self, index: usize) -> bool {
        if self.base_call.as_ref().is_some_and(|b| b.index == index && !self.value.explicit) {
            // A base call that passes nothing is simply removed.
            return false;
        }
        let receiver = self.receiver;
        any_over_body(std::slice::from_ref(&self.body[index]), |e| is_name(e, receiver) || is_bare_super(e))
    }

    fn binds_value_name(&self, index: usize) -> bool {
        module_scope_names(std::slice::from_ref(&self.body[index])).iter().any(|n| self.value.names.contains(*n))
    }

    /// The split goes before the first statement that uses `self`, unless the value still
    /// changes after it; then after the last change, if the statements up to there use `self`
    /// only to call methods (which become calls on `cls`).
    fn place_split(&mut self, checker: &Checker, reasons: &mut Vec<String>) -> Result<(), String> {
        let Some(first_use) = (0..self.body.len()).find(|&i| self.uses_receiver(i)) else { return Ok(()) };
        let value_final_at = match (&self.base_call, self.value.explicit) {
            (Some(call), true) => call.index,
            _ => self.body.len(),
        };
        let Some(last_change) = (first_use..value_final_at).rev().find(|&i| self.binds_value_name(i)) else {
            self.split = Some(first_use);
            return Ok(());
        };
        let early = &self.body[first_use..=last_change];
        let Some(calls) = method_calls_only(early, self.receiver) else {
            let name = self.changed_name(last_change);
            return Err(format!(
                "`{name}` still changes after `{}` is first used (`{}`), so the instance cannot be built from its final value without reordering the code",
                self.receiver,
                first_line(checker.locate(&self.body[first_use]))
            ));
        };
        for (_, method) in &calls {
            if !self.is_static_or_class_method(method) {
                reasons.push(format!(
                    "`{}.{method}()` runs before the instance exists and becomes `{}.{method}()`, which is right only if it does not need the instance",
                    self.receiver, self.cls
                ));
            }
        }
        self.early_receivers = calls.into_iter().map(|(range, _)| range).collect();
        self.split = (last_change + 1 < self.body.len()).then_some(last_change + 1);
        Ok(())
    }

    fn changed_name(&self, index: usize) -> String {
        let bound = module_scope_names(std::slice::from_ref(&self.body[index]));
        let mut names: Vec<&str> = bound.into_iter().filter(|n| self.value.names.contains(*n)).collect();
        names.sort_unstable();
        names.first().map_or_else(String::new, |n| (*n).to_owned())
    }

    /// A method the class (or a class of the module between it and the immutable type) defines
    /// as `@staticmethod` or `@classmethod`, so that calling it on the class is the same.
    fn is_static_or_class_method(&self, method: &str) -> bool {
        let classes = std::iter::once(self.candidate.class).chain(self.candidate.lineage.via.iter().copied());
        classes.flat_map(|c| c.body.iter()).any(|stmt| {
            matches!(stmt, Stmt::FunctionDef(f) if f.name.as_str() == method && f.decorator_list.iter().any(|d|
                matches!(&d.expression, Expr::Name(n) if matches!(n.id.as_str(), "staticmethod" | "classmethod"))))
        })
    }

    /// A `return` before `super().__init__(value)` has no value to build the instance from.
    fn check_early_returns(&self) -> Result<(), String> {
        let Some(call) = self.base_call.as_ref().filter(|_| self.value.explicit) else { return Ok(()) };
        if self.returns.iter().any(|(index, _)| *index < call.index) {
            return Err("`__init__` may return before its base `__init__` call, where there is no value to build the instance from".to_owned());
        }
        Ok(())
    }

    /// An assignment before the split that computes the value with arithmetic: copy and pickle
    /// call `__new__` again with the built value, and `value * 2` would apply twice.
    fn changed_again_by_copies(&self) -> Option<&'a Stmt> {
        let end = self.split.unwrap_or(self.body.len());
        let mut finder = Arithmetic { names: &self.value.names, found: None };
        finder.visit_body(&self.body[..end]);
        finder.found
    }

    /// `super().__new__(cls, value)`, written for a line at `indent`: the continuation lines of
    /// a value over several lines move with it.
    fn construct(&self, indent: &str, checker: &Checker) -> String {
        let text = match self.value.range {
            Some(range) => reindented(range, &self.value.indent, indent, checker.source(), checker.tokens()),
            None => self.value.text.clone(),
        };
        format!("{}({}, {text})", self.new_func, self.cls)
    }

    fn edits(&self, checker: &Checker) -> Result<Vec<Edit>, String> {
        let source = checker.source();
        let init = self.candidate.init;
        let mut edits = vec![
            Edit::replace(init.name.range(), "__new__"),
            Edit::replace(self.candidate.receiver.parameter.range(), self.cls.clone()),
        ];
        edits.extend(drop_none_annotation(init, source));
        edits.extend(self.early_receivers.iter().map(|range| Edit::replace(*range, self.cls.clone())));
        edits.extend(self.return_edits(checker));
        edits.extend(self.build_edits(checker)?);
        Ok(edits)
    }

    /// Each `return` of the body gives the instance: the one built so far after the split, a
    /// new one before it.
    fn return_edits(&self, checker: &Checker) -> Vec<Edit> {
        self.returns
            .iter()
            .map(|(index, ret)| {
                let what = match self.split {
                    Some(split) if *index >= split => self.receiver.to_owned(),
                    _ => self.construct(statement_indentation(*ret, checker.source()), checker),
                };
                Edit::replace(ret.range(), format!("return {what}"))
            })
            .collect()
    }

    /// Building the instance at the split, removing the base `__init__` call, and the final
    /// `return`.
    fn build_edits(&self, checker: &Checker) -> Result<Vec<Edit>, String> {
        let source = checker.source();
        let eol = checker.stylist().line_ending().as_str();
        let receiver = self.receiver;
        let last = self.body.len() - 1;
        let mut edits = Vec::new();
        let base_index = self.base_call.as_ref().map(|b| b.index);
        let ends_in_exit = matches!(self.body[last], Stmt::Return(_) | Stmt::Raise(_));
        let returned = match self.split {
            Some(_) => receiver.to_owned(),
            None => self.construct(statement_indentation(&self.body[last], source), checker),
        };
        match (self.split, &self.base_call) {
            // `super().__init__(value)` is where the instance is built.
            (Some(split), Some(call)) if call.index == split && self.value.explicit => {
                let prefix = if split == last { "return ".to_owned() } else { format!("{receiver} = ") };
                edits.push(Edit::insert(call.stmt.start(), prefix));
                edits.extend(call.in_place.iter().cloned());
            }
            (split, call) => {
                if let Some(split) = split {
                    let stmt = &self.body[split];
                    let indent = statement_indentation(stmt, source);
                    let line = format!("{indent}{receiver} = {}{eol}", self.construct(indent, checker));
                    edits.push(Edit::insert(above_comments(self.body, split, init_header_end(self.candidate.init), source), line));
                }
                if let Some(call) = call {
                    edits.push(if call.index == last {
                        Edit::replace(call.stmt.range(), format!("return {returned}"))
                    } else {
                        remove_statement(call.stmt, source)?
                    });
                }
            }
        }
        if base_index != Some(last) && !ends_in_exit {
            let stmt = &self.body[last];
            let indent = statement_indentation(stmt, source);
            let at = logical_line_end(checker.tokens(), stmt.end()).unwrap_or_else(|| source.line_end(stmt.end()));
            edits.push(Edit::insert(at, format!("{eol}{indent}return {returned}")));
        }
        Ok(edits)
    }
}

/// Where the logical line holding `offset` ends: before the line break that ends it, after
/// any comment and any lines a trailing backslash joins to it.
fn logical_line_end(tokens: &Tokens, offset: TextSize) -> Option<TextSize> {
    let rest = &tokens[tokens.partition_point(|t| t.start() < offset)..];
    rest.iter().find(|t| t.kind() == TokenKind::Newline).map(Ranged::start)
}

/// Assignments to the value's names whose right side does arithmetic.
struct Arithmetic<'n, 'a> {
    names: &'n HashSet<String>,
    found: Option<&'a Stmt>,
}

impl<'a> StatementVisitor<'a> for Arithmetic<'_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found.is_some() {
            return;
        }
        let targets_value = |target: &Expr| matches!(target, Expr::Name(n) if self.names.contains(n.id.as_str()));
        let computes = |value: &Expr| {
            any_over_expr(value, |e| match e {
                Expr::BinOp(_) => true,
                Expr::UnaryOp(op) => op.op != UnaryOp::Not,
                _ => false,
            })
        };
        let hit = match stmt {
            Stmt::AugAssign(assign) => targets_value(&assign.target),
            Stmt::Assign(assign) => assign.targets.iter().any(targets_value) && computes(&assign.value),
            Stmt::AnnAssign(assign) => targets_value(&assign.target) && assign.value.as_deref().is_some_and(computes),
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => false,
            _ => {
                walk_stmt(self, stmt);
                false
            }
        };
        if hit {
            self.found = Some(stmt);
        }
    }
}

/// Shapes of the class and of `__init__` that the fix does not handle.
fn check_shape(checker: &Checker, candidate: &Candidate) -> Result<(), String> {
    let receiver = candidate.receiver_name();
    if candidate.inits > 1 {
        return Err("the class defines `__init__` more than once".to_owned());
    }
    let elsewhere = candidate.class.body.iter().filter(|s| !matches!(s, Stmt::FunctionDef(_)));
    if elsewhere.into_iter().any(|s| module_scope_names(std::slice::from_ref(s)).contains("__init__")) {
        return Err("the class body also binds `__init__` in another way".to_owned());
    }
    if candidate.receiver.default.is_some() {
        return Err(format!("`{receiver}` has a default value"));
    }
    if let Some(stmt) = rebinding(&candidate.init.body, &HashSet::from([receiver])) {
        return Err(format!(
            "`{}` cannot move before the instance exists; compute the new value from the arguments by hand",
            first_line(checker.locate(stmt))
        ));
    }
    Ok(())
}

/// An error when a `return` gives a value (`__init__` must return None) or the body is a
/// generator; also when statements share lines, which the line edits cannot handle.
fn check_returns_and_layout(checker: &Checker, body: &[Stmt], scans: &[OwnScope]) -> Result<(), String> {
    if scans.iter().any(|s| s.yields) {
        return Err("`__init__` contains `yield` or `await`".to_owned());
    }
    let valued = scans.iter().flat_map(|s| s.returns.iter()).find(|r| r.value.as_deref().is_some_and(|v| !v.is_none_literal_expr()));
    if let Some(ret) = valued {
        return Err(format!("`{}` returns a value from `__init__`", first_line(checker.locate(*ret))));
    }
    if body.iter().any(|stmt| !is_first_on_line(stmt, checker.source())) {
        return Err("the body shares a line with the `def` or between statements (`;`)".to_owned());
    }
    Ok(())
}

/// The one `X.__init__(...)` call of the body, if it is a top-level statement calling the base
/// class's `__init__` on `self`: `super().__init__(...)`, `super(C, self).__init__(...)` or
/// `Base.__init__(self, ...)`.
fn base_call<'a>(
    checker: &Checker,
    candidate: &Candidate<'a>,
    scans: &[OwnScope<'a>],
    cls: &str,
) -> Result<Option<BaseCall<'a>>, String> {
    let calls: Vec<(usize, &'a ExprCall)> =
        scans.iter().enumerate().flat_map(|(i, s)| s.init_calls.iter().map(move |c| (i, *c))).collect();
    let (index, call) = match calls.as_slice() {
        [] => return Ok(None),
        [one] => *one,
        [_, second, ..] => return Err(format!("`__init__` is called more than once (`{}`)", first_line(checker.locate(second.1)))),
    };
    let stmt = &candidate.init.body[index];
    let shown = first_line(checker.locate(call));
    let top_level = matches!(stmt, Stmt::Expr(e) if matches!(e.value.as_ref(), Expr::Call(c) if std::ptr::eq(c, call)));
    if !top_level {
        return Err(format!("`{shown}` is called inside a block or an expression, not as a statement of its own in the body"));
    }
    let receiver = candidate.receiver_name();
    let unknown = || format!("`{shown}` is not a call of the base class's `__init__` on `{receiver}`");
    let target = attribute_receiver(call).ok_or_else(unknown)?;
    let all_args: Vec<ArgOrKeyword<'a>> = call.arguments.iter_source_order().collect();
    let Expr::Attribute(attribute) = call.func.as_ref() else { return Err(unknown()) };
    let mut in_place = vec![Edit::replace(attribute.attr.range(), "__new__")];
    let first_arg = all_args.first().map(Ranged::start);
    let (new_func, args) = match target {
        Expr::Call(sup) if is_super_call(sup) && sup.arguments.is_empty() => {
            in_place.extend(first_arg.map(|at| Edit::insert(at, format!("{cls}, "))));
            ("super().__new__".to_owned(), all_args)
        }
        Expr::Call(sup) if is_super_call(sup) => match (&sup.arguments.args[..], sup.arguments.keywords.is_empty()) {
            ([class, instance], true) if is_name(instance, receiver) && !class.is_starred_expr() => {
                in_place.push(Edit::replace(instance.range(), cls));
                in_place.extend(first_arg.map(|at| Edit::insert(at, format!("{cls}, "))));
                (format!("super({}, {cls}).__new__", checker.locate(class)), all_args)
            }
            _ => return Err(unknown()),
        },
        base if is_base_of(checker, candidate.class, base) => {
            let Some(ArgOrKeyword::Arg(first)) = all_args.first() else { return Err(unknown()) };
            if !is_name(first, receiver) {
                return Err(unknown());
            }
            in_place.push(Edit::replace(first.range(), cls));
            // `object.__new__(cls)` refuses a subclass of `int`; the next class's `__new__` is meant.
            let new_func = if checker.imports().is_one_of(base, &["builtins.object"]) {
                in_place.push(Edit::replace(base.range(), "super()"));
                "super().__new__".to_owned()
            } else {
                format!("{}.__new__", checker.locate(base))
            };
            (new_func, all_args[1..].to_vec())
        }
        _ => return Err(unknown()),
    };
    let bare_super = is_bare_super(target);
    Ok(Some(BaseCall { index, stmt, new_func, args, bare_super, in_place }))
}

/// `Base` in `Base.__init__(self, ...)` is one of the class's bases (as written), or `object`.
fn is_base_of(checker: &Checker, class: &StmtClassDef, expr: &Expr) -> bool {
    let text = checker.locate(expr);
    bases(class).iter().any(|base| checker.locate(unsubscripted(base)) == text)
        || checker.imports().is_one_of(expr, &["builtins.object"])
}

/// The value a base `__init__` call passes, when it passes one: some argument that is not just
/// the unpacking of `*args` / `**kwargs`, or only unpackings when `__init__` has no other
/// parameter to take the value from. A call with an empty `*args` passes nothing today.
fn explicit_value(checker: &Checker, candidate: &Candidate, call: &BaseCall) -> Result<Option<Value>, String> {
    let (Some(first), Some(last)) = (call.args.first(), call.args.last()) else { return Ok(None) };
    let only_unpacking = call.args.iter().all(|a| a.is_variadic());
    if only_unpacking && !forwards_everything(checker, candidate, &call.args) {
        return Ok(None);
    }
    let root = candidate.lineage.root;
    if candidate.lineage.via.is_empty() {
        let keyword = call.args.iter().filter_map(|a| a.as_keyword()).find_map(|k| {
            k.arg.as_ref().filter(|name| !root.keywords.contains(&name.as_str()))
        });
        if let Some(name) = keyword {
            return Err(format!("the base `__init__` call passes `{name}=`, which `{}()` does not take", root.shown));
        }
        let positional = call.args.iter().filter(|a| matches!(a, ArgOrKeyword::Arg(e) if !e.is_starred_expr())).count();
        if positional > root.positional.len() {
            return Err(format!(
                "the base `__init__` call passes {positional} arguments and `{}()` takes at most {}",
                root.shown,
                root.positional.len()
            ));
        }
    }
    let mut names = HashSet::new();
    for arg in &call.args {
        any_over_expr(arg.value(), |e| {
            if let Expr::Name(n) = e {
                names.insert(n.id.to_string());
            }
            false
        });
    }
    let range = TextRange::new(first.start(), last.end());
    Ok(Some(Value {
        text: checker.locate(range).to_owned(),
        range: Some(range),
        indent: statement_indentation(call.stmt, checker.source()).to_owned(),
        names,
        explicit: true,
    }))
}

/// `super().__init__(*args, **kwargs)` in an `__init__(self, *args, **kwargs)`: the call hands
/// on all the arguments, as the type got them.
fn forwards_everything(checker: &Checker, candidate: &Candidate, args: &[ArgOrKeyword]) -> bool {
    let parameters = &candidate.init.parameters;
    let texts: Vec<&str> = args.iter().map(|a| checker.locate(a.range())).collect();
    let forwarded = |prefix: &str, name: &str| texts.iter().any(|t| t.strip_prefix(prefix) == Some(name));
    candidate.positional().is_empty()
        && parameters.vararg.as_deref().is_none_or(|v| forwarded("*", v.name.as_str()))
        && parameters.kwarg.as_deref().is_none_or(|k| forwarded("**", k.name.as_str()))
}

/// The value from the parameters: the first one after `self`, the next components of a
/// `complex`/`date`/... when they are required, all positional ones packed for a `tuple` or
/// `frozenset` that takes several, or `*args` when there is no positional parameter.
fn value_from_parameters(checker: &Checker, candidate: &Candidate, reasons: &mut Vec<String>) -> Result<Value, String> {
    let root = candidate.lineage.root;
    let positional = candidate.positional();
    let vararg = candidate.init.parameters.vararg.as_deref();
    let required = positional.iter().filter(|p| p.default.is_none()).count();
    let (passed, text): (Vec<&str>, String) = if positional.is_empty() {
        let Some(vararg) = vararg else {
            return Err("`__init__` has no positional parameter to build the value from".to_owned());
        };
        (vec![vararg.name.as_str()], format!("*{}", vararg.name))
    } else if root.packs && required >= 2 {
        let names: Vec<&str> = positional.iter().map(|p| p.name().as_str()).collect();
        reasons.push(format!(
            "it packs `{}` into the {}, a guess at what its items are; copy and pickle then call `__new__` with the items as one argument",
            names.join(", "),
            root.shown
        ));
        let text = format!("({})", names.join(", "));
        (names, text)
    } else {
        let names: Vec<&str> = std::iter::once(positional[0])
            .chain(components(checker, root, &positional, reasons))
            .map(|p| p.name().as_str())
            .collect();
        let text = names.join(", ");
        (names, text)
    };
    dropped_reasons(candidate, &passed, reasons);
    if let Some(default) = positional.first().and_then(|p| p.default.as_deref()).filter(|_| !root.packs || required < 2) {
        let shown = checker.locate(default);
        if !root.empty.contains(&shown) {
            reasons.push(format!(
                "a call without `{}` builds `{}()` today and `{}({shown})` after the fix",
                positional[0].name(),
                root.shown,
                root.shown
            ));
        }
    }
    Ok(Value {
        text,
        range: None,
        indent: String::new(),
        names: passed.iter().map(|n| (*n).to_owned()).collect(),
        explicit: false,
    })
}

/// The parameters after the first that are meant for the type: required ones where it takes its
/// next components, and ones named like its parameter at that place (`base` of `int`).
fn components<'p>(
    checker: &Checker,
    root: &Immutable,
    positional: &[&'p ParameterWithDefault],
    reasons: &mut Vec<String>,
) -> Vec<&'p ParameterWithDefault> {
    let meant = positional.iter().enumerate().skip(1).take_while(|(i, p)| {
        let named = root.positional.get(*i) == Some(&p.name().as_str());
        *i < root.positional.len() && (named || (root.components && p.default.is_none()))
    });
    let found: Vec<&ParameterWithDefault> = meant.map(|(_, p)| *p).collect();
    for param in found.iter().filter(|p| p.default.is_some()) {
        let default = param.default.as_deref().map(|d| checker.locate(d)).unwrap_or_default();
        reasons.push(format!(
            "`{}` is now passed on to `{}()` also when a call leaves it out, as its default `{default}`",
            param.name(),
            root.shown
        ));
    }
    found
}

/// Parameters the fix stops passing to the immutable type although a call that works today
/// may pass them there (`Hex("ff", 16)` reaches `int("ff", 16)`).
fn dropped_reasons(candidate: &Candidate, passed: &[&str], reasons: &mut Vec<String>) {
    let root = candidate.lineage.root;
    let parameters = &candidate.init.parameters;
    let kept = |name: &str| passed.contains(&name);
    for (i, param) in candidate.positional().iter().enumerate().filter(|(_, p)| !kept(p.name().as_str())) {
        let name = param.name().as_str();
        if let Some(slot) = root.positional.get(i) {
            reasons.push(format!(
                "a call that passes `{name}` positionally hands it to `{}()` as `{slot}` today; the fix stops passing it on",
                root.shown
            ));
        } else if root.keywords.contains(&name) {
            reasons.push(format!("a call that passes `{name}=` hands it to `{}()` today; the fix stops passing it on", root.shown));
        }
    }
    for param in parameters.kwonlyargs.iter().filter(|p| root.keywords.contains(&p.name().as_str())) {
        reasons.push(format!("a call that passes `{}=` hands it to `{}()` today; the fix stops passing it on", param.name(), root.shown));
    }
    if let Some(vararg) = parameters.vararg.as_deref().filter(|v| !kept(v.name.as_str()))
        && passed.len() < root.positional.len()
    {
        reasons.push(format!("extra positional arguments (`*{}`) reach `{}()` today; the fix stops passing them on", vararg.name, root.shown));
    }
    if let Some(kwarg) = parameters.kwarg.as_deref().filter(|_| !root.keywords.is_empty()) {
        reasons.push(format!("keyword arguments (`**{}`) reach `{}()` today; the fix stops passing them on", kwarg.name, root.shown));
    }
}

/// The `self` names of `self.method(...)` calls in `stmts`, with the method names; `None` if
/// `self` is used in any other way there, or `super()` is.
fn method_calls_only(stmts: &[Stmt], receiver: &str) -> Option<Vec<(TextRange, String)>> {
    let mut names = Vec::new();
    let mut calls = Vec::new();
    let uses_super = any_over_body(stmts, |expr| {
        match expr {
            Expr::Name(name) if name.id.as_str() == receiver => names.push(name.range()),
            Expr::Call(call) => {
                if let Expr::Attribute(attribute) = call.func.as_ref()
                    && let Expr::Name(name) = attribute.value.as_ref()
                    && name.id.as_str() == receiver
                {
                    calls.push((name.range(), attribute.attr.to_string()));
                }
            }
            _ => {}
        }
        is_bare_super(expr)
    });
    let only_calls = names.iter().all(|range| calls.iter().any(|(r, _)| r == range));
    (!uses_super && only_calls).then_some(calls)
}

/// Drops `-> None` (`__new__` returns the instance). Other annotations stay; so does one with a
/// comment inside, which would be lost.
fn drop_none_annotation(init: &StmtFunctionDef, source: &str) -> Option<Edit> {
    let returns = init.returns.as_deref().filter(|r| r.is_none_literal_expr())?;
    let colon = SimpleTokenizer::starts_at(returns.end(), source)
        .skip_trivia()
        .find(|t| t.kind() != SimpleTokenKind::RParen)
        .filter(|t| t.kind() == SimpleTokenKind::Colon)?;
    let range = TextRange::new(init.parameters.end(), colon.start());
    let has_comment = SimpleTokenizer::new(source, range).any(|t| t.kind() == SimpleTokenKind::Comment);
    (!has_comment).then(|| Edit::delete(range))
}

/// The end of the `def` header's last line: comment lines above the body's first statement
/// start after it.
fn init_header_end(init: &StmtFunctionDef) -> TextSize {
    init.returns.as_deref().map_or(init.parameters.end(), Ranged::end)
}

/// Where a line goes that must come right before `body[index]`: above the comment lines
/// directly on top of it (at its indentation), which describe that statement, not the new one.
fn above_comments(body: &[Stmt], index: usize, header_end: TextSize, source: &str) -> TextSize {
    let stmt = &body[index];
    let indent = statement_indentation(stmt, source);
    let floor = match index.checked_sub(1) {
        Some(previous) => source.full_line_end(body[previous].end()),
        None => source.full_line_end(header_end),
    };
    let mut start = source.line_start(stmt.start());
    while start > floor {
        let Some(previous) = previous_line_start(source, start) else { break };
        let line = &source[TextRange::new(previous, start)];
        let is_comment = line.strip_prefix(indent).is_some_and(|rest| rest.starts_with('#'));
        if previous < floor || !is_comment {
            break;
        }
        start = previous;
    }
    start
}

/// The start of the line before the one starting at `line_start` (`\r\n`, `\n` or `\r` ended).
fn previous_line_start(source: &str, line_start: TextSize) -> Option<TextSize> {
    let before = &source[..usize::from(line_start)];
    let without = before.strip_suffix("\r\n").or_else(|| before.strip_suffix(['\n', '\r']))?;
    Some(source.line_start(TextSize::of(without)))
}

/// Removes a statement with its line; a comment at the end of the line stays, on its own.
fn remove_statement(stmt: &Stmt, source: &str) -> Result<Edit, String> {
    let next = SimpleTokenizer::starts_at(stmt.end(), source)
        .find(|t| !matches!(t.kind(), SimpleTokenKind::Whitespace | SimpleTokenKind::Continuation));
    match next {
        Some(token) if token.kind() == SimpleTokenKind::Comment => Ok(Edit::delete(TextRange::new(stmt.start(), token.start()))),
        _ if is_alone_on_its_lines(stmt, source) => Ok(Edit::delete(statement_lines_range(stmt, source))),
        _ => Err("the base `__init__` call shares its line with other code".to_owned()),
    }
}
