import functools as ft


class Tree:
    @property
    @ft.cache
    def depth(self):
        return 0
