"""Arrow tables of records, and Parquet files of events.

One Arrow schema per stored table, with the same column names and nested types as
``schema.sql``: the DuckDB store bulk-inserts these tables, and a Parquet file written here can
be loaded into a store unchanged (``INSERT INTO events BY NAME SELECT * FROM read_parquet(...)``).
This is also the writer that scale-out engines use for events (one file per partition).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from dragoman.records import Actor, Article, Event, Failure

log = logging.getLogger(__name__)

ACTOR_TYPE = pa.struct(
    [
        ("text", pa.string()),
        ("code", pa.string()),
        ("sector", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
    ]
)
LOCATION_TYPE = pa.struct(
    [("name", pa.string()), ("country", pa.string()), ("lat", pa.float64()), ("lon", pa.float64())]
)
QUANTITY_TYPE = pa.struct(
    [("kind", pa.string()), ("value", pa.float64()), ("unit", pa.string()), ("text", pa.string())]
)
EVIDENCE_TYPE = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
DOC_TYPE = pa.struct(
    [
        ("url", pa.string()),
        ("title", pa.string()),
        ("publisher", pa.string()),
        ("published", pa.string()),
    ]
)

EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("doc_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("sentence", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("cameo", pa.string()),
        ("cameo_root", pa.string()),
        ("quad_class", pa.int32()),
        ("goldstein", pa.float64()),
        ("plover", pa.string()),
        ("plover_mode", pa.string()),
        ("plover_context", pa.list_(pa.string())),
        ("source", pa.list_(ACTOR_TYPE)),
        ("target", pa.list_(ACTOR_TYPE)),
        ("location", LOCATION_TYPE),
        ("quantities", pa.list_(QUANTITY_TYPE)),
        ("negated", pa.bool_()),
        ("modality", pa.string()),
        ("historical", pa.bool_()),
        ("confidence", pa.float64()),
        ("evidence", EVIDENCE_TYPE),
        ("doc", DOC_TYPE),
        ("coder_version", pa.string()),
        ("flag", pa.string()),
        ("rule", pa.string()),
        ("source_code", pa.string()),
        ("target_code", pa.string()),
        ("source_sector", pa.string()),
        ("target_sector", pa.string()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("evidence_text", pa.string()),
        ("location_admin1", pa.string()),
        ("location_feature", pa.string()),
    ]
)

DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("date", pa.date32()),
        ("author", pa.string()),
        ("publisher", pa.string()),
        ("language", pa.string()),
        ("text", pa.string()),
        ("text_sha256", pa.string()),
        ("coded_at", pa.timestamp("us")),
    ]
)

FAILURE_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source", pa.string()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("first_seen", pa.timestamp("us")),
        ("last_seen", pa.timestamp("us")),
        ("attempts", pa.int32()),
    ]
)

# The other copies of a coded story (the ``document_copies`` table without ``seen_at``).
COPY_SCHEMA = pa.schema(
    [
        ("story_doc_id", pa.string()),
        ("doc_id", pa.string()),
        ("url", pa.string()),
        ("publisher", pa.string()),
        ("source", pa.string()),
    ]
)


def parse_date(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (or an ISO timestamp starting with it) to a date; anything else to None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        log.warning("not an ISO date, stored as NULL: %r", value)
        return None


def primary_actor(actors: Sequence[Actor]) -> Actor | None:
    """The actor that the flattened ``*_code``/``*_sector`` columns describe."""
    for actor in actors:
        if actor.code:
            return actor
    return actors[0] if actors else None


def event_row(event: Event) -> dict[str, Any]:
    """One row of the ``events`` table: the contract fields, ``rule`` and flattened columns."""
    row = event.to_dict()
    row["date"] = parse_date(event.date)
    src = primary_actor(event.source)
    tgt = primary_actor(event.target)
    row["rule"] = event.rule or None
    row["source_code"] = src.code if src else None
    row["target_code"] = tgt.code if tgt else None
    row["source_sector"] = src.sector if src else None
    row["target_sector"] = tgt.sector if tgt else None
    row["evidence_start"] = event.evidence.start
    row["evidence_end"] = event.evidence.end
    row["evidence_text"] = event.evidence.text
    row["location_admin1"] = event.location.admin1 if event.location else None
    row["location_feature"] = event.location.feature if event.location else None
    return row


def events_to_arrow(events: Iterable[Event]) -> pa.Table:
    """Events as an Arrow table with :data:`EVENT_SCHEMA` (the ``events`` table's columns)."""
    return pa.Table.from_pylist([event_row(e) for e in events], schema=EVENT_SCHEMA)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def articles_to_arrow(articles: Iterable[Article], coded_at: datetime) -> pa.Table:
    """Articles as rows of the ``documents`` table (:data:`DOCUMENT_SCHEMA`)."""
    rows = [
        {
            "doc_id": a.doc_id,
            "source": a.source,
            "url": a.url,
            "title": a.title,
            "date": parse_date(a.date),
            "author": a.author,
            "publisher": a.publisher,
            "language": a.language,
            "text": a.text,
            "text_sha256": text_sha256(a.text),
            "coded_at": coded_at,
        }
        for a in articles
    ]
    return pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA)


def failures_to_arrow(failures: Iterable[Failure], seen: datetime) -> pa.Table:
    """Failures as rows of the ``failures`` table, first and last seen now, one attempt."""
    rows = [{**f.to_dict(), "first_seen": seen, "last_seen": seen, "attempts": 1} for f in failures]
    return pa.Table.from_pylist(rows, schema=FAILURE_SCHEMA)


def write_events_parquet(
    events: Iterable[Event], out: str | Path | BinaryIO, *, compression: str = "zstd"
) -> int:
    """Write events to one Parquet file (nested types kept); returns the number of rows."""
    table = events_to_arrow(events)
    pq.write_table(table, out, compression=compression)
    return int(table.num_rows)
