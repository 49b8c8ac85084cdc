//! Fuzzing the engine's promises: real files and generated pitfall snippets, mutated at the token
//! level, go through every transform with unsafe fixes; nothing may panic, a file that parsed must
//! be fixed without a fix being dropped, and a second run must change nothing.
//!
//! Runs only when asked, so that `cargo test` stays quick: set `PITFIX_FUZZ_SECONDS` (how long)
//! or `PITFIX_FUZZ=1` (10 seconds); otherwise the test prints that it was skipped and passes. CI
//! runs it on its own after the other tests (`.ci/run`). `PITFIX_FUZZ_SEED` picks the seed
//! (default fixed, so CI is repeatable; set another seed, or `random`, for a longer hunt). Inputs
//! that break a promise are written to `target/fuzz-failures/` and named in the failure message.
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Snippets a mutation inserts: pitfall shapes and the syntax that stresses fixes.
const DICTIONARY: &[&str] = &[
    " is 1000", " is not 'a'", "=[]", "={}", "=set()", "lambda: i", "lambda x=1: (x, i)", "for i in range(3):\n",
    "async for x in gen():\n", "break", "return", "yield i", "\n    ", "\n\t", "\r\n", "(", ")", "[", "]", ",",
    ":", "\\\n", "# c\n", "\"\"\"doc\"\"\"", "f'{x}'", "'''\n'''", ";", " if x else ", "@dataclass\n",
    "class C(int):\n    def __init__(self, v):\n        self.v = v\n", "def f(a, tags=[]):\n    tags.append(a)\n",
    "nonlocal i\n", "global i\n", "*args", "**kw", "/", "*,", "-> None", "await ", "async ", "\u{feff}", "\x0c",
];

fn seeds() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = vec![root.join("fuzz/seeds")];
    if let Ok(entries) = std::fs::read_dir(root.join("transforms")) {
        dirs.extend(entries.filter_map(|e| e.ok()).map(|e| e.path().join("cases")));
    }
    let mut seeds = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "py" || e == "pyi")) {
            if let Ok(bytes) = std::fs::read(&path) {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                seeds.push((name, bytes));
            }
        }
    }
    seeds
}

/// Rough tokens: runs of word characters, runs of spaces, and single other characters. Enough
/// for mutations that keep most of a file's structure.
fn tokens(source: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < source.len() {
        let class = |b: u8| if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 { 0 } else if b == b' ' { 1 } else { 2 };
        let kind = class(source[start]);
        let mut end = start + 1;
        if kind != 2 {
            while end < source.len() && class(source[end]) == kind {
                end += 1;
            }
        }
        out.push(&source[start..end]);
        start = end;
    }
    out
}

fn mutate(rng: &mut fastrand::Rng, source: &[u8], other: &[u8]) -> Vec<u8> {
    let mut toks: Vec<Vec<u8>> = tokens(source).into_iter().map(<[u8]>::to_vec).collect();
    for _ in 0..rng.usize(1..4) {
        let len = toks.len().max(1);
        let at = rng.usize(0..len);
        match rng.u8(0..6) {
            0 if !toks.is_empty() => {
                toks.remove(at.min(toks.len() - 1));
            }
            1 if !toks.is_empty() => {
                let t = toks[at.min(toks.len() - 1)].clone();
                toks.insert(at, t);
            }
            2 if toks.len() > 1 => {
                let other_at = rng.usize(0..toks.len());
                let at = at.min(toks.len() - 1);
                toks.swap(at, other_at);
            }
            3 => {
                let other_tokens = tokens(other);
                if !other_tokens.is_empty() {
                    let from = rng.usize(0..other_tokens.len());
                    let n = rng.usize(1..20).min(other_tokens.len() - from);
                    let splice: Vec<Vec<u8>> = other_tokens[from..from + n].iter().map(|t| t.to_vec()).collect();
                    let at = at.min(toks.len());
                    toks.splice(at..at, splice);
                }
            }
            _ => {
                let snippet = DICTIONARY[rng.usize(0..DICTIONARY.len())].as_bytes().to_vec();
                toks.insert(at.min(toks.len()), snippet);
            }
        }
    }
    toks.concat()
}

/// A small module of pitfall shapes in a random layout (indentation, line ending, nesting).
fn generated(rng: &mut fastrand::Rng) -> Vec<u8> {
    let unit = ["    ", "  ", "\t"][rng.usize(0..3)];
    let eol = if rng.bool() { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = vec!["from dataclasses import dataclass".into(), String::new()];
    for n in 0..rng.usize(1..6) {
        let depth = rng.usize(0..3);
        let pad = unit.repeat(depth);
        if depth > 0 {
            lines.push(format!("{}class Outer{n}:", unit.repeat(depth - 1)));
        }
        match rng.u8(0..6) {
            0 => lines.extend([
                format!("{pad}def f{n}(a, tags=[], *, opts={{}}):  # c"),
                format!("{pad}{unit}\"\"\"Doc.\"\"\""),
                format!("{pad}{unit}tags.append(a); return len(tags)"),
            ]),
            1 => lines.extend([
                format!("{pad}def g{n}(items):"),
                format!("{pad}{unit}out = []"),
                format!("{pad}{unit}for i in items:"),
                format!("{pad}{unit}{unit}out.append(lambda: i is 1000)"),
                format!("{pad}{unit}return out"),
            ]),
            2 => lines.extend([format!("{pad}@dataclass"), format!("{pad}class D{n}:"), format!("{pad}{unit}xs: list = []")]),
            3 => lines.extend([
                format!("{pad}class P{n}(int):"),
                format!("{pad}{unit}def __init__(self, value, *, name='p'):"),
                format!("{pad}{unit}{unit}if value is -1:"),
                format!("{pad}{unit}{unit}{unit}return"),
                format!("{pad}{unit}{unit}self.name = name"),
            ]),
            4 => lines.extend([
                format!("{pad}async def agen{n}():"),
                format!("{pad}{unit}yield 1"),
                format!("{pad}async def use{n}():"),
                format!("{pad}{unit}async for x in agen{n}():"),
                format!("{pad}{unit}{unit}s = '''a"),
                "b'''".to_string(),
                format!("{pad}{unit}{unit}break"),
            ]),
            _ => lines.push(format!("{pad}x{n} = (1 is\n{pad}{unit}not 'a')")),
        }
        lines.push(String::new());
    }
    lines.join(eol).into_bytes()
}

fn check(name: &str, input: &[u8]) -> Result<(), String> {
    let name = name.to_owned();
    let input = input.to_vec();
    // The engine runs on big-stack threads in the CLI; do the same here.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || catch_unwind(AssertUnwindSafe(|| pitfix::testing::check_promises(&name, &input))))
        .map_err(|e| e.to_string())?;
    match handle.join() {
        Ok(Ok(result)) => result,
        _ => Err("panicked".to_owned()),
    }
}

#[test]
fn mutated_and_generated_inputs_keep_the_promises() {
    let asked = std::env::var("PITFIX_FUZZ").is_ok_and(|v| !v.is_empty() && v != "0");
    let seconds = std::env::var("PITFIX_FUZZ_SECONDS").ok().filter(|s| !s.is_empty());
    if !asked && seconds.is_none() {
        eprintln!("fuzz: skipped; set PITFIX_FUZZ_SECONDS=N (or PITFIX_FUZZ=1 for 10 s) to run it");
        return;
    }
    let seconds: u64 = match seconds {
        Some(s) => s.parse().unwrap_or_else(|_| panic!("PITFIX_FUZZ_SECONDS must be a whole number of seconds, not {s:?}")),
        None => 10,
    };
    let seed = match std::env::var("PITFIX_FUZZ_SEED").ok().as_deref() {
        Some("random") => fastrand::u64(..),
        Some(s) => s.parse().unwrap_or(0x5eed),
        None => 0x5eed,
    };
    let mut rng = fastrand::Rng::with_seed(seed);
    let seeds = seeds();
    assert!(!seeds.is_empty(), "no seed files");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let failures_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    let mut failures = Vec::new();
    let mut runs = 0usize;
    // Every seed unchanged first, then mutations until the time is up.
    for (name, bytes) in &seeds {
        if let Err(why) = check(name, bytes) {
            failures.push(format!("seed {name}: {why}"));
        }
    }
    while Instant::now() < deadline && failures.len() < 10 {
        let (name, base) = &seeds[rng.usize(0..seeds.len())];
        let other = &seeds[rng.usize(0..seeds.len())].1;
        let input = if rng.u8(0..4) == 0 { generated(&mut rng) } else { mutate(&mut rng, base, other) };
        runs += 1;
        if let Err(why) = check(name, &input) {
            let _ = std::fs::create_dir_all(&failures_dir);
            let saved = failures_dir.join(format!("seed{seed}-run{runs}.py"));
            let _ = std::fs::write(&saved, &input);
            failures.push(format!("{} (from {name}): {why}", saved.display()));
        }
    }
    eprintln!("fuzz: seed {seed}, {} seeds, {runs} mutated or generated inputs in {seconds} s", seeds.len());
    assert!(failures.is_empty(), "{} inputs broke a promise:\n{}", failures.len(), failures.join("\n"));
}
