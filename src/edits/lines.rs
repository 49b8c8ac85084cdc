//! Where a statement sits in the text: the indentation of its line, whether it starts that line,
//! and the range of the whole lines it spans. A fix that adds or removes whole lines needs these
//! to keep the surrounding bytes intact.
use ruff_python_ast::Stmt;
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_codegen::Stylist;
use ruff_python_trivia::{has_leading_content, has_trailing_content, leading_indentation};
use ruff_source_file::{LineRanges, UniversalNewlineIterator};
use ruff_text_size::{Ranged, TextRange, TextSize};

/// The exact leading whitespace (spaces, tabs, form feeds) of the line the node starts on. A new
/// line written at this indentation lines up with the node, whatever mix the file uses.
pub(crate) fn statement_indentation<'a>(node: &impl Ranged, source: &'a str) -> &'a str {
    leading_indentation(source.line_str(node.start()))
}

/// Whether the node is the first thing on its line: `y = 2` in `x = 1; y = 2` is not, and neither
/// is a statement on a line that a backslash continues. Only such a statement can have lines
/// inserted above it, or its lines removed, without touching its neighbours.
pub(crate) fn is_first_on_line(node: &impl Ranged, source: &str) -> bool {
    !has_leading_content(node.start(), source) && !continues_previous_line(node.start(), source)
}

/// Whether the node is the only statement on the lines it spans (a trailing comment is allowed),
/// so that [`statement_lines_range`] covers the node and nothing else.
pub(crate) fn is_alone_on_its_lines(node: &impl Ranged, source: &str) -> bool {
    is_first_on_line(node, source) && !has_trailing_content(node.end(), source)
}

/// The whole lines of a node: from the start of its first line (indentation included) to the end
/// of its last line, line ending included (none at the end of a file without a final newline).
/// Also covers any other statement or comment sharing those lines; see [`is_alone_on_its_lines`].
pub(crate) fn statement_lines_range(node: &impl Ranged, source: &str) -> TextRange {
    TextRange::new(source.line_start(node.start()), source.full_line_end(node.end()))
}

/// The text of `range` with the lines after its first moved from indentation `from` to `to`, for
/// a multi-line expression that moves to another indentation level. A line that starts inside a
/// string (a triple-quoted literal's content) keeps its bytes, as does one not indented by `from`.
pub(crate) fn reindented(range: TextRange, from: &str, to: &str, source: &str, tokens: &Tokens) -> String {
    let text = &source[range];
    if from == to || !text.contains(['\n', '\r']) {
        return text.to_owned();
    }
    let strings = string_spans(tokens, range);
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in UniversalNewlineIterator::with_offset(text, range.start()).enumerate() {
        let full = line.as_full_str();
        let blank = line.as_str().trim_start_matches([' ', '\t']).is_empty();
        match full.strip_prefix(from) {
            Some(rest) if i > 0 && !blank && !starts_inside(&strings, line.start()) => {
                out.push_str(to);
                out.push_str(rest);
            }
            _ => out.push_str(full),
        }
    }
    out
}

/// The file's indentation unit as the Stylist read it, when it is one: the Stylist takes the
/// first indented line's whitespace as written, which for `\t \\` + newline continuations or
/// form feeds is not a usable unit; four spaces then.
pub(crate) fn indent_unit<'a>(stylist: &'a Stylist) -> &'a str {
    let unit = stylist.indentation().as_str();
    if !unit.is_empty() && unit.chars().all(|c| c == ' ' || c == '\t') { unit } else { "    " }
}

/// The indentation step of a block: the indentation of its first statement past that of the
/// line that opens it (`header_indent`), when the statement starts a line of its own; else the
/// file's unit ([`indent_unit`]). A block's own step keeps new lines consistent with it in a file
/// whose blocks do not all use the same step, and compares the same way with tabs counted as 1
/// or 8.
pub(crate) fn block_step<'a>(header_indent: &str, first: Option<&Stmt>, source: &'a str, stylist: &'a Stylist) -> &'a str {
    first
        .filter(|first| is_first_on_line(*first, source))
        .and_then(|first| statement_indentation(first, source).strip_prefix(header_indent))
        .filter(|step| !step.is_empty() && step.chars().all(|c| c == ' ' || c == '\t'))
        .unwrap_or_else(|| indent_unit(stylist))
}

/// Where lines go that must come right before the line starting at `line_start` (a statement's,
/// or a parameter's, at indentation `indent`): above the comment lines directly on top of it at
/// its indentation, which describe it and must stay next to it; never above `floor` (the start
/// of the first line that may move down), and never above a comment for which `keep` holds. A
/// blank line ends the comments that lead.
pub(crate) fn above_leading_comments(
    line_start: TextSize,
    indent: &str,
    floor: TextSize,
    source: &str,
    keep: &dyn Fn(&str) -> bool,
) -> TextSize {
    let mut start = line_start;
    while start > floor {
        let Some(previous) = previous_line_start(source, start) else { break };
        if previous < floor {
            break;
        }
        let line = source.line_str(previous);
        let comment = line.strip_prefix(indent).filter(|rest| rest.starts_with('#'));
        if !comment.is_some_and(|comment| !keep(comment)) {
            break;
        }
        start = previous;
    }
    start
}

/// The start of the line before the one starting at `line_start` (`\r\n`, `\n` or `\r` ended).
fn previous_line_start(source: &str, line_start: TextSize) -> Option<TextSize> {
    let before = &source[..usize::from(line_start)];
    let without = before.strip_suffix("\r\n").or_else(|| before.strip_suffix(['\n', '\r']))?;
    Some(source.line_start(TextSize::of(without)))
}

/// The ranges of the string literals among the tokens of `range`: a plain string's token, or an
/// f-string / t-string from its start token to its matching end token (its replacement fields
/// included, nested f-strings folded into the outer one).
pub(crate) fn string_spans(tokens: &Tokens, range: TextRange) -> Vec<TextRange> {
    let mut spans = Vec::new();
    let mut open: Vec<TextSize> = Vec::new();
    for token in tokens.in_range(range) {
        match token.kind() {
            TokenKind::String => spans.push(token.range()),
            TokenKind::FStringStart | TokenKind::TStringStart => open.push(token.start()),
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                if let Some(start) = open.pop() {
                    if open.is_empty() {
                        spans.push(TextRange::new(start, token.end()));
                    }
                }
            }
            _ => {}
        }
    }
    spans
}

/// Whether a line starting at `offset` starts inside one of the string spans: bytes put there
/// would become part of the string's value.
pub(crate) fn starts_inside(spans: &[TextRange], offset: TextSize) -> bool {
    spans.iter().any(|s| s.start() < offset && offset < s.end())
}

/// Whether the line holding `offset` is the continuation of one ending in a backslash. A comment
/// ending in a backslash also counts, which errs on the side of "not first on its line".
pub(crate) fn continues_previous_line(offset: TextSize, source: &str) -> bool {
    let line_start = usize::from(source.line_start(offset));
    let before = &source[..line_start];
    let without_ending =
        before.strip_suffix("\r\n").or_else(|| before.strip_suffix('\n')).or_else(|| before.strip_suffix('\r'));
    without_ending.is_some_and(|line| line.ends_with('\\'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reindents_continuation_lines_but_not_string_contents() {
        let source = "x = [  # c\n        1,\n        '''a\n        b''',\n    ]\n";
        let parsed = crate::edits::test_support::parse(source);
        let range = TextRange::new(TextSize::new(4), TextSize::of(source.trim_end()));
        let out = super::reindented(range, "    ", "\t", source, parsed.tokens());
        assert_eq!(out, "[  # c\n\t    1,\n\t    '''a\n        b''',\n\t]");
    }

    #[test]
    fn f_string_closing_line_counts_as_inside() {
        let source = "x = [f'''{a}\n  {b}\n''',\n    1]\n";
        let parsed = crate::edits::test_support::parse(source);
        let spans = super::string_spans(parsed.tokens(), TextRange::up_to(TextSize::of(source)));
        assert_eq!(spans.len(), 1);
        let last_quote_line = TextSize::try_from(source.find("''',").unwrap_or_default()).unwrap_or_default();
        assert!(super::starts_inside(&spans, last_quote_line));
    }

    use ruff_python_ast::Stmt;

    use super::*;
    use crate::edits::test_support::parse;

    /// The statements of a snippet, flattened: each compound statement followed by its body.
    fn statements(source: &str) -> Vec<Stmt> {
        fn flatten(body: &[Stmt], out: &mut Vec<Stmt>) {
            for stmt in body {
                out.push(stmt.clone());
                match stmt {
                    Stmt::FunctionDef(f) => flatten(&f.body, out),
                    Stmt::If(i) => flatten(&i.body, out),
                    Stmt::ClassDef(c) => flatten(&c.body, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        flatten(&parse(source).syntax().body, &mut out);
        out
    }

    #[test]
    fn indentation_is_the_exact_leading_whitespace() {
        let src = "def f():\n\tx = 1\n\tif x:\n\t\ty = 2; z = 3\nclass C:\n  a = 1\n";
        let stmts = statements(src);
        let indents: Vec<&str> = stmts.iter().map(|s| statement_indentation(s, src)).collect();
        assert_eq!(indents, ["", "\t", "\t", "\t\t", "\t\t", "", "  "]);
    }

    #[test]
    fn second_statement_of_a_line_is_not_first() {
        let src = "x = 1; y = 2\nz = 3\n";
        let stmts = statements(src);
        let first: Vec<bool> = stmts.iter().map(|s| is_first_on_line(s, src)).collect();
        assert_eq!(first, [true, false, true]);
    }

    #[test]
    fn body_after_colon_is_not_first() {
        let src = "if True: x = 1\n";
        let stmts = statements(src);
        assert!(is_first_on_line(&stmts[0], src));
        assert!(!is_first_on_line(&stmts[1], src));
    }

    #[test]
    fn backslash_continued_line_is_not_first() {
        let src = "x = 1; \\\ny = 2\n";
        let stmts = statements(src);
        assert!(!is_first_on_line(&stmts[1], src));
        let crlf = "x = 1; \\\r\n    y = 2\r\n";
        assert!(!is_first_on_line(&statements(crlf)[1], crlf));
    }

    #[test]
    fn lines_range_covers_indentation_comment_and_line_ending() {
        let src = "def f():\n    x = [\n        1,\n    ]  # note\n    return x\n";
        let stmts = statements(src);
        assert_eq!(&src[statement_lines_range(&stmts[1], src)], "    x = [\n        1,\n    ]  # note\n");
        assert!(is_alone_on_its_lines(&stmts[1], src));
    }

    #[test]
    fn lines_range_keeps_crlf_and_handles_missing_final_newline() {
        let src = "a = 1\r\nb = 2";
        let stmts = statements(src);
        assert_eq!(&src[statement_lines_range(&stmts[0], src)], "a = 1\r\n");
        assert_eq!(&src[statement_lines_range(&stmts[1], src)], "b = 2");
    }

    #[test]
    fn shared_line_is_not_alone() {
        let src = "x = 1; y = 2\n";
        let stmts = statements(src);
        assert!(!is_alone_on_its_lines(&stmts[0], src));
        assert!(!is_alone_on_its_lines(&stmts[1], src));
        assert_eq!(&src[statement_lines_range(&stmts[1], src)], "x = 1; y = 2\n");
    }
}
