# Mutable class attributes that are shared on purpose, declared, or never changed.
from typing import ClassVar, Final, Sequence

from django.contrib import admin
from somewhere import register


class Registry:
    # Reached through the class: a registry shared on purpose.
    plugins = {}
    handlers = []
    hooks = []

    def __init_subclass__(cls):
        cls.plugins[cls.__name__] = cls

    @staticmethod
    def add(handler):
        Registry.handlers.append(handler)

    def hook(self, hook):
        type(self).hooks.append(hook)
        self.plugins[hook] = hook


class Declared:
    __slots__ = ["a", "b"]
    __match_args__ = ["a"]
    shared: ClassVar[list] = []
    limit: Final = [1]
    read_only: Sequence[int] = []
    _cache = {}
    type_registry = {}
    # Never changed in place: shared, but harmlessly.
    TABLE = {"a": 1}

    def use(self, key):
        self.shared.append(key)
        self.limit.append(key)
        self._cache[key] = self.TABLE.get(key)
        self.type_registry[key] = 1


class Initialised:
    # __init__ gives each instance its own list: the class value is only a declaration.
    items: list = []

    def __init__(self):
        self.items = []

    def add(self, item):
        self.items.append(item)


class BookAdmin(admin.ModelAdmin):
    # Framework configuration, read and never changed.
    list_display = ["title", "author"]


class Model:
    class Meta:
        ordering = ["name"]
        indexes = []

    def order_by(self, column):
        self.Meta.ordering.append(column)
        self.Meta.indexes.append(column)


@register
class Registered:
    # An unknown decorator may turn the class into something else.
    items = []

    def add(self, item):
        self.items.append(item)


class ZoomHeight:
    # Cached values for maximized window dimensions, one for each set
    # of screen dimensions (found in CPython's idlelib: shared on purpose).
    _max_height_and_y_coords = {}
    lookup = {}  # a registry of every window

    def zoom(self, key, value):
        self._max_height_and_y_coords[key] = value
        self.lookup[key] = value
