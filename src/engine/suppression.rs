//! Suppression comments: `# pitfix: ignore`, `# pitfix: ignore[id, ...]`, `# pitfix: skip-file`,
//! and Ruff/flake8's `# noqa` / `# noqa: CODE` for the equivalent codes.
use rustc_hash::FxHashMap;

use ruff_python_ast::token::{TokenKind, Tokens};
use crate::engine::line_index::LazyLineIndex;
use ruff_text_size::{Ranged, TextSize};

use crate::rules::Rule;

#[derive(Debug, Default)]
struct LineDirectives {
    /// A bare `# pitfix: ignore` or `# noqa`.
    all: bool,
    /// Transform ids and noqa codes named on the line.
    names: Vec<String>,
}

/// The suppression comments of one file, by 1-based line.
#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    skip_file: bool,
    lines: FxHashMap<usize, LineDirectives>,
}

impl Suppressions {
    pub(crate) fn from_tokens(tokens: &Tokens, source: &str, index: &LazyLineIndex) -> Self {
        let mut result = Suppressions::default();
        // Most files mention neither word anywhere: one search of the text spares reading each
        // comment token.
        if !may_hold_directive(source) {
            return result;
        }
        for token in tokens.iter().filter(|t| t.kind() == TokenKind::Comment) {
            let comment = &source[token.range()];
            if !may_hold_directive(comment) {
                continue;
            }
            let line = index.get().line_index(token.start()).get();
            result.read_comment(comment, line);
        }
        result
    }

    pub(crate) fn skip_file(&self) -> bool {
        self.skip_file
    }

    /// Whether a comment on the line of `start`, or on the first line of its statement (of the
    /// clause, for a finding in an `elif`, `case`, `except` ... header), silences `rule` there.
    pub(crate) fn is_suppressed(&self, rule: &Rule, start: TextSize, statement_start: TextSize, index: &LazyLineIndex) -> bool {
        if self.lines.is_empty() {
            return false;
        }
        let index = index.get();
        let lines = [index.line_index(start), index.line_index(statement_start)];
        lines.iter().filter_map(|line| self.lines.get(&line.get())).any(|d| {
            d.all || d.names.iter().any(|n| n == rule.id || rule.noqa_codes.contains(&n.as_str()))
        })
    }

    fn read_comment(&mut self, comment: &str, line: usize) {
        // A comment may hold several directives: `# noqa: B006  # pitfix: ignore[loop-closure]`.
        for part in comment.split('#').map(str::trim).filter(|p| !p.is_empty()) {
            if let Some(rest) = strip_prefix_ci(part, "pitfix:") {
                self.read_pitfix(rest.trim_start(), line);
            } else if let Some(rest) = strip_prefix_ci(part, "noqa") {
                self.read_noqa(rest, line);
            }
        }
    }

    fn read_pitfix(&mut self, directive: &str, line: usize) {
        if strip_prefix_ci(directive, "skip-file").is_some() {
            self.skip_file = true;
        } else if let Some(rest) = strip_prefix_ci(directive, "ignore") {
            let entry = self.lines.entry(line).or_default();
            match rest.trim_start().strip_prefix('[').and_then(|r| r.split_once(']')) {
                Some((ids, _)) => entry.names.extend(split_names(ids)),
                None => entry.all = true,
            }
        }
    }

    fn read_noqa(&mut self, rest: &str, line: usize) {
        let entry = self.lines.entry(line).or_default();
        match rest.trim_start().strip_prefix(':') {
            Some(codes) => entry.names.extend(split_names(codes).take_while(|c| is_noqa_code(c))),
            // `# noqa` alone, or followed by prose, silences everything on the line.
            None if rest.is_empty() || rest.starts_with(char::is_whitespace) => entry.all = true,
            None => {}
        }
    }
}

/// A cheap first look: only text mentioning `noqa` or `pitfix`, in any case, may hold a directive
/// (a whole file, then each of its comments). Each word is found from its rarest letter, which
/// `memchr` finds many bytes at a time.
fn may_hold_directive(text: &str) -> bool {
    mentions(text.as_bytes(), b"noqa", 2) || mentions(text.as_bytes(), b"pitfix", 5)
}

/// Whether `word` (lowercase ASCII) occurs in `text` in any case; `at` is the place in `word` of
/// the letter searched for.
fn mentions(text: &[u8], word: &[u8], at: usize) -> bool {
    let letter = word[at];
    memchr::memchr2_iter(letter, letter.to_ascii_uppercase(), text).any(|found| {
        found.checked_sub(at).and_then(|start| text.get(start..start + word.len())).is_some_and(|w| w.eq_ignore_ascii_case(word))
    })
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

fn split_names(list: &str) -> impl Iterator<Item = String> + '_ {
    list.split([',', ' ', '\t']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// A flake8-style code such as `F632` or `RUF008`; what follows the codes is prose.
fn is_noqa_code(code: &str) -> bool {
    let digits = code.trim_start_matches(|c: char| c.is_ascii_uppercase());
    digits.len() < code.len() && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directives(comment: &str) -> Suppressions {
        let mut s = Suppressions::default();
        s.read_comment(comment, 1);
        s
    }

    #[test]
    fn reads_every_form() {
        assert!(directives("# pitfix: ignore").lines[&1].all);
        assert_eq!(directives("# pitfix: ignore[is-literal, loop-closure]").lines[&1].names, ["is-literal", "loop-closure"]);
        assert_eq!(directives("# noqa: F632,B006 explain").lines[&1].names, ["F632", "B006"]);
        assert!(directives("# NOQA").lines[&1].all);
        assert!(directives("# Pitfix: IGNORE").lines[&1].all);
        assert!(directives("# type: ignore  # noqa").lines[&1].all);
        assert!(directives("# pitfix: skip-file").skip_file);
        assert!(directives("# noqa-like prose").lines.get(&1).is_none_or(|d| !d.all));
    }

    #[test]
    fn the_quick_search_finds_either_word_in_any_case_anywhere() {
        for text in ["noqa", "x = 1  # NoQa", "# PITFIX: ignore", "a#pitfix:skip-file", "qnoqa"] {
            assert!(may_hold_directive(text), "{text}");
        }
        for text in ["", "q", "x", "noq", "oqa", "pitfi", "itfix", "quick fix  # no qa", "pitfox"] {
            assert!(!may_hold_directive(text), "{text}");
        }
    }
}
