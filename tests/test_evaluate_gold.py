"""Reading gold files: scheme detection, actor-code rules, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dragoman.errors import InputError
from dragoman.evaluate import (
    actor_key,
    evaluate_events_file,
    load_gold,
    parse_gold_lines,
    plover_type,
)


def lines(*records: dict[str, Any]) -> list[str]:
    return [json.dumps(r) for r in records]


def test_scheme_is_detected_from_the_expected_events() -> None:
    plover = parse_gold_lines(
        lines(
            {"id": "p", "text": "t", "expected": [{"event": "FIGHT", "source": [], "target": []}]}
        )
    )
    cameo = parse_gold_lines(
        lines(
            {"id": "n", "text": "t", "expected": [], "noevents": True},
            {
                "id": "c",
                "text": "t",
                "expected": [{"source": "USA", "target": "---", "code": "190"}],
            },
        )
    )
    case = parse_gold_lines(lines({"id": "k", "text": "t", "expected": [{"code": "arrest"}]}))
    assert plover[0].scheme == "plover"
    assert plover[0].events[0].label == "ASSAULT"
    assert plover[0].events[0].original_label == "FIGHT"
    assert [r.scheme for r in cameo] == ["cameo", "cameo"]
    assert cameo[0].noevent
    assert cameo[1].events[0].target[0].key == ""
    assert case[0].events[0].label == "ARREST"


def test_mixed_or_empty_gold_is_rejected() -> None:
    with pytest.raises(InputError):
        parse_gold_lines(
            lines(
                {"id": "a", "expected": [{"code": "ARREST"}]},
                {"id": "b", "expected": [{"event": "AGREE", "source": [], "target": []}]},
            )
        )
    with pytest.raises(InputError):
        parse_gold_lines(lines({"id": "a", "expected": []}))
    with pytest.raises(InputError):
        parse_gold_lines(["{not json"])
    with pytest.raises(InputError):
        parse_gold_lines(
            lines({"id": "a", "expected": [{"code": "X"}]}, {"id": "a", "expected": []})
        )


@pytest.mark.parametrize(
    ("code", "key"),
    [("USAGOV", "USA"), ("jap", "JPN"), ("ITL", "ITA"), ("VTNMIL", "VNM"), ("---", ""),
     ("---MIL", ""), (None, ""), ("", ""), ("IGOUNO", "IGO")],
)  # fmt: skip
def test_actor_key(code: str | None, key: str) -> None:
    assert actor_key(code) == key


def test_plover_type_renames_and_upper_cases() -> None:
    assert plover_type("demand") == "REQUEST"
    assert plover_type("AGREE") == "AGREE"
    assert plover_type(None) is None
    assert plover_type("") is None


def test_evaluate_events_file_codes_then_scores(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        "\n".join(
            lines(
                {"id": "a", "text": "t1", "date": "2008-08-06", "expected": []},
                {
                    "id": "b",
                    "text": "t2",
                    "expected": [{"source": "USA", "target": "IRQ", "code": "112"}],
                },
            )
        )
        + "\n",
        encoding="utf-8",
    )
    seen: list[tuple[str, str, str | None]] = []

    def code_fn(records: Any) -> dict[str, list[dict[str, Any]]]:
        seen.extend((r.id, r.text, r.date) for r in records)
        event = {"cameo": "112", "source": [{"code": "USA"}], "target": [{"code": "IRQ"}]}
        return {"b": [event]}

    score = evaluate_events_file(path, None, code_fn)
    assert seen == [("a", "t1", "2008-08-06"), ("b", "t2", None)]
    assert score.scheme == "cameo"
    assert score.summary["root_triple_f1"] == 1.0


def test_missing_gold_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_gold(tmp_path / "absent.jsonl")


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "scheme", "count"),
    [
        ("plover_gsr.dev.jsonl", "plover", 161),
        ("petr2_gsr.dev.jsonl", "cameo", 39),
        ("case2021_task2.dev.jsonl", "case", 510),
    ],
)
def test_shared_gold_files_load(shared_dir: Path, name: str, scheme: str, count: int) -> None:
    path = shared_dir / "data" / "gold" / name
    if not path.is_file():
        pytest.skip(f"{name} absent")
    records = load_gold(path)
    assert len(records) == count
    assert {r.scheme for r in records} == {scheme}
