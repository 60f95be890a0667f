"""Reading inputs into :class:`~dragoman.records.Document` records.

:func:`read_inputs` is the one entry point: paths (files, or folders walked recursively in
sorted order), ``http(s)`` URLs and ``-`` (stdin). It never raises for a bad input; each
problem is yielded as a :class:`~dragoman.records.Failure` with ``stage="ingest"``.

========================================  ==========================================
input                                     read as
========================================  ==========================================
``.txt .text .md``                        one text document
``.html .htm``                            one HTML document
``.gz`` (``.html.gz``, ``.txt.gz`` ...)   decompressed, then by inner name or sniffed
``.jsonl .jsonl.gz``                      one document per line, ``doc_id`` = ``id``
``.warc .warc.gz .arc.gz``                :func:`dragoman.ingest.warc.read_warc`
``.rss .atom .xml``                       :func:`dragoman.ingest.feeds.read_feed`
``http(s)://`` ending ``.rss .atom .xml``  :func:`dragoman.ingest.feeds.read_feed` (fetched)
 or ``/feed``, ``/rss``, ``/atom``
``http://`` / ``https://``                :func:`dragoman.ingest.fetch.fetch_document`
``-``                                     stdin: JSONL, one HTML or one text document
========================================  ==========================================
"""

from __future__ import annotations

import dataclasses
import logging
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit

from dragoman.errors import DragomanError, FailureReason, InputError
from dragoman.ingest.files import (
    MAX_CONTAINER_BYTES,
    MAX_DOCUMENT_BYTES,
    content_id,
    failure,
    gunzip,
    is_gzip,
    kind_of,
    read_bytes_as,
    read_file,
    text_id,
    walk,
)
from dragoman.ingest.urls import canonical_url, url_doc_id
from dragoman.records import Document, Failure
from dragoman.settings import Settings

if TYPE_CHECKING:
    from dragoman.ingest.fetch import Fetcher

log = logging.getLogger("dragoman.ingest")

STDIN = "-"

_Starter = Callable[[], Iterator[Document | Failure]]
_FEED_TYPES = re.compile(r"rss|atom|xml", re.IGNORECASE)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


class _SharedFetcher:
    """One :class:`~dragoman.ingest.fetch.Fetcher` for every URL of a ``read_inputs`` call,
    created when the first URL needs it (robots.txt answers and per-host pacing are shared)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._fetcher: Fetcher | None = None

    def get(self) -> Fetcher:
        if self._fetcher is None:
            from dragoman.ingest.fetch import Fetcher

            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None


def read_inputs(
    inputs: Sequence[str],
    settings: Settings,
    stdin: BinaryIO | None = None,
    *,
    fetcher: Fetcher | None = None,
) -> Iterator[Document | Failure]:
    """Yield a Document (or a Failure) for every document in ``inputs``, in order.

    Every URL of the call (pages, remote feeds and their items) goes through one Fetcher:
    ``fetcher`` when given (the caller closes it), else one made on first use and closed when
    the iteration ends.
    """
    shared = _SharedFetcher(settings)
    if fetcher is not None:
        shared._fetcher = fetcher
    try:
        for item in inputs:
            for record in _read_one(item, settings, stdin, shared):
                if (
                    isinstance(record, Document)
                    and record.date is None
                    and settings.default_date is not None
                ):
                    record = dataclasses.replace(record, date=settings.default_date)
                yield record
    finally:
        if fetcher is None:
            shared.close()


def count_inputs(inputs: Sequence[str]) -> int | None:
    """How many records ``read_inputs(inputs)`` will yield, when that can be known cheaply.

    Files count one each, plain ``.jsonl`` files one per non-blank line, folders their files;
    URLs, feeds, archives, compressed JSONL and stdin make the count unknown (None). Used for
    the totals of progress bars; reading never depends on it.
    """
    total = 0
    for item in inputs:
        if item == STDIN or is_url(item):
            return None
        path = Path(item)
        files = list(walk(path)) if path.is_dir() else [path]
        for file in files:
            kind = kind_of(file) if file.exists() else "text"
            if kind in ("warc", "feed") or (kind == "gzip" and "jsonl" in file.name.lower()):
                return None
            if kind == "jsonl":
                try:
                    with file.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def _read_one(
    item: str, settings: Settings, stdin: BinaryIO | None, shared: _SharedFetcher
) -> Iterator[Document | Failure]:
    if item == STDIN:
        yield from read_stdin(
            stdin if stdin is not None else sys.stdin.buffer, settings.max_document_bytes
        )
        return
    if is_url(item):
        if _looks_like_feed_url(item):
            yield from _delegate(item, lambda: _feed(item, settings, shared))
        else:
            yield from _fetch_url(item, settings, shared)
        return
    path = Path(item)
    if path.is_dir():
        for child in walk(path):
            yield from read_path(child, settings, shared)
        return
    if not path.exists():
        yield failure(
            text_id(item), item, FailureReason.NOT_FOUND, f"no such file or folder: {item}"
        )
        return
    yield from read_path(path, settings, shared)


def _looks_like_feed_url(url: str) -> bool:
    """A URL whose path names a feed (``.rss``, ``.atom``, ``.xml``, ``/feed``, ``/rss``)."""
    path = urlsplit(url).path.lower().rstrip("/")
    return path.endswith((".rss", ".atom", ".xml", "/feed", "/rss", "/atom"))


def read_path(
    path: Path, settings: Settings, shared: _SharedFetcher | None = None
) -> Iterator[Document | Failure]:
    """Documents of one file, dispatched on its name (see the module table)."""
    source = str(path)
    kind = kind_of(path)
    if kind == "warc":
        yield from _delegate(source, lambda: _warc(path, settings))
    elif kind == "feed":
        own = shared is None
        active = shared if shared is not None else _SharedFetcher(settings)
        try:
            yield from _delegate(source, lambda: _feed(source, settings, active))
        finally:
            if own:
                active.close()
    else:
        yield from read_file(path, source, settings.max_document_bytes)


def _warc(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    from dragoman.ingest.warc import read_warc

    return read_warc(path, settings)


def _feed(source: str, settings: Settings, shared: _SharedFetcher) -> Iterator[Document | Failure]:
    from dragoman.ingest.feeds import read_feed

    return read_feed(source, settings, shared.get())


def _delegate(source: str, start: _Starter) -> Iterator[Document | Failure]:
    """Run another reader, turning anything it raises into a Failure and stopping there."""
    try:
        yield from start()
    except DragomanError as exc:
        yield failure(text_id(source), source, exc.reason, f"{source}: {exc}")
    except ImportError as exc:
        yield failure(
            text_id(source), source, FailureReason.UNSUPPORTED, f"{source}: reader missing ({exc})"
        )
    except Exception as exc:  # a reader bug must not stop the batch
        log.exception("reader crashed on %s", source)
        yield failure(
            text_id(source), source, "unreadable", f"{source}: {type(exc).__name__}: {exc}"
        )


def _fetch(url: str, settings: Settings, shared: _SharedFetcher) -> Document | Failure:
    from dragoman.ingest.fetch import fetch_document

    try:
        return fetch_document(url, settings, shared.get())
    except DragomanError as exc:
        return failure(url_doc_id(url), url, exc.reason, f"{url}: {exc}")


def _fetch_url(
    url: str, settings: Settings, shared: _SharedFetcher
) -> Iterator[Document | Failure]:
    """A page, or the items of a feed when the URL serves RSS/Atom (an XML content type)."""
    result = _fetch(url, settings, shared)
    if (
        isinstance(result, Failure)
        and result.reason == FailureReason.UNSUPPORTED_TYPE
        and _FEED_TYPES.search(result.detail)
    ):
        yield from _delegate(url, lambda: _feed(url, settings, shared))
        return
    yield result


def read_stdin(
    stream: BinaryIO, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[Document | Failure]:
    """Documents from standard input: JSONL lines, one HTML page or one text.

    At most MAX_CONTAINER_BYTES are read (a JSONL stream); one page or text is capped at
    ``max_bytes`` like a file.
    """
    try:
        data = stream.read(MAX_CONTAINER_BYTES + 1)
    except OSError as exc:
        yield failure(text_id(STDIN), STDIN, FailureReason.UNREADABLE, f"cannot read stdin: {exc}")
        return
    if len(data) > MAX_CONTAINER_BYTES:
        yield failure(
            text_id(STDIN), STDIN, "too-large", f"stdin is over {MAX_CONTAINER_BYTES} bytes"
        )
        return
    if is_gzip(data):
        try:
            data = gunzip(data)
        except InputError as exc:
            yield failure(content_id(data), STDIN, exc.reason, f"stdin: {exc}")
            return
    if not data.strip():
        yield failure(text_id(STDIN), STDIN, FailureReason.EMPTY, "standard input is empty")
        return
    yield from read_bytes_as(data, STDIN, "sniff", max_bytes)


__all__ = [
    "canonical_url",
    "content_id",
    "count_inputs",
    "is_url",
    "read_inputs",
    "read_path",
    "read_stdin",
    "url_doc_id",
]
