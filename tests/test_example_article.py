"""Issue 2's acceptance example: the Moscow Times Russia-Cuba article, coded as a user would.

`dragoman code ../shared/examples/moscow-times-russia-cuba-2014.txt --date 2014-04-30 --jsonl`
must yield the meetings, support, aid and intents of the article and nothing from its
publisher boilerplate (donation appeal, "See also" headline, payment prompts).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dragoman.cli import main

pytestmark = [pytest.mark.model, pytest.mark.shared]

EXAMPLE = "examples/moscow-times-russia-cuba-2014.txt"

Event = dict[str, Any]

#: Phrases that only occur in the article's boilerplate (appeal, related story, prompts).
BOILERPLATE = (
    "foreign agent",
    "small favor",
    "See also",
    "Russian Spy Ship Makes Surprise Visit",
    "Remind me later",
    "support us",
    "Support The Moscow Times",
    "journalists of The Moscow Times",
    "paiment methods",
)


@pytest.fixture(scope="module")
def example(shared_dir: Path) -> Path:
    path = shared_dir / EXAMPLE
    if not path.is_file():
        pytest.skip(f"{path} absent")
    return path


@pytest.fixture(scope="module")
def coded(example: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[Event], str]:
    """Exit code, events and article text of one `code` run (and one `extract` run)."""
    import contextlib
    import io

    db = tmp_path_factory.mktemp("example") / "example.duckdb"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(["code", str(example), "--date", "2014-04-30", "--jsonl", "--db", str(db)])
    events = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    out2 = io.StringIO()
    with contextlib.redirect_stdout(out2), contextlib.redirect_stderr(io.StringIO()):
        rc2 = main(["extract", str(example), "--date", "2014-04-30", "--jsonl"])
    assert rc2 == 0
    (article,) = [json.loads(line) for line in out2.getvalue().splitlines() if line.strip()]
    assert rc == 0, err.getvalue()
    return rc, events, str(article["text"])


def _codes(actors: list[dict[str, Any]]) -> set[str]:
    return {a["code"] for a in actors if a["code"]}


def _names(actors: list[dict[str, Any]]) -> str:
    return " ".join(f"{a['name'] or ''} {a['text']}" for a in actors)


def _find(events: list[Event], pred: Callable[[Event], bool]) -> list[Event]:
    return [e for e in events if pred(e)]


def _summary(events: list[Event]) -> list[tuple[Any, ...]]:
    return [
        (
            e["cameo"],
            e["plover"],
            e["modality"],
            sorted(_codes(e["source"])),
            sorted(_codes(e["target"])),
            e["evidence"]["text"],
        )
        for e in events
    ]


def _dyad(e: Event, src: str, tgt: str) -> bool:
    return src in _codes(e["source"]) and tgt in _codes(e["target"])


def test_lavrov_meets_rodriguez_and_raul_castro(coded: tuple[int, list[Event], str]) -> None:
    _, events, _ = coded
    found = _find(
        events,
        lambda e: (
            e["cameo_root"] == "04"
            and e["plover"] == "CONSULT"
            and _dyad(e, "RUS", "CUB")
            and "Lavrov" in _names(e["source"])
            and ("Rodriguez" in _names(e["target"]) or "Raul Castro" in _names(e["target"]))
        ),
    )
    assert found, _summary(events)
    assert all(e["modality"] == "actual" and not e["negated"] for e in found)


def test_cubas_foreign_minister_is_coded_cuba_under_his_full_name(
    coded: tuple[int, list[Event], str],
) -> None:
    _, events, _ = coded
    ministers = [
        a
        for e in events
        for a in (*e["source"], *e["target"])
        if "Bruno Rodriguez" in a["text"] or "Bruno Rodriguez" in (a["name"] or "")
    ]
    assert ministers, _summary(events)
    assert all((a["code"], a["sector"]) == ("CUB", "GOV") for a in ministers), ministers


def test_russia_supports_cuba_and_cuba_supports_russia(
    coded: tuple[int, list[Event], str],
) -> None:
    _, events, _ = coded
    support = _find(events, lambda e: e["cameo_root"] == "05")
    assert _find(support, lambda e: _dyad(e, "RUS", "CUB")), _summary(events)
    assert _find(support, lambda e: _dyad(e, "CUB", "RUS")), _summary(events)


def test_debt_relief_is_aid_or_cooperation_from_russia_to_cuba(
    coded: tuple[int, list[Event], str],
) -> None:
    _, events, _ = coded
    found = _find(events, lambda e: e["cameo_root"] in {"06", "07"} and _dyad(e, "RUS", "CUB"))
    assert found, _summary(events)
    assert any("debt" in e["sentence"] for e in found)


def test_lavrov_meets_ortega_of_nicaragua(coded: tuple[int, list[Event], str]) -> None:
    _, events, _ = coded
    found = _find(
        events,
        lambda e: (
            e["cameo_root"] == "04" and _dyad(e, "RUS", "NIC") and "Ortega" in _names(e["target"])
        ),
    )
    assert found, _summary(events)


def test_peru_and_chile_meetings_are_intents(coded: tuple[int, list[Event], str]) -> None:
    _, events, _ = coded
    intents = _find(
        events,
        lambda e: (
            (e["cameo"] == "036" or e["modality"] == "intent") and "RUS" in _codes(e["source"])
        ),
    )
    targets = set().union(*(_codes(e["target"]) for e in intents)) if intents else set()
    assert {"PER", "CHL"} <= targets, _summary(events)
    # an announced meeting is not coded as a meeting that happened
    assert not _find(
        events,
        lambda e: (
            e["cameo_root"] == "04"
            and e["modality"] == "actual"
            and bool(_codes(e["target"]) & {"PER", "CHL"})
        ),
    ), _summary(events)


def test_nothing_is_coded_from_the_boilerplate(coded: tuple[int, list[Event], str]) -> None:
    _, events, text = coded
    for phrase in BOILERPLATE:
        assert phrase.lower() not in text.lower(), f"boilerplate left in the article: {phrase}"
        for e in events:
            assert phrase.lower() not in e["sentence"].lower(), _summary([e])
            assert phrase.lower() not in e["evidence"]["text"].lower(), _summary([e])


def test_the_article_keeps_its_news_paragraphs(coded: tuple[int, list[Event], str]) -> None:
    _, _, text = coded
    for phrase in (
        "Lavrov met with his counterpart Bruno Rodriguez Parilla",
        "The Cuban side also voiced its support for Russia",
        "debt to Russia would be reinvested",
        "meet with Peruvian and Chilean authorities later this week",
    ):
        assert phrase in text


def test_evidence_offsets_slice_the_extracted_article_text(
    coded: tuple[int, list[Event], str],
) -> None:
    _, events, text = coded
    assert events
    for e in events:
        ev = e["evidence"]
        assert 0 <= ev["start"] < ev["end"] <= len(text)
        assert text[ev["start"] : ev["end"]] == ev["text"], e["event_id"]
        # the evidence overlaps the sentence the event is reported for
        s_start = text.find(e["sentence"])
        assert s_start >= 0, e["sentence"]
        assert ev["start"] < s_start + len(e["sentence"]) and ev["end"] > s_start, _summary([e])


def test_events_carry_the_date_and_provenance(coded: tuple[int, list[Event], str]) -> None:
    _, events, _ = coded
    for e in events:
        # everything in the article happened, or is due, in the week of publication
        # (Monday 2014-04-28 to Sunday 2014-05-04; "On Tuesday" is 2014-04-29), except the UN
        # vote "in March", dated to that month
        assert e["date"] is not None, _summary([e])
        if "in March" in e["sentence"]:
            assert (e["date"], e["date_precision"]) == ("2014-03-01", "month"), _summary([e])
        else:
            assert "2014-04-28" <= e["date"] <= "2014-05-04", (e["date"], _summary([e]))
        assert e["doc"]["published"] == "2014-04-30"
        assert e["doc"]["publisher"] == "The Moscow Times"
        assert e["doc"]["title"] == "Russia and Cuba in 'Friendly' Talks Amid Tension With West"
        assert e["coder_version"]
    assert len({e["event_id"] for e in events}) == len(events)
