//! The fixed sites of a transform's fix, named by their content rather than by line numbers:
//! the hidden marker of a pull request lists them, so that a later run knows which fixes a
//! person declined (closed the pull request without merging) even after unrelated edits moved
//! them. A site is what one fix changes in one function or class: the changed lines of a
//! module-level statement are a site each, and those inside one `def` or `class` (its header
//! included) are one site, so that a fix that touches a `def` line and its body stays whole.
//! Lines a fix adds at module level to define a name (an import, a helper, a module variable)
//! are no site: they go with any site of their file that is fixed.
use std::collections::BTreeMap;
use std::ops::Range;

use similar::{Algorithm, capture_diff_slices, group_diff_ops};
use xxhash_rust::xxh3::xxh3_64;

/// One changed run of lines: the old lines it replaces and the new lines.
#[derive(Debug, Clone)]
struct Hunk {
    old: Range<usize>,
    new: Range<usize>,
}

/// A fixed site of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Site {
    /// A hash of the file, the enclosing `def`/`class` path and the site's normalised text.
    pub(crate) id: String,
    /// The enclosing path, e.g. `Cache.get` (empty at module level), for messages.
    pub(crate) scope: String,
    hunks: Vec<usize>,
}

/// The sites of one file's fix, and what applying only some of them needs.
#[derive(Debug)]
pub(crate) struct FileSites {
    pub(crate) sites: Vec<Site>,
    hunks: Vec<Hunk>,
    /// Hunks that only add imports at module level: applied with any site of the file.
    support: Vec<usize>,
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The sites of the change from `old` to `new` of the file `path` (relative to the top).
pub(crate) fn sites(path: &str, old: &str, new: &str) -> FileSites {
    let (old_lines, new_lines) = (lines(old), lines(new));
    let ops = capture_diff_slices(Algorithm::Myers, &old_lines, &new_lines);
    let hunks: Vec<Hunk> = group_diff_ops(ops, 0)
        .into_iter()
        .filter_map(|group| {
            let (first, last) = (group.first()?, group.last()?);
            Some(Hunk { old: first.old_range().start..last.old_range().end, new: first.new_range().start..last.new_range().end })
        })
        .flat_map(|hunk| split_imports(hunk, &old_lines, &new_lines))
        .collect();
    let scopes = scopes(&old_lines);
    let mut support = Vec::new();
    // Sites in order of first appearance, keyed by scope (module-level hunks stand alone).
    let mut grouped: Vec<(String, Vec<usize>)> = Vec::new();
    for (index, hunk) in hunks.iter().enumerate() {
        let added = &new_lines[hunk.new.clone()];
        if hunk.old.is_empty() && added.iter().find(|l| !l.trim().is_empty()).is_some_and(|l| is_definition(l)) {
            support.push(index);
            continue;
        }
        let at = hunk.old.start.min(old_lines.len().saturating_sub(1));
        let scope = scopes.get(at).cloned().unwrap_or_default();
        match grouped.iter_mut().find(|(s, _)| !s.is_empty() && *s == scope) {
            Some((_, members)) => members.push(index),
            None => grouped.push((scope, vec![index])),
        }
    }
    // A file whose only changes are new module-level names: those are its sites.
    if grouped.is_empty() {
        grouped = support.drain(..).map(|i| (String::new(), vec![i])).collect();
    }
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    let sites = grouped
        .into_iter()
        .map(|(scope, members)| {
            let text: String = members.iter().map(|&i| key_text(&hunks[i], &old_lines, &new_lines)).collect::<Vec<_>>().join("\n");
            let base = xxh3_64(format!("{path}\0{scope}\0{text}").as_bytes());
            // The same text twice in one scope of a file: told apart by their order.
            let nth = seen.entry(base).or_default();
            *nth += 1;
            let id = format!("{:016x}", xxh3_64(format!("{base:x}#{nth}").as_bytes()));
            Site { id, scope, hunks: members }
        })
        .collect();
    FileSites { sites, hunks, support }
}

/// The text that names a hunk: its old lines with spaces collapsed; for a pure insertion, the
/// inserted lines and the line they go before.
fn key_text(hunk: &Hunk, old: &[&str], new: &[&str]) -> String {
    let normal = |l: &&str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    if !hunk.old.is_empty() {
        return old[hunk.old.clone()].iter().map(normal).collect::<Vec<_>>().join("\n");
    }
    let anchor = old.get(hunk.old.start).or(old.last()).map(normal).unwrap_or_default();
    let added: Vec<String> = new[hunk.new.clone()].iter().map(normal).collect();
    format!("+{}\n@{anchor}", added.join("\n+"))
}

/// A hunk that adds imports right before a changed line is two: the imports (applied with any
/// site of the file) and the change.
fn split_imports(hunk: Hunk, old: &[&str], new: &[&str]) -> Vec<Hunk> {
    let added = new[hunk.new.clone()].iter().take_while(|l| is_import(l)).count();
    let old_starts_with_import = old.get(hunk.old.start).is_some_and(|l| is_import(l));
    if added == 0 || added == hunk.new.len() || hunk.old.is_empty() || old_starts_with_import {
        return vec![hunk];
    }
    let at = hunk.new.start + added;
    vec![Hunk { old: hunk.old.start..hunk.old.start, new: hunk.new.start..at }, Hunk { old: hunk.old, new: at..hunk.new.end }]
}

/// A line that adds a module-level name other code of the fix may use: an import, a `def`,
/// `class` or decorator, or an assignment (`_tasks: set[Task] = set()`).
fn is_definition(line: &str) -> bool {
    if line.starts_with([' ', '\t']) {
        return false;
    }
    if is_import(line) || ["def ", "async def ", "class ", "@"].iter().any(|p| line.starts_with(p)) {
        return true;
    }
    let name_end = line.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(line.len());
    let rest = line[name_end..].trim_start();
    name_end > 0 && (rest.starts_with(':') || (rest.starts_with('=') && !rest.starts_with("==")))
}

fn is_import(line: &str) -> bool {
    let trimmed = line.trim_end();
    !trimmed.starts_with([' ', '\t']) && (trimmed.starts_with("import ") || trimmed.starts_with("from "))
}

/// For each line, the dotted path of the `def`s and `class`es it is in (a header is in its
/// own), by indentation: a line that is not deeper than a header ends that header's block.
fn scopes(lines: &[&str]) -> Vec<String> {
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut result = Vec::with_capacity(lines.len());
    let mut brackets: i32 = 0;
    for line in lines {
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        let blank = body.trim().is_empty() || body.starts_with('#');
        // Continuation lines inside brackets do not open or close a block.
        if !blank && brackets <= 0 {
            while stack.last().is_some_and(|(level, _)| *level >= indent) {
                stack.pop();
            }
            if let Some(name) = header_name(body) {
                stack.push((indent, name));
            }
        }
        brackets += body.chars().map(|c| match c {
            '(' | '[' | '{' => 1,
            ')' | ']' | '}' => -1,
            _ => 0,
        }).sum::<i32>();
        brackets = brackets.max(0);
        result.push(stack.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join("."));
    }
    result
}

fn header_name(body: &str) -> Option<String> {
    let rest = body.strip_prefix("async ").map(str::trim_start).unwrap_or(body);
    let rest = rest.strip_prefix("def ").or_else(|| rest.strip_prefix("class "))?;
    let name: String = rest.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

impl FileSites {
    /// `old` with only the sites `keep` accepts applied (and the file's added imports, when any
    /// site is applied).
    pub(crate) fn apply(&self, old: &str, new: &str, keep: impl Fn(&Site) -> bool) -> String {
        let (old_lines, new_lines) = (lines(old), lines(new));
        let mut chosen: Vec<usize> = self.sites.iter().filter(|s| keep(s)).flat_map(|s| s.hunks.iter().copied()).collect();
        if !chosen.is_empty() {
            chosen.extend(&self.support);
        }
        chosen.sort_unstable();
        let mut out = String::with_capacity(old.len());
        let mut at = 0;
        for hunk in chosen.iter().map(|&i| &self.hunks[i]) {
            out.extend(old_lines[at..hunk.old.start].iter().copied());
            out.extend(new_lines[hunk.new.clone()].iter().copied());
            at = hunk.old.end;
        }
        out.extend(old_lines[at..].iter().copied());
        out
    }
}

/// The fingerprint of a fix set: a hash of its site ids, whatever their order.
pub(crate) fn fingerprint<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let mut ids: Vec<&str> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    format!("{:016x}", xxh3_64(ids.join(",").as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "import os\n\nclass Cache:\n    def get(self, key, seen=[]):\n        return seen\n\ndef f(a={}):\n    return a\n";
    const NEW: &str = "import os\n\nclass Cache:\n    def get(self, key, seen=None):\n        if seen is None:\n            seen = []\n        return seen\n\ndef f(a=None):\n    if a is None:\n        a = {}\n    return a\n";

    fn ids(sites: &FileSites) -> Vec<String> {
        sites.sites.iter().map(|s| s.id.clone()).collect()
    }

    #[test]
    fn one_site_per_def_with_its_path() {
        let found = sites("m.py", OLD, NEW);
        let scopes: Vec<&str> = found.sites.iter().map(|s| s.scope.as_str()).collect();
        assert_eq!(scopes, ["Cache.get", "f"]);
    }

    #[test]
    fn stable_under_unrelated_edits_and_line_shifts() {
        let before = sites("m.py", OLD, NEW);
        let shift = |t: &str| t.replacen("import os\n", "import os\nimport sys\n\n\nLIMIT = 3  # unrelated\n", 1);
        let after = sites("m.py", &shift(OLD), &shift(NEW));
        assert_eq!(ids(&before), ids(&after));
        assert_eq!(fingerprint(ids(&before).iter().map(String::as_str)), fingerprint(ids(&after).iter().map(String::as_str)));
        // Another file with the same text is another set of sites.
        assert_ne!(ids(&before), ids(&sites("n.py", OLD, NEW)));
    }

    #[test]
    fn a_new_site_changes_the_fingerprint_and_keeps_the_old_ids() {
        let before = sites("m.py", OLD, NEW);
        let more_old = format!("{OLD}\ndef g(b=[]):\n    return b\n");
        let more_new = format!("{NEW}\ndef g(b=None):\n    if b is None:\n        b = []\n    return b\n");
        let after = sites("m.py", &more_old, &more_new);
        assert_eq!(&ids(&after)[..2], &ids(&before)[..]);
        assert_eq!(after.sites.len(), 3);
        let print = |s: &FileSites| fingerprint(s.sites.iter().map(|s| s.id.as_str()));
        assert_ne!(print(&before), print(&after));
    }

    #[test]
    fn applies_only_the_chosen_sites_with_their_imports() {
        let old = "def f(a={}):\n    return a\n\ndef g(b=[]):\n    return b\n";
        let new = "import functools\ndef f(a=None):\n    return a\n\ndef g(b=None):\n    return b\n";
        let found = sites("m.py", old, new);
        assert_eq!(found.sites.len(), 2);
        let g = found.sites[1].id.clone();
        let only_g = found.apply(old, new, |s| s.id == g);
        assert_eq!(only_g, "import functools\ndef f(a={}):\n    return a\n\ndef g(b=None):\n    return b\n");
        assert_eq!(found.apply(old, new, |_| true), new);
        assert_eq!(found.apply(old, new, |_| false), old);
    }

    #[test]
    fn a_module_level_helper_goes_with_each_site() {
        let old = "import asyncio\n\nasync def a():\n    asyncio.create_task(w())\n\nasync def b():\n    asyncio.create_task(w())\n";
        let new = "import asyncio\n_tasks: set = set()\n\nasync def a():\n    t = asyncio.create_task(w())\n    _tasks.add(t)\n\nasync def b():\n    t = asyncio.create_task(w())\n    _tasks.add(t)\n";
        let found = sites("m.py", old, new);
        let scopes: Vec<&str> = found.sites.iter().map(|s| s.scope.as_str()).collect();
        assert_eq!(scopes, ["a", "b"]);
        let b = found.sites[1].id.clone();
        let only_b = found.apply(old, new, |s| s.id == b);
        assert!(only_b.starts_with("import asyncio\n_tasks: set = set()\n\nasync def a():\n    asyncio.create_task(w())\n"), "{only_b}");
        assert!(only_b.ends_with("    t = asyncio.create_task(w())\n    _tasks.add(t)\n"), "{only_b}");
        // Only a new name: that is the site.
        assert_eq!(sites("n.py", "x = 1\n", "import os\nx = 1\n").sites.len(), 1);
    }

    #[test]
    fn same_text_at_module_level_twice() {
        let found = sites("m.py", "x is 1\ny = 2\nx is 1\n", "x == 1\ny = 2\nx == 1\n");
        assert_eq!(found.sites.len(), 2);
        assert_ne!(found.sites[0].id, found.sites[1].id);
    }
}
