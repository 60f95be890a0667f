"""Precision rules of the default output: what is supposed is not shown, victims are not
attackers, the listener of a demand is not its target, and the actors' spans stop at them."""

from __future__ import annotations

from typing import Any

import pytest

from dragoman.pipeline import code_texts
from dragoman.settings import load_settings

pytestmark = pytest.mark.model


def _code(text: str) -> list[dict[str, Any]]:
    return code_texts([("t", text, "2024-03-01")], load_settings())["t"]


def _src(event: dict[str, Any]) -> list[str | None]:
    return [a["code"] for a in event["source"]]


def test_modal_of_a_governing_verb_makes_the_chained_act_supposed() -> None:
    events = _code("Officials said Israel may retaliate and start threatening Lebanon.")
    threats = [e for e in events if e["cameo"].startswith("13")]
    assert threats
    assert all(e["modality"] == "hypothetical" and e["flag"] == "hypothetical" for e in threats)


def test_an_obligation_is_not_the_act_done() -> None:
    events = _code("Lai said China must quit intimidating Taiwan.")
    assert not [e for e in events if e["flag"] is None and "CHN" in _src(e)]


def test_conjunct_with_its_own_subject_keeps_its_own_modality() -> None:
    events = _code("Iran may retaliate, and Israel attacked Hezbollah positions in Lebanon.")
    attacks = [e for e in events if e["cameo"][:2] in ("18", "19")]
    assert any("ISR" in _src(e) and e["modality"] == "actual" for e in attacks)


def test_victim_of_a_participle_clause_is_not_the_attacker() -> None:
    events = _code("The Hamas commander was found dead, killed by an Israeli airstrike in Gaza.")
    kills = [e for e in events if e["cameo"][:2] in ("18", "19")]
    assert kills
    assert all("PSE" not in str(_src(e)) for e in kills)
    assert any("ISR" in _src(e) for e in kills)


def test_participle_clause_backing_names_its_agent_as_source() -> None:
    events = _code("Backed by Russia, Syrian rebels attacked the town of Idlib.")
    backing = [e for e in events if e["cameo"].startswith("05")]
    assert backing and _src(backing[0]) == ["RUS"]


def test_when_attacked_is_a_habit_not_an_attack() -> None:
    events = _code("The rebels flee to Cameroon when attacked by government forces.")
    assert all(e["flag"] is not None for e in events if e["cameo"][:2] in ("18", "19"))


def test_demand_is_made_of_the_party_that_must_act_not_the_listener() -> None:
    events = _code("A State Department spokesperson told the BBC the U.N. must keep sanctions.")
    demands = [e for e in events if e["cameo"].startswith("10")]
    assert demands and [a["code"] for a in demands[0]["target"]] == ["IGOUNO"]


def test_demand_told_to_a_newspaper_about_nobody_political_is_no_event() -> None:
    events = _code(
        "The French education minister told the newspaper Le Monde that the results should not"
        " be read as a failure."
    )
    assert not [e for e in events if e["cameo"].startswith("10")]


def test_listener_is_the_target_when_the_one_who_must_act_is_the_listener() -> None:
    events = _code("Britain told Iran that it must release the sailors.")
    demands = [e for e in events if e["cameo"].startswith("10")]
    assert demands and [a["code"] for a in demands[0]["target"]] == ["IRN"]


def test_legislation_targeting_a_country_is_a_sanction_not_an_air_strike() -> None:
    events = _code("The French parliament passed legislation targeting Iranian banks on Monday.")
    assert [(e["cameo"], e["plover"]) for e in events] == [("163", "SANCTION")]


def test_troops_backing_troops_cooperate_militarily() -> None:
    events = _code("Kenyan soldiers, backed by American troops, retook the town.")
    backing = [e for e in events if e["cameo"].startswith("06")]
    assert backing and backing[0]["cameo"] == "062" and backing[0]["plover"] == "COOPERATE"


def test_actor_span_stops_before_a_dangling_and() -> None:
    events = _code("Rubio met his counterpart Bruno Rodriguez Parrilla and President Raul Castro.")
    texts = [a["text"] for e in events for a in (*e["source"], *e["target"])]
    assert texts and not [t for t in texts if t.endswith(" and")]


def test_actor_span_leaves_out_an_apposition_parsed_far_away() -> None:
    events = _code(
        "Last year, Japan helped Fiji build a road and a bridge in Suva — two small towns on"
        " the coast."
    )
    sources = [a["text"] for e in events for a in e["source"]]
    assert sources and all(len(t) < 20 for t in sources)


def test_plural_role_noun_is_everyone_named_with_that_role_not_the_last_one() -> None:
    events = _code(
        "Canadian Foreign Minister Melanie Joly arrived in Quebec on Thursday. Japanese Foreign"
        " Minister Yoko Kamikawa arrived on Friday. The foreign ministers signed a joint"
        " declaration on Saturday."
    )
    signed = [e for e in events if e["sentence_index"] == 2 and e["cameo"].startswith("05")]
    assert signed and sorted(_src(signed[0])) == ["CAN", "JPN"]


def test_pronoun_takes_a_person_named_earlier_in_its_sentence_not_the_last_leader() -> None:
    events = _code(
        "Ugandan President Yoweri Museveni spoke on Monday. Dlamini, who led the"
        " opposition Liberal Party until he resigned in May, knows this well."
    )
    assert not [e for e in events if e["sentence_index"] == 1 and "UGA" in _src(e)]
