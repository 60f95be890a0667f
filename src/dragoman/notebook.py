"""The Python API for notebooks: code a text into events, open a store as DataFrames.

::

    import dragoman

    events = dragoman.code("Lavrov met Raul Castro in Havana on Tuesday.", date="2014-04-30")
    events[0].location.name            # 'Havana'

    db = dragoman.open("dragoman.duckdb")
    db.events(source="RUS", limit=None)  # a pandas DataFrame, one row per event
    db.dyads()                          # every named query is a method

Every named query of :mod:`dragoman.store.queries` is a method of :class:`EventStore` with the
query's parameters as keyword arguments, returning a pandas DataFrame (``frame="polars"`` for a
polars DataFrame where polars is installed).
"""

from __future__ import annotations

import importlib
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from dragoman.closing import Closing
from dragoman.errors import ConfigError
from dragoman.pipeline import run_batch
from dragoman.records import Document, Event
from dragoman.settings import Settings, load_settings
from dragoman.store import QUERIES, Store, open_store

if TYPE_CHECKING:
    import pandas as pd

Frame = Literal["pandas", "polars"]


def code(
    text: str,
    date: str | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> list[Event]:
    """The events of one text (plain text, or HTML when it starts with ``<``), dated against
    ``date`` (the publication date, ``YYYY-MM-DD``)."""
    doc = Document(
        doc_id=uuid.uuid5(uuid.NAMESPACE_URL, url or text).hex[:16],
        source=url or "<text>",
        data=text.encode("utf-8"),
        media_type="html" if text.lstrip().startswith("<") else "text",
        url=url,
        date=date,
        title=title,
    )
    result = run_batch([doc], settings or load_settings())
    return list(result.events)


class EventStore(Closing):
    """A dragoman store whose named queries return DataFrames."""

    def __init__(self, store: Store, frame: Frame = "pandas") -> None:
        if frame not in ("pandas", "polars"):
            raise ConfigError(f"frame must be 'pandas' or 'polars', not {frame!r}")
        self.store = store
        self.frame = frame

    def query(self, name: str, **params: Any) -> Any:
        """The named query ``name`` as a DataFrame (all rows unless ``limit`` is given)."""
        named = QUERIES.get(name)
        if named is not None and any(p.name == "limit" for p in named.params):
            params.setdefault("limit", None)
        table = self.store.arrow(name, **params).read_all()
        if self.frame == "polars":
            try:
                polars = importlib.import_module("polars")
            except ImportError as exc:
                raise ConfigError("frame='polars' needs polars installed") from exc
            return polars.from_arrow(table)
        return table.to_pandas()

    def events(self, **params: Any) -> pd.DataFrame:
        """Events matching filters (``date_from``, ``source``, ``cameo_root``, ...)."""
        return self.query("events", **params)

    def counts_by_day(self, **params: Any) -> pd.DataFrame:
        return self.query("counts_by_day", **params)

    def dyads(self, **params: Any) -> pd.DataFrame:
        return self.query("dyads", **params)

    def top_actors(self, **params: Any) -> pd.DataFrame:
        return self.query("top_actors", **params)

    def documents(self, **params: Any) -> pd.DataFrame:
        return self.query("documents", **params)

    def failures(self, **params: Any) -> pd.DataFrame:
        return self.query("failures", **params)

    def event(self, event_id: str) -> pd.DataFrame:
        return self.query("event", event_id=event_id)

    def evidence(self, event_id: str, window: int = 300) -> pd.DataFrame:
        return self.query("evidence", event_id=event_id, window=window)

    def __getattr__(self, name: str) -> Any:
        # named queries added later (or by other modules) are methods too
        if name in QUERIES:
            return lambda **params: self.query(name, **params)
        raise AttributeError(name)

    def close(self) -> None:
        self.store.close()


def open(path: str | Path, *, read_only: bool = True, frame: Frame = "pandas") -> EventStore:
    """Open a dragoman store (read-only by default) for DataFrame queries."""
    return EventStore(open_store(path, read_only=read_only), frame)
