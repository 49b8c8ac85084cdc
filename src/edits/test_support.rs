//! What the tests of the helpers share: parsing a snippet, its style, and applying edits.
use ruff_python_ast::{ModModule, Stmt, StmtFunctionDef};
use ruff_python_codegen::Stylist;
use ruff_python_parser::{Parsed, parse_module};

use crate::edits::fix::{Edit, Fix, apply_fixes};

/// Parses a snippet that the test expects to be valid Python.
pub(crate) fn parse(source: &str) -> Parsed<ModModule> {
    match parse_module(source) {
        Ok(parsed) => parsed,
        Err(error) => panic!("test snippet does not parse: {error:?}\n{source}"),
    }
}

pub(crate) fn stylist<'a>(parsed: &Parsed<ModModule>, source: &'a str) -> Stylist<'a> {
    Stylist::from_tokens(parsed.tokens(), source)
}

/// The first top-level `def` of a module.
pub(crate) fn first_function(module: &ModModule) -> &StmtFunctionDef {
    module
        .body
        .iter()
        .find_map(|stmt| match stmt {
            Stmt::FunctionDef(func) => Some(func),
            _ => None,
        })
        .expect("the snippet defines a function")
}

/// Applies the edits as one fix; checks they were all applied and that the result parses.
pub(crate) fn apply(source: &str, edits: Vec<Edit>) -> String {
    let fix = Fix::safe(edits);
    let (out, applied) = apply_fixes(source, [(0, &fix)]);
    assert_eq!(applied, vec![0], "the fix was not applied");
    if let Err(error) = parse_module(&out) {
        panic!("result does not parse: {error:?}\n{out}");
    }
    out
}
