//! Building the edits: the default's text turned into a factory, and the `field` / `Factory`
//! reference with the imports that make it resolve.

use ruff_python_ast::token::TokenKind;
use ruff_text_size::{Ranged, TextRange};

use super::classify::ClassKind;
use super::context::ClassContext;
use super::defaults::{Default, Factory};
use super::fields::Site;
use crate::edits::add_import::{add_import_from, add_module_import, add_name_to_import};
use crate::edits::fix::{Applicability, Edit, Fix};

impl<'c> ClassContext<'c> {
    /// How the fix is rated: rewriting a default `@dataclass` rejects cannot break working code,
    /// and neither can building an equal constant value per instance; deferring any other
    /// evaluation to instance creation can.
    fn applicability(&self, default: &Default) -> Applicability {
        let rejected = default.rejected && self.info.kind == ClassKind::Dataclass;
        if default.constant || rejected { Applicability::Safe } else { Applicability::Unsafe }
    }

    /// `x: T = <value>` → `x: T = field(default_factory=<factory>)` / `Factory(<factory>)`.
    pub(super) fn bare_fix(&self, reference: &Reference, default: &Default) -> Option<Fix> {
        let prefix = match self.info.kind {
            ClassKind::Attrs { .. } => format!("{}(", reference.text),
            _ => format!("{}(default_factory=", reference.text),
        };
        let mut edits = reference.edits.clone();
        edits.extend(self.value_edits(default, &prefix, ")")?);
        Some(Fix::new(edits, self.applicability(default)))
    }

    pub(super) fn keyword_fix(&self, factory_keyword: &str, site: Site, default: &Default) -> Option<Fix> {
        let mut edits = Vec::new();
        let prefix = match site {
            Site::Keyword(arg) => {
                edits.push(Edit::replace(arg.range(), factory_keyword));
                String::new()
            }
            // `attr.ib([])` → `attr.ib(factory=list)`: only when nothing positional follows.
            Site::Positional { only: true } => format!("{factory_keyword}="),
            Site::Positional { only: false } => return None,
        };
        edits.extend(self.value_edits(default, &prefix, "")?);
        Some(Fix::new(edits, self.applicability(default)))
    }

    /// The edits that turn the default's text into `prefix + factory + suffix`. A factory name
    /// replaces the value; a lambda keeps the value's text (and any comment inside it) and only
    /// inserts around it.
    fn value_edits(&self, default: &Default, prefix: &str, suffix: &str) -> Option<Vec<Edit>> {
        let range = default.expr.range();
        if let Factory::Callable(name) = &default.factory
            && !self.has_comment(range)
        {
            return Some(vec![Edit::replace(range, format!("{prefix}{name}{suffix}"))]);
        }
        // The lambda body runs outside the class scope: a class-level name it reads would no
        // longer be found (or would silently be a global of the same name).
        if self.semantic.free_names_in(range).iter().any(|name| self.class_binds(name)) {
            return None;
        }
        let mut edits = vec![Edit::insert(range.start(), format!("{prefix}lambda: "))];
        if !suffix.is_empty() {
            edits.push(Edit::insert(range.end(), suffix));
        }
        Some(edits)
    }

    fn has_comment(&self, range: TextRange) -> bool {
        let tokens = self.checker.tokens();
        let first = tokens.partition_point(|token| token.start() < range.start());
        tokens[first..]
            .iter()
            .take_while(|token| token.end() <= range.end())
            .any(|token| token.kind() == TokenKind::Comment)
    }

    /// How the class body can write `<module>.<name>`, `modules` being one package's names (own
    /// first): a name imported in an enclosing function, a module-level `from module import name`,
    /// `module.name` through an `import module`, a name added to the module's
    /// `from module import ...` (or a new such line), or, when `name` is taken, `module.name` with
    /// an added `import module`. For a package outside the standard library (`third_party`), no
    /// import is added unless the module already imports the package at its top: the fix must not
    /// make a module import, when it loads, a package it imported lazily or not at all.
    pub(super) fn reference(&self, name: &str, modules: &[&str], third_party: bool) -> Option<Reference> {
        let (checker, semantic) = (self.checker, self.semantic);
        let (source, stylist) = (checker.source(), checker.stylist());
        if let Some(found) = self.function_import(name, modules) {
            return Some(found);
        }
        for module in modules {
            if let Some(bound) = semantic.imported_from(module, name)
                && !self.binds_locally(bound)
            {
                return Some(Reference { text: bound.to_string(), edits: Vec::new() });
            }
        }
        for module in modules {
            if let Some(reference) = semantic.module_reference(module)
                && !self.binds_locally(dotted_first(&reference))
            {
                return Some(Reference { text: format!("{reference}.{name}"), edits: Vec::new() });
            }
        }
        for module in modules {
            if third_party && !semantic.imports_at_top(module) {
                continue;
            }
            if !self.binds_locally(name)
                && let Some(import) = add_import_from(module, name, semantic, source, stylist)
            {
                return Some(Reference { text: import.binding, edits: import.edits });
            }
            if let Some(import) = add_module_import(module, semantic, source, stylist)
                && !self.binds_locally(dotted_first(&import.binding))
            {
                return Some(Reference { text: format!("{}.{name}", import.binding), edits: import.edits });
            }
        }
        None
    }

    /// `name` through an enclosing function's own imports: imported there (`from module import
    /// name`, `import module`), or added to its `from module import ...` (the class is built in
    /// the function, after its imports).
    fn function_import(&self, name: &str, modules: &[&str]) -> Option<Reference> {
        let (checker, semantic) = (self.checker, self.semantic);
        let own = modules.first()?;
        for &scope in self.functions.iter().rev() {
            for module in modules {
                if let Some(bound) = semantic.imported_from_in(scope, module, name)
                    && !self.class_binds(bound)
                {
                    return Some(Reference { text: bound.to_string(), edits: Vec::new() });
                }
                if let Some(reference) = semantic.module_reference_in(scope, module)
                    && !self.class_binds(dotted_first(&reference))
                {
                    return Some(Reference { text: format!("{reference}.{name}"), edits: Vec::new() });
                }
            }
            if self.binds_locally(name) {
                continue;
            }
            let import = semantic.import_froms_in(scope, own).into_iter().find(|i| i.end() <= self.class.start());
            if let Some(edits) = import.and_then(|i| add_name_to_import(i, name, checker.source(), checker.stylist())) {
                return Some(Reference { text: name.to_string(), edits });
            }
        }
        None
    }
}

/// How to write `field` / `Factory` in the class body, and the import edits that makes it work.
pub(super) struct Reference {
    pub(super) text: String,
    pub(super) edits: Vec<Edit>,
}

fn dotted_first(reference: &str) -> &str {
    reference.split('.').next().unwrap_or(reference)
}
