"""The embedded DuckDB store, its named queries and the Parquet writer.

::

    with open_store("dragoman.duckdb") as store:
        store.write_batch(articles, events, failures, run_id="...")
        store.events(date_from="2014-04-01", source="RUS", limit=10)
        store.query("dyads", cameo_root="04")
"""

from __future__ import annotations

from dragoman.store.duckdb_store import QueryResult, Store, WriteStats, open_store
from dragoman.store.parquet import EVENT_SCHEMA, events_to_arrow, write_events_parquet
from dragoman.store.queries import (
    EVENT_COLUMNS,
    QUERIES,
    NamedQuery,
    Param,
    get_query,
    row_to_event_dict,
)

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_SCHEMA",
    "QUERIES",
    "NamedQuery",
    "Param",
    "QueryResult",
    "Store",
    "WriteStats",
    "events_to_arrow",
    "get_query",
    "open_store",
    "row_to_event_dict",
    "write_events_parquet",
]
