"""Loading event data made elsewhere into the store: ``dragoman import --format FORMAT PATH``.

``parquet``: the output folder of ``dragoman code --engine spark --out DIR`` (``events/``,
``documents/``, ``failures/``, ``copies/``, each a folder of Parquet files, the first three
partitioned by ``day``). DuckDB reads the files directly, in one transaction, with the same
upsert rules as :meth:`dragoman.store.Store.write_batch`: a document's stored events are
replaced by the imported ones, documents are replaced by id, failures upserted by
``(doc_id, stage)`` (``attempts`` counts them), and the run's counts are recorded. Importing
the same folder twice leaves the store as after the first import.

Each format is a function ``(store, path, run_id) -> ImportStats`` in :data:`IMPORTERS`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dragoman.errors import ConfigError, InputError
from dragoman.store.duckdb_store import _UPSERT_FAILURES, _UPSERT_RUN, Store, _utcnow
from dragoman.store.parquet import COPY_SCHEMA, DOCUMENT_SCHEMA, EVENT_SCHEMA, FAILURE_SCHEMA

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportStats:
    """What one import wrote."""

    source: str
    format: str
    run_id: str
    documents: int
    events: int
    failures: int
    copies: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "run_id": self.run_id,
            "documents": self.documents,
            "events": self.events,
            "failures": self.failures,
            "copies": self.copies,
        }


def _files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*.parquet") if not p.name.startswith((".", "_")))


def _reader(files: list[str], columns: tuple[str, ...], key: str) -> str:
    """SQL reading the named columns of ``files``, one row per ``key`` (the last one wins)."""
    listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    cols = ", ".join(f'"{c}"' for c in columns)
    return (
        f"SELECT {cols} FROM read_parquet([{listed}], hive_partitioning = false, "
        f"union_by_name = true) QUALIFY row_number() OVER (PARTITION BY {key}) = 1"
    )


def import_parquet(store: Store, path: Path, run_id: str) -> ImportStats:
    """Load a Spark engine output folder (see the module docstring)."""
    if not path.is_dir():
        raise InputError(f"no such folder: {path}", reason="not-found")
    parts = {name: _files(path / name) for name in ("events", "documents", "failures", "copies")}
    if not any(parts.values()):
        raise InputError(
            f"{path} holds no Parquet files under events/, documents/, failures/ or copies/",
            reason="empty",
        )
    now = _utcnow()
    plan = {
        "_dragoman_events": (EVENT_SCHEMA, "events", "event_id"),
        "_dragoman_docs": (DOCUMENT_SCHEMA, "documents", "doc_id"),
        "_dragoman_failures": (FAILURE_SCHEMA, "failures", "doc_id, stage"),
        "_dragoman_copies": (COPY_SCHEMA, "copies", "story_doc_id, doc_id"),
    }
    views: dict[str, str | None] = {
        name: _reader(parts[folder], tuple(schema.names), key) if parts[folder] else None
        for name, (schema, folder, key) in plan.items()
    }
    with store.transaction() as con:
        for name, sql in views.items():
            if sql is None:  # nothing of this kind: an empty table of the right columns
                con.register("_dragoman_empty", plan[name][0].empty_table())
                sql = "SELECT * FROM _dragoman_empty"
            con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
            con.unregister("_dragoman_empty")
        counts = {
            name: int(con.execute(f"SELECT count(*) FROM {name}").fetchone()[0])  # type: ignore[index]
            for name in views
        }
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _dragoman_coded AS"
            " SELECT doc_id FROM _dragoman_docs UNION SELECT doc_id FROM _dragoman_events"
        )
        con.execute(
            "DELETE FROM events WHERE doc_id IN (SELECT doc_id FROM _dragoman_coded)"
            " OR event_id IN (SELECT event_id FROM _dragoman_events)"
        )
        if views["_dragoman_docs"]:
            con.execute("INSERT OR REPLACE INTO documents BY NAME SELECT * FROM _dragoman_docs")
        if views["_dragoman_events"]:
            con.execute("INSERT INTO events BY NAME SELECT * FROM _dragoman_events")
        con.execute(
            "DELETE FROM failures AS f WHERE f.doc_id IN (SELECT doc_id FROM _dragoman_coded)"
            " AND NOT EXISTS (SELECT 1 FROM _dragoman_failures AS n"
            " WHERE n.doc_id = f.doc_id AND n.stage = f.stage)"
        )
        if views["_dragoman_failures"]:
            con.execute(_UPSERT_FAILURES)
        if views["_dragoman_copies"]:
            con.execute(
                "INSERT OR REPLACE INTO document_copies"
                " SELECT story_doc_id, doc_id, url, publisher, source, $now"
                " FROM _dragoman_copies WHERE doc_id <> story_doc_id",
                {"now": now},
            )
        version = con.execute("SELECT any_value(coder_version) FROM _dragoman_events").fetchone()
        con.execute(
            _UPSERT_RUN,
            {
                "run_id": run_id,
                "now": now,
                "documents": counts["_dragoman_docs"],
                "events": counts["_dragoman_events"],
                "failures": counts["_dragoman_failures"],
                "coder_version": version[0] if version else None,
            },
        )
        for name in (*views, "_dragoman_coded"):
            con.execute(f"DROP TABLE IF EXISTS {name}")
    stats = ImportStats(
        source=str(path),
        format="parquet",
        run_id=run_id,
        documents=counts["_dragoman_docs"],
        events=counts["_dragoman_events"],
        failures=counts["_dragoman_failures"],
        copies=counts["_dragoman_copies"],
    )
    log.info("imported %s", stats)
    return stats


Importer = Callable[[Store, Path, str], ImportStats]
IMPORTERS: dict[str, Importer] = {"parquet": import_parquet}


def import_path(store: Store, fmt: str, path: str | Path, run_id: str | None = None) -> ImportStats:
    """Import ``path`` in format ``fmt`` (a key of :data:`IMPORTERS`) into ``store``."""
    importer = IMPORTERS.get(fmt)
    if importer is None:
        raise ConfigError(f"unknown import format {fmt!r} (one of: {', '.join(IMPORTERS)})")
    return importer(store, Path(path), run_id or uuid.uuid4().hex[:12])


__all__ = ["IMPORTERS", "ImportStats", "import_parquet", "import_path"]
