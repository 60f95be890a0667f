"""Quantities in a sentence: money, percentages and counts of people (dead, injured, arrested,
displaced, crowds, troops), with value, unit and the text that says so.

Numbers may be words ("Twenty-five protesters were arrested"); what a count of people means
comes from the words around it (``data/quantity_kinds.tsv``); currencies from
``data/currencies.tsv``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from dragoman.attributes.numbers import DIGIT_NUMBER, WORD_NUMBER, parse_number, vague_pattern
from dragoman.records import Quantity, QuantityKind

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bn": 1e9}
_SCALE_RE = r"(?:thousand|million|billion|trillion|mln|bn)"


def _data(name: str) -> list[list[str]]:
    text = resources.files("dragoman.attributes").joinpath(f"data/{name}").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]


@dataclass(frozen=True, slots=True)
class KindRule:
    kind: QuantityKind
    cues: tuple[str, ...]
    roots: frozenset[str]


@functools.cache
def kind_rules() -> tuple[KindRule, ...]:
    return tuple(
        KindRule(row[0], tuple(row[1].split("|")), frozenset(row[2].split("|")))  # type: ignore[arg-type]
        for row in _data("quantity_kinds.tsv")
    )


@functools.cache
def currencies() -> dict[str, str]:
    return {row[0].lower(): row[1].strip() for row in _data("currencies.tsv")}


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    number = rf"(?:{DIGIT_NUMBER}|{WORD_NUMBER})"
    symbols = "|".join(
        re.escape(c) for c in sorted(currencies(), key=len, reverse=True) if not c.isalpha()
    )
    words = "|".join(c for c in sorted(currencies(), key=len, reverse=True) if c.isalpha())
    money = re.compile(
        rf"(?P<cur>{symbols})\s?(?P<num>{DIGIT_NUMBER})\s*(?P<scale>{_SCALE_RE})?\b"
        rf"|\b(?P<num2>{number})\s*(?P<scale2>{_SCALE_RE})?\s*(?P<unit>{words})\b",
        re.IGNORECASE,
    )
    percent = re.compile(rf"\b(?P<num>{number})\s*(?:%|per ?cent\b)", re.IGNORECASE)
    nouns = [w for (w,) in (r[:1] for r in _data("people_nouns.txt"))]
    people = re.compile(
        rf"(?:\b(?:at least|more than|nearly|about|some|over|up to|around)\s+)?"
        rf"\b(?P<num>{number}|{vague_pattern()})(?:\s+of)?\s+(?P<scale>{_SCALE_RE}\s+)?"
        rf"(?:[a-z-]+\s+){{0,3}}?(?P<noun>{'|'.join(sorted(nouns, key=len, reverse=True))})\b",
        re.IGNORECASE,
    )
    return money, percent, people


def _kind(window: str, noun: str) -> QuantityKind:
    for rule, cue in _cue_patterns():
        if cue.search(window) or cue.search(noun):
            return rule.kind
    return "people"


@functools.cache
def _cue_patterns() -> tuple[tuple[KindRule, re.Pattern[str]], ...]:
    """Each rule's cues as word-initial stems ("die" is in "died", not in "soldier")."""
    return tuple(
        (rule, re.compile(r"\b(?:" + "|".join(map(re.escape, rule.cues)) + ")"))
        for rule in kind_rules()
    )


def quantities(sentence: str) -> tuple[Quantity, ...]:
    """Money, percentages and counts of people in a sentence."""
    money, percent, people = _patterns()
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in money.finditer(sentence):
        num = parse_number(m.group("num") or m.group("num2") or "")
        if num is None:
            continue
        scale = (m.group("scale") or m.group("scale2") or "").lower()
        unit = currencies().get((m.group("cur") or m.group("unit") or "").lower())
        out.append(Quantity("money", num * _SCALE.get(scale, 1.0), unit, m.group(0).strip()))
        taken.append(m.span())
    for m in percent.finditer(sentence):
        num = parse_number(m.group("num"))
        if num is not None:
            out.append(Quantity("percent", num, "%", m.group(0)))
            taken.append(m.span())
    for m in people.finditer(sentence):
        if any(s <= m.start("num") < e for s, e in taken):
            continue
        num = parse_number(m.group("num"))
        if num is None or (num.is_integer() and 1900 <= num <= 2100 and m.group("num").isdigit()):
            continue  # "2014 protesters" is a year before a noun, not a count
        num *= _SCALE.get((m.group("scale") or "").strip().lower(), 1.0)
        clause = re.split(r"[;:]|,\s+(?:and|but|while|as)\s", sentence)
        window = next(
            (c for c in clause if m.group(0) in c), sentence[max(0, m.start() - 60) : m.end() + 60]
        ).lower()
        out.append(Quantity(_kind(window, m.group("noun").lower()), num, None, m.group(0).strip()))
    return tuple(out)
