//! Making `from module import name` available at the top of a module, with as little change as
//! possible: reuse an existing import, else extend a `from module import ...` that is there, else
//! add one line.
//!
//! A new line goes after the leading run of the module: its docstring and the imports that follow
//! it (`from __future__` ones included, which must stay first). Without a docstring or leading
//! imports it goes right above the first statement, so a shebang, coding cookie or header comment
//! stays above it. Imports further down the file are left alone: the new line never has to move
//! past code.
use ruff_python_ast::helpers::is_docstring_stmt;
use ruff_python_ast::{Alias, Stmt, StmtImportFrom};
use ruff_python_codegen::Stylist;
use ruff_python_trivia::{SimpleTokenKind, SimpleTokenizer, has_leading_content, leading_indentation};
use ruff_source_file::{LineRanges, UniversalNewlineIterator};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::fix::Edit;
use crate::edits::lines::{above_leading_comments, statement_indentation};
use crate::semantic::SemanticModel;
use crate::semantic::queries::imports::imports_from;

/// The edits that make an imported name available, and the name to write in the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImportEdit {
    /// Empty when the module already imports the name.
    pub(crate) edits: Vec<Edit>,
    /// `name`, or the alias of an existing `from module import name as alias`.
    pub(crate) binding: String,
}

/// Makes `name` from `module` available at module level. `None` when the module already binds
/// `name` some other way (an assignment, a `def`, an import from elsewhere, an import nested in
/// an `if` / `try`): importing would replace that binding. The caller must still check that
/// the scope using the name does not shadow `binding` (see `bound_names`).
pub(crate) fn add_import_from(
    module: &str,
    name: &str,
    semantic: &SemanticModel,
    source: &str,
    stylist: &Stylist,
) -> Option<ImportEdit> {
    if let Some(bound) = semantic.imported_from(module, name) {
        return Some(ImportEdit { edits: Vec::new(), binding: bound.to_string() });
    }
    let ast = semantic.module;
    if semantic.binds(semantic.module_scope(), name) {
        return None;
    }
    let eol = stylist.line_ending().as_str();
    let mergeable = ast.body.iter().find_map(|stmt| match stmt {
        Stmt::ImportFrom(import) if is_mergeable(import, module) => Some(import),
        _ => None,
    });
    let edits = mergeable
        .and_then(|import| merge_into(import, name, source, eol))
        .unwrap_or_else(|| vec![new_import_line(&format!("from {module} import {name}"), &ast.body, source, eol)]);
    Some(ImportEdit { edits, binding: name.to_string() })
}

/// Makes `module` itself reachable at module level, for code that writes `module.name`: reuses
/// a top-level `import module` (or `import module as alias`), else adds `import module` as its own
/// line (see the module docs for where). `None` when the module already binds the name that
/// `import module` would bind (`module`'s first part) some other way. As with
/// [`add_import_from`], the caller checks that the scope using the reference does not shadow it.
pub(crate) fn add_module_import(
    module: &str,
    semantic: &SemanticModel,
    source: &str,
    stylist: &Stylist,
) -> Option<ImportEdit> {
    if let Some(reference) = semantic.module_reference(module) {
        return Some(ImportEdit { edits: Vec::new(), binding: reference });
    }
    let head = module.split('.').next().unwrap_or(module);
    let ast = semantic.module;
    if semantic.binds(semantic.module_scope(), head) {
        return None;
    }
    let eol = stylist.line_ending().as_str();
    let edit = new_import_line(&format!("import {module}"), &ast.body, source, eol);
    Some(ImportEdit { edits: vec![edit], binding: module.to_string() })
}

/// The edits that add `name` to an existing `from module import ...` statement anywhere (a
/// function's own import, say), in its layout; `None` when it cannot take one more name (`*`,
/// `lazy`, or a shape [`add_import_from`] does not merge into). The caller checks that `name` is
/// free in the scope of that statement.
pub(crate) fn add_name_to_import(import: &StmtImportFrom, name: &str, source: &str, stylist: &Stylist) -> Option<Vec<Edit>> {
    let module = import.module.as_ref()?;
    if !is_mergeable(import, module.as_str()) {
        return None;
    }
    merge_into(import, name, source, stylist.line_ending().as_str())
}

/// A top-level `from module import a, b` that can take one more name: not `*` (nothing may
/// follow it) and not `lazy` (the new name would silently become lazy too).
fn is_mergeable(import: &StmtImportFrom, module: &str) -> bool {
    imports_from(import, module) && !import.is_lazy && import.names.iter().all(|a| a.name.as_str() != "*")
}

/// Appends `name` to the names of `import`, in its layout: `a, b` → `a, b, name`; `(a, b,)` →
/// `(a, b, name,)`; one name per line in parentheses → one more line, same indentation, with a
/// trailing comma if the last name had one.
fn merge_into(import: &StmtImportFrom, name: &str, source: &str, eol: &str) -> Option<Vec<Edit>> {
    let last: &Alias = import.names.last()?;
    let (comma, one_per_line) = if source[import.range()].ends_with(')') {
        let close = import.end() - TextSize::from(1);
        let own_lines =
            !has_leading_content(last.start(), source) && source.contains_line_break(TextRange::new(last.end(), close));
        (trailing_comma(last, close, source)?, own_lines)
    } else {
        (None, false)
    };
    // A comma on a line of its own (`dataclass` / `,    )`) has no line to end: the name goes
    // right after it.
    let comma_apart = comma.is_some_and(|c| source.contains_line_break(TextRange::new(last.end(), c.start())));
    if !one_per_line || comma_apart {
        return Some(vec![match comma {
            Some(comma) => Edit::insert(comma.end(), format!(" {name},")),
            None => Edit::insert(last.end(), format!(", {name}")),
        }]);
    }
    let indent = leading_indentation(source.line_str(last.start()));
    Some(match comma {
        Some(comma) => vec![Edit::insert(source.line_end(comma.end()), format!("{eol}{indent}{name},"))],
        None => vec![
            Edit::insert(last.end(), ","),
            Edit::insert(source.line_end(last.end()), format!("{eol}{indent}{name}")),
        ],
    })
}

/// The comma after the last name of a parenthesised import, if any; `None` (outer) if something
/// else than trivia stands between that name and the closing parenthesis.
fn trailing_comma(last: &Alias, close: TextSize, source: &str) -> Option<Option<TextRange>> {
    let mut tokens = SimpleTokenizer::new(source, TextRange::new(last.end(), close)).skip_trivia();
    match tokens.next() {
        None => Some(None),
        Some(token) if token.kind() == SimpleTokenKind::Comma && tokens.next().is_none() => Some(Some(token.range())),
        Some(_) => None,
    }
}

/// The edit adding `line` (an import statement) as its own line; see the module docs for where.
/// The edit that adds a module-level statement `line` (without its line ending) where a new
/// import line would go: after the module's docstring and leading imports. Its code can use what
/// those imports bind ([`leading_run`]).
pub(crate) fn add_module_line(line: &str, semantic: &SemanticModel, source: &str, stylist: &Stylist) -> Edit {
    new_import_line(line, &semantic.module.body, source, stylist.line_ending().as_str())
}

/// The module's leading run: its docstring and the imports right after it, which a new line goes
/// after.
pub(crate) fn leading_run(body: &[Stmt]) -> &[Stmt] {
    let docstring = usize::from(body.first().is_some_and(is_docstring_stmt));
    let imports =
        body[docstring..].iter().take_while(|stmt| matches!(stmt, Stmt::Import(_) | Stmt::ImportFrom(_))).count();
    &body[..docstring + imports]
}

fn new_import_line(line: &str, body: &[Stmt], source: &str, eol: &str) -> Edit {
    if let Some(prev) = leading_run(body).last() {
        let last_line = logical_line_last_piece(source, prev.end());
        let at = source.full_line_end(last_line);
        return if at == source.line_end(last_line) {
            // The file ends on that line without a line ending, and keeps ending without one.
            Edit::insert(at, format!("{eol}{line}"))
        } else {
            Edit::insert(at, format!("{line}{eol}"))
        };
    }
    if let Some(first) = body.first() {
        let line_start = source.line_start(first.start());
        let at = above_leading_comments(line_start, statement_indentation(first, source), header_end(source), source, &is_pragma);
        return Edit::insert(at, format!("{line}{eol}"));
    }
    // No statement at all: after whatever comments the file holds.
    let end = TextSize::of(source);
    if source.is_empty() || source.ends_with(['\n', '\r']) {
        Edit::insert(end, format!("{line}{eol}"))
    } else {
        Edit::insert(end, format!("{eol}{line}"))
    }
}

/// The end of the lines that must stay first in the file: a `#!` line, and a PEP 263 coding
/// cookie on the first or second line.
fn header_end(source: &str) -> TextSize {
    let mut end = TextSize::default();
    for (number, line) in UniversalNewlineIterator::from(source).take(2).enumerate() {
        let text = line.as_str().trim_start_matches([' ', '\t', '\x0c']);
        let shebang = number == 0 && text.starts_with("#!");
        if !shebang && !is_coding_cookie(text) {
            break;
        }
        end = line.full_end();
    }
    end
}

/// `# -*- coding: latin-1 -*-` and the like: a comment with `coding:` or `coding=` followed by a
/// name (PEP 263's regular expression, `^[ \t\f]*#.*?coding[:=][ \t]*([-_.a-zA-Z0-9]+)`).
fn is_coding_cookie(text: &str) -> bool {
    text.starts_with('#')
        && text.match_indices("coding").any(|(at, word)| {
            let rest = &text[at + word.len()..];
            rest.strip_prefix([':', '='])
                .map(|value| value.trim_start_matches([' ', '\t']))
                .is_some_and(|value| value.starts_with(|c: char| c.is_ascii_alphanumeric() || "-_.".contains(c)))
        })
}

/// A comment addressed to a tool that reads it where it is (`# type: ignore` above all code
/// ignores the whole module for mypy: mypy docs, "Ignoring a whole file"; `# pylint: disable=...`, `# isort: skip_file`, ...): the
/// new import does not go above it.
fn is_pragma(comment: &str) -> bool {
    const TOOLS: &[&str] = &["type:", "mypy:", "pyright:", "pylint:", "noqa", "flake8", "ruff:", "isort:", "fmt:", "pitfix:", "pyre-", "pytype:"];
    let text = comment.trim_start_matches('#').trim_start().to_ascii_lowercase();
    TOOLS.iter().any(|tool| text.starts_with(tool))
}

/// An offset on the last physical line of the logical line that goes on at `offset`: a `\\`
/// ending the line (outside a comment) continues it onto the next one, so a new statement
/// goes after that.
fn logical_line_last_piece(source: &str, mut offset: TextSize) -> TextSize {
    loop {
        let rest = &source[TextRange::new(offset, source.line_end(offset))];
        let continued = rest.trim_end().ends_with('\\') && !rest.contains('#');
        let next = source.full_line_end(offset);
        if !continued || next == source.line_end(offset) || usize::from(next) >= source.len() {
            return offset;
        }
        offset = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::{apply, parse, stylist};

    fn add(source: &str) -> Option<ImportEdit> {
        let parsed = parse(source);
        add_import_from("contextlib", "aclosing", &SemanticModel::build(parsed.syntax()), source, &stylist(&parsed, source))
    }

    /// The fixed source, checking the binding is the plain name.
    fn added(source: &str) -> String {
        let import = add(source).expect("an import can be added");
        assert_eq!(import.binding, "aclosing");
        assert!(!import.edits.is_empty());
        apply(source, import.edits)
    }

    #[test]
    fn existing_import_is_reused() {
        let import = add("from contextlib import aclosing\n").unwrap();
        assert_eq!(import, ImportEdit { edits: Vec::new(), binding: "aclosing".into() });
        let import = add("import os\nfrom contextlib import (\n    aclosing as acl,\n)\n").unwrap();
        assert_eq!(import, ImportEdit { edits: Vec::new(), binding: "acl".into() });
    }

    #[test]
    fn name_bound_otherwise_is_a_conflict() {
        assert_eq!(add("def aclosing(x):\n    return x\n"), None);
        assert_eq!(add("from async_tools import aclosing\n"), None);
        assert_eq!(add("try:\n    from contextlib import aclosing\nexcept ImportError:\n    aclosing = None\n"), None);
    }

    #[test]
    fn merges_into_a_flat_list() {
        assert_eq!(
            added("from contextlib import suppress, nullcontext  # ctx\nx = 1\n"),
            "from contextlib import suppress, nullcontext, aclosing  # ctx\nx = 1\n"
        );
        assert_eq!(added("from contextlib import suppress as s\n"), "from contextlib import suppress as s, aclosing\n");
    }

    #[test]
    fn merges_into_a_backslash_continued_list() {
        assert_eq!(
            added("from contextlib import suppress, \\\n    nullcontext\n"),
            "from contextlib import suppress, \\\n    nullcontext, aclosing\n"
        );
    }

    #[test]
    fn merges_into_the_first_mergeable_import() {
        assert_eq!(
            added("from contextlib import *\nfrom contextlib import suppress\nfrom contextlib import nullcontext\n"),
            "from contextlib import *\nfrom contextlib import suppress, aclosing\nfrom contextlib import nullcontext\n"
        );
    }

    #[test]
    fn merges_into_a_parenthesised_list() {
        assert_eq!(
            added("from contextlib import (suppress, nullcontext)\n"),
            "from contextlib import (suppress, nullcontext, aclosing)\n"
        );
        assert_eq!(
            added("from contextlib import (suppress, nullcontext,)\n"),
            "from contextlib import (suppress, nullcontext, aclosing,)\n"
        );
        assert_eq!(
            added("from contextlib import (suppress,\n    nullcontext)\n"),
            "from contextlib import (suppress,\n    nullcontext, aclosing)\n"
        );
        assert_eq!(
            added("from contextlib import (suppress, nullcontext,\n)\n"),
            "from contextlib import (suppress, nullcontext, aclosing,\n)\n"
        );
    }

    #[test]
    fn merges_into_a_one_per_line_list() {
        assert_eq!(
            added("from contextlib import (\n    suppress,\n    nullcontext,  # n\n    # end\n)\n"),
            "from contextlib import (\n    suppress,\n    nullcontext,  # n\n    aclosing,\n    # end\n)\n"
        );
        assert_eq!(
            added("from contextlib import (\r\n\tsuppress\r\n)\r\n"),
            "from contextlib import (\r\n\tsuppress,\r\n\taclosing\r\n)\r\n"
        );
    }

    #[test]
    fn skips_star_lazy_relative_and_nested_imports() {
        assert_eq!(added("from contextlib import *\n"), "from contextlib import *\nfrom contextlib import aclosing\n");
        assert_eq!(
            added("from .contextlib import suppress\n"),
            "from .contextlib import suppress\nfrom contextlib import aclosing\n"
        );
        assert_eq!(
            added("lazy from contextlib import suppress\n"),
            "lazy from contextlib import suppress\nfrom contextlib import aclosing\n"
        );
        assert_eq!(
            added("if x:\n    from contextlib import suppress\n"),
            "from contextlib import aclosing\nif x:\n    from contextlib import suppress\n"
        );
    }

    #[test]
    fn new_line_after_docstring_future_and_leading_imports() {
        assert_eq!(
            added("\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport os\n\nx = 1\nimport sys\n"),
            "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport os\nfrom contextlib import aclosing\n\nx = 1\nimport sys\n"
        );
        assert_eq!(
            added("'''Doc.'''  # c\n\ndef f(): pass\n"),
            "'''Doc.'''  # c\nfrom contextlib import aclosing\n\ndef f(): pass\n"
        );
    }

    #[test]
    fn new_line_below_shebang_cookie_and_comments() {
        assert_eq!(
            added("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Header.\n\nasync def f(): pass\n"),
            "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Header.\n\nfrom contextlib import aclosing\nasync def f(): pass\n"
        );
    }

    #[test]
    fn new_line_goes_above_the_comments_that_lead_the_first_statement() {
        assert_eq!(
            added("# Header.\n\n# what f does\n# more\nasync def f(): pass\n"),
            "# Header.\n\nfrom contextlib import aclosing\n# what f does\n# more\nasync def f(): pass\n"
        );
        // The shebang and the cookie stay first even when they touch the code.
        assert_eq!(
            added("#!/usr/bin/env python\n# vim: set fileencoding=utf-8 :\n# what f does\nasync def f(): pass\n"),
            "#!/usr/bin/env python\n# vim: set fileencoding=utf-8 :\nfrom contextlib import aclosing\n# what f does\nasync def f(): pass\n"
        );
        // A tool's comment stays above the new line: mypy reads `# type: ignore` before any code.
        assert_eq!(
            added("# type: ignore\n# what f does\nasync def f(): pass\n"),
            "# type: ignore\nfrom contextlib import aclosing\n# what f does\nasync def f(): pass\n"
        );
        // Crlf lines, and a comment at another indentation does not lead.
        assert_eq!(
            added("x = 1\r\n"),
            "from contextlib import aclosing\r\nx = 1\r\n"
        );
        assert_eq!(
            added("# a\r\n# b\r\nx = 1\r\n"),
            "from contextlib import aclosing\r\n# a\r\n# b\r\nx = 1\r\n"
        );
    }

    #[test]
    fn new_line_in_crlf_file_and_without_final_newline() {
        assert_eq!(added("import os\r\nx = 1\r\n"), "import os\r\nfrom contextlib import aclosing\r\nx = 1\r\n");
        assert_eq!(added("import os"), "import os\nfrom contextlib import aclosing");
        assert_eq!(
            added("import os\r\n\r\nimport sys"),
            "import os\r\n\r\nimport sys\r\nfrom contextlib import aclosing"
        );
    }

    #[test]
    fn new_line_in_empty_or_comment_only_file() {
        assert_eq!(added(""), "from contextlib import aclosing\n");
        assert_eq!(added("# only a comment\n"), "# only a comment\nfrom contextlib import aclosing\n");
        assert_eq!(added("# only a comment"), "# only a comment\nfrom contextlib import aclosing");
    }

    #[test]
    fn new_line_goes_after_a_continued_import() {
        assert_eq!(
            added("from os import sep\\\n\nx = 1\n"),
            "from os import sep\\\n\nfrom contextlib import aclosing\nx = 1\n"
        );
    }

    #[test]
    fn module_import_is_reused_or_added() {
        let module = |source: &str| {
            let parsed = parse(source);
            add_module_import("dataclasses", &SemanticModel::build(parsed.syntax()), source, &stylist(&parsed, source))
        };
        let reused = module("import dataclasses as dc\n").unwrap();
        assert_eq!(reused, ImportEdit { edits: Vec::new(), binding: "dc".into() });
        let added = module("from dataclasses import dataclass\r\n\r\nx = 1\r\n").unwrap();
        assert_eq!(added.binding, "dataclasses");
        assert_eq!(
            apply("from dataclasses import dataclass\r\n\r\nx = 1\r\n", added.edits),
            "from dataclasses import dataclass\r\nimport dataclasses\r\n\r\nx = 1\r\n"
        );
        assert_eq!(module("dataclasses = None\n"), None);
    }

    #[test]
    fn name_is_added_to_a_nested_import() {
        let source = "def f():\n    from dataclasses import (\n        dataclass,\n    )\n";
        let parsed = parse(source);
        let Some(Stmt::FunctionDef(func)) = parsed.syntax().body.first() else { panic!("a function") };
        let Some(Stmt::ImportFrom(import)) = func.body.first() else { panic!("an import") };
        let edits = add_name_to_import(import, "field", source, &stylist(&parsed, source)).unwrap();
        assert_eq!(apply(source, edits), "def f():\n    from dataclasses import (\n        dataclass,\n        field,\n    )\n");
    }
}
