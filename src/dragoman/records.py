"""Typed, frozen records passed between pipeline stages.

The flow is ``Document -> Article -> Sentence -> (Actor mentions) -> Event``; any stage may
instead return a :class:`Failure`. Records are immutable (``frozen=True, slots=True``); change
them with :func:`dataclasses.replace`.

``Event.to_dict()`` produces exactly the event contract of DESIGN.md section 3: the fields
printed by ``dragoman code --jsonl``, the columns of the ``events`` table and the HTTP API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from dragoman.errors import check_reason

ActorKind = Literal["country", "org", "person", "group"]
Modality = Literal["actual", "intent", "hypothetical", "reported"]
DatePrecision = Literal["day", "week", "month", "year"]
MediaType = Literal["html", "text"]
QuantityKind = Literal[
    "money", "percent", "dead", "injured", "arrested", "displaced", "crowd", "troops", "people"
]
# What a location is: a country, a first-level admin area (a state, a province) or a city.
FeatureType = Literal["country", "admin1", "city"]


@dataclass(frozen=True, slots=True)
class Document:
    """Raw input as read by ``ingest``: bytes plus what is known about where they came from."""

    doc_id: str
    source: str
    data: bytes
    media_type: MediaType
    url: str | None = None
    date: str | None = None
    title: str | None = None
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """Clean main text and metadata of one document (the output of ``extract``)."""

    doc_id: str
    source: str
    text: str
    url: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    publisher: str | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.doc_id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "author": self.author,
            "publisher": self.publisher,
            "language": self.language,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article with its character offsets into ``Article.text``."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor mention: who, with the span of text that names it."""

    text: str
    code: str | None
    sector: str | None
    name: str | None
    kind: ActorKind
    start: int = -1
    end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": self.code,
            "sector": self.sector,
            "name": self.name,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened. ``country`` is ISO 3166 alpha-3; ``admin1`` the first-level
    area (a US state's name, else GeoNames' admin1 code such as ``CU.02``); ``feature`` says
    whether the place is a whole country, an admin area or a city (a country is never a
    point inside it)."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    admin1: str | None = None
    feature: FeatureType | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "feature": self.feature,
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    kind: QuantityKind
    value: float
    unit: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "unit": self.unit, "text": self.text}


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class DocInfo:
    url: str | None
    title: str | None
    publisher: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class Basis:
    """How the coder found an event (not in the contract): what its confidence is read from.

    ``pattern_kind`` and ``origin`` name the pattern (a verb or a noun of ``patterns.yaml``
    or of PETRARCH2's verb table), ``changes`` the rules that changed its code or actors,
    ``inherited`` that its actors come from an earlier sentence; offsets are the article's.
    The story fields are set once the whole article is coded.
    """

    pattern_kind: str
    origin: str
    specificity: int
    changes: tuple[str, ...]
    inherited: bool
    trigger_start: int
    sentence_start: int
    sentence_tokens: int
    candidates: int
    story_kind: str | None = None
    story_country: bool = False
    story_sentences: int = 1


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when, where, and the text that says so."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    date_precision: DatePrecision | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    location: Location | None
    quantities: tuple[Quantity, ...]
    negated: bool
    modality: Modality
    confidence: float
    evidence: Evidence
    doc: DocInfo
    coder_version: str
    # Extension of the DESIGN.md contract: the sentence refers to a past event ("Idi Amin
    # expelled them 18 years ago"), dated at that time rather than at publication.
    historical: bool = False
    # Extension of the contract: why the event is left out of the default output (None: shown).
    # "no-coded-source", "hypothetical", "low-confidence" or "story:<kind>" (a story of a kind
    # of events/data/story_gate.yaml: sports, science, weather...); ``dragoman code --all`` and
    # ``query --all`` show flagged events too.
    flag: str | None = None
    # Why the coder produced this event (pattern id and trigger); stored, not in the contract.
    rule: str = field(default="", compare=False)
    # How the coder found it (what the confidence is computed from); not stored.
    basis: Basis | None = field(default=None, compare=False)

    @property
    def shown(self) -> bool:
        """Is the event in the default output (no flag)?"""
        return self.flag is None

    def to_dict(self) -> dict[str, Any]:
        """The event as DESIGN.md section 3 defines it (the ``--jsonl`` line)."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date,
            "date_precision": self.date_precision,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "plover_context": list(self.plover_context),
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "location": self.location.to_dict() if self.location else None,
            "quantities": [q.to_dict() for q in self.quantities],
            "negated": self.negated,
            "modality": self.modality,
            "historical": self.historical,
            "confidence": self.confidence,
            "evidence": self.evidence.to_dict(),
            "doc": self.doc.to_dict(),
            "coder_version": self.coder_version,
            "flag": self.flag,
        }


EVENT_FIELDS: tuple[str, ...] = (
    "event_id",
    "doc_id",
    "sentence_index",
    "sentence",
    "date",
    "date_precision",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "plover_mode",
    "plover_context",
    "source",
    "target",
    "location",
    "quantities",
    "negated",
    "modality",
    "historical",
    "confidence",
    "evidence",
    "doc",
    "coder_version",
    "flag",
)


@dataclass(frozen=True, slots=True)
class Failure:
    """A document a stage could not handle, with the reason; counted and stored, never raised."""

    doc_id: str
    source: str
    stage: str
    reason: str
    detail: str = ""

    def __post_init__(self) -> None:
        # one registry of reasons (dragoman.errors.FailureReason); stored as its plain string
        object.__setattr__(self, "reason", check_reason(self.reason))

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "stage": self.stage,
            "reason": self.reason,
            "detail": self.detail,
        }
