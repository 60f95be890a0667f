"""Throughput and memory of dragoman on the bundled corpus and on a larger synthetic one.

    .venv/bin/python bench/throughput.py [--documents 500] [--repeat 3] [--json-out FILE]

Prints the machine, then runs ``dragoman bench --json`` (each in its own process, so that
the peak RSS of one corpus does not carry into the other) on:

1. ``samples/``, the bundled corpus (HTML, gzipped HTML, text and JSONL);
2. a synthetic corpus: the samples' documents repeated with new ids (``synth-0000-...``) until
   there are ``--documents`` of them, written as JSONL files of 50 records into a temporary
   folder. The texts repeat; the ids, and so the event ids and store rows, do not.

and prints Markdown tables ready for docs/BENCHMARKS.md. The figures are measurements of
this machine at this moment: other work on it shows in the load average and in the gap
between wall and CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from dragoman.benchmark import STAGES, Machine
from dragoman.ingest import read_inputs
from dragoman.records import Document
from dragoman.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
_RUN_CLI = "import sys; from dragoman.cli import main; sys.exit(main())"


def write_synthetic(samples: Path, folder: Path, n_documents: int, per_file: int = 50) -> int:
    """Write ``n_documents`` JSONL records cycling through the sample documents; returns N."""
    docs = [d for d in read_inputs([str(samples)], load_settings()) if isinstance(d, Document)]
    if not docs:
        raise SystemExit(f"no documents in {samples}")
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for i in range(n_documents):
        doc = docs[i % len(docs)]
        body = doc.data.decode(doc.encoding or "utf-8", errors="replace")
        record: dict[str, Any] = {
            "id": f"synth-{i:04d}-{doc.doc_id}",
            "html" if doc.media_type == "html" else "text": body,
            "date": doc.date,
        }
        if doc.url:
            record["url"] = doc.url
        if doc.title:
            record["title"] = doc.title
        records.append(json.dumps(record, ensure_ascii=False))
    for n, start in enumerate(range(0, len(records), per_file)):
        chunk = records[start : start + per_file]
        (folder / f"synthetic-{n:03d}.jsonl").write_text("\n".join(chunk) + "\n", "utf-8")
    return len(records)


def run_bench(inputs: list[str], repeat: int, batch_size: int) -> dict[str, Any]:
    cmd = [sys.executable, "-c", _RUN_CLI, "bench", *inputs, "--json"]
    cmd += ["--repeat", str(repeat), "--batch-size", str(batch_size)]
    print("$ dragoman " + " ".join(cmd[3:]), flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if proc.returncode not in (0, 1):  # 1: some documents failed, still measured
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"dragoman bench exited with {proc.returncode}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def markdown(results: dict[str, dict[str, Any]]) -> str:
    head = (
        "| corpus | docs | sentences | words | events | wall s | CPU s | docs/s | sentences/s "
        "| words/s | events/s | words per CPU s | spaCy floor wall s (CPU s) "
        "| pipeline / floor, wall (CPU) | peak RSS MiB |"
    )
    rows = [head, "|" + "---|" * (head.count("|") - 1)]
    for name, r in results.items():
        c, p, f = r["counts"], r["per_second"], r["spacy_floor"]
        rows.append(
            f"| {name} | {c['documents']} | {c['sentences']} | {c['words']} | {c['events']} "
            f"| {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {p['documents']:.1f} "
            f"| {p['sentences']:.1f} | {p['words']:.0f} | {p['events']:.1f} "
            f"| {r['per_cpu_second']['words']:.0f} "
            f"| {f['seconds']:.2f} ({f['cpu_seconds']:.2f}) "
            f"| {f['pipeline_ratio']:.2f} ({f['pipeline_cpu_ratio']:.2f}) "
            f"| {r['memory_mib']['peak_rss']:.0f} |"
        )
    names = [*STAGES, "other"]
    rows += ["", "| corpus | " + " | ".join(f"{s} s" for s in names) + " |"]
    rows.append("|---|" + "---|" * len(names))
    for name, r in results.items():
        st = r["stages_seconds"]
        cells = [f"{st[s]:.2f} ({st[s] / r['seconds']:.0%})" for s in names]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    rows += ["", "| corpus | runs (wall s) | model load s | warm-up s | load average |"]
    rows.append("|---|---|---|---|---|")
    for name, r in results.items():
        runs = ", ".join(f"{s:.2f}" for s in r["runs_seconds"])
        rows.append(
            f"| {name} | {runs} | {r['load_seconds']:.2f} | {r['warmup_seconds']:.2f} "
            f"| {r['load_average_1min']:.2f} |"
        )
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--documents", type=int, default=500, help="size of the synthetic corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json-out", type=Path, help="write every result as JSON to this file")
    args = ap.parse_args()

    machine = Machine.current()
    print(f"machine: {machine.describe()}")
    print(
        f"nproc {machine.cpus}; CPU {machine.cpu_model}; RAM {machine.memory_gib:g} GiB; "
        f"Python {machine.python}\n"
    )

    results: dict[str, dict[str, Any]] = {}
    results["samples/"] = run_bench([str(args.samples)], args.repeat, args.batch_size)
    with tempfile.TemporaryDirectory(prefix="dragoman-synthetic-") as tmp:
        folder = Path(tmp) / "synthetic"
        n = write_synthetic(args.samples, folder, args.documents)
        print(f"(synthetic corpus: {n} documents in {folder})")
        results[f"synthetic ({n} docs)"] = run_bench([str(folder)], args.repeat, args.batch_size)
    print()
    print(markdown(results))
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
        print(f"\nwrote {args.json_out}")


if __name__ == "__main__":
    main()
