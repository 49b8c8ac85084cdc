//! naive-utc: `datetime.utcnow()` → `datetime.now(timezone.utc).replace(tzinfo=None)` and
//! `datetime.utcfromtimestamp(t)` → `datetime.fromtimestamp(t, timezone.utc).replace(tzinfo=None)`:
//! the same naive value, through the constructors that are not deprecated; with the option
//! `aware = true`, the aware value itself (unsafe: it no longer compares with naive values).
use ruff_python_ast::{Expr, ExprAttribute, ExprCall, NodeKind};
use ruff_text_size::{Ranged, TextSize};

use crate::edits::add_import::add_import_from;
use crate::edits::fix::{Edit, Fix};
use crate::engine::checker::Checker;
use crate::engine::first_look::Look;
use crate::engine::transform::{Callees, Transform, Visits};
use crate::rules::{FixSafety, Rule};
use crate::semantic::knowledge::NAIVE_UTC_CONSTRUCTORS;
use crate::semantic::{Node, ScopeId};

pub(crate) struct NaiveUtc;

pub(crate) static TRANSFORM: NaiveUtc = NaiveUtc;

static RULE: Rule = Rule {
    id: "naive-utc",
    summary: "`datetime.utcnow()` / `utcfromtimestamp()` give naive values read as local time, and are deprecated",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &["DTZ003", "DTZ004"],
    options: &["aware"],
    validate_options,
    uses_project_index: false,
};

/// `aware` must be a boolean.
fn validate_options(options: &toml::Table) -> Result<(), String> {
    match options.get("aware") {
        Some(aware) if !aware.is_bool() => Err(format!("has `aware = {aware}`; it must be true or false")),
        _ => Ok(()),
    }
}

impl Transform for NaiveUtc {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Exprs
    }

    fn check_expr(&self, checker: &mut Checker, expr: &Expr) {
        if let Expr::Call(call) = expr
            && let Expr::Attribute(callee) = &*call.func
            && is_naive_utc_name(callee.attr.as_str())
        {
            check_call(checker, call, callee);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::ExprCall])
    }

    fn glanced_callees(&self) -> Option<Callees> {
        Some(Callees { attributes: &[NAIVE_UTC_LAST_NAMES], names: Some(&[]) })
    }

    /// A call of an attribute named `utcnow` or `utcfromtimestamp`: the model only resolves
    /// `datetime.datetime` through an attribute.
    fn glance_expr<'a>(&self, look: &mut Look<'a>, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && let Expr::Attribute(callee) = &*call.func
            && is_naive_utc_name(callee.attr.as_str())
        {
            look.may_report();
        }
    }
}

/// The last names of [`NAIVE_UTC_CONSTRUCTORS`]: the glance's callees, compared as they are
/// rather than split from the table's names.
const NAIVE_UTC_LAST_NAMES: &[&str] = &["utcnow", "utcfromtimestamp"];

fn is_naive_utc_name(attr: &str) -> bool {
    NAIVE_UTC_LAST_NAMES.contains(&attr)
}

fn check_call(checker: &mut Checker, call: &ExprCall, callee: &ExprAttribute) {
    let Some(qualified) = checker.semantic().qualified_name(&call.func) else { return };
    let Some(&(_, aware_name)) = NAIVE_UTC_CONSTRUCTORS.iter().find(|(q, _)| *q == qualified) else { return };
    let used = callee.attr.as_str();
    let timestamp = if aware_name == "fromtimestamp" { "t, " } else { "" };
    let message = format!(
        "`datetime.{used}()` returns a naive datetime that `.timestamp()` and `.astimezone()` read as local \
         time, and is deprecated since Python 3.12; use `datetime.{aware_name}({timestamp}timezone.utc)`"
    );
    let fix = fix(checker, call, callee, aware_name);
    checker.report(call.range(), message, fix);
}

/// Renames the constructor, adds the `timezone.utc` argument and, unless `aware = true`,
/// `.replace(tzinfo=None)` after the call (also left out when the value's `tzinfo` is replaced
/// at once: `utcnow().replace(tzinfo=utc)`). Only the exact shapes the deprecated constructors
/// accept are fixed: `utcnow()` and `utcfromtimestamp(t)`.
fn fix(checker: &Checker, call: &ExprCall, callee: &ExprAttribute, aware_name: &str) -> Option<Fix> {
    let arguments = &call.arguments;
    let takes_timestamp = aware_name == "fromtimestamp";
    let positional = usize::from(takes_timestamp);
    if !arguments.keywords.is_empty()
        || arguments.args.len() != positional
        || arguments.args.iter().any(Expr::is_starred_expr)
    {
        return None;
    }
    let (utc, mut edits) = utc_reference(checker, callee)?;
    edits.push(Edit::replace(callee.attr.range(), aware_name));
    edits.push(match arguments.args.first() {
        Some(timestamp) => Edit::insert(timestamp.end(), format!(", {utc}")),
        // Right after `(`, before any comment inside the parentheses.
        None => Edit::insert(arguments.start() + TextSize::from(1), utc),
    });
    let aware = checker.option("aware").and_then(toml::Value::as_bool).unwrap_or(false);
    if aware {
        return Some(Fix::unsafe_(edits));
    }
    if !tzinfo_replaced_at_once(checker) {
        edits.push(Edit::insert(call.end(), ".replace(tzinfo=None)"));
    }
    Some(Fix::safe(edits))
}

/// Whether the call's value goes straight into `.replace(...)` with a `tzinfo=` keyword, which
/// sets the zone anyway.
fn tzinfo_replaced_at_once(checker: &Checker) -> bool {
    let nodes = &checker.semantic().nodes;
    let Some(parent) = nodes.parent(checker.node_id()) else { return false };
    let Node::Expr(Expr::Attribute(attribute)) = nodes.node(parent) else { return false };
    if attribute.attr.as_str() != "replace" {
        return false;
    }
    let Some(grand) = nodes.parent(parent) else { return false };
    matches!(nodes.node(grand), Node::Expr(Expr::Call(outer))
        if outer.func.range() == attribute.range()
            && outer.arguments.keywords.iter().any(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "tzinfo")))
}

/// How the fixed call names UTC, and the import edits that need: through the module when the
/// callee goes through it (`dt.datetime.utcnow()` → `dt.timezone.utc`); else a `timezone` the
/// module imports from datetime (under its alias), else one added to its imports. `None` when the
/// name would not reach the call (a local `timezone`) or the module binds it otherwise.
fn utc_reference(checker: &Checker, callee: &ExprAttribute) -> Option<(String, Vec<Edit>)> {
    if let Expr::Attribute(class) = &*callee.value {
        // `<module>.datetime.utcnow`: the model resolved `<module>` to `datetime`.
        return Some((format!("{}.timezone.utc", checker.locate(&*class.value)), Vec::new()));
    }
    let semantic = checker.semantic();
    let scope: ScopeId = semantic.nodes.scope(checker.node_id());
    let import = add_import_from("datetime", "timezone", semantic, checker.source(), checker.stylist())?;
    semantic.sees_module_name(scope, &import.binding).then(|| (format!("{}.utc", import.binding), import.edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glance_names_every_constructor_of_the_table() {
        for (qualified, _) in NAIVE_UTC_CONSTRUCTORS {
            assert!(is_naive_utc_name(qualified.rsplit('.').next().unwrap_or_default()), "{qualified}");
        }
    }
}
