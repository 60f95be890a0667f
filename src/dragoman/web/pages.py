"""The dashboard's pages: server-rendered HTML, each with its JSON twin under ``/api``.

========================  ===================================  ==============================
page                      what it shows                        JSON twin
========================  ===================================  ==============================
``/``                     counts, timeline, most active,       ``/api/overview``
                          cooperative and conflictual pairs
``/browse``               events with the query filters        ``/api/events``
``/articles/{doc_id}``    the text, events highlighted         ``/api/articles/{doc_id}``
``/dyad``                 a pair (or an actor) over time       ``/api/timeseries``
``/network``              actors and the pairs between them    ``/api/network``
``/paste``                codes a pasted text, highlighted     ``POST /api/code``
========================  ===================================  ==============================

A page computes its data with the same :mod:`dragoman.views` function as its twin and embeds
it as JSON; the packaged script draws the charts from that with the vendored Apache ECharts.
Every table and figure is also in the HTML, so the pages read without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from dragoman.api_models import MAX_CODE_CHARS, CodeIn
from dragoman.errors import StoreError
from dragoman.store.queries import QUERIES
from dragoman.views import (
    NETWORK_PARAMS,
    OVERVIEW_PARAMS,
    QUAD_CLASSES,
    article,
    events_page,
    network,
    overview,
    timeseries,
)
from dragoman.web.highlight import segments

if TYPE_CHECKING:
    from dragoman.api import AppContext

#: The pages' Content-Security-Policy: everything from this server, no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

NAV: tuple[tuple[str, str], ...] = (
    ("/", "Overview"),
    ("/browse", "Events"),
    ("/dyad", "Dyads"),
    ("/network", "Network"),
    ("/paste", "Paste an article"),
    ("/docs", "API"),
)


def _actors(actors: list[Mapping[str, Any]] | None) -> str:
    """``RUS GOV (Sergei Lavrov), CUB`` for a list of actor dicts."""
    parts = []
    for a in actors or []:
        label = " ".join(x for x in (a.get("code"), a.get("sector")) if x) or a.get("text") or "?"
        if a.get("name"):
            label += f" ({a['name']})"
        parts.append(label)
    return ", ".join(parts)


def _number(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:+.{digits}f}" if digits else f"{value:.0f}"


def _goldstein_class(value: Any) -> str:
    """``neg`` or ``pos`` for a clearly conflictual or cooperative mean Goldstein score."""
    if value is None:
        return ""
    return "neg" if value <= -1 else "pos" if value >= 1 else ""


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dragoman.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["actors"] = _actors
    env.filters["num"] = _number
    env.filters["gs"] = _goldstein_class
    env.globals["NAV"] = NAV
    env.globals["QUADS"] = QUAD_CLASSES
    return env


def render(
    request: Request, template: str, *, status: int = 200, twin: str | None = None, **context: Any
) -> HTMLResponse:
    """A page from ``template``; ``twin`` is the URL of its JSON twin."""
    html = environment().get_template(template).render(path=request.url.path, twin=twin, **context)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})


def _query_string(request: Request) -> str:
    return f"?{request.url.query}" if request.url.query else ""


def _page(
    request: Request, build: Callable[[], HTMLResponse], *, title: str = "Error"
) -> HTMLResponse:
    """Run ``build``; a bad parameter or an unavailable store becomes an error page."""
    from dragoman.api import ApiError

    try:
        return build()
    except StoreError as exc:
        return render(
            request, "error.html", status=400, title=title, reason="bad-parameter", detail=str(exc)
        )
    except ApiError as exc:
        return render(
            request,
            "error.html",
            status=exc.status,
            title=title,
            reason=exc.reason,
            detail=exc.detail,
        )


def _with_page(params: Mapping[str, Any], offset: int) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "") and k != "offset"}
    if offset:
        kept["offset"] = offset
    return "?" + urlencode(kept) if kept else "?"


def install_dashboard(app: FastAPI, ctx: AppContext) -> None:
    """Add the dashboard's pages to ``app`` (the JSON twins are routes of :mod:`dragoman.api`)."""
    from dragoman.api import bind_params, bind_request, single_values

    opener = ctx.opener

    @app.get("/", include_in_schema=False)
    def overview_page(request: Request) -> HTMLResponse:
        def build() -> HTMLResponse:
            bound = bind_request("overview", OVERVIEW_PARAMS, request)
            with opener() as store:
                data = overview(store, bound)
            return render(
                request,
                "overview.html",
                title="Overview",
                data=data,
                twin="/api/overview" + _query_string(request),
            )

        return _page(request, build, title="Overview")

    @app.get("/browse", include_in_schema=False)
    def browse_page(request: Request) -> HTMLResponse:
        named = QUERIES["events"]

        def build() -> HTMLResponse:
            given = single_values(request)
            bound = bind_params(named, {k: v for k, v in given.items() if v != ""})
            with opener() as store:
                data = events_page(store, bound)
            offset, limit = bound["offset"], bound["limit"]
            return render(
                request,
                "browse.html",
                title="Events",
                data=data,
                params={p.name: p for p in named.params},
                given=given,
                previous=_with_page(given, max(0, offset - limit)) if offset else None,
                next=_with_page(given, offset + limit) if offset + limit < data["total"] else None,
                twin="/api/events" + _query_string(request),
            )

        return _page(request, build, title="Events")

    @app.get("/articles/{doc_id}", include_in_schema=False)
    def article_page(request: Request, doc_id: str = PathParam(max_length=256)) -> HTMLResponse:
        from dragoman.api import ApiError

        def build() -> HTMLResponse:
            bind_request("article", (), request)
            with opener() as store:
                data = article(store, doc_id)
            if data is None:
                raise ApiError(404, "unknown-document", f"no document {doc_id!r}")
            return _article(request, data, twin=f"/api/articles/{doc_id}")

        return _page(request, build, title="Article")

    @app.get("/dyad", include_in_schema=False)
    def dyad_page(request: Request) -> HTMLResponse:
        named = QUERIES["timeseries"]

        def build() -> HTMLResponse:
            given = {k: v for k, v in single_values(request).items() if v != ""}
            bound = bind_params(named, given)
            chosen = any(bound.get(k) for k in ("source", "target", "actor"))
            filters = {k: bound.get(k) for k in ("source", "target", "date_from", "date_to")}
            with opener() as store:
                data = timeseries(store, bound) if chosen else None
                listed = (
                    events_page(store, {**_event_defaults(), **filters, "limit": 50})
                    if chosen and not bound.get("actor")
                    else None
                )
                pairs = store.query("dyads", limit=30).dicts()
            return render(
                request,
                "dyad.html",
                title=_dyad_title(bound) if chosen else "Dyads",
                data=data,
                listed=listed,
                pairs=pairs,
                given=given,
                intervals=next(p for p in named.params if p.name == "interval").choices,
                twin=("/api/timeseries" + _query_string(request)) if chosen else None,
            )

        return _page(request, build, title="Dyads")

    @app.get("/network", include_in_schema=False)
    def network_page(request: Request) -> HTMLResponse:
        def build() -> HTMLResponse:
            bound = bind_request("network", NETWORK_PARAMS, request)
            with opener() as store:
                data = network(store, bound)
            return render(
                request,
                "network.html",
                title="Network",
                data=data,
                given=dict(request.query_params),
                twin="/api/network" + _query_string(request),
            )

        return _page(request, build, title="Network")

    @app.get("/paste", include_in_schema=False)
    def paste_form(request: Request) -> HTMLResponse:
        return _page(
            request,
            lambda: render(
                request,
                "paste.html",
                title="Paste an article",
                form={},
                error=None,
                max_chars=MAX_CODE_CHARS,
            ),
        )

    @app.post("/paste", include_in_schema=False)
    async def paste_page(request: Request) -> HTMLResponse:
        raw = (await request.body()).decode("utf-8", errors="replace")
        form = dict(parse_qsl(raw, keep_blank_values=True))
        return await _run_in_thread(lambda: _paste(request, ctx, form))


async def _run_in_thread(fn: Callable[[], HTMLResponse]) -> HTMLResponse:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn)


def _paste(request: Request, ctx: AppContext, form: Mapping[str, str]) -> HTMLResponse:
    """Code the pasted text (never stored) and show it like a stored article."""
    from dragoman.api import ApiError

    def again(status: int, error: str) -> HTMLResponse:
        return render(
            request,
            "paste.html",
            status=status,
            title="Paste an article",
            form=form,
            error=error,
            max_chars=MAX_CODE_CHARS,
        )

    text = form.get("text", "")
    kind = "html" if form.get("kind") == "html" else "text"
    try:
        request_body = CodeIn.model_validate(
            {
                kind: text,
                "date": dt.date.fromisoformat(form["date"]) if form.get("date") else None,
                "url": form.get("url") or None,
                "title": form.get("title") or None,
            }
        )
    except (ValidationError, ValueError) as exc:
        return again(400, _first_error(exc))
    try:
        data = ctx.code(request_body)
    except ApiError as exc:
        return again(exc.status, exc.detail)
    return _article(request, data, twin=None, pasted=True)


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err.get("loc", ()))
        return f"{where}: {err.get('msg')}" if where else str(err.get("msg"))
    return f"the date must be YYYY-MM-DD ({exc})"


def _article(
    request: Request, data: Mapping[str, Any], *, twin: str | None, pasted: bool = False
) -> HTMLResponse:
    title = data["doc"]["title"] or data["doc"]["doc_id"]
    return render(
        request,
        "article.html",
        title=title,
        data=data,
        segments=segments(data["text"], data["events"]),
        pasted=pasted,
        twin=twin,
    )


def _event_defaults() -> dict[str, Any]:
    return QUERIES["events"].bind({})


def _dyad_title(bound: Mapping[str, Any]) -> str:
    if bound.get("actor"):
        return f"{bound['actor']} over time"
    return f"{bound.get('source') or 'anyone'} → {bound.get('target') or 'anyone'} over time"
