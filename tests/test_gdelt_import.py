"""GDELT in: files written by the GDELT export load back, pandas reads them with GDELT's column
names, bad rows and files are recorded failures, and the store compares both sides."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dragoman.export import GDELT_COLUMNS, POLECAT_COLUMNS, export_events, gdelt_event_id
from dragoman.records import Article
from dragoman.store import Store, open_store
from dragoman.store.gdelt import import_gdelt, read_gdelt
from test_export_formats import EVENTS


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store(":memory:") as s:
        s.write_batch(
            [Article("doc-1", "a.html", "text", url="https://news.example/ru-cu")], EVENTS, []
        )
        yield s


def test_a_gdelt_export_loads_back_and_reads_in_pandas(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.export.CSV"
    assert export_events(store, "gdelt", path) == 3
    stats = import_gdelt(store, [path])
    assert (stats.rows, stats.skipped, stats.failures) == (3, 0, [])
    rows = store.sql("SELECT GLOBALEVENTID, EventCode, QuadClass FROM gdelt_events").dicts()
    assert {r["GLOBALEVENTID"] for r in rows} == {gdelt_event_id(e.event_id) for e in EVENTS}
    assert {r["EventCode"]: r["QuadClass"] for r in rows}["145"] == 3
    # a rerun replaces, never duplicates
    import_gdelt(store, [path])
    assert store.sql("SELECT count(*) AS n FROM gdelt_events").rows[0][0] == 3
    frame = read_gdelt(path)
    assert list(frame.columns) == list(GDELT_COLUMNS) and len(frame) == 3
    plain = pd.read_csv(path, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=str)
    assert set(plain["EventRootCode"]) == {"04", "14", "01"}


def test_bad_rows_and_unreadable_files_are_recorded_failures(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "good.CSV.gz"
    export_events(store, "gdelt", tmp_path / "plain.CSV")
    text = (tmp_path / "plain.CSV").read_text("utf-8")
    with gzip.open(good, "wt", encoding="utf-8") as fh:
        fh.write(text + "only\tthree\tfields\n")
    stats = import_gdelt(store, [good, tmp_path / "missing.CSV"])
    assert stats.rows == 3 and stats.skipped == 1
    reasons = sorted(f.reason for f in stats.failures)
    assert reasons == ["malformed-gdelt-rows", "unreadable-gdelt-file"]
    stored = store.query("failures", stage="import").dicts()
    assert len(stored) == 2


def test_the_comparison_pairs_events_by_url_type_and_actors(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.export.CSV"
    export_events(store, "gdelt", path)
    lines = path.read_text("utf-8").splitlines()
    cols = lines[0].split("\t")
    cols[GDELT_COLUMNS.index("GLOBALEVENTID")] = "1"
    cols[GDELT_COLUMNS.index("EventRootCode")] = "19"  # GDELT saw a fight in the same story
    path.write_text("\n".join([*lines, "\t".join(cols)]) + "\n", "utf-8")
    import_gdelt(store, [path])
    rows = store.query("gdelt_compare", url="https://news.example/ru-cu").dicts()
    status = {(r["cameo_root"], r["status"]) for r in rows}
    assert ("04", "agree") in status and ("19", "gdelt_only") in status
    by_root = {r["category"]: r for r in store.query("gdelt_agreement").dicts()}
    assert by_root["19"]["gdelt_only"] == 1 and by_root["04"]["agree"] == 1


def test_polecat_export_has_polecats_columns_and_the_published_table(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "polecat.tsv"
    n = export_events(store, "polecat", path)
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(POLECAT_COLUMNS)
    # CAMEO 010 (a statement) has no PLOVER type in CAMEO2PLOVER: left out
    assert n == 2 and set(frame["Event Type"]) == {"CONSULT", "PROTEST"}
    meeting = frame[frame["Event Type"] == "CONSULT"].iloc[0]
    assert (meeting["Actor Name"], meeting["Recipient Name"]) == ("Sergei Lavrov", "Cuba")
    assert meeting["Recipient Name Raw"] == "Cuban authorities"
    assert (meeting["Placename"], meeting["Country"]) == ("Havana", "CUB")
