"""dragoman: political event data from the news.

Raw news (HTML, text, WARC, feeds) in; coded events (CAMEO and PLOVER) with evidence,
confidence and provenance out, stored in an embedded DuckDB database.

The public API, imported lazily so that ``import dragoman`` stays cheap (no spaCy,
trafilatura or DuckDB until a name that needs them is used)::

    from dragoman import load_settings, run, open_store

    settings = load_settings()
    with open_store("news.duckdb") as store:
        report = run(["news/"], settings, store=store)

For notebooks: ``dragoman.code(text, date=...)`` returns events, ``dragoman.open(path)`` a
store whose named queries return pandas DataFrames (:mod:`dragoman.notebook`).
"""

import importlib as _importlib
import sys as _sys
import types as _types
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

__version__ = "0.1.0"

#: Each public name and the module that defines it.
_EXPORTS: dict[str, str] = {
    "Settings": "dragoman.settings",
    "load_settings": "dragoman.settings",
    "read_inputs": "dragoman.ingest",
    "extract": "dragoman.extract",
    "run": "dragoman.pipeline",
    "RunReport": "dragoman.pipeline",
    "run_batch": "dragoman.pipeline",
    "code_texts": "dragoman.pipeline",
    "open_store": "dragoman.store",
    "Document": "dragoman.records",
    "Article": "dragoman.records",
    "Sentence": "dragoman.records",
    "Actor": "dragoman.records",
    "Event": "dragoman.records",
    "Failure": "dragoman.records",
    "FailureReason": "dragoman.errors",
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
    "FailureReason",
    "RunReport",
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
    "run",
    "run_batch",
]

if _TYPE_CHECKING:
    from dragoman.errors import DragomanError, FailureReason
    from dragoman.extract import extract
    from dragoman.ingest import read_inputs
    from dragoman.notebook import code, open
    from dragoman.pipeline import RunReport, code_texts, run, run_batch
    from dragoman.records import Actor, Article, Document, Event, Failure, Sentence
    from dragoman.settings import Settings, load_settings
    from dragoman.store import open_store


class _Package(_types.ModuleType):
    """``dragoman.extract`` is both a subpackage and the extract stage: the function wins.

    Importing a submodule binds it on its parent package; a public name is bound instead,
    whenever and however its module is first imported.
    """

    def __setattr__(self, name: str, value: _Any) -> None:
        if name in _EXPORTS and isinstance(value, _types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> _Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dragoman' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
