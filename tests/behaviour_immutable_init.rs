//! The immutable-init fix changes what it should: CPython runs the program before and after
//! `pitfix apply`. Before, arguments meant for `__init__` make the call fail and value changes
//! in `__init__` are lost; after, validation raises its own error, the instance holds the
//! transformed value, extra attributes are set, and `isinstance`, arithmetic, copy and pickle
//! still work.
mod common;

use common::Project;

/// Builds each value and prints it (or the error), with its attributes.
const HARNESS: &str = r#"import copy
import datetime
import pickle
from decimal import Decimal


def attempt(label, make):
    try:
        value = make()
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")
        return None
    extras = dict(sorted(vars(value).items())) if hasattr(value, "__dict__") else {}
    print(f"{label}: {type(value).__name__} {value!r} {extras}")
    return value
"#;

const CLASSES: &str = r#"

class Port(int):
    def __init__(self, value, *, name="port") -> None:
        """A TCP port number with a name."""
        value = int(value)
        if not 1 <= value <= 65535:
            raise ValueError(f"port out of range: {value}")
        self.name = name


class Slug(str):
    def __init__(self, value, *, max_length=20):
        value = "-".join(value.strip().lower().split())
        if not value:
            return
        value = value[:max_length]


class Word(str):
    def __init__(self, value, *, lang="en"):
        super().__init__(value.strip())
        self.lang = lang


class Money(Decimal):
    def __init__(self, value, *, currency="EUR"):
        if Decimal(value) < 0:
            raise ValueError("negative amount")
        self.currency = currency


class Birthday(datetime.date):
    def __init__(self, year, month, day, *, person=None):
        self.person = person


class Row(tuple):
    def __init__(self, cells, *, header=False):
        cells = tuple(str(c) for c in cells)
        self.header = header
"#;

const CALLS: &str = r#"

port = attempt("port", lambda: Port("8080", name="http"))
attempt("port default name", lambda: Port(" 443 "))
attempt("port out of range", lambda: Port("70000", name="big"))
if port is not None:
    print("port arithmetic:", port + 1, isinstance(port, int), port == 8080, f"{port:x}")
    print("port copies:", copy.copy(port).name, pickle.loads(pickle.dumps(port)).name, copy.deepcopy(port) == port)
attempt("slug", lambda: Slug("  Hello Big   World  "))
attempt("empty slug", lambda: Slug("   "))
attempt("word", lambda: Word("  hi  ", lang="fr"))
attempt("money", lambda: Money("12.50", currency="USD"))
attempt("negative money", lambda: Money("-1", currency="USD"))
birthday = attempt("birthday", lambda: Birthday(1990, 5, 17, person="Ada"))
if birthday is not None:
    print("birthday:", birthday.isoformat(), birthday < datetime.date(2000, 1, 1))
attempt("row", lambda: Row([1, 2], header=True))
"#;

const HIERARCHY: &str = r#"import copy


class Port(int):
    def __init__(self, value, *, name="port"):
        if not 0 < value < 65536:
            raise ValueError(value)
        self.name = name


class HttpPort(Port):
    def __init__(self, value, *, secure=False):
        super().__init__(value, name="https" if secure else "http")
        self.secure = secure


class WellKnown(Port):
    pass


for make in (lambda: HttpPort(443, secure=True), lambda: HttpPort(0), lambda: WellKnown(22, name="ssh")):
    try:
        port = make()
        print(type(port).__name__, port, port.name, getattr(port, "secure", None), isinstance(port, Port))
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
"#;

#[test]
fn values_are_built_in_new() {
    let p = Project::new();
    p.write("prog.py", format!("{HARNESS}{CLASSES}{CALLS}"));
    assert_eq!(
        p.python(&["prog.py"]),
        "port: TypeError: 'name' is an invalid keyword argument for int()\n\
         port default name: Port 443 {'name': 'port'}\n\
         port out of range: TypeError: 'name' is an invalid keyword argument for int()\n\
         slug: Slug '  Hello Big   World  ' {}\n\
         empty slug: Slug '   ' {}\n\
         word: TypeError: 'lang' is an invalid keyword argument for str()\n\
         money: TypeError: 'currency' is an invalid keyword argument for this function\n\
         negative money: TypeError: 'currency' is an invalid keyword argument for this function\n\
         birthday: TypeError: function takes at most 3 arguments (4 given)\n\
         row: Row (1, 2) {'header': True}\n",
        "CPython passes every argument to the immutable type and drops the changes of __init__"
    );

    let run = p.run(&["apply", "--select", "immutable-init"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 6 problems in 1 file (immutable-init: 6).\n");
    let fixed = p.read_string("prog.py");
    let port = "class Port(int):
    def __new__(cls, value, *, name=\"port\"):
        \"\"\"A TCP port number with a name.\"\"\"
        value = int(value)
        if not 1 <= value <= 65535:
            raise ValueError(f\"port out of range: {value}\")
        self = super().__new__(cls, value)
        self.name = name
        return self
";
    assert!(fixed.contains(port), "{fixed}");
    assert!(fixed.contains("        if not value:\n            return super().__new__(cls, value)\n"), "{fixed}");
    assert!(fixed.contains("        self = super().__new__(cls, value.strip())\n        self.lang = lang\n"), "{fixed}");

    // The calls work; validation raises its own error; the instances hold the changed values.
    assert_eq!(
        p.python(&["prog.py"]),
        "port: Port 8080 {'name': 'http'}\n\
         port default name: Port 443 {'name': 'port'}\n\
         port out of range: ValueError: port out of range: 70000\n\
         port arithmetic: 8081 True True 1f90\n\
         port copies: http http True\n\
         slug: Slug 'hello-big-world' {}\n\
         empty slug: Slug '' {}\n\
         word: Word 'hi' {'lang': 'fr'}\n\
         money: Money Decimal('12.50') {'currency': 'USD'}\n\
         negative money: ValueError: negative amount\n\
         birthday: Birthday Birthday(1990, 5, 17) {'person': 'Ada'}\n\
         birthday: 1990-05-17 True\n\
         row: Row ('1', '2') {'header': True}\n"
    );
    p.run(&["diff", "--select", "immutable-init"]).code(0);
}

#[test]
fn a_hierarchy_is_fixed_together() {
    let p = Project::new();
    p.write("prog.py", HIERARCHY);
    assert_eq!(
        p.python(&["prog.py"]),
        "TypeError: 'secure' is an invalid keyword argument for int()\n\
         ValueError: 0\n\
         TypeError: 'name' is an invalid keyword argument for int()\n"
    );

    // Both fixes are unsafe (each is right only with the other): nothing changes without the flag.
    p.run(&["apply", "--select", "immutable-init"]).code(0);
    assert_eq!(p.read_string("prog.py"), HIERARCHY);

    let run = p.run(&["apply", "--select", "immutable-init", "--unsafe-fixes"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 2 problems in 1 file (immutable-init: 2).\n");
    assert_eq!(
        p.python(&["prog.py"]),
        "HttpPort 443 https True True\n\
         ValueError: 0\n\
         WellKnown 22 ssh None True\n"
    );
    p.run(&["diff", "--select", "immutable-init", "--unsafe-fixes"]).code(0);
}
