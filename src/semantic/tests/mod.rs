//! The model's tests. Those of `names`, `flow`, `reads`, `nodes` and `imports` are the tests of
//! the helpers the model replaces (`fixes::bound_names`, `binding_flow`, `class_scope`,
//! `name_reads`, `free_names`, `name_use`, `node_path`, `import_lookup`, `yields` and
//! `resolve`), with the same inputs and expected outputs; `resolution` checks Python's rules.
mod flow;
mod imports;
mod names;
mod nodes;
mod reads;
mod resolution;

use ruff_python_ast::{ModModule, StmtFunctionDef};
use ruff_python_parser::{Parsed, parse_module};
use ruff_text_size::TextSize;

/// The names sorted, for comparing sets.
fn sorted<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_unstable();
    names
}

/// The offset of the first occurrence of `needle`.
fn offset(source: &str, needle: &str) -> TextSize {
    TextSize::try_from(source.find(needle).expect("in source")).expect("small")
}

/// Parses a snippet that the test expects to be valid Python.
pub(super) fn parse(source: &str) -> Parsed<ModModule> {
    match parse_module(source) {
        Ok(parsed) => parsed,
        Err(error) => panic!("test snippet does not parse: {error:?}\n{source}"),
    }
}

/// The first top-level `def` of a module.
fn first_function(module: &ModModule) -> &StmtFunctionDef {
    module.body.iter().find_map(|stmt| stmt.as_function_def_stmt()).expect("the snippet defines a function")
}
