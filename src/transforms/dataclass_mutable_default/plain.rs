//! Plain classes: a mutable class attribute that the module changes in place. Found here, where
//! the class's kind and scope are known; the transform mutable-class-attr reports (and fixes) it.

use ruff_python_ast::{Expr, Stmt, StmtFunctionDef};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange};

use super::SharedAttribute;
use super::annotations::{is_final, is_immutable_type};
use super::classify::ClassKind;
use super::context::ClassContext;
use super::defaults::dotted_head;
use crate::edits::lines::{above_leading_comments, is_first_on_line, statement_indentation};
use crate::semantic::Node;
use crate::semantic::knowledge::{MUTABLE_CONSTRUCTORS, SHARED_ON_PURPOSE_WORDS};
use crate::semantic::queries::attributes::AttributeBase;
use crate::semantic::queries::reads::body_range;

impl<'c> ClassContext<'c> {
    /// A mutable class attribute of an ordinary class (or a non-field of an attrs class) that
    /// the module changes in place.
    pub(super) fn check_class_attribute(
        &self,
        stmt: &'c Stmt,
        name: &str,
        annotation: Option<(&Expr, Option<&str>)>,
        value: &'c Expr,
        shared: &mut Vec<SharedAttribute<'c>>,
    ) {
        if is_special_attribute(name) || !self.is_mutable_container(value) || self.is_options_class() {
            return;
        }
        if let Some((annotation, head)) = annotation
            && (head.is_some_and(is_final) || is_immutable_type(self.semantic, annotation))
        {
            return;
        }
        // Only an attribute that the module changes in place (`self.items.append(x)`,
        // `cart.index[k] = v`, `self.items += more`) is a bug: a table nobody mutates is shared
        // harmlessly, and reporting every one (as Ruff's RUF012 does) buries the real ones.
        // (Text never holding `.name` cannot change it: that spares building the module's
        // attribute facts.)
        if !self.checker.source().contains(&format!(".{name}"))
            || !self.semantic.attributes().is_mutated_in_place(name)
        {
            return;
        }
        // Reached through the class (`Registry.plugins`, `cls.plugins`, `type(self).plugins`), or
        // named for it: a registry or cache shared on purpose.
        let class_name = self.class.name.as_str();
        if named_shared_on_purpose(name)
            || self.comments_say_shared(stmt)
            || self.is_reached_as(class_name, name, None)
            || self.is_used_through_cls(name)
        {
            return;
        }
        // `__init__` gives each instance its own: the class-level value is only a declaration.
        if self.rebinds_in_init(name) {
            return;
        }
        let plain = self.info.kind == ClassKind::Plain;
        shared.push(SharedAttribute { stmt, name: name.to_owned(), value, plain });
    }

    /// Whether the comments directly above the statement, or at the end of its line, name it a
    /// cache or registry (`# Cached values, one for each screen`): shared on purpose.
    fn comments_say_shared(&self, stmt: &Stmt) -> bool {
        let source = self.checker.source();
        if !is_first_on_line(stmt, source) {
            return false;
        }
        let indent = statement_indentation(stmt, source);
        let line_start = source.line_start(stmt.start());
        let floor = source.line_start(self.class.start());
        let start = above_leading_comments(line_start, indent, floor, source, &|_| false);
        let text = source[TextRange::new(start, source.line_end(stmt.end()))].to_ascii_lowercase();
        text.lines().filter_map(|line| line.find('#').map(|at| &line[at..])).any(|comment| {
            SHARED_ON_PURPOSE_WORDS.iter().any(|word| comment.contains(word))
        })
    }

    /// Whether the class body reaches the attribute through `cls` (or `mcs`, `klass`).
    fn is_used_through_cls(&self, name: &str) -> bool {
        let Some(body) = body_range(&self.class.body) else { return false };
        ["cls", "mcs", "klass"].iter().any(|base| self.is_reached_as(base, name, Some(body)))
    }

    /// Whether `<base>.<name>` appears in the module (in `within`, if given); `type(x).<name>`
    /// and `x.__class__.<name>` count as `cls.<name>`.
    fn is_reached_as(&self, base: &str, name: &str, within: Option<TextRange>) -> bool {
        let attributes = self.semantic.attributes();
        let appears = |base| match within {
            Some(range) => attributes.is_used_in(base, name, range),
            None => attributes.is_used(base, name),
        };
        appears(AttributeBase::Name(base)) || (base == "cls" && appears(AttributeBase::ClassOf))
    }

    /// Whether the class's `__init__` assigns `self.<name> = ...` (anywhere in its body).
    fn rebinds_in_init(&self, name: &str) -> bool {
        self.class.body.iter().any(|stmt| match stmt {
            Stmt::FunctionDef(init) if init.name.as_str() == "__init__" => {
                let Some(receiver) = init.parameters.iter_non_variadic_params().next() else { return false };
                self.assigns_on(init, receiver.parameter.name.as_str(), name)
            }
            _ => false,
        })
    }

    /// Whether the function's own code (not its nested functions or classes) assigns
    /// `<receiver>.<name>` as a whole target: `self.x = ...`, `self.x: T = ...`.
    fn assigns_on(&self, func: &StmtFunctionDef, receiver: &str, name: &str) -> bool {
        let semantic = self.semantic;
        let Some(scope) = semantic.function_scope(func) else { return false };
        let Some(variable) = semantic.scope(scope).variable(receiver) else { return false };
        let mut reads = variable.references.iter().map(|&id| semantic.reference(id)).filter(|read| read.scope == scope);
        reads.any(|read| {
            let Some(attribute) = semantic.nodes.parent(read.node) else { return false };
            let Node::Expr(target @ Expr::Attribute(access)) = semantic.nodes.node(attribute) else { return false };
            if access.attr.as_str() != name {
                return false;
            }
            match semantic.nodes.parent(attribute).map(|stmt| semantic.nodes.node(stmt)) {
                Some(Node::Stmt(Stmt::Assign(assign))) => assign.targets.iter().any(|t| std::ptr::eq(t, target)),
                Some(Node::Stmt(Stmt::AnnAssign(assign))) => {
                    assign.value.is_some() && std::ptr::eq(&*assign.target, target)
                }
                _ => false,
            }
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
                    && self.semantic.is_one_of(&call.func, MUTABLE_CONSTRUCTORS)
            }
            _ => false,
        }
    }

    /// A class named `Meta` or `Config` nested in another class: options that a framework (Django,
    /// DRF, marshmallow, factory_boy, pydantic v1) reads, never per-instance state.
    fn is_options_class(&self) -> bool {
        let nodes = &self.semantic.nodes;
        let nested = nodes.parent(self.node).is_some_and(|up| matches!(nodes.node(up), Node::Stmt(Stmt::ClassDef(_))));
        nested && matches!(self.class.name.as_str(), "Meta" | "Config")
    }
}

/// Whether the attribute's name says it is shared on purpose (a cache, a registry).
fn named_shared_on_purpose(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SHARED_ON_PURPOSE_WORDS.iter().any(|word| lower.contains(word))
}

/// Whether [`ClassContext::check_class_attribute`] leaves the attribute alone by its name
/// alone: the first look asks it.
pub(super) fn is_left_alone_by_name(name: &str) -> bool {
    is_special_attribute(name) || named_shared_on_purpose(name)
}

/// `__slots__`, `__match_args__`, `__all__` and other dunders are read by Python itself;
/// `_fields` belongs to named tuples.
fn is_special_attribute(name: &str) -> bool {
    (name.starts_with("__") && name.ends_with("__")) || name == "_fields"
}

