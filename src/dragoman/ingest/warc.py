"""WARC and ARC archives (``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``) read with warcio.

Only ``response`` records with HTTP status 200 and an HTML (``text/html``,
``application/xhtml+xml``) or ``text/plain`` payload become Documents; requests, metadata,
revisits, other statuses and other media types are skipped silently. Each Document has
``doc_id`` = hash of the canonical target URI, ``source`` = ``"<path>#<record offset>"``,
``url`` = the target URI, the decoded payload (chunked and content encodings removed) and the
charset of the HTTP Content-Type. ``date`` is left to the page (``settings.default_date`` when
set): the WARC-Date is when the page was crawled, not when the article appeared.

A record that cannot be read yields ``Failure(stage="ingest", reason="bad-warc-record")`` and
reading resumes at the next gzip member (``.gz`` archives) or the next ``WARC/1.x`` header
(uncompressed WARC); a payload cut short (a truncated file) yields the same Failure. Payloads
larger than ``settings.fetch_max_bytes`` yield a ``too-large`` Failure.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dragoman.errors import FailureReason
from dragoman.ingest.fetch import charset_of, media_type_of
from dragoman.ingest.urls import url_doc_id
from dragoman.records import Document, Failure
from dragoman.settings import Settings

__all__ = ["read_warc"]

log = logging.getLogger(__name__)

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_MAX_FAILURES = 1000
_SCAN_BLOCK = 1 << 16


class _BadRecord(Exception):
    pass


def _failure_id(path: Path, offset: int) -> str:
    return hashlib.sha256(f"{path}#{offset}".encode()).hexdigest()[:16]


def _find_next(fh: IO[bytes], start: int, magic: bytes, line_start: bool) -> int | None:
    """Offset of the next ``magic`` at or after ``start`` (at a line start if asked)."""
    fh.seek(start)
    carry = b""
    pos = start
    while True:
        block = fh.read(_SCAN_BLOCK)
        if not block:
            return None
        data = carry + block
        base = pos - len(carry)
        idx = 0
        while True:
            idx = data.find(magic, idx)
            if idx < 0:
                break
            found = base + idx
            if found >= start and (not line_start or found == 0 or data[idx - 1 : idx] == b"\n"):
                return found
            idx += 1
        carry = data[-(len(magic) + 1) :]
        pos += len(block)


_ARC_HEADER = re.compile(rb"\S+://\S* \S+ \d{14} \S+ \d+\r?\n")


def _looks_like_archive(head: bytes, gzipped: bool) -> bool:
    if gzipped:
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 4096)
        except zlib.error:
            return True  # a damaged first member: let the reader report it and resync
    head = head.lstrip(b"\r\n")
    return head.startswith(_WARC_MAGIC) or _ARC_HEADER.match(head) is not None


def _garbled_header(record: Any) -> bool:
    """Whether a record's header holds bytes no WARC header has (a damaged gzip member that
    still inflates to something): control characters or undecodable bytes."""
    headers = getattr(record.rec_headers, "headers", None) or []
    return any(
        ch == "\ufffd" or (ord(ch) < 32 and ch != "\t") or 0x7F <= ord(ch) < 0xA0
        for _, value in headers
        for ch in str(value)
    )


def _drain(record: Any) -> None:
    """Read what is left of a record; raise _BadRecord if the file ends before it does."""
    stream = record.raw_stream
    while stream.read(_SCAN_BLOCK):
        pass
    remaining = getattr(stream, "limit", 0)
    if remaining:
        raise _BadRecord(f"record cut short: {remaining} bytes missing")


def _record_document(
    record: Any, path: Path, offset: int, settings: Settings
) -> Document | Failure | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode()
    if not uri or status != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    media = media_type_of(content_type) if content_type else None
    if media is None:
        return None
    uri = str(uri).strip().strip("<>")
    source = f"{path}#{offset}"
    cap = settings.fetch_max_bytes
    data = record.content_stream().read(cap + 1)
    if len(data) > cap:
        return Failure(
            url_doc_id(uri), source, "ingest", FailureReason.TOO_LARGE, f"payload over {cap} bytes"
        )
    return Document(
        doc_id=url_doc_id(uri),
        source=source,
        data=data,
        media_type=media,
        url=uri,
        date=settings.default_date,
        encoding=charset_of(content_type),
    )


def read_warc(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    """Yield a Document for every HTML/text 200 response in a WARC or ARC file."""
    path = Path(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Failure(_failure_id(path, 0), str(path), "ingest", FailureReason.UNREADABLE, str(exc))
        return
    with fh:
        size = os.fstat(fh.fileno()).st_size
        head = fh.read(_SCAN_BLOCK)
        gzipped = head.startswith(_GZIP_MAGIC)
        if not _looks_like_archive(head, gzipped):
            yield Failure(
                _failure_id(path, 0),
                f"{path}#0",
                "ingest",
                FailureReason.BAD_WARC_RECORD,
                "not a WARC or ARC file (no WARC/1.x or ARC header at the start)",
            )
            return
        start = 0
        failures = 0
        while start < size:
            fh.seek(start)
            # warcio's offsets are file positions: it starts from fh.tell().
            iterator = ArchiveIterator(fh, arc2warc=True)
            try:
                for record in iterator:
                    offset = int(iterator.offset)  # start of this record until it is consumed
                    if not record.rec_type:
                        raise _BadRecord("empty or unreadable record header")
                    if _garbled_header(record):
                        raise _BadRecord("garbled record header (damaged data)")
                    result = _record_document(record, path, offset, settings)
                    _drain(record)
                    if result is not None:
                        yield result
                if iterator.offset < size:
                    raise _BadRecord(f"{size - iterator.offset} unreadable bytes at the end")
                return
            except (
                _BadRecord,
                ArchiveLoadFailed,
                EOFError,
                zlib.error,
                OSError,
                ValueError,
                UnicodeError,
                IndexError,
                KeyError,
                AttributeError,  # warcio on a record cut off inside its gzip member
                TypeError,
            ) as exc:
                failures += 1
                offset = max(start, int(iterator.offset))
                what = (
                    "record cut short (truncated file)"
                    if isinstance(exc, (AttributeError, TypeError, EOFError))
                    else f"{type(exc).__name__}: {exc}"
                )
                detail = f"offset {offset}: {what}"[:500]
                log.warning("%s: bad WARC record at %s", path, detail)
                yield Failure(
                    _failure_id(path, offset),
                    f"{path}#{offset}",
                    "ingest",
                    FailureReason.BAD_WARC_RECORD,
                    detail,
                )
                if failures >= _MAX_FAILURES:
                    return
                magic, line_start = (_GZIP_MAGIC, False) if gzipped else (_WARC_MAGIC, True)
                nxt = _find_next(fh, offset + 1, magic, line_start)
                if nxt is None:
                    return
                start = nxt
