"""How often each named rule decided a candidate, per fold of development files.

    .venv/bin/python bench/rule_counts.py GOLD_OR_NEWS.jsonl [...] [--fold A|B]

Each input is JSONL with ``id`` and ``text`` (gold sets, the news story files); a record's fold
is :func:`dragoman.evaluation.folds.fold_of` of its id. Prints one JSON object: rule id ->
count, summed over the files (``BatchResult.rules``), and the rules that fired at most twice.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from dragoman.evaluation.folds import fold_of
from dragoman.events.rulebook import rulebook
from dragoman.pipeline import run_batch
from dragoman.records import Document
from dragoman.settings import load_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--fold", choices=("A", "B"), default=None)
    args = parser.parse_args()
    settings = load_settings()
    counts: Counter[str] = Counter()
    for path in args.files:
        docs = []
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if args.fold and fold_of(str(rec["id"])) != args.fold:
                continue
            date = (rec.get("date") or rec.get("published") or "")[:10] or None
            text = str(rec["text"]).encode("utf-8")
            docs.append(Document(str(rec["id"]), str(path), text, "text", date=date))
        for start in range(0, len(docs), 128):
            counts.update(run_batch(docs[start : start + 128], settings).rules)
    deciding = [r for r in rulebook() if not r.startswith("read.")]
    rare = sorted(r for r in deciding if counts[r] <= 2)
    print(json.dumps({"counts": dict(sorted(counts.items())), "rare": rare}, indent=1))


if __name__ == "__main__":
    main()
