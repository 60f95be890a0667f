"""dragoman: political event data from the news.

Raw news (HTML, text, WARC, feeds) in; coded events (CAMEO and PLOVER) with evidence,
confidence and provenance out, stored in an embedded DuckDB database.

The public API, lazily imported so that ``import dragoman`` stays cheap::

    from dragoman import load_settings, read_inputs, run_batch, open_store

For notebooks: ``dragoman.code(text, date=...)`` returns events, ``dragoman.open(path)`` a
store whose named queries return pandas DataFrames (:mod:`dragoman.notebook`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Settings": "dragoman.settings",
    "load_settings": "dragoman.settings",
    "read_inputs": "dragoman.ingest",
    "extract": "dragoman.extract",
    "run_batch": "dragoman.pipeline",
    "code_texts": "dragoman.pipeline",
    "open_store": "dragoman.store",
    "Document": "dragoman.records",
    "Article": "dragoman.records",
    "Sentence": "dragoman.records",
    "Actor": "dragoman.records",
    "Event": "dragoman.records",
    "Failure": "dragoman.records",
    "DragomanError": "dragoman.errors",
    "code": "dragoman.notebook",
    "open": "dragoman.notebook",
}

__all__ = [
    "Actor",
    "Article",
    "Document",
    "DragomanError",
    "Event",
    "Failure",
    "Sentence",
    "Settings",
    "__version__",
    "code",
    "code_texts",
    "extract",
    "load_settings",
    "open",
    "open_store",
    "read_inputs",
    "run_batch",
]

if TYPE_CHECKING:
    from dragoman.errors import DragomanError
    from dragoman.ingest import read_inputs
    from dragoman.notebook import code, open
    from dragoman.pipeline import code_texts, run_batch
    from dragoman.records import Actor, Article, Document, Event, Failure, Sentence
    from dragoman.settings import Settings, load_settings
    from dragoman.store import open_store


# ``dragoman.extract`` is both a submodule and the stage function; bind the function now so
# that importing the submodule elsewhere cannot shadow it.
from dragoman.extract import extract  # noqa: E402


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dragoman' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
