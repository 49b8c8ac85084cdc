//! What the module does with attributes, by name: where `base.attr` appears, and which
//! attributes' values it changes in place (`x.items.append(...)`, `x.index[k] = v`). Built from
//! the node table on first use, once per file, for every transform that asks.
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::semantic::knowledge::IN_PLACE_METHODS;
use crate::semantic::{Node, SemanticModel};

/// What an attribute is taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum AttributeBase<'a> {
    /// `name.attr`.
    Name(&'a str),
    /// `type(x).attr` or `x.__class__.attr`: an attribute of an instance's class.
    ClassOf,
}

/// The attribute facts of a module. Names only: `a.items` and `b.items` are one attribute. The
/// names are copied, so that the model stays covariant in its lifetime (a lazily filled cell of
/// borrowed names would make it invariant).
#[derive(Debug, Default)]
pub(crate) struct Attributes {
    /// For each base name, for each attribute name: the start of every `base.attr` (read,
    /// written or deleted).
    by_base: FxHashMap<Box<str>, FxHashMap<Box<str>, Vec<TextSize>>>,
    /// For each attribute name: the start of every `type(x).attr` and `x.__class__.attr`.
    of_class: FxHashMap<Box<str>, Vec<TextSize>>,
    /// The attributes whose value is changed in place somewhere: `x.name.append(...)`,
    /// `x.name[k] = v`, `del x.name[k]`, `x.name[k] += v`, and `x.name += v` (in place for a
    /// list, a set or a dict).
    mutated: FxHashSet<Box<str>>,
}

impl Attributes {
    fn build(model: &SemanticModel<'_>) -> Self {
        let mut attributes = Attributes::default();
        for node in model.nodes.iter() {
            match node {
                Node::Stmt(stmt) => attributes.note_targets(stmt),
                Node::Expr(expr) => attributes.note_expr(expr),
            }
        }
        attributes
    }

    fn note_targets(&mut self, stmt: &Stmt) {
        changed_in_place_by_stmt(stmt, &mut |name| self.note_mutated(name));
    }

    fn note_expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Attribute(attribute) => {
                let attr = attribute.attr.as_str();
                let starts = match &*attribute.value {
                    Expr::Name(name) => slot(slot(&mut self.by_base, name.id.as_str()), attr),
                    Expr::Call(call) if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == "type") => {
                        slot(&mut self.of_class, attr)
                    }
                    Expr::Attribute(inner) if inner.attr.as_str() == "__class__" => slot(&mut self.of_class, attr),
                    _ => return,
                };
                starts.push(attribute.start());
            }
            Expr::Call(_) => {
                if let Some(name) = changed_in_place_by_call(expr) {
                    self.note_mutated(name);
                }
            }
            _ => {}
        }
    }

    fn note_mutated(&mut self, attr: &str) {
        if !self.mutated.contains(attr) {
            self.mutated.insert(attr.into());
        }
    }

    /// The starts of every `base.attr`.
    fn starts(&self, base: AttributeBase<'_>, attr: &str) -> Option<&[TextSize]> {
        let by_attr = match base {
            AttributeBase::Name(name) => self.by_base.get(name)?,
            AttributeBase::ClassOf => &self.of_class,
        };
        by_attr.get(attr).map(Vec::as_slice)
    }

    /// Whether `base.attr` appears anywhere in the module.
    pub(crate) fn is_used(&self, base: AttributeBase<'_>, attr: &str) -> bool {
        self.starts(base, attr).is_some()
    }

    /// Whether `base.attr` appears inside `range`.
    pub(crate) fn is_used_in(&self, base: AttributeBase<'_>, attr: &str, range: TextRange) -> bool {
        self.starts(base, attr).is_some_and(|starts| starts.iter().any(|&start| range.contains(start)))
    }

    /// Whether the module changes the value of an attribute named `attr` in place.
    pub(crate) fn is_mutated_in_place(&self, attr: &str) -> bool {
        self.mutated.contains(attr)
    }
}

/// The value under `key`, made (empty) if there is none yet; the key is copied only then.
fn slot<'m, V: Default>(map: &'m mut FxHashMap<Box<str>, V>, key: &str) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.into(), V::default());
    }
    map.get_mut(key).expect("inserted above")
}

/// The attributes whose value a statement changes in place: `x.name[k] = v`, `del x.name[k]`,
/// `x.name[k] += v`, and `x.name += v` (in place for a list, a set or a dict). Syntax alone: the
/// engine's first look asks it too.
pub(crate) fn changed_in_place_by_stmt<'a>(stmt: &'a Stmt, note: &mut impl FnMut(&'a str)) {
    match stmt {
        Stmt::Assign(assign) => assign.targets.iter().for_each(|t| changed_target(t, false, note)),
        Stmt::AnnAssign(assign) => changed_target(&assign.target, false, note),
        Stmt::AugAssign(assign) => changed_target(&assign.target, true, note),
        Stmt::Delete(delete) => delete.targets.iter().for_each(|t| changed_target(t, false, note)),
        _ => {}
    }
}

fn changed_target<'a>(target: &'a Expr, augmented: bool, note: &mut impl FnMut(&'a str)) {
    match target {
        Expr::Subscript(subscript) => {
            if let Some(name) = holding_attribute(&subscript.value) {
                note(name);
            }
        }
        Expr::Attribute(attribute) if augmented => note(attribute.attr.as_str()),
        Expr::Tuple(tuple) => tuple.elts.iter().for_each(|e| changed_target(e, augmented, note)),
        Expr::List(list) => list.elts.iter().for_each(|e| changed_target(e, augmented, note)),
        Expr::Starred(starred) => changed_target(&starred.value, augmented, note),
        _ => {}
    }
}

/// The attribute whose value a call changes in place: `items` in `x.items.append(...)`.
pub(crate) fn changed_in_place_by_call(expr: &Expr) -> Option<&str> {
    let Expr::Call(call) = expr else { return None };
    let Expr::Attribute(method) = &*call.func else { return None };
    if !IN_PLACE_METHODS.contains(&method.attr.as_str()) {
        return None;
    }
    holding_attribute(&method.value)
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

impl<'a> SemanticModel<'a> {
    /// The module's attribute facts, built on the first call.
    pub(crate) fn attributes(&self) -> &Attributes {
        self.attributes.get_or_init(|| Attributes::build(self))
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_parser::parse_module;
    use ruff_text_size::{TextRange, TextSize};

    use super::AttributeBase;
    use crate::semantic::SemanticModel;

    /// The test of the walker this replaces (dataclass-mutable-default's `InPlaceMutations`),
    /// with its input and expected output.
    #[test]
    fn in_place_mutations() {
        let parsed = parse_module(
            "def f(a, b):\n    a.items.append(1)\n    b.index[k] = 2\n    del a.seen[0]\n    a.more += [1]\n    a.groups[1].add(2)\n    a.count = 3\n    a.name.upper()\n",
        )
        .expect("test snippet parses");
        let model = SemanticModel::build(parsed.syntax());
        let mut names: Vec<&str> = model.attributes().mutated.iter().map(|name| &**name).collect();
        names.sort_unstable();
        assert_eq!(names, ["groups", "index", "items", "more", "seen"]);
    }

    #[test]
    fn uses_by_base_and_place() {
        let source = "class C:\n    def f(self):\n        type(self).x\n        cls.y\nC.z = self.__class__.w\n";
        let parsed = parse_module(source).expect("test snippet parses");
        let model = SemanticModel::build(parsed.syntax());
        let attributes = model.attributes();
        let class_body = TextRange::new(TextSize::from(13), TextSize::from(60));
        assert!(attributes.is_used(AttributeBase::ClassOf, "x") && attributes.is_used(AttributeBase::ClassOf, "w"));
        assert!(attributes.is_used_in(AttributeBase::Name("cls"), "y", class_body));
        assert!(attributes.is_used(AttributeBase::Name("C"), "z"));
        assert!(!attributes.is_used_in(AttributeBase::Name("C"), "z", class_body));
        assert!(!attributes.is_used_in(AttributeBase::ClassOf, "w", class_body));
        assert!(!attributes.is_used(AttributeBase::Name("self"), "x"));
    }
}
