"""Score the coder on the two fixed folds of each gold dev file.

    python scripts/eval_folds.py GOLD.jsonl [GOLD.jsonl ...] [--json OUT] [--misses A]

Each file is coded once; its records are split by :func:`dragoman.evaluation.folds.fold_of`
and every fold is scored on its own. ``--misses A`` lists the misses of fold A only (the fold
that may be looked at).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dragoman.evaluation.folds import FOLDS, LOOKED_AT, fold_of
from dragoman.evaluation.gold import load_gold
from dragoman.evaluation.runner import pipeline_code_fn, score_events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--json", type=Path, help="Write all scores as JSON here.")
    parser.add_argument("--misses", choices=[LOOKED_AT], help="List the misses of this fold.")
    args = parser.parse_args(argv)
    code = pipeline_code_fn()
    report: dict[str, dict[str, object]] = {}
    for path in args.gold:
        gold = load_gold(path)
        predicted = code(gold)
        report[path.name] = {}
        for fold in FOLDS:
            part = [r for r in gold if fold_of(r.id) == fold]
            score = score_events(part, predicted, part[0].scheme)
            summary = {k: round(v, 4) for k, v in score.summary.items()}
            report[path.name][fold] = {"records": len(part), **summary, **score.counts}
            sys.stdout.write(f"{path.name} fold {fold} ({len(part)} records): {summary}\n")
            if args.misses == fold:
                sys.stdout.write(score.format_table(misses=200) + "\n")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
