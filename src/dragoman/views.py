"""The answers of the API's ``/api`` routes, which the dashboard's pages also render.

Each function takes an open store and already checked parameters, runs named queries
(:mod:`dragoman.store.queries`; no SQL here) and returns plain JSON-ready dicts in the shapes
of :mod:`dragoman.api_models`. A page and its JSON twin call the same function, so they cannot
disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dragoman.records import Article, Event
from dragoman.store import Param, Store, row_to_event_dict
from dragoman.store.queries import QUERIES

if TYPE_CHECKING:
    from dragoman.pipeline import BatchResult

#: The four quad classes, in CAMEO order, with the column that counts each in a timeseries.
QUAD_CLASSES: tuple[tuple[int, str, str], ...] = (
    (1, "verbal cooperation", "n_verbal_cooperation"),
    (2, "material cooperation", "n_material_cooperation"),
    (3, "verbal conflict", "n_verbal_conflict"),
    (4, "material conflict", "n_material_conflict"),
)

_DATES = tuple(p for p in QUERIES["summary"].params)
_INTERVAL = next(p for p in QUERIES["timeseries"].params if p.name == "interval")

#: Parameters of ``/api/overview``.
OVERVIEW_PARAMS: tuple[Param, ...] = (
    *_DATES,
    Param(
        "interval",
        "str",
        "timeline period (default: day, week or month, by the span of the dates)",
        choices=_INTERVAL.choices,
    ),
    Param(
        "min_events",
        "int",
        "a pair needs this many events to rank among the most cooperative or conflictual",
        default=2,
        minimum=1,
        maximum=1_000_000,
    ),
)

_DYAD_PARAMS = {p.name: p for p in QUERIES["dyads"].params}
#: Parameters of ``/api/network`` (those of the ``dyads`` query that make sense for a graph).
NETWORK_PARAMS: tuple[Param, ...] = (
    *(
        _DYAD_PARAMS[name]
        for name in ("date_from", "date_to", "cameo_root", "cameo", "plover", "quad_class")
    ),
    _DYAD_PARAMS["min_events"],
    Param("limit", "int", "at most this many pairs, the most active first", default=300, minimum=0),
)

#: The filters of ``events`` that ``events_count`` shares (all but order and paging).
COUNT_FILTERS: frozenset[str] = frozenset(p.name for p in QUERIES["events_count"].params)


def jsonable(value: Any) -> Any:
    """Dates and timestamps as ISO strings (days for dates), everything else as is."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _rows(store: Store, name: str, **params: Any) -> list[dict[str, Any]]:
    return [{k: jsonable(v) for k, v in row.items()} for row in store.query(name, **params).dicts()]


def auto_interval(first: str | None, last: str | None) -> str:
    """Days for up to two months of events, weeks for up to two years, else months."""
    if not first or not last:
        return "month"
    days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    if days <= 62:
        return "day"
    return "week" if days <= 731 else "month"


def events_page(store: Store, bound: Mapping[str, Any]) -> dict[str, Any]:
    """A page of events with the total that match (``bound``: the ``events`` parameters)."""
    result = store.query("events", **bound)
    total = store.query("events_count", **{k: v for k, v in bound.items() if k in COUNT_FILTERS})
    return {
        "events": [row_to_event_dict(row, result.columns) for row in result.rows],
        "count": len(result.rows),
        "total": int(total.rows[0][0]),
        "limit": bound["limit"],
        "offset": bound["offset"],
    }


def overview(store: Store, bound: Mapping[str, Any]) -> dict[str, Any]:
    """Counts, the timeline and the most active, cooperative and conflictual pairs.

    A pair ranks as cooperative only with a positive mean Goldstein score, as conflictual only
    with a negative one, and in either list only with ``min_events`` events or more.
    """
    dates = {"date_from": bound.get("date_from"), "date_to": bound.get("date_to")}
    (summary,) = _rows(store, "summary", **dates)
    interval = bound.get("interval") or auto_interval(summary["first_date"], summary["last_date"])
    min_events = bound.get("min_events") or 2
    return {
        "date_from": jsonable(dates["date_from"]),
        "date_to": jsonable(dates["date_to"]),
        "summary": summary,
        "counts": store.counts(),
        "interval": interval,
        "timeline": _rows(store, "timeseries", interval=interval, **dates),
        "top_dyads": _rows(store, "dyads", limit=10, **dates),
        "cooperative": [
            d
            for d in _rows(
                store, "dyads", sort="cooperative", min_events=min_events, limit=5, **dates
            )
            if (d["goldstein_mean"] or 0) > 0
        ],
        "conflictual": [
            d
            for d in _rows(
                store, "dyads", sort="conflictual", min_events=min_events, limit=5, **dates
            )
            if (d["goldstein_mean"] or 0) < 0
        ],
        "min_events": min_events,
    }


def timeseries(store: Store, bound: Mapping[str, Any]) -> dict[str, Any]:
    """Counts by quad class and Goldstein per period (``bound``: the ``timeseries`` parameters)."""
    return {
        "source": bound.get("source"),
        "target": bound.get("target"),
        "actor": bound.get("actor"),
        "interval": bound["interval"],
        "date_from": jsonable(bound.get("date_from")),
        "date_to": jsonable(bound.get("date_to")),
        "points": _rows(store, "timeseries", **bound),
    }


def network(store: Store, bound: Mapping[str, Any]) -> dict[str, Any]:
    """Actors as nodes and directed pairs as edges; an actor's events with itself are left out."""
    pairs = _rows(store, "dyads", **bound)
    edges = [
        {
            "source": p["source_code"],
            "target": p["target_code"],
            "n": p["n"],
            "goldstein_sum": p["goldstein_sum"],
            "goldstein_mean": p["goldstein_mean"],
        }
        for p in pairs
        if p["source_code"] != p["target_code"]
    ]
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for role in ("source", "target"):
            node = nodes.setdefault(
                edge[role], {"id": edge[role], "n": 0, "n_source": 0, "n_target": 0}
            )
            node["n"] += edge["n"]
            node[f"n_{role}"] += edge["n"]
    return {
        "date_from": jsonable(bound.get("date_from")),
        "date_to": jsonable(bound.get("date_to")),
        "min_events": bound["min_events"],
        "nodes": sorted(nodes.values(), key=lambda n: (-n["n"], n["id"])),
        "edges": edges,
    }


def article(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A stored document's text with its events (and their rules), or None."""
    found = store.query("article", doc_id=doc_id)
    if not found.rows:
        return None
    doc = {k: jsonable(v) for k, v in found.dicts()[0].items()}
    text = doc.pop("text") or ""
    result = store.query("events", doc_id=doc_id, limit=None)
    events = []
    for row in result.rows:
        event = row_to_event_dict(row, result.columns)
        event["rule"] = row[result.columns.index("rule")]
        events.append(event)
    return {"doc": doc, "text": text, "events": _in_text_order(events)}


def _in_text_order(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    def key(e: dict[str, Any]) -> tuple[int, int, str]:
        start = e["evidence"]["start"]
        return (start if start is not None else -1, e["sentence_index"] or 0, e["event_id"])

    return sorted(events, key=key)


def _article_doc(a: Article) -> dict[str, Any]:
    return {
        "doc_id": a.doc_id,
        "source": a.source,
        "url": a.url,
        "title": a.title,
        "date": a.date,
        "author": a.author,
        "publisher": a.publisher,
        "language": a.language,
        "coded_at": None,
    }


def _explained(event: Event) -> dict[str, Any]:
    return {**event.to_dict(), "rule": event.rule or None}


def coded_article(result: BatchResult, *, stored: bool) -> dict[str, Any]:
    """The one article of a coded batch, as :func:`article` shows a stored one."""
    (coded,) = result.articles
    return {
        "doc": _article_doc(coded),
        "text": coded.text,
        "events": _in_text_order([_explained(e) for e in result.events]),
        "stored": stored,
    }
