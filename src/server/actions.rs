//! Code actions: a quick fix per finding with the edits of its fix, and the source action that
//! applies every fix `pitfix apply` would apply (also run by the `pitfix.applyAutofix` command).
use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit};
use ruff_text_size::{Ranged, TextRange};

use crate::edits::fix::{Applicability, Fix};
use crate::engine::checker::Finding;
use crate::server::analysis::{Checked, check, fix_all};
use crate::server::diagnostics::diagnostic;
use crate::server::documents::Document;
use crate::server::position::Lines;
use crate::server::project::Project;

pub(crate) const FIX_ALL_KIND: &str = "source.fixAll.pitfix";
pub(crate) const FIX_ALL_TITLE: &str = "Fix all pitfix problems";
/// The command that applies the fix-all edit through `workspace/applyEdit`.
pub(crate) const APPLY_AUTOFIX: &str = "pitfix.applyAutofix";

/// The actions for `params.range` of the document, of the kinds the editor asks for; and a
/// message when the document could not be fixed.
pub(crate) fn code_actions(doc: &Document, project: &Project, params: &CodeActionParams) -> (Vec<CodeActionOrCommand>, Option<String>) {
    let only = params.context.only.as_deref();
    let mut actions = Vec::new();
    if !doc.python {
        return (actions, None);
    }
    let mut problem = None;
    if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        match check(doc, project) {
            Checked::Findings(findings) => {
                let lines = Lines::new(&doc.text);
                let asked = lines.text_range(params.range);
                let touched = findings.iter().filter(|f| f.range.start() <= asked.end() && asked.start() <= f.range.end());
                for finding in touched {
                    if let Some(fix) = &finding.fix {
                        actions.push(CodeActionOrCommand::CodeAction(quick_fix(doc, finding, fix, &lines)));
                    }
                }
            }
            Checked::Unparsable => {}
            Checked::Failed(why) => problem = Some(why),
        }
    }
    if wanted(only, FIX_ALL_KIND) {
        match fix_all_edit(doc, project) {
            Ok(Some(edit)) => actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: FIX_ALL_TITLE.to_owned(),
                kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                edit: Some(edit),
                ..CodeAction::default()
            })),
            Ok(None) => {}
            Err(why) => problem = Some(why),
        }
    }
    (actions, problem)
}

/// Whether the editor asks for actions of `kind`: it asks for all when it names none, else for
/// the kinds under those it names (`source` and `source.fixAll` include `source.fixAll.pitfix`).
fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|kinds| {
        kinds.iter().any(|k| {
            let k = k.as_str();
            k.is_empty() || kind == k || kind.strip_prefix(k).is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// One finding's fix. An unsafe fix is offered too (its title says so), never as the preferred one.
fn quick_fix(doc: &Document, finding: &Finding, fix: &Fix, lines: &Lines) -> CodeAction {
    let safe = fix.applicability() == Applicability::Safe;
    let edits = fix
        .edits()
        .iter()
        .map(|edit| TextEdit { range: lines.range(edit.range()), new_text: edit.content().to_owned() })
        .collect();
    CodeAction {
        title: format!("pitfix: fix {}{}", finding.rule.id, if safe { "" } else { " (unsafe)" }),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(finding, lines)]),
        edit: Some(workspace_edit(&doc.uri, edits)),
        is_preferred: safe.then_some(true),
        ..CodeAction::default()
    }
}

/// The edit that turns the document into its fixed text, as `pitfix apply` would write it;
/// `None` when nothing changes.
pub(crate) fn fix_all_edit(doc: &Document, project: &Project) -> Result<Option<WorkspaceEdit>, String> {
    if !doc.python {
        return Ok(None);
    }
    let Some(fixed) = fix_all(doc, project)? else { return Ok(None) };
    let lines = Lines::new(&doc.text);
    let (range, new_text) = changed_part(&doc.text, &fixed);
    Ok(Some(workspace_edit(&doc.uri, vec![TextEdit { range: lines.range(range), new_text: new_text.to_owned() }])))
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }
}

/// The range of `old` that differs from `new`, and what `new` has there: one edit that leaves
/// the unchanged start and end alone (the editor keeps its cursor and folds there). Its ends
/// fall on character boundaries, and never between the `\r` and `\n` of a line break.
pub(crate) fn changed_part<'n>(old: &str, new: &'n str) -> (TextRange, &'n str) {
    let ok = |text: &str, at: usize| text.is_char_boundary(at) && !(text[..at].ends_with('\r') && text[at..].starts_with('\n'));
    let mut prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while prefix > 0 && !(ok(old, prefix) && ok(new, prefix)) {
        prefix -= 1;
    }
    let room = old.len().min(new.len()) - prefix;
    let mut suffix = old.bytes().rev().zip(new.bytes().rev()).take(room).take_while(|(a, b)| a == b).count();
    while suffix > 0 && !(ok(old, old.len() - suffix) && ok(new, new.len() - suffix)) {
        suffix -= 1;
    }
    let range = TextRange::new(size(prefix), size(old.len() - suffix));
    (range, &new[prefix..new.len() - suffix])
}

fn size(n: usize) -> ruff_text_size::TextSize {
    ruff_text_size::TextSize::try_from(n).unwrap_or(ruff_text_size::TextSize::new(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, new: &str) -> String {
        let (range, text) = changed_part(old, new);
        let mut out = old.to_owned();
        out.replace_range(usize::from(range.start())..usize::from(range.end()), text);
        out
    }

    #[test]
    fn the_changed_part_rebuilds_the_new_text() {
        for (old, new) in [
            ("x is 1\r\n", "x == 1\r\n"),
            ("a\r\nb\r\n", "a\r\nc\r\nb\r\n"),
            ("é = 1\n", "è = 1\n"),
            ("same", "same"),
            ("", "new\n"),
            ("aaa", "aa"),
            ("x\r\n", "x\n"),
        ] {
            assert_eq!(apply(old, new), new, "{old:?} -> {new:?}");
        }
        let (range, text) = changed_part("if x is 1:\n    pass\n", "if x == 1:\n    pass\n");
        assert_eq!((usize::from(range.start()), usize::from(range.end()), text), (5, 7, "=="));
    }

    #[test]
    fn kinds_asked_for() {
        let kinds = |k: &[&str]| k.iter().map(|k| CodeActionKind::from(k.to_string())).collect::<Vec<_>>();
        assert!(wanted(None, FIX_ALL_KIND));
        assert!(wanted(Some(&kinds(&["source.fixAll"])), FIX_ALL_KIND));
        assert!(wanted(Some(&kinds(&["source"])), FIX_ALL_KIND));
        assert!(!wanted(Some(&kinds(&["source.fix"])), FIX_ALL_KIND));
        assert!(!wanted(Some(&kinds(&["quickfix"])), FIX_ALL_KIND));
        assert!(wanted(Some(&kinds(&["quickfix"])), "quickfix"));
    }
}
