//! Facts about the module, each computed when a class first needs it (and only then: most
//! modules have no class worth the walk).

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt, StmtClassDef};

use super::annotations::is_immutable_type;
use super::tables::MUTATING_METHODS;
use crate::fixes::bound_names::module_scope_names;
use crate::resolve::ImportMap;

pub(super) struct ModuleFacts<'a> {
    body: &'a [Stmt],
    names: OnceCell<HashSet<&'a str>>,
    classes: OnceCell<HashMap<&'a str, &'a StmtClassDef>>,
    /// Module-level names bound to `namedtuple(...)` / `NamedTuple(...)` / `NewType(...)` results.
    immutable_factories: OnceCell<HashSet<&'a str>>,
    /// `(base, attribute)` of every `name.attribute` read or written in the module.
    attribute_uses: OnceCell<HashSet<(&'a str, &'a str)>>,
    /// Attribute names whose value the module changes in place somewhere.
    mutated_attributes: OnceCell<HashSet<&'a str>>,
}

impl<'a> ModuleFacts<'a> {
    pub(super) fn new(body: &'a [Stmt]) -> Self {
        ModuleFacts {
            body,
            names: OnceCell::new(),
            classes: OnceCell::new(),
            immutable_factories: OnceCell::new(),
            attribute_uses: OnceCell::new(),
            mutated_attributes: OnceCell::new(),
        }
    }

    pub(super) fn binds(&self, name: &str) -> bool {
        self.names.get_or_init(|| module_scope_names(self.body)).contains(name)
    }

    pub(super) fn class(&self, name: &str) -> Option<&'a StmtClassDef> {
        self.classes
            .get_or_init(|| {
                let mut collector = ClassCollector::default();
                collector.visit_body(self.body);
                collector.classes
            })
            .get(name)
            .copied()
    }

    pub(super) fn is_immutable_factory(&self, name: &str, imports: &ImportMap) -> bool {
        self.immutable_factories.get_or_init(|| immutable_factories(self.body, imports)).contains(name)
    }

    pub(super) fn is_mutated_in_place(&self, attribute: &str) -> bool {
        self.mutated_attributes
            .get_or_init(|| {
                let mut mutations = InPlaceMutations::default();
                mutations.visit_body(self.body);
                mutations.names
            })
            .contains(attribute)
    }

    pub(super) fn is_attribute_used(&self, base: &str, attribute: &str) -> bool {
        self.attribute_uses
            .get_or_init(|| {
                let mut uses = AttributeUses::default();
                uses.visit_body(self.body);
                uses.pairs
            })
            .contains(&(base, attribute))
    }
}

/// Every class of the module by name, nested ones included (the first definition of a name wins).
#[derive(Default)]
struct ClassCollector<'a> {
    classes: HashMap<&'a str, &'a StmtClassDef>,
}

impl<'a> StatementVisitor<'a> for ClassCollector<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if let Stmt::ClassDef(class) = stmt {
            self.classes.entry(class.name.as_str()).or_insert(class);
        }
        walk_stmt(self, stmt);
    }
}

fn immutable_factories<'a>(body: &'a [Stmt], imports: &ImportMap) -> HashSet<&'a str> {
    let factories = ["collections.namedtuple", "typing.NamedTuple", "typing_extensions.NamedTuple", "typing.NewType"];
    body.iter()
        .filter_map(|stmt| match stmt {
            Stmt::Assign(assign) => match (&assign.targets[..], &*assign.value) {
                ([Expr::Name(target)], Expr::Call(call)) if imports.is_one_of(&call.func, &factories) => {
                    // `NewType("Tags", list)` builds lists: only a NewType of an immutable type counts.
                    let new_type_of_mutable = imports.is_one_of(&call.func, &["typing.NewType"])
                        && !call.arguments.args.get(1).is_some_and(|base| is_immutable_type(imports, base));
                    (!new_type_of_mutable).then_some(target.id.as_str())
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[derive(Default)]
pub(super) struct AttributeUses<'a> {
    pub(super) pairs: HashSet<(&'a str, &'a str)>,
}

impl<'a> Visitor<'a> for AttributeUses<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Attribute(attribute) = expr {
            let base = match &*attribute.value {
                Expr::Name(name) => Some(name.id.as_str()),
                // `type(self).x` and `self.__class__.x` reach the class of an instance.
                Expr::Call(call) if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == "type") => Some("cls"),
                Expr::Attribute(inner) if inner.attr.as_str() == "__class__" => Some("cls"),
                _ => None,
            };
            if let Some(base) = base {
                self.pairs.insert((base, attribute.attr.as_str()));
            }
        }
        visitor::walk_expr(self, expr);
    }
}
/// The attribute names changed in place anywhere: `x.name.append(...)`, `x.name[k] = v`,
/// `del x.name[k]`, `x.name[k] += v`, and `x.name += v` (in place for a list, a set or a dict).
#[derive(Default)]
struct InPlaceMutations<'a> {
    names: HashSet<&'a str>,
}

impl<'a> InPlaceMutations<'a> {
    fn target(&mut self, target: &'a Expr, augmented: bool) {
        match target {
            Expr::Subscript(subscript) => {
                if let Some(name) = holding_attribute(&subscript.value) {
                    self.names.insert(name);
                }
            }
            Expr::Attribute(attribute) if augmented => {
                self.names.insert(attribute.attr.as_str());
            }
            Expr::Tuple(tuple) => tuple.elts.iter().for_each(|e| self.target(e, augmented)),
            Expr::List(list) => list.elts.iter().for_each(|e| self.target(e, augmented)),
            Expr::Starred(starred) => self.target(&starred.value, augmented),
            _ => {}
        }
    }
}

impl<'a> Visitor<'a> for InPlaceMutations<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Assign(assign) => assign.targets.iter().for_each(|t| self.target(t, false)),
            Stmt::AnnAssign(assign) => self.target(&assign.target, false),
            Stmt::AugAssign(assign) => self.target(&assign.target, true),
            Stmt::Delete(delete) => delete.targets.iter().for_each(|t| self.target(t, false)),
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && let Expr::Attribute(method) = &*call.func
            && MUTATING_METHODS.contains(&method.attr.as_str())
            && let Some(name) = holding_attribute(&method.value)
        {
            self.names.insert(name);
        }
        visitor::walk_expr(self, expr);
    }
}

/// The attribute whose value holds what `expr` reaches: `items` for `x.items` and for
/// `x.groups[k]` (changing an element changes the container's contents too).
fn holding_attribute(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        Expr::Subscript(subscript) => holding_attribute(&subscript.value),
        _ => None,
    }
}

/// The attributes a method assigns on its receiver (`self.x = ...`), outside nested scopes.
pub(super) struct SelfAssignments<'a> {
    pub(super) receiver: &'a str,
    pub(super) names: HashSet<&'a str>,
}

impl<'a> StatementVisitor<'a> for SelfAssignments<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let targets: &[Expr] = match stmt {
            Stmt::Assign(assign) => &assign.targets,
            Stmt::AnnAssign(assign) if assign.value.is_some() => std::slice::from_ref(&*assign.target),
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => return,
            _ => &[],
        };
        for target in targets {
            if let Expr::Attribute(attribute) = target
                && matches!(&*attribute.value, Expr::Name(base) if base.id.as_str() == self.receiver)
            {
                self.names.insert(attribute.attr.as_str());
            }
        }
        walk_stmt(self, stmt);
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_parser::parse_module;

    use super::*;

    #[test]
    fn in_place_mutations() {
        let parsed = parse_module(
            "def f(a, b):\n    a.items.append(1)\n    b.index[k] = 2\n    del a.seen[0]\n    a.more += [1]\n    a.groups[1].add(2)\n    a.count = 3\n    a.name.upper()\n",
        )
        .expect("test snippet parses");
        let mut mutations = InPlaceMutations::default();
        mutations.visit_body(&parsed.syntax().body);
        let mut names: Vec<&str> = mutations.names.into_iter().collect();
        names.sort_unstable();
        assert_eq!(names, ["groups", "index", "items", "more", "seen"]);
    }
}
