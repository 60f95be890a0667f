"""The Spark engine in ``local[2]`` gives the local engine's events, documents, failures and
story copies on the same input, and its Parquet output loads into the store."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from dragoman.dedup import NearDuplicateIndex
from dragoman.settings import Settings, load_settings
from dragoman.store import Store, open_store
from dragoman.store.imports import import_path

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _java_missing() -> str | None:
    java = shutil.which("java", path=os.path.join(os.environ.get("JAVA_HOME", ""), "bin"))
    java = java or shutil.which("java")
    if java is None:
        return "no java on PATH or JAVA_HOME (Spark needs Java 17+)"
    probe = subprocess.run([java, "-version"], capture_output=True, check=False)
    return None if probe.returncode == 0 else "java -version failed"


_WHY = (
    "pyspark is not installed (pip install 'dragoman[spark]')"
    if importlib.util.find_spec("pyspark") is None
    else _java_missing()
)
pytestmark = [
    pytest.mark.spark,
    pytest.mark.timeout(1800),  # a JVM and two Python workers on a busy machine
    # py4j leaves the sockets of collected results to the garbage collector
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(_WHY is not None, reason=_WHY or ""),
]


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from dragoman.engines.spark import spark_session

    session = spark_session("local[2]", "dragoman-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _corpus(folder: Path) -> Path:
    """Sixteen of the samples (the five wire briefs among them), a syndicated copy of a brief
    in another file, the same page seen twice, and a file that is not text."""
    folder.mkdir()
    for sample in sorted(SAMPLES.iterdir())[15:27]:
        shutil.copy(sample, folder / sample.name)
    wire = json.loads((SAMPLES / "2020-2023-wire-briefs.jsonl").read_text().splitlines()[0])
    copy = {**wire, "id": "copy-of-first-brief", "text": "By Wire staff. " + wire["text"]}
    again = {**wire, "text": wire["text"] + " Updated."}  # same id: the same page again
    (folder / "zz-syndicated.jsonl").write_text(json.dumps(copy) + "\n" + json.dumps(again))
    (folder / "broken.html").write_bytes(b"\x00\x01\x02 not a page \x00" * 20)
    return folder


def _local(inputs: list[str], settings: Settings, db: Path) -> Store:
    from dragoman.engines.local import run
    from dragoman.ingest import read_inputs

    items = iter(read_inputs(inputs, settings))
    batches = iter(lambda: list(islice(items, 8)), [])
    store = open_store(db)
    for result in run(batches, settings, dedup=NearDuplicateIndex()):
        store.write_batch(result.articles, result.events, result.failures, copies=result.copies)
    return store


def _rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    return sorted(store.sql(sql).rows, key=repr)


def test_spark_local_2_gives_the_local_engines_events(spark: SparkSession, tmp_path: Path) -> None:
    from dragoman.engines.spark import run_spark

    corpus = str(_corpus(tmp_path / "corpus"))
    settings = load_settings()
    summary = run_spark([corpus], str(tmp_path / "out"), settings, spark=spark)
    assert summary.duplicates == 2 and summary.failures == 1

    expected = _local([corpus], settings, tmp_path / "local.duckdb")
    got = open_store(tmp_path / "spark.duckdb")
    stats = import_path(got, "parquet", tmp_path / "out")
    assert stats.events == summary.events > 50
    with expected, got:
        assert sorted(got.events(), key=lambda e: e["event_id"]) == sorted(
            expected.events(), key=lambda e: e["event_id"]
        )
        docs = "SELECT doc_id, url, title, date, publisher, text_sha256 FROM documents"
        assert _rows(got, docs) == _rows(expected, docs)
        copies = "SELECT story_doc_id, doc_id FROM document_copies"
        assert _rows(got, copies) == _rows(expected, copies)
        assert ("brief-2020-06-16-india-china-galwan-clash", "copy-of-first-brief") in _rows(
            got, copies
        )
        fails = "SELECT doc_id, stage, reason FROM failures"
        assert _rows(got, fails) == _rows(expected, fails)


def test_events_are_partitioned_by_day_and_a_second_import_changes_nothing(
    spark: SparkSession, tmp_path: Path
) -> None:
    from dragoman.engines.spark import run_spark

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("2014-04-29-russia-cuba-talks.txt", "2019-05-02-eu-iran-sanctions.html"):
        shutil.copy(SAMPLES / name, folder / name)
    out = tmp_path / "out"
    settings = load_settings()
    first = run_spark([str(folder)], str(out), settings, spark=spark)
    again = run_spark([str(folder)], str(out), settings, spark=spark)  # overwrites
    assert first == again and first.events > 0
    days = sorted(p.name for p in (out / "events").iterdir() if p.is_dir())
    assert "day=2014-04-29" in days and all(d.startswith("day=") for d in days)
    with open_store(tmp_path / "s.duckdb") as store:
        import_path(store, "parquet", out)
        before = store.counts()
        import_path(store, "parquet", out)
        assert (
            store.counts()
            == before
            == {
                "documents": 2,
                "events": first.events,
                "failures": 0,
            }
        )
