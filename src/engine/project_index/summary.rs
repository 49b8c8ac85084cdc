//! A module's summary for the index from the engine's first look (syntax alone): its async and
//! send-driven generators, imports, the classes whose metaclass other files may need, and
//! whether the file needs the whole index.
use ruff_python_ast::{Expr, StmtClassDef};
use xxhash_rust::xxh3::Xxh3;

use super::{LocalSummary, Written, WrittenClass, feed};
use crate::engine::first_look::FirstLook;
use crate::semantic::knowledge::{CLASS_KEEPING_DECORATORS, canonical_class, library_class};
use crate::semantic::queries::names::{bases, metaclass_keyword};

/// Summarizes a module for the index, from the engine's first look at it: the part its text
/// alone decides ([`LocalSummary::resolve`] then applies its names).
pub(crate) fn summarize_local(look: &FirstLook) -> LocalSummary {
    let mut summary = LocalSummary::default();
    summary.async_generators = look.async_generators.iter().map(|n| (*n).to_owned()).collect();
    summary.async_generators.sort_unstable();
    summary.async_generators.dedup();
    summary.value_generators = look.value_generators.iter().map(|n| (*n).to_owned()).collect();
    summary.value_generators.sort_unstable();
    summary.value_generators.dedup();
    summary.async_for_imported = look.async_for_callees.iter().any(|head| look.imports.contains_key(head));
    summary.sends_to_imported = sends_to_imported_function(look);
    summary.needs_project = summary.async_for_imported || summary.sends_to_imported;
    summary.imports = look.imports.iter().map(|(local, target)| ((*local).to_owned(), target.clone())).collect();
    summary.imports.sort_unstable();
    summary.classes = class_summaries(look);
    summary.metaclass_sources = metaclass_sources(look);
    let mut digest = Xxh3::new();
    digest.update(&(summary.async_generators.len() as u64).to_le_bytes());
    for name in &summary.async_generators {
        feed(&mut digest, name);
    }
    digest.update(&(summary.value_generators.len() as u64).to_le_bytes());
    for name in &summary.value_generators {
        feed(&mut digest, name);
    }
    for (local, target) in &summary.imports {
        feed(&mut digest, local);
        feed(&mut digest, target);
    }
    digest.update(&[u8::from(summary.async_for_imported), u8::from(summary.sends_to_imported)]);
    for (name, class) in &summary.classes {
        feed(&mut digest, name);
        for written in class.bases.iter().chain(&class.metaclass) {
            let (kind, name) = match written {
                Written::Qualified(name) => (0, name),
                Written::Local(name) => (1, name),
            };
            digest.update(&[kind]);
            feed(&mut digest, name);
        }
        digest.update(&[u8::from(class.metaclass.is_some())]);
    }
    for source in &summary.metaclass_sources {
        feed(&mut digest, source);
    }
    summary.digest = digest.digest128();
    summary
}

/// Whether the receiver of some `name.send(...)` call is assigned (anywhere in the module) from
/// a call of an imported function: `g = consumer()` after `from .workers import consumer`,
/// `workers.consumer()` after `from . import workers`. Not an attribute of a plain `import
/// module` (`socket.socket()`, whose objects' `send` is another one): sockets are what most sends
/// talk to, and each such file would wait for the whole index.
fn sends_to_imported_function(look: &FirstLook) -> bool {
    let from_function = |callee: &Expr| {
        let Some(head) = head_name(callee) else { return false };
        look.imports.contains_key(head) && (callee.is_name_expr() || !look.plain_modules.contains(head))
    };
    look.send_receivers.iter().any(|receiver| {
        look.assigned_calls.iter().any(|(target, callee)| target == receiver && from_function(callee))
    })
}

/// The first name of a dotted callee: `s` in `s.records`.
fn head_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => head_name(&attribute.value),
        _ => None,
    }
}

/// The module-level classes that a name binds once, with their bases and metaclass named.
fn class_summaries(look: &FirstLook) -> Vec<(String, WrittenClass)> {
    let mut classes: Vec<(String, WrittenClass)> = look
        .classes
        .iter()
        .filter(|c| look.names.is_class_bound_once(c.name.as_str()))
        .filter_map(|class| Some((class.name.to_string(), class_summary(look, class)?)))
        .collect();
    classes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    classes
}

fn class_summary(look: &FirstLook, class: &StmtClassDef) -> Option<WrittenClass> {
    let at_top = |expr: &Expr| look.names.at_top(expr, |name| look.imported(name).is_some());
    let keeps = |d: &ruff_python_ast::Decorator| {
        at_top(uncalled(&d.expression)).is_some_and(|q| CLASS_KEEPING_DECORATORS.contains(&q.as_str()))
    };
    if !class.decorator_list.iter().all(keeps) {
        return None;
    }
    let name_of = |expr: &Expr| -> Option<Written> {
        let expr = match expr {
            Expr::Subscript(subscript) => &subscript.value,
            other => other,
        };
        if let Some(qualified) = at_top(expr) {
            return Some(Written::Qualified(canonical_class(&qualified).to_owned()));
        }
        // A class of this module, bound once at its top level.
        let Expr::Name(base) = expr else { return None };
        look.names.is_class_bound_once(base.id.as_str()).then(|| Written::Local(base.id.to_string()))
    };
    let mut summary = WrittenClass::default();
    for base in bases(class) {
        summary.bases.push(name_of(base)?);
    }
    for keyword in class.arguments.iter().flat_map(|a| a.keywords.iter()) {
        match keyword.arg.as_deref() {
            None => return None,
            Some("metaclass") => summary.metaclass = Some(name_of(&keyword.value)?),
            Some(_) => {}
        }
    }
    Some(summary)
}

/// `@dataclass(frozen=True)` is the decorator `dataclass`, configured.
fn uncalled(expr: &Expr) -> &Expr {
    match expr {
        Expr::Call(call) => &call.func,
        other => other,
    }
}

/// What the index can tell about a base or `metaclass=` of a class statement, for deciding
/// whether the file must wait for the whole index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parent {
    /// Its metaclass is `type` (a builtin, `typing.Generic`): it never conflicts.
    Plain,
    /// A standard library class with its own metaclass, or a metaclass.
    Library,
    /// A class of this module: its metaclass may come from another file through its bases.
    Local,
    /// Imported from a module the library table does not know: maybe a file of the project.
    Imported,
}

/// What a base or `metaclass=` is, with its qualified name when imported.
fn parent_kind(look: &FirstLook, expr: &Expr, is_keyword: bool) -> (Parent, Option<String>) {
    let expr = match expr {
        Expr::Subscript(subscript) => &subscript.value,
        other => other,
    };
    let Some(qualified) = look.names.anywhere(expr, &|name| look.imported(name)) else { return (Parent::Local, None) };
    let kind = match library_class(canonical_class(&qualified)) {
        Some(_) if is_keyword => if qualified == "builtins.type" { Parent::Plain } else { Parent::Library },
        Some(class) => if class.metaclass.is_some() { Parent::Library } else { Parent::Plain },
        None if qualified.starts_with("builtins.") => Parent::Plain,
        None => return (Parent::Imported, Some(qualified)),
    };
    (kind, None)
}

/// The top-level packages of the imports from which a class of the module with two metaclass
/// sources (bases, `metaclass=`) that may have a metaclass other than `type` may inherit one:
/// its imported sources, and when one of the sources is a class of this module, every imported
/// base of the module (which may be that class's ancestor). A class that mixes one such base
/// with builtins (`class E(AppError, ValueError)`) cannot conflict and asks for nothing.
fn metaclass_sources(look: &FirstLook) -> Vec<String> {
    // Each class with its metaclass sources (a name read in a function may be the function's:
    // then it counts as a class of the module, which may have any ancestor).
    let classes = || {
        look.classes
            .iter()
            .map(|class| bases(class).iter().map(|b| (b, false)).chain(metaclass_keyword(class).map(|k| (k, true))))
    };
    let imported = |expr: &Expr, is_keyword: bool| match parent_kind(look, expr, is_keyword) {
        (Parent::Imported, Some(qualified)) => Some(qualified),
        _ => None,
    };
    let mut tops: Vec<String> = Vec::new();
    let mut local_candidates = false;
    for sources in classes() {
        // Most classes have one base or none: no question to ask about them.
        if sources.clone().nth(1).is_none() {
            continue;
        }
        let (mut maybe, mut local) = (0, false);
        let mut here: Vec<String> = Vec::new();
        for (expr, is_keyword) in sources {
            let (kind, qualified) = parent_kind(look, expr, is_keyword);
            maybe += usize::from(kind != Parent::Plain);
            local |= kind == Parent::Local;
            if kind == Parent::Imported {
                here.extend(qualified);
            }
        }
        if maybe >= 2 {
            tops.extend(here);
            local_candidates |= local;
        }
    }
    // A class of this module among the sources: any imported base here may be its ancestor.
    if local_candidates {
        for sources in classes() {
            tops.extend(sources.filter_map(|(expr, is_keyword)| imported(expr, is_keyword)));
        }
    }
    tops.sort_unstable();
    tops.dedup();
    tops
}

