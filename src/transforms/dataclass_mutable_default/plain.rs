//! Plain classes: a mutable class attribute that the module changes in place, reported without
//! a fix (moving it into `__init__` changes what the class itself holds).

use std::collections::HashSet;

use ruff_python_ast::statement_visitor::StatementVisitor;
use ruff_python_ast::visitor::Visitor;
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use super::Pending;
use super::annotations::{is_final, is_immutable_type};
use super::context::ClassContext;
use super::defaults::dotted_head;
use super::module_facts::{AttributeUses, SelfAssignments};
use super::tables::{CONTAINERS, SHARED_ON_PURPOSE};

impl<'c> ClassContext<'c> {
    /// A mutable class attribute of an ordinary class: reported, never fixed.
    pub(super) fn check_class_attribute(
        &self,
        name: &str,
        annotation: Option<(&Expr, Option<&str>)>,
        value: &Expr,
        pending: &mut Vec<Pending>,
    ) {
        if is_special_attribute(name) || !self.is_mutable_container(value) || self.is_options_class() {
            return;
        }
        if let Some((annotation, head)) = annotation
            && (head.is_some_and(is_final) || is_immutable_type(self.imports(), annotation))
        {
            return;
        }
        // Only an attribute that the module changes in place (`self.items.append(x)`,
        // `cart.index[k] = v`, `self.items += more`) is a bug: a table nobody mutates is shared
        // harmlessly, and reporting every one (as Ruff's RUF012 does) buries the real ones.
        // (Text never holding `.name` cannot change it: that spares walking the module.)
        if !self.checker.source().contains(&format!(".{name}")) || !self.module.is_mutated_in_place(name) {
            return;
        }
        // Reached through the class (`Registry.plugins`, `cls.plugins`, `type(self).plugins`), or
        // named for it: a registry or cache shared on purpose.
        let class_name = self.class.name.as_str();
        let lower = name.to_ascii_lowercase();
        if SHARED_ON_PURPOSE.iter().any(|word| lower.contains(word))
            || self.module.is_attribute_used(class_name, name)
            || self.is_used_through_cls(name)
        {
            return;
        }
        // `__init__` gives each instance its own: the class-level value is only a declaration.
        if self.rebinds_in_init(name) {
            return;
        }
        let message = format!(
            "mutable class attribute `{name}` is one object shared by every instance; annotate it `ClassVar` (or make it immutable) if that is intended, else create it in `__init__` (then `{class_name}.{name}` no longer exists)"
        );
        pending.push((value.range(), message, None));
    }

    fn is_used_through_cls(&self, name: &str) -> bool {
        let mut uses = AttributeUses::default();
        uses.visit_body(&self.class.body);
        ["cls", "mcs", "klass"].iter().any(|base| uses.pairs.contains(&(*base, name)))
    }

    /// Whether the class's `__init__` assigns `self.<name> = ...` (anywhere in its body).
    fn rebinds_in_init(&self, name: &str) -> bool {
        self.class.body.iter().any(|stmt| match stmt {
            Stmt::FunctionDef(init) if init.name.as_str() == "__init__" => {
                let Some(receiver) = init.parameters.iter_non_variadic_params().next() else { return false };
                let mut assigned =
                    SelfAssignments { receiver: receiver.parameter.name.as_str(), names: HashSet::new() };
                assigned.visit_body(&init.body);
                assigned.names.contains(name)
            }
            _ => false,
        })
    }

    /// A display, comprehension or container call: a value that is certainly a new mutable object.
    fn is_mutable_container(&self, value: &Expr) -> bool {
        match value {
            Expr::List(_) | Expr::Set(_) | Expr::Dict(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) => {
                true
            }
            Expr::Call(call) => {
                dotted_head(&call.func).is_some_and(|head| !self.binds_locally(head))
                    && self.imports().is_one_of(&call.func, &CONTAINERS.iter().map(|(c, _)| *c).collect::<Vec<_>>())
            }
            _ => false,
        }
    }

    /// A class named `Meta` or `Config` nested in another class: options that a framework (Django,
    /// DRF, marshmallow, factory_boy, pydantic v1) reads, never per-instance state.
    fn is_options_class(&self) -> bool {
        let nested = self.checker.parents().iter().rev().nth(1).is_some_and(|stmt| matches!(stmt, Stmt::ClassDef(_)));
        nested && matches!(self.class.name.as_str(), "Meta" | "Config")
    }
}

/// `__slots__`, `__match_args__`, `__all__` and other dunders are read by Python itself;
/// `_fields` belongs to named tuples.
fn is_special_attribute(name: &str) -> bool {
    (name.starts_with("__") && name.ends_with("__")) || name == "_fields"
}

