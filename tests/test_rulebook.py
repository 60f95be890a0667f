"""The coder's named rules (events/data/rules.yaml): one book, all ids used, examples fire."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dragoman.events.rulebook import describe, rulebook, words
from dragoman.settings import load_settings

SRC = Path(__file__).resolve().parents[1] / "src" / "dragoman" / "events"
_ID = re.compile(r'"((?:drop|change|merge|flag|read|guard)\.[a-z-]+)"')
DECIDING = ("drop.", "change.", "merge.", "flag.")


def _ids_in_code() -> set[str]:
    found: set[str] = set()
    for path in SRC.glob("*.py"):
        found |= set(_ID.findall(path.read_text(encoding="utf-8")))
    # flags are named from the reason the coder returns ("flag." + reason)
    reasons = re.findall(r'return "([a-z-]+)"', (SRC / "coder.py").read_text(encoding="utf-8"))
    return found | {f"flag.{r}" for r in reasons}


def test_every_rule_the_coder_names_is_in_the_book_and_every_book_rule_is_used() -> None:
    book = set(rulebook())
    used = _ids_in_code()
    assert used - book == set(), "rules used in code but missing from rules.yaml"
    assert book - used == set(), "rules in rules.yaml that no code uses"


def test_every_rule_says_what_it_does_and_deciding_rules_have_an_example() -> None:
    for rule in rulebook().values():
        assert len(rule.does) > 20, rule.id
        if rule.id.startswith(DECIDING):
            assert rule.example, rule.id
        elif rule.id.startswith("read."):
            assert rule.words, f"{rule.id}: a read.* rule is a word list"
        else:
            assert rule.id.startswith("guard."), rule.id


def test_word_lists_are_lower_case_data() -> None:
    assert "discuss" in words("drop.topic-of-talk")
    assert all(w == w.lower() for r in rulebook().values() for w in r.words)
    with pytest.raises(KeyError):
        words("drop.no-such-rule")


def test_describe_covers_patterns_story_gate_and_rules() -> None:
    assert "pattern" in describe("pattern")
    assert describe("story-gate.sports").startswith("story gate")
    assert describe("drop.negated") == rulebook()["drop.negated"].does


_EXAMPLES = [r for r in rulebook().values() if r.id.startswith(DECIDING)]


@pytest.mark.model
@pytest.mark.parametrize("rule_id", [r.id for r in _EXAMPLES])
def test_rule_fires_on_its_example(rule_id: str) -> None:
    from dragoman.explain import explain_text

    rule = rulebook()[rule_id]
    settings = load_settings(overrides=dict(rule.settings))
    explanation = explain_text(rule.example, settings, date="2020-06-01")
    fired = {r for s in explanation.sentences for d in s.decisions for r in d.rules}
    assert rule_id in fired, f"{rule.example!r}: decisions {sorted(fired)}"
