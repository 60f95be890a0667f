"""Spark local[1] against local[2] on the inputs of docs/SCALING.md, with the machine's load.

    .venv/bin/python bench/spark_scaling.py [--repeat 2] [--shared ../shared] [--work DIR]

Builds the two inputs of docs/SCALING.md in ``--work`` (a temporary folder by default):

1. ``WCEP_2000``: the first 2,000 lines of ``data/news/wcep/wcep_political_2011_2019.jsonl``
   in twenty JSONL files of 100 lines;
2. ``AEB_x12``: the 91 pages of ``data/extraction/aeb/html`` copied twelve times under new
   names (1,092 pages), coded with ``--no-dedup``.

then runs ``dragoman code --engine spark INPUT --out OUT --master local[N]`` for N = 1 and 2,
alternately, ``--repeat`` times each, and prints one Markdown row per run: wall seconds of the
whole command (JVM start, model loads and writing included), the 1-minute load average before
and after, and the speed-up of the medians (the JVM is not a process this script waits for,
so its CPU time is not counted here). On a machine shared with other work, read the load average
beside every figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _inputs(shared: Path, work: Path) -> dict[str, tuple[Path, list[str]]]:
    wcep = work / "WCEP_2000"
    wcep.mkdir(parents=True, exist_ok=True)
    source = shared / "data/news/wcep/wcep_political_2011_2019.jsonl"
    with source.open(encoding="utf-8") as lines:
        head = [next(lines) for _ in range(2000)]
    for n in range(20):
        (wcep / f"part-{n:02d}.jsonl").write_text("".join(head[n * 100 : n * 100 + 100]))
    aeb = work / "AEB_x12"
    aeb.mkdir(parents=True, exist_ok=True)
    for copy in range(1, 13):
        for page in sorted((shared / "data/extraction/aeb/html").iterdir()):
            shutil.copyfile(page, aeb / f"c{copy:02d}_{page.name}")
    return {"2,000 WCEP items": (wcep, []), "1,092 aeb pages": (aeb, ["--no-dedup"])}


def _run(
    folder: Path, extra: list[str], master: str, out: Path
) -> tuple[float, float, float, float]:
    dragoman = Path(sys.executable).with_name("dragoman")
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    command = [str(dragoman), "code", "--engine", "spark", str(folder), "--out", str(out)]
    subprocess.run(
        [*command, "--master", master, *extra],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    return wall, load_before, os.getloadavg()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--shared", default=os.environ.get("DRAGOMAN_SHARED", "../shared"))
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    with tempfile.TemporaryDirectory(prefix="dragoman-spark-") as tmp:
        work = Path(args.work or tmp)
        print("| input | master | run | wall s | load average before / after |")
        print("|---|---|---|---|---|")
        for label, (folder, extra) in _inputs(Path(args.shared), work).items():
            walls: dict[str, list[float]] = {"local[1]": [], "local[2]": []}
            for i in range(args.repeat):
                for master in walls:
                    wall, l0, l1 = _run(folder, extra, master, work / "out")
                    walls[master].append(wall)
                    figures = f"{wall:.1f} | {l0:.1f} / {l1:.1f}"
                    print(f"| {label} | `{master}` | {i + 1} | {figures} |")
            one, two = (statistics.median(walls[m]) for m in ("local[1]", "local[2]"))
            print(f"| {label} | speed-up of the medians | | **{one / two:.2f}x** | |")


if __name__ == "__main__":
    main()
