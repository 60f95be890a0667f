"""Local inputs -> Documents: text, HTML, gzip, JSONL files and folders, and stdin bytes.

Ids are content hashes (:func:`content_id`), so a rerun over the same files gives the same
documents. Nothing here raises for a bad input: each problem becomes a
:class:`~dragoman.records.Failure` with a short ``reason`` slug and a readable ``detail``.
WARC and feed files are handed to :mod:`dragoman.ingest.warc` and :mod:`dragoman.ingest.feeds`
by the dispatcher in :mod:`dragoman.ingest`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import zlib
from collections.abc import Iterator
from datetime import date as _date
from pathlib import Path
from typing import Any, Literal

from dragoman.errors import BinaryInput, EmptyInput, FailureReason, InputError
from dragoman.ingest.decode import decode_bytes
from dragoman.records import Document, Failure, MediaType
from dragoman.settings import Settings

log = logging.getLogger("dragoman.ingest")

STAGE = "ingest"
#: Size cap of one document (a page, a text, a JSONL line) when the caller gives none: the
#: default of ``Settings.max_document_bytes``.
MAX_DOCUMENT_BYTES = Settings().max_document_bytes
#: Size cap of a file that holds many documents (JSONL, after decompression).
MAX_CONTAINER_BYTES = 512 * 1024 * 1024

Kind = Literal["text", "html", "jsonl", "warc", "feed", "gzip", "sniff"]

_SUFFIX_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}

_C0_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b",
    re.IGNORECASE | re.DOTALL,
)


def content_id(data: bytes) -> str:
    """Document id of content: the first 16 hex characters of the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def text_id(value: str) -> str:
    """Document id of a string (a canonical URL, or a source name when there is no content)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def kind_of(path: Path) -> Kind | None:
    """What a file name says it holds, or None for extensions we do not read."""
    name = path.name.lower()
    if name.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    if name.endswith(".gz"):
        inner = _SUFFIX_KINDS.get(Path(name[:-3]).suffix)
        if inner in ("text", "html", "jsonl"):
            return "gzip"
        if inner == "feed":
            return "feed"
        return "gzip"
    return _SUFFIX_KINDS.get(Path(name).suffix)


def inner_kind(name: str) -> Kind:
    """The kind of the content of ``name`` once a ``.gz`` suffix is removed."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    found = _SUFFIX_KINDS.get(Path(lower).suffix)
    return found if found in ("text", "html", "jsonl") else "sniff"


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_SNIFF.match(head)) or b"<html" in data[:4096].lower()


def looks_like_jsonl(data: bytes) -> bool:
    for raw in data[:65536].splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith(b"{"):
            return False
        try:
            return isinstance(json.loads(line), dict)
        except ValueError:
            return False
    return False


def sniff_kind(data: bytes) -> Kind:
    if looks_like_jsonl(data):
        return "jsonl"
    if looks_like_html(data):
        return "html"
    return "text"


def gunzip(data: bytes, limit: int = MAX_CONTAINER_BYTES) -> bytes:
    """Decompress gzip ``data`` (several members allowed); InputError when corrupt or too big.

    Decompression stops as soon as the output passes ``limit``: a gzip bomb costs at most
    ``limit`` bytes of memory.
    """
    out = bytearray()
    rest = data
    try:
        while rest:
            dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += dec.decompress(rest, limit + 1 - len(out))
            if len(out) > limit or dec.unconsumed_tail:
                raise InputError(
                    f"decompressed size exceeds {limit} bytes (max_document_bytes)",
                    reason=FailureReason.TOO_LARGE,
                )
            rest = dec.unused_data
            if not dec.eof:
                raise InputError("gzip data is truncated", reason=FailureReason.BAD_GZIP)
            rest = rest.lstrip(b"\x00")
    except zlib.error as exc:
        raise InputError(f"not valid gzip data ({exc})", reason=FailureReason.BAD_GZIP) from exc
    return bytes(out)


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def failure(doc_id: str, source: str, reason: str, detail: str) -> Failure:
    log.warning("ingest failed for %s: %s (%s)", source, detail, reason)
    return Failure(doc_id=doc_id, source=source, stage=STAGE, reason=reason, detail=detail)


def failure_from(exc: InputError, source: str, data: bytes | None = None) -> Failure:
    doc_id = content_id(data) if data else text_id(source)
    return failure(doc_id, source, exc.reason, str(exc))


def check_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode and validate one document's bytes; raise EmptyInput/BinaryInput/DecodeError."""
    if not data.strip():
        raise EmptyInput("the input is empty or only whitespace")
    text, encoding = decode_bytes(data, declared)
    if not text.strip():
        raise EmptyInput("the input is empty or only whitespace")
    controls = len(_C0_CONTROLS.findall(text, 0, 20000))
    if controls > max(8, len(text[:20000]) * 0.01):
        raise BinaryInput("this is not text: too many control characters")
    return text, encoding


def make_document(
    data: bytes,
    source: str,
    media_type: MediaType,
    *,
    doc_id: str | None = None,
    url: str | None = None,
    date: str | None = None,
    title: str | None = None,
) -> Document | Failure:
    """Validate ``data`` and wrap it in a Document, or return the Failure saying why not."""
    try:
        text, encoding = check_text(data)
    except InputError as exc:
        return (
            failure_from(exc, source, data)
            if doc_id is None
            else failure(doc_id, source, exc.reason, str(exc))
        )
    if media_type == "html" and not _html_has_text(text):
        return failure(
            doc_id or content_id(data), source, "empty", "the HTML holds no text, only markup"
        )
    return Document(
        doc_id=doc_id or content_id(data),
        source=source,
        data=data,
        media_type=media_type,
        url=url,
        date=date,
        title=title,
        encoding=encoding,
    )


_TAG_RE = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]*>|&nbsp;", re.I | re.S)


def _html_has_text(text: str) -> bool:
    return bool(_TAG_RE.sub(" ", text).strip())


def read_bytes_as(
    data: bytes, source: str, kind: Kind, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[Document | Failure]:
    """Documents from the (already decompressed) bytes of one input of a known kind."""
    if kind == "sniff":
        if not data.strip():
            yield failure(text_id(source), source, FailureReason.EMPTY, "the input is empty")
            return
        kind = sniff_kind(data)
    if kind == "jsonl":
        yield from read_jsonl_bytes(data, source, max_bytes)
    elif len(data) > max_bytes:
        yield failure(
            content_id(data),
            source,
            FailureReason.TOO_LARGE,
            f"{source} is {len(data)} bytes, over the {max_bytes}-byte limit (max_document_bytes)",
        )
    elif kind == "html":
        yield make_document(data, source, "html")
    else:
        yield make_document(data, source, "text")


def read_file(
    path: Path, source: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[Document | Failure]:
    """Documents from one text, HTML, JSONL or gzip file (not WARC or feeds).

    A page or text over ``max_bytes`` (before or after decompression) is a ``too-large``
    failure and is not read further; a JSONL file may hold up to MAX_CONTAINER_BYTES, each
    line up to ``max_bytes``.
    """
    source = source if source is not None else str(path)
    container = inner_kind(path.name) == "jsonl"
    cap = MAX_CONTAINER_BYTES if container else max_bytes
    try:
        size = path.stat().st_size
        if size > cap:
            yield failure(
                text_id(source),
                source,
                FailureReason.TOO_LARGE,
                f"{source} is {size} bytes, over the {cap}-byte limit (max_document_bytes)",
            )
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield failure(text_id(source), source, FailureReason.NOT_FOUND, f"no such file: {source}")
        return
    except OSError as exc:
        yield failure(
            text_id(source), source, FailureReason.UNREADABLE, f"cannot read {source}: {exc}"
        )
        return
    yield from read_bytes(data, path.name, source, max_bytes)


def read_bytes(
    data: bytes, name: str, source: str, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[Document | Failure]:
    """Documents from the bytes of one text, HTML, JSONL or gzip file called ``name``
    (what :func:`read_file` does once the bytes are read; the Spark engine reads them from
    any Hadoop path). Size caps as in :func:`read_file`."""
    path = Path(name)
    cap = MAX_CONTAINER_BYTES if inner_kind(path.name) == "jsonl" else max_bytes
    if len(data) > cap:
        yield failure(
            content_id(data),
            source,
            FailureReason.TOO_LARGE,
            f"{source} is {len(data)} bytes, over the {cap}-byte limit (max_document_bytes)",
        )
        return
    kind = kind_of(path)
    if kind == "gzip" or (kind is None and is_gzip(data)):
        if not data:
            yield failure(text_id(source), source, FailureReason.EMPTY, "the file is empty")
            return
        try:
            data = gunzip(data, cap)
        except InputError as exc:
            yield failure(content_id(data), source, exc.reason, f"{source}: {exc}")
            return
        kind = inner_kind(path.name)
    if kind in (None, "gzip"):
        kind = "sniff"
    if not data:
        yield failure(text_id(source), source, FailureReason.EMPTY, "the file is empty")
        return
    yield from read_bytes_as(data, source, kind, max_bytes)


def _iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from a JSONL date value (a date or a timestamp string), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    head = value.strip()[:10]
    try:
        return _date.fromisoformat(head).isoformat()
    except ValueError:
        return None


def read_jsonl_bytes(
    data: bytes, source: str, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[Document | Failure]:
    """One Document per JSONL line ``{"id", "text" | "html", "date"?, "url"?, "title"?}``.

    The document id is the line's ``id`` (that is how gold sets are scored); blank lines are
    skipped; a bad line (not JSON, NUL bytes, no id, an id already used by an earlier line)
    becomes a Failure naming its line number and the rest carry on.
    """
    file_id = content_id(data)
    raw_lines = data.split(b"\n")
    binary = {n for n, raw in enumerate(raw_lines, start=1) if b"\x00" in raw}
    huge = {n for n, raw in enumerate(raw_lines, start=1) if len(raw) > max_bytes}
    for lineno in sorted(binary | huge):
        yield failure(
            f"{file_id}:{lineno}",
            source,
            FailureReason.TOO_LARGE if lineno in huge else FailureReason.BINARY,
            f"{source} line {lineno} is over {max_bytes} bytes; skipped"
            if lineno in huge
            else f"{source} line {lineno} holds NUL bytes (binary data); skipped",
        )
    binary |= huge
    if binary:  # keep the line numbers of the others
        data = b"\n".join(b"" if n in binary else raw for n, raw in enumerate(raw_lines, 1))
    try:
        text, _ = decode_bytes(data)
    except InputError as exc:
        yield failure_from(exc, source, data)
        return
    first_line: dict[str, int] = {}
    if not binary and not text.strip():  # only blank lines (after decoding): nothing to read
        yield failure(file_id, source, FailureReason.EMPTY, f"{source} holds no JSON lines")
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source} line {lineno}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield failure(
                f"{file_id}:{lineno}", source, "bad-jsonl", f"{where} is not valid JSON: {exc}"
            )
            continue
        if not isinstance(record, dict):
            yield failure(
                f"{file_id}:{lineno}", source, "bad-jsonl", f"{where} is not a JSON object"
            )
            continue
        raw_id = record.get("id")
        if raw_id is not None and not (isinstance(raw_id, str) and not raw_id.strip()):
            if str(raw_id) in first_line:
                yield failure(
                    f"{file_id}:{lineno}",
                    source,
                    FailureReason.DUPLICATE_ID,
                    f"{where} repeats the id {str(raw_id)!r} of line {first_line[str(raw_id)]}; "
                    "skipped",
                )
                continue
            first_line[str(raw_id)] = lineno
        yield record_document(record, source, where, f"{file_id}:{lineno}")


def record_document(
    record: dict[str, Any], source: str, where: str, fallback_id: str
) -> Document | Failure:
    """The Document of one record ``{"id", "text" | "html", "date"?, "url"?, "title"?}`` (a
    JSONL line or a Parquet row), or the Failure saying why not; ``fallback_id`` names a
    record without an id."""
    raw_id = record.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        return failure(fallback_id, source, FailureReason.MISSING_ID, f'{where} has no "id" field')
    doc_id = str(raw_id)
    body = record.get("html")
    media: MediaType = "html"
    if not isinstance(body, str) or not body.strip():
        body = record.get("text")
        media = "text"
    if not isinstance(body, str):
        return failure(
            doc_id, source, FailureReason.MISSING_TEXT, f'{where} has no "text" or "html" string'
        )
    if not body.strip():
        return failure(doc_id, source, FailureReason.EMPTY, f"{where} has an empty text")
    url = record.get("url")
    title = record.get("title")
    raw_date = record.get("date")
    if isinstance(raw_date, _date):
        raw_date = raw_date.isoformat()
    iso = _iso_date(raw_date)
    if raw_date not in (None, "") and iso is None:
        log.warning("%s: date %r is not YYYY-MM-DD; ignored", where, raw_date)
    return make_document(
        body.encode("utf-8"),
        source,
        media,
        doc_id=doc_id,
        url=url if isinstance(url, str) and url else None,
        date=iso,
        title=title if isinstance(title, str) and title.strip() else None,
    )


# Project files that describe a folder rather than being news: skipped when walking folders
# (an explicitly named file is always read).
FOLDER_DOCS = frozenset({"readme", "license", "licence", "changelog", "copying", "notice"})


def walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in sorted order, recursively, skipping hidden files and folders
    and folder documentation (README.md, LICENSE, ...)."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        log.warning("cannot list %s: %s", folder, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            log.debug("skipping hidden %s", entry)
            continue
        if entry.name.split(".")[0].lower() in FOLDER_DOCS:
            log.debug("skipping folder documentation %s", entry)
            continue
        if entry.is_dir():
            yield from walk(entry)
        elif entry.is_file():
            if kind_of(entry) is None:
                log.debug("skipping %s: unknown extension", entry)
                continue
            yield entry


__all__ = [
    "content_id",
    "gunzip",
    "is_gzip",
    "kind_of",
    "looks_like_html",
    "looks_like_jsonl",
    "make_document",
    "read_bytes",
    "read_bytes_as",
    "read_file",
    "read_jsonl_bytes",
    "record_document",
    "sniff_kind",
    "text_id",
    "walk",
]
