"""Confidence: how an event was found sets how far it is trusted."""

from __future__ import annotations

from typing import Any

from dragoman.attributes.confidence import confidence
from dragoman.settings import Settings

STRONG: dict[str, Any] = {
    "kind": "verb",
    "specificity": 2,
    "has_source": True,
    "has_target": True,
    "coded_source": True,
    "modality": "actual",
    "pronoun": False,
}


def test_event_from_our_pattern_table_is_shown_by_default() -> None:
    assert confidence(**STRONG) >= Settings().shown_min_confidence


def test_event_from_petrarch2_verb_table_stays_below_the_default_threshold() -> None:
    assert confidence(**STRONG, origin="petrarch2") < Settings().shown_min_confidence


def test_uncoded_source_lowers_confidence() -> None:
    assert confidence(**{**STRONG, "coded_source": False}) < confidence(**STRONG)
