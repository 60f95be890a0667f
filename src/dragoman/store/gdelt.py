"""GDELT 2.0 event files into the store (``dragoman import --format gdelt FILE...``).

A GDELT 2.0 event file is tab-separated, 61 columns, no header (``*.export.CSV``, also zipped
or gzipped as GDELT distributes them). Rows go to the ``gdelt_events`` table under GDELT's own
column names, keyed by ``GLOBALEVENTID`` (a rerun replaces, never duplicates). A row that does
not have 61 fields or whose numbers do not parse is skipped and counted; a file that cannot be
read becomes a recorded failure (stage ``import``) and the other files carry on.
:func:`read_gdelt` reads such a file into a pandas DataFrame with GDELT's column names.
"""

from __future__ import annotations

import csv
import gzip
import io
import logging
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dragoman.errors import FailureReason, InputError
from dragoman.export import GDELT_COLUMNS
from dragoman.records import Failure

if TYPE_CHECKING:
    import pandas as pd

    from dragoman.store import Store

log = logging.getLogger(__name__)

_INTEGERS = frozenset(
    """SQLDATE MonthYear Year IsRootEvent QuadClass NumMentions NumSources NumArticles
    Actor1Geo_Type Actor2Geo_Type ActionGeo_Type""".split()
)
_BIG = frozenset({"GLOBALEVENTID", "DATEADDED"})
_FLOATS = frozenset(
    """FractionDate GoldsteinScale AvgTone Actor1Geo_Lat Actor1Geo_Long Actor2Geo_Lat
    Actor2Geo_Long ActionGeo_Lat ActionGeo_Long""".split()
)


def _arrow_type(name: str) -> pa.DataType:
    if name in _BIG:
        return pa.int64()
    if name in _INTEGERS:
        return pa.int32()
    if name in _FLOATS:
        return pa.float64()
    return pa.string()


GDELT_SCHEMA = pa.schema(
    [(c, _arrow_type(c)) for c in GDELT_COLUMNS]
    + [("source_file", pa.string()), ("imported_at", pa.timestamp("us"))]
)


@dataclass(slots=True)
class ImportStats:
    files: int = 0
    rows: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)


def _lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                with zf.open(name) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        return
    opener: Any = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
        yield from fh


def _value(name: str, text: str) -> Any:
    if text == "":
        return None
    if name in _BIG or name in _INTEGERS:
        return int(text)
    if name in _FLOATS:
        return float(text)
    return text


def parse_rows(lines: Iterator[str]) -> Iterator[dict[str, Any] | None]:
    """GDELT rows as dicts (None for a malformed row). A header line, if any, is skipped."""
    for fields in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if not fields or fields == list(GDELT_COLUMNS):
            continue
        if len(fields) != len(GDELT_COLUMNS):
            yield None
            continue
        try:
            yield {c: _value(c, v) for c, v in zip(GDELT_COLUMNS, fields, strict=True)}
        except ValueError:
            yield None


def import_gdelt(
    store: Store, paths: Sequence[str | Path], batch_size: int = 50_000
) -> ImportStats:
    """Load GDELT 2.0 event files into ``gdelt_events``; returns counts and failures."""
    stats = ImportStats()
    now = datetime.now(UTC).replace(tzinfo=None)
    for raw in paths:
        path = Path(raw)
        stats.files += 1
        batch: list[dict[str, Any]] = []
        skipped = 0
        try:
            if not path.is_file():
                raise InputError(f"no such file: {path}")
            for row in parse_rows(_lines(path)):
                if row is None:
                    skipped += 1
                    continue
                batch.append({**row, "source_file": str(path), "imported_at": now})
                if len(batch) >= batch_size:
                    stats.rows += _write(store, batch)
                    batch = []
            stats.rows += _write(store, batch)
        except (OSError, InputError, zipfile.BadZipFile, UnicodeError) as exc:
            stats.failures.append(
                Failure(
                    str(path), str(path), "import", FailureReason.UNREADABLE_GDELT_FILE, str(exc)
                )
            )
            continue
        if skipped:
            stats.skipped += skipped
            stats.failures.append(
                Failure(
                    str(path),
                    str(path),
                    "import",
                    FailureReason.MALFORMED_GDELT_ROWS,
                    f"{skipped} rows without 61 tab-separated fields or with bad numbers skipped",
                )
            )
    if stats.failures:
        store.write_batch([], [], stats.failures)
    log.info("imported %d GDELT rows from %d files", stats.rows, stats.files)
    return stats


def _write(store: Store, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    store.upsert_arrow("gdelt_events", pa.Table.from_pylist(rows, schema=GDELT_SCHEMA))
    return len(rows)


def read_gdelt(path: str | Path) -> pd.DataFrame:
    """A GDELT 2.0 event file (ours or GDELT's) as a pandas DataFrame with GDELT's names."""
    import pandas as pd

    rows = [r for r in parse_rows(_lines(Path(path))) if r is not None]
    frame = pd.DataFrame.from_records(rows, columns=list(GDELT_COLUMNS))
    return frame
