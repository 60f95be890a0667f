"""The story's country: domestic agents named without a country take the document's."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from dragoman.actors import ActorLexicon
from dragoman.actors.story import (
    CountryEvidence,
    StoryCountry,
    dateline_country,
    decide,
    needs_country,
    publisher_country,
    story_country,
    with_story_country,
)
from dragoman.records import Actor, DocInfo, Event, Evidence


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


def _event(source: tuple[Actor, ...], target: tuple[Actor, ...] = ()) -> Event:
    return Event(
        event_id="e1",
        doc_id="d1",
        sentence_index=0,
        sentence="Police arrested the opposition leader.",
        date="2019-05-01",
        date_precision="day",
        cameo="173",
        cameo_root="17",
        quad_class=4,
        goldstein=-5.0,
        plover="ARREST",
        plover_mode=None,
        plover_context=(),
        source=source,
        target=target,
        location=None,
        quantities=(),
        negated=False,
        modality="actual",
        confidence=0.8,
        evidence=Evidence(0, 6, "Police"),
        doc=DocInfo(None, None, None, None),
        coder_version="test",
    )


POLICE = Actor("Police", None, "COP", None, "group")
PROTESTERS = Actor("protesters", None, "CVL", None, "group")
TALIBAN = Actor("the Taliban", "AFG", "REB", "Taliban", "group")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("KABUL (Reuters) - Security forces fired tear gas at protesters.", "AFG"),
        ("LONDON — British police arrested two men on Tuesday.", "GBR"),
        ("Portland, Maine — Police said on Monday the suspect fled.", "USA"),
        ("Headline of the day\nNAIROBI, March 7 (Xinhua) -- Police said ...", "KEN"),
    ],
)
def test_a_dateline_names_the_story_country(lex: ActorLexicon, text: str, code: str) -> None:
    found = dateline_country(text, lex)
    assert found is not None and found.code == code and found.kind == "dateline"


@pytest.mark.parametrize(
    "text",
    [
        "Police - who had been warned - arrested him.",
        "The minister said: the talks will resume.",
    ],
)
def test_a_sentence_with_a_dash_is_no_dateline(lex: ActorLexicon, text: str) -> None:
    assert dateline_country(text, lex) is None


def test_the_publisher_names_a_country_by_its_name_or_its_web_domain(lex: ActorLexicon) -> None:
    by_name = publisher_country("The Moscow Times", None, lex)
    assert by_name is not None and by_name.code == "RUS"
    by_domain = publisher_country(None, "https://www.bbc.co.uk/news/world-1", lex)
    assert by_domain is not None and by_domain.code == "GBR"
    assert publisher_country("Reuters", "https://www.reuters.com/world/", lex) is None


def test_the_dateline_decides_unless_another_country_is_named_far_more() -> None:
    kabul = CountryEvidence("dateline", "AFG", "KABUL (Reuters) -")
    assert decide(kabul, Counter({"AFG": 1, "PAK": 1}), None).code == "AFG"
    outweighed = decide(kabul, Counter({"IRN": 6, "AFG": 1}), None)
    assert outweighed.code is None and "outweighed" in outweighed.reason


def test_without_a_dateline_the_country_named_most_decides_if_clearly_most() -> None:
    assert decide(None, Counter({"TUR": 3, "SYR": 1}), None).code == "TUR"
    several = decide(None, Counter({"TUR": 3, "SYR": 2}), None)
    assert several.code is None and "several" in several.reason
    assert decide(None, Counter({"SAU": 1}), None).code is None  # named once: maybe the other side


def test_the_publisher_decides_only_when_no_country_is_named() -> None:
    bbc = CountryEvidence("publisher", "GBR", "www.bbc.co.uk")
    assert decide(None, Counter(), bbc).code == "GBR"
    assert decide(None, Counter({"FRA": 1}), bbc).code is None


def test_the_decision_explains_its_evidence(lex: ActorLexicon) -> None:
    decision = story_country(
        "KABUL (Reuters) - Police said ...",
        [["Police", "said", "Afghan", "troops", "left", "Kabul"]],
        lex,
    )
    assert decision.code == "AFG"
    text = decision.explain()
    assert "dateline" in text and "AFG" in text and "the dateline" in text


def test_only_state_agents_without_a_country_take_the_story_country(lex: ActorLexicon) -> None:
    assert needs_country(POLICE, lex)
    assert needs_country(Actor("Riot police officers", None, "COP", None, "group"), lex)
    assert not needs_country(Actor("international forces", None, "MIL", None, "group"), lex)
    assert not needs_country(Actor("U.N. peacekeepers", None, "MIL", None, "group"), lex)
    assert not needs_country(Actor("joint military exercises", None, "MIL", None, "group"), lex)
    assert not needs_country(Actor("a state of emergency", None, "GOV", None, "group"), lex)
    assert not needs_country(PROTESTERS, lex)
    assert not needs_country(TALIBAN, lex)
    events = [_event((POLICE,), (PROTESTERS,)), _event((TALIBAN,))]
    called: list[int] = []

    def decision() -> StoryCountry:
        called.append(1)
        return StoryCountry("AFG", "the dateline", ())

    filled = with_story_country(events, decision, lex)
    assert [a.code for a in filled[0].source] == ["AFG"]
    assert [a.code for a in filled[0].target] == [None]
    assert filled[1] is events[1]
    assert called == [1]


def test_a_story_without_a_single_country_leaves_agents_uncoded(lex: ActorLexicon) -> None:
    events = [_event((POLICE,))]
    assert with_story_country(events, lambda: StoryCountry(None, "several", ()), lex) == events


def test_the_country_is_not_decided_when_no_agent_needs_it(lex: ActorLexicon) -> None:
    def boom() -> Any:
        raise AssertionError("decided without need")

    events = [_event((TALIBAN,))]
    assert with_story_country(events, boom, lex) == events


@pytest.mark.model
def test_coded_article_gives_its_unqualified_police_the_dateline_country() -> None:
    from dragoman.pipeline import code_texts
    from dragoman.settings import load_settings

    text = (
        "KABUL (Reuters) - Security forces fired tear gas at protesters on Tuesday. "
        "The army attacked militants in the north."
    )
    coded = code_texts([("k1", text, "2019-05-01")], load_settings())
    sources = [(a["code"], a["sector"]) for e in coded["k1"] for a in e["source"]]
    assert ("AFG", "COP") in sources and ("AFG", "MIL") in sources
