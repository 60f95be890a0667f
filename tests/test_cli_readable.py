"""The CLI as people use it: readable single-event tables, a note when a query stops at its
default limit, and a bad actors file named in the error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.cli import main

MEETING = (
    "Russian Foreign Minister Sergei Lavrov met Cuban President Raul Castro in Havana on "
    "Tuesday. The two governments signed an agreement on trade and energy cooperation.\n"
)


@pytest.fixture
def coded_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    text = tmp_path / "meeting.txt"
    text.write_text(MEETING, encoding="utf-8")
    db = tmp_path / "events.duckdb"
    assert main(["code", str(text), "--db", str(db), "--date", "2014-04-29", "--jsonl"]) == 0
    capsys.readouterr()
    return db


@pytest.mark.model
def test_query_event_and_evidence_print_one_field_per_line(
    coded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "events", "--db", str(coded_db), "--jsonl"]) == 0
    event_id = json.loads(capsys.readouterr().out.splitlines()[0])["event_id"]
    for name in ("event", "evidence"):
        rc = main(["query", name, "--db", str(coded_db), "-p", f"event_id={event_id}"])
        out = capsys.readouterr().out
        assert rc == 0
        lines = [line for line in out.splitlines() if "│" in line]
        fields = [line.split("│")[1].strip() for line in lines]
        assert "event_id" in fields and "cameo" in fields
        assert any("RUS" in line for line in lines if line.split("│")[1].strip() == "source")
        if name == "evidence":
            assert "window_text" in fields


@pytest.mark.model
def test_a_query_stopped_by_its_default_limit_says_so(
    coded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = main(["query", "top_actors", "--db", str(coded_db)])
    err = capsys.readouterr().err
    assert rc == 0
    assert "default limit" not in err  # fewer rows than the limit of 50
    rc = main(["query", "documents", "--db", str(coded_db), "-p", "limit=1"])
    assert "default limit" not in capsys.readouterr().err  # a limit the user chose
    rc = main(["query", "failures", "--db", str(coded_db), "--list"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "top_actors" in out and "limit" in out


def test_the_default_limit_note_names_the_way_to_see_more(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from dragoman.cli import _note_default_limit

    _note_default_limit("documents", {}, 100)
    assert "-p limit=N" in capsys.readouterr().err
    _note_default_limit("documents", {}, 99)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"- name: [unclosed\n", "invalid YAML"), (b"\xff\xfe\x00bad", "not UTF-8")],
)
def test_a_bad_actors_file_error_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    actors = tmp_path / "my-actors.yaml"
    actors.write_bytes(content)
    text = tmp_path / "a.txt"
    text.write_text(MEETING, encoding="utf-8")
    rc = main(["code", str(text), "--no-store", "--actors", str(actors)])
    err = capsys.readouterr().err
    assert rc == 2
    assert "my-actors.yaml" in err and expected in err
