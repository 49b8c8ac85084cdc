//! A document held in memory rather than read from disk (the language server's open files):
//! its findings with their fixes at byte offsets of its text, its text with the fixes applied by
//! the same loop as `apply`, and its project-index summary. The text is already decoded: an
//! editor hands over characters, not bytes.
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ruff_python_ast::PySourceType;
use ruff_python_parser::parse_unchecked_source;
use rayon::prelude::*;

use crate::edits::fix::Applicability;
use crate::engine::FileSettings;
use crate::engine::checker::Finding;
use crate::engine::file::{FileResult, looked_findings, prepare, syntax_error};
use crate::engine::first_look::first_look;
use crate::engine::fix_loop::fix_until_stable;
use crate::engine::line_index::LazyLineIndex;
use crate::engine::project_index::{ModuleSummary, PackageRoots, module_names, summarize_local};
use crate::engine::stack;
use crate::engine::transform::Transform;
use crate::settings::Resolver;
use crate::workspace::decode::decode;
use crate::workspace::discover::{Input, discover, is_stub};
use crate::workspace::read::read_regular;

/// The unsuppressed findings of `text`, sorted by position; the syntax error
/// (`line:column: syntax error: ...`) when it does not parse.
pub(crate) fn check_text(text: &str, settings: &FileSettings) -> Result<Vec<Finding>, String> {
    let source_type = if settings.is_stub { PySourceType::Stub } else { PySourceType::Python };
    let parsed = parse_unchecked_source(text, source_type);
    if let Some(message) = syntax_error(&parsed, text) {
        return Err(message);
    }
    let index = LazyLineIndex::new(text);
    // Nothing for a `# pitfix: skip-file` comment.
    Ok(looked_findings(&parsed, text, &index, settings))
}

/// `text` with every allowed fix applied, pass after pass, exactly as `apply` does it (so the
/// result converges and parses); `None` when nothing changes. The error names `name`.
pub(crate) fn fix_text(name: &str, text: &str, settings: &FileSettings, unsafe_fixes: bool) -> Result<Option<String>, String> {
    let findings = check_text(text, settings).map_err(|why| format!("{name}:{why}"))?;
    let allowed = if unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
    let mut result = FileResult::default();
    let fixed = fix_until_stable(name, text.to_owned(), findings, settings, allowed, &mut result)?;
    Ok((fixed != text).then_some(fixed))
}

/// The project-index summary of a file at `path` whose text is `text`, with its module names
/// taken as a run over `roots` takes them; `None` when it does not parse.
pub(crate) fn summarize_text(
    path: &Path,
    text: &str,
    roots: &[PathBuf],
    packages: &PackageRoots,
    transforms: &[&'static dyn Transform],
) -> Option<ModuleSummary> {
    let prepared = prepare("", text.as_bytes(), is_stub(&path.to_string_lossy())).ok()?;
    let look = first_look(prepared.module(), transforms, true);
    let local = Arc::new(summarize_local(&look));
    let (module, names) = module_names(path, roots, packages);
    Some(local.resolve(module, names))
}

/// The summaries of the Python files under `root`, found and read as `pitfix check <root>` finds
/// and reads them (its excludes, its size limit); files that cannot be read or parsed are left
/// out, and the problems are returned as messages.
pub(crate) fn summarize_folder(
    root: &Path,
    resolver: &Arc<Resolver>,
    packages: &PackageRoots,
    transforms: &[&'static dyn Transform],
) -> (Vec<(PathBuf, ModuleSummary)>, Vec<String>) {
    let found = match discover(&[root.to_path_buf()], resolver, root) {
        Ok(found) => found,
        Err(e) => return (Vec::new(), vec![format!("{}: cannot list the files: {e:#}", root.display())]),
    };
    let mut problems = found.skipped;
    let roots = [root.to_path_buf()];
    // Workers with the stack a run's workers have, and a file nested deeper gets its own.
    let pool = match rayon::ThreadPoolBuilder::new().stack_size(stack::WORKER_STACK).build() {
        Ok(pool) => pool,
        Err(e) => return (Vec::new(), vec![format!("{}: cannot start the workers: {e}", root.display())]),
    };
    let summarize = |input: Input| -> Option<Result<(PathBuf, ModuleSummary), String>> {
        let limit = resolver.for_file(&input.path).map(|s| s.max_file_size).ok()?;
        let bytes = match read_regular(&input.path, limit) {
            Ok((bytes, _)) => bytes,
            Err(e) => return Some(Err(format!("{}: {e}", input.display))),
        };
        let text = decode(&bytes).ok()?.0.into_owned();
        let summary = stack::with_stack(stack::stack_needed(&bytes), || {
            summarize_text(&input.path, &text, &roots, packages, transforms)
        });
        Some(Ok((input.path, summary.ok()??)))
    };
    let summaries: Vec<_> = pool.install(|| found.inputs.into_par_iter().filter_map(summarize).collect());
    let mut kept = Vec::new();
    for summary in summaries {
        match summary {
            Ok(summary) => kept.push(summary),
            Err(problem) => problems.push(problem),
        }
    }
    (kept, problems)
}
