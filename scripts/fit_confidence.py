"""Refit the learned confidence (``src/dragoman/attributes/data/confidence_model.json``).

    .venv/bin/python scripts/fit_confidence.py [--out FILE] [--shared DIR]

Fitted on fold A only (:mod:`dragoman.evaluation.folds`), on data the project may
distribute: the events the current coder codes for the fold-A records of the PLOVER GSR
(CC BY-SA 4.0) and PETRARCH2 GSR (MIT) development files, right or wrong by the evaluation's
matching rules, and the judged sample of fold-A Voice of America events (public domain,
``bench/audit/voa_fold_a_sample_*.jsonl``). It never reads fold B. The L2 penalty is chosen
by cross-validation over stories (5 groups), and the printed fold-A figures are out-of-fold;
the threshold at which the default output is right 80% of the time is chosen on the
out-of-fold scores of the fold-A news events and written beside the weights, for
``shown_min_confidence``. Held-out figures: ``bench/calibration.py``.

Rerun it after any change to the coder: the features of the same events change with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dragoman.attributes.correctness import CorrectnessModel, write_model
from dragoman.evaluation.audit import load_judgements
from dragoman.evaluation.calibration import (
    Labelled,
    auc,
    bands,
    brier,
    choose_threshold,
    code_stories,
    cross_validated,
    design,
    feature_names,
    fit_logistic,
    gold_fold_labels,
    judged_labels,
    share_at,
)
from dragoman.evaluation.folds import fold_of
from dragoman.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
JUDGED_EVENTS = ROOT / "bench/audit/voa_fold_a_sample_events.jsonl"
JUDGEMENTS = ROOT / "bench/audit/voa_fold_a_sample_judgements.jsonl"
MODEL = ROOT / "src/dragoman/attributes/data/confidence_model.json"
L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
CV_GROUPS = 5
TARGET = 0.8


def cv_group(story: str) -> int:
    """A fixed cross-validation group of a story (independent of the folds' hash)."""
    return hashlib.sha256(f"cv:{story}".encode()).digest()[0] % CV_GROUPS


def fold_a_rows(shared: Path) -> list[Labelled]:
    """Every labelled fold-A event: gold records and the judged news sample."""
    settings = load_settings(overrides={"confidence_model": "rules"})
    rows = gold_fold_labels(shared / "data/gold", "A", settings)
    judged_events = [json.loads(x) for x in JUDGED_EVENTS.read_text("utf-8").splitlines() if x]
    stories_wanted = {str(e["doc_id"]) for e in judged_events}
    if any(fold_of(s) != "A" for s in stories_wanted):
        raise SystemExit("the judged sample holds a story outside fold A")
    events = code_stories(shared / "data/news/voa/voa_stories.jsonl", stories_wanted, settings)
    judged = load_judgements(JUDGEMENTS)
    rows.extend(
        judged_labels((e for evs in events.values() for e in evs), judged, judged_events, "voa")
    )
    return rows


def log_loss(scores: Sequence[float], right: Sequence[bool]) -> float:
    eps = 1e-6
    return -sum(
        math.log(max(eps, s if r else 1 - s)) for s, r in zip(scores, right, strict=True)
    ) / max(1, len(scores))


def summary(name: str, scores: Sequence[float], right: Sequence[bool]) -> str:
    return (
        f"{name}: n={len(scores)} right={sum(right)} brier={brier(scores, right):.3f} "
        f"auc={auc(scores, right):.3f} log-loss={log_loss(scores, right):.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("DRAGOMAN_SHARED", ROOT.parent / "shared")),
    )
    args = parser.parse_args(argv)

    rows = fold_a_rows(args.shared)
    names = feature_names()
    right = [r.right for r in rows]
    rules = [r.event.confidence for r in rows]
    out = sys.stdout
    counts = {d: sum(1 for r in rows if r.dataset == d) for d in sorted({r.dataset for r in rows})}
    out.write(f"fold-A events: {counts}, right {sum(right)} of {len(rows)}\n")

    best: tuple[float, float, list[float]] | None = None
    for l2 in L2_GRID:
        oof = cross_validated(rows, names, l2, CV_GROUPS, cv_group)
        loss = log_loss(oof, right)
        out.write(f"l2={l2}: out-of-fold log-loss {loss:.4f}, brier {brier(oof, right):.4f}\n")
        if best is None or loss < best[0]:
            best = (loss, l2, oof)
    assert best is not None
    _, l2, oof = best
    out.write(f"chosen l2={l2}\n")
    for d in [*counts, "all"]:
        idx = [i for i, r in enumerate(rows) if d in ("all", r.dataset)]
        ys = [right[i] for i in idx]
        out.write(summary(f"  {d:10s} rules  ", [rules[i] for i in idx], ys) + "\n")
        out.write(summary(f"  {d:10s} learned", [oof[i] for i in idx], ys) + " (out-of-fold)\n")

    news = [i for i, r in enumerate(rows) if r.dataset == "voa"]
    shown = [not r.event.flag or r.event.flag == "low-confidence" for r in rows]
    ys = [right[i] for i in news]
    vs = [shown[i] for i in news]
    threshold, why = choose_threshold([oof[i] for i in news], ys, vs, TARGET)
    out.write(f"threshold on fold-A news (out-of-fold): {threshold} ({why})\n")
    for label, scores in (("rules", rules), ("learned (out-of-fold)", oof)):
        out.write(f"  fold-A news by band, {label}:\n")
        for band, iv in bands([scores[i] for i in news], ys):
            out.write(f"    {band}: {iv.hits} of {iv.total}\n")
        for t in sorted({0.5, 0.6, 0.7, 0.8, threshold}):
            iv = share_at([scores[i] for i in news], ys, vs, t)
            out.write(f"    default output at {t}: {iv.hits} of {iv.total}\n")

    intercept, coef = fit_logistic(design(rows, names), right, l2)
    model = CorrectnessModel(
        round(intercept, 4),
        {n: round(c, 4) for n, c in zip(names, coef, strict=True)},
        {
            "date": dt.date.today().isoformat(),
            "command": "python scripts/fit_confidence.py",
            "data": {
                "plover_gsr": "plover_gsr.dev.jsonl fold A: coded events, right by the PLOVER "
                "event match (CC BY-SA 4.0, openeventdata/PLOVER)",
                "petr2_gsr": "petr2_gsr.dev.jsonl fold A: coded events, right by the CAMEO "
                "root-triple match (MIT, openeventdata/UniversalPetrarch)",
                "voa": "bench/audit/voa_fold_a_sample_judgements.jsonl: judged fold-A Voice "
                "of America events (public domain)",
            },
            "events": counts,
            "right": sum(right),
            "l2": l2,
            "threshold": threshold,
            "threshold_rule": why,
            "threshold_target": TARGET,
        },
    )
    write_model(model, args.out)
    out.write(f"wrote {args.out}\n")
    for n, c in sorted(zip(names, coef, strict=True), key=lambda x: -abs(x[1])):
        out.write(f"  {c:+.3f}  {n}\n")
    out.write(f"  {intercept:+.3f}  (intercept)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
