"""One happening across reports: two differently worded articles (written for this file) about
one summit are one happening with two mentions, and the GDELT export counts them."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from dragoman.export import GDELT_COLUMNS, export_events
from dragoman.pipeline import run_batch
from dragoman.records import Document
from dragoman.settings import load_settings
from dragoman.store import Store, open_store

FIRST = (
    "BRUSSELS - German Chancellor Olaf Scholz met French President Emmanuel Macron in Brussels "
    "on Thursday to discuss energy prices ahead of a European Union summit."
)
SECOND = (
    "French President Emmanuel Macron held talks with Chancellor Olaf Scholz of Germany on "
    "Thursday in the Belgian capital, Brussels, as EU leaders gathered for their summit."
)
OTHER = "Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday."


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    docs = [
        Document(
            "a", "one", FIRST.encode(), "text", url="https://one.example/a", date="2022-10-21"
        ),
        Document(
            "b", "two", SECOND.encode(), "text", url="https://two.example/b", date="2022-10-20"
        ),
        Document(
            "c", "two", OTHER.encode(), "text", url="https://two.example/c", date="2022-12-07"
        ),
    ]
    result = run_batch(docs, load_settings())
    with open_store(":memory:") as s:
        s.write_batch(result.articles, result.events, result.failures)
        yield s


def test_two_reports_of_one_summit_are_one_happening_with_two_mentions(store: Store) -> None:
    rows = store.query("happenings", min_articles=2).dicts()
    assert len(rows) == 1
    (summit,) = rows
    assert (summit["num_mentions"], summit["num_articles"], summit["num_sources"]) == (2, 2, 2)
    assert {m["doc_id"] for m in summit["mentions"]} == {"a", "b"}
    assert (summit["place"], str(summit["date_first"])) == ("Brussels", "2022-10-20")


def test_a_meeting_weeks_later_is_another_happening(store: Store) -> None:
    rows = store.query("happenings", cameo_root="04").dicts()
    assert sorted(r["num_articles"] for r in rows) == [1, 2]


def test_the_gdelt_export_fills_mentions_sources_and_articles(store: Store) -> None:
    out = io.StringIO()
    export_events(store, "gdelt", out)
    rows = [
        dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
        for line in out.getvalue().splitlines()
    ]
    counts = sorted(
        (r["NumMentions"], r["NumSources"], r["NumArticles"])
        for r in rows
        if r["EventRootCode"] == "04"
    )
    assert counts == [("1", "1", "1"), ("2", "2", "2"), ("2", "2", "2")]
