//! Building the edits from the plan: `__init__` becomes `__new__`, `self` becomes `cls`, the
//! instance is built at the split (or at each exit), the base `__init__` call goes, and the
//! body ends in `return self`.
use ruff_python_ast::helpers::is_docstring_stmt;
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::{Stmt, StmtFunctionDef};
use ruff_python_trivia::{SimpleTokenKind, SimpleTokenizer};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::body_start::header_colon_end;
use crate::edits::fix::Edit;
use crate::edits::lines::{above_leading_comments, continues_previous_line, is_alone_on_its_lines, reindented, statement_indentation, statement_lines_range};
use crate::engine::checker::Checker;

use super::plan::Plan;

impl Plan<'_, '_> {
    /// `super().__new__(cls, value)`, written for a line at `indent`: the continuation lines of
    /// a value over several lines move with it.
    fn construct(&self, indent: &str, checker: &Checker) -> String {
        let text = match self.value.range {
            Some(range) => reindented(range, &self.value.indent, indent, checker.source(), checker.tokens()),
            None => self.value.text.clone(),
        };
        format!("{}({}, {text})", self.new_func, self.cls)
    }

    pub(super) fn edits(&self, checker: &Checker) -> Result<Vec<Edit>, String> {
        let source = checker.source();
        let init = self.candidate.init;
        let mut edits = vec![
            Edit::replace(init.name.range(), "__new__"),
            Edit::replace(self.candidate.receiver.parameter.range(), self.cls.clone()),
        ];
        edits.extend(drop_return_annotation(init, source));
        edits.extend(self.early_receivers.iter().map(|range| Edit::replace(*range, self.cls.clone())));
        edits.extend(self.return_edits(checker));
        edits.extend(self.build_edits(checker)?);
        Ok(edits)
    }

    /// Each `return` of the body gives the instance: the one built so far after the split, a
    /// new one before it.
    fn return_edits(&self, checker: &Checker) -> Vec<Edit> {
        self.returns
            .iter()
            .map(|(index, ret)| {
                let what = match self.split {
                    Some(split) if *index >= split => self.receiver.to_owned(),
                    _ => self.construct(statement_indentation(*ret, checker.source()), checker),
                };
                Edit::replace(ret.range(), format!("return {what}"))
            })
            .collect()
    }

    /// Building the instance at the split, removing the base `__init__` call, and the final
    /// `return`.
    fn build_edits(&self, checker: &Checker) -> Result<Vec<Edit>, String> {
        let source = checker.source();
        let eol = checker.stylist().line_ending().as_str();
        let receiver = self.receiver;
        let last = self.body.len() - 1;
        let mut edits = Vec::new();
        let base_index = self.base_call.as_ref().map(|b| b.index);
        let ends_in_exit = matches!(self.body[last], Stmt::Return(_) | Stmt::Raise(_));
        let returned = match self.split {
            Some(_) => receiver.to_owned(),
            None => self.construct(statement_indentation(&self.body[last], source), checker),
        };
        match (self.split, &self.base_call) {
            // `super().__init__(value)` is where the instance is built.
            (Some(split), Some(call)) if call.index == split && self.value.explicit => {
                let prefix = if split == last { "return ".to_owned() } else { format!("{receiver} = ") };
                edits.push(Edit::insert(call.stmt.start(), prefix));
                edits.extend(call.in_place.iter().cloned());
            }
            (split, call) => {
                if let Some(split) = split {
                    let stmt = &self.body[split];
                    let indent = statement_indentation(stmt, source);
                    let line = format!("{indent}{receiver} = {}{eol}", self.construct(indent, checker));
                    let header_end = header_line_end(self.candidate.init, source);
                    let at = self
                        .top_of_body(split, header_end, source)
                        .unwrap_or_else(|| above_comments(self.body, split, header_end, source));
                    edits.push(Edit::insert(at, line));
                }
                if let Some(call) = call {
                    edits.push(if call.index == last {
                        Edit::replace(call.stmt.range(), format!("return {returned}"))
                    } else {
                        remove_statement(call.stmt, source)?
                    });
                }
            }
        }
        if base_index != Some(last) && !ends_in_exit {
            let stmt = &self.body[last];
            let indent = statement_indentation(stmt, source);
            let at = logical_line_end(checker.tokens(), stmt.end()).unwrap_or_else(|| source.line_end(stmt.end()));
            edits.push(Edit::insert(at, format!("{eol}{indent}return {returned}")));
        }
        Ok(edits)
    }
}

impl Plan<'_, '_> {
    /// Where the instance is built when nothing but the docstring and the removed base
    /// `__init__` call comes before the split: the first line after the header (or the
    /// docstring), so that neither a blank line of the body nor the removed call's place
    /// leaves a blank line first.
    fn top_of_body(&self, split: usize, header_end: TextSize, source: &str) -> Option<TextSize> {
        let removed = self.base_call.as_ref().map(|b| b.index);
        let docstring = self.body.first().filter(|stmt| is_docstring_stmt(stmt)).map(|_| 0);
        if !(0..split).all(|i| Some(i) == removed || Some(i) == docstring) {
            return None;
        }
        let at = match docstring {
            Some(_) => source.full_line_end(self.body[0].end()),
            None => header_end,
        };
        // A line that a backslash joins to the next one would join the new line too.
        (!continues_previous_line(at, source)).then_some(at)
    }
}

/// Where the logical line holding `offset` ends: before the line break that ends it, after
/// any comment and any lines a trailing backslash joins to it.
fn logical_line_end(tokens: &Tokens, offset: TextSize) -> Option<TextSize> {
    let rest = &tokens[tokens.partition_point(|t| t.start() < offset)..];
    rest.iter().find(|t| t.kind() == TokenKind::Newline).map(Ranged::start)
}

/// Drops the return annotation: `__init__` returns `None` (`-> None`, `-> "None"`, or whatever it
/// says), `__new__` returns the instance. One with a comment inside stays, as the comment would
/// be lost.
fn drop_return_annotation(init: &StmtFunctionDef, source: &str) -> Option<Edit> {
    let returns = init.returns.as_deref()?;
    let colon = SimpleTokenizer::starts_at(returns.end(), source)
        .skip_trivia()
        .find(|t| t.kind() != SimpleTokenKind::RParen)
        .filter(|t| t.kind() == SimpleTokenKind::Colon)?;
    let range = TextRange::new(init.parameters.end(), colon.start());
    let has_comment = SimpleTokenizer::new(source, range).any(|t| t.kind() == SimpleTokenKind::Comment);
    (!has_comment).then(|| Edit::delete(range))
}

/// The end of the `def` header's last line (the one with its `:`, past its line break): the
/// body's lines start after it.
fn header_line_end(init: &StmtFunctionDef, source: &str) -> TextSize {
    let colon = header_colon_end(init, source).unwrap_or_else(|| init.returns.as_deref().map_or(init.parameters.end(), Ranged::end));
    source.full_line_end(colon)
}

/// Where a line goes that must come right before `body[index]`: above the comment lines
/// directly on top of it (at its indentation), which describe that statement, not the new one.
fn above_comments(body: &[Stmt], index: usize, header_end: TextSize, source: &str) -> TextSize {
    let stmt = &body[index];
    let floor = match index.checked_sub(1) {
        Some(previous) => source.full_line_end(body[previous].end()),
        None => header_end,
    };
    above_leading_comments(source.line_start(stmt.start()), statement_indentation(stmt, source), floor, source, &|_| false)
}

/// Removes a statement with its line; a comment at the end of the line stays, on its own.
fn remove_statement(stmt: &Stmt, source: &str) -> Result<Edit, String> {
    let next = SimpleTokenizer::starts_at(stmt.end(), source)
        .find(|t| !matches!(t.kind(), SimpleTokenKind::Whitespace | SimpleTokenKind::Continuation));
    match next {
        Some(token) if token.kind() == SimpleTokenKind::Comment => Ok(Edit::delete(TextRange::new(stmt.start(), token.start()))),
        _ if is_alone_on_its_lines(stmt, source) => Ok(Edit::delete(statement_lines_range(stmt, source))),
        _ => Err("the base `__init__` call shares its line with other code".to_owned()),
    }
}
