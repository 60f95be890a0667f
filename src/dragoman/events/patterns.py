"""Event patterns: the readable data file ``data/patterns.yaml`` loaded into an index.

A verbal pattern is a phrase ``LEMMA [PREP ...] [OBJECT-LEMMA ...]``; a nominal pattern is a noun
lemma (or a multi-word noun such as "air strike", matched on its last word and its compounds).
See the header of ``data/patterns.yaml`` for the format. Patterns are matched against spaCy tokens
by :func:`match_verb` and :func:`match_noun`; the most specific match wins.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from dragoman.errors import DictionaryError
from dragoman.events.ontology import cameo_table

PREPOSITIONS = frozenset(
    [
        "with",
        "for",
        "off",
        "on",
        "against",
        "to",
        "up",
        "down",
        "out",
        "into",
        "from",
        "of",
        "about",
        "by",
        "over",
        "back",
        "in",
        "at",
        "away",
        "between",
        "upon",
        "toward",
        "towards",
        "behind",
    ]
)
TargetRule = Literal["object", "with", "none"]
PLOVER_TYPES = frozenset(
    [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ]
)


@dataclass(frozen=True, slots=True)
class Pattern:
    pattern_id: str
    code: str
    kind: Literal["verb", "noun"]
    lemma: str  # the trigger's lemma (verb) or the noun's last word
    preps: tuple[str, ...]  # required particles / prepositions
    objects: tuple[str, ...]  # required lemmas in the complement (verb) or modifiers (noun)
    target: TargetRule
    absorb: bool
    example: str
    plover: str | None = None  # overrides the CAMEO table's PLOVER type (see patterns.yaml)
    plover_mode: str | None = None
    actorless: bool = False  # may be coded without any actor ("weapons were seized")
    reverse: bool = False  # the subject receives: "received weapons from X" -> X gives

    @property
    def specificity(self) -> int:
        return len(self.preps) + 2 * len(self.objects)


@dataclass(frozen=True, slots=True)
class PatternIndex:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    all: tuple[Pattern, ...]
    examples: tuple[tuple[str, str], ...]  # (code, example sentence)
    absorbing: frozenset[str] = frozenset()  # verb lemmas that take an event as complement


def _parse_phrase(
    phrase: str, kind: Literal["verb", "noun"]
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    words = phrase.lower().split()
    if not words:
        raise DictionaryError("empty pattern phrase")
    if kind == "noun":
        # "air strike": trigger on "strike", require "air" among its modifiers.
        return words[-1], (), tuple(words[:-1])
    head, rest = words[0], words[1:]
    preps = tuple(w for w in rest if w in PREPOSITIONS)
    objects = tuple(w for w in rest if w not in PREPOSITIONS and w != "to")
    return head, preps, objects


def build_index(entries: Iterable[dict[str, Any]], origin: str = "patterns") -> PatternIndex:
    """Validate raw pattern entries and index them by trigger lemma."""
    table = cameo_table()
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    seen: dict[tuple[str, str], str] = {}
    patterns: list[Pattern] = []
    examples: list[tuple[str, str]] = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or "code" not in entry:
            raise DictionaryError(f"{origin}: entry {n} has no code")
        code = str(entry["code"])
        if code not in table:
            raise DictionaryError(f"{origin}: entry {n}: unknown CAMEO code {code!r}")
        plover = entry.get("plover")
        if plover is not None and plover not in PLOVER_TYPES:
            raise DictionaryError(f"{origin}: entry {n}: unknown PLOVER type {plover!r}")
        target = entry.get("target", "object")
        if target not in ("object", "with", "none"):
            raise DictionaryError(f"{origin}: entry {n}: bad target {target!r}")
        example = str(entry.get("example", ""))
        if example:
            examples.append((code, example))
        for kind, key in (("verb", "verbs"), ("noun", "nouns")):
            for phrase in entry.get(key, []) or []:
                phrase = str(phrase).strip().lower()
                if (kind, phrase) in seen:
                    raise DictionaryError(
                        f"{origin}: {kind} phrase {phrase!r} is listed for both "
                        f"{seen[(kind, phrase)]} and {code}"
                    )
                seen[(kind, phrase)] = code
                lemma, preps, objects = _parse_phrase(phrase, kind)  # type: ignore[arg-type]
                pattern = Pattern(
                    pattern_id=f"{code}:{kind}:{phrase}",
                    code=code,
                    kind=kind,  # type: ignore[arg-type]
                    lemma=lemma,
                    preps=preps,
                    objects=objects,
                    target=target,
                    absorb=bool(entry.get("absorb", False)),
                    example=example,
                    plover=entry.get("plover"),
                    plover_mode=entry.get("mode"),
                    actorless=bool(entry.get("actorless", False)),
                    reverse=bool(entry.get("reverse", False)),
                )
                patterns.append(pattern)
                (verbs if kind == "verb" else nouns)[lemma].append(pattern)

    def ordered(d: dict[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
        return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in d.items()}

    absorbing = frozenset(p.lemma for p in patterns if p.absorb and p.kind == "verb")
    return PatternIndex(ordered(verbs), ordered(nouns), tuple(patterns), tuple(examples), absorbing)


def load_patterns(path: str | Path | None = None) -> PatternIndex:
    """Load a pattern file (the packaged one by default)."""
    if path is None:
        text = resources.files("dragoman.events").joinpath("data/patterns.yaml").read_text("utf-8")
        origin = "patterns.yaml"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise DictionaryError(f"cannot read pattern file {path}: {exc}") from exc
        origin = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{origin}: invalid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise DictionaryError(f"{origin}: expected a list of patterns")
    return build_index(data, origin)


@functools.cache
def default_patterns() -> PatternIndex:
    return load_patterns()
