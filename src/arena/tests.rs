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

/// The blocks of the inner allocator an arena lists, in no order.
fn listed(arena: &Arena) -> Option<Vec<*mut u8>> {
    arena.state.outside_blocks().map(|blocks| blocks.map(|(block, _)| block).collect())
}

#[test]
fn the_arena_lists_the_large_blocks_its_tree_holds() {
    // Enough statements for a body and a token list larger than a bump may be.
    let long = "x = [1, 2, 3]\n".repeat(5_000);
    let parsed = parse_in_arena(&long, PySourceType::Python);
    let blocks: Vec<_> = parsed.arena.state.outside_blocks().expect("every block listed").collect();
    let holds = |data: *const u8| {
        blocks.iter().any(|&(block, layout)| (block as usize..block as usize + layout.size()).contains(&(data as usize)))
    };
    let body = parsed.syntax().body.as_ptr().cast::<u8>();
    assert!(holds(body), "the module's body (a thin vector: the block starts with its header)");
    assert!(holds(parsed.tokens().as_ptr().cast()), "the token list");
    assert!(!chunks::contains(body));
    // Dropped through the list: a double free or a free of a block it does not own would abort.
    drop(parsed);
}

#[test]
fn blocks_freed_or_moved_while_serving_leave_or_move_in_the_list() {
    let mut arena = Arena::new();
    let kept = arena.serve(|| {
        let freed = vec![1_u8; super::alloc::MAX_SMALL * 2];
        drop(freed);
        let mut grown: Vec<u64> = Vec::new();
        for i in 0..100_000 {
            grown.push(i);
        }
        grown
    });
    assert_eq!(listed(&arena), Some(vec![kept.as_ptr().cast::<u8>().cast_mut()]), "only the grown vector, where it is now");
    drop(kept);
}

#[test]
fn past_the_list_the_value_is_dropped_node_by_node() {
    let mut arena = Arena::new();
    let many = arena.serve(|| (0..300).map(|i| vec![i as u8; super::alloc::MAX_SMALL + 1]).collect::<Vec<_>>());
    assert!(listed(&arena).is_none(), "more blocks than the list holds");
    let in_arena = super::InArena { value: std::mem::ManuallyDrop::new(many), arena };
    assert!(in_arena.iter().enumerate().all(|(i, block)| block.iter().all(|&b| b == i as u8)));
    // Each block is freed by the value's drop, once.
    drop(in_arena);
}

#[test]
fn blocks_from_before_the_serving_are_not_listed() {
    let mut before = vec![0_u8; super::alloc::MAX_SMALL * 2];
    let mut arena = Arena::new();
    arena.serve(|| before.extend_from_slice(&[1; 1000]));
    assert_eq!(listed(&arena), Some(Vec::new()));
    drop(arena);
    assert_eq!(before.len(), super::alloc::MAX_SMALL * 2 + 1000);
}
