//! The memoryview-slice-kept fix changes what it should: CPython runs the program before and
//! after `pitfix apply --unsafe-fixes`. Before, the kept slices hold the whole buffer (it is still
//! alive after the last name for it is gone) and lock the bytearray against resizing; after, the
//! bytearray grows, the buffer is freed, and the kept values are the same bytes.
mod common;

use common::Project;

const PROGRAM: &str = r#"import gc
import weakref


class Buffer(bytearray):
    """A bytearray that a weak reference can watch."""


class Packet:
    def __init__(self, data):
        view = memoryview(data)
        self.header = view[:4]


def parse(data):
    view = memoryview(data)
    body = view[4:8]
    return body


data = Buffer(b"HEADBODY" + bytes(1_000_000))
alive = weakref.ref(data)
packet = Packet(data)
body = parse(data)
try:
    data.extend(b"more")
    print("resized:", len(data))
except BufferError as e:
    print(f"BufferError: {e}")
del data
gc.collect()
print("buffer alive:", alive() is not None)
print("kept:", bytes(packet.header), bytes(body), len(packet.header) + len(body))
"#;

#[test]
fn the_buffer_is_freed_and_resizable() {
    let p = Project::new();
    p.write("prog.py", PROGRAM);
    assert_eq!(
        p.python(&["prog.py"]),
        "BufferError: Existing exports of data: object cannot be re-sized\n\
         buffer alive: True\n\
         kept: b'HEAD' b'BODY' 8\n"
    );

    // Unsafe: nothing changes without the flag.
    p.run(&["apply", "--select", "memoryview-slice-kept"]).code(0);
    assert_eq!(p.read_string("prog.py"), PROGRAM);

    let run = p.run(&["apply", "--select", "memoryview-slice-kept", "--unsafe-fixes"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 2 problems in 1 file (memoryview-slice-kept: 2).\n");
    let fixed = p.read_string("prog.py");
    assert!(fixed.contains("        self.header = bytes(view[:4])\n"), "{fixed}");
    assert!(fixed.contains("    body = bytes(view[4:8])\n    return body\n"), "{fixed}");

    assert_eq!(
        p.python(&["prog.py"]),
        "resized: 1000012\n\
         buffer alive: False\n\
         kept: b'HEAD' b'BODY' 8\n"
    );
    p.run(&["diff", "--select", "memoryview-slice-kept", "--unsafe-fixes"]).code(0);
}
