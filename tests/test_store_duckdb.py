"""The DuckDB store: schema, idempotent upserts, replace-on-recode, failures, runs, locking."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dragoman.errors import StoreError
from dragoman.records import (
    Actor,
    Article,
    DocInfo,
    Event,
    Evidence,
    Failure,
    Location,
    Quantity,
)
from dragoman.store import open_store, row_to_event_dict


def make_article(doc_id: str = "doc-1", text: str | None = None, **kw: Any) -> Article:
    body = text or "Russian Foreign Minister Sergei Lavrov met with Cuban authorities in Havana."
    fields: dict[str, Any] = {
        "source": f"samples/{doc_id}.html",
        "url": f"https://news.example/{doc_id}",
        "title": "Russia and Cuba in talks",
        "date": "2014-04-30",
        "publisher": "The Example Times",
        "language": "en",
    }
    fields.update(kw)
    return Article(doc_id=doc_id, text=body, **fields)


def make_event(event_id: str = "ev-1", doc_id: str = "doc-1", **kw: Any) -> Event:
    fields: dict[str, Any] = {
        "sentence_index": 0,
        "sentence": "Russian Foreign Minister Sergei Lavrov met with Cuban authorities in Havana.",
        "date": "2014-04-30",
        "date_precision": "day",
        "cameo": "040",
        "cameo_root": "04",
        "quad_class": 1,
        "goldstein": 1.0,
        "plover": "CONSULT",
        "plover_mode": "visit",
        "plover_context": ("diplomatic",),
        "source": (
            Actor(
                "Russian Foreign Minister Sergei Lavrov", "RUS", "GOV", "Sergei Lavrov", "person"
            ),
        ),
        "target": (Actor("Cuban authorities", "CUB", "GOV", None, "group"),),
        "location": Location("Havana", "CUB", 23.13, -82.38),
        "quantities": (),
        "negated": False,
        "modality": "actual",
        "confidence": 0.9,
        "evidence": Evidence(
            0, 65, "Russian Foreign Minister Sergei Lavrov met with Cuban authorities"
        ),
        "doc": DocInfo(
            f"https://news.example/{doc_id}", "Russia and Cuba in talks", "Times", "2014-04-30"
        ),
        "coder_version": "0.1.0",
        "rule": "verb:meet",
    }
    fields.update(kw)
    return Event(event_id=event_id, doc_id=doc_id, **fields)


def snapshot(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the store, without the columns that record when things happened."""
    return {
        "documents": store.sql("SELECT * EXCLUDE (coded_at) FROM documents ORDER BY doc_id").rows,
        "events": store.sql("SELECT * FROM events ORDER BY event_id").rows,
        "failures": store.sql(
            "SELECT doc_id, source, stage, reason, detail FROM failures ORDER BY ALL"
        ).rows,
    }


def test_open_store_creates_file_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dragoman.duckdb"
    with open_store(path) as store:
        tables = {r[0] for r in store.sql("SELECT table_name FROM information_schema.tables").rows}
        assert {"documents", "events", "failures", "runs"} <= tables
        assert store.counts() == {"documents": 0, "events": 0, "failures": 0}
    assert path.exists()
    with open_store(path) as again:  # reopening runs the idempotent schema again
        assert again.counts()["events"] == 0


def test_events_table_has_contract_and_convenience_columns() -> None:
    with open_store(":memory:") as store:
        cols = [r[0] for r in store.sql("DESCRIBE events").rows]
    contract = list(make_event().to_dict())
    assert cols[: len(contract)] == contract
    for extra in (
        "rule",
        "source_code",
        "target_code",
        "source_sector",
        "target_sector",
        "evidence_start",
        "evidence_end",
        "evidence_text",
    ):
        assert extra in cols


def test_stored_event_reads_back_as_the_same_contract_dict() -> None:
    events = [
        make_event(),
        make_event(
            "ev-2",
            date=None,
            date_precision=None,
            plover=None,
            plover_mode=None,
            plover_context=(),
            source=(
                Actor("protesters", None, "CVL", None, "group"),
                Actor("NATO", "NATO", None, "NATO", "org"),
            ),
            target=(),
            location=None,
            quantities=(
                Quantity("dead", 3.0, None, "three people"),
                Quantity("money", 2.5e6, "USD", "$2.5m"),
            ),
            negated=True,
            modality="reported",
            confidence=0.3333333333333333,
        ),
    ]
    with open_store(":memory:") as store:
        store.write_batch([make_article()], events, [])
        got = {e["event_id"]: e for e in store.events()}
        row = store.query("event", event_id="ev-2")
    assert got["ev-1"] == events[0].to_dict()
    assert got["ev-2"] == events[1].to_dict()
    assert list(got["ev-2"]) == list(events[1].to_dict())  # same key order: same JSON line
    assert row_to_event_dict(row.rows[0], row.columns) == events[1].to_dict()


def test_flattened_columns_describe_the_primary_actors() -> None:
    ev = make_event(
        source=(
            Actor("gunmen", None, "REB", None, "group"),
            Actor("Syria", "SYR", "MIL", None, "country"),
        ),
    )
    with open_store(":memory:") as store:
        store.write_batch([make_article()], [ev], [])
        row = store.sql(
            "SELECT source_code, source_sector, target_code, evidence_start, evidence_end, rule"
            " FROM events"
        ).rows[0]
    assert row == ("SYR", "MIL", "CUB", 0, 65, "verb:meet")


def test_coding_the_same_input_twice_leaves_the_same_rows(tmp_path: Path) -> None:
    articles = [make_article("doc-1"), make_article("doc-2")]
    events = [
        make_event("ev-1", "doc-1"),
        make_event("ev-2", "doc-1", sentence_index=1),
        make_event("ev-3", "doc-2"),
    ]
    failures = [Failure("doc-3", "samples/doc-3.html", "extract", "no-main-text", "empty body")]
    with open_store(tmp_path / "db.duckdb") as store:
        store.write_batch(articles, events, failures, run_id="run-1")
        first = snapshot(store)
        stats = store.write_batch(articles, events, failures, run_id="run-2")
        second = snapshot(store)
    assert first == second
    assert stats.events == 3 and stats.events_replaced == 3
    assert len(second["events"]) == 3 and len(second["documents"]) == 2


def test_recoding_a_document_replaces_its_events() -> None:
    with open_store(":memory:") as store:
        store.write_batch(
            [make_article("doc-1"), make_article("doc-2")],
            [make_event("ev-1", "doc-1"), make_event("ev-2", "doc-1"), make_event("ev-9", "doc-2")],
            [],
        )
        # the coder changed: doc-1 now yields ev-1 (recoded differently) and ev-3, not ev-2
        store.write_batch(
            [make_article("doc-1")],
            [
                make_event("ev-1", "doc-1", cameo="043", cameo_root="04"),
                make_event("ev-3", "doc-1"),
            ],
            [],
        )
        ids = sorted(e["event_id"] for e in store.events())
        cameo = store.query("event", event_id="ev-1").dicts()[0]["cameo"]
    assert ids == ["ev-1", "ev-3", "ev-9"]
    assert cameo == "043"


def test_recoding_a_document_that_now_yields_no_events_removes_them() -> None:
    with open_store(":memory:") as store:
        store.write_batch([make_article()], [make_event("ev-1"), make_event("ev-2")], [])
        stats = store.write_batch([make_article()], [], [])
        assert store.counts() == {"documents": 1, "events": 0, "failures": 0}
    assert stats.events_replaced == 2


def test_failure_row_is_removed_when_the_document_later_succeeds() -> None:
    fail = Failure("doc-1", "samples/doc-1.html", "extract", "no-main-text", "")
    other = Failure("doc-2", "samples/doc-2.html", "ingest", "empty", "")
    with open_store(":memory:") as store:
        store.write_batch([], [], [fail, other])
        assert store.counts()["failures"] == 2
        stats = store.write_batch([make_article("doc-1")], [make_event("ev-1", "doc-1")], [])
        remaining = store.query("failures").dicts()
    assert stats.failures_cleared == 1
    assert [(f["doc_id"], f["stage"]) for f in remaining] == [("doc-2", "ingest")]


def test_failure_in_a_later_stage_replaces_older_stage_failures() -> None:
    with open_store(":memory:") as store:
        store.write_batch([], [], [Failure("doc-1", "s", "extract", "no-main-text")])
        store.write_batch([make_article("doc-1")], [], [Failure("doc-1", "s", "events", "model")])
        rows = store.query("failures").dicts()
    assert [(r["stage"], r["reason"], r["attempts"]) for r in rows] == [("events", "model", 1)]


def test_repeated_failure_counts_attempts_and_keeps_first_seen() -> None:
    fail = Failure("doc-1", "samples/doc-1.html", "fetch", "fetch", "timeout")
    with open_store(":memory:") as store:
        store.write_batch([], [], [fail])
        first = store.query("failures").dicts()[0]
        store.write_batch([], [], [replace(fail, detail="refused")])
        second = store.query("failures").dicts()[0]
    assert second["attempts"] == 2
    assert second["detail"] == "refused"
    assert second["first_seen"] == first["first_seen"]
    assert second["last_seen"] >= first["last_seen"]


def test_a_failure_alone_keeps_the_documents_stored_events() -> None:
    with open_store(":memory:") as store:
        store.write_batch([make_article()], [make_event()], [])
        store.write_batch([], [], [Failure("doc-1", "s", "fetch", "fetch", "timeout")])
        assert store.counts() == {"documents": 1, "events": 1, "failures": 1}


def test_duplicate_ids_in_one_batch_keep_the_last_record() -> None:
    with open_store(":memory:") as store:
        stats = store.write_batch(
            [make_article(title="old"), make_article(title="new")],
            [make_event(goldstein=1.0), make_event(goldstein=2.0)],
            [Failure("doc-9", "s", "ingest", "empty"), Failure("doc-9", "s", "ingest", "binary")],
        )
        title = store.sql("SELECT title FROM documents").rows
        goldstein = store.sql("SELECT goldstein FROM events").rows
        reason = store.sql("SELECT reason, attempts FROM failures").rows
    assert (stats.documents, stats.events, stats.failures) == (1, 1, 1)
    assert title == [("new",)] and goldstein == [(2.0,)] and reason == [("binary", 1)]


def test_runs_accumulate_counts_across_batches() -> None:
    with open_store(":memory:") as store:
        store.write_batch([make_article("doc-1")], [make_event("ev-1", "doc-1")], [], run_id="r1")
        store.write_batch(
            [make_article("doc-2")],
            [make_event("ev-2", "doc-2")],
            [Failure("doc-3", "s", "ingest", "empty")],
            run_id="r1",
        )
        auto = store.write_batch([], [], [])
        runs = store.sql(
            "SELECT run_id, counts, coder_version, started <= finished FROM runs"
            " ORDER BY started, run_id"
        ).rows
    assert ("r1", {"documents": 2, "events": 2, "failures": 1}, "0.1.0", True) in runs
    assert auto.run_id in {r[0] for r in runs} and len(runs) == 2


def test_document_row_keeps_text_hash_and_parsed_date() -> None:
    with open_store(":memory:") as store:
        store.write_batch(
            [make_article(text="Short text.", date="2014-04-30T10:00:00+03:00")], [], []
        )
        row = store.query("documents").dicts()[0]
    assert row["date"].isoformat() == "2014-04-30"
    assert row["chars"] == len("Short text.")
    assert len(row["text_sha256"]) == 64


def test_ten_thousand_events_in_one_batch_are_all_stored() -> None:
    articles = [make_article(f"doc-{i}") for i in range(1000)]
    events = [
        make_event(f"ev-{i}", f"doc-{i % 1000}", sentence_index=i // 1000) for i in range(10_000)
    ]
    with open_store(":memory:") as store:
        store.write_batch(articles, events, [])
        assert store.counts()["events"] == 10_000


def test_read_only_store_reads_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with open_store(path) as store:
        store.write_batch([make_article()], [make_event()], [])
    with open_store(path, read_only=True) as ro:
        assert ro.counts()["events"] == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.write_batch([], [], [])


def test_read_only_open_of_a_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_closed_store_raises_store_error() -> None:
    store = open_store(":memory:")
    store.close()
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_file_locked_by_another_process_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    open_store(path).close()
    holder = textwrap.dedent(
        f"""
        import sys, duckdb
        con = duckdb.connect({str(path)!r})
        print("ready", flush=True)
        sys.stdin.read()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="stayed busy") as info:
            open_store(path, timeout=0.5)
        assert info.value.reason == "locked"
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
        assert proc.stdout is not None
        proc.stdout.close()
