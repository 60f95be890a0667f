"""bench/audit_news.py reads whole stories (VOA) and one-line summaries (WCEP) alike."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dragoman.evaluation.audit import load_gold_events

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "audit_news.py"

WHOLE_STORY = {
    "id": 6100001,
    "url": "https://example.org/story",
    "title": "Ministers meet",
    "published": "2020-01-14T10:02:00Z",
    "text": "Turkey's foreign minister met his Greek counterpart in Ankara on Monday.",
}
SUMMARY_LINE = {
    "id": "wcep-000000000001",
    "date": "2014-03-02",
    "category": "International relations",
    "text": "Turkey's foreign minister condemns Israel's raid on the mosque.",
}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_news", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_whole_stories_and_summary_lines_are_read_with_their_dates(tmp_path: Path) -> None:
    stories = _jsonl(tmp_path / "stories.jsonl", [WHOLE_STORY, SUMMARY_LINE])
    read = _script().read_stories(stories, {"6100001", "wcep-000000000001", "absent"})
    assert [(s.story_id, s.date) for s in read] == [
        ("6100001", "2020-01-14"),
        ("wcep-000000000001", "2014-03-02"),
    ]
    assert read[1].text == SUMMARY_LINE["text"]


def test_stories_not_in_the_gold_list_are_left_out(tmp_path: Path) -> None:
    stories = _jsonl(tmp_path / "stories.jsonl", [WHOLE_STORY, SUMMARY_LINE])
    read = _script().read_stories(stories, {"wcep-000000000001"})
    assert [s.story_id for s in read] == ["wcep-000000000001"]


def test_a_gold_story_missing_from_the_file_stops_the_audit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stories = _jsonl(tmp_path / "stories.jsonl", [WHOLE_STORY])
    gold = _jsonl(tmp_path / "gold.jsonl", [_gold_row()])
    code = _script().main([str(gold), str(stories), "--out", str(tmp_path / "events.jsonl")])
    assert code == 2
    assert "wcep-000000000001" in capsys.readouterr().err


def _gold_row() -> dict[str, Any]:
    return {
        "event_id": "wcep-000000000001-01",
        "story_id": "wcep-000000000001",
        "sentence": SUMMARY_LINE["text"],
        "plover": "ACCUSE",
        "cameo": "111",
        "source": {"text": "Turkey's foreign minister", "code": "TUR", "sector": "GOV"},
        "target": {"text": "Israel", "code": "ISR", "sector": "GOV"},
        "temporal": "current",
        "borderline": False,
    }


@pytest.mark.model
def test_a_summary_line_is_coded_as_a_dated_story_and_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stories = _jsonl(tmp_path / "stories.jsonl", [WHOLE_STORY, SUMMARY_LINE])
    gold = _jsonl(tmp_path / "gold.jsonl", [_gold_row()])
    out = tmp_path / "events.jsonl"
    assert _script().main([str(gold), str(stories), "--out", str(out), "--all"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["stories"] == 1
    assert report["recall_strict"]["total"] == 1
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert events, "the hand-written summary line yields no event"
    assert {ev["doc_id"] for ev in events} == {"wcep-000000000001"}
    assert {ev["date"] for ev in events} == {"2014-03-02"}


@pytest.mark.model
def test_a_listed_story_without_gold_events_is_coded_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stories = _jsonl(tmp_path / "stories.jsonl", [WHOLE_STORY, SUMMARY_LINE])
    gold = _jsonl(tmp_path / "gold.jsonl", [_gold_row()])
    ids = tmp_path / "ids.txt"
    ids.write_text("6100001\nwcep-000000000001\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    argv = [str(gold), str(stories), "--out", str(out), "--ids", str(ids), "--all"]
    assert _script().main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["stories"] == 2
    assert report["recall_strict"]["total"] == 1
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {ev["doc_id"] for ev in events} == {"6100001", "wcep-000000000001"}


AUDIT = SCRIPT.parent / "audit"
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


@pytest.mark.parametrize(
    ("gold_name", "ids_name"),
    [
        ("voa_fold_b2_gold.jsonl", "voa_fold_b2_stories.txt"),
        ("wcep_fold_b_gold.jsonl", "wcep_fold_b_lines.txt"),
    ],
)
def test_the_drawn_audit_lists_name_only_drawn_stories_and_plover_types(
    gold_name: str, ids_name: str
) -> None:
    gold = load_gold_events(AUDIT / gold_name)
    drawn = set((AUDIT / ids_name).read_text(encoding="utf-8").split())
    assert gold
    assert {g.story_id for g in gold} <= drawn
    assert {g.plover for g in gold} <= PLOVER_TYPES
