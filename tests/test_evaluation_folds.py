"""Every development set splits into two fixed folds: developers look at A and report both."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from dragoman.errors import ConfigError
from dragoman.evaluate import evaluate_events_file
from dragoman.evaluation.folds import FOLDS, LOOKED_AT, fold_of


def test_fold_of_is_fixed_for_an_id() -> None:
    assert fold_of("PLOVER-GSR01-AGREE-0001") == fold_of("PLOVER-GSR01-AGREE-0001")
    assert LOOKED_AT == "A"
    assert set(FOLDS) == {"A", "B"}


def test_folds_split_ids_roughly_in_half() -> None:
    folds = [fold_of(str(i)) for i in range(2000)]
    share_a = folds.count("A") / len(folds)
    assert 0.45 < share_a < 0.55


def _gold(tmp_path: Path, ids: Sequence[str]) -> Path:
    path = tmp_path / "gold.jsonl"
    rows = [
        {"id": i, "text": f"Text {i}.", "expected": [{"event": "CONSULT", "source": []}]}
        for i in ids
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_evaluating_one_fold_codes_only_its_records(tmp_path: Path) -> None:
    ids = [f"r{i}" for i in range(40)]
    seen: list[str] = []

    def code_fn(records: Sequence[Any]) -> Mapping[str, Sequence[Mapping[str, Any]]]:
        seen.extend(r.id for r in records)
        return {}

    evaluate_events_file(_gold(tmp_path, ids), "plover", code_fn, fold="B")
    assert seen
    assert all(fold_of(i) == "B" for i in seen)
    assert len(seen) == sum(fold_of(i) == "B" for i in ids)


def test_unknown_fold_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        evaluate_events_file(_gold(tmp_path, ["a"]), "plover", lambda r: {}, fold="C")  # type: ignore[arg-type]
