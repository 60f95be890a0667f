"""The story gate: sports, business, lifestyle and private-crime stories yield no events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.evaluation.folds import fold_of
from dragoman.events.story_gate import classify_story, story_gate

POLITICAL_WITH_SPORTS_WORDS = (
    "The president of Qatar met the foreign minister of France before the World Cup match. "
    "Human rights activists protested outside the stadium, and the opposition said the "
    "government had jailed migrant workers; parliament debated sanctions and the embassy "
    "issued a statement."
)


@pytest.mark.parametrize("kind", [k.id for k in story_gate().kinds])
def test_each_kinds_example_is_gated_as_that_kind(kind: str) -> None:
    example = next(k.example for k in story_gate().kinds if k.id == kind)
    verdict = classify_story(example)
    assert verdict.kind == kind, verdict
    assert verdict.flag == f"story:{kind}"
    assert verdict.rule == f"story-gate.{kind}"
    assert len(verdict.cues) >= next(k.min_cues for k in story_gate().kinds if k.id == kind)


def test_a_political_story_with_sports_words_passes_the_gate() -> None:
    verdict = classify_story(POLITICAL_WITH_SPORTS_WORDS, title="Qatar hosts the World Cup")
    assert verdict.kind is None
    assert verdict.flag is None
    assert {"president", "government", "opposition"} <= set(verdict.political)


def test_phrases_match_as_words_in_sequence_not_inside_words() -> None:
    gated = classify_story("The goalkeeper saved a penalty in the World Cup final at the stadium.")
    assert gated.kind == "sports"
    assert "world cup" in gated.cues
    # "goals" is no cue of "goal", "matchmaker" none of "match"
    assert classify_story("The matchmaker set goals for the leaguers.").kind is None


def test_the_title_counts_as_part_of_the_story() -> None:
    text = "The striker was in good form on Saturday."
    assert classify_story(text).kind is None
    assert classify_story(text, title="Football: league leaders win at the stadium").kind == (
        "sports"
    )  # striker, football, league, stadium


@pytest.mark.shared
def test_no_political_news_story_of_the_looked_at_fold_is_gated(shared_dir: Path) -> None:
    path = shared_dir / "data" / "news" / "voa" / "voa_stories.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    stories = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    looked_at = [s for s in stories if fold_of(str(s["id"])) == "A"]
    assert looked_at
    gated = [(s["id"], classify_story(s["text"], s.get("title")).kind) for s in looked_at]
    assert [g for g in gated if g[1]] == []


@pytest.mark.model
def test_events_of_a_match_report_are_stored_flagged_and_left_out_of_the_default_output() -> None:
    from dragoman.explain import explain_text
    from dragoman.settings import load_settings

    text = (
        "Brazil beat Croatia 2-1 in the World Cup quarterfinal on Friday. The striker scored "
        "the winning goal, and the coach praised the goalkeeper. Brazil will meet Argentina."
    )
    explanation = explain_text(text, load_settings(), date="2022-12-09")
    assert explanation.coding.story_kind == "sports"
    events = explanation.coding.events
    assert events, "the coder still finds candidates in a match report"
    assert all(e.flag == "story:sports" and not e.shown for e in events)
    rules = {r for s in explanation.sentences for d in s.decisions for r in d.rules}
    assert "story-gate.sports" in rules
