//! The cache's part of a run: a file's keys, the cache's answer before or after the file is read,
//! and the results of files that read the project index, checked against the index of this run.
use super::*;

impl Job<'_> {
    /// The file's keys in the cache; none for standard input or without a cache.
    pub(super) fn probe(&self, source: &FileSource) -> Option<Probe> {
        let cache = self.cache.as_ref().filter(|_| !source.stdin)?;
        let opened = source.path.as_deref()?;
        let path = normalize(&absolute(opened, &self.cwd));
        Some(cache.probe(&path, opened, &source.settings, &source.transforms, is_stub(&source.display)))
    }

    /// The cache's answer for the file: before it is read (`bytes` none: the stat fast path)
    /// or after.
    pub(super) fn cache_answer(&self, source: &mut FileSource, bytes: Option<&[u8]>) -> Option<Cached> {
        let cache = self.cache.as_ref()?;
        let FileSource { cache: probe, names, path, display, transforms, .. } = source;
        let probe = probe.as_mut()?;
        let entry = match bytes {
            None => cache.unchanged(probe)?,
            Some(bytes) => cache.read(probe, bytes)?,
        };
        let names = self.uses_project_index().then(|| self.names_of(names, path.as_deref(), display));
        cache.answer(entry, probe, transforms, names, self.cached_texts(bytes.is_some()))
    }

    /// Whether a cached new text may answer: `diff` shows it beside the file's bytes, read by
    /// then (`apply` processes a file it writes again).
    fn cached_texts(&self, read: bool) -> bool {
        self.action == Action::Diff && read
    }

    /// A cached result as the outcome: `diff` shows a file that changes from its bytes.
    fn cached_outcome(&self, display: &str, result: FileResult, bytes: Option<Vec<u8>>) -> Outcome {
        let mut outcome = Outcome::new(display, result);
        if let Some(bytes) = bytes {
            outcome.keep_diff(&bytes);
        }
        outcome
    }

    pub(super) fn cached_stage(&self, source: FileSource, bytes: Option<Vec<u8>>, cached: Cached) -> (Stage, Option<ModuleSummary>) {
        match cached {
            Cached::Result(result, summary) => (Stage::Done(self.cached_outcome(&source.display, result, bytes)), summary),
            Cached::NeedsIndex(module, summary) => (Stage::Cached(source, bytes, module), Some(summary)),
        }
    }

    /// A file whose cached result read the project index: the result when the index is as it
    /// was, else the file processed again.
    pub(super) fn finish_cached(&self, mut source: FileSource, bytes: Option<Vec<u8>>, module: &ModuleName, project: &ProjectIndex) -> Outcome {
        let read = bytes.is_some();
        if let Some(result) = self.cached_result(&source, project, read) {
            return self.cached_outcome(&source.display, result, bytes);
        }
        let bytes = match bytes {
            Some(bytes) => bytes,
            None => match self.read(&mut source) {
                Ok(bytes) => bytes,
                Err(outcome) => return outcome,
            },
        };
        if let (Some(cache), Some(probe)) = (&self.cache, &mut source.cache) {
            cache.read(probe, &bytes);
        }
        // `diff` of a file that changes: its kept text answers once its bytes are read.
        if !read && let Some(result) = self.cached_result(&source, project, true) {
            return self.cached_outcome(&source.display, result, Some(bytes));
        }
        let display = source.display.clone();
        stack::with_stack(stack::stack_needed(&bytes), || {
            match prepare(&escape_controls(&source.display), &bytes, is_stub(&source.display)) {
                Ok(prepared) => {
                    // Its first look was not kept: every transform may report.
                    let candidates = source.transforms.clone();
                    let found = Found { semantic: None, candidates: &candidates };
                    self.finish(source, &bytes, &prepared, found, Some(module), Some(project))
                }
                Err(message) => Outcome::of_error(&source.display, message),
            }
        })
        .unwrap_or_else(|why| failed(&display, why))
    }

    /// The cached result of a file that read the project index, if it holds for this one.
    fn cached_result(&self, source: &FileSource, project: &ProjectIndex, read: bool) -> Option<FileResult> {
        let (cache, probe) = (self.cache.as_ref()?, source.cache.as_ref()?);
        let entry = cache.entry(probe)?;
        cache.result(entry, probe, Some(project.digest()), &source.transforms, self.cached_texts(read))
    }
}
