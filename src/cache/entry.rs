//! What the cache keeps of a file: its content digest and stamp, the summary the project index
//! needs, and a result per set of settings, in plain serializable types.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cache::key::{Stamp, content_hash};
use crate::edits::fix::Applicability;
use crate::engine::project_index::LocalSummary;
use crate::engine::transform::Transform;
use crate::engine::{FileResult, LocatedEdit, LocatedFinding};

/// One file, as last read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct FileEntry {
    /// The digest of the content the results belong to.
    pub(crate) content: u128,
    /// The file's stamp taken before it was read.
    pub(crate) stamp: Option<Stamp>,
    /// When the run that read it started, in seconds since the epoch.
    pub(crate) read_at: i64,
    /// The file's part of the project index, when the run that read it built one.
    pub(crate) summary: Option<std::sync::Arc<LocalSummary>>,
    pub(crate) results: Vec<StoredResult>,
}

impl FileEntry {
    /// Whether the file is as recorded, going by its stamp alone (`key::Stamp`).
    pub(crate) fn unchanged(&self, stamp: &Stamp) -> bool {
        self.stamp.as_ref() == Some(stamp) && stamp.settled_before(self.read_at)
    }

    pub(crate) fn result(&self, settings: u128, index: Option<u128>) -> Option<&StoredResult> {
        self.results.iter().find(|r| r.settings == settings && r.index == index)
    }
}

/// A file's result under one set of settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredResult {
    /// `key::file_digest` of the settings.
    pub(crate) settings: u128,
    /// The project index's digest, for a file whose result read it.
    pub(crate) index: Option<u128>,
    /// The day (since the epoch) it was last used: unused for `store::MAX_UNUSED_DAYS`, it goes.
    pub(crate) last_used: u32,
    pub(crate) outcome: Stored,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Stored {
    /// `check`: the findings, in order.
    Findings(Vec<StoredFinding>),
    /// `diff` and `apply`: the counts of the summary line, and the digest of the new text when
    /// the file changes (the text is kept in a file of its own: `store::save_text`).
    Fixes { fixed: Vec<(String, usize)>, unsafe_fixed: Vec<(String, usize)>, unfixed: usize, text: Option<u128> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredFinding {
    rule: String,
    message: String,
    start: (usize, usize),
    end: (usize, usize),
    /// `Some(true)`: a safe fix; `Some(false)`: an unsafe one.
    fix: Option<bool>,
    edits: Vec<(usize, usize, usize, usize, String)>,
}

impl Stored {
    /// What to keep of a result; `None` for one that must never be kept (it has errors).
    pub(crate) fn of(result: &FileResult) -> Option<Stored> {
        if !result.errors.is_empty() {
            return None;
        }
        if !result.findings.is_empty() {
            return Some(Stored::Findings(result.findings.iter().map(StoredFinding::of).collect()));
        }
        let counts = |map: &BTreeMap<&'static str, usize>| map.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
        Some(Stored::Fixes {
            fixed: counts(&result.fixed_counts),
            unsafe_fixed: counts(&result.unsafe_counts),
            unfixed: result.unfixed,
            text: result.fixed.as_deref().map(content_hash),
        })
    }

    /// The digest of the new text, for a file that changes.
    pub(crate) fn text(&self) -> Option<u128> {
        match self {
            Stored::Fixes { text, .. } => *text,
            Stored::Findings(_) => None,
        }
    }

    /// The result again, with `text` the new text when the file changes; `None` when it names
    /// a transform that does not run on the file (a cache file that is not what it claims).
    pub(crate) fn to_result(&self, transforms: &[&'static dyn Transform], text: Option<Vec<u8>>) -> Option<FileResult> {
        let id = |name: &str| transforms.iter().map(|t| t.rule().id).find(|id| *id == name);
        let mut result = FileResult::default();
        match self {
            Stored::Findings(findings) => {
                result.findings = findings.iter().map(|f| Some(f.to_finding(id(&f.rule)?))).collect::<Option<_>>()?;
            }
            Stored::Fixes { fixed, unsafe_fixed, unfixed, .. } => {
                let counts = |list: &[(String, usize)]| -> Option<BTreeMap<&'static str, usize>> {
                    list.iter().map(|(k, v)| Some((id(k)?, *v))).collect()
                };
                result.fixed_counts = counts(fixed)?;
                result.unsafe_counts = counts(unsafe_fixed)?;
                result.unfixed = *unfixed;
                result.fixed = text;
            }
        }
        Some(result)
    }
}

impl StoredFinding {
    fn of(finding: &LocatedFinding) -> Self {
        StoredFinding {
            rule: finding.rule.to_owned(),
            message: finding.message.clone(),
            start: finding.start,
            end: finding.end,
            fix: finding.fix.map(|a| a == Applicability::Safe),
            edits: finding.edits.iter().map(|e| (e.start.0, e.start.1, e.end.0, e.end.1, e.content.clone())).collect(),
        }
    }

    fn to_finding(&self, rule: &'static str) -> LocatedFinding {
        LocatedFinding {
            rule,
            message: self.message.clone(),
            start: self.start,
            end: self.end,
            fix: self.fix.map(|safe| if safe { Applicability::Safe } else { Applicability::Unsafe }),
            edits: self
                .edits
                .iter()
                .map(|(l1, c1, l2, c2, content)| LocatedEdit { start: (*l1, *c1), end: (*l2, *c2), content: content.clone() })
                .collect(),
        }
    }
}
