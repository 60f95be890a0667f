"""POST /api/code and the "paste an article" page, with the real pipeline (spaCy model)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dragoman.api import create_app
from dragoman.cli import main
from test_api_dashboard import build_store

pytestmark = pytest.mark.model

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "2014-04-29-russia-cuba-talks.txt"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "code.duckdb"
    build_store(path)
    return path


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def consults(events: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {
        (e["source"][0]["code"], e["target"][0]["code"])
        for e in events
        if e["plover"] == "CONSULT" and e["source"] and e["target"]
    }


def test_posted_text_returns_the_events_of_dragoman_code(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    response = client.post("/api/code", json={"text": SAMPLE.read_text(encoding="utf-8")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["stored"] is False
    assert ("RUS", "CUB") in consults(body["events"])
    for e in body["events"]:
        ev = e["evidence"]
        assert body["text"][ev["start"] : ev["end"]] == ev["text"]
        assert e["rule"]
    # the same pipeline as the CLI: the same events, ids included
    assert main(["code", str(SAMPLE), "--jsonl", "--no-store"]) == 0
    cli = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    api = [{k: v for k, v in e.items() if k != "rule"} for e in body["events"]]
    assert sorted(api, key=lambda e: e["event_id"]) == sorted(cli, key=lambda e: e["event_id"])
    # nothing was stored
    assert client.get("/health").json()["counts"]["events"] == 5


def test_store_true_stores_the_article_once(client: TestClient) -> None:
    request = {"text": SAMPLE.read_text(encoding="utf-8"), "date": "2014-04-29", "store": True}
    first = client.post("/api/code", json=request).json()
    assert first["stored"] is True
    doc_id = first["doc"]["doc_id"]
    stored = client.get(f"/api/articles/{doc_id}").json()
    assert stored["text"] == first["text"]
    assert [e["event_id"] for e in stored["events"]] == [e["event_id"] for e in first["events"]]
    counts = client.get("/health").json()["counts"]
    client.post("/api/code", json=request)  # idempotent
    assert client.get("/health").json()["counts"] == counts


def test_html_is_extracted_before_coding(client: TestClient) -> None:
    html = (
        "<html><head><title>Talks</title></head><body><nav>Home | World</nav><article>"
        "<h1>Russia and Cuba hold talks</h1><p>Russian Foreign Minister Sergei Lavrov met "
        "Cuban President Raul Castro in Havana on Tuesday.</p></article></body></html>"
    )
    body = client.post("/api/code", json={"html": html, "date": "2014-04-29"}).json()
    assert "Home | World" not in body["text"]
    assert ("RUS", "CUB") in consults(body["events"])


def test_uncodable_text_is_422_with_the_failure_reason(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": "   \n  "})
    assert response.status_code == 422
    assert response.json()["error"]["reason"] == "empty"


def test_pasted_article_shows_highlighted_events(client: TestClient) -> None:
    form = {"text": SAMPLE.read_text(encoding="utf-8"), "date": "2014-04-29", "kind": "text"}
    response = client.post("/paste", data=form)
    assert response.status_code == 200
    html = response.text
    marks = re.findall(r'<mark class="ev q\d', html)
    assert len(marks) >= 5
    assert "nothing was stored" in html
    assert "Lavrov" in html


def test_pasted_empty_text_shows_the_form_again_with_the_reason(client: TestClient) -> None:
    response = client.post("/paste", data={"text": "  ", "kind": "text"})
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert "<textarea" in response.text


@pytest.mark.shared
def test_seed_article_posted_returns_its_events(client: TestClient, shared_dir: Path) -> None:
    text = (shared_dir / "examples" / "moscow-times-russia-cuba-2014.txt").read_text("utf-8")
    body = client.post("/api/code", json={"text": text, "date": "2014-04-30"}).json()
    pairs = consults(body["events"])
    assert ("RUS", "CUB") in pairs and ("RUS", "NIC") in pairs
    assert not any("foreign agent" in e["sentence"] for e in body["events"])
