//! Bytes preserved: line endings, BOM, tabs, trailing whitespace, form feeds, latin-1 and a
//! missing final newline come back as they were.

use crate::common::Project;
use crate::support::{cmd, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

#[test]
fn crlf_bom_tabs_trailing_whitespace_and_form_feed_are_kept() {
    let p = Project::new();
    let before: &[u8] = b"\xEF\xBB\xBF# header \t \r\n\x0c\r\n\x0cdef f(x):\t\r\n\tif x is 1000:   \r\n\t\treturn x is not \"a\"\t\r\n\treturn 0 \r\n";
    let after: &[u8] = b"\xEF\xBB\xBF# header \t \r\n\x0c\r\n\x0cdef f(x):\t\r\n\tif x == 1000:   \r\n\t\treturn x != \"a\"\t\r\n\treturn 0 \r\n";
    p.write("crlf.py", before);
    p.run(&["apply"]).code(0);
    assert_eq!(p.read("crlf.py"), after);
}

#[test]
fn latin1_file_is_written_back_in_latin1() {
    // Byte for byte: a text snapshot would show the latin-1 bytes as replacement characters.
    let p = Project::new();
    let before: &[u8] =
        b"# -*- coding: latin-1 -*-\nname = \"\xe9t\xe9\"\nif name is \"caf\xe9\":\n    print(\"\xa0ok\")\n";
    let after: &[u8] =
        b"# -*- coding: latin-1 -*-\nname = \"\xe9t\xe9\"\nif name == \"caf\xe9\":\n    print(\"\xa0ok\")\n";
    p.write("l1.py", before);
    let run = p.run(&["diff"]);
    run.code(1);
    assert_eq!(
        run.stdout,
        [
            &b"diff --git a/l1.py b/l1.py\n--- a/l1.py\n+++ b/l1.py\n@@ -1,4 +1,4 @@\n # -*- coding: latin-1 -*-\n name = \"\xe9t\xe9\"\n"[..],
            b"-if name is \"caf\xe9\":\n+if name == \"caf\xe9\":\n     print(\"\xa0ok\")\n",
        ]
        .concat()
    );
    p.run(&["apply"]).code(0);
    assert_eq!(p.read("l1.py"), after);
}

#[test]
fn file_without_trailing_newline_stays_without_one() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", "x = int('1000')\nprint(x is 1000)");
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("a.py"), "x = int('1000')\nprint(x == 1000)");
}
