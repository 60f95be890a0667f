"""The HTTP API: a read-only FastAPI app over the store's named queries.

The API runs the same named queries as ``dragoman query`` and the dashboard
(:data:`dragoman.store.queries.QUERIES`); it writes no SQL of its own. Every response is JSON,
and every error has one shape::

    {"error": {"status": 400, "reason": "bad-parameter", "detail": "parameter 'limit': ..."}}

=====  ===================  =====================================================================
code   reason               when
=====  ===================  =====================================================================
400    bad-parameter        a parameter is unknown, repeated, of the wrong type or out of range
404    unknown-query        ``/queries/{name}`` names no query
404    unknown-event        ``/events/{event_id}`` names no stored event
404    not-found            no such path
405    method-not-allowed   anything but GET
503    locked / store-      the store cannot be opened (another process writes it, or it is gone)
       unavailable
500    query-failed /       a query failed in DuckDB, or a bug (logged on the server)
       internal
=====  ===================  =====================================================================

The app reads the store through one shared read-only connection
(:class:`dragoman.store.readers.SharedReader`), which it hands back whenever a writer
(``dragoman code`` or ``watch`` on the same file) waits: the writer commits its batch, and the
next request sees it. A request waits for at most one batch write; only a writer that keeps
the file for more than 15 s gives a 503 with reason ``locked``.

::

    dragoman serve --db dragoman.duckdb --port 8000
    curl 'http://127.0.0.1:8000/events?source=RUS&cameo_root=04&limit=10'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from dragoman import __version__
from dragoman.errors import StoreError
from dragoman.store import NamedQuery, Param, Store, get_query, row_to_event_dict
from dragoman.store.queries import QUERIES
from dragoman.store.readers import SharedReader

#: The most rows one request returns; a query's ``limit`` above this is a 400.
MAX_LIMIT = 10_000

_OPENAPI_TYPES: Mapping[str, Mapping[str, str]] = {
    "str": {"type": "string"},
    "int": {"type": "integer"},
    "float": {"type": "number"},
    "bool": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
}


class ErrorDetail(BaseModel):
    status: int
    reason: str
    detail: str


class ErrorBody(BaseModel):
    """The one error shape of the API."""

    error: ErrorDetail


class ApiError(Exception):
    """An error response with a status, a machine-readable reason and a human detail."""

    def __init__(self, status: int, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.reason = reason
        self.detail = detail


def error_response(status: int, reason: str, detail: str) -> JSONResponse:
    """The one error shape: ``{"error": {"status", "reason", "detail"}}``."""
    body = ErrorBody(error=ErrorDetail(status=status, reason=reason, detail=detail))
    return JSONResponse(body.model_dump(), status_code=status)


def _reason_for(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "-")
    except ValueError:
        return "error"


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad parameter"},
    404: {"model": ErrorBody, "description": "Not found"},
    500: {"model": ErrorBody, "description": "Query failed"},
    503: {"model": ErrorBody, "description": "Store unavailable (locked or missing)"},
}


def param_info(p: Param) -> dict[str, Any]:
    """A named query's parameter as JSON (what ``GET /queries`` lists)."""
    return {
        "name": p.name,
        "type": p.kind,
        "description": p.description,
        "default": p.default,
        "required": p.required,
        "choices": list(p.choices),
        "minimum": p.minimum,
        "maximum": MAX_LIMIT if p.name == "limit" else p.maximum,
    }


def query_info(q: NamedQuery) -> dict[str, Any]:
    """A named query as JSON: name, description, whether rows are events, parameters."""
    return {
        "name": q.name,
        "description": q.description,
        "returns_events": q.returns_events,
        "params": [param_info(p) for p in q.params],
    }


def _openapi_params(q: NamedQuery) -> list[dict[str, Any]]:
    """OpenAPI query parameters generated from a named query, so the docs cannot drift."""
    out = []
    for p in q.params:
        info = param_info(p)
        schema: dict[str, Any] = dict(_OPENAPI_TYPES[p.kind])
        for key, name in (("default", "default"), ("minimum", "minimum"), ("maximum", "maximum")):
            if info[name] is not None:
                schema[key] = info[name]
        if p.choices:
            schema["enum"] = list(p.choices)
        out.append(
            {
                "name": p.name,
                "in": "query",
                "required": p.required,
                "description": p.description,
                "schema": schema,
            }
        )
    return out


def _single_values(request: Request) -> dict[str, str]:
    """The request's query parameters; a parameter given twice is a 400."""
    params: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in params:
            raise StoreError(f"parameter {key!r} is given more than once")
        params[key] = value
    return params


def bind_params(named: NamedQuery, given: Mapping[str, Any]) -> dict[str, Any]:
    """Check ``given`` against ``named`` (StoreError: 400) and cap its ``limit``.

    A missing or empty ``limit`` takes the query's default, or :data:`MAX_LIMIT` when the
    query's default is "all rows"; a larger ``limit`` is refused.
    """
    bound = named.bind(given)
    if "limit" in bound:
        if bound["limit"] is None:
            bound["limit"] = MAX_LIMIT
        elif bound["limit"] > MAX_LIMIT:
            raise StoreError(f"parameter 'limit': {bound['limit']} is above {MAX_LIMIT}")
    return bound


def _known_query(name: str) -> NamedQuery:
    try:
        return get_query(name)
    except StoreError as exc:
        raise ApiError(404, "unknown-query", str(exc)) from None


class _StoreOpener:
    """The shared read-only store for one request; maps store failures to 503 and 500."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.reader = SharedReader(db_path)

    @contextmanager
    def __call__(self) -> Iterator[Store]:
        with ExitStack() as stack:
            try:
                store = stack.enter_context(self.reader.store())
            except StoreError as exc:
                reason = "locked" if exc.reason == "locked" else "store-unavailable"
                raise ApiError(503, reason, str(exc)) from exc
            try:
                yield store
            except StoreError as exc:
                raise ApiError(500, "query-failed", str(exc)) from exc


def _install_error_handlers(app: FastAPI) -> None:
    async def on_api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.reason, exc.detail)

    async def on_store_error(request: Request, exc: Exception) -> JSONResponse:
        # StoreErrors that reach here come from checking parameters (opening and querying the
        # store are mapped to 503 and 500 by _StoreOpener).
        return error_response(400, "bad-parameter", str(exc))

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        detail = "; ".join(
            f"{'.'.join(str(x) for x in err.get('loc', ()))}: {err.get('msg', 'invalid')}"
            for err in exc.errors()
        )
        return error_response(400, "bad-parameter", detail or "invalid request")

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        response = error_response(exc.status_code, _reason_for(exc.status_code), str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Starlette re-raises the exception after this response, so the server logs it once.
        return error_response(500, "internal", "internal server error (see the server log)")

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StoreError, on_store_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)


def create_app(db_path: str | Path) -> FastAPI:
    """The read-only HTTP API over the store at ``db_path`` (StoreError if there is none)."""
    path = Path(db_path).expanduser()
    if str(db_path) == ":memory:" or not path.is_file():
        raise StoreError(f"no store at {db_path} (run dragoman code first)")
    opener = _StoreOpener(str(path))
    events_query = QUERIES["events"]

    app = FastAPI(
        title="dragoman",
        version=__version__,
        description=(
            "Political event data (CAMEO and PLOVER) from the news, read-only. The endpoints "
            "run the same named queries as `dragoman query`. Every error is "
            '`{"error": {"status", "reason", "detail"}}`.'
        ),
        responses=_ERRORS,
    )
    _install_error_handlers(app)

    @app.get("/health", summary="Liveness, version and table counts")
    def health() -> dict[str, Any]:
        with opener() as store:
            counts = store.counts()
        return {"status": "ok", "version": __version__, "counts": counts}

    @app.get(
        "/events",
        summary="Events matching filters (the `events` named query)",
        openapi_extra={"parameters": _openapi_params(events_query)},
    )
    def events(request: Request) -> dict[str, Any]:
        bound = bind_params(events_query, _single_values(request))
        with opener() as store:
            found = store.events(**bound)
        return {
            "events": found,
            "count": len(found),
            "limit": bound["limit"],
            "offset": bound["offset"],
        }

    @app.get("/events/{event_id}", summary="One event by id")
    def event(
        event_id: str = PathParam(max_length=256, description="The event's id."),
    ) -> dict[str, Any]:
        named = QUERIES["event"]
        with opener() as store:
            result = store.query(named.name, event_id=event_id)
        if not result.rows:
            raise ApiError(404, "unknown-event", f"no event {event_id!r}")
        return row_to_event_dict(result.rows[0], result.columns)

    @app.get("/queries", summary="The named queries, with their parameters")
    def queries() -> dict[str, Any]:
        return {"queries": [query_info(q) for q in QUERIES.values()]}

    @app.get(
        "/queries/{name}",
        summary="Run a named query; its parameters go in the query string",
    )
    def run_query(
        request: Request,
        name: str = PathParam(description="A named query (see GET /queries)."),
    ) -> dict[str, Any]:
        named = _known_query(name)
        bound = bind_params(named, _single_values(request))
        with opener() as store:
            result = store.query(named.name, **bound)
        return {
            "name": named.name,
            "columns": result.columns,
            "rows": result.dicts(),
            "count": len(result.rows),
        }

    return app
