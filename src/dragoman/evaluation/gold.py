"""Gold event files: reading them into typed records, and the actor-code rules of scoring.

A gold file is JSONL, one record per sentence: ``{"id", "text", "date"?, "expected": [...]}``
(see ``shared/data/gold/README.md``). Its scheme is detected from the content of ``expected``:

==========  ==========================================================================
scheme      what an expected event looks like
==========  ==========================================================================
``plover``  ``{"event", "mode", "source": [{"code", ...}], "target": [...], ...}``
``cameo``   ``{"source": "USAGOV", "target": "RUS", "code": "190"}`` (``[]`` = no event)
``case``    ``{"code": "AIR_STRIKE"}`` (one CASE 2021 label per snippet, no actors)
==========  ==========================================================================

Actor codes are compared on :func:`actor_key`: the first three letters, upper case, with the
pre-ISO CAMEO codes read as ISO (JAP = JPN, ITL = ITA, VTN = VNM); ``---``, ``None`` and
``""`` all become ``""`` ("no country"), so a gold ``---`` matches an actor the coder leaves
without a code.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dragoman.errors import InputError

log = logging.getLogger(__name__)

Scheme = Literal["plover", "cameo", "case"]
SCHEMES: tuple[Scheme, ...] = ("plover", "cameo", "case")

#: Older PLOVER event names used by the 2016 gold standard, read as the current ones.
PLOVER_RENAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}

#: Pre-ISO CAMEO country codes found in the gold files, read as their ISO 3166 equivalents.
CODE_ALIASES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

UNKNOWN_ACTOR = ""


def plover_type(name: str | None) -> str | None:
    """A PLOVER event name in upper case with the older names renamed (``FIGHT`` -> ``ASSAULT``)."""
    if not name:
        return None
    upper = name.strip().upper()
    return PLOVER_RENAMES.get(upper, upper) or None


def actor_key(code: str | None) -> str:
    """The part of an actor code that scoring compares: 3 letters, aliases read, ``---`` = ""."""
    if not code:
        return UNKNOWN_ACTOR
    head = code.strip().upper()[:3]
    if not head or head == "---":
        return UNKNOWN_ACTOR
    return CODE_ALIASES.get(head, head)


def actor_keys(actors: Iterable[Mapping[str, Any] | str | None]) -> frozenset[str]:
    """Actor keys of a list of actors (dicts with ``code``, or bare codes).

    An empty list yields ``{""}``: an event without an actor on that side is read as an actor
    without a country, which is what PETRARCH writes as ``---``.
    """
    keys = {actor_key(_code_of(a)) for a in actors}
    return frozenset(keys) if keys else frozenset({UNKNOWN_ACTOR})


def _code_of(actor: Mapping[str, Any] | str | None) -> str | None:
    if actor is None or isinstance(actor, str):
        return actor
    code = actor.get("code")
    return code if isinstance(code, str) else None


@dataclass(frozen=True, slots=True)
class GoldActor:
    code: str | None
    text: str | None = None
    sector: str | None = None

    @property
    def key(self) -> str:
        return actor_key(self.code)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One expected event. ``label`` is the PLOVER type (renamed), CAMEO code or CASE label."""

    label: str
    source: tuple[GoldActor, ...] = ()
    target: tuple[GoldActor, ...] = ()
    mode: str | None = None
    original_label: str | None = None

    def describe(self) -> str:
        src = ",".join(a.code or "---" for a in self.source)
        tgt = ",".join(a.code or "---" for a in self.target)
        return f"{self.label} {src or '-'}>{tgt or '-'}" if (src or tgt) else self.label


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    date: str | None
    scheme: Scheme
    events: tuple[GoldEvent, ...]

    @property
    def noevent(self) -> bool:
        """True when the record tests that nothing is coded (``expected: []``)."""
        return not self.events


def detect_scheme(expected: Sequence[Mapping[str, Any]]) -> Scheme | None:
    """The scheme of one record's ``expected`` list, or None when it is empty."""
    if not expected:
        return None
    first = expected[0]
    if "event" in first:
        return "plover"
    if "source" in first or "target" in first:
        return "cameo"
    if "code" in first:
        return "case"
    raise InputError(f"cannot tell the coding scheme of expected event {dict(first)!r}")


def _actors(value: Any) -> tuple[GoldActor, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (GoldActor(code=value),)
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(GoldActor(code=item))
        else:
            out.append(
                GoldActor(code=item.get("code"), text=item.get("text"), sector=item.get("sector"))
            )
    return tuple(out)


def _event(raw: Mapping[str, Any], scheme: Scheme) -> GoldEvent:
    if scheme == "plover":
        original = str(raw["event"])
        return GoldEvent(
            label=plover_type(original) or original,
            source=_actors(raw.get("source")),
            target=_actors(raw.get("target")),
            mode=raw.get("mode"),
            original_label=original,
        )
    code = str(raw["code"]).strip()
    if scheme == "cameo":
        return GoldEvent(
            label=code,
            source=_actors(raw.get("source")),
            target=_actors(raw.get("target")),
            original_label=code,
        )
    return GoldEvent(label=code.upper(), original_label=code)


def parse_gold_lines(lines: Iterable[str], name: str = "<gold>") -> list[GoldRecord]:
    """Gold records from JSONL lines; the scheme is detected once for the whole file."""
    raws: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{number}: not JSON ({exc})") from exc
        if not isinstance(raw, dict) or "id" not in raw or "expected" not in raw:
            raise InputError(f"{name}:{number}: a gold record needs 'id' and 'expected'")
        raws.append(raw)
    schemes = {s for raw in raws if (s := detect_scheme(raw["expected"])) is not None}
    if len(schemes) > 1:
        raise InputError(f"{name}: records of several schemes {sorted(schemes)}")
    if not schemes:
        raise InputError(f"{name}: no expected events, cannot tell the scheme")
    scheme = schemes.pop()
    records = []
    seen: set[str] = set()
    for raw in raws:
        rid = str(raw["id"])
        if rid in seen:
            raise InputError(f"{name}: duplicate record id {rid!r}")
        seen.add(rid)
        records.append(
            GoldRecord(
                id=rid,
                text=str(raw.get("text") or ""),
                date=raw.get("date") or None,
                scheme=scheme,
                events=tuple(_event(e, scheme) for e in raw["expected"]),
            )
        )
    return records


def load_gold(path: Path) -> list[GoldRecord]:
    """Read a gold JSONL file into frozen records; the scheme is detected from the content."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from exc
    records = parse_gold_lines(text.splitlines(), name=str(path))
    log.info("read %d %s gold records from %s", len(records), records[0].scheme, path)
    return records
