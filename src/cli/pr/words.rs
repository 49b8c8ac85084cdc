//! The words of a pull request per transform: its title, named by the trap ("Fix 4 mutable
//! default arguments"), and the footer that says how to silence a site, turn the transform off,
//! or decline the pull request.
use std::fmt::Write as _;

/// Each transform's trap as a noun phrase, singular and plural: the one table titles read.
const TRAPS: &[(&str, &str, &str)] = &[
    ("assert-tuple", "assert on a tuple", "asserts on a tuple"),
    ("async-blocking-call", "blocking call in async code", "blocking calls in async code"),
    ("async-gen-aclosing", "async generator left unclosed", "async generators left unclosed"),
    ("cache-on-method", "cache on a method", "caches on methods"),
    ("call-default", "call in a parameter default", "calls in parameter defaults"),
    ("dangling-task", "dangling asyncio task", "dangling asyncio tasks"),
    ("dataclass-mutable-default", "mutable dataclass field default", "mutable dataclass field defaults"),
    ("del-resurrection", "resurrecting __del__", "resurrecting __del__ methods"),
    ("exit-swallows", "__exit__ that swallows exceptions", "__exit__ methods that swallow exceptions"),
    ("immutable-init", "immutable subclass built in __init__", "immutable subclasses built in __init__"),
    ("is-literal", "identity comparison with a literal", "identity comparisons with literals"),
    ("loop-closure", "loop variable captured late", "loop variables captured late"),
    ("memoryview-slice-kept", "kept memoryview slice", "kept memoryview slices"),
    ("metaclass-conflict", "metaclass conflict", "metaclass conflicts"),
    ("missing-wraps", "wrapper without functools.wraps", "wrappers without functools.wraps"),
    ("mutable-class-attr", "shared mutable class attribute", "shared mutable class attributes"),
    ("mutable-default", "mutable default argument", "mutable default arguments"),
    ("naive-utc", "naive UTC datetime", "naive UTC datetimes"),
    ("process-pool-lambda", "unpicklable function sent to a process pool", "unpicklable functions sent to a process pool"),
    ("re-flags-positional", "positional re flag", "positional re flags"),
    ("unprimed-generator", "unprimed generator", "unprimed generators"),
];

/// The trap of a transform, for `n` fixes; an unknown id (a transform added without a row
/// here) reads as its id.
pub(crate) fn trap(id: &str, n: usize) -> String {
    match TRAPS.iter().find(|(key, ..)| *key == id) {
        Some((_, one, many)) => (if n == 1 { one } else { many }).to_string(),
        None => format!("`{id}` problem{}", if n == 1 { "" } else { "s" }),
    }
}

/// "Fix 4 mutable default arguments", after the configured prefix.
pub(crate) fn title(prefix: &str, id: &str, fixes: usize) -> String {
    format!("{prefix}Fix {fixes} {}", trap(id, fixes))
}

/// A transform waiting for a slot: its id and number of fixes.
pub(crate) struct Waiting {
    pub(crate) id: String,
    pub(crate) fixes: usize,
}

/// What ends a transform's pull request body: the transforms still waiting, how to silence one
/// site, how to turn the transform off, and what closing the pull request means.
pub(crate) fn footer(id: &str, waiting: &[Waiting], max_open: usize, left_out: usize) -> String {
    let mut text = String::new();
    if left_out > 0 {
        let _ = writeln!(
            text,
            "This pull request fixes only the sites that are new since a pull request of `{id}` was closed without merging; \
             {left_out} declined site{} stay{} as {} (`pitfix pr --recreate` fixes them too).\n",
            if left_out == 1 { "" } else { "s" },
            if left_out == 1 { "s" } else { "" },
            if left_out == 1 { "it is" } else { "they are" }
        );
    }
    if !waiting.is_empty() {
        let _ = writeln!(text, "### Waiting for a later run\n\nAt most {max_open} pitfix pull request{} stay open at once (`max-open-prs`); these transforms wait:\n", if max_open == 1 { "" } else { "s" });
        for w in waiting {
            let _ = writeln!(text, "- `{}`: {} fix{}", w.id, w.fixes, if w.fixes == 1 { "" } else { "es" });
        }
        text.push('\n');
    }
    let _ = writeln!(
        text,
        "### Not wanted?\n\n\
         - **One site**: add `# pitfix: ignore[{id}]` at the end of its line (or of its statement's first line), and pitfix leaves it alone.\n\
         - **This transform**: add `\"{id}\"` to `ignore = [...]` under `[tool.pitfix]` in `pyproject.toml` (or in `pitfix.toml`).\n\
         - **This pull request**: close it without merging. pitfix does not open these fixes again; it opens a new pull request only for sites that appear later.\n"
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_transform_has_a_trap() {
        for transform in crate::transforms::ALL {
            let id = transform.rule().id;
            assert!(TRAPS.iter().any(|(key, ..)| *key == id), "no title words for `{id}` in TRAPS");
        }
    }

    #[test]
    fn singular_and_plural() {
        assert_eq!(title("", "mutable-default", 4), "Fix 4 mutable default arguments");
        assert_eq!(title("[pitfix] ", "mutable-default", 1), "[pitfix] Fix 1 mutable default argument");
        assert_eq!(title("", "no-such", 2), "Fix 2 `no-such` problems");
    }

    #[test]
    fn footer_says_how_to_decline() {
        let text = footer("is-literal", &[Waiting { id: "naive-utc".to_owned(), fixes: 1 }], 1, 2);
        assert!(text.contains("`# pitfix: ignore[is-literal]`"), "{text}");
        assert!(text.contains("`\"is-literal\"` to `ignore = [...]`"), "{text}");
        assert!(text.contains("- `naive-utc`: 1 fix\n"), "{text}");
        assert!(text.contains("2 declined sites stay as they are"), "{text}");
    }
}
