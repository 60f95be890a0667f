"""The local engine: batches coded in this process or in a process pool.

With a pool, the parent reads documents and hands each batch to a worker that extracts them
(:func:`dragoman.pipeline.extract_documents`); back in the parent, in input order, the
articles are checked for language and deduplicated (one index for the whole run) and the kept
ones go to a worker that segments, parses and codes them (:func:`dragoman.pipeline.code_batch`,
a pure function). A page byte-identical to one already sent is not sent again: it takes that
page's outcome (:class:`dragoman.dedup.PageMemo`). Workers are started with ``spawn`` and load
the model once; a bounded number of batches is in flight, and results are yielded in input
order, so the output is the same as with one process.
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
from dragoman.pipeline import (
    BatchResult,
    code_batch,
    extract_documents,
    finish_prepare,
    memorable,
    prepare_batch,
)
from dragoman.records import Article, Document, Failure
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
    extracting: deque[_Extracting] = deque()
    coding: deque[Future[BatchResult]] = deque()
    sent: set[tuple[object, ...]] = set()  # page keys sent for extraction, not yet back
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_warm, initargs=(settings, os.getpid())
    ) as pool:
        for batch in batches:
            extracting.append(_Extracting.submit(pool, batch, settings, pages, sent))
            while len(extracting) > workers:
                coding.append(_code_next(pool, extracting.popleft(), settings, dedup, pages, sent))
                while len(coding) >= 2 * workers:
                    yield coding.popleft().result()
        while extracting:
            coding.append(_code_next(pool, extracting.popleft(), settings, dedup, pages, sent))
        while coding:
            yield coding.popleft().result()
    log.debug("process pool of %d workers closed", workers)


def _timed_extract(
    documents: list[Document], settings: Settings
) -> tuple[list[Article | Failure], float]:
    """Extraction in a worker, and the seconds it took there."""
    started = time.perf_counter()
    out = extract_documents(documents, settings)
    return out, time.perf_counter() - started


class _Extracting:
    """A batch whose documents a worker is extracting; the others (byte-identical to a page
    already remembered or sent) take that page's outcome when the batch is finished."""

    def __init__(
        self,
        batch: Sequence[Document | Failure],
        documents: list[Document],
        keys: list[tuple[object, ...] | None],
        outcomes: list[Article | Failure | None],
        sent: list[int],
        future: Future[tuple[list[Article | Failure], float]],
    ) -> None:
        self.batch, self.documents, self.keys = batch, documents, keys
        self.outcomes, self.sent, self.future = outcomes, sent, future

    @classmethod
    def submit(
        cls,
        pool: ProcessPoolExecutor,
        batch: Sequence[Document | Failure],
        settings: Settings,
        pages: PageMemo | None,
        in_flight: set[tuple[object, ...]],
    ) -> _Extracting:
        documents = [i for i in batch if isinstance(i, Document)]
        keys: list[tuple[object, ...] | None] = [None] * len(documents)
        outcomes: list[Article | Failure | None] = [None] * len(documents)
        todo: list[int] = []
        for n, doc in enumerate(documents):
            if pages is not None:
                key = keys[n] = PageMemo.key(doc)
                outcomes[n] = pages.get(key, doc)
                if outcomes[n] is not None or key in in_flight:
                    continue  # known, or to be known when the earlier copy is back
                in_flight.add(key)
            todo.append(n)
        future = pool.submit(_timed_extract, [documents[n] for n in todo], settings)
        return cls(batch, documents, keys, outcomes, todo, future)

    def finish(
        self, settings: Settings, pages: PageMemo | None, in_flight: set[tuple[object, ...]]
    ) -> tuple[list[Article | Failure], float]:
        """Every document's outcome, in order, and the seconds extraction took."""
        extracted, seconds = self.future.result()
        for n, outcome in zip(self.sent, extracted, strict=True):
            self.outcomes[n] = outcome
            key = self.keys[n]
            if pages is not None and key is not None:
                in_flight.discard(key)
                if memorable(outcome):
                    pages.put(key, outcome)
        out: list[Article | Failure] = []
        for n, known in enumerate(self.outcomes):
            key = self.keys[n]
            if known is None and pages is not None and key is not None:
                known = pages.get(key, self.documents[n])
            if known is None:  # the earlier copy timed out, or was forgotten: extract here
                (known,) = extract_documents([self.documents[n]], settings)
            out.append(known)
        return out, seconds


def _code_next(
    pool: ProcessPoolExecutor,
    batch: _Extracting,
    settings: Settings,
    dedup: NearDuplicateIndex | None,
    pages: PageMemo | None,
    in_flight: set[tuple[object, ...]],
) -> Future[BatchResult]:
    """Finish the oldest extracted batch in the parent (language, dedup) and send it to code."""
    extracted, seconds = batch.finish(settings, pages, in_flight)
    prepared = finish_prepare(batch.batch, extracted, settings, dedup, seconds)
    return pool.submit(code_batch, prepared, settings)
