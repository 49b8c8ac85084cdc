//! Files that need the whole project index. Each is checked at once against an empty index that
//! records the questions the checks ask it, then settled when every summary is in: a file whose
//! every question the whole index answers no, as the empty one did, keeps that result (the checks
//! took the same path). The others are parsed and checked again then; keeping the parse of every
//! waiting file instead would multiply the run's peak memory.
use crate::engine::job::{Found, FileSource, Job, failed};
use crate::engine::project_index::{ModuleName, ProjectIndex, Question};
use crate::semantic::SemanticModel;
use crate::engine::stack;
use crate::engine::timings::Timings;
use crate::engine::transform::Transform;
use crate::engine::{FileResult, Prepared, prepare};
use crate::output::escape_controls;
use crate::workspace::discover::is_stub;

use super::Outcome;

/// A file checked without the index, waiting for it.
pub(super) struct Waiting {
    pub(super) source: FileSource,
    pub(super) bytes: Vec<u8>,
    pub(super) module: ModuleName,
    pub(super) candidates: Vec<&'static dyn Transform>,
    /// Its result against an empty index.
    pub(super) checked: Provisional,
}

/// The result of a check against an empty index, and what it asked the index.
pub(super) struct Provisional {
    result: FileResult,
    questions: Vec<Question>,
}

impl Job<'_> {
    /// Checks a file against an empty index that records what the checks ask. Each question is
    /// worded so that the whole index seldom changes its answer: whether an imported function is
    /// a generator (most are not), whether a class statement's metaclasses conflict (most do not,
    /// though the index knows most classes of the project).
    pub(super) fn check_provisionally(
        &self,
        source: &FileSource,
        prepared: &Prepared,
        candidates: &[&'static dyn Transform],
        module: &ModuleName,
    ) -> Provisional {
        let recording = ProjectIndex::recording();
        let found = Found { semantic: Some(SemanticModel::build(prepared.module())), candidates };
        let result = self.checked(source, prepared, found, Some(module), Some(&recording));
        Provisional { result, questions: recording.into_questions() }
    }

    /// Finishes a waiting file once the whole index is in: with its first result when the index
    /// answers each of its questions no, else by parsing and checking it again.
    pub(super) fn settle(&self, waiting: Waiting, project: &ProjectIndex, timings: &Timings) -> Outcome {
        let Waiting { source, bytes, module, candidates, checked } = waiting;
        if project.answers_no(&checked.questions) {
            return self.finish_with(source, &bytes, checked.result, Some(project));
        }
        timings.parsed_again();
        let display = source.display.clone();
        let needed = stack::stack_needed(&bytes);
        // Parsed, and the parse dropped (a walk as deep as the tree), on the same stack.
        stack::with_stack(needed, move || match prepare(&escape_controls(&source.display), &bytes, is_stub(&source.display)) {
            Ok(prepared) => {
                let found = Found { semantic: None, candidates: &candidates };
                self.finish(source, &bytes, &prepared, found, Some(&module), Some(project))
            }
            Err(message) => Outcome::of_error(&source.display, message),
        })
        .unwrap_or_else(|why| failed(&display, why))
    }
}
