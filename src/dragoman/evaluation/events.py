"""Scoring coded events against PLOVER and CAMEO gold records.

``predicted`` maps a record id (the events' ``doc_id``) to the events coded for it, as the
contract dicts of ``Event.to_dict()``; only ``plover``, ``cameo``, ``cameo_root``,
``source[].code`` and ``target[].code`` are read. Ids absent from ``predicted`` have no events;
ids absent from the gold file are ignored (counted in ``predictions_for_unknown_ids``).

PLOVER (event level, as the gold README defines it)
    A prediction matches a gold event of the same record when its PLOVER type equals the gold
    type (both after the renames DEMAND = REQUEST, DISAPPROVE = ACCUSE, FIGHT = ASSAULT,
    INVESTIGATE = ACCUSE) and at least one gold source actor's key (see
    :func:`~dragoman.evaluation.gold.actor_key`) is among the predicted source keys; a gold
    event with no source matches on type alone. Matching is one-to-one within a record (a
    maximum bipartite matching, so a duplicated prediction is a false positive). ``type``
    scores the same matching without the actor condition. Predictions whose ``plover`` is
    empty (CAMEO codes without a PLOVER event, such as 01 statements) are not PLOVER events
    and are left out (counted in ``predictions_without_type``).

CAMEO (triples, as PETRARCH writes them)
    A predicted event with several source or target actors stands for every (source, target)
    pair; an event with no target (or no source) has the unknown actor ``""`` there, which is
    what a gold ``---`` means. Triples are compared as sets per record at each level, so
    duplicates on either side (after 3-letter truncation) count once:
    ``root_triple`` = (source key, target key, CAMEO root), ``exact_triple`` = (source key,
    target key, full code), ``root`` = the CAMEO root alone. Every triple predicted for a
    record whose gold is ``[]`` is a false positive; ``noevent_records_with_fp`` counts those
    records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, TypeVar

from dragoman.evaluation.gold import GoldRecord, actor_keys, plover_type
from dragoman.evaluation.scores import ClassScore, Counts, EventScore, Miss

Prediction = Mapping[str, Any]
Predicted = Mapping[str, Sequence[Prediction]]

G = TypeVar("G")
P = TypeVar("P")


def max_matching(
    gold: Sequence[G], pred: Sequence[P], ok: Callable[[G, P], bool]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching between gold and predicted items (Kuhn's algorithm).

    Returns the matched (gold index, prediction index) pairs, sorted by gold index.
    """
    edges = [[j for j, p in enumerate(pred) if ok(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _describe_pred(pred: Prediction, label: str | None) -> str:
    def codes(side: str) -> str:
        return ",".join((a.get("code") or "---") for a in pred.get(side) or []) or "-"

    return f"{label} {codes('source')}>{codes('target')}"


def _plover_event_ok(g: tuple[str, frozenset[str]], p: tuple[str, frozenset[str]]) -> bool:
    """A prediction (type, source keys) is the gold event (type, source keys)."""
    return g[0] == p[0] and (not g[1] or bool(g[1] & p[1]))


def right_predictions(record: GoldRecord, preds: Sequence[Prediction]) -> list[bool | None]:
    """For each predicted event of one record, whether the scoring counts it right.

    PLOVER: the prediction is matched to a gold event (one-to-one, as :func:`score_plover`
    matches); None for a prediction with no PLOVER type, which PLOVER scoring leaves out.
    CAMEO: one of its root triples is a gold root triple (as :func:`score_cameo` counts);
    None for a prediction without a CAMEO code. CASE records have no actors: all None.
    """
    if record.scheme == "plover":
        typed = [(j, t, p) for j, p in enumerate(preds) if (t := plover_type(p.get("plover")))]
        golds = [(e.label, frozenset(a.key for a in e.source)) for e in record.events]
        items = [(t, actor_keys(p.get("source") or [])) for _, t, p in typed]
        hit = {typed[j][0] for _, j in max_matching(golds, items, _plover_event_ok)}
        out: list[bool | None] = [None] * len(preds)
        for j, _, _ in typed:
            out[j] = j in hit
        return out
    if record.scheme == "cameo":
        g_root = {(s, t, c[:2]) for s, t, c in _gold_triples(record)}
        result: list[bool | None] = []
        for p in preds:
            triples = {(s, t, r) for s, t, _, r in _pred_triples([p])}
            result.append(bool(triples & g_root) if triples else None)
        return result
    return [None] * len(preds)


def score_plover(gold: Sequence[GoldRecord], predicted: Predicted) -> EventScore:
    event_c: dict[str, Counts] = defaultdict(Counts)
    type_c: dict[str, Counts] = defaultdict(Counts)
    misses: list[Miss] = []
    without_type = noevent_fp = 0
    for record in gold:
        raw = predicted.get(record.id, ())
        preds = [(t, p) for p in raw if (t := plover_type(p.get("plover"))) is not None]
        without_type += len(raw) - len(preds)
        golds = [(e.label, frozenset(a.key for a in e.source)) for e in record.events]
        pred_items = [(t, actor_keys(p.get("source") or [])) for t, p in preds]
        matched = max_matching(golds, pred_items, _plover_event_ok)
        typed = max_matching(golds, pred_items, lambda g, p: g[0] == p[0])
        gold_types = Counter(label for label, _ in golds)
        pred_types = Counter(t for t, _ in pred_items)
        event_tp = Counter(golds[i][0] for i, _ in matched)
        type_tp = Counter(golds[i][0] for i, _ in typed)
        for label in gold_types | pred_types:
            event_c[label] += Counts(event_tp[label], pred_types[label], gold_types[label])
            type_c[label] += Counts(type_tp[label], pred_types[label], gold_types[label])
        if record.noevent and preds:
            noevent_fp += 1
        if len(matched) < max(len(golds), len(preds)):
            hit_g = {i for i, _ in matched}
            hit_p = {j for _, j in matched}
            misses.append(
                Miss(
                    record_id=record.id,
                    sentence=record.text,
                    gold=tuple(e.describe() for e in record.events),
                    predicted=tuple(_describe_pred(p, t) for t, p in preds),
                    missed=tuple(
                        e.describe() for i, e in enumerate(record.events) if i not in hit_g
                    ),
                    spurious=tuple(
                        _describe_pred(p, t) for j, (t, p) in enumerate(preds) if j not in hit_p
                    ),
                )
            )
    levels = {"event": _total(event_c), "type": _total(type_c)}
    per_type = tuple(ClassScore(label, event_c[label], type_c[label]) for label in sorted(event_c))
    counts = {
        "noevent_records": sum(1 for r in gold if r.noevent),
        "noevent_records_with_fp": noevent_fp,
        "predictions_without_type": without_type,
        "predictions_for_unknown_ids": _unknown(gold, predicted),
    }
    return EventScore("plover", len(gold), levels, _summary(levels), counts, per_type, misses)


Triple = tuple[str, str, str]


def _gold_triples(record: GoldRecord) -> list[tuple[str, str, str]]:
    out = []
    for event in record.events:
        for s in actor_keys(a.code for a in event.source):
            for t in actor_keys(a.code for a in event.target):
                out.append((s, t, event.label))
    return out


def _pred_triples(preds: Sequence[Prediction]) -> list[tuple[str, str, str, str]]:
    """(source key, target key, code, root) for every source x target pair of each event."""
    out = []
    for pred in preds:
        code = str(pred.get("cameo") or "").strip()
        if not code:
            continue
        root = str(pred.get("cameo_root") or code[:2])
        for s in actor_keys(pred.get("source") or []):
            for t in actor_keys(pred.get("target") or []):
                out.append((s, t, code, root))
    return out


def _set_counts(gold: set[Hashable], pred: set[Hashable]) -> Counts:
    return Counts(len(gold & pred), len(pred), len(gold))


def _fmt_triple(t: Triple) -> str:
    return f"{t[0] or '---'}>{t[1] or '---'} {t[2]}"


def score_cameo(gold: Sequence[GoldRecord], predicted: Predicted) -> EventScore:
    root_triple: dict[str, Counts] = defaultdict(Counts)
    root_only: dict[str, Counts] = defaultdict(Counts)
    exact = Counts()
    misses: list[Miss] = []
    noevent_fp = noevent_fp_triples = 0
    for record in gold:
        g3 = _gold_triples(record)
        p4 = _pred_triples(predicted.get(record.id, ()))
        g_root = {(s, t, c[:2]) for s, t, c in g3}
        p_root = {(s, t, r) for s, t, _, r in p4}
        exact += _set_counts({(s, t, c) for s, t, c in g3}, {(s, t, c) for s, t, c, _ in p4})
        for root in {r for *_, r in g_root | p_root}:
            root_triple[root] += _set_counts(
                {x for x in g_root if x[2] == root}, {x for x in p_root if x[2] == root}
            )
            in_gold = any(x[2] == root for x in g_root)
            in_pred = any(x[2] == root for x in p_root)
            root_only[root] += Counts(int(in_gold and in_pred), int(in_pred), int(in_gold))
        if record.noevent and p_root:
            noevent_fp += 1
            noevent_fp_triples += len(p_root)
        if g_root != p_root:
            misses.append(
                Miss(
                    record_id=record.id,
                    sentence=record.text,
                    gold=tuple(_fmt_triple(x) for x in g3),
                    predicted=tuple(_fmt_triple((s, t, c)) for s, t, c, _ in p4),
                    missed=tuple(_fmt_triple(x) for x in sorted(g_root - p_root)),
                    spurious=tuple(_fmt_triple(x) for x in sorted(p_root - g_root)),
                )
            )
    levels = {"root_triple": _total(root_triple), "exact_triple": exact, "root": _total(root_only)}
    per_type = tuple(
        ClassScore(root, root_triple[root], root_only[root]) for root in sorted(root_triple)
    )
    counts = {
        "noevent_records": sum(1 for r in gold if r.noevent),
        "noevent_records_with_fp": noevent_fp,
        "noevent_false_positives": noevent_fp_triples,
        "predictions_for_unknown_ids": _unknown(gold, predicted),
    }
    return EventScore("cameo", len(gold), levels, _summary(levels), counts, per_type, misses)


def _total(table: Mapping[str, Counts]) -> Counts:
    total = Counts()
    for counts in table.values():
        total += counts
    return total


def _summary(levels: Mapping[str, Counts]) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, c in levels.items():
        out[f"{name}_precision"] = c.precision
        out[f"{name}_recall"] = c.recall
        out[f"{name}_f1"] = c.f1
    return out


def _unknown(gold: Sequence[GoldRecord], predicted: Predicted) -> int:
    ids = {r.id for r in gold}
    return sum(len(events) for rid, events in predicted.items() if rid not in ids)
