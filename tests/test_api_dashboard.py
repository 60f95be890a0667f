"""The /api twins, the dashboard pages, and the HTTP guard (limits, HEAD, CORS, /docs offline).

The store is written by hand (no model): two articles, one with overlapping evidence spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dragoman.api import MAX_BODY_BYTES, MAX_LIMIT, StoreOpener, create_app
from dragoman.errors import StoreError
from dragoman.records import Actor, Article, DocInfo, Event, Evidence
from dragoman.store import open_store
from dragoman.web.highlight import Segment, segments

TEXT_A = (
    "Russia and Cuba pledged closer ties.\n\n"
    "Russian Foreign Minister Sergei Lavrov met his Cuban counterpart in Havana. "
    "Cuba rejected sanctions against Moscow."
)
TEXT_B = "Ukraine accused Russia of an invasion. Russian troops shelled the town."


def make_event(
    event_id: str,
    doc_id: str,
    text: str,
    span: str,
    *,
    date: str,
    source: str,
    target: str,
    cameo: str,
    quad_class: int,
    goldstein: float,
    rule: str = "test-rule",
) -> Event:
    start = text.index(span)
    return Event(
        event_id=event_id,
        doc_id=doc_id,
        sentence_index=0,
        sentence=span,
        date=date,
        date_precision="day",
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=quad_class,
        goldstein=goldstein,
        plover="CONSULT" if quad_class == 1 else "ACCUSE" if quad_class == 3 else "ASSAULT",
        plover_mode=None,
        plover_context=(),
        source=(Actor(source, source, "GOV", None, "country"),),
        target=(Actor(target, target, None, None, "country"),),
        location=None,
        quantities=(),
        negated=False,
        modality="actual",
        confidence=0.9,
        evidence=Evidence(start, start + len(span), span),
        doc=DocInfo(None, f"Title {doc_id}", "Wire", date),
        coder_version="0.1.0",
        rule=rule,
    )


def build_store(path: Path) -> None:
    articles = [
        Article("doc-a", "samples/a.txt", TEXT_A, None, "Russia and Cuba", "2014-04-29"),
        Article("doc-b", "samples/b.txt", TEXT_B, None, "Ukraine and Russia", "2014-08-22"),
    ]
    events = [
        make_event(
            "e1",
            "doc-a",
            TEXT_A,
            "Russian Foreign Minister Sergei Lavrov met his Cuban counterpart",
            date="2014-04-29",
            source="RUS",
            target="CUB",
            cameo="040",
            quad_class=1,
            goldstein=1.0,
        ),
        make_event(
            "e2",
            "doc-a",
            TEXT_A,
            "Lavrov met his Cuban counterpart in Havana",
            date="2014-04-29",
            source="RUS",
            target="CUB",
            cameo="042",
            quad_class=1,
            goldstein=1.9,
        ),
        make_event(
            "e3",
            "doc-a",
            TEXT_A,
            "Cuba rejected sanctions",
            date="2014-04-30",
            source="CUB",
            target="USA",
            cameo="120",
            quad_class=3,
            goldstein=-4.0,
        ),
        make_event(
            "e4",
            "doc-b",
            TEXT_B,
            "Ukraine accused Russia",
            date="2014-08-22",
            source="UKR",
            target="RUS",
            cameo="112",
            quad_class=3,
            goldstein=-2.0,
        ),
        make_event(
            "e5",
            "doc-b",
            TEXT_B,
            "Russian troops shelled the town",
            date="2014-08-23",
            source="RUS",
            target="UKR",
            cameo="195",
            quad_class=4,
            goldstein=-10.0,
        ),
    ]
    with open_store(path) as store:
        store.write_batch(articles, events, [], run_id="test")


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store for the tests that only read it."""
    path = tmp_path_factory.mktemp("dash") / "dash.duckdb"
    build_store(path)
    return path


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """A store of its own, for a test that changes or removes it."""
    path = tmp_path / "dash.duckdb"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def client(shared_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(shared_db)) as c:
        yield c


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    return dict(body["error"])


# -- the JSON twins -----------------------------------------------------------------------
def test_events_pages_carry_the_total_matching(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 5
    assert (page["count"], page["limit"], page["offset"]) == (2, 2, 1)
    assert [e["event_id"] for e in page["events"]] == ["e2", "e3"]
    narrowed = client.get("/api/events", params={"source": "RUS", "limit": 1}).json()
    assert narrowed["total"] == 3 and narrowed["count"] == 1
    assert client.get("/events", params={"quad_class": 3}).json()["total"] == 2


def test_overview_has_counts_timeline_and_ranked_relations(client: TestClient) -> None:
    body = client.get("/api/overview", params={"min_events": 1}).json()
    assert body["summary"]["events"] == 5
    assert body["summary"]["documents"] == 2
    assert body["summary"]["first_date"] == "2014-04-29"
    assert body["counts"] == {"documents": 2, "events": 5, "failures": 0}
    assert body["interval"] == "week"  # four months of events
    assert sum(p["n"] for p in body["timeline"]) == 5
    assert body["top_dyads"][0] == {
        "source_code": "RUS",
        "target_code": "CUB",
        "n": 2,
        "goldstein_sum": pytest.approx(2.9),
        "goldstein_mean": pytest.approx(1.45),
    }
    assert body["cooperative"][0]["source_code"] == "RUS"
    worst = body["conflictual"][0]
    assert (worst["source_code"], worst["target_code"]) == ("RUS", "UKR")
    assert all(d["goldstein_mean"] < 0 for d in body["conflictual"])
    assert all(d["goldstein_mean"] > 0 for d in body["cooperative"])
    only_pairs = client.get("/api/overview").json()  # default: pairs with two events or more
    assert [d["target_code"] for d in only_pairs["cooperative"]] == ["CUB"]
    assert only_pairs["conflictual"] == []  # RUS -> CUB is the only such pair, and cooperative


def test_timeseries_for_a_dyad_and_for_an_actor(client: TestClient) -> None:
    dyad = client.get(
        "/api/timeseries", params={"source": "RUS", "target": "CUB", "interval": "day"}
    ).json()
    assert dyad["points"] == [
        {
            "period": "2014-04-29",
            "n": 2,
            "goldstein_sum": pytest.approx(2.9),
            "goldstein_mean": pytest.approx(1.45),
            "n_verbal_cooperation": 2,
            "n_material_cooperation": 0,
            "n_verbal_conflict": 0,
            "n_material_conflict": 0,
        }
    ]
    actor = client.get("/api/timeseries", params={"actor": "UKR", "interval": "month"}).json()
    assert [(p["period"], p["n"], p["n_material_conflict"]) for p in actor["points"]] == [
        ("2014-08-01", 2, 1)
    ]
    error_of(client.get("/api/timeseries", params={"interval": "hour"}), 400)


def test_network_has_nodes_and_weighted_edges(client: TestClient) -> None:
    body = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert set(edges) == {("RUS", "CUB"), ("CUB", "USA"), ("UKR", "RUS"), ("RUS", "UKR")}
    assert edges[("RUS", "CUB")]["n"] == 2
    assert edges[("RUS", "UKR")]["goldstein_mean"] == -10.0
    nodes = {n["id"]: n for n in body["nodes"]}
    assert nodes["RUS"] == {"id": "RUS", "n": 4, "n_source": 3, "n_target": 1}
    assert client.get("/api/network", params={"min_events": 2}).json()["edges"] == [
        edges[("RUS", "CUB")]
    ]


def test_article_has_text_and_events_with_evidence_offsets(client: TestClient) -> None:
    body = client.get("/api/articles/doc-a").json()
    assert body["text"] == TEXT_A
    assert body["doc"]["title"] == "Russia and Cuba"
    assert [e["event_id"] for e in body["events"]] == ["e1", "e2", "e3"]  # in text order
    for e in body["events"]:
        ev = e["evidence"]
        assert body["text"][ev["start"] : ev["end"]] == ev["text"]
        assert e["rule"] == "test-rule"
    error_of(client.get("/api/articles/nope"), 404)


# -- input validation: always a 4xx in the one shape, never a 500 --------------------------
@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/events", {"offset": str(2**63)}),
        ("/api/events", {"offset": "99999999999999999999999"}),
        ("/events", {"quad_class": "7"}),
        ("/events", {"min_confidence": "NaN"}),
        ("/events", {"min_confidence": "inf"}),
        ("/api/events", {"limit": str(MAX_LIMIT + 1)}),
        ("/api/network", {"limit": "-1"}),
        ("/api/overview", {"interval": "fortnight"}),
        ("/api/overview", {"min_events": "0"}),
        ("/api/articles/doc-a", {"x": "1"}),
        ("/queries/dyads", {"sort": "loudest"}),
    ],
)
def test_bad_parameters_are_400_not_500(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    err = error_of(client.get(path, params=params), 400)
    assert err["reason"] == "bad-parameter"


def test_largest_offset_that_fits_is_accepted(client: TestClient) -> None:
    body = client.get("/api/events", params={"offset": str(2**63 - 1)}).json()
    assert body["events"] == [] and body["total"] == 5


def test_head_answers_where_get_does(client: TestClient) -> None:
    for path in ("/health", "/api/overview", "/", "/browse", "/articles/doc-a", "/docs"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
    assert client.head("/nowhere").status_code == 404


def test_oversized_body_is_413_and_non_json_body_is_415(client: TestClient) -> None:
    big = b'{"text": "' + b"a" * MAX_BODY_BYTES + b'"}'
    err = error_of(
        client.post("/api/code", content=big, headers={"content-type": "application/json"}), 413
    )
    assert err["reason"] == "payload-too-large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        yield b'{"text": "'
        for _ in range(5):
            yield b"b" * (MAX_BODY_BYTES // 4)
        yield b'"}'

    chunked = client.post(
        "/api/code", content=chunks(), headers={"content-type": "application/json"}
    )
    error_of(chunked, 413)
    form = client.post("/api/code", content=b"text=hello", headers={"content-type": "text/plain"})
    assert error_of(form, 415)["reason"] == "unsupported-media-type"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": "a", "html": "<p>a</p>"},
        {"text": "Russia met Cuba.", "date": "30/04/2014"},
        {"text": "Russia met Cuba.", "colour": "red"},
        {"text": 5},
    ],
)
def test_bad_code_requests_are_400(client: TestClient, body: dict[str, Any]) -> None:
    assert error_of(client.post("/api/code", json=body), 400)["reason"] == "bad-parameter"


def test_no_cors_headers_and_security_headers_everywhere(client: TestClient) -> None:
    response = client.get("/api/overview", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"
    preflight = client.options(
        "/api/code",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_docs_load_swagger_from_the_package_not_a_cdn(client: TestClient) -> None:
    html = client.get("/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/") for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "cdn" not in html.lower()
    assert client.get("/redoc").status_code == 404


def test_503_details_name_no_path_and_no_process(db: Path) -> None:
    opener = StoreOpener(str(db))
    db.unlink()
    with pytest.raises(Exception) as caught, opener():
        pass
    detail = getattr(caught.value, "detail", "")
    assert "no store" in detail and str(db) not in detail and "PID" not in detail


def test_store_opener_maps_a_locked_store_to_503_locked(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*args: Any, **kwargs: Any) -> None:
        raise StoreError(f"the store {db} is locked (PID 4242)", reason="locked")

    monkeypatch.setattr("dragoman.store.readers.open_store", locked)  # reads share one store
    with TestClient(create_app(db)) as c:
        err = error_of(c.get("/health"), 503)
    assert err["reason"] == "locked"
    assert "4242" not in err["detail"] and str(db) not in err["detail"]


# -- pages ----------------------------------------------------------------------------------
def test_every_page_links_its_json_twin(client: TestClient) -> None:
    twins = {
        "/": "/api/overview",
        "/browse?source=RUS": "/api/events?source=RUS",
        "/articles/doc-a": "/api/articles/doc-a",
        "/dyad?source=RUS&target=CUB": "/api/timeseries?source=RUS&amp;target=CUB",
        "/network": "/api/network",
    }
    for page, twin in twins.items():
        response = client.get(page)
        assert response.status_code == 200, page
        assert response.headers["content-type"].startswith("text/html")
        assert f'<link rel="alternate" type="application/json" href="{twin}">' in response.text


def test_browser_filter_narrows_and_pages(client: TestClient) -> None:
    everything = client.get("/browse").text
    assert "Events 1–5 of 5" in everything
    narrowed = client.get("/browse", params={"source": "RUS", "limit": 2}).text
    assert "Events 1–2 of 3" in narrowed
    assert narrowed.count('class="event-row"') == 2
    assert 'rel="next"' in narrowed and "offset=2" in narrowed
    second = client.get("/browse", params={"source": "RUS", "limit": 2, "offset": 2}).text
    assert "Events 3–3 of 3" in second and 'rel="prev"' in second


def test_article_page_marks_each_event_at_its_evidence(client: TestClient) -> None:
    html = client.get("/articles/doc-a").text
    for event_id in ("e1", "e2", "e3"):
        assert f'id="ev-{event_id}"' in html
    assert 'class="ev q1 multi"' in html  # e1 and e2 overlap
    assert 'class="ev q3"' in html
    assert "test-rule" in html  # the rule is shown beside the text


def test_bad_page_parameters_render_an_error_page(client: TestClient) -> None:
    response = client.get("/browse", params={"quad_class": "9"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "quad_class" in response.text
    assert client.get("/articles/nope").status_code == 404


def test_page_text_is_escaped(db: Path) -> None:
    hostile = "<script>alert(1)</script> Russia met Cuba."
    with open_store(db) as store:
        store.write_batch([Article("doc-x", "x", hostile, None, "<b>t</b>", "2014-01-01")], [], [])
    with TestClient(create_app(db)) as c:
        html = c.get("/articles/doc-x").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# -- highlighting ---------------------------------------------------------------------------
def ev(start: int | None, end: int | None) -> dict[str, Any]:
    return {"evidence": {"start": start, "end": end}}


def test_segments_split_overlapping_spans() -> None:
    text = "abcdefghij"
    out = segments(text, [ev(2, 6), ev(4, 8), ev(None, None), ev(7, 99)])
    assert "".join(s.text for s in out) == text
    assert out == [
        Segment("ab", ()),
        Segment("cd", (0,), (0,)),
        Segment("ef", (0, 1), (1,)),
        Segment("g", (1,)),
        Segment("h", (1, 3), (3,)),
        Segment("ij", (3,)),
    ]


def test_segments_without_events_is_the_whole_text() -> None:
    assert segments("plain", []) == [Segment("plain", ())]
    assert segments("", [ev(0, 3)]) == []
