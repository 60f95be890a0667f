"""The local engine: batches coded in this process or in a process pool.

The parent reads and extracts documents and deduplicates stories (one index for the whole
run), then hands each prepared batch to a worker that segments, parses and codes it
(:func:`dragoman.pipeline.code_batch`, a pure function). Workers are started with ``spawn``
and load the model once; at most ``2 * workers`` batches are in flight, and results are
yielded in input order, so the output is the same as with one process.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from dragoman.dedup import NearDuplicateIndex, PageMemo
from dragoman.errors import ConfigError
from dragoman.pipeline import BatchResult, Prepared, code_batch, prepare_batch
from dragoman.records import Document, Failure
from dragoman.settings import Settings

log = logging.getLogger(__name__)

# From about this many documents, a pool on every core pays for its start-up (one model load
# per worker, about 2 s) on a 2-core machine; below it one process is faster.
LARGE_INPUT_DOCUMENTS = 200
# Bytes per document when guessing how many records a JSONL or WARC file holds.
_BYTES_PER_RECORD = {".jsonl": 4_000, ".ndjson": 4_000, ".warc": 60_000, ".arc": 60_000}


def available_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def estimated_documents(inputs: Sequence[str]) -> int:
    """A cheap guess at how many documents ``inputs`` hold, from file names and sizes
    (one per page; JSONL and WARC files by their size); URLs and stdin count one."""
    from dragoman.ingest.files import walk

    total = 0
    for item in inputs:
        path = Path(item)
        files = walk(path) if path.is_dir() else [path] if path.is_file() else []
        for f in files:
            suffixes = [s.lower() for s in f.suffixes]
            per = next((_BYTES_PER_RECORD[s] for s in suffixes if s in _BYTES_PER_RECORD), 0)
            try:
                total += max(1, f.stat().st_size // per) if per else 1
            except OSError:
                total += 1
        total += 0 if files else 1
    return total


def default_workers(inputs: Sequence[str]) -> int:
    """Worker processes when none are asked for: every available core for a large input
    (:data:`LARGE_INPUT_DOCUMENTS` or more, by :func:`estimated_documents`), else one."""
    if available_cores() == 1 or estimated_documents(inputs) < LARGE_INPUT_DOCUMENTS:
        return 1
    return available_cores()


def _die_with(parent: int) -> None:
    """End this worker when ``parent`` dies, even by SIGKILL (no orphan keeps its memory).

    On Linux the kernel sends SIGKILL at the parent's death (``PR_SET_PDEATHSIG``); everywhere a
    daemon thread also checks once a second that the parent is still ours.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            log.debug("prctl unavailable; relying on the watcher thread")
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="dragoman-parent-watch", daemon=True).start()


def _warm(settings: Settings, parent: int | None = None) -> None:
    """Worker initializer: tie the worker to its parent, load the spaCy pipeline and the
    tables once per process."""
    if parent is not None:
        _die_with(parent)
    from dragoman.actors import ActorLexicon
    from dragoman.events.patterns import default_patterns
    from dragoman.nlp import pipeline_for

    pipeline_for(settings)
    ActorLexicon.default(settings.actor_dictionaries)
    default_patterns()


def run(
    batches: Iterable[Sequence[Document | Failure]],
    settings: Settings,
    *,
    workers: int = 1,
    dedup: NearDuplicateIndex | None = None,
    pages: PageMemo | None = None,
) -> Iterator[BatchResult]:
    """Code batches in order, in this process (``workers=1``) or in ``workers`` processes."""
    if workers < 1:
        raise ConfigError("workers must be >= 1")
    if workers == 1:
        for batch in batches:
            yield code_batch(prepare_batch(batch, settings, dedup, pages), settings)
        return
    context = multiprocessing.get_context("spawn")
    pending: deque[Future[BatchResult]] = deque()
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_warm, initargs=(settings, os.getpid())
    ) as pool:
        for batch in batches:
            prepared: Prepared = prepare_batch(batch, settings, dedup, pages)
            pending.append(pool.submit(code_batch, prepared, settings))
            while len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    log.debug("process pool of %d workers closed", workers)
