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

from dragoman.dedup import NearDuplicateIndex
from dragoman.errors import ConfigError
from dragoman.pipeline import BatchResult, Prepared, code_batch, prepare_batch
from dragoman.records import Document, Failure
from dragoman.settings import Settings

log = logging.getLogger(__name__)


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
) -> Iterator[BatchResult]:
    """Code batches in order, in this process (``workers=1``) or in ``workers`` processes."""
    if workers < 1:
        raise ConfigError("workers must be >= 1")
    if workers == 1:
        for batch in batches:
            yield code_batch(prepare_batch(batch, settings, dedup), settings)
        return
    context = multiprocessing.get_context("spawn")
    pending: deque[Future[BatchResult]] = deque()
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_warm, initargs=(settings, os.getpid())
    ) as pool:
        for batch in batches:
            prepared: Prepared = prepare_batch(batch, settings, dedup)
            pending.append(pool.submit(code_batch, prepared, settings))
            while len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    log.debug("process pool of %d workers closed", workers)
