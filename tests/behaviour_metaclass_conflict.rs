//! The metaclass-conflict fix changes what it should: CPython imports the program before and
//! after `pitfix apply`. Before, the module raises `TypeError: metaclass conflict` at import;
//! after, it imports, and both metaclasses do their work (a registry metaclass from another file
//! of the project registers the class, `ABCMeta` still refuses to instantiate an abstract one,
//! `EnumMeta` still makes members).
mod common;

use common::Project;

/// A metaclass that registers every class made with it, in a package that re-exports it.
const META: &str = r#"class Registry(type):
    classes = []

    def __init__(cls, name, bases, namespace, **kwargs):
        super().__init__(name, bases, namespace, **kwargs)
        Registry.classes.append(name)


class Plugin(metaclass=Registry):
    pass
"#;

const APP: &str = r#"from abc import ABC, abstractmethod
from enum import Enum

from pkg import Plugin


class Exporter(Plugin, ABC):
    @abstractmethod
    def export(self):
        ...


class Csv(Exporter):
    def export(self):
        return "a,b"


class Shape(ABC, Enum):
    SQUARE = 4

    def sides(self):
        return self.value
"#;

const RUN: &str = r#"try:
    import app
except TypeError as e:
    print(f"import failed: TypeError: {e}")
else:
    from pkg.meta import Registry
    print("registered:", Registry.classes)
    try:
        app.Exporter()
    except TypeError as e:
        print("abstract:", str(e).split(" with")[0])
    print("export:", app.Csv().export())
    print("enum:", app.Shape.SQUARE.sides(), list(app.Shape))
    print("metaclass of Csv:", [c.__name__ for c in type(app.Csv).__mro__])
"#;

#[test]
fn the_module_imports_and_both_metaclasses_work() {
    let p = Project::new();
    p.write("pkg/__init__.py", "from .meta import Plugin\n");
    p.write("pkg/meta.py", META);
    p.write("app.py", APP);
    p.write("run.py", RUN);
    assert_eq!(
        p.python(&["run.py"]),
        "import failed: TypeError: metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases\n"
    );

    let run = p.run(&["apply", "--select", "metaclass-conflict"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 2 problems in 1 file (metaclass-conflict: 2).\n");
    let fixed = p.read_string("app.py");
    assert!(fixed.contains("from abc import ABC, abstractmethod, ABCMeta\n"), "{fixed}");
    assert!(fixed.contains("from enum import Enum, EnumMeta\n"), "{fixed}");
    // The registry metaclass lives in another file: the class's base spells it.
    assert!(fixed.contains("class _ExporterMeta(type(Plugin), ABCMeta): pass\nclass Exporter(Plugin, ABC, metaclass=_ExporterMeta):\n"), "{fixed}");
    assert!(fixed.contains("class _ShapeMeta(ABCMeta, EnumMeta): pass\nclass Shape(ABC, Enum, metaclass=_ShapeMeta):\n"), "{fixed}");

    assert_eq!(
        p.python(&["run.py"]),
        "registered: ['Plugin', 'Exporter', 'Csv']\n\
         abstract: Can't instantiate abstract class Exporter\n\
         export: a,b\n\
         enum: 4 [<Shape.SQUARE: 4>]\n\
         metaclass of Csv: ['_ExporterMeta', 'Registry', 'ABCMeta', 'type', 'object']\n"
    );
    p.run(&["diff", "--select", "metaclass-conflict"]).code(0);
}

#[test]
fn an_unknown_metaclass_is_left_alone() {
    let p = Project::new();
    // `Plugin` comes from a module that is not part of the run: its metaclass is unknown.
    p.write("app.py", "from abc import ABC\nfrom elsewhere import Plugin\n\n\nclass Exporter(Plugin, ABC):\n    pass\n");
    let run = p.run(&["check", "--select", "metaclass-conflict", "app.py"]);
    run.code(0);
}
