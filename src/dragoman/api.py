"""The HTTP API and the dashboard: a FastAPI app over the store's named queries.

The API runs the same named queries as ``dragoman query`` and the dashboard
(:data:`dragoman.store.queries.QUERIES`); it writes no SQL of its own. The routes under
``/api`` are the JSON twins of the dashboard's pages (:mod:`dragoman.web`): a page and its
twin are computed by the same function of :mod:`dragoman.views`. ``POST /api/code`` codes a
text with the same pipeline as ``dragoman code`` and stores it only when asked. Every error,
of the API or of a page's twin, has one shape::

    {"error": {"status": 400, "reason": "bad-parameter", "detail": "parameter 'limit': ..."}}

=====  ===================  =====================================================================
code   reason               when
=====  ===================  =====================================================================
400    bad-parameter        a parameter is unknown, repeated, of the wrong type or out of range
400    bad-host             the ``Host`` header is not one the server was started for
404    unknown-query        ``/queries/{name}`` names no query
404    unknown-event        ``/events/{event_id}`` names no stored event
404    unknown-document     ``/api/articles/{doc_id}`` names no stored document
404    not-found            no such path
405    method-not-allowed   a method the path does not answer
413    payload-too-large    a request body above :data:`MAX_BODY_BYTES`
415    unsupported-media-   ``POST /api/code`` without ``Content-Type: application/json``
       type
422    (the failure's)      ``POST /api/code`` got a text that cannot be coded (empty, not English)
503    locked / store-      the store cannot be opened (another process writes it, or it is gone),
       unavailable /        or no spaCy pipeline is installed for ``POST /api/code``
       model-unavailable
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

import logging
import threading
import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Depends, FastAPI, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from dragoman import __version__
from dragoman.api_models import (
    ArticleOut,
    CodeIn,
    CodeOut,
    EventOut,
    EventsPage,
    HealthOut,
    Network,
    Overview,
    QueryList,
    QueryRows,
    Timeseries,
)
from dragoman.asgi import HttpGuard
from dragoman.errors import ModelError, StoreError
from dragoman.records import MediaType
from dragoman.settings import Settings, load_settings
from dragoman.store import NamedQuery, Param, Store, get_query, open_store, row_to_event_dict
from dragoman.store.queries import QUERIES
from dragoman.store.queries import bind_params as bind_declared
from dragoman.store.readers import SharedReader
from dragoman.views import (
    NETWORK_PARAMS,
    OVERVIEW_PARAMS,
    article,
    coded_article,
    events_page,
    network,
    overview,
    timeseries,
)

if TYPE_CHECKING:
    from dragoman.pipeline import BatchResult

log = logging.getLogger(__name__)

#: The most rows one request returns; a query's ``limit`` above this is a 400.
MAX_LIMIT = 10_000
#: The largest request body accepted (``POST /api/code``); larger is a 413.
MAX_BODY_BYTES = 4 * 1024 * 1024
#: The hosts a server bound to loopback answers (see :class:`dragoman.asgi.HttpGuard`).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

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
_CODE_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "Request body too large"},
    415: {"model": ErrorBody, "description": "Not a JSON body"},
    422: {"model": ErrorBody, "description": "The text cannot be coded (empty, not English)"},
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


def _openapi_params(params: Sequence[Param]) -> list[dict[str, Any]]:
    """OpenAPI query parameters generated from declared parameters, so the docs cannot drift."""
    out = []
    for p in params:
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


def single_values(request: Request) -> dict[str, str]:
    """The request's query parameters; a parameter given twice is a 400."""
    params: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in params:
            raise StoreError(f"parameter {key!r} is given more than once")
        params[key] = value
    return params


def _cap_limit(bound: dict[str, Any]) -> dict[str, Any]:
    if "limit" in bound:
        if bound["limit"] is None:
            bound["limit"] = MAX_LIMIT
        elif bound["limit"] > MAX_LIMIT:
            raise StoreError(f"parameter 'limit': {bound['limit']} is above {MAX_LIMIT}")
    return bound


def bind_params(named: NamedQuery, given: Mapping[str, Any]) -> dict[str, Any]:
    """Check ``given`` against ``named`` (StoreError: 400) and cap its ``limit``.

    A missing or empty ``limit`` takes the query's default, or :data:`MAX_LIMIT` when the
    query's default is "all rows"; a larger ``limit`` is refused.
    """
    return _cap_limit(named.bind(given))


def bind_request(name: str, params: Sequence[Param], request: Request) -> dict[str, Any]:
    """The query string of ``request`` checked against ``params`` (StoreError: 400)."""
    return _cap_limit(bind_declared(name, params, single_values(request)))


def _json_body_without_parameters(request: Request) -> None:
    """A POST body must say it is JSON (a form or a beacon from another site is refused)."""
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise ApiError(415, "unsupported-media-type", "send the body as application/json")
    bind_declared(request.url.path, (), single_values(request))


def _known_query(name: str) -> NamedQuery:
    try:
        return get_query(name)
    except StoreError as exc:
        raise ApiError(404, "unknown-query", str(exc)) from None


class _ReadWriteLock:
    """Many readers or one writer (DuckDB refuses a read-write and a read-only connection to
    one file in one process at the same time)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and self._readers == 0)
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class StoreOpener:
    """Opens the store for one request; maps store failures to 503 and 500.

    Reads share one read-only store (:class:`dragoman.store.readers.SharedReader`), handed back
    whenever a writer (``dragoman code`` or ``watch`` in another process) waits, so the
    dashboard stays up while news is coded. The 503 details name neither the store's path nor
    another process: they go to the log.
    """

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.reader = SharedReader(db_path)
        self._lock = _ReadWriteLock()

    @contextmanager
    def __call__(self) -> Iterator[Store]:
        """The store, read-only."""
        if not Path(self.db_path).is_file():
            log.error("no store at %s", self.db_path)
            raise ApiError(503, "store-unavailable", "no store to read (run dragoman code)")
        with self._lock.read(), ExitStack() as stack:
            try:
                store = stack.enter_context(self.reader.store())
            except StoreError as exc:
                raise _unavailable(exc) from exc
            try:
                yield store
            except StoreError as exc:
                raise ApiError(500, "query-failed", str(exc)) from exc

    @contextmanager
    def write(self) -> Iterator[Store]:
        """The store, read-write (for ``POST /api/code`` with ``store: true``); this server's
        own readers let go of the file first (DuckDB refuses both kinds in one process)."""
        with self._lock.write():
            self.reader.retire("a request writes")
            try:
                store = open_store(self.db_path)
            except StoreError as exc:
                raise _unavailable(exc) from exc
            try:
                yield store
            except StoreError as exc:
                raise ApiError(500, "query-failed", str(exc)) from exc
            finally:
                store.close()

    def close(self) -> None:
        self.reader.close()


def _unavailable(exc: StoreError) -> ApiError:
    log.error("cannot open the store: %s", exc)
    if exc.reason == "locked":
        return ApiError(503, "locked", "another process is writing the store; retry shortly")
    return ApiError(503, "store-unavailable", "the store cannot be opened")


@dataclass
class Coder:
    """Codes one posted text with the pipeline of ``dragoman code`` (one text at a time)."""

    settings: Settings | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: CodeIn) -> BatchResult:
        from dragoman.ingest.files import make_document
        from dragoman.pipeline import run_batch  # the spaCy side loads on the first text

        media: MediaType = "html" if request.html is not None else "text"
        body = request.html if request.html is not None else request.text
        item = make_document(
            (body or "").encode("utf-8"),
            request.url or "api",
            media,
            url=request.url,
            date=request.date.isoformat() if request.date else None,
            title=request.title,
        )
        with self._lock:
            if self.settings is None:
                self.settings = load_settings()
            try:
                return run_batch([item], self.settings)
            except ModelError as exc:
                log.error("cannot code: %s", exc)
                raise ApiError(
                    503, "model-unavailable", "no spaCy pipeline is installed to code texts"
                ) from exc


@dataclass(frozen=True)
class AppContext:
    """What the routes and pages share: the store opener and the coder."""

    opener: StoreOpener
    coder: Coder

    def code(self, request: CodeIn) -> dict[str, Any]:
        """Code ``request`` (and store it when asked): the coded article, or ApiError."""
        result = self.coder(request)
        if request.store:
            with self.opener.write() as store:
                store.write_batch(
                    result.articles, result.events, result.failures, run_id=uuid.uuid4().hex[:12]
                )
        if result.failures:
            first = result.failures[0]
            if first.stage == "code":
                raise ApiError(500, first.reason, "the coder failed on this text (see the log)")
            raise ApiError(422, first.reason, first.detail)
        return coded_article(result, stored=request.store)


def _install_error_handlers(app: FastAPI) -> None:
    async def on_api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.reason, exc.detail)

    async def on_store_error(request: Request, exc: Exception) -> JSONResponse:
        # StoreErrors that reach here come from checking parameters (opening and querying the
        # store are mapped to 503 and 500 by StoreOpener).
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


def static_dir() -> Path:
    """The packaged static files of the dashboard and of ``/docs`` (no CDN)."""
    return Path(str(resources.files("dragoman.web").joinpath("static")))


def _install_docs(app: FastAPI) -> None:
    vendor = "/static/vendor/swagger-ui"

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="dragoman API",
            swagger_js_url=f"{vendor}/swagger-ui-bundle.js",
            swagger_css_url=f"{vendor}/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )


def create_app(
    db_path: str | Path,
    *,
    settings: Settings | None = None,
    allowed_hosts: Collection[str] | None = None,
) -> FastAPI:
    """The HTTP API and the dashboard over the store at ``db_path`` (StoreError if there is
    none). ``settings`` are those for ``POST /api/code`` (default: :func:`load_settings`);
    with ``allowed_hosts``, requests for another ``Host`` are refused (see
    :data:`LOOPBACK_HOSTS`)."""
    path = Path(db_path).expanduser()
    if str(db_path) == ":memory:" or not path.is_file():
        raise StoreError(f"no store at {db_path} (run dragoman code first)")
    ctx = AppContext(StoreOpener(str(path)), Coder(settings))
    opener = ctx.opener
    events_query = QUERIES["events"]

    app = FastAPI(
        title="dragoman",
        version=__version__,
        description=(
            "Political event data (CAMEO and PLOVER) from the news. The endpoints run the same "
            "named queries as `dragoman query`; the `/api` routes are the JSON twins of the "
            "dashboard's pages. Every error is "
            '`{"error": {"status", "reason", "detail"}}`.'
        ),
        responses=_ERRORS,
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(HttpGuard, max_body=MAX_BODY_BYTES, allowed_hosts=allowed_hosts)
    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    _install_docs(app)

    @app.get("/health", summary="Liveness, version and table counts")
    def health() -> HealthOut:
        with opener() as store:
            counts = store.counts()
        return HealthOut.model_validate({"status": "ok", "version": __version__, "counts": counts})

    events_params = _openapi_params(events_query.params)

    @app.get(
        "/events",
        summary="Events matching filters (the `events` named query), with the total",
        openapi_extra={"parameters": events_params},
    )
    def events(request: Request) -> EventsPage:
        bound = bind_params(events_query, single_values(request))
        with opener() as store:
            return EventsPage.model_validate(events_page(store, bound))

    @app.get(
        "/api/events",
        summary="The event browser's JSON twin: events matching filters, with the total",
        openapi_extra={"parameters": events_params},
    )
    def api_events(request: Request) -> EventsPage:
        return events(request)

    @app.get("/events/{event_id}", summary="One event by id")
    def event(
        event_id: str = PathParam(max_length=256, description="The event's id."),
    ) -> EventOut:
        named = QUERIES["event"]
        with opener() as store:
            result = store.query(named.name, event_id=event_id)
        if not result.rows:
            raise ApiError(404, "unknown-event", f"no event {event_id!r}")
        return EventOut.model_validate(row_to_event_dict(result.rows[0], result.columns))

    @app.get("/queries", summary="The named queries, with their parameters")
    def queries() -> QueryList:
        return QueryList.model_validate({"queries": [query_info(q) for q in QUERIES.values()]})

    @app.get(
        "/queries/{name}",
        summary="Run a named query; its parameters go in the query string",
    )
    def run_query(
        request: Request,
        name: str = PathParam(description="A named query (see GET /queries)."),
    ) -> QueryRows:
        named = _known_query(name)
        bound = bind_params(named, single_values(request))
        with opener() as store:
            result = store.query(named.name, **bound)
        return QueryRows(
            name=named.name,
            columns=result.columns,
            rows=result.dicts(),
            count=len(result.rows),
        )

    @app.get(
        "/api/overview",
        summary="The overview page's JSON twin: counts, timeline, most active and "
        "most cooperative and conflictual pairs",
        openapi_extra={"parameters": _openapi_params(OVERVIEW_PARAMS)},
    )
    def api_overview(request: Request) -> Overview:
        bound = bind_request("overview", OVERVIEW_PARAMS, request)
        with opener() as store:
            return Overview.model_validate(overview(store, bound))

    timeseries_query = QUERIES["timeseries"]

    @app.get(
        "/api/timeseries",
        summary="Counts by quad class and Goldstein per day, week or month, for a dyad "
        "(source and target) or an actor",
        openapi_extra={"parameters": _openapi_params(timeseries_query.params)},
    )
    def api_timeseries(request: Request) -> Timeseries:
        bound = bind_params(timeseries_query, single_values(request))
        with opener() as store:
            return Timeseries.model_validate(timeseries(store, bound))

    @app.get(
        "/api/network",
        summary="Actors as nodes, source-target pairs as edges with counts and mean Goldstein",
        openapi_extra={"parameters": _openapi_params(NETWORK_PARAMS)},
    )
    def api_network(request: Request) -> Network:
        bound = bind_request("network", NETWORK_PARAMS, request)
        with opener() as store:
            return Network.model_validate(network(store, bound))

    @app.get(
        "/api/articles/{doc_id}",
        summary="A stored document's text with its events and their evidence offsets",
        responses={404: {"model": ErrorBody, "description": "No such document"}},
    )
    def api_article(
        request: Request,
        doc_id: str = PathParam(max_length=256, description="The document's id."),
    ) -> ArticleOut:
        bind_request("article", (), request)
        with opener() as store:
            found = article(store, doc_id)
        if found is None:
            raise ApiError(404, "unknown-document", f"no document {doc_id!r}")
        return ArticleOut.model_validate(found)

    @app.post(
        "/api/code",
        summary="Code a text or an HTML page into events (stored only with `store: true`)",
        responses=_CODE_ERRORS,
        dependencies=[Depends(_json_body_without_parameters)],
    )
    def api_code(body: CodeIn) -> CodeOut:
        return CodeOut.model_validate(ctx.code(body))

    from dragoman.web import install_dashboard

    install_dashboard(app, ctx)
    return app
