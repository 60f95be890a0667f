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
``http://`` / ``https://``                :func:`dragoman.ingest.fetch.fetch_document`
``-``                                     stdin: JSONL, one HTML or one text document
========================================  ==========================================
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from dragoman.errors import DragomanError, InputError
from dragoman.ingest.files import (
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
from dragoman.records import Document, Failure
from dragoman.settings import Settings

log = logging.getLogger("dragoman.ingest")

STDIN = "-"

_Starter = Callable[[], Iterator[Document | Failure]]


def canonical_url(url: str) -> str:
    """The canonical form of ``url`` (courlan's normalisation, fragment dropped)."""
    from courlan import normalize_url

    try:
        canon = str(normalize_url(url.strip()))
    except Exception:  # courlan raises assorted errors on malformed URLs
        canon = url.strip()
    return canon.split("#", 1)[0]


def url_id(url: str) -> str:
    """Document id of a URL: the first 16 hex characters of the SHA-256 of its canonical form."""
    return text_id(canonical_url(url))


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def read_inputs(
    inputs: Sequence[str], settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[Document | Failure]:
    """Yield a Document (or a Failure) for every document in ``inputs``, in order."""
    for item in inputs:
        for record in _read_one(item, settings, stdin):
            if (
                isinstance(record, Document)
                and record.date is None
                and settings.default_date is not None
            ):
                record = dataclasses.replace(record, date=settings.default_date)
            yield record


def _read_one(
    item: str, settings: Settings, stdin: BinaryIO | None
) -> Iterator[Document | Failure]:
    if item == STDIN:
        yield from read_stdin(stdin if stdin is not None else sys.stdin.buffer)
        return
    if is_url(item):
        yield _fetch(item, settings)
        return
    path = Path(item)
    if path.is_dir():
        for child in walk(path):
            yield from read_path(child, settings)
        return
    if not path.exists():
        yield failure(text_id(item), item, "not-found", f"no such file or folder: {item}")
        return
    yield from read_path(path, settings)


def read_path(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    """Documents of one file, dispatched on its name (see the module table)."""
    source = str(path)
    kind = kind_of(path)
    if kind == "warc":
        yield from _delegate(source, lambda: _warc(path, settings))
    elif kind == "feed":
        yield from _delegate(source, lambda: _feed(source, settings))
    else:
        yield from read_file(path, source)


def _warc(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    from dragoman.ingest.warc import read_warc

    return read_warc(path, settings)


def _feed(source: str, settings: Settings) -> Iterator[Document | Failure]:
    from dragoman.ingest.feeds import read_feed

    return read_feed(source, settings)


def _delegate(source: str, start: _Starter) -> Iterator[Document | Failure]:
    """Run another reader, turning anything it raises into a Failure and stopping there."""
    try:
        yield from start()
    except DragomanError as exc:
        yield failure(text_id(source), source, exc.reason, f"{source}: {exc}")
    except ImportError as exc:
        yield failure(text_id(source), source, "unsupported", f"{source}: reader missing ({exc})")
    except Exception as exc:  # a reader bug must not stop the batch
        log.exception("reader crashed on %s", source)
        yield failure(
            text_id(source), source, "unreadable", f"{source}: {type(exc).__name__}: {exc}"
        )


def _fetch(url: str, settings: Settings) -> Document | Failure:
    from dragoman.ingest.fetch import fetch_document

    try:
        return fetch_document(url, settings)
    except DragomanError as exc:
        return failure(url_id(url), url, exc.reason, f"{url}: {exc}")


def read_stdin(stream: BinaryIO) -> Iterator[Document | Failure]:
    """Documents from standard input: JSONL lines, one HTML page or one text."""
    try:
        data = stream.read()
    except OSError as exc:
        yield failure(text_id(STDIN), STDIN, "unreadable", f"cannot read stdin: {exc}")
        return
    if is_gzip(data):
        try:
            data = gunzip(data)
        except InputError as exc:
            yield failure(content_id(data), STDIN, exc.reason, f"stdin: {exc}")
            return
    if not data.strip():
        yield failure(text_id(STDIN), STDIN, "empty", "standard input is empty")
        return
    yield from read_bytes_as(data, STDIN, "sniff")


__all__ = [
    "canonical_url",
    "content_id",
    "is_url",
    "read_inputs",
    "read_path",
    "read_stdin",
    "url_id",
]
