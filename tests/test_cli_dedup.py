"""A syndicated story is coded once; its other copies are remembered in document_copies."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dragoman.cli import main

STORY = (
    "Russia Condemns Sanctions\n\n"
    "MOSCOW, May 2, 2019 ({wire}) - Russia condemned the new European Union sanctions on "
    "Friday and accused Brussels of hostility. Foreign Minister Sergei Lavrov said Moscow would "
    "respond. The measures target six Russian banks and twelve officials close to the Kremlin, "
    "the bloc said in a statement issued in Brussels on Friday evening after a meeting.\n\n"
    "Published by {wire}.\n"
)


def _write_copies(folder: Path) -> None:
    for wire in ("Wire A", "Wire B", "Wire C"):
        (folder / f"{wire[-1]}.txt").write_text(STORY.format(wire=wire), encoding="utf-8")


@pytest.mark.model
def test_syndicated_copies_are_coded_once_and_remembered(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write_copies(folder)
    db = tmp_path / "d.duckdb"
    assert main(["code", str(folder), "--db", str(db), "--jsonl"]) == 0
    assert main(["code", str(folder), "--db", str(db), "--jsonl"]) == 0  # rerun: same rows
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]
        copies = con.sql("SELECT publisher, source FROM document_copies ORDER BY source").fetchall()
        stories = con.sql("SELECT DISTINCT story_doc_id FROM document_copies").fetchall()
        coded = con.sql("SELECT doc_id FROM documents").fetchall()
    finally:
        con.close()
    assert [p for p, _ in copies] == ["Wire B", "Wire C"]
    assert stories == coded


@pytest.mark.model
def test_no_dedup_codes_every_copy(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write_copies(folder)
    db = tmp_path / "d.duckdb"
    assert main(["code", str(folder), "--db", str(db), "--no-dedup", "--jsonl"]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(3,)]
        assert con.execute("SELECT count(*) FROM document_copies").fetchall() == [(0,)]
    finally:
        con.close()
