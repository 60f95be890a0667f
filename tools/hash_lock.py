"""Add to every ``name==version`` line of requirements.lock the sha256 of each file PyPI holds
for that version (wheels for every platform and the sdist), as pip's hash-checking mode needs.

    .venv/bin/python tools/hash_lock.py requirements.lock   # rewrites the file in place

It reads PyPI's simple index (PEP 691 JSON), as pip does; only the pinned versions are looked
at. Run it after changing a pin; ``make setup`` then installs with ``--require-hashes``.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import Version

INDEX = "https://pypi.org/simple"


def file_version(filename: str) -> Version | None:
    try:
        if filename.endswith(".whl"):
            return parse_wheel_filename(filename)[1]
        return parse_sdist_filename(filename)[1]
    except (InvalidWheelFilename, InvalidSdistFilename):
        return None


def hashes(name: str, version: str) -> list[str]:
    request = urllib.request.Request(
        f"{INDEX}/{canonicalize_name(name)}/",
        headers={"Accept": "application/vnd.pypi.simple.v1+json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        files = json.load(response)["files"]
    wanted = Version(version)
    found = sorted(
        {
            f["hashes"]["sha256"]
            for f in files
            if "sha256" in f.get("hashes", {}) and file_version(f["filename"]) == wanted
        }
    )
    if not found:
        raise SystemExit(f"PyPI has no file of {name}=={version}")
    return found


def main(path: Path) -> None:
    pins = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().rstrip("\\").strip()
        if not line or line.startswith(("#", "--hash")):
            continue
        pins.append(line.split()[0])
    out = [
        "# Every dependency of dragoman and its dev extra, pinned with the sha256 of each file",
        "# PyPI holds for the version. Regenerate: python tools/hash_lock.py requirements.lock",
    ]
    for pin in sorted(pins, key=lambda p: canonicalize_name(p.split("==")[0])):
        name, version = pin.split("==")
        digests = hashes(name, version)
        out.append(pin + " \\")
        out.extend(
            f"    --hash=sha256:{d}" + (" \\" if i < len(digests) - 1 else "")
            for i, d in enumerate(digests)
        )
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "requirements.lock"))
