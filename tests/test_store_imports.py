"""``dragoman import --format parquet``: a folder in the Spark engine's layout loads into the
store with the store's upsert rules."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dragoman.cli import main
from dragoman.errors import ConfigError, InputError
from dragoman.records import Article, Failure
from dragoman.store import open_store
from dragoman.store.imports import import_path
from dragoman.store.parquet import (
    COPY_SCHEMA,
    articles_to_arrow,
    events_to_arrow,
    failures_to_arrow,
)
from test_store_parquet import make_event

NOW = datetime(2026, 1, 2, 3, 4, 5)


def _write(folder: Path, table: pa.Table, day: str = "2014-04-30") -> None:
    part = folder / f"day={day}"
    part.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, part / "part-00000.parquet")


def _output(root: Path, events: int = 2) -> Path:
    _write(root / "events", events_to_arrow([make_event(f"e{i}") for i in range(events)]))
    _write(
        root / "documents", articles_to_arrow([Article("doc-1", "a.txt", "Russia met Cuba.")], NOW)
    )
    _write(
        root / "failures", failures_to_arrow([Failure("bad", "b.html", "ingest", "binary")], NOW)
    )
    (root / "copies").mkdir()
    copies = [
        {
            "story_doc_id": "doc-1",
            "doc_id": "doc-2",
            "url": None,
            "publisher": None,
            "source": "c.txt",
        }
    ]
    pq.write_table(pa.Table.from_pylist(copies, schema=COPY_SCHEMA), root / "copies" / "p.parquet")
    return root


def test_a_spark_output_folder_loads_into_the_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        stats = import_path(store, "parquet", _output(tmp_path / "out"))
        assert (stats.documents, stats.events, stats.failures, stats.copies) == (1, 2, 1, 1)
        assert store.counts() == {"documents": 1, "events": 2, "failures": 1}
        assert [e["event_id"] for e in store.events()] == ["e0", "e1"]
        assert store.events()[0]["source"][0]["code"] == "RUS"


def test_importing_twice_replaces_a_documents_events_and_counts_failure_attempts(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        import_path(store, "parquet", _output(tmp_path / "one", events=3))
        import_path(store, "parquet", _output(tmp_path / "two", events=1))
        assert [e["event_id"] for e in store.events()] == ["e0"]  # doc-1 was coded again
        assert store.sql("SELECT attempts FROM failures").rows == [(2,)]
        assert store.sql("SELECT count(*) FROM runs").rows == [(2,)]


def test_a_folder_without_parquet_files_is_an_input_error(tmp_path: Path) -> None:
    with open_store(":memory:") as store, pytest.raises(InputError, match="no Parquet"):
        import_path(store, "parquet", tmp_path)
    with open_store(":memory:") as store, pytest.raises(ConfigError, match="unknown import"):
        import_path(store, "gdelt-v9", tmp_path)


def test_cli_import_and_its_usage_errors(tmp_path: Path) -> None:
    out = _output(tmp_path / "out")
    db = str(tmp_path / "s.duckdb")
    assert main(["import", "--format", "parquet", str(out), "--db", db]) == 0
    assert main(["import", "--format", "nope", str(out), "--db", db]) == 2
    assert main(["import", str(tmp_path / "missing"), "--db", db]) == 2
    assert main(["code", "--engine", "spark", str(out)]) == 2  # no --out
    assert main(["code", "--engine", "hadoop", str(out), "--no-store"]) == 2
