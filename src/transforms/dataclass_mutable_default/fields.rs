//! Dataclass and attrs fields: a bare mutable default, or one passed to `field(default=...)` /
//! `attr.ib(...)`, and the message that names the factory to use instead.

use ruff_python_ast::{Expr, ExprCall, Identifier};
use ruff_text_size::Ranged;

use super::Pending;
use super::classify::ClassKind;
use super::context::ClassContext;
use super::defaults::Default;
use super::tables::{ATTRS_FIELD_CALLS, FIELD_SPECIFIERS};
use crate::semantic::SemanticModel;

impl<'c> ClassContext<'c> {
    /// The field-declaring call (`field(...)`, `attr.ib(...)`) that `value` is, if any.
    pub(super) fn field_call(&self, value: &'c Expr) -> Option<(&'c ExprCall, FieldCall)> {
        let Expr::Call(call) = value else { return None };
        let name = self.semantic.qualified_name(&call.func)?;
        let kind = match self.info.kind {
            ClassKind::Dataclass if name == "dataclasses.field" => FieldCall::Dataclass,
            ClassKind::Attrs { .. } if ATTRS_FIELD_CALLS.contains(&name.as_str()) => {
                FieldCall::Attrs { positional: name == "attr.ib" || name == "attr.attrib" || name == "attr.attr" }
            }
            _ => return None,
        };
        Some((call, kind))
    }

    pub(super) fn check_field(
        &self,
        name: &str,
        annotation: Option<&Expr>,
        init_var: bool,
        value: &'c Expr,
        pending: &mut Vec<Pending>,
    ) {
        if let Some((call, kind)) = self.field_call(value) {
            self.check_field_call(name, init_var, call, kind, pending);
            return;
        }
        if is_field_specifier(self.semantic, value) {
            return;
        }
        let Some(default) = self.classify_default(value, annotation) else { return };
        if init_var {
            pending.push((value.range(), init_var_message(name), None));
            return;
        }
        let plan = match self.info.kind {
            ClassKind::Attrs { package, .. } => {
                self.reference("Factory", &[package, other_attrs_package(package)], true)
            }
            _ => self.reference("field", &["dataclasses"], false),
        };
        let fix = plan.as_ref().and_then(|reference| self.bare_fix(reference, &default));
        let suggestion = match self.info.kind {
            ClassKind::Attrs { .. } => {
                format!("{}({})", plan.as_ref().map_or("Factory", |r| r.text.as_str()), default.factory_text())
            }
            _ => format!(
                "{}(default_factory={})",
                plan.as_ref().map_or("field", |r| r.text.as_str()),
                default.factory_text()
            ),
        };
        pending.push((value.range(), self.field_message(name, &default, &suggestion), fix));
    }

    /// `field(default=[])` → `field(default_factory=list)`; `attr.ib(default=[])` →
    /// `attr.ib(factory=list)`, also for `attr.ib([])` (its first parameter is `default`).
    fn check_field_call(
        &self,
        name: &str,
        init_var: bool,
        call: &'c ExprCall,
        kind: FieldCall,
        pending: &mut Vec<Pending>,
    ) {
        let arguments = &call.arguments;
        let factory_keyword = match kind {
            FieldCall::Dataclass => "default_factory",
            FieldCall::Attrs { .. } => "factory",
        };
        let (value, site) = if let Some(keyword) = arguments.find_keyword("default") {
            let Some(arg) = &keyword.arg else { return };
            (&keyword.value, Site::Keyword(arg))
        } else if let (FieldCall::Attrs { positional: true }, [first, ..]) = (kind, &arguments.args[..]) {
            (first, Site::Positional { only: arguments.args.len() == 1 })
        } else {
            return;
        };
        // A default and a factory together is an error of its own, which Python reports.
        if arguments.find_keyword(factory_keyword).is_some() {
            return;
        }
        let Some(default) = self.classify_default(value, None) else { return };
        if init_var {
            pending.push((value.range(), init_var_message(name), None));
            return;
        }
        // `**options` may hold a factory too.
        let unpacked = arguments.keywords.iter().any(|k| k.arg.is_none())
            || arguments.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        let fix = if unpacked { None } else { self.keyword_fix(factory_keyword, site, &default) };
        let suggestion = format!("{factory_keyword}={}", default.factory_text());
        pending.push((value.range(), self.field_message(name, &default, &suggestion), fix));
    }

    fn field_message(&self, name: &str, default: &Default, suggestion: &str) -> String {
        if let Some(callee) = default.call {
            return format!(
                "field `{name}` defaults to one `{}(...)` object, built when the class is created and shared by every instance; use `{suggestion}` to build one per instance",
                self.checker.locate(callee)
            );
        }
        if self.info.kind == ClassKind::Dataclass && default.rejected {
            format!(
                "field `{name}` has a mutable default, which `@dataclass` rejects with `ValueError` when the class is created; use `{suggestion}`"
            )
        } else {
            format!("field `{name}` has a mutable default, one object shared by every instance; use `{suggestion}`")
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) enum FieldCall {
    /// `dataclasses.field(...)`.
    Dataclass,
    /// `attr.ib(...)` (which takes `default` positionally too) or `attr.field` / `attrs.field`.
    Attrs { positional: bool },
}

/// Where the default sits in a field call.
pub(super) enum Site<'a> {
    Keyword(&'a Identifier),
    /// `attr.ib([])`; `only`: the only positional argument.
    Positional {
        only: bool,
    },
}

fn other_attrs_package(package: &str) -> &'static str {
    if package == "attrs" { "attr" } else { "attrs" }
}

fn init_var_message(name: &str) -> String {
    format!(
        "init-only field `{name}` has a mutable default, one object passed to every `__post_init__`; an `InitVar` cannot take a `default_factory`: default to `None` and build the value in `__post_init__`"
    )
}

fn is_field_specifier(semantic: &SemanticModel, value: &Expr) -> bool {
    let Expr::Call(call) = value else { return false };
    match semantic.qualified_name(&call.func) {
        Some(name) => FIELD_SPECIFIERS.contains(&name.as_str()),
        // A callee the imports cannot tell (imported differently in different scopes): a call
        // named like a field specifier is taken for one, so a fix is never wrapped again.
        None => FIELD_SPECIFIERS.iter().any(|q| q.rsplit('.').next() == callee_name(&call.func)),
    }
}

/// The last name of a dotted callee: `field` of `dataclasses.field`.
fn callee_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    }
}

