use super::*;
use crate::engine::first_look::first_look;
use ruff_python_parser::parse_module;

fn summary(source: &str, name: &str, is_package: bool) -> ModuleSummary {
    let parsed = parse_module(source).expect("test source parses");
    let module_name = ModuleName { name: Some(name.to_owned()), is_package };
    let look = first_look(parsed.syntax(), &[], true);
    Arc::new(summarize_local(&look)).resolve(module_name, vec![name.to_owned()])
}

#[test]
fn relative_names_become_absolute() {
    let module = ModuleName { name: Some("pkg.sub.mod".to_owned()), is_package: false };
    assert_eq!(module.absolute(".stream.records").as_deref(), Some("pkg.sub.stream.records"));
    assert_eq!(module.absolute("..util.f").as_deref(), Some("pkg.util.f"));
    assert_eq!(module.absolute("....f"), None);
    let package = ModuleName { name: Some("pkg".to_owned()), is_package: true };
    assert_eq!(package.absolute(".stream.records").as_deref(), Some("pkg.stream.records"));
}

#[test]
fn follows_reexports_through_a_package() {
    let stream = summary("async def records(db):\n    yield 1\nasync def plain():\n    return 1\n", "pkg.stream", false);
    let init = summary("from .stream import records\n", "pkg", true);
    let consumer = summary("from pkg import records\nasync def main():\n    async for r in records(1):\n        break\n", "app", false);
    assert!(waits(&consumer, IndexNeed::AsyncGenerators));
    assert!(!waits(&consumer, IndexNeed::ValueGenerators) && !waits(&consumer, IndexNeed::Classes));
    assert!(!waits(&stream, IndexNeed::AsyncGenerators));
    let index = ProjectIndex::new(vec![stream, init, consumer]);
    assert!(index.is_async_generator("pkg.stream.records"));
    assert!(index.is_async_generator("pkg.records"));
    assert!(!index.is_async_generator("pkg.stream.plain"));
    assert!(!index.is_async_generator("other.records"));
}

#[test]
fn classes_with_their_bases_and_metaclass_through_reexports() {
    let meta = summary(
        "import abc\nclass Meta(abc.ABCMeta): pass\nclass Base(metaclass=Meta): pass\nclass Child(Base): pass\n\
         @decorate\nclass Hidden(Base): pass\nclass Twice: pass\nTwice = 1\nclass Made(make()): pass\n",
        "pkg.meta",
        false,
    );
    let init = summary("from .meta import Base\n", "pkg", true);
    let user = summary("from pkg import Base\nfrom other import Mixin\nclass C(Base, Mixin): pass\n", "app", false);
    let single = summary("from pkg import Base\nclass C(Base): pass\n", "app2", false);
    let builtin_mix = summary("from pkg import Base\nclass E(Base, ValueError, object): pass\n", "app3", false);
    let through_local =
        summary("from pkg import Base\nfrom abc import ABC\nclass L(Base): pass\nclass C(L, ABC): pass\n", "app4", false);
    let packages: FxHashSet<String> = ["pkg".to_owned()].into_iter().collect();
    assert!(user.needs_index(IndexNeed::Classes, &packages));
    assert!(!user.needs_index(IndexNeed::Classes, &FxHashSet::default()), "`pkg` is not among the files processed");
    assert!(through_local.needs_index(IndexNeed::Classes, &packages));
    assert!(!single.needs_index(IndexNeed::Classes, &packages));
    assert!(!builtin_mix.needs_index(IndexNeed::Classes, &packages), "a base mixed with builtins cannot conflict");
    assert!(!meta.needs_index(IndexNeed::Classes, &packages));
    let index = ProjectIndex::new(vec![meta, init, user, single]);
    let class = |q: &str| index.class(q);
    assert_eq!(class("pkg.meta.Meta"), Some(ClassSummary { bases: vec!["abc.ABCMeta".to_owned()], metaclass: None }));
    let base = ClassSummary { bases: Vec::new(), metaclass: Some("pkg.meta.Meta".to_owned()) };
    assert_eq!(class("pkg.meta.Base"), Some(base.clone()));
    assert_eq!(class("pkg.Base"), Some(base));
    assert_eq!(class("pkg.meta.Child").map(|c| c.bases), Some(vec!["pkg.meta.Base".to_owned()]));
    assert_eq!(class("app.C").map(|c| c.bases), Some(vec!["pkg.Base".to_owned(), "other.Mixin".to_owned()]));
    for unknown in ["pkg.meta.Hidden", "pkg.meta.Twice", "pkg.meta.Made", "other.Mixin"] {
        assert_eq!(class(unknown), None, "{unknown}");
    }
}

#[test]
fn async_generator_needs_its_own_yield() {
    let nested = summary("async def f():\n    def g():\n        yield 1\n    return g\n", "m", false);
    assert!(nested.local.async_generators.is_empty());
    let lambda = summary("async def f():\n    return lambda: (yield)\n", "m", false);
    assert!(lambda.local.async_generators.is_empty());
    let own = summary("async def f():\n    x = [(yield) for _ in 'a']\n", "m", false);
    assert!(own.local.async_generators.iter().any(|g| g == "f"));
    // A yield in a default of an inner def runs in the outer function.
    let default = summary("async def f():\n    def g(a=(yield)):\n        pass\n", "m", false);
    assert!(default.local.async_generators.iter().any(|g| g == "f"));
    let not_top = summary("if True:\n    async def f():\n        yield 1\n", "m", false);
    assert!(not_top.local.async_generators.is_empty());
}

#[test]
fn imports_in_any_scope_and_ambiguous_ones_dropped() {
    let s = summary("def f():\n    from a import x\ndef g():\n    from b import x\nimport c.d as e\n", "m", false);
    assert!(!s.local.imports.iter().any(|(name, _)| name == "x"));
    assert!(s.local.imports.iter().any(|(name, target)| name == "e" && target == "c.d"));
}

#[test]
fn names_syntax_cannot_settle_are_not_named() {
    // Rebound, bound by an assignment, or a parameter of the function that makes the class.
    let s = summary("from pkg import A\nA = wrap(A)\nclass C(A): pass\n", "m", false);
    assert!(!s.local.classes.iter().any(|(name, _)| name == "C"));
    let packages: FxHashSet<String> = ["pkg".to_owned()].into_iter().collect();
    let local = summary("from pkg import Base\ndef f(Mixin):\n    class C(Base, Mixin): pass\n", "m", false);
    assert!(local.needs_index(IndexNeed::Classes, &packages), "a parameter may be any class: wait for the index");
}

#[test]
fn generators_driven_by_send_and_the_files_that_send_to_them() {
    let workers = summary(
        "def averager():\n    total = yield\n    yield total\ndef plain():\n    yield 1\n@primed\ndef wrapped():\n    x = yield\n",
        "pkg.workers",
        false,
    );
    let sender = summary("from pkg.workers import averager\ng = averager()\ng.send(1)\n", "app", false);
    let socket = summary("import socket\ns = socket.socket()\ns.send(b'x')\n", "net", false);
    let module = summary("from pkg import workers\ng = workers.averager()\ng.send(1)\n", "app2", false);
    assert!(waits(&module, IndexNeed::ValueGenerators));
    assert!(waits(&sender, IndexNeed::ValueGenerators));
    assert!(!waits(&sender, IndexNeed::AsyncGenerators));
    assert!(!waits(&socket, IndexNeed::ValueGenerators) && !waits(&workers, IndexNeed::ValueGenerators));
    let inside = summary("def f():\n    from pkg.workers import averager\n    g = averager()\n    g.send(1)\n", "app3", false);
    assert!(waits(&inside, IndexNeed::ValueGenerators), "an import inside a function counts too");
    let index = ProjectIndex::new(vec![workers, sender, socket]);
    assert!(index.is_value_generator("pkg.workers.averager"));
    assert!(index.is_value_generator("app.averager"));
    assert!(!index.is_value_generator("pkg.workers.plain"));
    assert!(!index.is_value_generator("pkg.workers.wrapped"));
    assert!(!index.is_async_generator("pkg.workers.averager"));
}

/// Whether the file waits for the index for `need`, whatever the packages processed.
fn waits(summary: &ModuleSummary, need: IndexNeed) -> bool {
    summary.needs_index(need, &FxHashSet::default())
}

#[test]
fn a_recording_index_knows_nothing_and_keeps_every_question() {
    let recording = ProjectIndex::recording();
    assert!(!recording.is_async_generator("pkg.stream.records"));
    assert!(!recording.is_value_generator("pkg.gen"));
    assert_eq!(recording.class("pkg.meta.Base"), None, "asked, but a judgement reading it is what is kept");
    recording.note_judged(|| Arc::new(Knows("pkg.meta.Base")));
    let questions = recording.into_questions();
    assert_eq!(questions.len(), 3);
    let stream = summary("async def records(db):\n    yield 1\n", "pkg.stream", false);
    let index = ProjectIndex::new(vec![stream]);
    assert!(!index.answers_no(&questions), "the whole index knows `records`");
    assert!(index.answers_no(&questions[1..]), "`pkg.gen` is no generator; no class `pkg.meta.Base`");
    let meta = summary("class Base:\n    pass\n", "pkg.meta", false);
    assert!(!ProjectIndex::new(vec![meta]).answers_no(&questions[1..]), "a judgement is asked again");
    assert!(index.answers_no(&[]));
    assert!(ProjectIndex::new(Vec::new()).into_questions().is_empty(), "a real index records nothing");
}

/// A judgement whose outcome changes once the index knows a class.
#[derive(Debug)]
struct Knows(&'static str);

impl Judged for Knows {
    fn answers_no(&self, index: &ProjectIndex) -> bool {
        index.class(self.0).is_none()
    }
}

#[test]
fn module_names_from_the_package_root_the_given_folders_and_src() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("proj");
    for file in ["src/pkg/__init__.py", "src/pkg/mod.py", "src/pkg/sub/__init__.py", "scripts/run-me.py", "tools/x.py"] {
        let path = project.join(file);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
        std::fs::write(&path, "").expect("a file");
    }
    let packages = PackageRoots::default();
    let names = |path: PathBuf, roots: &[PathBuf]| module_names(&path, roots, &packages);
    let (module, all) = names(project.join("src/pkg/mod.py"), &[project.clone()]);
    assert_eq!((module.name.as_deref(), module.is_package), (Some("pkg.mod"), false));
    assert_eq!(all, ["pkg.mod", "src.pkg.mod"], "the package root's name first, then the given folder's");
    // As a walk of `.` gives them: `./` inside the path and the given folder.
    let (module, all) = names(project.join("./src/pkg/sub/__init__.py"), &[project.join(".")]);
    assert_eq!((module.name.as_deref(), module.is_package), (Some("pkg.sub"), true));
    assert_eq!(all, ["pkg.sub", "src.pkg.sub"]);
    let (module, all) = names(project.join("scripts/run-me.py"), &[project.clone()]);
    assert_eq!((module.name, all.len()), (None, 0), "not a name Python can import");
    assert_eq!(names(project.join("tools/x.py"), &[]).1, ["x"]);
    assert_eq!(names(project.join("src/pkg/mod.py"), &[project.join("tools")]).1, ["pkg.mod"], "a folder not holding it");
}
