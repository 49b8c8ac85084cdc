//! re-flags-positional: `re.sub(p, r, s, re.IGNORECASE)` → `re.sub(p, r, s, flags=re.IGNORECASE)`.
//! The fourth positional parameter of `re.sub` is `count`, not `flags`: the flag's value (2 for
//! `IGNORECASE`) silently becomes the number of replacements and the pattern stays case-sensitive.
use ruff_python_ast::token::parenthesized_range;
use ruff_python_ast::{Expr, ExprCall, NodeKind, Operator};
use ruff_text_size::Ranged;

use crate::edits::fix::{Edit, Fix};
use crate::engine::checker::Checker;
use crate::engine::first_look::{Look, Naming, naming};
use crate::engine::transform::{Callees, Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::knowledge::{RE_FLAGS, RE_POSITIONAL_BEFORE_FLAGS, RE_POSITIONAL_LAST_NAMES};

pub(crate) struct ReFlagsPositional;

pub(crate) static TRANSFORM: ReFlagsPositional = ReFlagsPositional;

static RULE: Rule = Rule {
    id: "re-flags-positional",
    summary: "a `re` flag passed positionally to `re.sub`/`re.subn`/`re.split` lands in `count`/`maxsplit`",
    fix_safety: FixSafety::Safe,
    default_enabled: true,
    noqa_codes: &["B034"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for ReFlagsPositional {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Exprs
    }

    fn check_expr(&self, checker: &mut Checker, expr: &Expr) {
        if let Expr::Call(call) = expr {
            check_call(checker, call);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::ExprCall])
    }

    /// `<module>.sub(...)` and the like, or any plain name (an import may have renamed one).
    fn glanced_callees(&self) -> Option<Callees> {
        Some(Callees { attributes: &[&RE_POSITIONAL_LAST_NAMES], names: None })
    }

    fn glance_expr<'a>(&self, look: &mut Look<'a>, expr: &'a Expr) {
        let Expr::Call(call) = expr else { return };
        let args = &call.arguments.args;
        if !(args.get(2).is_some_and(may_be_flag) || args.get(3).is_some_and(may_be_flag)) {
            return;
        }
        // The argument in the number's place must be there (the fourth for `sub`/`subn`, the third
        // for `split`) and may be a flag: a name, an attribute or an `|`.
        let function = |last: &str| {
            RE_POSITIONAL_BEFORE_FLAGS.iter().any(|(name, index, _)| {
                name.strip_prefix("re.") == Some(last) && args.get(*index).is_some_and(may_be_flag)
            })
        };
        // `re.sub` is a function of a module: `<module>.sub(...)` or a plain name.
        let naming = match call.func.as_ref() {
            Expr::Attribute(attribute) if !attribute.value.is_name_expr() => Naming::No,
            Expr::Name(_) | Expr::Attribute(_) => naming(&call.func, function),
            _ => Naming::No,
        };
        look.may_report_if_naming(naming, None);
    }
}

fn check_call(checker: &mut Checker, call: &ExprCall) {
    let Some(function) = checker.semantic().qualified_name(&call.func) else { return };
    let Some(&(_, index, parameter)) = RE_POSITIONAL_BEFORE_FLAGS.iter().find(|(name, _, _)| *name == function) else {
        return;
    };
    let args = &call.arguments.args;
    let Some(flag) = args.get(index).filter(|arg| is_flag(checker, arg)) else { return };
    if args[..index].iter().any(Expr::is_starred_expr) {
        return;
    }
    let shown = function.strip_prefix("re.").unwrap_or(&function);
    // `flags` given too (a fifth positional or a keyword): moving the flag would pass it twice.
    let taken = args.len() > index + 1
        || call.arguments.keywords.iter().any(|k| k.arg.as_ref().is_none_or(|a| matches!(a.as_str(), "flags" | "count" | "maxsplit")));
    let (fix, note) = if taken {
        (None, "; no automatic fix: `flags` is given too")
    } else {
        // Before the parentheses around the flag, if any: `(flags=re.I)` would not parse.
        let outer = parenthesized_range(flag.into(), (&call.arguments).into(), checker.tokens()).unwrap_or(flag.range());
        (Some(Fix::safe(vec![Edit::insert(outer.start(), "flags=")])), "; pass it as `flags=`")
    };
    let text = checker.locate(flag);
    let shown_flag = if text.contains(['\n', '\r']) { "the flag".to_owned() } else { format!("`{text}`") };
    let message = format!(
        "{shown_flag} is passed as `{parameter}` of `re.{shown}`, not as its flags: the flag's number becomes the {}{note}",
        if parameter == "count" { "number of replacements" } else { "number of splits" }
    );
    checker.report(flag.range(), message, fix);
}

/// [`is_flag`] as far as syntax tells.
fn may_be_flag(expr: &Expr) -> bool {
    match expr {
        Expr::BinOp(binop) => binop.op == Operator::BitOr,
        Expr::Name(_) | Expr::Attribute(_) => true,
        _ => false,
    }
}

/// A `re` flag (`re.IGNORECASE`, `re.RegexFlag.M`, an imported `MULTILINE`) or an `|` of them.
fn is_flag(checker: &Checker, expr: &Expr) -> bool {
    match expr {
        Expr::BinOp(binop) if binop.op == Operator::BitOr => is_flag(checker, &binop.left) && is_flag(checker, &binop.right),
        Expr::Name(_) | Expr::Attribute(_) => checker.semantic().qualified_name(expr).is_some_and(|name| {
            let flag = name.strip_prefix("re.RegexFlag.").or_else(|| name.strip_prefix("re."));
            flag.is_some_and(|flag| RE_FLAGS.contains(&flag))
        }),
        _ => false,
    }
}
