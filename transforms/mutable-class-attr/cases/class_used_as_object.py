# pitfix-args: --unsafe-fixes
# Found in real code (celery, CPython's tests): reported without a fix when the class object
# itself is what the code uses, or when the value reads a class-level name inside a lambda.
import collections
from unittest import mock


def test_settings(f):
    class DJSettings:
        DATABASES = {}

    # The class, not an instance, is the settings object.
    f._settings = DJSettings
    f._settings.DATABASES["default"] = {}


def test_autospec():
    class Foo(object):
        foo = []

    # The spec is read from the class: moving `foo` into __init__ would hide it.
    spec = mock.create_autospec(Foo)
    spec.foo.append(3)


class LibraryBase:
    # Never instantiated here: its users are in other modules.
    used_names = set()

    def new_name(self, name):
        self.used_names.add(name)


class Channel:
    command_size_limit = 512
    # The lambda's default reads the class-level name, which __init__ cannot see.
    command_size_limits = collections.defaultdict(lambda x=command_size_limit: x)

    def __init__(self):
        self.command_size_limits["MAIL"] += 10


Channel()


class Annotated:
    # Only made and named in annotations: fixed.
    seen = set()

    def see(self, item):
        self.seen.add(item)


def make() -> Annotated:
    made: Annotated = Annotated()
    assert isinstance(made, Annotated)
    return made
