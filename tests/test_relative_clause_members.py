"""A relative clause on the group that "X is one of" reports what X did (change.group-member).

The subject "that/who" of a relative clause stands for the clause's antecedent; when that
antecedent is the group of a partitive said of X ("X is one of the 11 countries that ...",
"X was among the states that ...", "X, one of the countries that ..."), X is the actor.
Sentences written for this file.
"""

from __future__ import annotations

from typing import Any

import pytest

from dragoman.pipeline import code_texts
from dragoman.settings import load_settings

pytestmark = pytest.mark.model

Event = dict[str, Any]
PUBLISHED = "2014-04-30"

TEXTS: dict[str, str] = {
    "one_of_n": (
        "Cuba is one of the 11 countries that voted against the UN resolution on Ukraine's "
        "territorial sovereignty in March."
    ),
    "among": "Venezuela was among the states that recognised the new government in Libya.",
    "apposition": "Bolivia, one of the countries that boycotted the summit, sent no delegation.",
    "several_have": "Japan is one of several nations that have imposed sanctions on North Korea.",
    "handful_remains": (
        "Iran remains one of a handful of countries that support the Syrian government."
    ),
    "coordinated": (
        "Nicaragua is one of the countries that abstained and then voted against the resolution "
        "of the United Nations."
    ),
    "object": "Russia is one of the countries that the European Union sanctioned.",
    "object_among": "Iraq is among the states that Iran accused of aggression.",
    "passive": "Russia is among the countries that were sanctioned by the European Union.",
    "plain_description": "The group that has seized parts of the province met the envoy.",
    "not_partitive": "Cuba is a country that voted against the resolution.",
}


@pytest.fixture(scope="module")
def coded() -> dict[str, list[Event]]:
    records = [(key, text, PUBLISHED) for key, text in TEXTS.items()]
    return code_texts(records, load_settings())


def _codes(actors: list[dict[str, Any]]) -> set[str]:
    return {str(a["code"]) for a in actors if a["code"]}


def _one(coded: dict[str, list[Event]], key: str, plover: str) -> Event:
    found = [e for e in coded[key] if e["plover"] == plover]
    shown = [(e["cameo"], e["plover"], _codes(e["source"])) for e in coded[key]]
    assert len(found) == 1, f"{key}: expected one {plover} event, got {shown}"
    return found[0]


def test_one_of_the_countries_that_voted_against_is_a_rejection_by_the_member(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded, "one_of_n", "REJECT")
    assert _codes(event["source"]) == {"CUB"}
    assert _codes(event["target"]) == {"IGOUNO"}
    assert (event["date"], event["date_precision"]) == ("2014-03-01", "month")


def test_member_acts_in_a_relative_clause_after_among(coded: dict[str, list[Event]]) -> None:
    event = _one(coded, "among", "SUPPORT")
    assert event["cameo"] == "054"
    assert _codes(event["source"]) == {"VEN"}
    assert "LBY" in {c[:3] for c in _codes(event["target"])}


def test_member_in_apposition_acts_in_the_relative_clause(
    coded: dict[str, list[Event]],
) -> None:
    boycott = [e for e in coded["apposition"] if e["evidence"]["text"].find("boycott") >= 0]
    assert boycott, coded["apposition"]
    assert {c for e in boycott for c in _codes(e["source"])} == {"BOL"}


def test_quantified_and_nested_partitives_name_the_member(
    coded: dict[str, list[Event]],
) -> None:
    sanction = _one(coded, "several_have", "SANCTION")
    assert (_codes(sanction["source"]), _codes(sanction["target"])) == ({"JPN"}, {"PRK"})
    support = _one(coded, "handful_remains", "SUPPORT")
    assert _codes(support["source"]) == {"IRN"}
    assert {c[:3] for c in _codes(support["target"])} == {"SYR"}


def test_second_verb_of_a_coordinated_relative_clause_has_the_member_as_actor(
    coded: dict[str, list[Event]],
) -> None:
    event = _one(coded, "coordinated", "REJECT")
    assert _codes(event["source"]) == {"NIC"}


def test_member_is_the_target_when_the_relative_pronoun_is_the_object(
    coded: dict[str, list[Event]],
) -> None:
    for key in ("object", "passive"):
        event = _one(coded, key, "SANCTION")
        assert (_codes(event["source"]), _codes(event["target"])) == ({"IGOEUREEC"}, {"RUS"})
    accusation = _one(coded, "object_among", "ACCUSE")
    assert (_codes(accusation["source"]), _codes(accusation["target"])) == ({"IRN"}, {"IRQ"})


def test_relative_clause_describing_a_group_still_reports_no_event(
    coded: dict[str, list[Event]],
) -> None:
    # only the meeting: "that has seized" describes the group
    assert {e["plover"] for e in coded["plain_description"]} == {"CONSULT"}
    # "a country that" is no partitive: the clause describes the predicate, as before
    assert not [e for e in coded["not_partitive"] if e["plover"] == "REJECT"]
