//! The lines a pull request adds or changes, read from `git diff base...head`: per file of the
//! head, the hunks GitHub shows (where review comments may go) and the added lines in them
//! (where pitfix looks for traps).
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// One file's part of the diff, in the head's line numbers (1-based).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct FileHunks {
    /// Each hunk's lines on the new side, context included: GitHub accepts a review comment on
    /// any of them, and a multi-line comment only within one of them.
    pub(crate) hunks: Vec<RangeInclusive<usize>>,
    /// The added (or changed) lines, as runs of consecutive lines.
    pub(crate) added: Vec<RangeInclusive<usize>>,
}

impl FileHunks {
    /// Whether any line of `lines` was added by the pull request.
    pub(crate) fn touches(&self, lines: &RangeInclusive<usize>) -> bool {
        self.added.iter().any(|a| a.start() <= lines.end() && lines.start() <= a.end())
    }

    /// The first added line within `lines`.
    pub(crate) fn first_added_in(&self, lines: &RangeInclusive<usize>) -> Option<usize> {
        self.added
            .iter()
            .filter(|a| a.start() <= lines.end() && lines.start() <= a.end())
            .map(|a| *a.start().max(lines.start()))
            .min()
    }

    /// The hunk that holds every line of `lines`, if one does.
    pub(crate) fn hunk_holding(&self, lines: &RangeInclusive<usize>) -> Option<&RangeInclusive<usize>> {
        self.hunks.iter().find(|h| h.start() <= lines.start() && lines.end() <= h.end())
    }
}

/// The files of a unified diff (`git diff` with `a/` and `b/` prefixes), by their path in the
/// head; deleted files are left out, and so are files with no added line (a pure deletion inside
/// a file still has hunks, but nothing to look at).
pub(crate) fn parse(diff: &str) -> BTreeMap<String, FileHunks> {
    let mut files = BTreeMap::new();
    let mut current: Option<(String, FileHunks)> = None;
    // The next new-side line number inside a hunk, and how many old and new lines remain.
    let mut cursor: Option<(usize, usize, usize)> = None;
    for line in diff.split('\n') {
        if let Some((next, old_left, new_left)) = cursor.as_mut()
            && (*old_left > 0 || *new_left > 0)
        {
            match line.as_bytes().first() {
                Some(b'+') => {
                    if let Some((_, file)) = current.as_mut() {
                        add_line(&mut file.added, *next);
                    }
                    *next += 1;
                    *new_left = new_left.saturating_sub(1);
                }
                Some(b'-') => *old_left = old_left.saturating_sub(1),
                // `\ No newline at end of file` belongs to the line before.
                Some(b'\\') => {}
                _ => {
                    *next += 1;
                    *old_left = old_left.saturating_sub(1);
                    *new_left = new_left.saturating_sub(1);
                }
            }
            continue;
        }
        cursor = None;
        if line.starts_with("diff --git ") {
            finish(&mut files, current.take());
        } else if let Some(name) = line.strip_prefix("+++ ") {
            let name = name.strip_suffix('\t').unwrap_or(name);
            let path = unquote(name);
            current = path.strip_prefix("b/").map(|p| (p.to_owned(), FileHunks::default()));
        } else if let Some(header) = line.strip_prefix("@@ ")
            && let Some((old, new)) = hunk_header(header)
            && let Some((_, file)) = current.as_mut()
        {
            if new.1 > 0 {
                file.hunks.push(new.0..=new.0 + new.1 - 1);
            }
            cursor = Some((new.0, old.1, new.1));
        }
    }
    finish(&mut files, current);
    files
}

fn finish(files: &mut BTreeMap<String, FileHunks>, current: Option<(String, FileHunks)>) {
    if let Some((path, file)) = current
        && !file.added.is_empty()
    {
        files.insert(path, file);
    }
}

fn add_line(runs: &mut Vec<RangeInclusive<usize>>, line: usize) {
    match runs.last_mut() {
        Some(last) if *last.end() + 1 == line => *last = *last.start()..=line,
        _ => runs.push(line..=line),
    }
}

/// `-a,b +c,d @@ ...` → ((a, b), (c, d)); a missing count is 1.
fn hunk_header(header: &str) -> Option<((usize, usize), (usize, usize))> {
    let mut parts = header.split_whitespace();
    let old = range(parts.next()?.strip_prefix('-')?)?;
    let new = range(parts.next()?.strip_prefix('+')?)?;
    Some((old, new))
}

fn range(text: &str) -> Option<(usize, usize)> {
    match text.split_once(',') {
        Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
        None => Some((text.parse().ok()?, 1)),
    }
}

/// A path as git prints it: as it is, or in double quotes with C escapes (a name holding a
/// quote, a backslash or a control character).
pub(crate) fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_owned();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut chars = inner.bytes().peekable();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(b'a') => bytes.push(7),
            Some(b'b') => bytes.push(8),
            Some(b'f') => bytes.push(12),
            Some(b'v') => bytes.push(11),
            Some(d @ b'0'..=b'3') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&o @ b'0'..=b'7') = chars.peek() {
                        value = value * 8 + u32::from(o - b'0');
                        chars.next();
                    }
                }
                bytes.push(u8::try_from(value).unwrap_or(b'?'));
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str = "\
diff --git a/a.py b/a.py
index 1111111..2222222 100644
--- a/a.py
+++ b/a.py
@@ -1,4 +1,5 @@
 x = 1
-y = 2
+y = 3
+z = 4
 w = 5
 v = 6
@@ -20,3 +21,3 @@ def f():
 a
-b
+c
 d
diff --git a/gone.py b/gone.py
deleted file mode 100644
--- a/gone.py
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
diff --git a/new.py b/new.py
new file mode 100644
--- /dev/null
+++ b/new.py
@@ -0,0 +1,2 @@
+if x is 1:
+    pass
\\ No newline at end of file
diff --git a/only_removed.py b/only_removed.py
--- a/only_removed.py
+++ b/only_removed.py
@@ -3,2 +3,1 @@
 keep
-drop
diff --git \"a/sp\\303\\251cial\\tname.py\" \"b/sp\\303\\251cial\\tname.py\"
--- \"a/sp\\303\\251cial\\tname.py\"
+++ \"b/sp\\303\\251cial\\tname.py\"
@@ -1 +1 @@
-old
+new
";

    #[test]
    fn added_lines_and_hunks_per_file() {
        let files = parse(DIFF);
        let names: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(names, ["a.py", "new.py", "sp\u{e9}cial\tname.py"]);
        let a = &files["a.py"];
        assert_eq!(a.added, [2..=3, 22..=22]);
        assert_eq!(a.hunks, [1..=5, 21..=23]);
        assert_eq!(files["new.py"].added, [1..=2]);
        assert_eq!(files["new.py"].hunks, [1..=2]);
        assert_eq!(files["sp\u{e9}cial\tname.py"].added, [1..=1]);
    }

    #[test]
    fn a_line_that_looks_like_a_header_inside_a_hunk_is_content() {
        let diff = "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,1 +1,3 @@\n keep\n+++ b/other.py\n+@@ -1 +1 @@\n";
        let files = parse(diff);
        assert_eq!(files.keys().collect::<Vec<_>>(), ["x.py"]);
        assert_eq!(files["x.py"].added, [2..=3]);
    }

    #[test]
    fn questions_on_line_ranges() {
        let file = FileHunks { hunks: vec![1..=8, 20..=26], added: vec![4..=5, 23..=23] };
        assert!(file.touches(&(5..=9)));
        assert!(!file.touches(&(6..=22)));
        assert_eq!(file.first_added_in(&(1..=30)), Some(4));
        assert_eq!(file.first_added_in(&(5..=30)), Some(5));
        assert_eq!(file.first_added_in(&(6..=22)), None);
        assert_eq!(file.hunk_holding(&(2..=8)), Some(&(1..=8)));
        assert_eq!(file.hunk_holding(&(7..=20)), None);
    }

    #[test]
    fn quoted_names() {
        assert_eq!(unquote("plain name.py"), "plain name.py");
        assert_eq!(unquote("\"a\\\"b\\\\c.py\""), "a\"b\\c.py");
    }
}
