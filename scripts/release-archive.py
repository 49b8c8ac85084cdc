"""Packs the pitfix binary of the wheel in DIST into ARCHIVE_STEM.tar.gz (ARCHIVE_STEM.zip for a
Windows binary), for the GitHub release: the wheel holds the binary the release ships, so it is
not built twice. Usage: python scripts/release-archive.py DIST ARCHIVE_STEM"""

import io
import time
import sys
import tarfile
import zipfile
from pathlib import Path


def binary_of(wheel):
    """(name, bytes) of the pitfix executable in the wheel's `<name>.data/scripts/` folder."""
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            parent, _, name = member.rpartition("/")
            if parent.endswith(".data/scripts") and name in ("pitfix", "pitfix.exe"):
                return name, archive.read(member)
    raise SystemExit(f"release-archive: no pitfix executable in {wheel}")


def main(dist, stem):
    wheels = sorted(Path(dist).glob("*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"release-archive: expected one wheel in {dist}, found {len(wheels)}")
    name, data = binary_of(wheels[0])
    if name.endswith(".exe"):
        with zipfile.ZipFile(f"{stem}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(name, data)
        print(f"{stem}.zip")
        return
    info = tarfile.TarInfo(f"{stem}/{name}")
    info.size = len(data)
    info.mode = 0o755
    info.mtime = int(time.time())
    with tarfile.open(f"{stem}.tar.gz", "w:gz") as archive:
        archive.addfile(info, io.BytesIO(data))
    print(f"{stem}.tar.gz")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
