"""An article's text cut at its events' evidence spans, for the highlighted article view."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text and the events (indexes into the article's list) whose evidence covers it.

    ``starts`` names the events whose evidence begins with this run (where their anchor goes).
    """

    text: str
    events: tuple[int, ...]
    starts: tuple[int, ...] = ()


def _span(event: Mapping[str, Any], length: int) -> tuple[int, int] | None:
    evidence = event.get("evidence") or {}
    start, end = evidence.get("start"), evidence.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    start, end = max(0, start), min(length, end)
    return (start, end) if start < end else None


def segments(text: str, events: Sequence[Mapping[str, Any]]) -> list[Segment]:
    """``text`` as consecutive segments; overlapping spans split it where any span starts or
    ends, so each segment knows every event that covers it. Events without a usable span
    (missing, empty or outside the text) are left out."""
    spans = {i: s for i, e in enumerate(events) if (s := _span(e, len(text))) is not None}
    cuts = sorted({0, len(text), *(x for s in spans.values() for x in s)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        covering = tuple(i for i, (s, e) in spans.items() if s <= a and b <= e)
        starting = tuple(i for i in covering if spans[i][0] == a)
        out.append(Segment(text[a:b], covering, starting))
    return out
