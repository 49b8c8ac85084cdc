import sys

if sys.platform is "win32":
    def handle() -> int: ...
else:
    def handle() -> str: ...

if sys.version_info is not (3, 11):
    X: int
Y: bool = ...
