"""dragoman.run: the one pipeline call behind code, watch, bench and the evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest

import dragoman
from dragoman.pipeline import STAGES, BatchResult, RunReport, run
from dragoman.records import Document, Failure
from dragoman.settings import Settings
from dragoman.store import open_store

SETTINGS = Settings()
WIRE = (
    "GENEVA - Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry "
    "in Geneva on Monday to discuss the crisis in Ukraine, officials said. The two ministers "
    "agreed to meet again next month, according to a statement released after the talks, "
    "which lasted four hours and ended without a joint declaration.\n"
)


def _doc(doc_id: str, text: str) -> Document:
    return Document(doc_id, f"test:{doc_id}", text.encode("utf-8"), "text", date="2014-04-14")


def test_run_with_only_failures_counts_them_and_times_every_stage() -> None:
    gone = Failure("gone", "gone.txt", "ingest", "not-found", "no such file")
    report = run([gone], SETTINGS)
    assert isinstance(report, RunReport)
    assert report.counters["inputs"] == 1
    assert report.counters["failed_documents"] == 1
    assert report.counters["documents"] == 0
    assert set(report.seconds) == set(STAGES)
    assert report.to_dict()["counters"]["failures"] == 1


def test_run_is_the_public_dragoman_run() -> None:
    assert dragoman.run is run
    assert dragoman.RunReport is RunReport


@pytest.mark.model
def test_run_dedups_stores_and_reports_each_batch(tmp_path: Path) -> None:
    docs: list[Document | Failure] = [_doc("a", WIRE), _doc("b", WIRE), _doc("c", "")]
    seen: list[BatchResult] = []
    with open_store(tmp_path / "run.duckdb") as store:
        report = run(docs, SETTINGS, store=store, batch_size=2, on_batch=seen.append)
        stored = store.query("failures").dicts()
        events = store.events()
    assert [r.counters["inputs"] for r in seen] == [2, 1]
    assert report.counters["duplicates"] == 1
    assert report.counters["articles"] == 1
    assert report.counters["events"] == len(events) > 0
    assert report.counters["failed_documents"] == 1
    assert [f["doc_id"] for f in stored] == ["c"]
    assert report.seconds["parse"] > 0 and report.seconds["store"] > 0
    assert report.wall_seconds >= report.seconds["parse"]


@pytest.mark.model
def test_without_dedup_every_copy_is_coded() -> None:
    report = run([_doc("a", WIRE), _doc("b", WIRE)], SETTINGS, dedup=False)
    assert report.counters["duplicates"] == 0
    assert report.counters["articles"] == 2
