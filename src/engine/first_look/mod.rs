//! The engine's first look at a parsed file, before its semantic model exists: one cheap walk of
//! the AST that asks each selected transform whether a node could be one it reports
//! (`Transform::glance_stmt`), so that the files where none could (most files) skip building
//! the model and the checker's walk; and that gathers what the file gives the project index.
use ruff_python_ast::{Expr, ExprCall, ExprLambda, StmtClassDef, StmtFunctionDef};
use ruff_text_size::TextRange;
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

use crate::engine::top_names::TopNames;
use crate::engine::transform::Transform;

/// What a transform's glance sees besides the node, and where it answers.
pub(crate) struct Look<'a> {
    /// Loops (`for`, `while`, comprehensions) around the node, in any scope, outermost first:
    /// each one's span and the [`Look::frames`] it is in.
    loops: Vec<(TextRange, usize)>,
    /// Whether the node is in the own code of an `async def` (not of a function, lambda or
    /// class in it).
    in_async_def: bool,
    /// The `def` whose own code holds the node: none at the module's top level, nor in the own
    /// code of a lambda or a class body.
    enclosing_def: Option<&'a StmtFunctionDef>,
    /// The call an expression statement makes, while the statement is walked: what it returns
    /// is dropped.
    dropped_call: Option<&'a ExprCall>,
    /// Functions, lambdas and class bodies around the node.
    frames: usize,
    /// The transform being asked: its place in the selection.
    asking: usize,
    /// Per selected transform, whether its glance said yes somewhere.
    yes: Vec<bool>,
    /// How many of `yes` are true.
    yes_count: usize,
    /// Yes-if answers, each with the transform that gave it: each holds when all its conditions
    /// do, judged once the whole module is seen.
    pending: Vec<(usize, SmallVec<[Later<'a>; 2]>)>,
}

/// A condition on the whole module, which a glance at one node cannot judge.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Later<'a> {
    /// The module imports something under this name (`from m import x as name`).
    Renamed(&'a str),
    /// The module changes an attribute of this name in place somewhere (`x.name.append(...)`).
    ChangedInPlace(&'a str),
    /// The name is a renamed import, or a class of the module with a base whose last name
    /// `matches`, or with a base that is such a class in turn.
    Derives(&'a str, fn(&str) -> bool),
    /// The module imports something from this top-level package (`import multiprocessing.pool`,
    /// `from concurrent.futures import ...`), in any scope.
    ImportsFrom(&'static str),
    /// Two of the class's metaclass sources (bases, `metaclass=`) at least may bring a metaclass
    /// other than `type`: not a builtin class (unless the module binds that name itself), and
    /// not a class of the module (bound by its class
    /// statement alone) whose own sources bring none. Needs the index facts (`for_index`): without
    /// them every source may.
    TwoMetaclassSources(&'a StmtClassDef),
    /// The module assigns this name a call (`name = make(...)`, anywhere) of something that may
    /// be a generator reading what `yield` gives back: a plain or `self.` / `cls.` name when the
    /// module has such a generator, or an import (one of another file, through the index).
    /// Needs the index facts (`for_index`): without them any call may.
    MadeByGeneratorCall(&'a str),
    /// A name that the closure (a `def` or lambda) reads and does not bind as a parameter is
    /// bound somewhere in this span (the outermost loop around the closure in its scope).
    CapturesFromLoop(Function<'a>, TextRange),
    /// The module assigns this name a call of the builtin of the second name (`view =
    /// memoryview(data)`, anywhere). Needs the index facts (`for_index`): without them, any
    /// name may be.
    AssignedCallOf(&'a str, &'static str),
}

/// A function made at run time: a `def` or a lambda.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Function<'a> {
    Def(&'a StmtFunctionDef),
    Lambda(&'a ExprLambda),
}

/// Whether a dotted name may name one of a set of qualified names, as far as syntax tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Naming<'a> {
    Yes,
    /// Only if this plain name is an import under another name.
    IfRenamed(&'a str),
    No,
}

/// How `expr` (a callee, a base, a decorator) may name one of the qualified names whose last
/// name `matches`: by that last name, or as a plain name imported under another name. An
/// expression other than a dotted name may name anything.
pub(crate) fn naming<'a>(expr: &'a Expr, matches: impl Fn(&str) -> bool) -> Naming<'a> {
    match expr {
        Expr::Name(name) if matches(name.id.as_str()) => Naming::Yes,
        Expr::Name(name) => Naming::IfRenamed(name.id.as_str()),
        Expr::Attribute(attribute) if matches(attribute.attr.as_str()) => Naming::Yes,
        Expr::Attribute(_) => Naming::No,
        _ => Naming::Yes,
    }
}

/// A test for [`naming`]: whether `last` is the last name of one of `qualified`.
pub(crate) fn last_name_of(qualified: &[&str], last: &str) -> bool {
    qualified.iter().any(|q| is_last_name(q, last))
}

/// Whether `last` is what follows the last `.` of `qualified` (all of it when it has none).
/// Glances ask it of whole tables for each call they see: a compare of the end, not a search
/// for the dot.
pub(crate) fn is_last_name(qualified: &str, last: &str) -> bool {
    qualified.strip_suffix(last).is_some_and(|head| head.is_empty() || head.ends_with('.')) && !last.contains('.')
}

impl<'a> Look<'a> {
    /// The transform could report something at this node.
    pub(crate) fn may_report(&mut self) {
        if !self.yes[self.asking] {
            self.yes[self.asking] = true;
            self.yes_count += 1;
        }
    }

    /// The transform could report something here if all of `conditions` hold.
    pub(crate) fn may_report_if(&mut self, conditions: &[Later<'a>]) {
        if conditions.is_empty() {
            self.may_report();
        } else {
            self.pending.push((self.asking, conditions.iter().copied().collect()));
        }
    }

    /// [`Look::may_report_if`] the naming holds, and `also`.
    pub(crate) fn may_report_if_naming(&mut self, naming: Naming<'a>, also: Option<Later<'a>>) {
        match naming {
            Naming::Yes => self.may_report_if(also.as_slice()),
            Naming::IfRenamed(name) => {
                let both = [Later::Renamed(name)];
                match also {
                    Some(also) => self.may_report_if(&[both[0], also]),
                    None => self.may_report_if(&both),
                }
            }
            Naming::No => {}
        }
    }

    /// Whether a `for`, `while` or comprehension encloses the node (in any scope).
    pub(crate) fn in_loop(&self) -> bool {
        !self.loops.is_empty()
    }

    /// The span of the outermost loop around the node in the same function, lambda or class
    /// body (not around an enclosing one).
    pub(crate) fn outer_loop_in_frame(&self) -> Option<TextRange> {
        self.loops.iter().find(|(_, frames)| *frames == self.frames).map(|(range, _)| *range)
    }

    /// Whether the node is in the own code of an `async def`.
    pub(crate) fn in_async_def(&self) -> bool {
        self.in_async_def
    }

    /// The `def` whose own code holds the node (not through a lambda or a class body).
    pub(crate) fn enclosing_def(&self) -> Option<&'a StmtFunctionDef> {
        self.enclosing_def
    }

    /// The call of the expression statement that holds the node (`self.assertRaises(E, f)`),
    /// whose result is dropped.
    pub(crate) fn dropped_call(&self) -> Option<&'a ExprCall> {
        self.dropped_call
    }

    /// Whether a function, lambda or class body encloses the node (it is not top-level code).
    pub(crate) fn in_frame(&self) -> bool {
        self.frames > 0
    }

    fn new(transforms: usize) -> Self {
        Look {
            loops: Vec::new(),
            in_async_def: false,
            enclosing_def: None,
            dropped_call: None,
            frames: 0,
            asking: 0,
            yes: vec![false; transforms],
            yes_count: 0,
            pending: Vec::new(),
        }
    }

    /// Whether every transform said yes already: nothing more to ask.
    fn all_yes(&self) -> bool {
        self.yes_count == self.yes.len()
    }
}

/// What the first look found.
pub(crate) struct FirstLook<'a> {
    /// Per selected transform (in the order of the selection), whether it could report
    /// something in the file.
    pub(crate) reporting: Vec<bool>,
    /// The names the module's imports bind, in any scope, to their qualified names; a name two
    /// imports bind to different objects stays out. Gathered only for the project index.
    pub(crate) imports: FxHashMap<&'a str, String>,
    /// The module-level `async def` functions that are async generators (`yield` in their own code).
    pub(crate) async_generators: Vec<&'a str>,
    /// The first name of each callee an `async for` iterates over a call of.
    pub(crate) async_for_callees: Vec<&'a str>,
    /// Names that imports bind to different objects in different places.
    pub(crate) ambiguous: FxHashSet<&'a str>,
    /// What the module's names stand for (for the index).
    pub(crate) names: TopNames<'a>,
    /// Every class statement, in walk order.
    pub(crate) classes: Vec<&'a StmtClassDef>,
    /// The module-level undecorated `def` generators that read what `yield` gives back (driven
    /// by `send()`).
    pub(crate) value_generators: Vec<&'a str>,
    /// The receivers of `name.send(...)` calls.
    pub(crate) send_receivers: Vec<&'a str>,
    /// `name = callee(...)` assignments, anywhere: the name and the callee.
    pub(crate) assigned_calls: Vec<(&'a str, &'a Expr)>,
    /// Names bound by a plain `import module` (not `from ... import`).
    pub(crate) plain_modules: FxHashSet<&'a str>,
}

impl FirstLook<'_> {
    /// The transforms of `selected` (the selection the look was given) that could report
    /// something in the file: the only ones the checker needs to run on it.
    pub(crate) fn reporting<'t>(&self, selected: &[&'t dyn Transform]) -> Vec<&'t dyn Transform> {
        selected.iter().zip(&self.reporting).filter(|(_, yes)| **yes).map(|(t, _)| *t).collect()
    }

    /// What the imports of any scope bind `name` to: `Some(None)` when two bind it differently.
    pub(crate) fn imported(&self, name: &str) -> Option<Option<String>> {
        if self.ambiguous.contains(name) {
            return Some(None);
        }
        self.imports.get(name).map(|q| Some(q.clone()))
    }
}

mod walker;
#[cfg(test)]
mod tests;

pub(crate) use walker::first_look;
