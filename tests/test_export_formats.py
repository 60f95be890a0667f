"""Exports: GDELT 2.0 TSV, PLOVER JSON lines, JSONL, CSV and Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dragoman.errors import ConfigError, StoreError
from dragoman.export import (
    CSV_COLUMNS,
    GDELT_COLUMNS,
    export_events,
    gdelt_event_id,
)
from dragoman.records import (
    Actor,
    Article,
    DocInfo,
    Event,
    Evidence,
    Location,
    Quantity,
)
from dragoman.store import Store, open_store, row_to_event_dict


def make_event(event_id: str, **kw: Any) -> Event:
    fields: dict[str, Any] = {
        "doc_id": "doc-1",
        "sentence_index": 0,
        "sentence": "Russian Foreign Minister Sergei Lavrov met with Cuban authorities.",
        "date": "2014-04-30",
        "date_precision": "week",
        "cameo": "0431",
        "cameo_root": "04",
        "quad_class": 1,
        "goldstein": 2.8,
        "plover": "CONSULT",
        "plover_mode": "visit",
        "plover_context": ("diplomatic",),
        "source": (
            Actor(
                "Russian Foreign Minister Sergei Lavrov", "RUS", "GOV", "Sergei Lavrov", "person"
            ),
        ),
        "target": (Actor("Cuban authorities", "CUB", "GOV", None, "group"),),
        "location": Location("Havana", "CUB", 23.13, -82.38),
        "quantities": (),
        "negated": False,
        "modality": "actual",
        "confidence": 0.9,
        "evidence": Evidence(
            0, 65, "Russian Foreign Minister Sergei Lavrov met with Cuban authorities"
        ),
        "doc": DocInfo("https://news.example/ru-cu", "Russia and Cuba", "Times", "2014-04-30"),
        "coder_version": "0.1.0",
        "rule": "verb:meet",
    }
    fields.update(kw)
    return Event(event_id=event_id, **fields)


EVENTS = [
    make_event("ev-1"),
    make_event(
        "ev-2",
        sentence_index=4,
        sentence="NATO and protesters\tin Kyiv clashed; 3 dead.",
        date="2014-05-02",
        cameo="145",
        cameo_root="14",
        quad_class=4,
        goldstein=-7.0,
        plover="PROTEST",
        plover_mode=None,
        plover_context=(),
        source=(
            Actor("NATO", "NATO", None, "NATO", "org"),
            Actor("protesters", None, "CVL", None, "group"),
        ),
        target=(),
        location=None,
        quantities=(Quantity("dead", 3.0, None, "3 dead"),),
        doc=DocInfo(None, None, None, None),
        rule="",
    ),
    make_event(
        "ev-3", date="2014-05-03", plover=None, plover_mode=None, cameo="010", cameo_root="01"
    ),
]


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store(":memory:") as s:
        s.write_batch([Article("doc-1", "a.html", "text", title="Russia and Cuba")], EVENTS, [])
        yield s


def test_gdelt_export_writes_61_tab_separated_columns_without_header(store: Store) -> None:
    out = io.StringIO()
    assert export_events(store, "gdelt", out) == 3
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    rows = [line.split("\t") for line in lines]
    assert all(len(r) == 61 for r in rows)
    first = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert first["GLOBALEVENTID"] == str(gdelt_event_id("ev-1"))
    assert (first["SQLDATE"], first["MonthYear"], first["Year"]) == ("20140430", "201404", "2014")
    assert first["FractionDate"] == f"{2014 + (4 * 30 + 30) / 365:.4f}"
    assert (first["Actor1Code"], first["Actor1Name"]) == ("RUSGOV", "SERGEI LAVROV")
    assert (first["Actor1CountryCode"], first["Actor1Type1Code"]) == ("RUS", "GOV")
    assert (first["Actor2Code"], first["Actor2CountryCode"]) == ("CUBGOV", "CUB")
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == (
        "0431",
        "043",
        "04",
    )
    assert (first["QuadClass"], first["GoldsteinScale"], first["IsRootEvent"]) == ("1", "2.8", "1")
    assert (first["ActionGeo_Type"], first["ActionGeo_FullName"]) == ("4", "Havana, Cuba")
    assert first["ActionGeo_CountryCode"] == "CU"  # FIPS 10-4, as GDELT writes it
    assert (first["ActionGeo_Lat"], first["ActionGeo_Long"]) == ("23.13", "-82.38")
    assert first["Actor1Geo_Type"] == "0"
    assert len(first["DATEADDED"]) == 14
    assert first["SOURCEURL"] == "https://news.example/ru-cu"
    second = dict(zip(GDELT_COLUMNS, rows[1], strict=True))
    assert (second["Actor1Code"], second["Actor1KnownGroupCode"], second["Actor1CountryCode"]) == (
        "NATO",
        "NATO",
        "",
    )
    assert second["Actor2Code"] == "" and second["IsRootEvent"] == "0"
    assert second["SOURCEURL"] == "doc-1"


def test_gdelt_header_is_optional_and_has_the_codebook_names(store: Store) -> None:
    out = io.StringIO()
    export_events(store, "gdelt", out, header=True, limit=1)
    header, row = out.getvalue().splitlines()
    assert header.split("\t") == list(GDELT_COLUMNS)
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:2] == ("GLOBALEVENTID", "SQLDATE") and GDELT_COLUMNS[-1] == "SOURCEURL"
    assert GDELT_COLUMNS[25:31] == (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
    )
    assert len(row.split("\t")) == 61


def test_gdelt_event_id_is_a_stable_positive_int64() -> None:
    assert gdelt_event_id("ev-1") == gdelt_event_id("ev-1")
    assert gdelt_event_id("ev-1") != gdelt_event_id("ev-2")
    assert 0 <= gdelt_event_id("ev-1") < 2**63


def test_plover_export_writes_polecat_style_records(store: Store) -> None:
    out = io.StringIO()
    assert export_events(store, "plover", out) == 2  # ev-3 has no PLOVER type
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    first = records[0]
    assert first["id"] == "ev-1" and first["date"] == "2014-04-30"
    assert (first["event_type"], first["mode"], first["context"]) == (
        "CONSULT",
        "visit",
        ["diplomatic"],
    )
    assert first["actor"] == [
        {
            "code": "RUS",
            "sector": "GOV",
            "text": "Russian Foreign Minister Sergei Lavrov",
            "name": "Sergei Lavrov",
            "kind": "person",
        }
    ]
    assert first["recipient"][0]["code"] == "CUB"
    assert first["location"]["name"] == "Havana"
    assert first["evidence"]["start"] == 0 and first["sentence"].startswith("Russian")
    assert first["confidence"] == 0.9
    assert first["source"]["doc_id"] == "doc-1" and first["source"]["url"].startswith("https://")
    assert records[1]["recipient"] == [] and records[1]["location"] is None


def test_jsonl_export_prints_the_contract_dicts(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert export_events(store, "jsonl", path) == 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in EVENTS]
    assert lines[0] == json.dumps(EVENTS[0].to_dict(), ensure_ascii=False)


def test_csv_export_flattens_events_with_a_header(store: Store) -> None:
    out = io.StringIO()
    assert export_events(store, "csv", out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["source_code"] == "RUS" and rows[0]["location_lat"] == "23.13"
    assert rows[1]["source_code"] == "NATO|" and rows[1]["source_sector"] == "|CVL"
    assert rows[1]["sentence"] == EVENTS[1].sentence  # tabs and quotes survive CSV quoting
    assert json.loads(rows[1]["quantities"])[0]["value"] == 3.0
    assert rows[0]["rule"] == "verb:meet" and rows[1]["rule"] == ""


def test_csv_header_can_be_turned_off(store: Store) -> None:
    out = io.StringIO()
    export_events(store, "csv", out, header=False)
    assert not out.getvalue().startswith("event_id,")
    assert len(out.getvalue().splitlines()) == 3


def test_parquet_export_round_trips_with_nested_types(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert export_events(store, "parquet", path) == 3
    table = pq.read_table(path)
    assert table.schema.field("source").type == pa.list_(
        pa.struct(
            [
                ("text", pa.string()),
                ("code", pa.string()),
                ("sector", pa.string()),
                ("name", pa.string()),
                ("kind", pa.string()),
            ]
        )
    )
    fields = list(EVENTS[0].to_dict())
    assert table.column_names[: len(fields)] == fields
    assert [row_to_event_dict(r) for r in table.to_pylist()] == [e.to_dict() for e in EVENTS]


def test_parquet_export_to_a_binary_stream(store: Store) -> None:
    buf = io.BytesIO()
    assert export_events(store, "parquet", buf, plover="PROTEST") == 1
    table = pq.read_table(io.BytesIO(buf.getvalue()))
    assert table.column("event_id").to_pylist() == ["ev-2"]


def test_text_formats_write_utf8_to_binary_streams(store: Store) -> None:
    buf = io.BytesIO()
    assert export_events(store, "jsonl", buf, limit=1) == 1
    assert not buf.closed
    assert json.loads(buf.getvalue().decode("utf-8"))["event_id"] == "ev-1"


def test_export_applies_the_events_query_filters(store: Store) -> None:
    out = io.StringIO()
    assert export_events(store, "jsonl", out, date_from="2014-05-01", cameo_root="14") == 1
    assert json.loads(out.getvalue())["event_id"] == "ev-2"


def test_unknown_format_raises_config_error(store: Store) -> None:
    with pytest.raises(ConfigError, match="unknown export format"):
        export_events(store, "xml", io.StringIO())  # type: ignore[arg-type]


def test_bad_filter_raises_before_creating_the_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.tsv"
    with pytest.raises(StoreError, match="no parameter"):
        export_events(store, "gdelt", path, colour="red")
    assert not path.exists()


def test_plover_export_lists_both_parties_of_a_meeting_as_actors() -> None:
    from dragoman.export import plover_record

    meeting = make_event("ev-m", cameo="040").to_dict()
    record = plover_record(meeting)
    assert [a["code"] for a in record["actor"]] == ["RUS", "CUB"]
    assert record["recipient"] == []
    visit = plover_record(make_event("ev-v", cameo="042").to_dict())
    assert [a["code"] for a in visit["actor"]] == ["RUS"]
    assert [a["code"] for a in visit["recipient"]] == ["CUB"]


def test_gdelt_values_follow_gdelt_conventions() -> None:
    from dragoman.export import gdelt_row
    from dragoman.gdelt_codes import gdelt_quad_class

    assert [gdelt_quad_class(r) for r in ("01", "05", "06", "09", "10", "14", "15", "20")] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]
    ev = make_event("ev-9").to_dict()
    ev.update(cameo="1411", cameo_root="14", quad_class=4)
    ev["location"] = {
        "name": "Berlin",
        "country": "DEU",
        "lat": 52.5,
        "lon": 13.4,
        "admin1": "DE.16",
        "feature": "city",
    }
    ev["target"] = [
        {"text": "Russia", "code": "RUS", "sector": None, "name": None, "kind": "country"}
    ]
    row = dict(zip(GDELT_COLUMNS, gdelt_row(ev), strict=True))
    assert row["QuadClass"] == "3"  # protest is verbal conflict in GDELT
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == (
        "4",
        "GM",
        "GM16",
    )
    assert row["Actor2Name"] == "RUSSIA"
    ev["location"] = {
        "name": "Texas",
        "country": "USA",
        "lat": 31.0,
        "lon": -99.0,
        "admin1": "Texas",
        "feature": "admin1",
    }
    row = dict(zip(GDELT_COLUMNS, gdelt_row(ev), strict=True))
    assert (row["ActionGeo_Type"], row["ActionGeo_ADM1Code"]) == ("2", "USTX")
    ev["location"] = {
        "name": "China",
        "country": "CHN",
        "lat": 39.9,
        "lon": 116.4,
        "admin1": None,
        "feature": "country",
    }
    row = dict(zip(GDELT_COLUMNS, gdelt_row(ev), strict=True))
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_FullName"]) == (
        "1",
        "CH",
        "China",
    )
