//! re-flags-positional fixes what it says: run under CPython, `re.sub(p, r, s, re.IGNORECASE)`
//! replaces at most two matches (IGNORECASE is 2, taken as `count`) and stays case-sensitive;
//! `re.split(p, s, re.MULTILINE)` splits at most eight times. After `pitfix apply` every match is
//! replaced case-insensitively, and a second run finds nothing.
mod common;

use common::Project;

const PROGRAM: &str = r#"import re

text = "cat Cat cat cat CAT"
print(re.sub("cat", "dog", text, re.IGNORECASE))
print(len(re.split(",", ",".join("abcdefghijkl"), re.MULTILINE)))
"#;

#[test]
fn a_positional_flag_is_the_count_and_the_fix_makes_it_the_flags() {
    let p = Project::new();
    p.write("words.py", PROGRAM);
    assert_eq!(
        p.python(&["words.py"]),
        "dog Cat dog cat CAT\n9\n",
        "the trap: two replacements, case-sensitive; eight splits"
    );

    p.run(&["apply", "--select", "re-flags-positional", "words.py"]).code(0);
    assert!(p.read_string("words.py").contains("flags=re.IGNORECASE"));
    assert_eq!(p.python(&["words.py"]), "dog dog dog dog dog\n12\n", "after the fix: every match, any case");
    p.run(&["check", "--select", "re-flags-positional", "words.py"]).code(0);
}
