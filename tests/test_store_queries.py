"""Named queries, their parameters, and the read-only ad hoc SQL guard."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from dragoman.errors import StoreError
from dragoman.records import Actor, Article, DocInfo, Event, Evidence, Failure, Location
from dragoman.store import QUERIES, Store, open_store

TEXT = (
    "Lead paragraph here. Russian Foreign Minister Sergei Lavrov met with Cuban authorities. "
    "Protesters clashed with police in Kyiv."
)


def actor(code: str | None, sector: str | None = "GOV", kind: str = "country") -> Actor:
    return Actor(text=code or "someone", code=code, sector=sector, name=None, kind=kind)  # type: ignore[arg-type]


def make_event(event_id: str, doc_id: str, **kw: Any) -> Event:
    fields: dict[str, Any] = {
        "sentence_index": 1,
        "sentence": "Russian Foreign Minister Sergei Lavrov met with Cuban authorities.",
        "date": "2014-04-30",
        "date_precision": "day",
        "cameo": "040",
        "cameo_root": "04",
        "quad_class": 1,
        "goldstein": 1.0,
        "plover": "CONSULT",
        "plover_mode": None,
        "plover_context": (),
        "source": (actor("RUS"),),
        "target": (actor("CUB"),),
        "location": None,
        "quantities": (),
        "negated": False,
        "modality": "actual",
        "confidence": 0.9,
        "evidence": Evidence(21, 86, TEXT[21:86]),
        "doc": DocInfo(None, "Talks", "Times", "2014-04-30"),
        "coder_version": "0.1.0",
        "rule": "verb:meet",
    }
    fields.update(kw)
    return Event(event_id=event_id, doc_id=doc_id, **fields)


@pytest.fixture
def store() -> Iterator[Store]:
    clash = "Protesters clashed with police in Kyiv."
    events = [
        make_event("a", "doc-1"),
        make_event(
            "b",
            "doc-1",
            sentence_index=2,
            sentence=clash,
            cameo="145",
            cameo_root="14",
            quad_class=4,
            goldstein=-7.0,
            plover="PROTEST",
            source=(actor(None, "CVL", "group"), actor("UKRCVL", "CVL", "group")),
            target=(actor("UKR", "COP", "group"),),
            location=Location("Kyiv", "UKR", 50.45, 30.52),
            evidence=Evidence(87, 126, TEXT[87:126]),
            confidence=0.6,
        ),
        make_event("c", "doc-2", date="2014-05-02", cameo="0431", goldstein=2.8),
        make_event(
            "d",
            "doc-2",
            date="2014-05-03",
            cameo="112",
            cameo_root="11",
            quad_class=3,
            goldstein=-2.0,
            plover="ACCUSE",
            source=(actor("CUB"),),
            target=(actor("USA"),),
            negated=True,
        ),
    ]
    articles = [
        Article("doc-1", "a.html", TEXT, title="Russia and Cuba talk", date="2014-04-30"),
        Article("doc-2", "b.html", "Other text.", title="Later news", date="2014-05-03"),
    ]
    with open_store(":memory:") as s:
        s.write_batch(articles, events, [Failure("doc-3", "c.html", "extract", "no-main-text")])
        yield s


def ids(store: Store, **filters: Any) -> list[str]:
    return [e["event_id"] for e in store.events(**filters)]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["a", "b", "c", "d"]),
        ({"date_from": "2014-05-01"}, ["c", "d"]),
        ({"date_to": "2014-05-02"}, ["a", "b", "c"]),
        ({"source": "RUS"}, ["a", "c"]),
        ({"source": "UKR"}, ["b"]),  # matches the second source actor (UKRCVL)
        ({"target": "US"}, ["d"]),
        ({"cameo_root": "14"}, ["b"]),
        ({"cameo": "043"}, ["c"]),
        ({"plover": "consult"}, ["a", "c"]),
        ({"quad_class": 3}, ["d"]),
        ({"doc_id": "doc-2"}, ["c", "d"]),
        ({"q": "CLASHED"}, ["b"]),
        ({"min_confidence": 0.7}, ["a", "c", "d"]),
        ({"negated": True}, ["d"]),
        ({"order": "desc"}, ["d", "c", "a", "b"]),
        ({"limit": 2, "offset": 1}, ["b", "c"]),
        ({"source": "RUS", "date_from": "2014-05-01"}, ["c"]),
    ],
)
def test_events_query_filters(store: Store, filters: dict[str, Any], expected: list[str]) -> None:
    assert ids(store, **filters) == expected


def test_parameters_given_as_strings_are_converted(store: Store) -> None:
    assert ids(store, quad_class="1", limit="1", date_from="2014-04-01", negated="false") == ["a"]


def test_events_named_query_pages_by_default(store: Store) -> None:
    result = store.query("events")
    assert result.columns[0] == "event_id" and "rule" in result.columns
    assert len(result) == 4  # default limit 100


def test_counts_by_day_groups_by_the_chosen_category(store: Store) -> None:
    by_plover = store.query("counts_by_day").rows
    assert by_plover[:2] == [
        (by_plover[0][0], "CONSULT", 1, 1.0),
        (by_plover[1][0], "PROTEST", 1, -7.0),
    ]
    by_root = store.query("counts_by_day", by="cameo_root", date_from="2014-05-01").rows
    assert [(r[0].isoformat(), r[1], r[2]) for r in by_root] == [
        ("2014-05-02", "04", 1),
        ("2014-05-03", "11", 1),
    ]


def test_dyads_count_primary_actor_pairs(store: Store) -> None:
    result = store.query("dyads")
    assert result.columns == ["source_code", "target_code", "n", "goldstein_sum", "goldstein_mean"]
    assert result.rows[0] == ("RUS", "CUB", 2, 3.8, 1.9)
    assert ("UKRCVL", "UKR", 1, -7.0, -7.0) in result.rows


def test_top_actors_counts_events_per_code_and_role(store: Store) -> None:
    rows = {r["code"]: r for r in store.query("top_actors").dicts()}
    assert (rows["CUB"]["n"], rows["CUB"]["n_source"], rows["CUB"]["n_target"]) == (3, 1, 2)
    assert rows["RUS"]["n"] == 2
    only_sources = {r["code"] for r in store.query("top_actors", role="source").dicts()}
    assert "USA" not in only_sources and "RUS" in only_sources


def test_documents_query_lists_documents_with_event_counts(store: Store) -> None:
    rows = store.query("documents").dicts()
    assert [(r["doc_id"], r["n_events"]) for r in rows] == [("doc-2", 2), ("doc-1", 2)]
    assert "text" not in rows[0]
    assert [r["doc_id"] for r in store.query("documents", q="cuba").dicts()] == ["doc-1"]


def test_failures_query_filters_by_stage(store: Store) -> None:
    assert [r["doc_id"] for r in store.query("failures", stage="extract").dicts()] == ["doc-3"]
    assert store.query("failures", stage="ingest").rows == []


def test_event_query_returns_one_event_or_nothing(store: Store) -> None:
    assert store.query("event", event_id="b").dicts()[0]["plover"] == "PROTEST"
    assert store.query("event", event_id="nope").rows == []


def test_evidence_query_returns_a_text_window_around_the_span(store: Store) -> None:
    row = store.query("evidence", event_id="b", window=10).dicts()[0]
    assert row["window_start"] == 77
    assert row["window_text"] == TEXT[77:]  # clipped at the end of the text
    assert row["window_end"] == len(TEXT)
    assert row["evidence"]["text"] in row["window_text"]
    assert row["rule"] == "verb:meet"


def test_unknown_query_name_raises_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match=r"unknown query 'drop_all'.*named queries: "):
        store.query("drop_all")


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("events", {"colour": "red"}, "no parameter 'colour'"),
        ("events", {"limit": "ten"}, "expected int"),
        ("events", {"date_from": "last week"}, "expected date"),
        ("events", {"order": "sideways"}, "not one of"),
        ("events", {"limit": -1}, "below"),
        ("event", {}, "'event_id' is required"),
        ("counts_by_day", {"by": "source_code"}, "not one of"),
    ],
)
def test_bad_parameters_raise_store_error(
    store: Store, name: str, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        store.query(name, **params)


def test_every_declared_parameter_is_used_in_its_sql() -> None:
    for query in QUERIES.values():
        used = set(re.findall(r"\$([a-z_]+)", query.sql))
        assert used == {p.name for p in query.params}, query.name


def test_sql_runs_read_only_selects(store: Store) -> None:
    result = store.sql("SELECT count(*) AS n FROM events WHERE quad_class = ?", [1])
    assert result.columns == ["n"] and result.rows == [(2,)]
    assert store.sql("WITH x AS (SELECT 1 AS one) SELECT * FROM x").rows == [(1,)]


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM events",
        "DROP TABLE events",
        "INSERT INTO failures (doc_id, stage) VALUES ('x', 'y')",
        "SELECT 1; DELETE FROM events",
        "PRAGMA database_list",
        "COPY events TO 'out.csv'",
        "ATTACH 'other.duckdb'",
        "CREATE TABLE t AS SELECT 1",
        "this is not sql",
    ],
)
def test_sql_rejects_anything_but_one_select(store: Store, statement: str) -> None:
    with pytest.raises(StoreError):
        store.sql(statement)
    assert store.counts()["events"] == 4


def test_iter_events_streams_every_matching_event(store: Store) -> None:
    streamed = [e["event_id"] for e in store.iter_events(batch_size=1, source="RUS")]
    assert streamed == ["a", "c"]
