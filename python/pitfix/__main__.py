"""`python -m pitfix ARGS`: runs the installed pitfix binary with ARGS."""

import os
import sys

from pitfix import find_pitfix_bin


def main():
    try:
        binary = find_pitfix_bin()
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    args = [binary, *sys.argv[1:]]
    if os.name == "nt":
        # Windows has no exec that keeps the console and exit code: run it and pass its code on.
        import subprocess

        return subprocess.run(args).returncode
    os.execv(binary, args)
    return 2  # not reached: execv replaces the process or raises


if __name__ == "__main__":
    sys.exit(main())
