"""Sharing one store file between a writer process and reader processes.

DuckDB lets either one process open a database file read-write or any number of processes open
it read-only, never both at once. dragoman therefore never keeps a file store open for writing
while it is idle:

- A **writer** (``dragoman code``, ``dragoman watch``, :func:`~dragoman.store.open_store`)
  holds ``<db>.writer.lock`` for its whole life, so a second writer is refused at once with a
  clear message. It opens the DuckDB file read-write only for each short transaction (one
  batch), and closes it right after the commit.
- Before each transaction the writer takes ``<db>.gate`` exclusively. **Readers** (``serve``,
  ``query``, ``export``) pass the gate (take it shared for a moment) before they open the file
  read-only. So while a writer waits for the readers already in to finish, no new reader comes
  in: readers cannot starve the writer, and a reader waits at most one batch write.
- Both sides retry a DuckDB lock conflict (the other side holding the file) until their
  deadline, then raise :class:`~dragoman.errors.StoreError` with reason ``locked``.

The locks are ``flock`` locks: the kernel drops them when a process dies, so a killed writer
never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from dragoman.errors import StoreError

log = logging.getLogger(__name__)

#: How long a reader waits for a writer's transaction (seconds).
READ_TIMEOUT = 15.0
#: How long a writer waits for readers to let go of the file (seconds).
WRITE_TIMEOUT = 120.0
# A writer holds the gate while it waits for readers at most this long at a time, then lets
# waiting readers through before it tries again (a long export must not stall the API).
_GATE_HOLD = 2.0
_POLL = 0.005
_MAX_POLL = 0.1


def writer_lock_path(db: str) -> Path:
    return Path(f"{db}.writer.lock")


def gate_path(db: str) -> Path:
    return Path(f"{db}.gate")


def open_lock_file(path: Path) -> int | None:
    """A descriptor for ``path`` (created when missing), or None where it cannot exist."""
    for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
        try:
            return os.open(path, flags | os.O_CLOEXEC, 0o666)
        except OSError:
            continue
    log.debug("no lock file %s (read-only folder?); running without it", path)
    return None


def try_flock(fd: int, mode: int) -> bool:
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


def _busy(exc: duckdb.Error) -> bool:
    """Is this DuckDB error another connection holding the file (retry), not a real fault?"""
    text = str(exc).lower()
    return "lock" in text or "different configuration" in text


class WriterLock:
    """The run-long writer lock (``<db>.writer.lock``); refuses a second writer at once."""

    def __init__(self, db: str) -> None:
        self._fd = open_lock_file(writer_lock_path(db))
        if self._fd is not None and not try_flock(self._fd, fcntl.LOCK_EX):
            os.close(self._fd)
            self._fd = None
            raise StoreError(
                f"another dragoman process (code, watch or import) is writing {db}; one writer "
                "at a time: wait for it to finish or use another --db",
                reason="locked",
            )

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


def writer_alive(db: str) -> bool:
    """Does a process hold the writer lock of ``db`` now?"""
    fd = open_lock_file(writer_lock_path(db))
    if fd is None:
        return False
    try:
        return not try_flock(fd, fcntl.LOCK_SH)
    finally:
        os.close(fd)


def _connect_retrying(db: str, read_only: bool, deadline: float) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect`` retried on lock conflicts until ``deadline`` (monotonic)."""
    pause = _POLL
    while True:
        try:
            return duckdb.connect(db, read_only=read_only)
        except duckdb.Error as exc:
            if not _busy(exc):
                raise StoreError(f"cannot open the store {db}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise _locked(db, read_only) from None
        time.sleep(pause)
        pause = min(pause * 2, _MAX_POLL)


def _locked(db: str, read_only: bool) -> StoreError:
    if read_only:
        return StoreError(
            f"the store {Path(db).name} stayed busy: a writer did not finish its transaction",
            reason="locked",
        )
    return StoreError(
        f"the store {Path(db).name} stayed busy: another process (serve, query, export) kept "
        "it open; nothing was written",
        reason="locked",
    )


def open_for_reading(db: str, timeout: float = READ_TIMEOUT) -> duckdb.DuckDBPyConnection:
    """A read-only connection, opened between the writer's transactions."""
    deadline = time.monotonic() + timeout
    fd = open_lock_file(gate_path(db))
    try:
        while True:
            if fd is not None:
                pause = _POLL
                while not try_flock(fd, fcntl.LOCK_SH):
                    if time.monotonic() >= deadline:
                        raise _locked(db, read_only=True)
                    time.sleep(pause)
                    pause = min(pause * 2, _MAX_POLL)
                fcntl.flock(fd, fcntl.LOCK_UN)
            try:
                # a writer that slipped in after the gate makes this wait for its commit
                return _connect_retrying(db, True, min(deadline, time.monotonic() + 0.5))
            except StoreError as exc:
                if exc.reason != "locked" or time.monotonic() >= deadline:
                    raise
    finally:
        if fd is not None:
            os.close(fd)


@contextlib.contextmanager
def open_for_writing(
    db: str, timeout: float = WRITE_TIMEOUT
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection for one transaction; closed (checkpointed) on exit."""
    deadline = time.monotonic() + timeout
    fd = open_lock_file(gate_path(db))
    con: duckdb.DuckDBPyConnection | None = None
    try:
        while con is None:
            if fd is not None:
                pause = _POLL
                while not try_flock(fd, fcntl.LOCK_EX):
                    if time.monotonic() >= deadline:
                        raise _locked(db, read_only=False)
                    time.sleep(pause)
                    pause = min(pause * 2, _MAX_POLL)
            try:
                con = _connect_retrying(db, False, min(deadline, time.monotonic() + _GATE_HOLD))
            except StoreError as exc:
                if exc.reason != "locked" or time.monotonic() >= deadline:
                    raise
                if fd is not None:  # let the readers waiting at the gate through, then retry
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    time.sleep(0.05)
        yield con
    finally:
        if con is not None:
            with contextlib.suppress(duckdb.Error):
                con.close()
        if fd is not None:
            os.close(fd)
