"""Command-line edges: bad batch sizes, exports into new folders, watch failures recorded."""

from __future__ import annotations

from pathlib import Path

from dragoman.cli import main
from dragoman.store import open_store


def test_batch_size_below_one_is_a_usage_error(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Russia met Cuba.", encoding="utf-8")
    for size in ("0", "-5"):
        assert main(["code", str(text), "--no-store", "--batch-size", size]) == 2


def test_export_creates_the_folder_of_its_output(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    open_store(db).close()
    out = tmp_path / "new" / "deeper" / "events.jsonl"
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", str(db)]) == 0
    assert out.is_file()


def test_export_into_a_path_that_cannot_be_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    open_store(db).close()
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "events.jsonl"
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", str(db)]) == 2


def test_watch_records_failed_feed_items_in_the_store(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>inside</title><link>http://10.0.0.1/story</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    db = tmp_path / "db.duckdb"
    assert main(["watch", str(feed), "--db", str(db), "--max-polls", "1", "--interval", "0"]) == 1
    with open_store(db, read_only=True) as store:
        failures = store.query("failures").dicts()
        runs = store.query("runs").dicts()
    assert [f["reason"] for f in failures] == ["forbidden-address"]
    assert [r["status"] for r in runs] == ["finished"]
