"""The coder's named rules and word lists: ``data/rules.yaml``, loaded once.

Every decision of the coder that keeps, changes, merges, flags or drops a candidate names one
rule of this book (``Decision.rules``); the pipeline counts them per batch and ``dragoman
explain`` prints them with what they do. Word lists that rules read are data here too (a rule's
``words``), so that the Python code holds the logic and this file the exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from dragoman.errors import DictionaryError
from dragoman.yamlfiles import load_yaml


@dataclass(frozen=True, slots=True)
class Rule:
    """One named decision of the coder."""

    id: str
    does: str  # what it does, for people
    example: str  # a text it fires on (tests/test_rulebook.py checks that it does)
    words: frozenset[str] = frozenset()  # the word list it reads, if any
    settings: tuple[tuple[str, object], ...] = ()  # settings its example needs


@cache
def rulebook() -> dict[str, Rule]:
    """Every named rule by id (``data/rules.yaml``)."""
    text = resources.files("dragoman.events").joinpath("data/rules.yaml").read_text("utf-8")
    try:
        data = load_yaml(text)
        rules = [
            Rule(
                id=str(r["id"]),
                does=" ".join(str(r["does"]).split()),
                example=" ".join(str(r.get("example") or "").split()),
                words=frozenset(str(w).lower() for w in r.get("words") or ()),
                settings=tuple(sorted((r.get("settings") or {}).items())),
            )
            for r in data["rules"]
        ]
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise DictionaryError(f"rules.yaml: {exc}") from exc
    book = {r.id: r for r in rules}
    if len(book) != len(rules):
        raise DictionaryError("rules.yaml: a rule id is used twice")
    return book


def words(rule_id: str) -> frozenset[str]:
    """The word list of a rule (a KeyError names a rule missing from rules.yaml)."""
    return rulebook()[rule_id].words


def describe(rule_id: str) -> str:
    """What a rule does; ``pattern`` (no rule applied) and story-gate ids included."""
    if rule_id == "pattern":
        return "coded as the pattern says; no rule changed it"
    if rule_id.startswith("story-gate."):
        from dragoman.events.story_gate import story_gate

        kind = rule_id.removeprefix("story-gate.")
        for k in story_gate().kinds:
            if k.id == kind:
                return f"story gate: {k.does}"
        return "story gate: the story may hold political events"
    rule = rulebook().get(rule_id)
    return rule.does if rule else ""
