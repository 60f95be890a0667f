"""Real answers of every JSON route validate against the app's own OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from dragoman.api import create_app
from test_api_dashboard import build_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db: Path = tmp_path_factory.mktemp("schema") / "schema.duckdb"
    build_store(db)
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    body: dict[str, Any] = client.get("/openapi.json").json()
    assert body["openapi"].startswith("3.1")
    return body


def validate(spec: dict[str, Any], route: str, method: str, status: int, body: Any) -> None:
    """Check ``body`` against the schema the document gives for this route and status."""
    operation = spec["paths"][route][method]
    response = operation["responses"].get(str(status))
    assert response is not None, f"{method.upper()} {route} documents no {status}"
    schema = response["content"]["application/json"]["schema"]
    assert schema, f"{method.upper()} {route} {status} has an empty schema"
    validator = Draft202012Validator({**schema, "components": spec["components"]})
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{method.upper()} {route} {status}: " + "; ".join(
        f"{list(e.path)}: {e.message}" for e in errors[:5]
    )


@pytest.mark.parametrize(
    ("route", "url"),
    [
        ("/health", "/health"),
        ("/events", "/events?limit=3"),
        ("/api/events", "/api/events?source=RUS"),
        ("/events/{event_id}", "/events/e1"),
        ("/queries", "/queries"),
        ("/queries/{name}", "/queries/dyads"),
        ("/queries/{name}", "/queries/timeseries?interval=week"),
        ("/api/overview", "/api/overview"),
        ("/api/overview", "/api/overview?date_from=2030-01-01"),
        ("/api/timeseries", "/api/timeseries?source=RUS&target=CUB"),
        ("/api/network", "/api/network"),
        ("/api/articles/{doc_id}", "/api/articles/doc-a"),
    ],
)
def test_answers_match_the_openapi_document(
    client: TestClient, spec: dict[str, Any], route: str, url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    validate(spec, route, "get", 200, response.json())


@pytest.mark.parametrize(
    ("route", "method", "url", "status", "body"),
    [
        ("/events", "get", "/events?quad_class=7", 400, None),
        ("/api/network", "get", "/api/network?min_events=x", 400, None),
        ("/api/articles/{doc_id}", "get", "/api/articles/none", 404, None),
        ("/api/code", "post", "/api/code", 400, {"text": 1}),
    ],
)
def test_errors_match_the_documented_error_shape(
    client: TestClient,
    spec: dict[str, Any],
    route: str,
    method: str,
    url: str,
    status: int,
    body: dict[str, Any] | None,
) -> None:
    response = client.request(method.upper(), url, json=body)
    assert response.status_code == status
    validate(spec, route, method, status, response.json())


def test_every_json_route_is_in_the_document(spec: dict[str, Any]) -> None:
    documented = set(spec["paths"])
    assert {
        "/api/overview",
        "/api/events",
        "/api/timeseries",
        "/api/network",
        "/api/articles/{doc_id}",
        "/api/code",
    } <= documented
    assert not any(p in documented for p in ("/", "/browse", "/network", "/paste"))
    code = spec["paths"]["/api/code"]["post"]
    assert code["requestBody"]["content"]["application/json"]["schema"]
    assert {"413", "415", "422"} <= set(code["responses"])


def test_a_body_off_the_schema_is_caught(spec: dict[str, Any]) -> None:
    with pytest.raises(AssertionError, match="total"):
        validate(spec, "/api/events", "get", 200, {"events": [], "count": 0, "limit": 1})
    with pytest.raises(AssertionError, match="Additional properties"):
        validate(
            spec,
            "/health",
            "get",
            200,
            {
                "status": "ok",
                "version": "x",
                "counts": {"documents": 1, "events": 1, "failures": 0, "extra": 1},
            },
        )
