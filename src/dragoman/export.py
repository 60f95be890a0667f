"""Export stored events: GDELT 2.0 event TSV, PLOVER/POLECAT JSON lines, JSONL, CSV, Parquet.

Every format reads the ``events`` named query, so the same filters apply as for
``dragoman query`` and the HTTP API (``date_from``, ``source``, ``cameo_root``, ...); without a
``limit`` every matching event is written. Rows are streamed in chunks: exports of any size run
in constant memory, except that the GDELT export first reads each event's happening counts
(three integers per event).

Formats:

- ``jsonl``: one contract dict per line (the ``dragoman code --jsonl`` line).
- ``csv``: one flat row per event; several actors of one role are joined with ``|``;
  quantities are a JSON string. Header on by default.
- ``parquet``: the contract columns plus ``rule``, nested types kept (date as a DATE).
- ``plover``: POLECAT-style JSON lines (``id``, ``date``, ``event_type``, ``mode``, ``context``,
  ``actor``/``recipient`` lists, ``location``, ``sentence``, ``evidence``, ``confidence``,
  ``source`` document). Events without a PLOVER type are left out.
- ``polecat``: PLOVER events in POLECAT's published tab-separated column layout
  (:data:`POLECAT_COLUMNS`, with a header), typed by the CAMEO-to-PLOVER table as published
  (``CAMEO2PLOVER-2021``, packaged in ``events/data/cameo.tsv``; a code the table does not list
  takes its parent's type): an event whose CAMEO code the table leaves without a PLOVER type
  (CAMEO 01 and 02, statements and appeals) is left out.
  Several actors of one role are joined with ``;``. Event Intensity, COW codes, Wikipedia ids,
  titles, GeoNames ids and the story-level lists are empty (dragoman has none).
- ``gdelt``: the 61 tab-separated columns of the GDELT 2.0 event table, no header by default
  (GDELT files have none). Notes on the mapping: ``GLOBALEVENTID`` is a stable 63-bit integer
  hashed from ``event_id``; Actor1/Actor2 are the primary source/target actors (first with a
  code), ``ActorNCode`` is code + sector (``RUSGOV``); ``IsRootEvent`` is 1 for the first two
  sentences; ``NumMentions``/``NumSources``/``NumArticles`` count the mentions, outlets and
  articles of the event's happening (the ``happenings`` query; one row is still written per
  mention, each carrying its happening's counts);
  ``AvgTone`` is empty (dragoman computes no tone); actor geography is empty (type 0);
  ``ActionGeo`` comes from the event location with GDELT's conventions
  (:mod:`dragoman.gdelt_codes`): FIPS 10-4 country codes, geo type 1 country / 2 US state /
  3 US city / 4 world city / 5 world state, ADM1 code as FIPS country + admin1 code;
  ``QuadClass`` as GDELT assigns it by root (protest, 14, is 3); actor names are the
  person's or country's name, else the text that named the actor;
  ``DATEADDED`` is when the document was coded (UTC); ``SOURCEURL`` the document URL, else its id.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal, TextIO, cast, get_args

import pyarrow as pa
import pyarrow.parquet as pq

from dragoman.errors import ConfigError
from dragoman.gdelt_codes import adm1_code, fips, gdelt_quad_class, geo_type
from dragoman.records import EVENT_FIELDS
from dragoman.store import Store, row_to_event_dict

log = logging.getLogger(__name__)

ExportFormat = Literal["gdelt", "plover", "polecat", "jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)

CSV_COLUMNS: tuple[str, ...] = (
    "event_id",
    "doc_id",
    "sentence_index",
    "date",
    "date_precision",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "plover_mode",
    "plover_context",
    "source_code",
    "source_sector",
    "source_name",
    "source_kind",
    "source_text",
    "target_code",
    "target_sector",
    "target_name",
    "target_kind",
    "target_text",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "quantities",
    "negated",
    "modality",
    "historical",
    "confidence",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "sentence",
    "doc_url",
    "doc_title",
    "doc_publisher",
    "doc_published",
    "coder_version",
    "rule",
)

# (event dict in the contract shape, the row's other columns: rule, coded_at)
Record = tuple[dict[str, Any], dict[str, Any]]


# -- GDELT -------------------------------------------------------------------------------------
def gdelt_event_id(event_id: str) -> int:
    """A stable positive 63-bit integer for an event id (GDELT's GLOBALEVENTID)."""
    digest = hashlib.blake2b(event_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


@cache
def _is_country(code: str) -> bool:
    import pycountry

    return len(code) == 3 and pycountry.countries.get(alpha_3=code.upper()) is not None


def _clean(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _primary(actors: list[dict[str, Any]]) -> dict[str, Any] | None:
    for actor in actors:
        if actor.get("code"):
            return actor
    return actors[0] if actors else None


def _gdelt_actor(actor: dict[str, Any] | None) -> list[str]:
    if actor is None:
        return [""] * len(_ACTOR_FIELDS)
    code = actor.get("code") or ""
    sector = actor.get("sector") or ""
    full = code + sector if sector and not code.endswith(sector) else code
    is_country = bool(code) and _is_country(code)
    # a name, not the phrase that named the actor: the person, else the country, else the text
    name = actor.get("name") or (
        _country_name(code) if is_country and actor.get("kind") != "person" else None
    )
    name = name or actor.get("text") or ""
    return [
        _clean(full),
        _clean(name.upper()),
        code if is_country else "",
        code if code and not is_country else "",
        "",
        "",
        "",
        _clean(sector),
        "",
        "",
    ]


def _gdelt_geo(location: dict[str, Any] | None) -> list[str]:
    if not location:
        return ["0", "", "", "", "", "", "", ""]
    country = location.get("country")
    feature = location.get("feature")
    has_point = location.get("lat") is not None and location.get("lon") is not None
    kind = geo_type(country, feature, has_point)
    code = fips(country)
    return [
        str(kind),
        _clean(_full_name(location)),
        code,
        adm1_code(country, location.get("admin1"), feature),
        "",
        _clean(location.get("lat")),
        _clean(location.get("lon")),
        code if kind == 1 else "",
    ]


def _full_name(location: dict[str, Any]) -> str:
    """GDELT's FullName: "Havana, La Habana, Cuba"-like; here name, state (US) and country."""
    parts = [str(location.get("name") or "")]
    admin1 = location.get("admin1")
    if location.get("feature") == "city" and admin1 and "." not in str(admin1):
        parts.append(str(admin1))
    country = location.get("country")
    if location.get("feature") != "country" and country:
        parts.append(_country_name(str(country)) or str(country))
    return ", ".join(p for p in parts if p)


@cache
def _country_names() -> dict[str, str]:
    from dragoman.actors import tables

    return {row.iso3: row.name for row in tables.countries()}


def _country_name(code: str) -> str | None:
    """The common English name of an ISO 3166 alpha-3 code (the actor table's name)."""
    return _country_names().get(code.upper())


def _event_date(ev: dict[str, Any]) -> date | None:
    for value in (ev["date"], ev["doc"].get("published")):
        if value:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


def gdelt_row(
    ev: dict[str, Any],
    coded_at: datetime | None = None,
    counts: tuple[int, int, int] | None = None,
) -> list[str]:
    """The 61 GDELT 2.0 event fields of one contract event dict; ``counts`` are the
    NumMentions, NumSources and NumArticles of the event's happening (default 1, 1, 1)."""
    day = _event_date(ev)
    if day is not None:
        dates = [
            day.strftime("%Y%m%d"),
            day.strftime("%Y%m"),
            str(day.year),
            f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
        ]
    else:
        dates = ["", "", "", ""]
    cameo = ev["cameo"] or ""
    row = [
        str(gdelt_event_id(ev["event_id"])),
        *dates,
        *_gdelt_actor(_primary(ev["source"])),
        *_gdelt_actor(_primary(ev["target"])),
        "1" if (ev["sentence_index"] or 0) <= 1 else "0",
        cameo,
        cameo[:3],
        ev["cameo_root"] or cameo[:2],
        _clean(gdelt_quad_class(ev["cameo_root"] or cameo) or ev["quad_class"]),
        _clean(ev["goldstein"]),
        *(str(n) for n in (counts or (1, 1, 1))),
        "",
        *_gdelt_geo(None),
        *_gdelt_geo(None),
        *_gdelt_geo(ev["location"]),
        coded_at.strftime("%Y%m%d%H%M%S") if coded_at else "",
        _clean(ev["doc"].get("url") or ev["doc_id"]),
    ]
    return row


def happening_counts(store: Store, flagged: bool = False) -> dict[str, tuple[int, int, int]]:
    """Each event's happening counts (mentions, sources, articles), from ``event_happenings``;
    ``flagged``: the flagged events count too (an export with ``all``)."""
    out: dict[str, tuple[int, int, int]] = {}
    chunks = store.iter_query("event_happenings", batch_size=50_000, limit=None, all=flagged)
    for chunk in chunks:
        for event_id, _hid, mentions, sources, articles in chunk.rows:
            out[event_id] = (int(mentions), int(sources), int(articles))
    return out


def _write_gdelt(
    records: Iterator[Record], out: TextIO, header: bool, counts: dict[str, tuple[int, int, int]]
) -> int:
    n = 0
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    for ev, extra in records:
        row = gdelt_row(ev, extra.get("coded_at"), counts.get(ev["event_id"]))
        out.write("\t".join(row) + "\n")
        n += 1
    return n


# -- PLOVER ------------------------------------------------------------------------------------
# Reciprocal events: in PLOVER all parties of a meeting, a negotiation or a signed agreement
# are actors and the recipient is empty (CAMEO keeps them as source and target dyads).
RECIPROCAL_CAMEO = frozenset({"040", "041", "044", "046", "036", "057"})


def plover_record(ev: dict[str, Any]) -> dict[str, Any]:
    """A POLECAT-style PLOVER record of one contract event dict (reciprocal events, such as
    meetings, list every party as an actor)."""

    def actor(a: dict[str, Any]) -> dict[str, Any]:
        return {
            "code": a["code"],
            "sector": a["sector"],
            "text": a["text"],
            "name": a["name"],
            "kind": a["kind"],
        }

    parties: tuple[list[dict[str, Any]], list[dict[str, Any]]] = (ev["source"], ev["target"])
    if ev["cameo"] in RECIPROCAL_CAMEO:
        parties = ([*ev["source"], *ev["target"]], [])
    return {
        "id": ev["event_id"],
        "date": ev["date"],
        "date_precision": ev["date_precision"],
        "event_type": ev["plover"],
        "mode": ev["plover_mode"],
        "context": ev["plover_context"],
        "actor": [actor(a) for a in parties[0]],
        "recipient": [actor(a) for a in parties[1]],
        "location": ev["location"],
        "quantities": ev["quantities"],
        "negated": ev["negated"],
        "modality": ev["modality"],
        "historical": ev.get("historical", False),
        "confidence": ev["confidence"],
        "quad_class": ev["quad_class"],
        "cameo": ev["cameo"],
        "sentence": ev["sentence"],
        "evidence": ev["evidence"],
        "source": {"doc_id": ev["doc_id"], "sentence_index": ev["sentence_index"], **ev["doc"]},
        "version": ev["coder_version"],
    }


POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Event Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
)
# GeoNames feature codes for our feature types (POLECAT's "Feature Type" column)
_FEATURE_CODES = {"country": "PCLI", "admin1": "ADM1", "city": "PPL"}


@cache
def published_plover() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """CAMEO code -> (PLOVER type, mode, contexts) exactly as CAMEO2PLOVER-2021 gives them."""
    from importlib import resources

    text = resources.files("dragoman.events").joinpath("data/cameo.tsv").read_text("utf-8")
    out: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t") + [""] * 7
        if cols[4]:
            out[cols[0]] = (cols[4], cols[5], tuple(c for c in cols[6].split(",") if c))
    return out


def _polecat_parties(actors: list[dict[str, Any]]) -> list[str]:
    def names(a: dict[str, Any]) -> str:
        code = a.get("code") or ""
        country = _country_name(code) if _is_country(code) and a.get("kind") != "person" else None
        return str(a.get("name") or country or a.get("text") or "")

    return [
        ";".join(names(a) for a in actors),
        ";".join((a.get("code") or "") if _is_country(a.get("code") or "") else "" for a in actors),
        "",
        (actors[0].get("sector") or "") if actors else "",
        ";".join(a.get("sector") or "" for a in actors),
        "",
        ";".join(a.get("text") or "" for a in actors),
        "",
    ]


def polecat_row(ev: dict[str, Any]) -> list[str] | None:
    """The POLECAT columns of one event, or None when the table gives its CAMEO code no type."""
    code = ev["cameo"] or ""
    table = published_plover()
    # the code itself, else its parent ("0431" -> "043"), else its root ("040")
    typed = table.get(code) or table.get(code[:3]) or table.get(code[:2] + "0")
    if typed is None:
        return None
    event_type, mode, contexts = typed
    parties: tuple[list[dict[str, Any]], list[dict[str, Any]]] = (ev["source"], ev["target"])
    if ev["cameo"] in RECIPROCAL_CAMEO:
        parties = ([*ev["source"], *ev["target"]], [])
    loc = ev["location"] or {}
    feature = loc.get("feature")
    admin1 = loc.get("admin1")
    doc = ev["doc"]
    row = [
        ev["event_id"],
        ev["date"] or "",
        event_type,
        mode,
        "",
        _clean(ev["quad_class"]),
        ";".join(contexts),
        *_polecat_parties(parties[0]),
        *_polecat_parties(parties[1]),
        _clean(loc.get("name")),
        _clean(loc.get("name")) if feature == "city" else "",
        "",
        _clean(admin1) if admin1 and "." not in str(admin1) else "",
        _clean(loc.get("country")),
        _clean(loc.get("lat")),
        _clean(loc.get("lon")),
        "",
        _clean(loc.get("name")),
        _FEATURE_CODES.get(str(feature), "") if loc else "",
        _clean(doc.get("publisher") or doc.get("url") or ev["doc_id"]),
        _clean(doc.get("published")),
        "",
        "",
        "",
        "en",
        _clean(ev["coder_version"]),
    ]
    return [_clean(v) for v in row]


def _write_polecat(records: Iterator[Record], out: TextIO) -> int:
    out.write("\t".join(POLECAT_COLUMNS) + "\n")
    n = skipped = 0
    for ev, _ in records:
        row = polecat_row(ev)
        if row is None:
            skipped += 1
            continue
        out.write("\t".join(row) + "\n")
        n += 1
    if skipped:
        log.info(
            "polecat export: %d events without a PLOVER type in CAMEO2PLOVER left out", skipped
        )
    return n


def _write_plover(records: Iterator[Record], out: TextIO) -> int:
    n = skipped = 0
    for ev, _ in records:
        if not ev["plover"]:
            skipped += 1
            continue
        out.write(json.dumps(plover_record(ev), ensure_ascii=False) + "\n")
        n += 1
    if skipped:
        log.info("plover export: %d events without a PLOVER type left out", skipped)
    return n


# -- JSONL and CSV -----------------------------------------------------------------------------
def _write_jsonl(records: Iterator[Record], out: TextIO) -> int:
    n = 0
    for ev, _ in records:
        out.write(json.dumps(ev, ensure_ascii=False) + "\n")
        n += 1
    return n


def _joined(actors: list[dict[str, Any]], key: str) -> str:
    return "|".join("" if a.get(key) is None else str(a[key]) for a in actors)


def csv_row(ev: dict[str, Any], rule: str | None = None) -> dict[str, Any]:
    """One flat CSV row of a contract event dict (columns :data:`CSV_COLUMNS`)."""
    loc = ev["location"] or {}
    row: dict[str, Any] = {
        k: ev[k] for k in CSV_COLUMNS if k in ev and k not in ("plover_context",)
    }
    row["plover_context"] = "|".join(ev["plover_context"])
    for role in ("source", "target"):
        for key in ("code", "sector", "name", "kind", "text"):
            row[f"{role}_{key}"] = _joined(ev[role], key)
    for key in ("name", "country", "lat", "lon"):
        row[f"location_{key}"] = loc.get(key)
    row["quantities"] = json.dumps(ev["quantities"], ensure_ascii=False) if ev["quantities"] else ""
    for key in ("start", "end", "text"):
        row[f"evidence_{key}"] = ev["evidence"][key]
    for key in ("url", "title", "publisher", "published"):
        row[f"doc_{key}"] = ev["doc"][key]
    row["rule"] = rule
    return row


def _write_csv(records: Iterator[Record], out: TextIO, header: bool) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    if header:
        writer.writeheader()
    n = 0
    for ev, extra in records:
        writer.writerow(csv_row(ev, extra.get("rule")))
        n += 1
    return n


# -- Parquet -----------------------------------------------------------------------------------
PARQUET_COLUMNS: tuple[str, ...] = (*EVENT_FIELDS, "rule")


def _write_parquet(store: Store, out: str | Path | BinaryIO, filters: Mapping[str, Any]) -> int:
    reader = store.arrow("events", **filters)
    schema = reader.schema
    keep = [schema.get_field_index(c) for c in PARQUET_COLUMNS]
    n = 0
    writer = pq.ParquetWriter(out, pa.schema([schema.field(i) for i in keep]), compression="zstd")
    try:
        for batch in reader:
            part = batch.select(keep)
            writer.write_batch(part)
            n += part.num_rows
    finally:
        writer.close()
    return n


# -- entry point -------------------------------------------------------------------------------
def _records(store: Store, filters: Mapping[str, Any], batch_size: int) -> Iterator[Record]:
    for chunk in store.iter_query("events", batch_size=batch_size, **filters):
        for row in chunk.rows:
            mapping = dict(zip(chunk.columns, row, strict=True))
            extra = {"rule": mapping.get("rule"), "coded_at": mapping.get("coded_at")}
            yield row_to_event_dict(mapping), extra


def _is_text(out: IO[Any]) -> bool:
    return isinstance(out, io.TextIOBase) or hasattr(out, "encoding")


def export_events(
    store: Store,
    fmt: ExportFormat,
    out: str | Path | BinaryIO | TextIO,
    *,
    header: bool | None = None,
    batch_size: int = 10_000,
    **filters: Any,
) -> int:
    """Write the events matching ``filters`` to ``out`` in format ``fmt``; returns rows written.

    ``out`` is a path (created or replaced) or an open stream; text formats accept text or
    binary streams (written as UTF-8), Parquet needs a path or a binary stream.
    ``header``: column names first (default: yes for csv, no for gdelt; ignored otherwise).
    ``filters`` are the parameters of the ``events`` named query; ``limit`` defaults to all.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    filters.setdefault("limit", None)
    if fmt == "parquet":
        if isinstance(out, str | Path):
            return _write_parquet(store, Path(out), filters)
        stream: Any = out
        if _is_text(stream):
            stream = getattr(stream, "buffer", None)
            if stream is None:
                raise ConfigError("parquet export needs a path or a binary stream")
        return _write_parquet(store, stream, filters)
    # check the filters before a file is created
    store.iter_query("events", batch_size=batch_size, **filters)
    records = _records(store, filters, batch_size)
    writers: dict[str, Callable[[TextIO], int]] = {
        "gdelt": lambda f: _write_gdelt(
            records, f, bool(header), happening_counts(store, bool(filters.get("all")))
        ),
        "plover": lambda f: _write_plover(records, f),
        "polecat": lambda f: _write_polecat(records, f),
        "jsonl": lambda f: _write_jsonl(records, f),
        "csv": lambda f: _write_csv(records, f, True if header is None else header),
    }
    write = writers[fmt]
    if isinstance(out, str | Path):
        with Path(out).open("w", encoding="utf-8", newline="") as file:
            n = write(file)
    elif _is_text(out):
        text = cast(TextIO, out)
        n = write(text)
        text.flush()
    else:
        wrapper = io.TextIOWrapper(
            cast(BinaryIO, out), encoding="utf-8", newline="", write_through=True
        )
        try:
            n = write(wrapper)
            wrapper.flush()
        finally:
            wrapper.detach()
    log.info("exported %d events as %s", n, fmt)
    return n
