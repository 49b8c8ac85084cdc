//! What the names of a module stand for, from syntax alone: the names its top-level code binds
//! (outside functions and classes), and which names other code binds. Enough to name the bases
//! and metaclass of a class for the project index without the semantic model; a name whose
//! meaning syntax cannot settle (bound twice, or by an assignment) is not named.
use ruff_python_ast::Expr;
use std::cell::OnceCell;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::semantic::queries::names::{dotted, extended};

/// What a top-level name is bound by.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Top {
    Import(String),
    Class,
    /// Anything else, or several bindings.
    Other,
}

#[derive(Debug, Default)]
pub(crate) struct TopNames<'a> {
    top: FxHashMap<&'a str, Top>,
    /// Names that code other than the top level binds (imports aside), as the walk meets them
    /// (repeats too): made a set the first time one is asked about, after the walk (a module with
    /// no class to name the bases of never is).
    elsewhere: Vec<&'a str>,
    elsewhere_set: OnceCell<FxHashSet<&'a str>>,
}

impl<'a> TopNames<'a> {
    fn bind(&mut self, name: &'a str, top: Top) {
        self.top.entry(name).and_modify(|t| *t = Top::Other).or_insert(top);
    }

    pub(crate) fn bind_import(&mut self, name: &'a str, qualified: String, at_top: bool) {
        if at_top {
            self.bind(name, Top::Import(qualified));
        }
    }

    pub(crate) fn bind_class(&mut self, name: &'a str, at_top: bool) {
        if at_top { self.bind(name, Top::Class) } else { self.bind_other(name, false) }
    }

    pub(crate) fn bind_other(&mut self, name: &'a str, at_top: bool) {
        if at_top {
            self.bind(name, Top::Other);
        } else {
            self.elsewhere.push(name);
        }
    }

    fn bound_elsewhere(&self, name: &str) -> bool {
        self.elsewhere_set.get_or_init(|| self.elsewhere.iter().copied().collect()).contains(name)
    }

    /// A class statement at the top level is the only binding of `name`.
    pub(crate) fn is_class_bound_once(&self, name: &str) -> bool {
        self.top.get(name) == Some(&Top::Class)
    }

    /// [`TopNames::is_class_bound_once`], and no other code binds the name either: every class
    /// statement of that name is the top-level one.
    pub(crate) fn is_only_a_top_class(&self, name: &str) -> bool {
        self.is_class_bound_once(name) && !self.bound_elsewhere(name)
    }

    /// The qualified name of a dotted name read by top-level code (`abc.ABCMeta` after
    /// `import abc`, `builtins.type`), maybe relative (`.models.Base`); `None` when syntax
    /// cannot tell, or for a class of the module.
    pub(crate) fn at_top(&self, expr: &Expr, imported_elsewhere: impl Fn(&str) -> bool) -> Option<String> {
        match expr {
            Expr::Name(name) => match self.top.get(name.id.as_str()) {
                Some(Top::Import(qualified)) => Some(qualified.clone()),
                Some(_) => None,
                None if imported_elsewhere(name.id.as_str()) => None,
                None => Some(dotted("builtins", name.id.as_str())),
            },
            Expr::Attribute(attribute) => {
                Some(extended(self.at_top(&attribute.value, imported_elsewhere)?, attribute.attr.as_str()))
            }
            _ => None,
        }
    }

    /// [`TopNames::at_top`] for code anywhere: a name that some function binds may be that
    /// function's own; `imported` gives what the imports of any scope bind a name to (`None`
    /// inside when two bind it differently).
    pub(crate) fn anywhere(&self, expr: &Expr, imported: &impl Fn(&str) -> Option<Option<String>>) -> Option<String> {
        match expr {
            Expr::Name(name) => {
                let id = name.id.as_str();
                if self.bound_elsewhere(id) {
                    return None;
                }
                match (self.top.get(id), imported(id)) {
                    (Some(Top::Import(qualified)), _) => Some(qualified.clone()),
                    (Some(_), _) => None,
                    (None, Some(qualified)) => qualified,
                    (None, None) => Some(dotted("builtins", id)),
                }
            }
            Expr::Attribute(attribute) => Some(extended(self.anywhere(&attribute.value, imported)?, attribute.attr.as_str())),
            _ => None,
        }
    }
}
