//! Adding parameters that have defaults to a `def` or `lambda` signature, where Python allows
//! them and in the layout the signature already has (one parameter per line stays so).
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::{ExprLambda, Parameters, StmtFunctionDef};
use ruff_python_codegen::Stylist;
use ruff_python_trivia::{has_leading_content, leading_indentation};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::fix::Edit;
use crate::edits::lines::above_leading_comments;

/// The signature that gets the new parameters.
#[derive(Clone, Copy)]
pub(crate) enum Signature<'a> {
    Def(&'a StmtFunctionDef),
    Lambda(&'a ExprLambda),
}

/// Where the new parameters go.
enum Anchor {
    /// After a parameter (or the `/` marker), whose range is given.
    After(TextRange),
    /// Before the `**` of `**kwargs`, the only parameter.
    BeforeKwargs(TextSize),
    /// In an empty list: after `lambda` or after the `(` of a `def`.
    Empty(TextSize),
}

/// The insertions that add `params` (each already written out, like `name=name`) to the signature.
/// With a `*` or `*args` they become keyword-only, after the last keyword-only parameter (or
/// `*args`): nothing passed positionally can reach them. Otherwise they follow the last
/// positional parameter, after the `/` marker when all are positional-only, which is legal since
/// they have defaults. They always precede `**kwargs`.
pub(crate) fn add_parameters(
    signature: Signature,
    params: &[String],
    source: &str,
    tokens: &Tokens,
    stylist: &Stylist,
) -> Option<Vec<Edit>> {
    if params.is_empty() {
        return None;
    }
    let anchor = match signature {
        Signature::Lambda(lambda) => match lambda.parameters.as_deref() {
            Some(parameters) => anchor(parameters, tokens)?,
            // `lambda` is six bytes long: `lambda:` becomes `lambda x=x:`.
            None => Anchor::Empty(lambda.start() + TextSize::new(6)),
        },
        Signature::Def(func) => {
            let parameters = &func.parameters;
            match anchor(parameters, tokens)? {
                Anchor::Empty(_) if source[parameters.range()].starts_with('(') => {
                    Anchor::Empty(parameters.start() + TextSize::new(1))
                }
                Anchor::Empty(_) => return None,
                other => other,
            }
        }
    };
    let line_ending = stylist.line_ending().as_str();
    Some(match anchor {
        Anchor::Empty(at) => {
            let space = if matches!(signature, Signature::Lambda(_)) { " " } else { "" };
            vec![Edit::insert(at, format!("{space}{}", params.join(", ")))]
        }
        Anchor::BeforeKwargs(at) => {
            // Lines moved down stop at the line that opens the list (`(` or `lambda`).
            let opening = match signature {
                Signature::Def(func) => func.parameters.start(),
                Signature::Lambda(lambda) => lambda.start(),
            };
            vec![before_kwargs(at, params, source, source.full_line_end(opening), line_ending)]
        }
        Anchor::After(element) => after_element(element, params, source, tokens, line_ending),
    })
}

fn anchor(parameters: &Parameters, tokens: &Tokens) -> Option<Anchor> {
    if let Some(last) = parameters.kwonlyargs.last() {
        return Some(Anchor::After(last.range()));
    }
    if let Some(vararg) = &parameters.vararg {
        // A variadic parameter's range starts at its `*`.
        return Some(Anchor::After(vararg.range()));
    }
    if let Some(last) = parameters.args.last() {
        return Some(Anchor::After(last.range()));
    }
    if let Some(last) = parameters.posonlyargs.last() {
        let slash = tokens.after(last.end()).iter().find(|t| t.kind() == TokenKind::Slash)?;
        return Some(Anchor::After(slash.range()));
    }
    if let Some(kwarg) = &parameters.kwarg {
        return Some(Anchor::BeforeKwargs(kwarg.start()));
    }
    Some(Anchor::Empty(parameters.start()))
}

/// Insertions after a parameter: one per line when the parameter is alone at the start of its
/// line and the list goes on on the next line, else `, new` on the same line. A comment after the
/// parameter stays on its line.
fn after_element(element: TextRange, params: &[String], source: &str, tokens: &Tokens, line_ending: &str) -> Vec<Edit> {
    let after = tokens.after(element.end());
    let commented = after.first().is_some_and(|t| t.kind() == TokenKind::Comment);
    let following: Vec<_> = after.iter().filter(|t| t.kind() != TokenKind::Comment).collect();
    let own_line = !has_leading_content(element.start(), source);
    let indent = leading_indentation(source.line_str(element.start()));
    match following.as_slice() {
        // `a,` then a new line: the new parameters get lines of their own after `a`'s line.
        [comma, newline, ..]
            if own_line && comma.kind() == TokenKind::Comma && newline.kind() == TokenKind::NonLogicalNewline =>
        {
            let text: String = params.iter().map(|p| format!("{indent}{p},{line_ending}")).collect();
            vec![Edit::insert(newline.end(), text)]
        }
        // `a` then a new line and the closing bracket: continue the column, no trailing comma.
        [newline, ..] if own_line && newline.kind() == TokenKind::NonLogicalNewline => {
            let lines: Vec<String> = params.iter().map(|p| format!("{indent}{p}")).collect();
            if commented {
                let text = format!("{}{line_ending}", lines.join(&format!(",{line_ending}")));
                vec![Edit::insert(element.end(), ","), Edit::insert(newline.end(), text)]
            } else {
                vec![Edit::insert(
                    element.end(),
                    lines.iter().map(|l| format!(",{line_ending}{l}")).collect::<String>(),
                )]
            }
        }
        _ => vec![Edit::insert(element.end(), params.iter().map(|p| format!(", {p}")).collect::<String>())],
    }
}

/// Insertions before `**kwargs`: on its line, or as lines of their own above its line and above
/// the comment lines that lead it (they describe `**kwargs`), not above `floor`.
fn before_kwargs(at: TextSize, params: &[String], source: &str, floor: TextSize, line_ending: &str) -> Edit {
    if has_leading_content(at, source) {
        // `lambda**kw:` has no space to keep the keyword apart from the new name.
        let glued = source[..usize::from(at)].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let space = if glued { " " } else { "" };
        return Edit::insert(at, format!("{space}{}", params.iter().map(|p| format!("{p}, ")).collect::<String>()));
    }
    let indent = leading_indentation(source.line_str(at));
    let line_start = above_leading_comments(source.line_start(at), indent, floor, source, &|_| false);
    Edit::insert(line_start, params.iter().map(|p| format!("{indent}{p},{line_ending}")).collect::<String>())
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::{Expr, Stmt};

    use super::*;
    use crate::edits::test_support::{apply, first_function, parse, stylist};

    fn with_params(source: &str, params: &[&str]) -> String {
        let parsed = parse(source);
        let params: Vec<String> = params.iter().map(|p| (*p).to_owned()).collect();
        let stylist = stylist(&parsed, source);
        let lambda = parsed.syntax().body.iter().find_map(|s| match s {
            Stmt::Expr(e) => match e.value.as_ref() {
                Expr::Lambda(l) => Some(l),
                _ => None,
            },
            _ => None,
        });
        let signature = match lambda {
            Some(lambda) => Signature::Lambda(lambda),
            None => Signature::Def(first_function(parsed.syntax())),
        };
        let edits = add_parameters(signature, &params, source, parsed.tokens(), &stylist).expect("edits");
        apply(source, edits)
    }

    #[test]
    fn lambda_without_parameters() {
        assert_eq!(with_params("lambda: m\n", &["m=m"]), "lambda m=m: m\n");
        assert_eq!(with_params("lambda : m\n", &["m=m", "n=n"]), "lambda m=m, n=n : m\n");
    }

    #[test]
    fn lambda_parameters_of_every_kind() {
        assert_eq!(with_params("lambda value: i\n", &["i=i", "n=n"]), "lambda value, i=i, n=n: i\n");
        assert_eq!(with_params("lambda a, /: i\n", &["i=i"]), "lambda a, /, i=i: i\n");
        assert_eq!(with_params("lambda *a: i\n", &["i=i"]), "lambda *a, i=i: i\n");
        assert_eq!(with_params("lambda *, k: i\n", &["i=i"]), "lambda *, k, i=i: i\n");
        assert_eq!(with_params("lambda **kw: i\n", &["i=i"]), "lambda i=i, **kw: i\n");
        assert_eq!(with_params("lambda**kw: i\n", &["i=i"]), "lambda i=i, **kw: i\n");
        assert_eq!(with_params("lambda*a: i\n", &["i=i"]), "lambda*a, i=i: i\n");
        assert_eq!(with_params("lambda a=1, *b, c, **d: i\n", &["i=i"]), "lambda a=1, *b, c, i=i, **d: i\n");
    }

    #[test]
    fn def_signatures() {
        assert_eq!(with_params("def f():\n    pass\n", &["i=i"]), "def f(i=i):\n    pass\n");
        assert_eq!(
            with_params("def f(p=\">\"):\n    pass\n", &["a=a", "b=b"]),
            "def f(p=\">\", a=a, b=b):\n    pass\n"
        );
        assert_eq!(
            with_params("def f(a, /, b, *args: int, **kw):\n    pass\n", &["i=i"]),
            "def f(a, /, b, *args: int, i=i, **kw):\n    pass\n"
        );
        assert_eq!(with_params("def f(a=1, /):\n    pass\n", &["i=i"]), "def f(a=1, /, i=i):\n    pass\n");
        assert_eq!(with_params("def f[T](x: T,):\n    pass\n", &["i=i"]), "def f[T](x: T, i=i,):\n    pass\n");
    }

    #[test]
    fn one_parameter_per_line_stays_so() {
        let src = "def f(\n    a,  # first\n    *args,\n    **kw,\n):\n    pass\n";
        assert_eq!(
            with_params(src, &["i=i"]),
            "def f(\n    a,  # first\n    *args,\n    i=i,\n    **kw,\n):\n    pass\n"
        );
        let no_trailing = "def f(\n\ta,\n\tb\n):\n\tpass\n";
        assert_eq!(with_params(no_trailing, &["i=i", "j=j"]), "def f(\n\ta,\n\tb,\n\ti=i,\n\tj=j\n):\n\tpass\n");
        let commented = "def f(a,  # first\n      b  # last\n      ):\n    pass\n";
        assert_eq!(
            with_params(commented, &["i=i", "j=j"]),
            "def f(a,  # first\n      b,  # last\n      i=i,\n      j=j\n      ):\n    pass\n"
        );
        let crlf = "def f(\r\n    a,\r\n):\r\n    pass\r\n";
        assert_eq!(with_params(crlf, &["i=i"]), "def f(\r\n    a,\r\n    i=i,\r\n):\r\n    pass\r\n");
    }

    #[test]
    fn kwargs_alone_on_its_line() {
        let src = "def f(\n    **kw\n):\n    pass\n";
        assert_eq!(with_params(src, &["i=i"]), "def f(\n    i=i,\n    **kw\n):\n    pass\n");
        // The comment that leads `**kw` stays with it.
        let src = "def f(  # all by keyword\n    # options for the backend\n    **kw\n):\n    pass\n";
        assert_eq!(
            with_params(src, &["i=i"]),
            "def f(  # all by keyword\n    i=i,\n    # options for the backend\n    **kw\n):\n    pass\n"
        );
    }

    #[test]
    fn same_line_after_a_parameter_followed_by_more() {
        assert_eq!(with_params("def f(a, b=2, *, c):\n    pass\n", &["i=i"]), "def f(a, b=2, *, c, i=i):\n    pass\n");
        assert_eq!(with_params("def f(a,\n      b):\n    pass\n", &["i=i"]), "def f(a,\n      b, i=i):\n    pass\n");
    }
}
