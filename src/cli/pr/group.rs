//! One pull request per transform: each transform's fixes run alone on the base, each on its
//! own branch (`<branch-prefix><id>`) and pull request; at most `max-open-prs` open at once;
//! sites of a pull request closed without merging are not fixed again (unless `--recreate`).
use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};

use super::fixes::{self, Change, RuleCount};
use super::github::Pull;
use super::outputs::{Operation, PullOutcome, Report};
use super::publish;
use super::repo::Worktree;
use super::sites::{self, FileSites};
use super::{Ctx, body, status, step};
use crate::engine::job::RunOptions;
use crate::engine::parse_error;
use crate::workspace::discover::is_stub;
use crate::workspace::interrupt;

/// One changed file of a transform's fix.
pub(crate) struct FileFix {
    pub(crate) path: String,
    pub(crate) old: Vec<u8>,
    pub(crate) new: Vec<u8>,
    pub(crate) sites: FileSites,
    pub(crate) fixes: usize,
}

impl FileFix {
    /// The file's text with the sites `keep` accepts fixed: the whole fix when it accepts every
    /// site, else the old text with only those sites' changes, which must parse (else `None`, and
    /// the file keeps its text; so does a file in another encoding than UTF-8, fixed whole or not
    /// at all).
    fn fixed_text(&self, keep: impl Fn(&str) -> bool, transform: &str) -> Option<Vec<u8>> {
        if self.sites.sites.iter().all(|s| keep(&s.id)) {
            return Some(self.new.clone());
        }
        let (Ok(old), Ok(new)) = (std::str::from_utf8(&self.old), std::str::from_utf8(&self.new)) else { return None };
        let partial = self.sites.apply(old, new, |s| keep(&s.id));
        if let Some(error) = parse_error(&partial, is_stub(&self.path)) {
            eprintln!(
                "pitfix: {}: the fixes of `{transform}` without its declined sites would not parse ({error}); file left unchanged",
                self.path
            );
            return None;
        }
        Some(partial.into_bytes())
    }
}

/// A transform whose fix changes the base.
pub(crate) struct Candidate {
    pub(crate) id: &'static str,
    pub(crate) files: Vec<FileFix>,
    pub(crate) count: RuleCount,
    pub(crate) unfixed: usize,
    pub(crate) file_errors: usize,
}

impl Candidate {
    pub(crate) fn site_ids(&self) -> impl Iterator<Item = &str> {
        self.files.iter().flat_map(|f| f.sites.sites.iter().map(|s| s.id.as_str()))
    }
}

/// A pitfix pull request closed without merging: its fix set is declined.
pub(crate) struct Declined {
    pub(crate) transform: String,
    pub(crate) number: u64,
    pub(crate) url: String,
    pub(crate) fingerprint: String,
    pub(crate) sites: BTreeSet<String>,
}

/// What the run does with a transform.
pub(crate) enum Decision {
    /// Its pull request is open: update it.
    Update(Pull),
    /// Open a pull request (a slot is free).
    Open,
    /// No slot is free (`max-open-prs`).
    Wait,
    /// Every site is in a declined fix set.
    Declined,
    /// Its open pull request has nothing left to fix: close it.
    Close(Pull),
}

/// A transform's fix set and what the run does with it.
pub(crate) struct Entry {
    pub(crate) id: String,
    /// Its pull request's branch.
    pub(crate) branch: String,
    pub(crate) candidate: Option<Candidate>,
    /// The sites this run fixes.
    pub(crate) chosen: BTreeSet<String>,
    pub(crate) fixes: usize,
    /// Sites left alone because a person declined them.
    pub(crate) left_out: usize,
    pub(crate) decision: Decision,
}

impl Entry {
    pub(crate) fn fingerprint(&self) -> String {
        sites::fingerprint(self.chosen.iter().map(String::as_str))
    }
}

pub(crate) fn run(ctx: &Ctx, tree: Worktree) -> Result<Report> {
    let candidates = step("compute the fixes", || compute(ctx, &tree))?;
    let (open, declined) = step("read pitfix's pull requests", || read_pulls(ctx))?;
    let entries = decide(ctx, candidates, open, &declined);
    if ctx.args.status {
        return Ok(status::print(ctx, &entries, &declined));
    }
    let waiting = status::waiting(&entries);
    let mut report = Report::none(String::new());
    let mut outcomes = Vec::new();
    for entry in &entries {
        if interrupt::interrupted() {
            bail!("interrupted");
        }
        if let Some(outcome) = publish::entry(ctx, &tree, entry, &waiting, &mut report)? {
            outcomes.push(outcome);
        }
    }
    finish(ctx, &mut report, &entries, outcomes);
    Ok(report)
}

/// The report's single-valued outputs name the first pull request created, else updated, else
/// closed; `pull-requests` lists them all.
fn finish(ctx: &Ctx, report: &mut Report, entries: &[Entry], outcomes: Vec<PullOutcome>) {
    for operation in [Operation::Created, Operation::Updated, Operation::Closed] {
        if let Some(first) = outcomes.iter().find(|o| o.operation == operation.as_str()) {
            report.operation = operation;
            report.number = Some(first.number);
            report.url = Some(first.url.clone());
            break;
        }
    }
    if entries.is_empty() {
        let message = format!("Nothing to fix on `{}` ({}); no pull request.", ctx.base, super::short(&ctx.base_sha));
        println!("{message}");
        report.summary = message;
    }
    report.pulls = Some(outcomes);
}

/// Each transform's fix, run alone on the base (after one run of them all that tells which
/// transforms have anything to fix).
fn compute(ctx: &Ctx, tree: &Worktree) -> Result<Vec<Candidate>> {
    let mut options = ctx.args.run.options();
    options.unsafe_fixes = ctx.plan.unsafe_fixes;
    let all = fixes::apply(&options, &ctx.checkout, tree, &ctx.cwd, true)?;
    tree.reset()?;
    let mut candidates = Vec::new();
    for id in all.counts.keys().copied() {
        if interrupt::interrupted() {
            bail!("interrupted while fixing the files");
        }
        let only = RunOptions { only: Some(id), ..options.clone() };
        let change = fixes::apply(&only, &ctx.checkout, tree, &ctx.cwd, false)?;
        let files = change
            .files
            .iter()
            .map(|(path, fixes)| {
                let old = tree.original(path)?;
                let new = std::fs::read(tree.path.join(path)).map_err(|e| anyhow::anyhow!("cannot read {path}: {e}"))?;
                let sites = sites::sites(path, &String::from_utf8_lossy(&old), &String::from_utf8_lossy(&new));
                Ok(FileFix { path: path.clone(), old, new, sites, fixes: *fixes })
            })
            .collect::<Result<Vec<_>>>()?;
        tree.reset()?;
        let count = change.counts.get(id).copied().unwrap_or_default();
        if count.fixes > 0 && !files.is_empty() {
            candidates.push(Candidate { id, files, count, unfixed: change.unfixed, file_errors: change.file_errors });
        }
    }
    if !ctx.quiet() {
        let per_rule: Vec<String> = candidates.iter().map(|c| format!("{}: {}", c.id, c.count.fixes)).collect();
        eprintln!("Fixable on `{}`: {}.", ctx.base, if per_rule.is_empty() { "nothing".to_owned() } else { per_rule.join(", ") });
    }
    Ok(candidates)
}

/// The open pull requests from this repository's branches, by branch; and the declined fix
/// sets: pitfix's pull requests closed without merging.
fn read_pulls(ctx: &Ctx) -> Result<(Vec<Pull>, Vec<Declined>)> {
    let Some(github) = &ctx.github else { return Ok((Vec::new(), Vec::new())) };
    let open = github.list_pulls("open")?;
    let mut declined = Vec::new();
    for pull in github.list_pulls("closed")?.into_iter().filter(|p| p.merged_at.is_none()) {
        let Some(fields) = pull.body.as_deref().and_then(body::marker_fields) else { continue };
        let (Some(transform), Some(sites)) = (fields.get("transform"), fields.get("sites")) else { continue };
        if !pull.is_from(&github.repo.owner, &ctx.plan.branch_of(transform)) {
            continue;
        }
        declined.push(Declined {
            transform: transform.clone(),
            number: pull.number,
            url: pull.html_url.clone(),
            fingerprint: fields.get("fingerprint").cloned().unwrap_or_default(),
            sites: sites.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        });
    }
    Ok((open, declined))
}

/// What to do with each transform: fixes are chosen (less the declined sites), open pull
/// requests keep their slots, and the free slots go to the transforms with the most fixes.
fn decide(ctx: &Ctx, candidates: Vec<Candidate>, open: Vec<Pull>, declined: &[Declined]) -> Vec<Entry> {
    let owner = ctx.github.as_ref().map(|g| g.repo.owner.clone()).unwrap_or_default();
    let open_of = |id: &str| open.iter().find(|p| p.is_from(&owner, &ctx.plan.branch_of(id))).cloned();
    let mut entries = Vec::new();
    let mut wanting = Vec::new();
    for candidate in candidates {
        let refused: BTreeSet<&str> = declined.iter().filter(|d| d.transform == candidate.id).flat_map(|d| d.sites.iter().map(String::as_str)).collect();
        let all: BTreeSet<String> = candidate.site_ids().map(str::to_owned).collect();
        let chosen: BTreeSet<String> =
            all.iter().filter(|id| ctx.args.recreate || !refused.contains(id.as_str())).cloned().collect();
        let fixes = count_fixes(&candidate, &chosen);
        let left_out = all.len() - chosen.len();
        let decision = match (chosen.is_empty(), open_of(candidate.id)) {
            (true, Some(pull)) => Decision::Close(pull),
            (true, None) => Decision::Declined,
            (false, Some(pull)) => Decision::Update(pull),
            (false, None) => Decision::Wait,
        };
        let branch = ctx.plan.branch_of(candidate.id);
        let entry = Entry { id: candidate.id.to_owned(), branch, candidate: Some(candidate), chosen, fixes, left_out, decision };
        if matches!(entry.decision, Decision::Wait) {
            wanting.push(entry);
        } else {
            entries.push(entry);
        }
    }
    // Open pitfix pull requests of transforms with nothing left to fix are closed.
    for pull in &open {
        let Some(id) = pull.body.as_deref().and_then(body::marker_fields).and_then(|f| f.get("transform").cloned()) else { continue };
        let known = entries.iter().chain(&wanting).any(|e| e.id == id);
        if !known && pull.is_from(&owner, &ctx.plan.branch_of(&id)) && may_close(ctx, &id) {
            let branch = ctx.plan.branch_of(&id);
            entries.push(closing(id, branch, pull));
        }
    }
    // The single pull request of an earlier run with `group = "single"` is superseded.
    let single = open.iter().find(|p| p.is_from(&owner, &ctx.plan.branch) && is_single(p));
    if let Some(pull) = single.filter(|_| ctx.args.run.select.is_none()) {
        entries.push(closing(SINGLE.to_owned(), ctx.plan.branch.clone(), pull));
    }
    let open_now = entries.iter().filter(|e| matches!(e.decision, Decision::Update(_))).count();
    let mut free = ctx.plan.max_open.saturating_sub(open_now);
    wanting.sort_by(|a, b| b.fixes.cmp(&a.fixes).then_with(|| a.id.cmp(&b.id)));
    for mut entry in wanting {
        if free > 0 {
            entry.decision = Decision::Open;
            free -= 1;
        }
        entries.push(entry);
    }
    entries.sort_by_key(|e| order(&e.decision));
    entries
}

/// The id shown for the single pull request of `group = "single"`.
pub(crate) const SINGLE: &str = "(every transform)";

/// A pull request pitfix made in single mode: its marker names no transform.
fn is_single(pull: &Pull) -> bool {
    pull.body.as_deref().and_then(body::marker_fields).is_some_and(|f| !f.contains_key("transform"))
}

fn closing(id: String, branch: String, pull: &Pull) -> Entry {
    let decision = Decision::Close(pull.clone());
    Entry { id, branch, candidate: None, chosen: BTreeSet::new(), fixes: 0, left_out: 0, decision }
}

/// Updates and new pull requests first (most fixes first among the new), then the rest.
fn order(decision: &Decision) -> u8 {
    match decision {
        Decision::Update(_) => 0,
        Decision::Open => 1,
        Decision::Close(_) => 2,
        Decision::Wait => 3,
        Decision::Declined => 4,
    }
}

/// A transform the command line leaves out (`--select` without it, `--ignore` with it) found
/// nothing because it did not run: its pull request stays as it is.
fn may_close(ctx: &Ctx, id: &str) -> bool {
    let run = &ctx.args.run;
    let selected = run.select.as_ref().is_none_or(|s| s.iter().any(|x| x == id || x == "ALL"));
    selected && !run.ignore.iter().any(|x| x == id)
}

/// The fixes of the chosen sites: a file's count when all its sites are chosen, else one per
/// chosen site.
fn count_fixes(candidate: &Candidate, chosen: &BTreeSet<String>) -> usize {
    candidate
        .files
        .iter()
        .map(|file| {
            let picked = file.sites.sites.iter().filter(|s| chosen.contains(&s.id)).count();
            if picked == file.sites.sites.len() { file.fixes } else { picked.min(file.fixes) }
        })
        .sum()
}

/// The files of the chosen sites written into the worktree (reset first): its tree, and the
/// `Change` the body describes.
pub(crate) fn write_fix(ctx: &Ctx, tree: &Worktree, entry: &Entry) -> Result<(String, Change)> {
    tree.reset()?;
    let Some(candidate) = &entry.candidate else { bail!("no fixes for `{}`", entry.id) };
    let mut files = Vec::new();
    for file in &candidate.files {
        let picked = file.sites.sites.iter().filter(|s| entry.chosen.contains(&s.id)).count();
        if picked == 0 {
            continue;
        }
        let Some(bytes) = file.fixed_text(|id| entry.chosen.contains(id), &entry.id) else { continue };
        std::fs::write(tree.path.join(&file.path), bytes).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", file.path))?;
        files.push((file.path.clone(), if picked == file.sites.sites.len() { file.fixes } else { picked.min(file.fixes) }));
    }
    // A file left unchanged above does not count.
    let fixes: usize = files.iter().map(|(_, n)| n).sum();
    let unsafe_fixes = candidate.count.unsafe_fixes.min(fixes);
    let counts = BTreeMap::from([(candidate.id, RuleCount { fixes, unsafe_fixes })]);
    let change = Change {
        base: ctx.base.clone(),
        base_sha: ctx.base_sha.clone(),
        counts,
        files,
        diff: String::new(),
        unfixed: candidate.unfixed,
        file_errors: candidate.file_errors,
    };
    Ok((tree.write_tree()?, change))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(old: &str, new: &str) -> FileFix {
        let sites = sites::sites("m.py", old, new);
        FileFix { path: "m.py".to_owned(), old: old.into(), new: new.into(), sites, fixes: 2 }
    }

    #[test]
    fn some_sites_alone_must_parse() {
        // Two module-level statements, each its own site: either alone parses.
        let fix = file("a = x is 1\nc = 0\nb = y is 2\n", "a = x == 1\nc = 0\nb = y == 2\n");
        let first = fix.sites.sites[0].id.clone();
        assert_eq!(fix.fixed_text(|id| id == first, "is-literal").as_deref(), Some(&b"a = x == 1\nc = 0\nb = y is 2\n"[..]));
        assert_eq!(fix.fixed_text(|_| true, "is-literal").as_deref(), Some(&b"a = x == 1\nc = 0\nb = y == 2\n"[..]));
        // One bracket changed at each end of a statement: one end alone does not parse.
        let fix = file("x = [\n    1,\n    2,\n]\n", "x = (\n    1,\n    2,\n)\n");
        assert_eq!(fix.sites.sites.len(), 2, "{:?}", fix.sites.sites);
        let first = fix.sites.sites[0].id.clone();
        assert_eq!(fix.fixed_text(|id| id == first, "t"), None);
    }
}
