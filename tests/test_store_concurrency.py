"""One writer and many readers on one store file, in one process and across processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from dragoman.errors import StoreError
from dragoman.records import Failure
from dragoman.store import open_store
from dragoman.store.locking import open_for_writing, writer_alive


def failure(doc_id: str) -> Failure:
    return Failure(doc_id, f"{doc_id}.txt", "ingest", "empty", "the file is empty")


def test_second_writer_is_refused_at_once_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with open_store(path):
        started = time.monotonic()
        with pytest.raises(StoreError, match="another dragoman process") as info:
            open_store(path)
        assert time.monotonic() - started < 1.0
        assert info.value.reason == "locked"
    with open_store(path) as again:  # the lock goes with the first writer
        assert again.counts()["documents"] == 0


def test_reader_opens_while_a_writer_is_between_batches(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with open_store(path) as writer:
        writer.write_batch([], [], [failure("a")])
        with open_store(path, read_only=True) as reader:
            assert reader.counts()["failures"] == 1
        writer.write_batch([], [], [failure("b")])
        with open_store(path, read_only=True) as reader:
            assert reader.counts()["failures"] == 2


def test_reader_waits_for_a_writers_transaction_then_sees_it(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    open_store(path).close()
    inside = threading.Event()

    def write_slowly() -> None:
        with open_for_writing(str(path)) as con:
            inside.set()
            con.execute(
                "INSERT INTO failures (doc_id, stage, reason, attempts)"
                " VALUES ('x', 'ingest', 'r', 1)"
            )
            time.sleep(0.5)

    thread = threading.Thread(target=write_slowly)
    thread.start()
    assert inside.wait(10)
    with open_store(path, read_only=True, timeout=10) as reader:
        assert reader.counts()["failures"] == 1
    thread.join()


def test_writer_waits_for_a_reader_in_another_process(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    open_store(path).close()
    holder = textwrap.dedent(
        f"""
        import time
        from dragoman.store import open_store
        with open_store({str(path)!r}, read_only=True) as store:
            print("reading", flush=True)
            time.sleep(1.0)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "reading"
        with open_store(path, timeout=30) as writer:
            stats = writer.write_batch([], [], [failure("a")])
        assert stats.failures == 1
    finally:
        proc.wait(timeout=30)
        assert proc.stdout is not None
        proc.stdout.close()
    assert proc.returncode == 0


def test_writer_that_cannot_get_the_file_says_so_within_its_timeout(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    open_store(path).close()
    with open_store(path, read_only=True), pytest.raises(StoreError, match="stayed busy"):
        open_store(path, timeout=0.3)


def test_writer_alive_follows_the_writer_lock(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with open_store(path):
        assert writer_alive(str(path))
    assert not writer_alive(str(path))


def test_killed_writer_leaves_no_lock_and_its_run_reads_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    script = textwrap.dedent(
        f"""
        import os, signal
        from dragoman.store import open_store
        store = open_store({str(path)!r})
        store.begin_run("r1")
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], check=False)
    assert proc.returncode == -9
    with open_store(path, read_only=True) as reader:
        (row,) = reader.query("runs").dicts()
    assert (row["run_id"], row["status"]) == ("r1", "interrupted")
    with open_store(path) as writer:  # the next writer marks it for good
        assert writer.interrupted_runs == ("r1",)
        writer.begin_run("r2")
        statuses = {r["run_id"]: r["status"] for r in writer.query("runs").dicts()}
        assert statuses == {"r1": "interrupted", "r2": "running"}
        writer.finish_run("r2")
        assert writer.query("runs", status="finished").dicts()[0]["run_id"] == "r2"


def test_shared_reader_lets_a_writer_in_and_then_sees_its_batch(tmp_path: Path) -> None:
    from dragoman.store.readers import SharedReader

    path = tmp_path / "db.duckdb"
    open_store(path).close()
    reader = SharedReader(str(path), idle=60.0)
    try:
        with reader.store() as store:
            assert store.counts()["failures"] == 0
        # the reader keeps its connection; a writer asks for the file and gets it
        started = time.monotonic()
        with open_store(path, timeout=30) as writer:
            writer.write_batch([], [], [failure("a")])
        assert time.monotonic() - started < 10
        with reader.store() as store:
            assert store.counts()["failures"] == 1
    finally:
        reader.close()


def test_a_batch_written_without_a_begun_run_is_a_finished_run(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with open_store(path) as store:
        store.write_batch([], [], [failure("a")], run_id="lib")
    with open_store(path) as again:
        assert again.interrupted_runs == ()
        assert [(r["run_id"], r["status"]) for r in again.query("runs").dicts()] == [
            ("lib", "finished")
        ]
