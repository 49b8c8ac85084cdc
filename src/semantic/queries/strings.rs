//! The text of a string literal, read part by part: `StringLiteralValue::to_str` would build
//! and keep the joined text of an implicitly concatenated string inside the tree, which an
//! arena's tree (`crate::arena`) is not dropped to free.
use std::borrow::Cow;

use ruff_python_ast::StringLiteralValue;

/// The text of a string literal (of all its parts, joined).
pub(crate) fn literal_text(value: &StringLiteralValue) -> Cow<'_, str> {
    match value.as_slice() {
        [single] => Cow::Borrowed(single.as_str()),
        parts => Cow::Owned(parts.iter().map(|part| part.as_str()).collect()),
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::Expr;

    use super::literal_text;

    #[test]
    fn joins_the_parts_of_a_concatenated_string() {
        let parsed = ruff_python_parser::parse_expression("'list' '[int]'").expect("an expression");
        let Expr::StringLiteral(string) = parsed.expr() else { panic!("a string") };
        assert_eq!(literal_text(&string.value), "list[int]");
        let parsed = ruff_python_parser::parse_expression("'x'").expect("an expression");
        let Expr::StringLiteral(string) = parsed.expr() else { panic!("a string") };
        assert!(matches!(literal_text(&string.value), std::borrow::Cow::Borrowed("x")));
    }
}
