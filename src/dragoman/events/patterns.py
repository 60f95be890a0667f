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
from dragoman.yamlfiles import load_yaml

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
# "dragoman": data/patterns.yaml; "petrarch2": data/petrarch2_verbs.tsv, converted from
# PETRARCH2's CAMEO verb dictionary by scripts/convert_cameo_verbs.py.
Origin = Literal["dragoman", "petrarch2"]
PETRARCH2_VERBS = "data/petrarch2_verbs.tsv"

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
    # How deep below the verb an object word may be: 1 its object, 2 the object of its
    # preposition. Our phrases match at any depth; PETRARCH2's name the heads of the verb's
    # own phrases (see verb_table_depth).
    max_depth: int = 98
    origin: Origin = "dragoman"  # whose table the pattern comes from
    source: str = ""  # where in that table ("CAMEO.2.0.txt:3916, block LAUNCH")

    @property
    def provenance(self) -> str:
        """Where the pattern comes from, for an explanation."""
        if self.origin == "petrarch2":
            return f"PETRARCH2 CAMEO verb dictionary ({self.source})"
        return "dragoman patterns.yaml"

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
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{origin}: invalid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise DictionaryError(f"{origin}: expected a list of patterns")
    return build_index(data, origin)


def verb_table_depth(preps: tuple[str, ...], objects: tuple[str, ...]) -> int:
    """How deep a PETRARCH2 phrase's object words may lie below the verb in spaCy's parse.

    Its patterns name the head of the verb's object ("- * AID": depth 1), of a prepositional
    phrase's object ("- * (TO BORDER)": 2) and the modifiers of a noun phrase ("{ARMS
    SHIPMENT}": one more), never a word further down ("joined military observers" is no
    "- * &MILITARY")."""
    return 1 + (1 if preps else 0) + (1 if len(objects) > 1 else 0)


def read_verb_table(text: str, origin: str = PETRARCH2_VERBS) -> list[tuple[str, str, str]]:
    """Rows ``(code, phrase, source)`` of a converted verb table (tab-separated: code, phrase,
    class, block, line; ``#`` comment lines and one header line)."""
    table = cameo_table()
    rows: list[tuple[str, str, str]] = []
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    header = next(lines, None)
    if header is None or header.split("\t")[:2] != ["code", "phrase"]:
        raise DictionaryError(f"{origin}: missing the 'code<TAB>phrase' header line")
    for n, line in enumerate(lines, 2):
        fields = line.split("\t")
        if len(fields) != 5:
            raise DictionaryError(f"{origin}: row {n} has {len(fields)} fields, expected 5")
        code, phrase, _klass, block, where = fields
        if code not in table:
            raise DictionaryError(f"{origin}: row {n}: unknown CAMEO code {code!r}")
        rows.append((code, phrase, f"CAMEO.2.0.txt:{where}, block {block}"))
    return rows


def merge_verb_table(index: PatternIndex, rows: Iterable[tuple[str, str, str]]) -> PatternIndex:
    """Add a converted verb table's phrases to ``index``; the index's own entries win.

    A verb the index already lists keeps the index's senses: the table's phrases for it are
    skipped (and so, a fortiori, is a phrase the index lists for any code). An added phrase
    finds its target as the index's patterns for its code do (when they agree), and its object
    words must head the verb's own phrases (:func:`verb_table_depth`).
    """
    targets: dict[str, set[TargetRule]] = defaultdict(set)
    for p in index.all:
        targets[p.code].add(p.target)
    verbs: dict[str, list[Pattern]] = {k: list(v) for k, v in index.verbs.items()}
    added: list[Pattern] = []
    for code, phrase, source in rows:
        lemma, preps, objects = _parse_phrase(phrase, "verb")
        if lemma in index.verbs:
            continue
        code_targets = targets.get(code, set())
        target: TargetRule = "object"
        if len(code_targets) == 1:
            target = next(iter(code_targets))
        pattern = Pattern(
            pattern_id=f"{code}:verb:{phrase}",
            code=code,
            kind="verb",
            lemma=lemma,
            preps=preps,
            objects=objects,
            target=target,
            absorb=False,
            example="",
            max_depth=verb_table_depth(preps, objects),
            origin="petrarch2",
            source=source,
        )
        added.append(pattern)
        verbs.setdefault(lemma, []).append(pattern)

    ordered = {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in verbs.items()}
    return PatternIndex(ordered, index.nouns, (*index.all, *added), index.examples, index.absorbing)


def load_verb_table(path: str | Path | None = None) -> list[tuple[str, str, str]]:
    """The converted PETRARCH2 verb table (the packaged one by default)."""
    if path is None:
        text = resources.files("dragoman.events").joinpath(PETRARCH2_VERBS).read_text("utf-8")
        return read_verb_table(text)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DictionaryError(f"cannot read verb table {path}: {exc}") from exc
    return read_verb_table(text, str(path))


@functools.cache
def default_patterns() -> PatternIndex:
    """The packaged patterns: data/patterns.yaml, then PETRARCH2's converted verb table."""
    return merge_verb_table(load_patterns(), load_verb_table())
