//! The first look's conditions judged once the whole module is seen ([`Later`]): renamed
//! imports, attributes changed in place, classes deriving from named ones, and what the checks of
//! metaclass-conflict, unprimed-generator and memoryview-slice-kept need to be able to report.
use ruff_python_ast::visitor::{Visitor, walk_expr};
use ruff_python_ast::{Expr, ExprContext, StmtClassDef};
use ruff_text_size::TextSize;
use rustc_hash::FxHashMap;

use super::{Walker, head_name};
use crate::engine::first_look::{Function, Later, Naming, naming};
use crate::semantic::knowledge::{LibraryClass, STDLIB_MODULES, canonical_class, is_builtin_class, library_class};

impl<'a> Walker<'a> {
    /// Whether a condition left for the end holds.
    pub(super) fn holds(&self, condition: Later<'a>) -> bool {
        match condition {
            Later::Renamed(name) => self.renamed.contains(name),
            Later::ChangedInPlace(name) => self.changed_in_place.contains(name),
            Later::Derives(name, matches) => self.derives(name, matches, 0),
            Later::ImportsFrom(package) => self.packages.contains(package),
            Later::CapturesFromLoop(closure, span) => {
                let bound_at = self.loop_bindings_by_name.get_or_init(|| {
                    let mut by_name: FxHashMap<&str, Vec<TextSize>> = FxHashMap::default();
                    for &(name, at) in &self.loop_bindings {
                        by_name.entry(name).or_default().push(at);
                    }
                    by_name
                });
                let bound_in_loop = |name: &str| bound_at.get(name).is_some_and(|ats| ats.iter().any(|at| span.contains(*at)));
                free_reads(closure).iter().any(|name| bound_in_loop(name))
            }
            Later::TwoMetaclassSources(class) => self.metaclass_sources(class, 0) >= 2 && self.sources_known(class, 0),
            Later::AssignedCallOf(name, builtin) => {
                !self.for_index
                    || self.assigned_calls.iter().any(|(target, callee)| {
                        *target == name && matches!(callee, Expr::Name(n) if n.id.as_str() == builtin)
                    })
            }
            Later::MadeByGeneratorCall(name) => {
                !self.for_index
                    || self.assigned_calls.iter().any(|(target, callee)| *target == name && self.may_make_generator(callee))
            }
        }
    }

    /// How many of a class's bases and `metaclass=` may bring a metaclass other than `type`.
    fn metaclass_sources(&self, class: &StmtClassDef, depth: usize) -> usize {
        let keywords = class.arguments.iter().flat_map(|a| a.keywords.iter());
        if keywords.clone().any(|k| k.arg.is_none()) {
            // `**options` may hold `metaclass=`.
            return 2;
        }
        // `metaclass=` brings itself, unless it is `type`.
        let metaclass = keywords
            .filter(|k| k.arg.as_deref() == Some("metaclass"))
            .filter(|k| !matches!(&k.value, Expr::Name(n) if n.id.as_str() == "type" && !self.shadowed.contains("type")));
        let bases = class.bases().iter().filter(|base| self.may_bring_metaclass(base, depth));
        bases.count() + metaclass.count()
    }

    fn may_bring_metaclass(&self, source: &Expr, depth: usize) -> bool {
        const MAX_DEPTH: usize = 8;
        let source = match source {
            Expr::Subscript(subscript) => &*subscript.value,
            other => other,
        };
        // A library class of the knowledge table (`typing.Generic` after `from typing import
        // Generic`) brings the metaclass the table gives, as the check reads it.
        if self.for_index
            && let Some(qualified) = self.qualified(source)
            && let Some(class) = library_class(canonical_class(&qualified))
        {
            return library_brings_metaclass(&class, 0);
        }
        let Expr::Name(name) = source else { return true };
        let id = name.id.as_str();
        if is_builtin_class(id) {
            return self.shadowed.contains(id);
        }
        if !self.for_index || depth >= MAX_DEPTH || !self.names.is_only_a_top_class(id) {
            return true;
        }
        // The module's own class: it brings a metaclass when one of its sources does.
        self.classes.iter().filter(|c| c.name.as_str() == id).any(|c| self.metaclass_sources(c, depth + 1) > 0)
    }

    /// The qualified name a base names, when syntax settles it (not for a class of the module).
    fn qualified(&self, expr: &Expr) -> Option<String> {
        let imported = |name: &str| {
            if self.ambiguous.contains(name) { Some(None) } else { self.imports.get(name).map(|q| Some(q.clone())) }
        };
        self.names.anywhere(expr, &imported)
    }

    /// Whether metaclass-conflict's check may know the metaclass of every source of a class
    /// (it reports only then): each names a builtin or library class, a class of the module whose
    /// own sources are known, or an import that the project index may know. Without the index
    /// facts (`for_index`), any may.
    fn sources_known(&self, class: &StmtClassDef, depth: usize) -> bool {
        const MAX_DEPTH: usize = 8;
        if !self.for_index || depth >= MAX_DEPTH {
            return true;
        }
        let Some(arguments) = &class.arguments else { return true };
        // `**options` may hold `metaclass=`: the check gives up on such a class.
        if arguments.keywords.iter().any(|k| k.arg.is_none()) {
            return false;
        }
        let keyword = arguments.keywords.iter().filter(|k| k.arg.as_deref() == Some("metaclass")).map(|k| &k.value);
        arguments.args.iter().chain(keyword).all(|source| self.source_known(source, depth))
    }

    fn source_known(&self, source: &Expr, depth: usize) -> bool {
        let source = match source {
            Expr::Subscript(subscript) => &*subscript.value,
            other => other,
        };
        let mut parts = Vec::new();
        if !dotted_parts(source, &mut parts) {
            // A call or any other expression: the check knows no class behind it.
            return false;
        }
        let (head, rest) = (parts[0], &parts[1..]);
        if self.ambiguous.contains(head) {
            return true;
        }
        let imported = self.imports.get(head).is_some_and(|q| {
            let qualified = if rest.is_empty() { q.clone() } else { format!("{q}.{}", rest.join(".")) };
            self.import_known(&qualified)
        });
        imported
            || (rest.is_empty()
                && (self.classes.iter().any(|c| c.name.as_str() == head && self.sources_known(c, depth + 1))
                    || library_class(&format!("builtins.{head}")).is_some()))
    }

    /// Whether the check may know an imported class: a library class of the knowledge table, or
    /// one the project index may hold (relative imports, packages outside the standard library,
    /// and any module when the file may wait for the whole index anyway).
    fn import_known(&self, qualified: &str) -> bool {
        let top = qualified.split('.').next().unwrap_or_default();
        let may_wait_anyway = !self.async_for_callees.is_empty() || !self.send_receivers.is_empty();
        qualified.starts_with('.')
            || library_class(canonical_class(qualified)).is_some()
            || !STDLIB_MODULES.contains(&top)
            || may_wait_anyway
    }

    /// Whether a call of `callee` may make a generator that reads what `yield` gives back, as
    /// unprimed-generator's check resolves it.
    fn may_make_generator(&self, callee: &Expr) -> bool {
        let Some(head) = head_name(callee) else { return false };
        if self.imports.contains_key(head) || self.ambiguous.contains(head) {
            return true;
        }
        let local = match callee {
            Expr::Name(_) => true,
            Expr::Attribute(attribute) => matches!(&*attribute.value, Expr::Name(n) if n.id == "self" || n.id == "cls"),
            _ => false,
        };
        local && !self.reads_sent.is_empty()
    }

    fn derives(&self, name: &str, matches: fn(&str) -> bool, depth: usize) -> bool {
        const MAX_DEPTH: usize = 8;
        self.renamed.contains(name)
            || (depth < MAX_DEPTH
                && self.classes.iter().filter(|c| c.name.as_str() == name).flat_map(|c| c.bases()).any(|base| {
                    let base = match base {
                        Expr::Subscript(subscript) => &*subscript.value,
                        other => other,
                    };
                    match naming(base, matches) {
                        Naming::Yes => true,
                        Naming::IfRenamed(base) => base != name && self.derives(base, matches, depth + 1),
                        Naming::No => false,
                    }
                }))
    }
}

/// Whether a library class's metaclass is other than `type`: one it declares, or one of its
/// bases brings (each base is a library class too; past a few levels, say it may).
fn library_brings_metaclass(class: &LibraryClass, depth: usize) -> bool {
    const MAX_DEPTH: usize = 8;
    depth >= MAX_DEPTH
        || class.metaclass.is_some_and(|m| m != "builtins.type")
        || class.bases.iter().any(|base| library_class(base).is_none_or(|base| library_brings_metaclass(&base, depth + 1)))
}

/// The names a closure's body reads, but for its own parameters: a superset of the free names
/// loop-closure's check asks about (names a nested function binds are not told apart).
fn free_reads<'a>(closure: Function<'a>) -> Vec<&'a str> {
    #[derive(Default)]
    struct Reads<'a> {
        names: Vec<&'a str>,
    }
    impl<'a> Visitor<'a> for Reads<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Name(name) = expr {
                if name.ctx == ExprContext::Load {
                    self.names.push(name.id.as_str());
                }
            } else {
                walk_expr(self, expr);
            }
        }
    }
    let mut reads = Reads::default();
    let parameters = match closure {
        Function::Def(def) => {
            reads.visit_body(&def.body);
            Some(&*def.parameters)
        }
        Function::Lambda(lambda) => {
            reads.visit_expr(&lambda.body);
            lambda.parameters.as_deref()
        }
    };
    let own = |name: &&str| parameters.is_some_and(|p| p.iter().any(|p| p.name().as_str() == *name));
    reads.names.retain(|name| !own(name));
    reads.names
}

/// The names of a dotted name, first to last (`a`, `b`, `C` of `a.b.C`); false for anything else.
fn dotted_parts<'e>(expr: &'e Expr, parts: &mut Vec<&'e str>) -> bool {
    match expr {
        Expr::Name(name) => {
            parts.push(name.id.as_str());
            true
        }
        Expr::Attribute(attribute) if dotted_parts(&attribute.value, parts) => {
            parts.push(attribute.attr.as_str());
            true
        }
        _ => false,
    }
}
