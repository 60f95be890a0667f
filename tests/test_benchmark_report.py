"""The benchmark report built by hand (no model): rates, JSON, table, argument checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.benchmark import (
    STAGES,
    BenchResult,
    Machine,
    StageSeconds,
    default_inputs,
    run_benchmark,
)
from dragoman.cli import main
from dragoman.errors import ConfigError
from dragoman.settings import Settings


def _result(**changes: object) -> BenchResult:
    values: dict[str, object] = {
        "inputs": ("corpus/",),
        "repeat": 3,
        "batch_size": 32,
        "model": "en_core_web_sm 3.8.0 (spaCy 3.8.18)",
        "documents": 40,
        "articles": 39,
        "sentences": 400,
        "parsed": 150,
        "words": 8000,
        "events": 350,
        "failures": 1,
        "seconds": 4.0,
        "cpu_seconds": 3.9,
        "runs_seconds": (4.2, 4.0, 3.9),
        "stages": StageSeconds(
            ingest=0.1, extract=0.3, segment=0.05, parse=2.5, code=0.6, store=0.25
        ),
        "load_seconds": 1.5,
        "warmup_seconds": 0.5,
        "floor_seconds": 2.0,
        "floor_cpu_seconds": 1.95,
        "peak_rss_mib": 420.0,
        "loaded_rss_mib": 400.0,
        "python_peak_mib": None,
        "deterministic": True,
        "machine": Machine(2, "Example CPU", 8.0, "3.11.7", "Linux"),
        "load_average": 0.5,
        "started": "2024-01-12T00:00:00+00:00",
    }
    values.update(changes)
    return BenchResult(**values)  # type: ignore[arg-type]


def test_rates_divide_counts_by_the_reported_wall_time() -> None:
    r = _result()
    assert r.docs_per_second == pytest.approx(10.0)
    assert r.sentences_per_second == pytest.approx(100.0)
    assert r.words_per_second == pytest.approx(2000.0)
    assert r.events_per_second == pytest.approx(87.5)
    assert r.floor_sentences_per_second == pytest.approx(200.0)
    assert r.floor_ratio == pytest.approx(2.0)
    assert r.overhead_seconds == pytest.approx(2.0)
    assert r.other_seconds == pytest.approx(0.2)
    assert r.docs_per_cpu_second == pytest.approx(40 / 3.9)
    assert r.floor_cpu_ratio == pytest.approx(2.0)


def test_zero_seconds_gives_zero_rates_not_an_error() -> None:
    r = _result(
        seconds=0.0,
        cpu_seconds=0.0,
        floor_seconds=0.0,
        floor_cpu_seconds=0.0,
        stages=StageSeconds(),
    )
    assert r.docs_per_second == 0.0
    assert r.words_per_cpu_second == 0.0
    assert r.floor_ratio == 0.0
    assert r.floor_cpu_ratio == 0.0


def test_to_dict_is_json_with_counts_stages_floor_and_memory() -> None:
    data = json.loads(json.dumps(_result().to_dict()))
    assert data["counts"] == {
        "documents": 40,
        "articles": 39,
        "sentences": 400,
        "parsed_sentences": 150,
        "words": 8000,
        "events": 350,
        "failures": 1,
    }
    assert list(data["stages_seconds"]) == [*STAGES, "other"]
    assert data["spacy_floor"]["pipeline_ratio"] == 2.0
    assert data["memory_mib"] == {
        "peak_rss": 420.0,
        "pipeline_peak_rss": 0.0,
        "rss_after_load": 400.0,
        "python_peak": None,
    }
    assert data["machine"]["cpus"] == 2


def test_table_shows_machine_stages_floor_and_a_nondeterminism_warning() -> None:
    table = _result(deterministic=False).format_table()
    assert "Example CPU" in table
    for stage in STAGES:
        assert stage in table
    assert "2.00 x the parse floor" in table
    assert "WARNING" in table
    assert "WARNING" not in _result().format_table()


def test_machine_describes_this_computer() -> None:
    m = Machine.current()
    assert m.cpus >= 1
    assert m.cpu_model
    assert m.python.count(".") == 2


def test_default_inputs_fall_back_to_the_checkout_samples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = default_inputs()
    assert Path(found[0]).name == "samples"
    assert Path(found[0]).is_dir()


@pytest.mark.parametrize(
    ("inputs", "kwargs"),
    [([], {}), (["-"], {}), (["x"], {"repeat": 0}), (["x"], {"batch_size": 0})],
)
def test_bad_arguments_raise_config_error_before_any_loading(
    inputs: list[str], kwargs: dict[str, int]
) -> None:
    with pytest.raises(ConfigError):
        run_benchmark(inputs, Settings(), **kwargs)  # type: ignore[arg-type]


def test_cli_bench_refuses_stdin_and_zero_repeats() -> None:
    assert main(["bench", "-"]) == 2
    assert main(["bench", "samples", "--repeat", "0"]) == 2
