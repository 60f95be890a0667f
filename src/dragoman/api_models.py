"""The shapes of the HTTP API's answers and requests, as pydantic models.

They are the OpenAPI document's schemas (``/openapi.json``): FastAPI checks every answer
against them before sending it, and a test checks real answers against the published schema.
Models of records that the store returns forbid unknown fields, so a column added to a query
without its model fails loudly instead of leaking into the API unannounced.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: The longest text or HTML that ``POST /api/code`` accepts, in characters.
MAX_CODE_CHARS = 500_000


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorOut(_Closed):
    text: str | None
    code: str | None
    sector: str | None
    name: str | None
    kind: str | None


class LocationOut(_Closed):
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    admin1: str | None = None
    feature: str | None = None


class QuantityOut(_Closed):
    kind: str | None
    value: float | None
    unit: str | None
    text: str | None


class EvidenceOut(_Closed):
    start: int | None
    end: int | None
    text: str | None


class DocInfoOut(_Closed):
    url: str | None
    title: str | None
    publisher: str | None
    published: str | None


class EventOut(_Closed):
    """One event, exactly the fields of the event contract (the ``--jsonl`` line)."""

    event_id: str
    doc_id: str
    sentence_index: int | None
    sentence: str | None
    date: str | None
    date_precision: str | None
    cameo: str | None
    cameo_root: str | None
    quad_class: int | None
    goldstein: float | None
    plover: str | None
    plover_mode: str | None
    plover_context: list[str]
    source: list[ActorOut]
    target: list[ActorOut]
    location: LocationOut | None
    quantities: list[QuantityOut]
    negated: bool | None
    modality: str | None
    historical: bool
    confidence: float | None
    evidence: EvidenceOut
    doc: DocInfoOut
    coder_version: str | None
    #: Why the default output leaves the event out (None: it is in it); see ``code --all``.
    flag: str | None = None


class ExplainedEventOut(EventOut):
    """An event with the rule that produced it (pattern and refinements), for the article view."""

    rule: str | None


class Counts(_Closed):
    documents: int
    events: int
    failures: int


class HealthOut(_Closed):
    status: Literal["ok"]
    version: str
    counts: Counts


class EventsPage(_Closed):
    """A page of events: ``count`` rows here, ``total`` matching the filters."""

    events: list[EventOut]
    count: int
    total: int
    limit: int
    offset: int


class ParamOut(_Closed):
    name: str
    type: str
    description: str
    default: Any = None
    required: bool
    choices: list[Any]
    minimum: float | None
    maximum: float | None


class QueryOut(_Closed):
    name: str
    description: str
    returns_events: bool
    params: list[ParamOut]


class QueryList(_Closed):
    queries: list[QueryOut]


class QueryRows(_Closed):
    name: str
    columns: list[str]
    rows: list[dict[str, Any]]
    count: int


class Point(_Closed):
    """Events of one period (``period`` is its first day)."""

    period: str
    n: int
    goldstein_sum: float | None
    goldstein_mean: float | None
    n_verbal_cooperation: int
    n_material_cooperation: int
    n_verbal_conflict: int
    n_material_conflict: int


class Timeseries(_Closed):
    source: str | None
    target: str | None
    actor: str | None
    interval: str
    date_from: str | None
    date_to: str | None
    points: list[Point]


class Dyad(_Closed):
    source_code: str
    target_code: str
    n: int
    goldstein_sum: float | None
    goldstein_mean: float | None


class Summary(_Closed):
    events: int
    documents: int
    actors: int
    first_date: str | None
    last_date: str | None
    goldstein_mean: float | None
    cooperation: int
    conflict: int


class Overview(_Closed):
    """What the dashboard's front page shows."""

    date_from: str | None
    date_to: str | None
    summary: Summary
    counts: Counts
    interval: str
    timeline: list[Point]
    top_dyads: list[Dyad]
    cooperative: list[Dyad]
    conflictual: list[Dyad]
    min_events: int = Field(description="pairs need this many events to rank as relations")


class Node(_Closed):
    id: str
    n: int = Field(description="events on the node's edges")
    n_source: int
    n_target: int


class Edge(_Closed):
    source: str
    target: str
    n: int
    goldstein_sum: float | None
    goldstein_mean: float | None


class Network(_Closed):
    """Actors (countries and organisations) as nodes; directed pairs with events as edges."""

    date_from: str | None
    date_to: str | None
    min_events: int
    nodes: list[Node]
    edges: list[Edge]


class ArticleDoc(_Closed):
    doc_id: str
    source: str | None
    url: str | None
    title: str | None
    date: str | None
    author: str | None
    publisher: str | None
    language: str | None
    coded_at: str | None


class ArticleOut(_Closed):
    """A document's clean text with its events (evidence offsets point into ``text``)."""

    doc: ArticleDoc
    text: str
    events: list[ExplainedEventOut]


class FailureOut(_Closed):
    doc_id: str
    source: str
    stage: str
    reason: str
    detail: str


class CodeIn(_Closed):
    """A text or an HTML page to code; nothing is stored unless ``store`` is true."""

    text: str | None = Field(default=None, max_length=MAX_CODE_CHARS)
    html: str | None = Field(default=None, max_length=MAX_CODE_CHARS)
    date: dt.date | None = Field(default=None, description="publication date, YYYY-MM-DD")
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=1000)
    store: bool = False

    @model_validator(mode="after")
    def _one_body(self) -> CodeIn:
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" and "html"')
        return self


class CodeOut(ArticleOut):
    """The coded document: its clean text, its events and whether they were stored."""

    stored: bool
