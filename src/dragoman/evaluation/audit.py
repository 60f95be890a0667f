"""Audits on real news: recall against a gold list written before the coder ran, precision from
judgements of each coded event, and the share right per confidence band (calibration).

The gold list is JSONL, one event a line: ``story_id``, ``sentence`` (as it stands in the
story), ``plover``, ``cameo``, ``source`` ``{text, code, sector}``, optional ``also_in`` (other
sentences stating the same happening), ``borderline`` (a careful coder could leave it out) and
``temporal`` (``current`` or ``background``). A coded event finds a gold event of its story when
its evidence sentence is the gold sentence (or one of ``also_in``), its PLOVER type or its CAMEO
root is the gold one, and its source codes include the gold source's country (a gold ``---``
matches a source without a code).

Judgements are JSONL too: ``event_id`` and ``right`` (true/false), with an optional ``reason``.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dragoman.errors import ConfigError

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
CONFIDENCE_BANDS: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One event of a hand-written gold list for a news story."""

    key: str
    story_id: str
    sentences: tuple[str, ...]
    plover: str
    cameo_root: str
    source_code: str
    borderline: bool
    current: bool


@dataclass(frozen=True, slots=True)
class Interval:
    """A share with its Wilson 95% interval."""

    hits: int
    total: int

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 0.0

    @property
    def low_high(self) -> tuple[float, float]:
        if not self.total:
            return (0.0, 0.0)
        z, n, p = 1.96, self.total, self.share
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return (max(0.0, centre - half), min(1.0, centre + half))

    def to_dict(self) -> dict[str, Any]:
        low, high = self.low_high
        return {
            "hits": self.hits,
            "total": self.total,
            "share": round(self.share, 3),
            "ci95": [round(low, 3), round(high, 3)],
        }


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def _same_sentence(predicted: str, gold: str) -> bool:
    a, b = _norm(predicted), _norm(gold)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = set(_WORD.findall(a)), set(_WORD.findall(b))
    return len(wa & wb) / max(1, min(len(wa), len(wb))) >= 0.8


def load_gold_events(path: Path) -> list[GoldEvent]:
    """Read a gold event list; a line without story, sentence, type or source is an error."""
    out: list[GoldEvent] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            source = row.get("source") or {}
            out.append(
                GoldEvent(
                    key=str(row.get("event_id") or f"{row['story_id']}:{n}"),
                    story_id=str(row["story_id"]),
                    sentences=(str(row["sentence"]), *map(str, row.get("also_in") or ())),
                    plover=str(row["plover"]).upper(),
                    cameo_root=str(row.get("cameo") or "")[:2],
                    source_code=str(source.get("code") or "---")[:3].upper(),
                    borderline=bool(row.get("borderline", False)),
                    current=row.get("temporal", "current") != "background",
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}:{n}: not a gold event ({exc})") from exc
    return out


def _source_codes(event: Mapping[str, Any]) -> set[str]:
    codes = {str(a.get("code") or "---")[:3].upper() for a in event.get("source") or ()}
    return codes or {"---"}


def finds(event: Mapping[str, Any], gold: GoldEvent) -> bool:
    """Whether a coded event (a contract dict) is the gold event."""
    if str(event.get("doc_id")) != gold.story_id:
        return False
    same_type = str(event.get("plover") or "").upper() == gold.plover or (
        bool(gold.cameo_root) and str(event.get("cameo_root") or "") == gold.cameo_root
    )
    if not same_type or gold.source_code not in _source_codes(event):
        return False
    sentence = str(event.get("sentence") or "")
    return any(_same_sentence(sentence, s) for s in gold.sentences)


def recall(
    gold: Sequence[GoldEvent],
    events: Iterable[Mapping[str, Any]],
    *,
    strict: bool = True,
    current_only: bool = False,
) -> Interval:
    """Share of the gold events found. ``strict`` leaves out the borderline ones."""
    chosen = [
        g for g in gold if (not strict or not g.borderline) and (not current_only or g.current)
    ]
    by_story: dict[str, list[Mapping[str, Any]]] = {}
    for ev in events:
        by_story.setdefault(str(ev.get("doc_id")), []).append(ev)
    hits = sum(any(finds(ev, g) for ev in by_story.get(g.story_id, ())) for g in chosen)
    return Interval(hits, len(chosen))


def load_judgements(path: Path) -> dict[str, bool]:
    """Read ``{event_id, right}`` lines."""
    out: dict[str, bool] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out[str(row["event_id"])] = bool(row["right"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}:{n}: not a judgement ({exc})") from exc
    return out


def precision(events: Iterable[Mapping[str, Any]], judged: Mapping[str, bool]) -> Interval:
    """Share of the judged coded events that are right (events not judged are not counted)."""
    marks = [judged[str(ev["event_id"])] for ev in events if str(ev["event_id"]) in judged]
    return Interval(sum(marks), len(marks))


def calibration(
    events: Iterable[Mapping[str, Any]],
    judged: Mapping[str, bool],
    bands: Sequence[float] = CONFIDENCE_BANDS,
) -> list[tuple[str, Interval]]:
    """Share right per confidence band ``[low, high)`` among judged events."""
    rows: list[tuple[str, Interval]] = []
    judged_events = [ev for ev in events if str(ev["event_id"]) in judged]
    for low, high in itertools.pairwise(bands):
        inside = [ev for ev in judged_events if low <= float(ev.get("confidence") or 0) < high]
        label = f"{low:.1f}-{min(high, 1.0):.1f}"
        rows.append((label, precision(inside, judged)))
    return rows
