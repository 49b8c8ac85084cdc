//! Inserting statements as the first code of a function body, e.g. `if x is None: x = []`.
//!
//! They go after the docstring (so it stays the docstring) and after leading `global` /
//! `nonlocal` statements (Python rejects a use of a name before its `global` declaration). When
//! comment lines at the statement's indentation lead the first statement that stays after them
//! (directly on top of it, no blank line between), the new lines go above those comments: they
//! describe that statement and stay next to it. Other comments and blank lines stay where they
//! are, above the new lines. Lines nested deeper (the body of `if x is None:`) take the body's
//! own indentation step (its indentation past the `def` line's), so a file whose blocks use
//! different steps gets the one of the function it edits. A body written on the `def` line
//! (`def f(x=[]): x.append(1); return x`) is turned into an indented block first, one file
//! unit deeper than the `def`, keeping its statements' text as it was.
use std::borrow::Cow;

use ruff_python_ast::helpers::is_docstring_stmt;
use ruff_python_ast::{Stmt, StmtFunctionDef};
use ruff_python_codegen::Stylist;
use ruff_python_trivia::{SimpleTokenKind, SimpleTokenizer, indentation_at_offset, leading_indentation};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::fix::Edit;
use crate::edits::lines::{above_leading_comments, block_step, continues_previous_line, indent_unit, statement_indentation};

/// One line to insert: how many indentation units deeper than the body it goes (0 = body level),
/// and its text: one physical line, without indentation. An empty text gives an empty line.
pub(crate) type BodyLine<'a> = (usize, &'a str);

/// The edits that make `lines` the first statements of `func`'s body (see the module docs for
/// where exactly), after the leading statements for which `stays` holds (after the docstring and
/// declarations): a transform that inserts one guard per pass keeps its guards in order, after
/// those already there. Depth 0 uses the body's own indentation bytes; each deeper level adds
/// the body's indentation step ([`body_step`]). Lines end with the file's line ending. `None` when the source
/// around the body is not in a shape this understands (the caller then offers no fix).
pub(crate) fn insert_after_leading(
    func: &StmtFunctionDef,
    stays: &dyn Fn(&Stmt) -> bool,
    lines: &[BodyLine],
    source: &str,
    stylist: &Stylist,
) -> Option<Vec<Edit>> {
    let first = func.body.first()?;
    if lines.is_empty() {
        return Some(Vec::new());
    }
    let colon_end = header_colon_end(func, source)?;
    let preamble = preamble_len(&func.body, stays);
    let anchor = func.body.get(preamble);
    let prev_end = func.body[..preamble].last().map_or(colon_end, Ranged::end);
    let style = Style { unit: body_step(func, source, stylist), eol: stylist.line_ending().as_str() };

    let mut edits = Vec::new();
    let indent = match gap_between(source, TextRange::new(colon_end, first.start()))? {
        Gap::LineBreak(line_start) => Cow::Borrowed(leading_indentation(&source[usize::from(line_start)..])),
        Gap::SameLine => {
            // A `def` that a backslash joins to the line above does not show its indentation
            // (`class C:` / `    \` / `def m(self): ...`): no block can be made for it.
            if continues_previous_line(func.start(), source) {
                return None;
            }
            // A body on the `def` line: it gets a line of its own, one level deeper than `def`.
            let indent = format!("{}{}", indentation_at_offset(func.start(), source)?, indent_unit(stylist));
            if preamble > 0 {
                let to_first = TextRange::new(colon_end, first.start());
                edits.push(Edit::replace(to_first, format!("{}{indent}", style.eol)));
            }
            Cow::Owned(indent)
        }
    };
    let block = render(lines, &indent, &style);
    let eol = style.eol;
    edits.push(match anchor {
        // Nothing after the docstring: append at the end of its line (past a `;` or comment).
        None => Edit::insert(source.line_end(prev_end), format!("{eol}{block}")),
        Some(anchor) => match gap_between(source, TextRange::new(prev_end, anchor.start()))? {
            Gap::LineBreak(line_start) => {
                let anchor_indent = leading_indentation(&source[usize::from(line_start)..]);
                let floor = source.full_line_end(prev_end);
                let at = above_leading_comments(line_start, anchor_indent, floor, source, &|_| false);
                Edit::insert(at, format!("{block}{eol}"))
            }
            // `"""doc"""; x = 1` or `def f(): x = 1`: the anchor moves to a line of its own, and
            // the `;` or whitespace before it goes.
            Gap::SameLine => {
                Edit::replace(TextRange::new(prev_end, anchor.start()), format!("{eol}{block}{eol}{indent}"))
            }
        },
    });
    Some(edits)
}

/// The indentation step of `func`'s body: its first statement's indentation past the `def`
/// line's, or the file's unit when the body is on the `def` line (or the step is not plain
/// spaces or tabs). Nested lines inserted in the body use it.
pub(crate) fn body_step<'a>(func: &StmtFunctionDef, source: &'a str, stylist: &'a Stylist) -> &'a str {
    block_step(statement_indentation(func, source), func.body.first(), source, stylist)
}

/// The body's indentation step and the file's line ending.
struct Style<'a> {
    unit: &'a str,
    eol: &'a str,
}

/// The lines indented (`indent` plus one unit per depth) and joined by line endings, without a
/// final one; an empty line gets no indentation.
fn render(lines: &[BodyLine], indent: &str, style: &Style) -> String {
    let mut out = String::new();
    for (i, (depth, text)) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str(style.eol);
        }
        if !text.is_empty() {
            out.push_str(indent);
            out.push_str(&style.unit.repeat(*depth));
            out.push_str(text);
        }
    }
    out
}

/// How many statements at the start of the body must stay before inserted code: the docstring,
/// then `global` / `nonlocal` declarations and the statements the caller keeps first.
fn preamble_len(body: &[Stmt], stays: &dyn Fn(&Stmt) -> bool) -> usize {
    let docstring = usize::from(body.first().is_some_and(is_docstring_stmt));
    let leading = body[docstring..]
        .iter()
        .take_while(|stmt| matches!(stmt, Stmt::Global(_) | Stmt::Nonlocal(_)) || stays(stmt))
        .count();
    docstring + leading
}

/// The end of the `:` closing the function header. Searched from the end of the return
/// annotation (or parameters), past the `)` of a parenthesised annotation.
pub(crate) fn header_colon_end(func: &StmtFunctionDef, source: &str) -> Option<TextSize> {
    let after = func.returns.as_deref().map_or(func.parameters.end(), Ranged::end);
    SimpleTokenizer::starts_at(after, source)
        .skip_trivia()
        .find(|token| token.kind() != SimpleTokenKind::RParen)
        .filter(|token| token.kind() == SimpleTokenKind::Colon)
        .map(|token| token.end())
}

/// What separates two statements (or the header and a statement) of a body.
enum Gap {
    /// They are on one logical line: only whitespace, `;` or backslash continuations between.
    SameLine,
    /// A line break ends the first one's logical line; the second one's starts at this offset
    /// (its indentation included), below any comment lines.
    LineBreak(TextSize),
}

/// Classifies the text between two statements; `None` if it holds anything else than trivia and
/// `;` (which a well-formed body never does).
fn gap_between(source: &str, range: TextRange) -> Option<Gap> {
    let mut line_start = None;
    let mut continued = false;
    for token in SimpleTokenizer::new(source, range) {
        match token.kind() {
            SimpleTokenKind::Newline if !continued => line_start = Some(token.end()),
            SimpleTokenKind::Whitespace | SimpleTokenKind::Comment | SimpleTokenKind::Newline => {}
            // A `\` that starts the next statement's logical line decides its indentation in a
            // way lines inserted above it would not match: no insertion there.
            SimpleTokenKind::Continuation if line_start.is_some() => return None,
            SimpleTokenKind::Continuation | SimpleTokenKind::Semi => {}
            _ => return None,
        }
        continued = token.kind() == SimpleTokenKind::Continuation;
    }
    Some(line_start.map_or(Gap::SameLine, Gap::LineBreak))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::{apply, first_function, parse, stylist};

    const GUARD: &[BodyLine] = &[(0, "if x is None:"), (1, "x = []")];

    fn insert(source: &str, lines: &[BodyLine]) -> String {
        let parsed = parse(source);
        let func = first_function(parsed.syntax());
        let edits =
            insert_after_leading(func, &|_| false, lines, source, &stylist(&parsed, source)).expect("the body can take insertions");
        apply(source, edits)
    }

    #[test]
    fn plain_body() {
        assert_eq!(
            insert("def f(x=None):\n    return x\n", GUARD),
            "def f(x=None):\n    if x is None:\n        x = []\n    return x\n"
        );
    }

    #[test]
    fn after_docstring() {
        let src = "def f(x=None):\n    \"\"\"Doc.\n\n    More.\n    \"\"\"\n    return x\n";
        assert_eq!(
            insert(src, GUARD),
            "def f(x=None):\n    \"\"\"Doc.\n\n    More.\n    \"\"\"\n    if x is None:\n        x = []\n    return x\n"
        );
    }

    #[test]
    fn one_line_body_becomes_a_block() {
        assert_eq!(
            insert("def f(x=[]): x.append(1); return x\n", GUARD),
            "def f(x=[]):\n    if x is None:\n        x = []\n    x.append(1); return x\n"
        );
    }

    #[test]
    fn one_line_body_of_a_method_uses_def_indent_plus_unit() {
        let src = "class C:\n\tdef f(self, x=[]): return x\n";
        let parsed = parse(src);
        let class = match &parsed.syntax().body[0] {
            Stmt::ClassDef(class) => class,
            _ => unreachable!(),
        };
        let Stmt::FunctionDef(func) = &class.body[0] else { unreachable!() };
        let edits = insert_after_leading(func, &|_| false, GUARD, src, &stylist(&parsed, src)).unwrap();
        assert_eq!(
            apply(src, edits),
            "class C:\n\tdef f(self, x=[]):\n\t\tif x is None:\n\t\t\tx = []\n\t\treturn x\n"
        );
    }

    #[test]
    fn one_line_body_with_docstring_and_comment() {
        assert_eq!(
            insert("def f(x=[]): \"\"\"Doc.\"\"\"; return x  # note\n", GUARD),
            "def f(x=[]):\n    \"\"\"Doc.\"\"\"\n    if x is None:\n        x = []\n    return x  # note\n"
        );
    }

    #[test]
    fn one_line_body_that_is_only_a_docstring() {
        assert_eq!(
            insert("def f(x=[]): \"\"\"Doc.\"\"\"  # note\nf()\n", &[(0, "pass")]),
            "def f(x=[]):\n    \"\"\"Doc.\"\"\"  # note\n    pass\nf()\n"
        );
    }

    #[test]
    fn one_line_body_after_backslash_continuation() {
        assert_eq!(
            insert("def f(x=[]): \\\n  return x\n", GUARD),
            "def f(x=[]):\n    if x is None:\n        x = []\n    return x\n"
        );
    }

    #[test]
    fn one_line_ellipsis_body() {
        assert_eq!(insert("def f(x=[]): ...\n", &[(0, "pass")]), "def f(x=[]):\n    pass\n    ...\n");
    }

    #[test]
    fn above_the_decorators_of_a_nested_def() {
        assert_eq!(
            insert("def f(x=None):\n    @cache\n    def g():\n        return x\n    return g\n", GUARD),
            "def f(x=None):\n    if x is None:\n        x = []\n    @cache\n    def g():\n        return x\n    return g\n"
        );
    }

    #[test]
    fn docstring_then_code_on_the_same_line() {
        assert_eq!(
            insert("def f(x=None):\n    \"\"\"Doc.\"\"\"; x = x or 1\n    return x\n", GUARD),
            "def f(x=None):\n    \"\"\"Doc.\"\"\"\n    if x is None:\n        x = []\n    x = x or 1\n    return x\n"
        );
    }

    #[test]
    fn first_statement_with_trailing_comment() {
        assert_eq!(
            insert("def f(x=None):\n    return x  # the end\n", GUARD),
            "def f(x=None):\n    if x is None:\n        x = []\n    return x  # the end\n"
        );
    }

    #[test]
    fn goes_above_the_comments_that_lead_the_first_statement() {
        // `# how` leads `return x`; `# why`, apart from it by a blank line, stays above the guard.
        let src = "def f(x=None):  # header\n\n    # why\n\n    # how\n    # more\n    return x\n";
        assert_eq!(
            insert(src, GUARD),
            "def f(x=None):  # header\n\n    # why\n\n    if x is None:\n        x = []\n    # how\n    # more\n    return x\n"
        );
    }

    #[test]
    fn comment_directly_after_the_def_line_stays_with_its_statement() {
        let src = "def f(x=None):\n    # remember what was logged\n    x.append(1)\n";
        assert_eq!(
            insert(src, GUARD),
            "def f(x=None):\n    if x is None:\n        x = []\n    # remember what was logged\n    x.append(1)\n"
        );
    }

    #[test]
    fn comment_between_docstring_and_code_stays_with_the_code() {
        let src = "def f(x=None):\n    '''Doc.'''\n    # setup\n    return x\n";
        assert_eq!(
            insert(src, GUARD),
            "def f(x=None):\n    '''Doc.'''\n    if x is None:\n        x = []\n    # setup\n    return x\n"
        );
    }

    #[test]
    fn comment_at_another_indentation_does_not_lead() {
        let src = "def f(x=None):\n#   old code\n    return x\n";
        assert_eq!(insert(src, GUARD), "def f(x=None):\n#   old code\n    if x is None:\n        x = []\n    return x\n");
    }

    #[test]
    fn after_global_and_nonlocal() {
        let src = "def f(x=None):\n    \"\"\"Doc.\"\"\"\n    global a\n    nonlocal b; global c\n    return x\n";
        assert_eq!(
            insert(src, GUARD),
            "def f(x=None):\n    \"\"\"Doc.\"\"\"\n    global a\n    nonlocal b; global c\n    if x is None:\n        x = []\n    return x\n"
        );
    }

    #[test]
    fn body_only_docstring() {
        assert_eq!(
            insert("def f(x=None):\n    \"\"\"Doc.\"\"\"\n\n\ndef g(): pass\n", GUARD),
            "def f(x=None):\n    \"\"\"Doc.\"\"\"\n    if x is None:\n        x = []\n\n\ndef g(): pass\n"
        );
    }

    #[test]
    fn body_only_docstring_without_final_newline() {
        assert_eq!(
            insert("def f(x=None):\n    \"\"\"Doc.\"\"\";  # c", GUARD),
            "def f(x=None):\n    \"\"\"Doc.\"\"\";  # c\n    if x is None:\n        x = []"
        );
    }

    #[test]
    fn crlf_file() {
        assert_eq!(
            insert("def f(x=None):\r\n    \"\"\"Doc.\"\"\"\r\n    return x\r\n", GUARD),
            "def f(x=None):\r\n    \"\"\"Doc.\"\"\"\r\n    if x is None:\r\n        x = []\r\n    return x\r\n"
        );
        assert_eq!(
            insert("def f(x=[]): return x\r\n", GUARD),
            "def f(x=[]):\r\n    if x is None:\r\n        x = []\r\n    return x\r\n"
        );
    }

    #[test]
    fn tab_indented_file() {
        assert_eq!(
            insert("def f(x=None):\n\tif x:\n\t\tpass\n\treturn x\n", GUARD),
            "def f(x=None):\n\tif x is None:\n\t\tx = []\n\tif x:\n\t\tpass\n\treturn x\n"
        );
    }

    #[test]
    fn body_indent_is_copied_and_the_step_is_the_body_s_own() {
        let src = "def f(x=None):\n  return x\n";
        assert_eq!(insert(src, GUARD), "def f(x=None):\n  if x is None:\n    x = []\n  return x\n");
        // The file's first block uses two spaces, the function four: the guard uses four.
        let src = "if a:\n  b = 1\ndef f(x=None):\n    return x\n";
        let parsed = parse(src);
        let Stmt::FunctionDef(func) = &parsed.syntax().body[1] else { unreachable!() };
        let edits = insert_after_leading(func, &|_| false, GUARD, src, &stylist(&parsed, src)).unwrap();
        assert_eq!(apply(src, edits), "if a:\n  b = 1\ndef f(x=None):\n    if x is None:\n        x = []\n    return x\n");
        // A method: the step is the body's indentation past the `def` line's, not past column 0.
        let src = "class C:\n  def f(self, x=None):\n      return x\n";
        let parsed = parse(src);
        let Stmt::ClassDef(class) = &parsed.syntax().body[0] else { unreachable!() };
        let Stmt::FunctionDef(func) = &class.body[0] else { unreachable!() };
        let edits = insert_after_leading(func, &|_| false, GUARD, src, &stylist(&parsed, src)).unwrap();
        assert_eq!(
            apply(src, edits),
            "class C:\n  def f(self, x=None):\n      if x is None:\n          x = []\n      return x\n"
        );
    }

    #[test]
    fn async_def_with_decorator_annotations_and_type_params() {
        let src = "@dec\nasync def f[T](x: T = None) -> (\n    T\n):\n    return x\n";
        assert_eq!(
            insert(src, GUARD),
            "@dec\nasync def f[T](x: T = None) -> (\n    T\n):\n    if x is None:\n        x = []\n    return x\n"
        );
    }

    #[test]
    fn colon_inside_annotation_is_not_the_header_colon() {
        let src = "def f(x: dict[str, int] = {}) -> Callable[[int], int]: return x\n";
        assert_eq!(
            insert(src, &[(0, "pass")]),
            "def f(x: dict[str, int] = {}) -> Callable[[int], int]:\n    pass\n    return x\n"
        );
    }

    #[test]
    fn empty_lines_get_no_indentation_and_empty_list_no_edit() {
        let lines = [(0, "for a in b:"), (1, "if a:"), (0, ""), (2, "c = a")];
        assert_eq!(
            insert("def f(b):\n    return 1\n", &lines),
            "def f(b):\n    for a in b:\n        if a:\n\n            c = a\n    return 1\n"
        );
        let src = "def f():\n    return 1\n";
        let parsed = parse(src);
        let func = first_function(parsed.syntax());
        assert_eq!(insert_after_leading(func, &|_| false, &[], src, &stylist(&parsed, src)), Some(Vec::new()));
    }
}
