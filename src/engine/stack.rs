//! Stacks sized to the file. The parser and the walks over the syntax tree recurse once per level
//! of nesting, so a deeply nested file needs a deep stack; reserving one for every worker up
//! front costs address space that a run under `ulimit -v` does not have. Workers get a modest
//! stack, and a file whose nesting (estimated from its bytes in one pass) needs more is processed
//! on a thread of its own whose stack is sized to it, reserved only while that file runs.

/// The stack of each worker thread: enough for every ordinary file, and for a file of up to
/// 112 KiB without counting its bytes (of the benchmark corpus's 20 MB in files over 48 KiB,
/// the bound at 64 MiB, 12 MB are under it). Address space, not memory: four workers reserve
/// half a gibibyte.
pub(crate) const WORKER_STACK: usize = 128 * 1024 * 1024;

/// Stack per estimated level of nesting. A debug build: twice what it was measured to use for a
/// chain of 50,000 `+`. A release build was measured to use at most 184 bytes a level with the
/// release profile's fat LTO, 264 without (`diff --unsafe-fixes --select ALL` on a file that the
/// model and a fix walk too; 20,000 and 40,000 levels of `+` chains, brackets, calls,
/// attributes, subscripts, unary minus, `**` and dict displays): 1 KiB is near four times the
/// larger, and lets a release worker take files of up to about 114,000 estimated levels on its
/// own stack, so that most large files skip the estimate.
const PER_LEVEL: usize = if cfg!(debug_assertions) { 4 * 1024 } else { 1024 };

/// Stack for everything that is not nesting.
const BASE: usize = 16 * 1024 * 1024;

/// Above this, a file is reported instead of risking the address space of the whole run.
const MAX_STACK: usize = 2 * 1024 * 1024 * 1024;

/// An upper estimate of how deep the syntax tree of `source` can be: over each logical line, the
/// deepest bracket nesting plus the operators and dots (a chain `a + b + c` or `a.b.c` nests one
/// level per link), plus the blocks it is indented in. Strings and comments are not skipped, so
/// a bracket inside one counts too: the estimate may be high, never low for these shapes.
pub(crate) fn nesting_estimate(source: &[u8]) -> usize {
    let mut estimate = 0;
    let mut indents: Vec<usize> = Vec::new();
    let (mut depth, mut deepest, mut links) = (0usize, 0usize, 0usize);
    let mut rest = source;
    while !rest.is_empty() {
        if depth == 0 {
            // A line outside brackets: its indentation opens or closes blocks (a blank or
            // comment line's does not).
            let column = rest.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
            if !matches!(rest.get(column), None | Some(b'\n' | b'\r' | b'#')) {
                while indents.last().is_some_and(|&i| i > column) {
                    indents.pop();
                }
                if indents.last().is_none_or(|&i| i < column) && column > 0 {
                    indents.push(column);
                }
            }
            rest = &rest[column..];
        }
        // The physical line: most of its bytes are of no kind counted, one table lookup each.
        let end = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
        let (line, after) = rest.split_at(end);
        for &byte in line {
            match KIND[usize::from(byte)] {
                OPEN => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                CLOSE => depth = depth.saturating_sub(1),
                LINK => links += 1,
                _ => {}
            }
        }
        if depth == 0 && line.last() == Some(&b'\n') {
            estimate = estimate.max(indents.len() + deepest + links);
            (deepest, links) = (0, 0);
        }
        rest = after;
    }
    estimate.max(indents.len() + deepest + links)
}

/// The stack that processing `source` may need.
pub(crate) fn stack_needed(source: &[u8]) -> usize {
    // A file too short to hold that many such bytes needs no count (most files).
    if source.len().saturating_mul(PER_LEVEL).saturating_add(BASE) <= WORKER_STACK {
        return BASE;
    }
    // Each level of the estimate takes at least one of the bytes counted here (a bracket, an
    // operator or dot, or the line break before an indented line). Counting them is a quick
    // pass the compiler vectorises; most files have too few to need more than a worker's stack,
    // and skip the line-by-line estimate.
    if deepening_bytes(source).saturating_mul(PER_LEVEL).saturating_add(BASE) <= WORKER_STACK {
        return BASE;
    }
    nesting_estimate(source).saturating_mul(PER_LEVEL).saturating_add(BASE)
}

/// What each byte is to [`nesting_estimate`]: an opening or closing bracket, a link (an operator
/// or dot), a line break, or nothing counted (0). The kinds that can add a level are odd.
const KIND: [u8; 256] = {
    let mut table = [0u8; 256];
    let kinds: [(&[u8], u8); 4] = [(b"([{", OPEN), (b")]}", CLOSE), (b".+-*/%@&|^~<>", LINK), (b"\n", LINE)];
    let mut k = 0;
    while k < kinds.len() {
        let (bytes, kind) = kinds[k];
        let mut i = 0;
        while i < bytes.len() {
            table[bytes[i] as usize] = kind;
            i += 1;
        }
        k += 1;
    }
    table
};
const OPEN: u8 = 1;
const CLOSE: u8 = 2;
const LINK: u8 = 3;
const LINE: u8 = 5;

/// How many bytes of `source` can each add a level to [`nesting_estimate`]: a table lookup per
/// byte (half the instructions of comparing each byte with the seventeen kinds).
fn deepening_bytes(source: &[u8]) -> usize {
    let mut total = 0;
    // A `u8` counter per chunk cannot overflow.
    for chunk in source.chunks(255) {
        let count: u8 = chunk.iter().fold(0, |count, &b| count + (KIND[usize::from(b)] & 1));
        total += usize::from(count);
    }
    total
}

/// Runs `work` on a stack of `needed` bytes (from [`stack_needed`]): on this thread when the
/// worker's stack is that deep, else on a thread of its own. `Err` when no such thread can be
/// made (not enough address space), with the reason.
pub(crate) fn with_stack<T: Send>(needed: usize, work: impl FnOnce() -> T + Send) -> Result<T, String> {
    if needed <= WORKER_STACK {
        return Ok(work());
    }
    let too_deep = || "nested too deeply: the stack it needs cannot be reserved".to_owned();
    if needed > MAX_STACK {
        return Err(too_deep());
    }
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().stack_size(needed).spawn_scoped(scope, work).map_err(|_| too_deep())?;
        Ok(thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

#[cfg(test)]
mod tests {
    use super::{BASE, PER_LEVEL, WORKER_STACK, deepening_bytes, nesting_estimate, stack_needed};

    #[test]
    fn few_deepening_bytes_skip_the_estimate() {
        assert_eq!(deepening_bytes(b"a = (b + c.d)\n"), 4);
        assert_eq!(stack_needed(b"def f(x):\n    return x + 1\n"), BASE);
        let chain = format!("x = {}\n", vec!["a"; WORKER_STACK / PER_LEVEL + 1].join(" + "));
        assert!(stack_needed(chain.as_bytes()) > WORKER_STACK);
    }

    #[test]
    fn counts_brackets_links_and_blocks() {
        assert_eq!(nesting_estimate(b"x = 1\n"), 0);
        assert_eq!(nesting_estimate(b"x = ((1))\ny = [1, 2, 3]\n"), 2);
        assert_eq!(nesting_estimate(b"x = a.b.c + d\n"), 3);
        assert_eq!(nesting_estimate(b"if a:\n    if b:\n        pass\n    c\nd\n"), 2);
        // A bracket spanning lines keeps counting; the indentation inside it is not a block.
        assert_eq!(nesting_estimate(b"x = (\n        a +\n  b)\n"), 2);
    }

    /// The estimate byte by byte, as first written: the line-at-a-time one must agree with it.
    fn bytewise(source: &[u8]) -> usize {
        let mut estimate = 0;
        let mut indents: Vec<usize> = Vec::new();
        let (mut depth, mut deepest, mut links, mut column) = (0usize, 0usize, 0usize, 0usize);
        let mut at_line_start = true;
        for &byte in source {
            if at_line_start {
                match byte {
                    b' ' | b'\t' => {
                        column += 1;
                        continue;
                    }
                    b'\n' | b'\r' | b'#' => {}
                    _ => {
                        while indents.last().is_some_and(|&i| i > column) {
                            indents.pop();
                        }
                        if indents.last().is_none_or(|&i| i < column) && column > 0 {
                            indents.push(column);
                        }
                    }
                }
                at_line_start = false;
            }
            match byte {
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                b'.' | b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'&' | b'|' | b'^' | b'~' | b'<' | b'>' => links += 1,
                b'\n' => {
                    if depth == 0 {
                        estimate = estimate.max(indents.len() + deepest + links);
                        (deepest, links) = (0, 0);
                    }
                    at_line_start = depth == 0;
                    column = 0;
                }
                _ => {}
            }
        }
        estimate.max(indents.len() + deepest + links)
    }

    #[test]
    fn agrees_with_the_bytewise_estimate() {
        let shapes: &[&[u8]] = &[
            b"", b"\n", b"x", b"  x", b"if a:\n  b\n\tc\n", b"x = (\n  a\n)\n  y\n", b"  # c\n    x\n",
            b"a)(\nb\n", b")))\n  x.y\n", b"\r\n  x\r\n", b"def f():\n    return [\n        1,\n    ]\n",
            b"x = 1 \\\n    + 2\n", b"   ", b"a\n  b\n    c\n  d\ne",
        ];
        for shape in shapes {
            assert_eq!(nesting_estimate(shape), bytewise(shape), "{:?}", String::from_utf8_lossy(shape));
        }
        // And every Python file of the repository's fixtures and demo.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for folder in ["transforms", "demo"] {
            for entry in ignore::Walk::new(root.join(folder)).flatten() {
                if entry.path().extension().is_some_and(|e| e == "py") {
                    let bytes = std::fs::read(entry.path()).expect("a fixture file reads");
                    assert_eq!(nesting_estimate(&bytes), bytewise(&bytes), "{}", entry.path().display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "only {checked} files");
    }

    #[test]
    fn a_long_flat_statement_is_shallow() {
        let list = format!("x = [{}]\n", "1, ".repeat(100_000));
        assert_eq!(nesting_estimate(list.as_bytes()), 1);
    }
}
