"""Arrow tables and Parquet files of events share the ``events`` table's columns."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dragoman.errors import StoreError
from dragoman.records import Actor, DocInfo, Event, Evidence, Location
from dragoman.store import EVENT_SCHEMA, open_store, row_to_event_dict, write_events_parquet
from dragoman.store.parquet import parse_date


def make_event(event_id: str, **kw: object) -> Event:
    fields: dict[str, object] = {
        "doc_id": "doc-1",
        "sentence_index": 0,
        "sentence": "Russia met Cuba.",
        "date": "2014-04-30",
        "date_precision": "day",
        "cameo": "040",
        "cameo_root": "04",
        "quad_class": 1,
        "goldstein": 1.0,
        "plover": "CONSULT",
        "plover_mode": None,
        "plover_context": (),
        "source": (Actor("Russia", "RUS", None, None, "country"),),
        "target": (Actor("Cuba", "CUB", None, None, "country"),),
        "location": Location("Havana", "CUB", 23.13, -82.38),
        "quantities": (),
        "negated": False,
        "modality": "actual",
        "confidence": 0.8,
        "evidence": Evidence(0, 15, "Russia met Cuba"),
        "doc": DocInfo(None, None, None, None),
        "coder_version": "0.1.0",
        "rule": "verb:meet",
    }
    fields.update(kw)
    return Event(event_id=event_id, **fields)  # type: ignore[arg-type]


def test_arrow_schema_matches_the_events_table_columns() -> None:
    with open_store(":memory:") as store:
        described = store.sql("DESCRIBE events").rows
    assert [r[0] for r in described] == EVENT_SCHEMA.names


def test_parquet_file_of_events_round_trips_to_contract_dicts(tmp_path: Path) -> None:
    events = [make_event("a"), make_event("b", location=None, date=None, date_precision=None)]
    path = tmp_path / "part-0.parquet"
    assert write_events_parquet(events, path) == 2
    rows = pq.read_table(path).to_pylist()
    assert [row_to_event_dict(r) for r in rows] == [e.to_dict() for e in events]
    assert rows[0]["source_code"] == "RUS" and rows[0]["rule"] == "verb:meet"


def test_parquet_file_of_events_loads_into_a_store(tmp_path: Path) -> None:
    path = tmp_path / "part-0.parquet"
    write_events_parquet([make_event("a"), make_event("b")], path)
    with open_store(tmp_path / "db.duckdb") as store:
        with store._connection() as con:
            con.execute(f"INSERT INTO events BY NAME SELECT * FROM read_parquet('{path}')")
        assert [e["event_id"] for e in store.events()] == ["a", "b"]


def test_dates_that_are_not_iso_are_stored_as_null() -> None:
    assert parse_date("2014-04-30T12:00:00Z").isoformat() == "2014-04-30"  # type: ignore[union-attr]
    assert parse_date("30 April 2014") is None
    assert parse_date(None) is None


def test_a_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.duckdb"
    path.write_bytes(b"this is not a duckdb file at all" * 200)
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(path)
