"""`dragoman code`, `extract`, `query` and `export` tried as a user would, through cli.main.

Every fixture is written by hand in the test. The spaCy pipeline is cached per process
(dragoman.nlp.load_pipeline), so only the first coding call pays for loading it.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from dragoman import __version__
from dragoman.cli import main
from dragoman.records import EVENT_FIELDS

pytestmark = pytest.mark.model

EXTRACT_FIELDS = ["id", "source", "url", "title", "date", "author", "publisher", "language", "text"]

TALKS_TXT = (
    "Russia and Cuba agree to expand trade\n"
    "\n"
    "Russian Foreign Minister Sergei Lavrov met Cuban President Raul Castro in Havana. "
    "The two governments signed an agreement on trade and energy cooperation, officials said.\n"
)
SANCTIONS_TXT = (
    "The European Union imposed new sanctions on Iran over its nuclear programme, "
    "and France condemned the Iranian government for its missile tests.\n"
)
PROTEST_HTML = (
    "<!DOCTYPE html><html><head><title>Police arrest protesters in Caracas</title>"
    '<meta property="og:site_name" content="The Daily Example"></head><body>'
    "<article><h1>Police arrest protesters in Caracas</h1>"
    "<p>Venezuelan police arrested dozens of opposition protesters in Caracas, "
    "witnesses said, after a march against the government turned violent.</p>"
    "<p>The United States criticised the Venezuelan government for the arrests and urged "
    "it to release the demonstrators.</p></article></body></html>"
)
AID_HTML = (
    "<html><head><title>Japan sends aid to Nepal</title></head><body><article>"
    "<h1>Japan sends aid to Nepal</h1>"
    "<p>Japan sent emergency aid to Nepal after the earthquake, the Japanese foreign "
    "ministry said, and pledged further help for the reconstruction of the country.</p>"
    "</article></body></html>"
)


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _squash(text: str) -> str:
    """Text without whitespace: rich wraps stderr lines at the console width."""
    return "".join(text.split())


def _code(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]], str]:
    capsys.readouterr()
    rc = main(["code", *args, "--jsonl"])
    captured = capsys.readouterr()
    return rc, _jsonl(captured.out), captured.err


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with a .txt, an .html in a subfolder, an .html.gz and a README to skip."""
    folder = tmp_path / "news"
    _write(folder / "talks.txt", TALKS_TXT)
    _write(folder / "world" / "protest.html", PROTEST_HTML)
    _write(folder / "aid.html.gz", gzip.compress(AID_HTML.encode("utf-8")))
    _write(folder / "README.md", "Russia condemned Ukraine. This file describes the folder.\n")
    return folder


# -- the --jsonl event contract ---------------------------------------------------------------


def test_jsonl_lines_have_exactly_the_contract_fields_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _write(tmp_path / "talks.txt", TALKS_TXT)
    rc, events, _ = _code(capsys, str(src), "--db", str(tmp_path / "t.duckdb"))
    assert rc == 0
    assert events, "no event coded from a plain meeting report"
    for ev in events:
        assert list(ev) == list(EVENT_FIELDS)
        assert ev["cameo_root"] == ev["cameo"][:2]
        assert 1 <= ev["quad_class"] <= 4
        assert -10.0 <= ev["goldstein"] <= 10.0
        assert 0.0 <= ev["confidence"] <= 1.0
        assert ev["modality"] in {"actual", "intent", "hypothetical", "reported"}
        assert list(ev["evidence"]) == ["start", "end", "text"]
        assert list(ev["doc"]) == ["url", "title", "publisher", "published"]
        for actor in [*ev["source"], *ev["target"]]:
            assert list(actor) == ["text", "code", "sector", "name", "kind"]


def test_meeting_is_coded_as_consult_between_russia_and_cuba(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _write(tmp_path / "talks.txt", TALKS_TXT)
    rc, events, _ = _code(capsys, str(src), "--db", str(tmp_path / "t.duckdb"))
    assert rc == 0
    meetings = [
        e
        for e in events
        if e["cameo_root"] == "04"
        and any(a["code"] == "RUS" for a in e["source"])
        and any(a["code"] == "CUB" for a in e["target"])
    ]
    assert meetings, [(e["cameo"], e["evidence"]["text"]) for e in events]
    assert meetings[0]["plover"] == "CONSULT"


def test_date_option_dates_undated_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path / "talks.txt", TALKS_TXT)
    rc, undated, _ = _code(capsys, str(src), "--db", str(tmp_path / "a.duckdb"))
    assert rc == 0 and undated
    assert all(e["doc"]["published"] is None for e in undated)
    rc, dated, _ = _code(
        capsys, str(src), "--db", str(tmp_path / "b.duckdb"), "--date", "2014-04-29"
    )
    assert rc == 0 and dated
    for ev in dated:
        assert ev["doc"]["published"] == "2014-04-29"
        assert ev["date"] == "2014-04-29"
        assert ev["date_precision"] == "day"


def test_jsonl_input_gives_events_with_the_line_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"id": "gold-1", "text": SANCTIONS_TXT, "date": "2012-01-23"},
        {"id": "gold-2", "text": TALKS_TXT, "date": "2014-04-29"},
        {"id": "gold-3", "text": "The weather in the valley stayed mild all week long."},
    ]
    src = _write(tmp_path / "gold.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    rc, events, err = _code(capsys, str(src), "--db", str(tmp_path / "g.duckdb"))
    assert rc == 0, err
    by_doc = {e["doc_id"] for e in events}
    assert by_doc == {"gold-1", "gold-2"}
    for ev in events:
        assert ev["date"] == {"gold-1": "2012-01-23", "gold-2": "2014-04-29"}[ev["doc_id"]]
    docs = _rows(tmp_path / "g.duckdb", "SELECT doc_id FROM documents")
    assert docs == [("gold-1",), ("gold-2",), ("gold-3",)]


@pytest.mark.parametrize(
    ("payload", "expected_doc"),
    [
        (TALKS_TXT.encode("utf-8"), None),
        (
            (json.dumps({"id": "stdin-1", "text": TALKS_TXT}) + "\n").encode("utf-8"),
            "stdin-1",
        ),
        (PROTEST_HTML.encode("utf-8"), None),
    ],
    ids=["text", "jsonl", "html"],
)
def test_stdin_is_read_with_a_dash(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    payload: bytes,
    expected_doc: str | None,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload), encoding="utf-8"))
    rc, events, err = _code(capsys, "-", "--db", str(tmp_path / "s.duckdb"))
    assert rc == 0, err
    assert events
    if expected_doc is not None:
        assert {e["doc_id"] for e in events} == {expected_doc}
    assert _rows(tmp_path / "s.duckdb", "SELECT source FROM documents") == [("-",)]


def test_folder_codes_text_html_and_html_gz_and_skips_readme(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "f.duckdb"
    rc, events, err = _code(capsys, str(corpus), "--db", str(db))
    assert rc == 0, err
    sources = {s for (s,) in _rows(db, "SELECT source FROM documents")}
    assert sources == {
        str(corpus / "talks.txt"),
        str(corpus / "world" / "protest.html"),
        str(corpus / "aid.html.gz"),
    }
    coded_docs = {e["doc_id"] for e in events}
    assert len(coded_docs) == 3, [(e["doc_id"], e["evidence"]["text"]) for e in events]


def test_html_gz_file_gives_title_and_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _write(tmp_path / "protest.html.gz", gzip.compress(PROTEST_HTML.encode("utf-8")))
    rc, events, err = _code(capsys, str(src), "--db", str(tmp_path / "z.duckdb"))
    assert rc == 0, err
    assert events
    assert {e["doc"]["title"] for e in events} == {"Police arrest protesters in Caracas"}
    assert any(e["cameo_root"] == "17" or e["plover"] == "ARREST" for e in events), [
        (e["cameo"], e["plover"]) for e in events
    ]


def test_coding_twice_leaves_identical_rows(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "twice.duckdb"
    _write(corpus / "empty.txt", b"")
    snapshots = []
    for _ in range(2):
        rc, events, _ = _code(capsys, str(corpus), "--db", str(db))
        assert rc == 1
        assert events
        snapshots.append(
            (
                _rows(db, "SELECT * EXCLUDE (coded_at) FROM documents"),
                _rows(db, "SELECT * FROM events"),
                _rows(db, "SELECT doc_id, source, stage, reason, detail FROM failures"),
            )
        )
    first, second = snapshots
    assert first[0] == second[0]
    assert first[1] == second[1]
    assert first[2] == second[2]
    assert len(first[1]) == len({r[0] for r in first[1]})


# -- bad input -------------------------------------------------------------------------------


def test_bad_inputs_are_reported_recorded_and_the_rest_still_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {
        "empty.txt": (b"", "empty"),
        "nul.txt": (b"Russia met Cuba" + b"\x00" * 64 + b"in Havana", "binary"),
        "image.html": (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10" * 4,
            "binary",
        ),
        "latin.txt": (bytes(range(0x80, 0x100)) * 16, "undecodable"),
    }
    paths = {name: _write(tmp_path / "in" / name, data) for name, (data, _) in bad.items()}
    good = _write(tmp_path / "in" / "talks.txt", TALKS_TXT)
    mixed = _write(
        tmp_path / "in" / "mixed.jsonl",
        json.dumps({"id": "ok-line", "text": SANCTIONS_TXT}) + "\n{this is not json\n",
    )
    missing = tmp_path / "in" / "no-such-file.txt"
    db = tmp_path / "bad.duckdb"
    rc, events, err = _code(
        capsys, *map(str, [*paths.values(), good, mixed, missing]), "--db", str(db)
    )
    assert rc == 1
    squashed = _squash(err)
    expected = {str(paths[n]): reason for n, (_, reason) in bad.items()}
    expected[str(mixed)] = "bad-jsonl"
    expected[str(missing)] = "not-found"
    for source, reason in expected.items():
        assert _squash(source) in squashed, f"{source} not reported on stderr:\n{err}"
        assert reason in squashed, f"reason {reason} not on stderr:\n{err}"
    failures = _rows(db, "SELECT source, reason, detail FROM failures")
    assert {(s, r) for s, r, _ in failures} == set(expected.items()), failures
    assert all(detail for _, _, detail in failures)
    coded = {e["doc_id"] for e in events}
    assert "ok-line" in coded
    sources = {s for (s,) in _rows(db, "SELECT source FROM documents")}
    assert str(good) in sources


def test_exit_code_is_zero_when_everything_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _write(tmp_path / "talks.txt", TALKS_TXT)
    rc, _, err = _code(capsys, str(src), "--db", str(tmp_path / "ok.duckdb"))
    assert rc == 0, err
    assert "failed" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["code", "IN", "--bogus-option"],
        ["code", "IN", "--date", "2014-13-45"],
        ["code", "IN", "--date", "yesterday"],
        ["code"],
        ["export", "--format", "xml", "--out", "OUT"],
        ["no-such-command"],
    ],
    ids=["unknown-option", "bad-date", "words-date", "no-inputs", "bad-format", "bad-command"],
)
def test_usage_errors_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    src = _write(tmp_path / "talks.txt", TALKS_TXT)
    db = tmp_path / "u.duckdb"
    argv = [str(src) if a == "IN" else str(tmp_path / "o") if a == "OUT" else a for a in args]
    capsys.readouterr()
    rc = main([*argv, "--db", str(db)] if argv[0] == "code" and len(argv) > 1 else argv)
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.err.strip(), "a usage error must say what is wrong on stderr"
    assert captured.out.strip() == ""


# -- extract, query, export ------------------------------------------------------------------


def test_extract_jsonl_prints_the_article_fields(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    rc = main(["extract", str(corpus), "--jsonl", "--date", "2015-04-27"])
    records = _jsonl(capsys.readouterr().out)
    assert rc == 0
    assert len(records) == 3
    for rec in records:
        assert list(rec) == EXTRACT_FIELDS
        assert rec["text"].strip()
        assert rec["language"] == "en"
    by_source = {r["source"]: r for r in records}
    html = by_source[str(corpus / "world" / "protest.html")]
    assert html["title"] == "Police arrest protesters in Caracas"
    assert "opposition protesters" in html["text"]
    assert "<p>" not in html["text"]
    txt = by_source[str(corpus / "talks.txt")]
    assert txt["date"] == "2015-04-27"
    assert txt["title"] == "Russia and Cuba agree to expand trade"


@pytest.fixture
def coded_db(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "coded.duckdb"
    sanctions = _write(tmp_path / "extra" / "sanctions.txt", SANCTIONS_TXT)
    rc, events, err = _code(
        capsys, str(corpus), str(sanctions), "--db", str(db), "--date", "2015-04-27"
    )
    assert rc == 0, err
    assert len(events) >= 3
    return db


def _event_ids(db: Path) -> set[str]:
    """The events of the default output (no flag)."""
    return {eid for (eid,) in _rows(db, "SELECT event_id FROM events WHERE flag IS NULL")}


def _all_event_ids(db: Path) -> set[str]:
    return {eid for (eid,) in _rows(db, "SELECT event_id FROM events")}


def test_query_all_adds_the_flagged_events_to_the_default_output(
    coded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["query", "events", "--db", str(coded_db), "--jsonl", "--all"]) == 0
    rows = _jsonl(capsys.readouterr().out)
    assert {r["event_id"] for r in rows} == _all_event_ids(coded_db)
    flagged = [r for r in rows if r["flag"]]
    assert flagged, "the sample corpus holds events without a coded political source"
    assert {r["flag"] for r in flagged} <= {"no-coded-source", "low-confidence"}
    assert all(r["event_id"] not in _event_ids(coded_db) for r in flagged)


def test_export_all_writes_the_flagged_events_too(
    coded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.jsonl"
    assert main(["export", "-f", "jsonl", "-o", str(out), "--db", str(coded_db), "--all"]) == 0
    recs = _jsonl(out.read_text(encoding="utf-8"))
    assert {r["event_id"] for r in recs} == _all_event_ids(coded_db)


def test_query_events_jsonl_returns_the_coded_events(
    coded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    rc = main(["query", "events", "--db", str(coded_db), "--jsonl"])
    rows = _jsonl(capsys.readouterr().out)
    assert rc == 0
    assert {r["event_id"] for r in rows} == _event_ids(coded_db)
    for row in rows:
        assert list(row) == list(EVENT_FIELDS)


def test_query_filters_and_named_queries(
    coded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    rc = main(["query", "events", "--db", str(coded_db), "--jsonl", "-p", "source=RUS"])
    rows = _jsonl(capsys.readouterr().out)
    assert rc == 0
    assert rows
    assert all(any(a["code"] == "RUS" for a in r["source"]) for r in rows)
    for name in ("counts_by_day", "dyads", "top_actors", "documents", "failures"):
        rc = main(["query", name, "--db", str(coded_db), "--jsonl"])
        out = capsys.readouterr().out
        assert rc == 0, name
        if name != "failures":
            assert _jsonl(out), f"named query {name} returned nothing"
    rc = main(["query", "events", "--db", str(coded_db), "-p", "nonsense"])
    assert rc == 2
    rc = main(["query", "no_such_query", "--db", str(coded_db)])
    assert rc == 2
    rc = main(["query", "events", "--db", str(coded_db.with_name("absent.duckdb"))])
    assert rc == 2
    capsys.readouterr()


def test_query_prints_a_table_by_default(
    coded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    rc = main(["query", "--db", str(coded_db)])
    out = capsys.readouterr().out
    assert rc == 0
    assert "events" in out
    assert "RUS" in out


@pytest.mark.parametrize("fmt", ["gdelt", "plover", "jsonl", "csv", "parquet"])
def test_export_formats_hold_the_stored_events(
    coded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"events.{fmt}"
    capsys.readouterr()
    rc = main(["export", "--format", fmt, "--out", str(out), "--db", str(coded_db)])
    err = capsys.readouterr().err
    assert rc == 0, err
    assert out.is_file()
    ids = _event_ids(coded_db)
    n = len(ids)
    if fmt == "gdelt":
        rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == n
        assert all(len(r) == 61 for r in rows)
        assert {r[1][:4] for r in rows} == {"2015"}  # SQLDATE
    elif fmt == "plover":
        recs = _jsonl(out.read_text(encoding="utf-8"))
        assert 0 < len(recs) <= n
        assert all(r["event_type"] for r in recs)
    elif fmt == "jsonl":
        recs = _jsonl(out.read_text(encoding="utf-8"))
        assert {r["event_id"] for r in recs} == ids
        assert all(list(r) == list(EVENT_FIELDS) for r in recs)
    elif fmt == "csv":
        with out.open(encoding="utf-8", newline="") as fh:
            recs = list(csv.DictReader(fh))
        assert {r["event_id"] for r in recs} == ids
    else:
        table = pq.read_table(out)
        assert table.num_rows == n
        assert set(EVENT_FIELDS) <= set(table.column_names)
        assert set(table.column("event_id").to_pylist()) == ids
    assert str(n) in err


def test_without_jsonl_a_table_is_printed_and_the_default_store_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _write(tmp_path / "talks.txt", TALKS_TXT)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    rc = main(["code", str(src)])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert "RUS" in captured.out and "CUB" in captured.out
    assert "CONSULT" in captured.out
    assert (tmp_path / "dragoman.duckdb").is_file()
    assert _rows(tmp_path / "dragoman.duckdb", "SELECT count(*) FROM events")[0][0] > 0


def test_version_option_and_python_dash_m_print_the_package_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"dragoman {__version__}"
    proc = subprocess.run(
        [sys.executable, "-m", "dragoman", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"dragoman {__version__}"
