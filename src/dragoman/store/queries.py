"""Named queries: the one set of SQL that the CLI, the HTTP API and the dashboard share.

Each query is a :class:`NamedQuery` with fixed SQL and declared parameters. Every declared
parameter is always bound (``None`` when not given) and the SQL treats ``NULL`` as "no filter",
so a query's text never changes with its arguments: no SQL is ever built from user input.
Unknown query names, unknown parameters and values of the wrong type raise
:class:`~dragoman.errors.StoreError`.

Queries whose rows are events (``events``, ``event``, ``evidence``) start with the contract
columns in contract order, so :func:`row_to_event_dict` turns their rows back into exactly the
``Event.to_dict()`` shape.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Literal

from dragoman.errors import StoreError
from dragoman.records import EVENT_FIELDS

ParamKind = Literal["str", "int", "float", "bool", "date"]


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    kind: ParamKind
    description: str = ""
    default: Any = None
    required: bool = False
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def coerce(self, value: Any) -> Any:
        """The value converted to this parameter's type (strings from URLs and flags accepted)."""
        if value is None or value == "":
            if self.required:
                raise StoreError(f"parameter {self.name!r} is required")
            return None
        try:
            out = _COERCE[self.kind](value)
        except (TypeError, ValueError) as exc:
            raise StoreError(
                f"parameter {self.name!r}: expected {self.kind}, got {value!r}"
            ) from exc
        if self.choices and out not in self.choices:
            allowed = ", ".join(map(str, self.choices))
            raise StoreError(f"parameter {self.name!r}: {out!r} is not one of {allowed}")
        if self.minimum is not None and out < self.minimum:
            raise StoreError(f"parameter {self.name!r}: {out!r} is below {self.minimum}")
        if self.maximum is not None and out > self.maximum:
            raise StoreError(f"parameter {self.name!r}: {out!r} is above {self.maximum}")
        return out


# DuckDB binds integer parameters as BIGINT: a larger value would fail inside the query.
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError("bool is not an int")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError("not an integer")
    out = int(value)
    if not _INT64_MIN <= out <= _INT64_MAX:
        raise ValueError("outside the 64-bit integer range")
    return out


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError("bool is not a number")
    out = float(value)
    if not math.isfinite(out):
        raise ValueError("not a finite number")
    return out


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    low = str(value).strip().lower()
    if low in {"1", "true", "yes", "on"}:
        return True
    if low in {"0", "false", "no", "off"}:
        return False
    raise ValueError(value)


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


def _to_str(value: Any) -> str:
    if not isinstance(value, str | int | float):
        raise TypeError(type(value).__name__)
    return str(value)


_COERCE: dict[str, Any] = {
    "str": _to_str,
    "int": _to_int,
    "float": _to_float,
    "bool": _to_bool,
    "date": _to_date,
}


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query with a name, fixed SQL (``$name`` placeholders) and declared parameters."""

    name: str
    description: str
    sql: str
    params: tuple[Param, ...]
    returns_events: bool = False

    def bind(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Check and convert ``given`` into a complete parameter dict for :attr:`sql`."""
        return bind_params(self.name, self.params, given)


def bind_params(name: str, params: Sequence[Param], given: Mapping[str, Any]) -> dict[str, Any]:
    """Check ``given`` against the declared ``params`` of ``name`` (StoreError if wrong) and
    return every declared parameter, converted, with its default where it is not given."""
    known = {p.name: p for p in params}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise StoreError(
            f"{name!r} has no parameter {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(known) or 'none'}"
        )
    return {
        key: p.coerce(given[key]) if key in given else p.coerce(p.default)
        for key, p in known.items()
    }


# The contract columns, in contract order, then extras that row_to_event_dict ignores.
EVENT_COLUMNS: tuple[str, ...] = EVENT_FIELDS
_EVENT_COLUMNS_SQL = ",\n    ".join(f"e.{c}" for c in EVENT_COLUMNS)
_EVENT_FROM = """FROM events AS e
LEFT JOIN documents AS d ON d.doc_id = e.doc_id"""
EVENT_SELECT = f"""SELECT
    {_EVENT_COLUMNS_SQL},
    e.rule,
    d.coded_at,
    e.location_admin1,
    e.location_feature,
    e.source_code,
    e.target_code
{_EVENT_FROM}"""

_PAGE = (
    Param("limit", "int", "at most this many rows (none: all)", minimum=0),
    Param("offset", "int", "skip this many rows", default=0, minimum=0),
)
_DATES = (
    Param("date_from", "date", "first event date (YYYY-MM-DD), inclusive"),
    Param("date_to", "date", "last event date (YYYY-MM-DD), inclusive"),
)
_DATE_WHERE = """($date_from::DATE IS NULL OR e.date >= $date_from::DATE)
  AND ($date_to::DATE IS NULL OR e.date <= $date_to::DATE)"""
_ACTOR_PARAMS = (
    Param("source", "str", "a source actor's code starts with this (e.g. RUS)"),
    Param("target", "str", "a target actor's code starts with this"),
)
_ACTOR_WHERE = """($source::VARCHAR IS NULL
       OR len(list_filter(e.source, lambda a: starts_with(a.code, $source::VARCHAR))) > 0)
  AND ($target::VARCHAR IS NULL
       OR len(list_filter(e.target, lambda a: starts_with(a.code, $target::VARCHAR))) > 0)"""
_CODE_PARAMS = (
    Param("cameo_root", "str", "CAMEO root code, two digits (e.g. 04)"),
    Param("cameo", "str", "CAMEO code starts with this (e.g. 043)"),
    Param("plover", "str", "PLOVER event type (e.g. CONSULT)"),
    Param(
        "quad_class",
        "int",
        "1 verbal coop, 2 material coop, 3 verbal conflict, 4 material",
        choices=(1, 2, 3, 4),
    ),
    Param("all", "bool", "also the flagged events the default output leaves out", default=False),
)
_CODE_WHERE = """($cameo_root::VARCHAR IS NULL OR e.cameo_root = $cameo_root::VARCHAR)
  AND ($cameo::VARCHAR IS NULL OR starts_with(e.cameo, $cameo::VARCHAR))
  AND ($plover::VARCHAR IS NULL OR e.plover = upper($plover::VARCHAR))
  AND ($quad_class::INTEGER IS NULL OR e.quad_class = $quad_class::INTEGER)
  AND ($all::BOOLEAN OR e.flag IS NULL)"""

_EVENT_FILTER_WHERE = f"""{_DATE_WHERE}
  AND {_ACTOR_WHERE}
  AND {_CODE_WHERE}
  AND ($doc_id::VARCHAR IS NULL OR e.doc_id = $doc_id::VARCHAR)
  AND ($q::VARCHAR IS NULL OR contains(lower(e.sentence), lower($q::VARCHAR)))
  AND ($min_confidence::DOUBLE IS NULL OR e.confidence >= $min_confidence::DOUBLE)
  AND ($negated::BOOLEAN IS NULL OR e.negated = $negated::BOOLEAN)"""
_EVENT_FILTERS = (
    *_DATES,
    *_ACTOR_PARAMS,
    *_CODE_PARAMS,
    Param("doc_id", "str", "events of this document"),
    Param("q", "str", "the sentence contains this text (case-insensitive)"),
    Param("min_confidence", "float", "confidence at least this", minimum=0, maximum=1),
    Param("negated", "bool", "only negated (true) or only affirmed (false) events"),
)

_EVENTS = NamedQuery(
    name="events",
    description="Events matching filters, in date order.",
    sql=f"""{EVENT_SELECT}
WHERE {_EVENT_FILTER_WHERE}
ORDER BY
  CASE WHEN $order::VARCHAR = 'desc' THEN e.date END DESC NULLS LAST,
  e.date ASC NULLS LAST, e.doc_id, e.sentence_index, e.event_id
LIMIT $limit OFFSET $offset""",
    params=(
        *_EVENT_FILTERS,
        Param("order", "str", "date order", default="asc", choices=("asc", "desc")),
        Param("limit", "int", "at most this many rows (none: all)", default=100, minimum=0),
        Param("offset", "int", "skip this many rows", default=0, minimum=0),
    ),
    returns_events=True,
)

_EVENTS_COUNT = NamedQuery(
    name="events_count",
    description="How many events match the filters of the events query (the total for paging).",
    sql=f"""SELECT count(*) AS total
FROM events AS e
WHERE {_EVENT_FILTER_WHERE}""",
    params=_EVENT_FILTERS,
)

_COUNTS_BY_DAY = NamedQuery(
    name="counts_by_day",
    description="Events per day and category (PLOVER type, CAMEO root or quad class).",
    sql=f"""SELECT
    e.date AS date,
    CASE $by::VARCHAR
        WHEN 'cameo_root' THEN e.cameo_root
        WHEN 'quad_class' THEN CAST(e.quad_class AS VARCHAR)
        ELSE e.plover
    END AS category,
    count(*) AS n,
    avg(e.goldstein) AS goldstein_mean
FROM events AS e
WHERE e.date IS NOT NULL
  AND {_DATE_WHERE}
  AND {_ACTOR_WHERE}
  AND {_CODE_WHERE}
GROUP BY ALL
ORDER BY date, category NULLS LAST""",
    params=(
        *_DATES,
        *_ACTOR_PARAMS,
        *_CODE_PARAMS,
        Param(
            "by",
            "str",
            "category column",
            default="plover",
            choices=("plover", "cameo_root", "quad_class"),
        ),
    ),
)

_DYADS = NamedQuery(
    name="dyads",
    description=(
        "Source-target pairs (primary actors' codes) with event counts and Goldstein; "
        "the most active first, or the most cooperative or conflictual."
    ),
    sql=f"""SELECT
    e.source_code,
    e.target_code,
    count(*) AS n,
    sum(e.goldstein) AS goldstein_sum,
    avg(e.goldstein) AS goldstein_mean
FROM events AS e
WHERE e.source_code IS NOT NULL AND e.target_code IS NOT NULL
  AND {_DATE_WHERE}
  AND {_ACTOR_WHERE}
  AND {_CODE_WHERE}
GROUP BY ALL
HAVING count(*) >= $min_events::BIGINT
ORDER BY
  CASE $sort::VARCHAR
    WHEN 'cooperative' THEN -avg(e.goldstein)
    WHEN 'conflictual' THEN avg(e.goldstein)
    ELSE 0
  END,
  n DESC, e.source_code, e.target_code
LIMIT $limit OFFSET $offset""",
    params=(
        *_DATES,
        *_ACTOR_PARAMS,
        *_CODE_PARAMS,
        Param(
            "sort",
            "str",
            "most events first (n), or by mean Goldstein, highest (cooperative) or lowest first",
            default="n",
            choices=("n", "cooperative", "conflictual"),
        ),
        Param("min_events", "int", "pairs with at least this many events", default=1, minimum=1),
        *_PAGE,
    ),
)

_TOP_ACTORS = NamedQuery(
    name="top_actors",
    description="Actor codes by number of events they take part in (as source, target or both).",
    sql=f"""WITH filtered AS (
    SELECT e.event_id, e.goldstein, e.source, e.target
    FROM events AS e
    WHERE {_DATE_WHERE}
      AND {_CODE_WHERE}
),
mentions AS (
    SELECT DISTINCT event_id, goldstein, 'source' AS role, a.code AS code
    FROM filtered, unnest(filtered.source) AS s(a)
    UNION
    SELECT DISTINCT event_id, goldstein, 'target' AS role, a.code AS code
    FROM filtered, unnest(filtered.target) AS t(a)
)
SELECT
    code,
    count(DISTINCT event_id) AS n,
    count(DISTINCT event_id) FILTER (WHERE role = 'source') AS n_source,
    count(DISTINCT event_id) FILTER (WHERE role = 'target') AS n_target,
    avg(goldstein) AS goldstein_mean
FROM mentions
WHERE code IS NOT NULL AND ($role::VARCHAR IS NULL OR role = $role::VARCHAR)
GROUP BY code
ORDER BY n DESC, code
LIMIT $limit OFFSET $offset""",
    params=(
        *_DATES,
        *_CODE_PARAMS,
        Param("role", "str", "count only this role", choices=("source", "target")),
        Param("limit", "int", "at most this many rows (none: all)", default=50, minimum=0),
        Param("offset", "int", "skip this many rows", default=0, minimum=0),
    ),
)

_DOCUMENTS = NamedQuery(
    name="documents",
    description="Stored documents (without their text) with their number of events.",
    sql="""SELECT
    d.doc_id, d.source, d.url, d.title, d.date, d.author, d.publisher, d.language,
    length(d.text) AS chars, d.text_sha256, d.coded_at, coalesce(c.n, 0) AS n_events
FROM documents AS d
LEFT JOIN (SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id) AS c
    ON c.doc_id = d.doc_id
WHERE ($date_from::DATE IS NULL OR d.date >= $date_from::DATE)
  AND ($date_to::DATE IS NULL OR d.date <= $date_to::DATE)
  AND ($doc_id::VARCHAR IS NULL OR d.doc_id = $doc_id::VARCHAR)
  AND ($publisher::VARCHAR IS NULL OR d.publisher = $publisher::VARCHAR)
  AND ($q::VARCHAR IS NULL OR contains(lower(d.title), lower($q::VARCHAR)))
ORDER BY d.date DESC NULLS LAST, d.doc_id
LIMIT $limit OFFSET $offset""",
    params=(
        Param("date_from", "date", "first publication date, inclusive"),
        Param("date_to", "date", "last publication date, inclusive"),
        Param("doc_id", "str", "this document"),
        Param("publisher", "str", "documents of this publisher"),
        Param("q", "str", "the title contains this text (case-insensitive)"),
        Param("limit", "int", "at most this many rows (none: all)", default=100, minimum=0),
        Param("offset", "int", "skip this many rows", default=0, minimum=0),
    ),
)

_FAILURES = NamedQuery(
    name="failures",
    description="Documents that a stage could not handle, most recent first.",
    sql="""SELECT doc_id, source, stage, reason, detail, first_seen, last_seen, attempts
FROM failures
WHERE ($stage::VARCHAR IS NULL OR stage = $stage::VARCHAR)
  AND ($reason::VARCHAR IS NULL OR reason = $reason::VARCHAR)
  AND ($doc_id::VARCHAR IS NULL OR doc_id = $doc_id::VARCHAR)
ORDER BY last_seen DESC, doc_id, stage
LIMIT $limit OFFSET $offset""",
    params=(
        Param("stage", "str", "failures of this stage"),
        Param("reason", "str", "failures with this reason"),
        Param("doc_id", "str", "failures of this document"),
        Param("limit", "int", "at most this many rows (none: all)", default=100, minimum=0),
        Param("offset", "int", "skip this many rows", default=0, minimum=0),
    ),
)

_EVENT = NamedQuery(
    name="event",
    description="One event by id.",
    sql=f"""{EVENT_SELECT}
WHERE e.event_id = $event_id::VARCHAR""",
    params=(Param("event_id", "str", "the event's id", required=True),),
    returns_events=True,
)

_EVIDENCE = NamedQuery(
    name="evidence",
    description="One event with a window of its document's text around the evidence span.",
    sql=f"""SELECT
    {_EVENT_COLUMNS_SQL},
    e.rule,
    d.coded_at,
    e.location_admin1,
    e.location_feature,
    greatest(e.evidence_start - $window::INTEGER, 0) AS window_start,
    least(e.evidence_end + $window::INTEGER, length(d.text)) AS window_end,
    substr(
        d.text,
        greatest(e.evidence_start - $window::INTEGER, 0) + 1,
        least(e.evidence_end + $window::INTEGER, length(d.text))
            - greatest(e.evidence_start - $window::INTEGER, 0)
    ) AS window_text
{_EVENT_FROM}
WHERE e.event_id = $event_id::VARCHAR""",
    params=(
        Param("event_id", "str", "the event's id", required=True),
        Param(
            "window",
            "int",
            "characters of context on each side",
            default=300,
            minimum=0,
            maximum=20_000,
        ),
    ),
    returns_events=True,
)

_INTERVALS = ("day", "week", "month", "year")

_TIMESERIES = NamedQuery(
    name="timeseries",
    description=(
        "Events per day, week (from Monday) or month for a dyad or an actor: counts by quad "
        "class and Goldstein."
    ),
    sql=f"""SELECT
    CAST(date_trunc($interval::VARCHAR, e.date) AS DATE) AS period,
    count(*) AS n,
    sum(e.goldstein) AS goldstein_sum,
    avg(e.goldstein) AS goldstein_mean,
    count(*) FILTER (WHERE e.quad_class = 1) AS n_verbal_cooperation,
    count(*) FILTER (WHERE e.quad_class = 2) AS n_material_cooperation,
    count(*) FILTER (WHERE e.quad_class = 3) AS n_verbal_conflict,
    count(*) FILTER (WHERE e.quad_class = 4) AS n_material_conflict
FROM events AS e
WHERE e.date IS NOT NULL
  AND {_DATE_WHERE}
  AND {_ACTOR_WHERE}
  AND ($actor::VARCHAR IS NULL
       OR len(list_filter(list_concat(e.source, e.target),
                          lambda a: starts_with(a.code, $actor::VARCHAR))) > 0)
  AND {_CODE_WHERE}
GROUP BY period
ORDER BY period""",
    params=(
        *_DATES,
        *_ACTOR_PARAMS,
        Param("actor", "str", "a source or target actor's code starts with this"),
        *_CODE_PARAMS,
        Param("interval", "str", "period length", default="month", choices=_INTERVALS),
    ),
)

_SUMMARY = NamedQuery(
    name="summary",
    description="Totals for a period: events, documents, actors, first and last date, Goldstein.",
    sql=f"""WITH f AS (
    SELECT e.doc_id, e.date, e.goldstein, e.quad_class, e.source_code, e.target_code
    FROM events AS e
    WHERE {_DATE_WHERE}
)
SELECT
    count(*) AS events,
    count(DISTINCT doc_id) AS documents,
    (SELECT count(DISTINCT code)
     FROM (SELECT unnest([source_code, target_code]) AS code FROM f)) AS actors,
    min(date) AS first_date,
    max(date) AS last_date,
    avg(goldstein) AS goldstein_mean,
    count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
    count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
FROM f""",
    params=_DATES,
)

_ARTICLE = NamedQuery(
    name="article",
    description="One stored document with its clean text (evidence offsets point into it).",
    sql="""SELECT
    d.doc_id, d.source, d.url, d.title, d.date, d.author, d.publisher, d.language,
    d.text, d.coded_at
FROM documents AS d
WHERE d.doc_id = $doc_id::VARCHAR""",
    params=(Param("doc_id", "str", "the document's id", required=True),),
)

# One happening across reports: events of the same type (CAMEO root), the same primary actors
# (either order for meetings, root 04), the same country of place, whose dates are at most
# `window` days apart one after the other, are one happening; GDELT's NumMentions, NumSources
# and NumArticles are its events, outlets (publisher, else where the document came from) and
# documents. Every mention (document, sentence) stays in the events table. Like the default
# output, happenings are made of the events that are not flagged (`all` adds the others).
_HAPPENING_ROWS = """WITH keyed AS (
    SELECT e.event_id, e.doc_id, e.sentence_index, e.date, e.cameo, e.cameo_root,
           e.source_code, e.target_code, e.location,
           coalesce(d.publisher, d.source, e.doc_id) AS outlet,
           CASE WHEN e.cameo_root = '04' THEN least(e.source_code, e.target_code)
                ELSE e.source_code END AS k_source,
           CASE WHEN e.cameo_root = '04' THEN greatest(e.source_code, e.target_code)
                ELSE e.target_code END AS k_target,
           coalesce(e.location.country, '') AS k_country
    FROM events AS e LEFT JOIN documents AS d ON d.doc_id = e.doc_id
    WHERE e.date IS NOT NULL
      AND ($date_from::DATE IS NULL OR e.date >= $date_from::DATE)
      AND ($date_to::DATE IS NULL OR e.date <= $date_to::DATE)
      AND ($all::BOOLEAN OR e.flag IS NULL)
),
starts AS (
    SELECT *,
           CASE WHEN date - lag(date) OVER w <= $window::INTEGER THEN 0 ELSE 1 END AS opens
    FROM keyed
    WINDOW w AS (PARTITION BY cameo_root, k_source, k_target, k_country ORDER BY date, event_id)
),
numbered AS (
    SELECT *,
           sum(opens) OVER (
               PARTITION BY cameo_root, k_source, k_target, k_country
               ORDER BY date, event_id ROWS UNBOUNDED PRECEDING
           ) AS seq
    FROM starts
),
happenings AS (
    SELECT *,
           md5(concat_ws('|', cameo_root, k_source, k_target, k_country,
                         min(event_id) OVER (
                             PARTITION BY cameo_root, k_source, k_target, k_country, seq
                         )))[:16] AS happening_id
    FROM numbered
)"""

_HAPPENINGS = NamedQuery(
    name="happenings",
    description=(
        "One row per happening: events of one type, actors and country within a few days, "
        "from any number of reports, with GDELT's NumMentions, NumSources and NumArticles."
    ),
    sql=f"""{_HAPPENING_ROWS}
SELECT happening_id,
       min(date) AS date_first,
       max(date) AS date_last,
       cameo_root,
       mode(cameo) AS cameo,
       any_value(source_code) AS source_code,
       any_value(target_code) AS target_code,
       nullif(any_value(k_country), '') AS country,
       mode(location.name) AS place,
       count(*) AS num_mentions,
       count(DISTINCT outlet) AS num_sources,
       count(DISTINCT doc_id) AS num_articles,
       list({{'doc_id': doc_id, 'sentence_index': sentence_index, 'event_id': event_id}}
            ORDER BY date, doc_id, sentence_index) AS mentions
FROM happenings
WHERE ($source::VARCHAR IS NULL OR starts_with(source_code, $source::VARCHAR)
       OR starts_with(target_code, $source::VARCHAR))
  AND ($cameo_root::VARCHAR IS NULL OR cameo_root = $cameo_root::VARCHAR)
GROUP BY happening_id, cameo_root
HAVING count(DISTINCT doc_id) >= coalesce($min_articles::INTEGER, 1)
ORDER BY date_first, happening_id
LIMIT $limit OFFSET $offset""",
    params=(
        *_DATES,
        Param("window", "int", "days between reports of one happening", default=2, minimum=0),
        Param(
            "all", "bool", "also the flagged events the default output leaves out", default=False
        ),
        Param("source", "str", "an actor's code starts with this"),
        Param("cameo_root", "str", "CAMEO root code, two digits"),
        Param("min_articles", "int", "reported by at least this many articles", minimum=1),
        Param("limit", "int", "at most this many rows (none: all)", default=100, minimum=0),
        Param("offset", "int", "skip this many rows", default=0, minimum=0),
    ),
)

_EVENT_HAPPENINGS = NamedQuery(
    name="event_happenings",
    description="Each event's happening and that happening's mentions, sources and articles.",
    sql=f"""{_HAPPENING_ROWS}
SELECT event_id, happening_id,
       count(*) OVER h AS num_mentions,
       count(DISTINCT outlet) OVER h AS num_sources,
       count(DISTINCT doc_id) OVER h AS num_articles
FROM happenings
WINDOW h AS (PARTITION BY happening_id)
ORDER BY event_id
LIMIT $limit OFFSET $offset""",
    params=(
        *_DATES,
        Param("window", "int", "days between reports of one happening", default=2, minimum=0),
        Param(
            "all", "bool", "also the flagged events the default output leaves out", default=False
        ),
        *_PAGE,
    ),
)

# dragoman's events and imported GDELT events for the same source URLs (a document without a
# URL is known by its id, as the GDELT export writes it), matched by CAMEO root
# and the country codes of the two actors (GDELT's Actor CountryCode, else its code's first three
# letters; dragoman's primary actors' codes).
_GDELT_SIDES = """WITH ours AS (
    SELECT coalesce(d.url, e.doc_id) AS url, e.cameo_root AS root,
           left(e.source_code, 3) AS actor1, left(e.target_code, 3) AS actor2, count(*) AS n
    FROM events AS e LEFT JOIN documents AS d ON d.doc_id = e.doc_id
    WHERE ($date_from::DATE IS NULL OR e.date >= $date_from::DATE)
      AND ($date_to::DATE IS NULL OR e.date <= $date_to::DATE)
    GROUP BY ALL
),
theirs AS (
    SELECT g.SOURCEURL AS url, g.EventRootCode AS root,
           coalesce(nullif(g.Actor1CountryCode, ''), left(g.Actor1Code, 3)) AS actor1,
           coalesce(nullif(g.Actor2CountryCode, ''), left(g.Actor2Code, 3)) AS actor2,
           count(*) AS n
    FROM gdelt_events AS g
    WHERE ($date_from::DATE IS NULL
           OR g.SQLDATE >= CAST(strftime($date_from::DATE, '%Y%m%d') AS INTEGER))
      AND ($date_to::DATE IS NULL
           OR g.SQLDATE <= CAST(strftime($date_to::DATE, '%Y%m%d') AS INTEGER))
    GROUP BY ALL
),
shared AS (SELECT url FROM ours INTERSECT SELECT url FROM theirs),
pairs AS (
    SELECT coalesce(o.url, t.url) AS url,
           coalesce(o.root, t.root) AS cameo_root,
           coalesce(o.actor1, t.actor1) AS actor1,
           coalesce(o.actor2, t.actor2) AS actor2,
           coalesce(o.n, 0) AS n_dragoman,
           coalesce(t.n, 0) AS n_gdelt
    FROM (SELECT * FROM ours WHERE url IN (SELECT url FROM shared)) AS o
    FULL OUTER JOIN (SELECT * FROM theirs WHERE url IN (SELECT url FROM shared)) AS t
      ON o.url = t.url AND o.root = t.root
     AND o.actor1 IS NOT DISTINCT FROM t.actor1 AND o.actor2 IS NOT DISTINCT FROM t.actor2
)"""

_GDELT_COMPARE = NamedQuery(
    name="gdelt_compare",
    description=(
        "dragoman's events beside imported GDELT events for the same source URLs: one row per "
        "URL, CAMEO root and actor pair, with counts on each side and agree / dragoman_only / "
        "gdelt_only."
    ),
    sql=f"""{_GDELT_SIDES}
SELECT url, cameo_root, actor1, actor2, n_dragoman, n_gdelt,
       CASE WHEN n_dragoman > 0 AND n_gdelt > 0 THEN 'agree'
            WHEN n_dragoman > 0 THEN 'dragoman_only' ELSE 'gdelt_only' END AS status
FROM pairs
WHERE ($url::VARCHAR IS NULL OR url = $url::VARCHAR)
  AND ($cameo_root::VARCHAR IS NULL OR cameo_root = $cameo_root::VARCHAR)
ORDER BY url, cameo_root, actor1 NULLS LAST, actor2 NULLS LAST
LIMIT $limit OFFSET $offset""",
    params=(
        *_DATES,
        Param("url", "str", "this source URL only"),
        Param("cameo_root", "str", "CAMEO root code, two digits"),
        *_PAGE,
    ),
)

_GDELT_AGREEMENT = NamedQuery(
    name="gdelt_agreement",
    description=(
        "Agreement with imported GDELT events on shared source URLs, by CAMEO root or by actor "
        "pair: how many event groups both code, only dragoman codes, only GDELT codes."
    ),
    sql=f"""{_GDELT_SIDES}
SELECT CASE $by::VARCHAR WHEN 'dyad' THEN concat_ws('-', actor1, actor2) ELSE cameo_root END
           AS category,
       count(*) FILTER (WHERE n_dragoman > 0 AND n_gdelt > 0) AS agree,
       count(*) FILTER (WHERE n_dragoman > 0 AND n_gdelt = 0) AS dragoman_only,
       count(*) FILTER (WHERE n_dragoman = 0 AND n_gdelt > 0) AS gdelt_only,
       count(DISTINCT url) AS urls
FROM pairs
GROUP BY ALL
ORDER BY agree + dragoman_only + gdelt_only DESC, category
LIMIT $limit OFFSET $offset""",
    params=(
        *_DATES,
        Param("by", "str", "group by", default="cameo_root", choices=("cameo_root", "dyad")),
        *_PAGE,
    ),
)

_RUNS = NamedQuery(
    name="runs",
    description=(
        "Runs of code and watch, most recent first: status running, finished, stopped, failed"
        " or interrupted (the process was killed; a rerun resumes it), and what each stored."
    ),
    sql="""SELECT run_id, coalesce(status, 'finished') AS status, started, finished,
       counts.documents AS documents, counts.events AS events, counts.failures AS failures,
       coder_version
FROM runs
WHERE ($status::VARCHAR IS NULL OR coalesce(status, 'finished') = $status::VARCHAR)
ORDER BY started DESC, run_id
LIMIT $limit OFFSET $offset""",
    params=(
        Param(
            "status",
            "str",
            "runs with this status",
            choices=("running", "finished", "stopped", "failed", "interrupted"),
        ),
        Param("limit", "int", "at most this many rows (none: all)", default=100, minimum=0),
        Param("offset", "int", "skip this many rows", default=0, minimum=0),
    ),
)

QUERIES: Mapping[str, NamedQuery] = MappingProxyType(
    {
        q.name: q
        for q in (
            _EVENTS,
            _EVENTS_COUNT,
            _COUNTS_BY_DAY,
            _DYADS,
            _TOP_ACTORS,
            _DOCUMENTS,
            _FAILURES,
            _EVENT,
            _EVIDENCE,
            _TIMESERIES,
            _SUMMARY,
            _ARTICLE,
            _GDELT_COMPARE,
            _GDELT_AGREEMENT,
            _HAPPENINGS,
            _EVENT_HAPPENINGS,
            _RUNS,
        )
    }
)


def get_query(name: str) -> NamedQuery:
    """The named query ``name``, or StoreError listing the names there are."""
    try:
        return QUERIES[name]
    except KeyError:
        raise StoreError(
            f"unknown query {name!r}; named queries: {', '.join(sorted(QUERIES))}"
        ) from None


def _actor(a: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "text": a.get("text"),
        "code": a.get("code"),
        "sector": a.get("sector"),
        "name": a.get("name"),
        "kind": a.get("kind"),
    }


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()[:10]
    return str(value)


def row_to_event_dict(
    row: Mapping[str, Any] | Sequence[Any], columns: Sequence[str] | None = None
) -> dict[str, Any]:
    """A stored event row back to exactly the ``Event.to_dict()`` shape (the ``--jsonl`` line).

    ``row`` is a mapping of column names to values, or a sequence with ``columns`` (default:
    the contract columns first, as the event queries select them). Extra columns are ignored.
    """
    if not isinstance(row, Mapping):
        names = EVENT_COLUMNS if columns is None else tuple(columns)
        row = dict(zip(names, row, strict=False))
    missing = [c for c in EVENT_COLUMNS if c not in row]
    if missing:
        raise StoreError(f"not an event row: missing {', '.join(missing)}")
    loc = row["location"]
    ev = row["evidence"] or {}
    doc = row["doc"] or {}
    return {
        "event_id": row["event_id"],
        "doc_id": row["doc_id"],
        "sentence_index": row["sentence_index"],
        "sentence": row["sentence"],
        "date": _iso(row["date"]),
        "date_precision": row["date_precision"],
        "cameo": row["cameo"],
        "cameo_root": row["cameo_root"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "plover": row["plover"],
        "plover_mode": row["plover_mode"],
        "plover_context": list(row["plover_context"] or []),
        "source": [_actor(a) for a in row["source"] or []],
        "target": [_actor(a) for a in row["target"] or []],
        "location": (
            {
                "name": loc.get("name"),
                "country": loc.get("country"),
                "lat": loc.get("lat"),
                "lon": loc.get("lon"),
                "admin1": row.get("location_admin1"),
                "feature": row.get("location_feature"),
            }
            if loc is not None
            else None
        ),
        "quantities": [
            {
                "kind": q.get("kind"),
                "value": q.get("value"),
                "unit": q.get("unit"),
                "text": q.get("text"),
            }
            for q in row["quantities"] or []
        ],
        "negated": row["negated"],
        "modality": row["modality"],
        "historical": bool(row.get("historical") or False),
        "confidence": row["confidence"],
        "evidence": {"start": ev.get("start"), "end": ev.get("end"), "text": ev.get("text")},
        "doc": {
            "url": doc.get("url"),
            "title": doc.get("title"),
            "publisher": doc.get("publisher"),
            "published": doc.get("published"),
        },
        "coder_version": row["coder_version"],
        "flag": row.get("flag"),
    }
