"""The story gate: sports, business, lifestyle, private-crime, science, heritage and nature
stories yield no events."""

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


GATED_STORIES = {
    "science": (
        "Vitamin D does not prevent colds",
        "Taking vitamin D every day did not protect adults from colds, according to a study of "
        "11,000 participants published in a medical journal on Tuesday. The researchers gave "
        "half of the patients a daily pill and the other half a placebo, and the lead author "
        "said the findings should settle a long debate among scientists.",
    ),
    "heritage": (
        "A Roman villa under a car park",
        "Archaeologists excavating a car park in the market town have uncovered the ruins of a "
        "Roman villa with a mosaic floor, pottery and coins. The artifacts will go to the county "
        "museum, and local historians say the find rewrites the early history of the town.",
    ),
    "heritage (a community)": (
        "A century of Lebanese families in the valley",
        "The first settlers came from the mountains of Lebanon in 1905, and their descendants "
        "still run the bakery on Main Street. A new exhibition at the town museum traces five "
        "generations of the families, with letters, photographs and a wedding dress that "
        "historians say the ancestors brought across the ocean.",
    ),
    "nature": (
        "Floods cut off villages after a week of rain",
        "Heavy rains brought by the storm have flooded dozens of villages along the river, and "
        "forecasters warn that more rainfall is on the way. Landslides blocked the mountain "
        "roads, and the weather office said the flooding was the worst in forty years.",
    ),
}

# Political stories that hold many words of a kind: each must pass the gate.
POLITICAL_STORIES = {
    "an epidemic response": (
        "Government declares cholera emergency",
        "The health minister declared a national emergency on Monday as the cholera outbreak "
        "spread to five provinces, and the government closed schools and markets. The prime "
        "minister said neighbouring states that closed their borders to trade would face "
        "sanctions. Doctors said patients were arriving faster than beds could be found, and a "
        "study by ministry scientists found that the water supply was contaminated; opposition "
        "lawmakers accused the ministry of ignoring the researchers' warnings.",
    ),
    "a war that destroys a heritage site": (
        "Shelling destroys ancient citadel",
        "Artillery shelling by government troops destroyed the ancient citadel of the old city, "
        "a world heritage site, and damaged the museum beside it, the rebels said. The culture "
        "minister of the opposition's administration called it a war crime; archaeologists "
        "said centuries old monuments lay in ruins. The army said its soldiers had fired on "
        "militants hiding among the ruins, and the president ordered an investigation.",
    ),
    "a coup near a museum": (
        "Soldiers seize power",
        "Soldiers detained the president and dissolved parliament early on Wednesday, and "
        "troops took over the state broadcaster and the national museum, where the junta's "
        "leader read a statement on television. The African Union condemned the coup and "
        "threatened sanctions, and the opposition called for protests.",
    ),
    "a climate summit": (
        "Climate summit agrees to a fund for storm damage",
        "Ministers from nearly 200 governments agreed at the climate summit on Sunday to set "
        "up a fund for countries hit by storms, floods and drought. Negotiators from island "
        "states said the hurricane season and rising temperatures threatened their survival, "
        "and the president of the summit said the treaty would be signed next year.",
    ),
}


@pytest.mark.parametrize("story", sorted(GATED_STORIES))
def test_a_story_of_each_new_kind_is_gated(story: str) -> None:
    title, text = GATED_STORIES[story]
    assert classify_story(text, title=title).kind == story.split()[0]


@pytest.mark.parametrize("story", sorted(POLITICAL_STORIES))
def test_a_political_story_full_of_a_kinds_words_passes_the_gate(story: str) -> None:
    title, text = POLITICAL_STORIES[story]
    verdict = classify_story(text, title=title)
    assert verdict.kind is None, verdict
    assert len(verdict.political) >= 4


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


# The stories of the looked-at VOA fold that the gate classes, all of them news without a
# political event: a cyclone over Malawi and Mozambique, bushfires near Sydney.
LOOKED_AT_GATED = {"8009719": "nature", "6180705": "nature"}


@pytest.mark.shared
def test_no_political_news_story_of_the_looked_at_fold_is_gated(shared_dir: Path) -> None:
    path = shared_dir / "data" / "news" / "voa" / "voa_stories.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    stories = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    looked_at = [s for s in stories if fold_of(str(s["id"])) == "A"]
    assert looked_at
    gated = {str(s["id"]): classify_story(s["text"], s.get("title")).kind for s in looked_at}
    assert {i: k for i, k in gated.items() if k} == LOOKED_AT_GATED


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
