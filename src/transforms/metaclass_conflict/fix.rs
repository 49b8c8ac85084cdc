//! The fix: a metaclass deriving from the conflicting ones, defined on the line above the class
//! (above its decorators and the comments directly on top of it), and `metaclass=` naming it.
use std::collections::HashSet;

use ruff_python_ast::token::{TokenKind, parenthesized_range};
use ruff_python_ast::{ArgOrKeyword, StmtClassDef};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextSize};

use crate::edits::add_import::add_import_from;
use crate::edits::fix::Edit;
use crate::edits::fresh_name::fresh_name;
use crate::edits::lines::{above_leading_comments, is_first_on_line, statement_indentation};
use crate::engine::checker::Checker;
use crate::semantic::{BindingKind, Resolution, ScopeId};

use super::classes::{Classes, Conflict, Origin, Source};
use super::unsubscripted;

pub(super) fn build(checker: &Checker, class: &StmtClassDef, conflict: &Conflict, classes: &Classes) -> Option<Vec<Edit>> {
    let source = checker.source();
    let semantic = checker.semantic();
    let first = class.decorator_list.first().map_or(class.start(), Ranged::start);
    if !is_first_on_line(&ruff_text_size::TextRange::empty(first), source) {
        return None;
    }
    let scope = semantic.nodes.scope(checker.node_id());
    let indent = statement_indentation(class, source);
    let mut taken: HashSet<&str> = semantic.scope_names(scope).collect();
    taken.extend(semantic.loaded_names_in_body(&checker.module().body));
    let name = fresh_name(&format!("_{}Meta", class.name.trim_start_matches('_')), &taken);
    let mut edits = Vec::new();
    let mut metaclasses: Vec<String> = Vec::new();
    for metaclass in &conflict.metaclasses {
        let (spelling, imports) = spelled(checker, classes, metaclass, scope)?;
        metaclasses.push(spelling);
        edits.extend(imports);
    }

    let line = source.line_start(first);
    let at = above_leading_comments(line, indent, previous_code_end(checker, first), source, &|_| false);
    let eol = line_ending(source, line).unwrap_or(checker.stylist().line_ending().as_str());
    edits.push(Edit::insert(at, format!("{indent}class {name}({}): pass{eol}", metaclasses.join(", "))));
    edits.push(metaclass_edit(checker, class, conflict, &name)?);
    Some(edits)
}

/// `metaclass=<name>`: the keyword's value replaced, or the keyword added after the last
/// argument (after its closing parentheses, before a trailing comma).
fn metaclass_edit(checker: &Checker, class: &StmtClassDef, conflict: &Conflict, name: &str) -> Option<Edit> {
    if let Some(keyword) = conflict.metaclasses.iter().find_map(|m| match m.origin {
        Origin::Keyword(value) => Some(value),
        Origin::Base(_) => None,
    }) {
        return Some(Edit::replace(keyword.range(), name));
    }
    let arguments = class.arguments.as_deref()?;
    let end = match arguments.iter_source_order().last()? {
        ArgOrKeyword::Arg(arg) => {
            parenthesized_range(arg.into(), arguments.into(), checker.tokens()).unwrap_or(arg.range()).end()
        }
        ArgOrKeyword::Keyword(keyword) => keyword.end(),
    };
    Some(Edit::insert(end, format!(", metaclass={name}")))
}

/// Library metaclasses a fix may import, by key: module and name (`EnumType` is named so from
/// Python 3.11 on; `EnumMeta` is the same class everywhere).
const IMPORTABLE: &[(&str, &str, &str)] = &[("abc.ABCMeta", "abc", "ABCMeta"), ("enum.EnumType", "enum", "EnumMeta")];

/// How the new class's bases name a metaclass, with the import that needs: the `metaclass=`
/// value as written; the name the class's scope sees it under (a class of the module, `ABCMeta`
/// imported from `abc`, `abc.ABCMeta`); a standard library metaclass imported; else
/// `type(<base>)`, the base's metaclass itself, when the base is a class (a `typing` alias such
/// as `typing.Sized` is not: `type()` of it is the alias's type).
fn spelled(checker: &Checker, classes: &Classes, source: &Source, scope: ScopeId) -> Option<(String, Vec<Edit>)> {
    let base = match source.origin {
        Origin::Keyword(value) => return Some((checker.locate(value).to_owned(), Vec::new())),
        Origin::Base(base) => unsubscripted(base),
    };
    if let Some(name) = visible_name(checker, classes, &source.key, scope) {
        return Some((name, Vec::new()));
    }
    if let Some(&(_, module, name)) = IMPORTABLE.iter().find(|(key, ..)| *key == source.key) {
        let semantic = checker.semantic();
        let import = add_import_from(module, name, semantic, checker.source(), checker.stylist());
        if let Some(import) = import {
            // The class's scope must see the module's binding, not one of its own.
            if matches!(semantic.resolve_in(scope, &import.binding), Resolution::Unbound)
                || semantic.resolve_in(scope, &import.binding) == Resolution::Scope(ScopeId::MODULE)
            {
                return Some((import.binding, import.edits));
            }
        }
    }
    let is_alias =
        checker.semantic().qualified_name(base).is_some_and(|q| q.starts_with("typing.") && q != "typing.Protocol");
    (!is_alias).then(|| (format!("type({})", checker.locate(base)), Vec::new()))
}

fn visible_name(checker: &Checker, classes: &Classes, key: &str, scope: ScopeId) -> Option<String> {
    let semantic = checker.semantic();
    // The one binding `name` has in the scope the class's code would read it from.
    let only_binding = |name: &str| {
        let Resolution::Scope(owner) = semantic.resolve_in(scope, name) else { return None };
        let mut bindings = semantic.bindings_of(owner, name);
        match (bindings.next(), bindings.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    };
    if let Some(class) = classes.local(key) {
        let binding = only_binding(class.name.as_str())?;
        let same = binding.kind == BindingKind::ClassDef && binding.range == class.name.range();
        return same.then(|| class.name.to_string());
    }
    let (module, last) = key.rsplit_once('.')?;
    // `EnumType` is named so from Python 3.11 on; `EnumMeta` is the same class everywhere.
    let names: &[&str] = if key == "enum.EnumType" { &["EnumMeta", "EnumType"] } else { &[last] };
    let absolute = |qualified: &str| checker.module_name().map_or(Some(qualified.to_owned()), |m| m.absolute(qualified));
    for name in names {
        let imported = only_binding(name).and_then(|b| b.kind.qualified().map(str::to_owned)).and_then(|q| absolute(&q));
        if imported.as_deref().map(crate::semantic::knowledge::canonical_class) == Some(key) {
            return Some((*name).to_owned());
        }
    }
    if last.starts_with('_') {
        return None;
    }
    let reference = semantic.module_reference(module)?;
    let head = reference.split('.').next()?;
    let binding = only_binding(head)?;
    matches!(binding.kind, BindingKind::Import { .. }).then(|| format!("{reference}.{}", names[0]))
}

/// The start of the line after the last code before `offset`: inserted lines never go above it.
fn previous_code_end(checker: &Checker, offset: TextSize) -> TextSize {
    let tokens = checker.tokens();
    let before = &tokens[..tokens.partition_point(|t| t.start() < offset)];
    let trivia = |kind: TokenKind| {
        matches!(
            kind,
            TokenKind::Comment | TokenKind::NonLogicalNewline | TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
        )
    };
    before.iter().rev().find(|t| !trivia(t.kind())).map_or(TextSize::default(), |t| checker.source().full_line_end(t.end()))
}

/// The line ending of the line starting at `line`, if it has one.
fn line_ending(source: &str, line: TextSize) -> Option<&'static str> {
    let rest = &source[usize::from(source.line_end(line))..];
    if rest.starts_with("\r\n") {
        Some("\r\n")
    } else if rest.starts_with('\n') {
        Some("\n")
    } else if rest.starts_with('\r') {
        Some("\r")
    } else {
        None
    }
}
