"""One read-only connection shared by the requests of a server, handed back when a writer waits.

Opening a DuckDB file costs far more than a small query, so a server (``dragoman serve``) keeps
one read-only :class:`~dragoman.store.Store` for all its requests. A watcher thread looks at the
writer's gate (see :mod:`dragoman.store.locking`) every ``poll`` seconds; when a writer is
waiting, or when no request came for ``idle`` seconds, the shared store is retired: requests
already running finish on it, the last one closes it, and the next request opens a new one
after the writer's transaction, so it sees the committed data.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator

from dragoman.store import locking
from dragoman.store.duckdb_store import Store, open_store

__all__ = ["SharedReader"]

log = logging.getLogger(__name__)


class _Lease:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.users = 0
        self.retired = False
        self.last_used = time.monotonic()


class SharedReader:
    """Hands out a shared read-only Store (``with reader.store() as store: ...``)."""

    def __init__(
        self,
        path: str,
        *,
        timeout: float = locking.READ_TIMEOUT,
        poll: float = 0.05,
        idle: float = 2.0,
    ) -> None:
        self.path = path
        self.timeout = timeout
        self.poll = poll
        self.idle = idle
        self._lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._lease: _Lease | None = None
        self._closed = threading.Event()
        self._watcher: threading.Thread | None = None

    @contextlib.contextmanager
    def store(self) -> Iterator[Store]:
        """The shared store for one request (StoreError when it cannot be opened)."""
        lease = self._acquire()
        try:
            yield lease.store
        finally:
            self._release(lease)

    def retire(self, why: str) -> None:
        """Let go of the shared store: requests already running finish on it, the next one
        opens the file anew (for a writer in this same process)."""
        self._retire(why)

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            lease, self._lease = self._lease, None
            if lease is not None:
                lease.retired = True
                if lease.users == 0:
                    lease.store.close()

    # internals ------------------------------------------------------------------------------
    def _acquire(self) -> _Lease:
        with self._lock:
            lease = self._lease
            if lease is not None and not lease.retired:
                lease.users += 1
                lease.last_used = time.monotonic()
                return lease
        with self._open_lock:  # one opener at a time; the others reuse what it opened
            with self._lock:
                lease = self._lease
                if lease is not None and not lease.retired:
                    lease.users += 1
                    lease.last_used = time.monotonic()
                    return lease
            store = open_store(self.path, read_only=True, timeout=self.timeout)
            with self._lock:
                lease = _Lease(store)
                lease.users = 1
                self._lease = lease
                if self._watcher is None:
                    # the watcher lives while a store is open: an idle server keeps no thread
                    self._watcher = threading.Thread(
                        target=self._watch, name="dragoman-reader-watch", daemon=True
                    )
                    self._watcher.start()
                return lease

    def _release(self, lease: _Lease) -> None:
        with self._lock:
            lease.users -= 1
            lease.last_used = time.monotonic()
            if lease.retired and lease.users == 0:
                lease.store.close()

    def _retire(self, why: str) -> None:
        with self._lock:
            lease = self._lease
            if lease is None:
                return
            self._lease = None
            lease.retired = True
            log.debug("shared reader of %s retired: %s", self.path, why)
            if lease.users == 0:
                lease.store.close()

    def _watch(self) -> None:
        fd: int | None = None
        try:
            while not self._closed.wait(self.poll):
                with self._lock:
                    lease = self._lease
                    if lease is None:  # decided under the lock that _acquire checks
                        self._watcher = None
                        return
                if lease.users == 0 and time.monotonic() - lease.last_used > self.idle:
                    self._retire("idle")
                    continue
                if fd is None:
                    fd = locking.open_lock_file(locking.gate_path(self.path))
                    if fd is None:
                        continue
                if locking.try_flock(fd, fcntl.LOCK_SH):
                    fcntl.flock(fd, fcntl.LOCK_UN)
                else:
                    self._retire("a writer waits")
        finally:
            if fd is not None:
                os.close(fd)
