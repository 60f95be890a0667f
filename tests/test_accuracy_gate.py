"""The accuracy gate: coding the gold dev files must not fall below the pinned floors.

Floors live in ``tests/eval_baseline.json`` (metric names are keys of ``EventScore.summary``),
with ceilings on counts such as no-event records given an event (keys of ``EventScore.counts``).
When a change lowers a score on purpose, lower its floor in the same change and say why; when
it raises one, raise the floor to just below the new score. The achieved scores are logged and
shown in the failure message.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from dragoman.evaluate import evaluate_events_file, pipeline_code_fn

log = logging.getLogger(__name__)

BASELINE = Path(__file__).with_name("eval_baseline.json")
TOLERANCE = 1e-9


def _entries() -> list[tuple[str, dict[str, Any]]]:
    data = json.loads(BASELINE.read_text(encoding="utf-8"))
    return [(name, entry) for name, entry in data.items() if not name.startswith("_")]


def test_baseline_file_is_well_formed() -> None:
    entries = _entries()
    assert entries
    for name, entry in entries:
        assert name.endswith(".jsonl")
        assert entry["scheme"] in {"plover", "cameo", "case"}
        assert entry["floors"]
        assert all(0.0 <= float(v) <= 1.0 for v in entry["floors"].values())
        assert all(int(v) >= 0 for v in entry.get("ceilings", {}).values())


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize(("name", "entry"), _entries(), ids=[n for n, _ in _entries()])
def test_accuracy_stays_above_floors(shared_dir: Path, name: str, entry: dict[str, Any]) -> None:
    path = shared_dir / "data" / "gold" / name
    if not path.is_file():
        pytest.skip(f"{path} absent")
    score = evaluate_events_file(path, entry["scheme"], pipeline_code_fn())
    achieved = {k: round(v, 4) for k, v in score.summary.items()}
    log.info("accuracy gate %s: %s %s", name, achieved, score.counts)
    missing = sorted(set(entry["floors"]) - set(score.summary))
    assert not missing, f"{name}: floors name unknown metrics {missing}; known: {sorted(achieved)}"
    below = {
        metric: (round(score.summary[metric], 4), floor)
        for metric, floor in entry["floors"].items()
        if score.summary[metric] < float(floor) - TOLERANCE
    }
    assert not below, f"{name}: below floor (achieved, floor): {below}; all scores: {achieved}"
    ceilings = entry.get("ceilings", {})
    unknown = sorted(set(ceilings) - set(score.counts))
    assert not unknown, f"{name}: ceilings name unknown counts {unknown}; known: {score.counts}"
    above = {
        count: (score.counts[count], int(ceiling))
        for count, ceiling in ceilings.items()
        if score.counts[count] > int(ceiling)
    }
    assert not above, f"{name}: above ceiling (achieved, ceiling): {above}; counts: {score.counts}"
