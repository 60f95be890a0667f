"""Audits on real news: recall against a gold list and precision from judgements."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dragoman.errors import ConfigError
from dragoman.evaluation.audit import (
    Interval,
    calibration,
    load_gold_events,
    precision,
    recall,
)

SENTENCE = "Turkey's foreign minister condemned Israel's raid on the mosque on Monday."


def _gold(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _gold_row(**extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "event_id": "s1-01",
        "story_id": "s1",
        "sentence": SENTENCE,
        "plover": "ACCUSE",
        "cameo": "111",
        "source": {"text": "Turkey's foreign minister", "code": "TUR", "sector": "GOV"},
    }
    row.update(extra)
    return row


def _event(**extra: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "event_id": "e1",
        "doc_id": "s1",
        "sentence": SENTENCE,
        "plover": "ACCUSE",
        "cameo_root": "11",
        "source": [{"code": "TUR"}],
        "confidence": 0.85,
    }
    ev.update(extra)
    return ev


def test_event_with_type_source_and_sentence_finds_the_gold_event(tmp_path: Path) -> None:
    gold = load_gold_events(_gold(tmp_path, [_gold_row()]))
    assert recall(gold, [_event()]).hits == 1


def test_event_with_another_source_country_does_not_find_it(tmp_path: Path) -> None:
    gold = load_gold_events(_gold(tmp_path, [_gold_row()]))
    assert recall(gold, [_event(source=[{"code": "ISR"}])]).hits == 0


def test_event_in_another_sentence_does_not_find_it(tmp_path: Path) -> None:
    gold = load_gold_events(_gold(tmp_path, [_gold_row()]))
    other = "Israel's prime minister visited Washington to meet the president."
    assert recall(gold, [_event(sentence=other)]).hits == 0


def test_same_happening_told_again_is_found_in_its_other_sentence(tmp_path: Path) -> None:
    again = "Ankara condemned the raid."
    gold = load_gold_events(_gold(tmp_path, [_gold_row(also_in=[again])]))
    assert recall(gold, [_event(sentence=again)]).hits == 1


def test_strict_recall_leaves_borderline_events_out(tmp_path: Path) -> None:
    rows = [_gold_row(), _gold_row(event_id="s1-02", plover="CONSULT", borderline=True)]
    gold = load_gold_events(_gold(tmp_path, rows))
    assert recall(gold, [_event()]).total == 1
    assert recall(gold, [_event()], strict=False).total == 2


def test_gold_line_without_a_type_is_a_config_error(tmp_path: Path) -> None:
    row = _gold_row()
    del row["plover"]
    with pytest.raises(ConfigError, match=r"gold\.jsonl:1"):
        load_gold_events(_gold(tmp_path, [row]))


def test_precision_counts_only_judged_events() -> None:
    events = [_event(event_id="a"), _event(event_id="b"), _event(event_id="c")]
    share = precision(events, {"a": True, "b": False})
    assert (share.hits, share.total) == (1, 2)


def test_calibration_puts_each_judged_event_in_its_confidence_band() -> None:
    events = [_event(event_id="a", confidence=0.95), _event(event_id="b", confidence=0.55)]
    rows = dict(calibration(events, {"a": True, "b": False}))
    assert (rows["0.9-1.0"].hits, rows["0.9-1.0"].total) == (1, 1)
    assert (rows["0.5-0.6"].hits, rows["0.5-0.6"].total) == (0, 1)


def test_wilson_interval_contains_the_share() -> None:
    low, high = Interval(16, 100).low_high
    assert low < 0.16 < high
    assert round(low, 2) == 0.10
