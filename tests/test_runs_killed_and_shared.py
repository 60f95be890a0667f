"""Real processes: `dragoman code` killed with SIGKILL and rerun, `serve` answering while `code`
and `watch` write the same store, and workers that die with their parent."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from dragoman.store import open_store

pytestmark = [pytest.mark.slow, pytest.mark.model]

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DRAGOMAN = [sys.executable, "-m", "dragoman"]


def write_corpus(folder: Path, n: int) -> Path:
    """``n`` short news texts made from the bundled samples' paragraphs, a few copies of the
    same story (for dedup) and a few bad files (for failures)."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8").split("\n\n") for p in sorted(SAMPLES.glob("*.txt"))]
    for i in range(n):
        a, b = texts[i % len(texts)], texts[(i * 7 + 3) % len(texts)]
        body = "\n\n".join([a[(i // len(texts)) % len(a)], b[(i // 3) % len(b)]])
        (folder / f"doc-{i:04d}.txt").write_text(body, encoding="utf-8")
    for i in range(0, n, 60):  # a syndicated copy of an earlier story
        copy = (folder / f"doc-{i:04d}.txt").read_text(encoding="utf-8")
        (folder / f"doc-{i:04d}-copy.txt").write_text(copy + "\n\n(Reuters)", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return folder


def table_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the data tables, without the columns that hold wall-clock times."""
    queries = {
        "documents": "SELECT * EXCLUDE (coded_at) FROM documents ORDER BY doc_id",
        "events": "SELECT * FROM events ORDER BY event_id",
        "failures": "SELECT * EXCLUDE (first_seen, last_seen) FROM failures ORDER BY doc_id, stage",
        "copies": "SELECT * EXCLUDE (seen_at) FROM document_copies ORDER BY ALL",
    }
    with open_store(db, read_only=True) as store:
        return {name: store.sql(sql).rows for name, sql in queries.items()}


def code(corpus: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*DRAGOMAN, "code", str(corpus), "--db", str(db), "--batch-size", "8", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    with open_store(db, read_only=True, timeout=30) as store:
        return store.counts()["documents"]


def test_killed_run_rerun_gives_the_rows_of_a_clean_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 300)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    proc = code(corpus, killed)
    deadline = time.monotonic() + 240
    while stored_documents(killed) < 60:
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.stderr is not None
    proc.stderr.close()
    half = stored_documents(killed)
    assert 60 <= half < 300
    with open_store(killed, read_only=True) as store:
        assert [r["status"] for r in store.query("runs").dicts()] == ["interrupted"]

    rerun = code(corpus, killed)
    _, rerun_err = rerun.communicate(timeout=600)
    assert rerun.returncode == 1, rerun_err  # the two bad files
    assert f"resuming: {half}" in rerun_err.replace("\n", " ") or "resuming" in rerun_err
    cleanrun = code(corpus, clean)
    _, clean_err = cleanrun.communicate(timeout=600)
    assert cleanrun.returncode == 1, clean_err

    got, want = table_rows(killed), table_rows(clean)
    assert len(want["documents"]) > 200 and want["events"] and want["copies"]
    assert len(want["failures"]) >= 2
    for table in want:
        assert got[table] == want[table], table
    with open_store(killed, read_only=True) as store:
        runs = store.query("runs").dicts()
    assert sorted(r["status"] for r in runs) == ["finished", "interrupted"]
    # the rerun coded only what the killed run had not stored
    assert next(r for r in runs if r["status"] == "finished")["documents"] < len(want["documents"])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get_json(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


def serve(db: Path) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    proc = subprocess.Popen(
        [*DRAGOMAN, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            get_json(f"{base}/health")
            return proc, base
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)


def poll_while(proc: subprocess.Popen[str], base: str) -> list[tuple[int, int]]:
    """(status, stored documents) of /health, then /events, until ``proc`` ends."""
    seen = []
    while proc.poll() is None:
        status, body = get_json(f"{base}/health")
        seen.append((status, body.get("counts", {}).get("documents", -1)))
        status, _ = get_json(f"{base}/events?limit=5")
        seen.append((status, seen[-1][1]))
        time.sleep(0.05)
    return seen


def test_serve_answers_while_code_and_watch_write_the_same_store(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 60)
    db = tmp_path / "shared.duckdb"
    open_store(db).close()
    server, base = serve(db)
    try:
        writer = code(corpus, db)
        seen = poll_while(writer, base)
        assert writer.stderr is not None
        assert writer.wait() == 1, writer.stderr.read()
        writer.stderr.close()
        assert seen and {s for s, _ in seen} == {200}
        counts = [n for _, n in seen]
        assert counts == sorted(counts) and counts[-1] > counts[0]  # committed data shows up
        status, body = get_json(f"{base}/health")
        assert status == 200 and body["counts"]["documents"] == stored_documents(db)

        feed = tmp_path / "empty.rss"
        feed.write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
            encoding="utf-8",
        )
        watcher = subprocess.Popen(
            [*DRAGOMAN, "watch", str(feed), "--db", str(db), "--interval", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while len(get_json(f"{base}/queries/runs")[1]["rows"]) < 2:  # watch has started
                assert watcher.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
            time.sleep(2)  # watch idles between polls; the API keeps answering
            for _ in range(20):
                assert get_json(f"{base}/health")[0] == 200
            assert watcher.poll() is None
        finally:
            watcher.send_signal(signal.SIGINT)
            watcher.wait(timeout=30)
        with open_store(db, read_only=True) as store:
            runs = {r["status"] for r in store.query("runs").dicts()}
        assert runs == {"finished", "stopped"}
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the workers")
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 120)
    parent = code(corpus, tmp_path / "db.duckdb", "--workers", "2")
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while len(workers) < 2:
            assert parent.poll() is None and time.monotonic() < deadline
            workers = {p for p in children_of(parent.pid) if "python" in _cmdline(p)}
            time.sleep(0.2)
        time.sleep(2)
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=30)
        assert parent.stderr is not None
        parent.stderr.close()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in workers)


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""
