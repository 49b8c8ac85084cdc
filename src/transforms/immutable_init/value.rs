//! What the instance is built from: the base `__init__` call that the fix turns into building
//! it, the value that call passes, or else the value taken from the parameters (with the
//! reasons why passing those may differ from what calls do today).
use std::collections::HashSet;

use ruff_python_ast::{ArgOrKeyword, Expr, ExprCall, ParameterWithDefault, Stmt, StmtClassDef};
use ruff_text_size::{Ranged, TextRange};

use crate::edits::fix::Edit;
use crate::edits::lines::statement_indentation;
use crate::engine::checker::Checker;
use crate::semantic::knowledge::ImmutableBase;
use crate::semantic::queries::names::bases;

use super::detect::Candidate;
use super::lineage::unsubscripted;
use super::own_scope::OwnScope;
use super::syntax::{attribute_receiver, first_line, is_bare_super, is_name, is_super_call};

/// The call of a base class's `__init__` that the fix turns into building the instance.
pub(super) struct BaseCall<'a> {
    pub(super) index: usize,
    pub(super) stmt: &'a Stmt,
    /// What builds the instance instead: `super().__new__`, `super(Port, cls).__new__`, `str.__new__`.
    pub(super) new_func: String,
    /// Its arguments after `self`.
    pub(super) args: Vec<ArgOrKeyword<'a>>,
    /// Whether it is `super().__init__(...)`, whose `super()` is no other use of `super()`.
    pub(super) bare_super: bool,
    /// The edits that make the call itself build the instance where it is, keeping its layout
    /// and comments: `__init__` → `__new__`, `self` → `cls`, `cls, ` before the arguments.
    pub(super) in_place: Vec<Edit>,
}

/// What the instance is built from.
pub(super) struct Value {
    /// The arguments after `cls`, as written.
    pub(super) text: String,
    /// Where the text is in the source, when it is taken from there (it may span lines).
    pub(super) range: Option<TextRange>,
    /// The indentation of the line the text comes from.
    pub(super) indent: String,
    /// The names it reads: they must hold their final value where the instance is built.
    pub(super) names: HashSet<String>,
    /// Taken from a base `__init__` call, rather than from the parameters.
    pub(super) explicit: bool,
}

/// The one `X.__init__(...)` call of the body, if it is a top-level statement calling the base
/// class's `__init__` on `self`: `super().__init__(...)`, `super(C, self).__init__(...)` or
/// `Base.__init__(self, ...)`.
pub(super) fn base_call<'a>(
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
    // `f(x for x in xs)`: a generator without its own parentheses may only be a call's sole
    // argument; after `cls, ` it needs them.
    let bare_generator = match all_args.as_slice() {
        [ArgOrKeyword::Arg(Expr::Generator(g))] if !g.parenthesized => Some(g.range()),
        _ => None,
    };
    let cls_first = |in_place: &mut Vec<Edit>| {
        let Some(at) = first_arg else { return };
        match bare_generator {
            Some(generator) => {
                in_place.push(Edit::insert(at, format!("{cls}, (")));
                in_place.push(Edit::insert(generator.end(), ")"));
            }
            None => in_place.push(Edit::insert(at, format!("{cls}, "))),
        }
    };
    let (new_func, args) = match target {
        Expr::Call(sup) if is_super_call(sup) && sup.arguments.is_empty() => {
            cls_first(&mut in_place);
            ("super().__new__".to_owned(), all_args)
        }
        Expr::Call(sup) if is_super_call(sup) => match (&sup.arguments.args[..], sup.arguments.keywords.is_empty()) {
            ([class, instance], true) if is_name(instance, receiver) && !class.is_starred_expr() => {
                in_place.push(Edit::replace(instance.range(), cls));
                cls_first(&mut in_place);
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
            let new_func = if checker.semantic().is_one_of(base, &["builtins.object"]) {
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
        || checker.semantic().is_one_of(expr, &["builtins.object"])
}

/// The value a base `__init__` call passes, when it passes one: some argument that is not just
/// the unpacking of `*args` / `**kwargs`, or only unpackings when `__init__` has no other
/// parameter to take the value from. A call with an empty `*args` passes nothing today.
pub(super) fn explicit_value(checker: &Checker, candidate: &Candidate, call: &BaseCall) -> Result<Option<Value>, String> {
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
    let range = TextRange::new(first.start(), last.end());
    // Every name in the arguments, read or stored (`x := ...`, a comprehension's target).
    let semantic = checker.semantic();
    let reads = semantic.references_in(range).map(|r| r.name);
    let stores = semantic.names_stored_in(candidate.scope, range).into_iter().map(|(name, _)| name);
    let names: HashSet<String> = reads.chain(stores).map(str::to_owned).collect();
    // `f(x for x in xs)`: a generator without its own parentheses may only be a call's sole
    // argument; next to `cls` it needs them.
    let bare_generator = matches!(call.args.as_slice(), [ArgOrKeyword::Arg(Expr::Generator(g))] if !g.parenthesized);
    let text = checker.locate(range);
    Ok(Some(Value {
        text: if bare_generator { format!("({text})") } else { text.to_owned() },
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
pub(super) fn value_from_parameters(checker: &Checker, candidate: &Candidate, reasons: &mut Vec<String>) -> Result<Value, String> {
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
    root: &ImmutableBase,
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
