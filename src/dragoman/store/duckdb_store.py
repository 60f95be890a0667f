"""The embedded DuckDB store: documents, events, failures and runs in one file.

Writes are idempotent batch upserts (see :meth:`Store.write_batch`); reads go through the named
queries of :mod:`dragoman.store.queries` or, for power users, a read-only :meth:`Store.sql`.
DuckDB lets one process open a file for writing, or many for reading, never both: a writer
here holds the file only for each transaction, so readers in other processes get in between
(see :mod:`dragoman.store.locking`); a second writer is refused with a StoreError. Within a
process, a store may be shared by threads: reads run on their own cursors, writes are
serialised by a lock. A batch written without :meth:`Store.begin_run` records its run as
``finished``; ``dragoman code`` begins its run first, so a killed run stays ``running`` until
the next writer marks it ``interrupted``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dragoman.closing import Closing
from dragoman.dedup import StoryCopy
from dragoman.errors import StoreError
from dragoman.records import Article, Event, Failure
from dragoman.store import locking
from dragoman.store.parquet import articles_to_arrow, events_to_arrow, failures_to_arrow
from dragoman.store.queries import get_query, row_to_event_dict

log = logging.getLogger(__name__)

MEMORY = ":memory:"


@cache
def schema_sql() -> str:
    """The packaged ``schema.sql``."""
    return resources.files("dragoman.store").joinpath("schema.sql").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a query with their column names."""

    columns: list[str]
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True, slots=True)
class WriteStats:
    """What one :meth:`Store.write_batch` did."""

    run_id: str
    documents: int
    events: int
    failures: int
    events_replaced: int = 0
    failures_cleared: int = 0
    seconds: float = field(default=0.0, compare=False)


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def open_store(path: str | Path, *, read_only: bool = False, timeout: float | None = None) -> Store:
    """Open (and, unless read-only, create) the store at ``path``; ``":memory:"`` works.

    A file store opened for writing holds the writer lock (a second writer gets a StoreError
    with reason ``locked``) but opens the DuckDB file only for each transaction, so readers
    (``read_only=True``, in any number of processes) open it between two batches; see
    :mod:`dragoman.store.locking`. ``timeout`` bounds how long one open waits for the other
    side (default: 15 s for a reader, 120 s for a writer's transaction).
    """
    spec = str(path)
    if spec == MEMORY:
        if read_only:
            raise StoreError("an in-memory store cannot be opened read-only")
        con = duckdb.connect(MEMORY)
        con.execute(schema_sql())
        return Store(con, MEMORY, read_only=False)
    spec = str(Path(spec).expanduser().absolute())
    if read_only:
        if not Path(spec).is_file():
            raise StoreError(f"no store at {path}")
        reader = locking.open_for_reading(spec, timeout or locking.READ_TIMEOUT)
        return Store(reader, spec, read_only=True)
    try:
        Path(spec).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder of {path}: {exc}") from exc
    writer = locking.WriterLock(spec)
    store = Store(None, spec, read_only=False, writer=writer, timeout=timeout)
    try:
        with store._connection() as con:
            con.execute(schema_sql())
            store.interrupted_runs = _close_interrupted_runs(con)
    except duckdb.Error as exc:
        store.close()
        raise StoreError(f"cannot create the schema in {path}: {exc}") from exc
    except BaseException:
        store.close()
        raise
    return store


def _close_interrupted_runs(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """Mark the runs left ``running`` by a writer that died as ``interrupted``; their ids.

    Only a writer calls this, holding the writer lock, so no other run can be live.
    """
    rows = con.execute(
        "UPDATE runs SET status = 'interrupted' WHERE status = 'running' RETURNING run_id"
    ).fetchall()
    return tuple(sorted(str(r[0]) for r in rows))


def _dedupe_events(events: Sequence[Event]) -> list[Event]:
    by_id: dict[str, Event] = {}
    for ev in events:
        by_id[ev.event_id] = ev
    return list(by_id.values())


def _dedupe_articles(articles: Sequence[Article]) -> list[Article]:
    by_id: dict[str, Article] = {}
    for art in articles:
        by_id[art.doc_id] = art
    return list(by_id.values())


def _dedupe_failures(failures: Sequence[Failure]) -> list[Failure]:
    by_key: dict[tuple[str, str], Failure] = {}
    for fail in failures:
        by_key[(fail.doc_id, fail.stage)] = fail
    return list(by_key.values())


_UPSERT_FAILURES = """
INSERT INTO failures BY NAME SELECT * FROM _dragoman_failures
ON CONFLICT (doc_id, stage) DO UPDATE SET
    source = excluded.source,
    reason = excluded.reason,
    detail = excluded.detail,
    last_seen = excluded.last_seen,
    attempts = failures.attempts + 1
"""

_UPSERT_RUN = """
INSERT INTO runs (run_id, started, finished, counts, coder_version, status) VALUES (
    $run_id, $now, $now,
    {'documents': $documents, 'events': $events, 'failures': $failures},
    $coder_version, 'finished'
)
ON CONFLICT (run_id) DO UPDATE SET
    finished = excluded.finished,
    counts = {
        'documents': runs.counts.documents + excluded.counts.documents,
        'events': runs.counts.events + excluded.counts.events,
        'failures': runs.counts.failures + excluded.counts.failures
    },
    coder_version = coalesce(excluded.coder_version, runs.coder_version)
"""


class Store(Closing):
    """An open DuckDB store. Use as a context manager, or call :meth:`close`.

    A read-only store and an in-memory store keep one connection; a file store opened for
    writing opens the file for each call and closes it after (see :func:`open_store`).
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection | None,
        path: str,
        *,
        read_only: bool,
        writer: locking.WriterLock | None = None,
        timeout: float | None = None,
    ) -> None:
        self._con = con
        self._path = path
        self._read_only = read_only
        self._writer = writer
        self._timeout = timeout or locking.WRITE_TIMEOUT
        self._lock = threading.RLock()
        self._closed = False
        #: Runs that a killed writer left unfinished, found (and marked) when this store opened.
        self.interrupted_runs: tuple[str, ...] = ()

    # -- lifecycle ------------------------------------------------------------------------
    @property
    def path(self) -> str:
        return self._path

    @property
    def read_only(self) -> bool:
        return self._read_only

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            if self._con is not None:
                self._con.close()
            if self._writer is not None:
                self._writer.release()

    def __repr__(self) -> str:
        mode = "ro" if self._read_only else "rw"
        return f"Store({self._path!r}, {mode}{', closed' if self._closed else ''})"

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the store {self._path} is closed")

    @contextlib.contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection for one call: the kept one, or the file opened for this call only."""
        self._check_open()
        if self._con is not None:
            yield self._con
            return
        with self._lock, locking.open_for_writing(self._path, self._timeout) as con:
            yield con

    # -- runs -----------------------------------------------------------------------------
    def begin_run(self, run_id: str, coder_version: str | None = None) -> None:
        """Record the run ``run_id`` as ``running`` (a writer that dies leaves it so, and the
        next writer marks it ``interrupted``)."""
        self._write_run(run_id, "running", coder_version)

    def finish_run(self, run_id: str, status: str = "finished") -> None:
        """Record the end of the run ``run_id`` (``finished``, ``stopped`` or ``failed``)."""
        self._write_run(run_id, status, None)

    def _write_run(self, run_id: str, status: str, coder_version: str | None) -> None:
        self._check_writable()
        now = _utcnow()
        try:
            with self._connection() as con:
                con.execute(
                    "INSERT INTO runs (run_id, started, finished, counts, coder_version, status)"
                    " VALUES ($run_id, $now, NULL, {'documents': 0, 'events': 0, 'failures': 0},"
                    " $coder_version, $status)"
                    " ON CONFLICT (run_id) DO UPDATE SET status = excluded.status,"
                    " finished = CASE WHEN excluded.status = 'running' THEN runs.finished"
                    " ELSE $now END",
                    {
                        "run_id": run_id,
                        "now": now,
                        "coder_version": coder_version,
                        "status": status,
                    },
                )
        except duckdb.Error as exc:
            raise StoreError(f"cannot write to the store {self._path}: {exc}") from exc

    def stored_keys(self) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
        """Ids already dealt with: documents coded or kept as a copy, and failure
        ``(doc_id, stage)`` keys (what a resumed run skips)."""
        docs = self._run(
            "SELECT doc_id FROM documents UNION SELECT doc_id FROM document_copies", ()
        )
        fails = self._run("SELECT doc_id, stage FROM failures", ())
        return (
            frozenset(str(r[0]) for r in docs.rows),
            frozenset((str(r[0]), str(r[1])) for r in fails.rows),
        )

    def document_texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The stored clean text of each of ``doc_ids`` that is stored."""
        if not doc_ids:
            return {}
        result = self._run(
            "SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest($ids))",
            {"ids": list(doc_ids)},
        )
        return {str(r[0]): str(r[1] or "") for r in result.rows}

    def _check_writable(self) -> None:
        self._check_open()
        if self._read_only:
            raise StoreError(f"the store {self._path} is open read-only")

    # -- writes ---------------------------------------------------------------------------
    def write_batch(
        self,
        articles: Sequence[Article],
        events: Sequence[Event],
        failures: Sequence[Failure],
        run_id: str | None = None,
        copies: Mapping[str, Sequence[StoryCopy]] | None = None,
    ) -> WriteStats:
        """Upsert one batch in one transaction; idempotent.

        - ``documents``: inserted or replaced by ``doc_id``.
        - ``events``: every document of the batch (with an article or an event in it) has its
          stored events deleted first, then the batch's events are inserted, so re-coding a
          document replaces its events and a dropped event leaves no stale row.
        - ``failures``: upserted by ``(doc_id, stage)`` (``attempts`` counts them); failures of
          a document that is coded in this batch are removed, except the batch's own.
          A failure alone does not delete a document's stored events.
        - ``runs``: the batch's counts are added to the run ``run_id`` (a new id when None).
        - ``document_copies``: the other copies of each coded story (``copies``, from
          :func:`dragoman.dedup.dedup_articles`), upserted by ``(story_doc_id, doc_id)``.
        """
        self._check_writable()
        started = time.perf_counter()
        now = _utcnow()
        run = run_id or uuid.uuid4().hex
        arts = _dedupe_articles(articles)
        evs = _dedupe_events(events)
        fails = _dedupe_failures(failures)
        coded = sorted({a.doc_id for a in arts} | {e.doc_id for e in evs})
        tables: dict[str, pa.Table] = {
            "_dragoman_docs": articles_to_arrow(arts, now),
            "_dragoman_events": events_to_arrow(evs),
            "_dragoman_failures": failures_to_arrow(fails, now),
            "_dragoman_coded": pa.table({"doc_id": pa.array(coded, pa.string())}),
        }
        copy_rows = [
            (story, c.doc_id, c.url, c.publisher, c.source)
            for story, found in (copies or {}).items()
            for c in found
            if c.doc_id != story
        ]
        coder_version = evs[0].coder_version if evs else None
        with self._lock, self._connection() as con:
            try:
                for name, table in tables.items():
                    con.register(name, table)
                con.execute("BEGIN TRANSACTION")
                replaced = _count(
                    con.execute(
                        "DELETE FROM events WHERE doc_id IN (SELECT doc_id FROM _dragoman_coded)"
                        " OR event_id IN (SELECT event_id FROM _dragoman_events)"
                    )
                )
                if arts:
                    con.execute(
                        "INSERT OR REPLACE INTO documents BY NAME SELECT * FROM _dragoman_docs"
                    )
                if evs:
                    con.execute("INSERT INTO events BY NAME SELECT * FROM _dragoman_events")
                cleared = _count(
                    con.execute(
                        "DELETE FROM failures AS f"
                        " WHERE f.doc_id IN (SELECT doc_id FROM _dragoman_coded)"
                        " AND NOT EXISTS (SELECT 1 FROM _dragoman_failures AS n"
                        " WHERE n.doc_id = f.doc_id AND n.stage = f.stage)"
                    )
                )
                if fails:
                    con.execute(_UPSERT_FAILURES)
                if copy_rows:
                    con.executemany(
                        "INSERT OR REPLACE INTO document_copies VALUES (?, ?, ?, ?, ?, ?)",
                        [(*row, now) for row in copy_rows],
                    )
                con.execute(
                    _UPSERT_RUN,
                    {
                        "run_id": run,
                        "now": now,
                        "documents": len(arts),
                        "events": len(evs),
                        "failures": len(fails),
                        "coder_version": coder_version,
                    },
                )
                con.execute("COMMIT")
            except duckdb.Error as exc:
                _rollback(con)
                raise StoreError(f"cannot write to the store {self._path}: {exc}") from exc
            finally:
                for name in tables:
                    con.unregister(name)
        stats = WriteStats(
            run_id=run,
            documents=len(arts),
            events=len(evs),
            failures=len(fails),
            events_replaced=replaced,
            failures_cleared=cleared,
            seconds=time.perf_counter() - started,
        )
        log.debug("wrote batch %s", stats)
        return stats

    # Tables that :meth:`upsert_arrow` may write (loaders of other data sets).
    UPSERT_TABLES = frozenset({"gdelt_events"})

    def upsert_arrow(self, table: str, data: pa.Table) -> None:
        """Insert or replace (by primary key) Arrow rows into one of :data:`UPSERT_TABLES`."""
        self._check_open()
        if self._read_only:
            raise StoreError(f"the store {self._path} is open read-only")
        if table not in self.UPSERT_TABLES:
            raise StoreError(f"cannot load rows into {table!r}")
        try:
            with self._connection() as con:
                con.register("_dragoman_upsert", data)
                try:
                    con.execute(
                        f"INSERT OR REPLACE INTO {table} BY NAME SELECT * FROM _dragoman_upsert"
                    )
                finally:
                    con.unregister("_dragoman_upsert")
        except duckdb.Error as exc:
            raise StoreError(f"cannot write to the store {self._path}: {exc}") from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection inside one write transaction, committed when the block ends and
        rolled back on any error: for bulk loads (:mod:`dragoman.store.imports`)."""
        self._check_open()
        if self._read_only:
            raise StoreError(f"the store {self._path} is open read-only")
        with self._connection() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except duckdb.Error as exc:
                _rollback(con)
                raise StoreError(f"cannot write to the store {self._path}: {exc}") from exc
            except BaseException:
                _rollback(con)
                raise

    # -- reads ----------------------------------------------------------------------------
    def query(self, name: str, **params: Any) -> QueryResult:
        """Run the named query ``name`` (see :data:`dragoman.store.queries.QUERIES`)."""
        named = get_query(name)
        result = self._run(named.sql, named.bind(params))
        if named.name == "runs":
            result = self._runs_seen_now(result)
        return result

    def _runs_seen_now(self, result: QueryResult) -> QueryResult:
        """A run stored as ``running`` whose writer is gone was killed: show it so."""
        if self._path == MEMORY or locking.writer_alive(self._path):
            return result
        at = result.columns.index("status")
        rows = [
            (*row[:at], "interrupted", *row[at + 1 :]) if row[at] == "running" else row
            for row in result.rows
        ]
        return QueryResult(result.columns, rows)

    def iter_query(
        self, name: str, *, batch_size: int = 10_000, **params: Any
    ) -> Iterator[QueryResult]:
        """Run a named query and yield its rows in chunks of ``batch_size`` (for exports).

        Parameters are checked at once; the query runs when iteration starts.
        """
        named = get_query(name)
        bound = named.bind(params)
        self._check_open()
        return self._iter_chunks(name, named.sql, bound, batch_size)

    def _iter_chunks(
        self, name: str, sql: str, bound: Mapping[str, Any], batch_size: int
    ) -> Iterator[QueryResult]:
        with self._connection() as con:
            cur = con.cursor()
            try:
                cur.execute(sql, bound)
                columns = [d[0] for d in cur.description or []]
                while chunk := cur.fetchmany(batch_size):
                    yield QueryResult(columns, chunk)
            except duckdb.Error as exc:
                raise StoreError(f"query {name!r} failed: {exc}") from exc
            finally:
                cur.close()

    def arrow(self, name: str, *, batch_size: int = 65_536, **params: Any) -> pa.RecordBatchReader:
        """A named query's result as a stream of Arrow record batches (nested types kept)."""
        named = get_query(name)
        bound = named.bind(params)
        self._check_open()
        held = contextlib.ExitStack()
        cur = held.enter_context(self._connection()).cursor()
        held.callback(cur.close)
        try:
            relation = cur.sql(named.sql, params=bound)
            # duckdb 2 names it to_arrow_reader; duckdb 1.x fetch_arrow_reader
            make_reader = getattr(relation, "to_arrow_reader", None) or getattr(
                relation, "fetch_arrow_reader", None
            )
            if make_reader is None:
                raise StoreError(f"duckdb {duckdb.__version__} cannot stream Arrow batches")
            reader = make_reader(batch_size)
        except duckdb.Error as exc:
            held.close()
            raise StoreError(f"query {name!r} failed: {exc}") from exc
        except StoreError:
            held.close()
            raise

        def batches() -> Iterator[pa.RecordBatch]:
            try:
                yield from reader
            finally:
                held.close()

        return pa.RecordBatchReader.from_batches(reader.schema, batches())

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        """Events matching the ``events`` query's filters, as contract dicts.

        Unlike the named query (which pages by 100 for the API), the default here is no limit.
        """
        filters.setdefault("limit", None)
        result = self.query("events", **filters)
        return [row_to_event_dict(row, result.columns) for row in result.rows]

    def iter_events(self, *, batch_size: int = 10_000, **filters: Any) -> Iterator[dict[str, Any]]:
        """Like :meth:`events` but streamed, for exports of any size."""
        filters.setdefault("limit", None)
        chunks = self.iter_query("events", batch_size=batch_size, **filters)
        return (row_to_event_dict(row, c.columns) for c in chunks for row in c.rows)

    def sql(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> QueryResult:
        """Run one ad hoc read-only ``SELECT`` (or ``WITH``, ``FROM``, ``DESCRIBE``, ``SUMMARIZE``).

        Anything else (several statements, DDL, DML, PRAGMA, COPY, ATTACH ...) raises
        StoreError, and the statement runs in a transaction that is always rolled back.
        """
        self._check_open()
        try:
            with self._connection() as con:
                statements = con.extract_statements(sql)
        except duckdb.Error as exc:
            raise StoreError(f"invalid SQL: {exc}") from exc
        if len(statements) != 1:
            raise StoreError(f"expected exactly one SELECT statement, got {len(statements)}")
        kind = statements[0].type
        if kind != duckdb.StatementType.SELECT:
            raise StoreError(f"only SELECT statements are allowed, not {kind.name}")
        return self._run(sql, params, read_only_txn=True)

    def counts(self) -> dict[str, int]:
        """Number of rows in ``documents``, ``events`` and ``failures``."""
        result = self._run(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),"
            " (SELECT count(*) FROM failures)",
            (),
        )
        docs, events, failures = result.rows[0]
        return {"documents": int(docs), "events": int(events), "failures": int(failures)}

    def _run(
        self,
        sql: str,
        params: Sequence[Any] | Mapping[str, Any],
        *,
        read_only_txn: bool = False,
    ) -> QueryResult:
        with self._connection() as con:
            cur = con.cursor()
            try:
                if read_only_txn:
                    cur.execute("BEGIN TRANSACTION")
                cur.execute(sql, params)
                columns = [d[0] for d in cur.description or []]
                rows = cur.fetchall()
                return QueryResult(columns, rows)
            except duckdb.Error as exc:
                raise StoreError(f"query failed: {exc}") from exc
            finally:
                if read_only_txn:
                    _rollback(cur)
                cur.close()


def _count(cur: duckdb.DuckDBPyConnection) -> int:
    row = cur.fetchone()
    return int(row[0]) if row else 0


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")
