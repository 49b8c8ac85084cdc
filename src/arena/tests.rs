//! The unit tests run with `ArenaAlloc` as their global allocator (`lib.rs`), so these exercise
//! the real thing; every other test that parses a file goes through it too.
use ruff_python_ast::PySourceType;
use ruff_python_parser::parse_unchecked_source;

use super::{Arena, chunks, parse_in_arena};

const SOURCE: &str = "import os\n\nclass A(B, metaclass=M):\n    x: list[int] = []\n\n    def f(self, a=[], *args, **kw):\n        return [i for i in range(10) if i is not None] + f'{a!r:>10}' + 'x' 'y'\n";

#[test]
fn a_tree_parsed_in_an_arena_equals_one_parsed_outside() {
    let plain = parse_unchecked_source(SOURCE, PySourceType::Python);
    let in_arena = parse_in_arena(SOURCE, PySourceType::Python);
    assert_eq!(in_arena.syntax(), plain.syntax());
    assert_eq!(in_arena.tokens().len(), plain.tokens().len());
    let first = in_arena.syntax().body.first().expect("a statement");
    assert!(chunks::contains(std::ptr::from_ref(first).cast()), "the statements are arena memory");
    assert!(!chunks::contains(std::ptr::from_ref(plain.syntax().body.first().expect("one")).cast()));
}

#[test]
fn chunks_given_back_serve_the_next_files_on_many_threads() {
    let long = SOURCE.repeat(400);
    let texts = [SOURCE, long.as_str()];
    let expected = texts.map(|text| parse_unchecked_source(text, PySourceType::Python));
    std::thread::scope(|scope| {
        for thread in 0..4 {
            let (texts, expected) = (&texts, &expected);
            scope.spawn(move || {
                for round in 0..30 {
                    let which = (round + thread) % 2;
                    let parsed = parse_in_arena(texts[which], PySourceType::Python);
                    assert_eq!(parsed.syntax(), expected[which].syntax());
                }
            });
        }
    });
}

#[test]
fn large_allocations_and_growth_keep_their_bytes() {
    let mut arena = Arena::new();
    let (large, grown, shrunk) = arena.serve(|| {
        let large: Vec<u8> = vec![7; super::chunks::CHUNK];
        let mut grown: Vec<u64> = Vec::new();
        for i in 0..20_000 {
            grown.push(i);
        }
        let mut shrunk: Vec<u32> = (0..1000).collect();
        shrunk.truncate(10);
        shrunk.shrink_to_fit();
        (large, grown, shrunk)
    });
    assert!(!chunks::contains(large.as_ptr()), "a large block comes from the inner allocator");
    assert!(large.iter().all(|&b| b == 7));
    assert!(grown.iter().copied().eq(0..20_000));
    assert_eq!(shrunk, (0..10).collect::<Vec<_>>());
    // Growing past the arena's limit moved the vector to the inner allocator; the values made in
    // the arena must go before it does.
    drop((large, grown, shrunk));
    drop(arena);
}

#[test]
fn allocations_outside_serving_are_not_arena_memory() {
    let mut arena = Arena::new();
    let inside = arena.serve(|| Box::new(1_u64));
    let outside = Box::new(2_u64);
    assert!(chunks::contains(std::ptr::from_ref(&*inside).cast()));
    assert!(!chunks::contains(std::ptr::from_ref(&*outside).cast()));
    drop(inside);
    drop(arena);
}

#[test]
fn only_a_panic_while_serving_keeps_the_chunks() {
    let mut arena = Arena::new();
    let _ = arena.serve(|| Box::new(1_u64));
    let unrelated = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _inside = arena.serve(|| Box::new(2_u64));
        panic!("after serving");
    }));
    assert!(unrelated.is_err());
    assert!(!arena.state.panicked, "a panic after serving gives the chunks back");
    let during = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| arena.serve(|| panic!("while serving"))));
    assert!(during.is_err());
    assert!(arena.state.panicked, "a panic while serving keeps them");
}
