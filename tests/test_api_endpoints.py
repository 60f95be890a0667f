"""The HTTP API: every endpoint, the one error shape, and a real server on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from dragoman import __version__
from dragoman.api import MAX_LIMIT, create_app
from dragoman.cli import main
from dragoman.errors import StoreError
from dragoman.records import Actor, Article, DocInfo, Event, Evidence, Failure, Location
from dragoman.store import QUERIES, open_store

SENTENCES = {
    "ev-rus-cub": "Russian Foreign Minister Sergei Lavrov met with Cuban authorities in Havana.",
    "ev-usa-chn": "The United States accused China of unfair trade practices.",
    "ev-fra-deu": "France and Germany signed an agreement in Paris.",
}


def article(doc_id: str, text: str, date: str) -> Article:
    return Article(
        doc_id=doc_id,
        text=text,
        source=f"samples/{doc_id}.html",
        url=f"https://news.example/{doc_id}",
        title=f"Title of {doc_id}",
        date=date,
        publisher="The Example Times",
        language="en",
    )


def event(
    event_id: str,
    doc_id: str,
    *,
    date: str,
    source: tuple[str, str],
    target: tuple[str, str],
    cameo: str,
    plover: str,
    quad_class: int,
    goldstein: float,
    confidence: float,
) -> Event:
    sentence = SENTENCES[event_id]
    return Event(
        event_id=event_id,
        doc_id=doc_id,
        sentence_index=0,
        sentence=sentence,
        date=date,
        date_precision="day",
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=quad_class,
        goldstein=goldstein,
        plover=plover,
        plover_mode=None,
        plover_context=(),
        source=(Actor(source[0], source[1], "GOV", None, "country"),),
        target=(Actor(target[0], target[1], "GOV", None, "country"),),
        location=Location("Havana", "CUB", 23.13, -82.38) if event_id == "ev-rus-cub" else None,
        quantities=(),
        negated=False,
        modality="actual",
        confidence=confidence,
        evidence=Evidence(0, len(sentence), sentence),
        doc=DocInfo(f"https://news.example/{doc_id}", f"Title of {doc_id}", "Times", date),
        coder_version="0.1.0",
        rule="test",
    )


def build_store(path: Path) -> None:
    articles = [
        article("doc-a", SENTENCES["ev-rus-cub"], "2014-04-30"),
        article("doc-b", SENTENCES["ev-usa-chn"], "2014-05-02"),
        article("doc-c", SENTENCES["ev-fra-deu"], "2014-05-10"),
    ]
    events = [
        event(
            "ev-rus-cub",
            "doc-a",
            date="2014-04-30",
            source=("Russian Foreign Minister", "RUS"),
            target=("Cuban authorities", "CUB"),
            cameo="040",
            plover="CONSULT",
            quad_class=1,
            goldstein=1.0,
            confidence=0.9,
        ),
        event(
            "ev-usa-chn",
            "doc-b",
            date="2014-05-02",
            source=("The United States", "USA"),
            target=("China", "CHN"),
            cameo="112",
            plover="ACCUSE",
            quad_class=3,
            goldstein=-2.0,
            confidence=0.7,
        ),
        event(
            "ev-fra-deu",
            "doc-c",
            date="2014-05-10",
            source=("France", "FRA"),
            target=("Germany", "DEU"),
            cameo="057",
            plover="AGREE",
            quad_class=1,
            goldstein=8.0,
            confidence=0.5,
        ),
    ]
    failures = [Failure("doc-x", "samples/doc-x.html", "extract", "empty", "no text")]
    with open_store(path) as store:
        store.write_batch(articles, events, failures, run_id="test-run")


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    build_store(path)
    return path


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db))) as c:
        yield c


def assert_error(response: Any, status: int, reason: str) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "reason", "detail"}
    assert err["status"] == status
    assert err["reason"] == reason
    assert isinstance(err["detail"], str) and err["detail"]
    return dict(err)


# -- endpoints ----------------------------------------------------------------------------
def test_health_reports_version_and_counts(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": __version__,
        "counts": {"documents": 3, "events": 3, "failures": 1},
    }


def test_events_lists_contract_dicts_in_date_order_with_paging(
    db: Path, client: TestClient
) -> None:
    body = client.get("/events").json()
    assert [e["event_id"] for e in body["events"]] == ["ev-rus-cub", "ev-usa-chn", "ev-fra-deu"]
    assert body["count"] == 3
    assert body["limit"] == 100
    assert body["offset"] == 0
    first = body["events"][0]
    with open_store(db, read_only=True) as store:
        assert first == store.events(limit=1)[0]
    assert first["location"] == {
        "name": "Havana",
        "country": "CUB",
        "lat": 23.13,
        "lon": -82.38,
        "admin1": None,
        "feature": None,
    }
    assert first["source"][0]["code"] == "RUS"
    page = client.get("/events", params={"limit": 1, "offset": 1}).json()
    assert [e["event_id"] for e in page["events"]] == ["ev-usa-chn"]
    assert (page["count"], page["limit"], page["offset"]) == (1, 1, 1)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"source": "RUS"}, ["ev-rus-cub"]),
        ({"target": "CH"}, ["ev-usa-chn"]),
        ({"cameo_root": "05"}, ["ev-fra-deu"]),
        ({"cameo": "11"}, ["ev-usa-chn"]),
        ({"plover": "consult"}, ["ev-rus-cub"]),
        ({"quad_class": "1"}, ["ev-rus-cub", "ev-fra-deu"]),
        ({"date_from": "2014-05-01", "date_to": "2014-05-05"}, ["ev-usa-chn"]),
        ({"doc_id": "doc-c"}, ["ev-fra-deu"]),
        ({"q": "UNFAIR trade"}, ["ev-usa-chn"]),
        ({"min_confidence": "0.6"}, ["ev-rus-cub", "ev-usa-chn"]),
        ({"order": "desc"}, ["ev-fra-deu", "ev-usa-chn", "ev-rus-cub"]),
        ({"source": "RUS", "plover": "ACCUSE"}, []),
        ({"source": ""}, ["ev-rus-cub", "ev-usa-chn", "ev-fra-deu"]),
    ],
)
def test_events_filters_are_those_of_the_named_query(
    client: TestClient, params: dict[str, str], expected: list[str]
) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    assert [e["event_id"] for e in response.json()["events"]] == expected


def test_event_by_id_is_the_contract_dict(client: TestClient) -> None:
    response = client.get("/events/ev-usa-chn")
    assert response.status_code == 200
    body = response.json()
    listed = client.get("/events", params={"doc_id": "doc-b"}).json()["events"][0]
    assert body == listed
    assert body["plover"] == "ACCUSE"
    assert body["evidence"]["text"] == SENTENCES["ev-usa-chn"]


def test_unknown_event_is_404(client: TestClient) -> None:
    err = assert_error(client.get("/events/no-such-event"), 404, "unknown-event")
    assert "no-such-event" in err["detail"]


def test_queries_lists_every_named_query_with_params(client: TestClient) -> None:
    body = client.get("/queries").json()
    listed = {q["name"]: q for q in body["queries"]}
    assert set(listed) == set(QUERIES)
    events = listed["events"]
    assert events["description"] == QUERIES["events"].description
    assert events["returns_events"] is True
    params = {p["name"]: p for p in events["params"]}
    assert params["order"]["choices"] == ["asc", "desc"]
    assert params["limit"]["default"] == 100
    assert params["limit"]["maximum"] == MAX_LIMIT
    assert params["date_from"]["type"] == "date"
    assert listed["event"]["params"][0]["required"] is True


def test_named_query_returns_columns_and_row_dicts(client: TestClient) -> None:
    body = client.get("/queries/dyads", params={"cameo_root": "04"}).json()
    assert body["name"] == "dyads"
    assert body["columns"][:3] == ["source_code", "target_code", "n"]
    assert body["rows"] == [
        {
            "source_code": "RUS",
            "target_code": "CUB",
            "n": 1,
            "goldstein_sum": 1.0,
            "goldstein_mean": 1.0,
        }
    ]
    assert body["count"] == 1


def test_named_query_dates_and_timestamps_are_iso_strings(client: TestClient) -> None:
    by_day = client.get("/queries/counts_by_day", params={"by": "quad_class"}).json()
    assert by_day["rows"][0]["date"] == "2014-04-30"
    assert by_day["rows"][0]["category"] == "1"
    docs = client.get("/queries/documents").json()["rows"]
    assert {d["doc_id"] for d in docs} == {"doc-a", "doc-b", "doc-c"}
    assert all(isinstance(d["coded_at"], str) for d in docs)
    failures = client.get("/queries/failures").json()["rows"]
    assert [(f["doc_id"], f["reason"]) for f in failures] == [("doc-x", "empty")]


def test_evidence_query_needs_its_required_event_id(client: TestClient) -> None:
    ok = client.get("/queries/evidence", params={"event_id": "ev-rus-cub", "window": 5})
    assert ok.status_code == 200
    assert ok.json()["rows"][0]["window_text"].startswith("Russian")
    err = assert_error(client.get("/queries/evidence"), 400, "bad-parameter")
    assert "event_id" in err["detail"]


def test_openapi_documents_the_event_filters_from_the_named_query(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["info"]["version"] == __version__
    assert {"/health", "/events", "/events/{event_id}", "/queries", "/queries/{name}"} <= set(
        spec["paths"]
    )
    params = {p["name"]: p for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert set(params) == {p.name for p in QUERIES["events"].params}
    assert params["quad_class"]["schema"]["type"] == "integer"
    assert params["date_from"]["schema"] == {"type": "string", "format": "date"}
    assert params["limit"]["schema"]["maximum"] == MAX_LIMIT
    assert "ErrorBody" in spec["components"]["schemas"]


# -- the one error shape ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "params", "needle"),
    [
        ("/events", {"limit": "many"}, "limit"),
        ("/events", {"date_from": "30/04/2014"}, "date_from"),
        ("/events", {"quad_class": "x"}, "quad_class"),
        ("/events", {"min_confidence": "2"}, "min_confidence"),
        ("/events", {"order": "sideways"}, "order"),
        ("/events", {"sorce": "RUS"}, "sorce"),
        ("/events", {"limit": str(MAX_LIMIT + 1)}, "limit"),
        ("/events", {"offset": "-1"}, "offset"),
        ("/queries/dyads", {"nope": "1"}, "nope"),
        ("/queries/counts_by_day", {"by": "weather"}, "by"),
    ],
)
def test_bad_parameters_are_400(
    client: TestClient, path: str, params: dict[str, str], needle: str
) -> None:
    err = assert_error(client.get(path, params=params), 400, "bad-parameter")
    assert needle in err["detail"]


def test_repeated_parameter_is_400(client: TestClient) -> None:
    err = assert_error(client.get("/events?source=RUS&source=CUB"), 400, "bad-parameter")
    assert "more than once" in err["detail"]


def test_request_validation_error_has_the_error_shape(client: TestClient) -> None:
    err = assert_error(client.get("/events/" + "x" * 300), 400, "bad-parameter")
    assert "event_id" in err["detail"]


def test_unknown_query_is_404_naming_the_queries(client: TestClient) -> None:
    err = assert_error(client.get("/queries/drop_table"), 404, "unknown-query")
    assert "dyads" in err["detail"]


def test_unknown_path_and_wrong_method_have_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/nowhere"), 404, "not-found")
    response = client.post("/events", json={})
    assert_error(response, 405, "method-not-allowed")
    assert "GET" in response.headers["allow"]


def test_unexpected_exception_is_500_without_internals(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("dragoman.api.row_to_event_dict", broken)
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        err = assert_error(c.get("/events/ev-rus-cub"), 500, "internal")
    assert "secret" not in err["detail"]


def test_query_failure_inside_duckdb_is_500(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(self: Any) -> dict[str, int]:
        raise StoreError("query failed: boom")

    monkeypatch.setattr("dragoman.store.Store.counts", failing)
    with TestClient(create_app(db)) as c:
        err = assert_error(c.get("/health"), 500, "query-failed")
    assert "boom" in err["detail"]


def test_store_that_disappears_is_503(db: Path) -> None:
    app = create_app(db)
    db.unlink()
    with TestClient(app) as c:
        err = assert_error(c.get("/health"), 503, "store-unavailable")
    assert "no store" in err["detail"]
    assert str(db.parent) not in err["detail"]


def test_create_app_refuses_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "missing.duckdb")
    with pytest.raises(StoreError):
        create_app(":memory:")


def test_store_is_opened_per_request_so_a_writer_can_add_events_between_requests(
    db: Path, client: TestClient
) -> None:
    assert client.get("/health").json()["counts"]["events"] == 3
    extra = event(
        "ev-rus-cub",
        "doc-z",
        date="2014-06-01",
        source=("Russia", "RUS"),
        target=("Cuba", "CUB"),
        cameo="036",
        plover="CONSULT",
        quad_class=1,
        goldstein=4.0,
        confidence=0.8,
    )
    with open_store(db) as store:  # the app holds no connection between requests
        store.write_batch([], [extra], [])
    assert client.get("/events/ev-rus-cub").json()["cameo"] == "036"


# -- dragoman serve -----------------------------------------------------------------------
def test_serve_without_a_store_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["serve", "--db", str(tmp_path / "missing.duckdb")]) == 2


def test_serve_runs_uvicorn_with_the_app(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    assert main(["serve", "--db", str(db), "--port", "8123"]) == 0
    (app, kwargs), *_ = calls
    assert kwargs["host"] == "127.0.0.1"
    assert kwargs["port"] == 8123
    local = TestClient(app, base_url="http://127.0.0.1:8123")
    assert local.get("/health").json()["status"] == "ok"
    # on loopback the server answers loopback host names only (no DNS rebinding)
    assert_error(TestClient(app, base_url="http://evil.example").get("/health"), 400, "bad-host")


# -- a real server on loopback ------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_real_server_answers_over_http(db: Path) -> None:
    port = free_port()
    config = uvicorn.Config(
        create_app(db), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert thread.is_alive(), "the server stopped while starting"
            assert time.monotonic() < deadline, "the server did not start in 10 s"
            time.sleep(0.02)
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=5) as http:
            health = http.get("/health")
            assert health.status_code == 200
            assert health.json()["counts"]["events"] == 3
            events = http.get("/events", params={"source": "USA"})
            assert [e["event_id"] for e in events.json()["events"]] == ["ev-usa-chn"]
            assert http.get("/queries/nope").json()["error"]["status"] == 404
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert not thread.is_alive()
