"""Whom an event is done to: the target the sentence names, and not a topic or a place.

Sentences written for this file; all coded in one call (the model loads once).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from dragoman.pipeline import code_texts
from dragoman.settings import load_settings

pytestmark = pytest.mark.model

Event = dict[str, Any]
DATE = "2024-03-01"

TEXTS: dict[str, str] = {
    # a topic of talks is not the partner
    "discussed_possessor": (
        "The Nordic foreign ministers discussed Brazil's role in the climate talks."
    ),
    "discussed_of": "Swedish diplomats discussed the future of Syria.",
    "discussed_with": "Swedish diplomats discussed the situation in Syria with Turkish officials.",
    "met_named": "The Swedish foreign minister met Turkish President Recep Tayyip Erdogan.",
    "met_delegation": "Swedish diplomats met the Turkish delegation in Oslo.",
    # the one helped or pressed to act is the target
    "helped_build": "Norway helped Ghana build a new coast guard station.",
    "helped_when": "Norway helped when Ghana built a new coast guard station.",
    # where it happened is not whom it was done to
    "protest_streets": "Thousands of Tunisians filled the streets in Tunis to protest.",
    "asked_at_hearing": (
        "The Kenyan opposition asked for more time at a hearing in Nairobi with the Somali "
        "delegation."
    ),
    "pointed_at": "The Kenyan president pointed a finger at the Somali government.",
    "fired_at": "Kenyan troops fired at Somali positions.",
}


@pytest.fixture(scope="module")
def coded() -> dict[str, list[Event]]:
    records = [(key, text, DATE) for key, text in TEXTS.items()]
    return code_texts(records, load_settings())


def _codes(actors: Iterable[dict[str, Any]]) -> set[str]:
    return {str(a["code"])[:3] for a in actors if a["code"]}


def _one(events: list[Event], root: str) -> Event:
    found = [e for e in events if str(e["cameo"]).startswith(root)]
    assert len(found) == 1, events
    return found[0]


@pytest.mark.parametrize("key", ["discussed_possessor", "discussed_of"])
def test_a_party_named_in_what_was_discussed_is_not_the_partner(
    coded: dict[str, list[Event]], key: str
) -> None:
    event = _one(coded[key], "04")
    assert event["target"] == []


def test_the_with_phrase_of_a_discussion_is_its_partner(coded: dict[str, list[Event]]) -> None:
    event = _one(coded["discussed_with"], "04")
    assert _codes(event["target"]) == {"TUR"}


@pytest.mark.parametrize("key", ["met_named", "met_delegation"])
def test_an_object_that_names_a_party_is_still_the_one_met(
    coded: dict[str, list[Event]], key: str
) -> None:
    event = _one(coded[key], "04")
    assert _codes(event["target"]) == {"TUR"}


def test_the_party_helped_to_act_is_the_target(coded: dict[str, list[Event]]) -> None:
    event = _one(coded["helped_build"], "07")
    assert _codes(event["source"]) == {"NOR"}
    assert _codes(event["target"]) == {"GHA"}


def test_the_subject_of_a_finite_clause_is_not_the_one_helped(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded["helped_when"], "07")
    assert event["target"] == []


def test_a_place_in_the_object_of_a_protest_is_not_its_target(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded["protest_streets"], "14")
    assert "TUN" not in _codes(event["target"])


def test_an_occasion_after_at_is_no_target_but_a_party_after_at_is(
    coded: dict[str, list[Event]],
) -> None:
    asked = _one(coded["asked_at_hearing"], "02")
    assert "KEN" not in _codes(asked["target"])
    pointed = _one(coded["pointed_at"], "11")
    assert _codes(pointed["target"]) == {"SOM"}


def test_violence_keeps_its_at_phrase(coded: dict[str, list[Event]]) -> None:
    event = _one(coded["fired_at"], "19")
    assert _codes(event["target"]) == {"SOM"}
