"""CASE 2021 scoring: label -> PLOVER types, per-label recall and balanced accuracy."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dragoman.evaluate import CASE_TO_PLOVER, is_violent, load_gold, parse_gold_lines, score_events


def case_gold(*labels: tuple[str, str]) -> list[Any]:
    return parse_gold_lines(
        json.dumps({"id": rid, "text": f"snippet {rid}", "expected": [{"code": label}]})
        for rid, label in labels
    )


def ev(plover: str | None, cameo: str = "") -> dict[str, Any]:
    return {"plover": plover, "cameo": cameo, "cameo_root": cameo[:2], "source": [], "target": []}


def test_balanced_accuracy_is_the_mean_of_per_label_recall() -> None:
    records = case_gold(
        ("1", "AIR_STRIKE"),
        ("2", "AIR_STRIKE"),
        ("3", "PEACE_PROTEST"),
        ("4", "NATURAL_DISASTER"),
        ("5", "MAN_MADE_DISASTER"),
        ("6", "MAN_MADE_DISASTER"),
        ("7", "OTHER"),
        ("8", "FORCE_AGAINST_PROTEST"),
        ("9", "GOV_REGAINS_TERIT"),
    )
    predicted = {
        "1": [ev("ASSAULT", "195")],  # found
        "2": [ev("PROTEST", "141")],  # wrong type
        "3": [ev("CONSULT", "040"), ev("PROTEST", "141")],  # found among others
        # "4": nothing coded for a natural disaster: right
        "5": [ev("ASSAULT", "190")],  # a disaster coded as violence
        "6": [ev("COERCE", "173")],  # an arrest after a disaster is not unrest: right
        "7": [ev("ASSAULT", "190")],  # OTHER is not scored
        "8": [ev("COERCE", "175")],  # force against protesters: COERCE accepted
        "9": [ev("COERCE", "192")],  # recapture coded as occupying territory
    }
    score = score_events(records, predicted, "case")
    recall = {row.label: row.counts.recall for row in score.per_type}
    assert recall["AIR_STRIKE"] == 0.5
    assert recall["MAN_MADE_DISASTER"] == 0.5
    assert recall["PEACE_PROTEST"] == recall["NATURAL_DISASTER"] == 1.0
    assert recall["FORCE_AGAINST_PROTEST"] == recall["GOV_REGAINS_TERIT"] == 1.0
    assert score.summary["balanced_accuracy"] == pytest.approx(5 / 6)
    assert score.summary["accuracy"] == 0.75
    assert score.counts["scored_records"] == 8
    assert score.counts["unscored_records"] == 1
    assert score.counts["disaster_records"] == 3
    assert score.counts["disasters_coded_as_violence"] == 1
    assert sorted(m.record_id for m in score.misses) == ["2", "5"]
    other = next(row for row in score.per_type if row.label == "OTHER")
    assert other.accepts == ()
    assert json.loads(json.dumps(score.to_dict()))["per_type"][0]["label"] == "AIR_STRIKE"
    assert "balanced_accuracy" in score.format_table()


def test_disaster_with_protest_or_violent_coerce_is_wrong() -> None:
    records = case_gold(("1", "NATURAL_DISASTER"), ("2", "NATURAL_DISASTER"))
    predicted = {"1": [ev("PROTEST", "141")], "2": [ev("COERCE", "192")]}
    score = score_events(records, predicted, "case")
    assert score.summary["balanced_accuracy"] == 0.0
    assert score.counts["disasters_coded_as_violence"] == 1


def test_riots_accept_protest_or_assault_and_territory_transfer_rejects_assault() -> None:
    records = case_gold(
        ("1", "VIOL_DEMONSTR"), ("2", "MOB_VIOL"), ("3", "NON_VIOL_TERRIT_TRANSFER"), ("4", "DIPLO")
    )
    predicted = {
        "1": [ev("ASSAULT")],
        "2": [ev("PROTEST")],
        "3": [ev("ASSAULT")],
        "4": [ev("SANCTION")],
    }
    score = score_events(records, predicted, "case")
    found = {row.label: row.counts.tp for row in score.per_type}
    assert found == {"VIOL_DEMONSTR": 1, "MOB_VIOL": 1, "NON_VIOL_TERRIT_TRANSFER": 0, "DIPLO": 1}


def test_old_plover_names_in_predictions_are_renamed() -> None:
    score = score_events(case_gold(("1", "ARMED_CLASH")), {"1": [ev("FIGHT")]}, "case")
    assert score.summary["balanced_accuracy"] == 1.0


@pytest.mark.parametrize(
    ("event", "violent"),
    [
        (ev("ASSAULT"), True),
        (ev("COERCE", "192"), True),
        (ev(None, "1712"), True),
        (ev("COERCE", "173"), False),
        (ev("PROTEST", "145"), False),
    ],
)
def test_violent_events(event: dict[str, Any], violent: bool) -> None:
    assert is_violent(event) is violent


@pytest.mark.shared
def test_every_case_label_of_the_dev_file_has_a_decision(shared_dir: Any) -> None:
    path = shared_dir / "data" / "gold" / "case2021_task2.dev.jsonl"
    if not path.is_file():
        pytest.skip("case2021 dev file absent")
    labels = {e.label for r in load_gold(path) for e in r.events}
    assert labels <= set(CASE_TO_PLOVER)
