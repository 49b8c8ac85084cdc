"""pitfix: the Rust binary shipped as a wheel, and a way to find it from Python."""

import os
import sys
import sysconfig

__all__ = ["find_pitfix_bin"]


def find_pitfix_bin():
    """The path of the `pitfix` executable the wheel installed.

    Looks in the scripts folder of the running interpreter's scheme first (a virtualenv's bin/),
    then of the user scheme (`pip install --user`), then beside this package (`pip install
    --target`), and raises FileNotFoundError when none has it.
    """
    name = "pitfix.exe" if os.name == "nt" else "pitfix"
    candidates = [sysconfig.get_path("scripts")]
    user_scheme = _user_scheme()
    if user_scheme:
        candidates.append(sysconfig.get_path("scripts", scheme=user_scheme))
    # `pip install --target DIR` puts the package in DIR and the binary in DIR/bin.
    candidates.append(os.path.join(os.path.dirname(os.path.dirname(__file__)), "bin"))
    for folder in candidates:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(
        "pitfix: cannot find the pitfix executable; looked in: " + ", ".join(candidates)
    )


def _user_scheme():
    if sys.version_info >= (3, 10):
        return sysconfig.get_preferred_scheme("user")
    if os.name == "nt":
        return "nt_user"
    if sys.platform == "darwin" and sys._framework:
        return "osx_framework_user"
    return "posix_user"
