"""The word screen sends to the parser every sentence that can hold a trigger, and spares it
the sentences that cannot."""

from __future__ import annotations

import pytest

from dragoman.events.patterns import default_patterns
from dragoman.events.screen import TriggerScreen, trigger_screen
from dragoman.events.triggers import find_triggers
from dragoman.ingest import read_inputs
from dragoman.nlp import parse, parse_needed, pipeline_for
from dragoman.pipeline import prepare_batch
from dragoman.segment import segment
from dragoman.settings import load_settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def screen() -> TriggerScreen:
    return trigger_screen(pipeline_for(load_settings()), default_patterns())


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian Foreign Minister Sergei Lavrov met Cuban President Raul Castro.",
        "North Korea test-fired two missiles on Sunday.",  # hyphenated verb
        "The rebels agreed to a cease-fire.",
        "Protesters fled as police fired tear gas.",  # irregular past tense
        "The minister said Iran shouldn't enrich uranium.",  # a demand, "should" + "n't"
        "Obama wants Putin to leave Syria.",  # a desire for another's act
        "Troops were put on alert.",  # a verb pattern that needs its object word
    ],
)
def test_sentences_that_can_hold_an_event_pass(screen: TriggerScreen, sentence: str) -> None:
    assert screen.could_hold_event(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Aluminum case",
        "How to listen to the podcast",
        "It also has contrast stitching which spruces up the cabin.",
        "The troops were alert.",  # "alert" alone is no pattern
    ],
)
def test_sentences_without_a_possible_trigger_are_screened_out(
    screen: TriggerScreen, sentence: str
) -> None:
    assert not screen.could_hold_event(sentence)


def test_no_sentence_with_a_trigger_is_screened_out_on_the_samples(screen: TriggerScreen) -> None:
    settings = load_settings()
    prepared = prepare_batch(list(read_inputs(["samples"], settings)), settings)
    sentences = [s.text for a in prepared.articles for s in segment(a, settings.max_sentence_chars)]
    index = default_patterns()
    with_trigger = [
        t
        for t, d in zip(sentences, parse(sentences, settings), strict=True)
        if find_triggers(d, index)
    ]
    assert len(with_trigger) > 200
    assert [t for t in with_trigger if not screen.could_hold_event(t)] == []
    assert sum(screen.could_hold_event(t) for t in sentences) < len(sentences)


def test_parse_needed_returns_none_for_screened_sentences_unless_turned_off() -> None:
    texts = [["Israel struck targets in Gaza.", "Aluminum case"]]
    on = parse_needed(texts, load_settings())
    assert on[0] is not None and on[1] is None
    off = parse_needed(texts, load_settings(overrides={"screen_sentences": False}))
    assert all(d is not None for d in off)


def test_a_person_named_before_an_event_is_parsed_for_later_pronouns(
    screen: TriggerScreen,
) -> None:
    article = ["Pete Buttigieg surged in Iowa.", "Black Democrats blasted him.", "Aluminum case"]
    assert screen.to_parse(article) == [True, True, False]
    assert screen.to_parse(article[:1]) == [False]  # no event after it: no need
