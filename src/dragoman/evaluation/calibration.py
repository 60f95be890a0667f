"""Calibration of the confidence: coded events labelled right or wrong, a logistic fit over
their features, and how well a score ranks and calibrates them.

Labels come from the evaluation's own matching rules on gold records
(:func:`dragoman.evaluation.events.right_predictions`) and from judgements of news events
(:mod:`dragoman.evaluation.audit`). A judged event that the current coder no longer produces
under the same id is found again by its story, sentence, CAMEO root, source and target codes
(what a judge looked at); events never judged are left out.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dragoman.attributes.event_features import FEATURES, event_features
from dragoman.evaluation.audit import CONFIDENCE_BANDS, Interval
from dragoman.evaluation.events import right_predictions
from dragoman.evaluation.folds import Fold, fold_of
from dragoman.evaluation.gold import GoldRecord, actor_keys, load_gold
from dragoman.records import Document, Event
from dragoman.settings import Settings


@dataclass(frozen=True, slots=True)
class Labelled:
    """A coded event, whether it is right, where the label comes from, and its story."""

    event: Event
    right: bool
    dataset: str
    group: str


def code_events(
    records: Iterable[tuple[str, str, str | None]], settings: Settings
) -> dict[str, list[Event]]:
    """Code (id, text, date) records; the Event records (with their basis) per id."""
    from dragoman.pipeline import BatchResult, run  # loads spaCy: only when coding

    docs = [
        Document(doc_id=rid, source=rid, data=text.encode("utf-8"), media_type="text", date=date)
        for rid, text, date in records
    ]
    out: dict[str, list[Event]] = {d.doc_id: [] for d in docs}

    def collect(result: BatchResult) -> None:
        for ev in result.events:
            out.setdefault(ev.doc_id, []).append(ev)

    run(docs, settings, dedup=False, batch_size=256, on_batch=collect, record_run=False)
    return out


def code_stories(path: Path, ids: Collection[str], settings: Settings) -> dict[str, list[Event]]:
    """Code the stories of a JSONL file (``id``, ``text``, ``published``) whose id is in
    ``ids``; no other story of the file is coded."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    chosen = [r for r in rows if str(r["id"]) in ids]
    return code_events(
        ((str(r["id"]), r["text"], str(r.get("published") or "")[:10] or None) for r in chosen),
        settings,
    )


def gold_labels(
    gold: Sequence[GoldRecord], events: Mapping[str, Sequence[Event]], dataset: str
) -> list[Labelled]:
    """Every coded event of the gold records that the scoring counts, right or wrong."""
    out: list[Labelled] = []
    for record in gold:
        evs = list(events.get(record.id, ()))
        marks = right_predictions(record, [e.to_dict() for e in evs])
        out.extend(
            Labelled(e, mark, dataset, record.id)
            for e, mark in zip(evs, marks, strict=True)
            if mark is not None
        )
    return out


#: The gold development files the confidence is fitted and checked on (licences that allow
#: distributing what is learned from them: PLOVER GSR CC BY-SA 4.0, PETRARCH2 GSR MIT).
GOLD_FILES: dict[str, str] = {
    "plover_gsr": "plover_gsr.dev.jsonl",
    "petr2_gsr": "petr2_gsr.dev.jsonl",
}


def gold_fold_labels(gold_dir: Path, fold: Fold, settings: Settings) -> list[Labelled]:
    """The labelled events of one fold of each of :data:`GOLD_FILES` in ``gold_dir``."""
    rows: list[Labelled] = []
    for name, filename in GOLD_FILES.items():
        gold = [r for r in load_gold(gold_dir / filename) if fold_of(r.id) == fold]
        events = code_events(((r.id, r.text, r.date) for r in gold), settings)
        rows.extend(gold_labels(gold, events, name))
    return rows


def judgement_key(event: Mapping[str, Any]) -> tuple[str, ...]:
    """What a judge of a news event looked at: story, sentence, CAMEO root, actors' codes."""
    return (
        str(event.get("doc_id")),
        str(event.get("sentence_index")),
        str(event.get("cameo_root") or ""),
        ",".join(sorted(actor_keys(event.get("source") or []))),
        ",".join(sorted(actor_keys(event.get("target") or []))),
    )


def judged_labels(
    events: Iterable[Event],
    judged: Mapping[str, bool],
    judged_events: Iterable[Mapping[str, Any]],
    dataset: str,
) -> list[Labelled]:
    """Coded events with a judgement: by event id, else by :func:`judgement_key`."""
    by_key: dict[tuple[str, ...], bool] = {}
    for row in judged_events:
        eid = str(row.get("event_id"))
        if eid in judged:
            by_key.setdefault(judgement_key(row), judged[eid])
    out: list[Labelled] = []
    for e in events:
        mark = judged.get(e.event_id)
        if mark is None:
            mark = by_key.get(judgement_key(e.to_dict()))
        if mark is not None:
            out.append(Labelled(e, mark, dataset, e.doc_id))
    return out


# --- fitting ---------------------------------------------------------------------------


def design(rows: Sequence[Labelled], names: Sequence[str]) -> list[list[float]]:
    """The feature matrix (one row per event, columns in ``names`` order)."""
    matrix = []
    for row in rows:
        feats = event_features(row.event)
        matrix.append([feats.get(n, 0.0) for n in names])
    return matrix


def fit_logistic(
    x: Sequence[Sequence[float]],
    y: Sequence[bool],
    l2: float,
    weights: Sequence[float] | None = None,
) -> tuple[float, list[float]]:
    """Intercept and weights of an L2-penalised logistic regression (Newton's method).

    The penalty ``l2 * sum(w**2) / 2`` leaves the intercept free; ``weights`` weigh the rows.
    """
    import numpy as np

    xa = np.asarray(x, dtype=float)
    n, k = xa.shape
    xb = np.hstack([np.ones((n, 1)), xa])
    ya = np.asarray(y, dtype=float)
    wa = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    penalty = np.full(k + 1, float(l2))
    penalty[0] = 0.0
    beta = np.zeros(k + 1)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ beta, -30, 30)))
        grad = xb.T @ (wa * (p - ya)) + penalty * beta
        hess = (xb.T * (wa * p * (1 - p))) @ xb + np.diag(penalty) + 1e-9 * np.eye(k + 1)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return float(beta[0]), [float(b) for b in beta[1:]]


def predict(intercept: float, coef: Sequence[float], x: Sequence[Sequence[float]]) -> list[float]:
    out = []
    for row in x:
        z = intercept + sum(c * v for c, v in zip(coef, row, strict=True))
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


def cross_validated(
    rows: Sequence[Labelled],
    names: Sequence[str],
    l2: float,
    folds: int,
    group_fold: Callable[[str], int],
    weight: Callable[[Labelled], float] = lambda _: 1.0,
) -> list[float]:
    """Out-of-fold probabilities: each event scored by a model fitted without its story."""
    x = design(rows, names)
    out = [0.0] * len(rows)
    for k in range(folds):
        train = [i for i, r in enumerate(rows) if group_fold(r.group) != k]
        test = [i for i, r in enumerate(rows) if group_fold(r.group) == k]
        if not test:
            continue
        b0, coef = fit_logistic(
            [x[i] for i in train],
            [rows[i].right for i in train],
            l2,
            [weight(rows[i]) for i in train],
        )
        for i, p in zip(test, predict(b0, coef, [x[i] for i in test]), strict=True):
            out[i] = p
    return out


# --- measures -------------------------------------------------------------------------


def brier(scores: Sequence[float], right: Sequence[bool]) -> float:
    """Mean squared distance between the score and the truth (lower is better)."""
    if not scores:
        return 0.0
    return sum((s - float(r)) ** 2 for s, r in zip(scores, right, strict=True)) / len(scores)


def auc(scores: Sequence[float], right: Sequence[bool]) -> float:
    """Chance that a right event scores above a wrong one (ties count half)."""
    pos = [s for s, r in zip(scores, right, strict=True) if r]
    neg = [s for s, r in zip(scores, right, strict=True) if not r]
    if not pos or not neg:
        return 0.0
    wins = sum(1.0 if p > q else 0.5 if p == q else 0.0 for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def bands(
    scores: Sequence[float], right: Sequence[bool], edges: Sequence[float] = CONFIDENCE_BANDS
) -> list[tuple[str, Interval]]:
    """Share right per score band ``[low, high)``."""
    rows = []
    for low, high in itertools.pairwise(edges):
        inside = [r for s, r in zip(scores, right, strict=True) if low <= s < high]
        rows.append((f"{low:.1f}-{min(high, 1.0):.1f}", Interval(sum(inside), len(inside))))
    return rows


def share_at(
    scores: Sequence[float], right: Sequence[bool], shown: Sequence[bool], threshold: float
) -> Interval:
    """Share right among the events of the default output at ``threshold``."""
    kept = [r for s, r, v in zip(scores, right, shown, strict=True) if v and s >= threshold - 1e-9]
    return Interval(sum(kept), len(kept))


#: Thresholds tried for the default output: 0.05 to 0.95 by 0.05.
THRESHOLDS: tuple[float, ...] = tuple(round(0.05 * k, 2) for k in range(1, 20))


def choose_threshold(
    scores: Sequence[float],
    right: Sequence[bool],
    shown: Sequence[bool],
    target: float,
    grid: Sequence[float] = THRESHOLDS,
    min_events: int = 10,
) -> tuple[float, str]:
    """The default output's threshold, and why: the lowest of ``grid`` whose default output
    is right at least ``target`` of the time; when none is, the one whose default output
    (of at least ``min_events`` events) is right most often, the lowest on a tie."""
    tried = [(t, share_at(scores, right, shown, t)) for t in grid]
    for t, iv in tried:
        if iv.total and iv.share >= target:
            return t, f"lowest threshold with at least {target:.0%} right"
    enough = [(t, iv) for t, iv in tried if iv.total >= min_events]
    if not enough:
        raise ValueError(f"no threshold keeps {min_events} events")
    best = max(enough, key=lambda x: (x[1].share, -x[0]))
    return best[0], f"none reaches {target:.0%}: the highest share right ({min_events}+ events)"


def feature_names() -> list[str]:
    """The features in their packaged order."""
    return list(FEATURES)
