"""How well the confidence is calibrated on data it was not fitted on: hand-set vs learned.

    .venv/bin/python bench/calibration.py [--model FILE] [--news] [--json]

Codes the fold-B records of the PLOVER and PETRARCH2 gold development files (fold B: never
used to fit or to choose the threshold) and labels each coded event right or wrong by the
evaluation's matching rules; with ``--news``, also the 12 fold-B Voice of America stories of
``bench/audit/voa_fold_b_gold.jsonl``, labelled by ``voa_fold_b_judgements.jsonl`` (events
never judged are left out). For each set it prints, for the hand-set score (``rules``) and the
learned one (``learned``, the packaged model or ``--model``): Brier score, AUC, the share
right per confidence band, and the share right of the default output (a political source
with a code, no story flag, confidence at least the threshold) at 0.5 to 0.8 and at the
model's own threshold.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from dragoman.attributes.correctness import packaged_model, read_model
from dragoman.attributes.event_features import event_features
from dragoman.evaluation.audit import load_gold_events, load_judgements
from dragoman.evaluation.calibration import (
    Labelled,
    auc,
    bands,
    brier,
    code_stories,
    gold_fold_labels,
    judged_labels,
    share_at,
)
from dragoman.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent


def held_out(shared: Path, news: bool) -> list[Labelled]:
    settings = load_settings(overrides={"confidence_model": "rules"})
    rows = gold_fold_labels(shared / "data/gold", "B", settings)
    if news:
        listed = load_gold_events(ROOT / "bench/audit/voa_fold_b_gold.jsonl")
        wanted = {g.story_id for g in listed}
        events = code_stories(shared / "data/news/voa/voa_stories.jsonl", wanted, settings)
        judged = load_judgements(ROOT / "bench/audit/voa_fold_b_judgements.jsonl")
        rows.extend(
            judged_labels((e for evs in events.values() for e in evs), judged, (), "voa_fold_b")
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, help="a model file (default: the packaged one)")
    parser.add_argument("--news", action="store_true", help="also the judged fold-B news")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("DRAGOMAN_SHARED", ROOT.parent / "shared")),
    )
    args = parser.parse_args(argv)
    model = (
        read_model(args.model.read_text("utf-8"), str(args.model))
        if args.model
        else packaged_model()
    )
    threshold = float(model.fitted.get("threshold") or 0.7)
    rows = held_out(args.shared, args.news)
    sets = sorted({r.dataset for r in rows})
    gold_sets = [s for s in sets if s != "voa_fold_b"]
    report: dict[str, Any] = {"threshold": threshold}
    groups = [(s, [s]) for s in sets] + [("gold fold B", gold_sets)]
    if len(gold_sets) < len(sets):
        groups.append(("all held out", sets))
    for name, members in groups:
        part = [r for r in rows if r.dataset in members]
        right = [r.right for r in part]
        shown = [not r.event.flag or r.event.flag == "low-confidence" for r in part]
        scores = {
            "rules": [r.event.confidence for r in part],
            "learned": [model.probability(event_features(r.event)) for r in part],
        }
        entry: dict[str, Any] = {"events": len(part), "right": sum(right)}
        for label, sc in scores.items():
            entry[label] = {
                "brier": round(brier(sc, right), 3),
                "auc": round(auc(sc, right), 3),
                "bands": {b: [iv.hits, iv.total] for b, iv in bands(sc, right)},
                "default_output": {
                    str(t): share_at(sc, right, shown, t).to_dict()
                    for t in sorted({0.5, 0.6, 0.7, 0.8, threshold})
                },
            }
        report[name] = entry
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return 0
    for name, entry in report.items():
        if name == "threshold":
            continue
        sys.stdout.write(f"\n{name}: {entry['events']} events, {entry['right']} right\n")
        for label in ("rules", "learned"):
            e = entry[label]
            sys.stdout.write(f"  {label:8s} brier {e['brier']:.3f}  auc {e['auc']:.3f}\n")
            sys.stdout.write(
                "    bands: "
                + "  ".join(f"{b} {h}/{n}" for b, (h, n) in e["bands"].items())
                + "\n    default output: "
                + "  ".join(
                    f"@{t} {d['hits']}/{d['total']}" for t, d in e["default_output"].items()
                )
                + "\n"
            )
    sys.stdout.write(f"\nmodel threshold: {threshold}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
