"""The one exception tree of dragoman.

Library code raises these; the CLI maps them to exit codes (2 for usage and configuration
errors, 1 when documents failed). Per-document problems inside a batch never raise: stages turn
them into :class:`dragoman.records.Failure` records that carry ``reason`` and ``detail``. Every
reason, of an error or of a failure, is a member of :class:`FailureReason` (the one registry,
each with its description), or ``http-<status>`` for a page answered with an HTTP error.

::

    DragomanError
    ├── ConfigError            invalid settings, unknown option values, bad config file
    ├── InputError             an input cannot be read as a document
    │   ├── EmptyInput         zero bytes, or only whitespace / markup
    │   ├── BinaryInput        bytes that are not text (NUL bytes, images, archives we don't read)
    │   ├── DecodeError        text whose encoding cannot be determined
    │   └── UnsupportedInput   a file type or URL scheme dragoman does not read
    ├── FetchError             a URL could not be fetched (timeout, size cap, refused address)
    ├── ExtractionError        HTML parsed but no main text found
    ├── StageTimeout           one document kept a stage busy past ``document_timeout``
    ├── ModelError             the spaCy pipeline is missing or cannot be loaded
    ├── DictionaryError        an actor or pattern dictionary file is malformed
    └── StoreError             the DuckDB store cannot be opened or written
"""

from __future__ import annotations

import re
from enum import StrEnum


class FailureReason(StrEnum):
    """Why a document failed (``Failure.reason``) or an error was raised, with a description."""

    description: str

    def __new__(cls, value: str, description: str) -> FailureReason:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    # ingest: reading files, archives, feeds and stdin
    NOT_FOUND = "not-found", "no such file or folder"
    UNREADABLE = "unreadable", "the input exists but could not be read (I/O error, bad archive)"
    EMPTY = "empty", "zero bytes, only whitespace, or HTML with markup and no text"
    BINARY = (
        "binary",
        "bytes that are not text (NUL bytes, images, unread archives)",
    )
    UNDECODABLE = "undecodable", "text whose character encoding cannot be determined"
    UNSUPPORTED = "unsupported", "a file type or URL scheme dragoman does not read"
    TOO_LARGE = "too-large", "over the size cap (fetch_max_bytes, or the decompressed-size limit)"
    BAD_GZIP = "bad-gzip", "gzip data that is truncated or invalid"
    BAD_JSONL = "bad-jsonl", "a JSONL line that is not a JSON object"
    MISSING_ID = "missing-id", 'a JSONL record without an "id"'
    MISSING_TEXT = "missing-text", 'a JSONL record without a "text" or "html" string'
    DUPLICATE_ID = "duplicate-id", "a JSONL record whose id an earlier line of the file used"
    BAD_WARC_RECORD = "bad-warc-record", "a WARC record that cannot be read"
    BAD_FEED = "bad-feed", "an RSS/Atom feed that cannot be parsed"
    UNREADABLE_GDELT_FILE = (
        "unreadable-gdelt-file",
        "a GDELT event file that cannot be read (missing, not a CSV, zip or gzip)",
    )
    MALFORMED_GDELT_ROWS = (
        "malformed-gdelt-rows",
        "rows of a GDELT event file without the 61 columns or with unreadable values (skipped)",
    )
    NO_LINK = "no-link", "a feed item without a link"
    # fetching URLs
    FETCH = "fetch", "a URL could not be fetched"
    BAD_URL = "bad-url", "a malformed URL, or one without a host"
    BAD_SCHEME = "bad-scheme", "a URL whose scheme is not http or https"
    CONNECT = "connect", "the host could not be resolved or reached"
    FORBIDDEN_ADDRESS = "forbidden-address", "a private or local address (see --allow-private)"
    ROBOTS = "robots", "robots.txt disallows the page"
    TIMEOUT = (
        "timeout",
        "the page did not arrive within fetch_timeout, or a stage took longer than "
        "document_timeout on the document",
    )
    TOO_MANY_REDIRECTS = "too-many-redirects", "more redirects than allowed"
    UNSUPPORTED_TYPE = (
        "unsupported-type",
        "a page served as something other than HTML or text",
    )
    # extract, language check, coding
    NO_MAIN_TEXT = "no-main-text", "HTML parsed, but no main text was found"
    EXTRACT_ERROR = "extract-error", "an unexpected error in extraction (a bug: please report it)"
    UNSUPPORTED_LANGUAGE = "unsupported-language", "the text is not in a language dragoman codes"
    CODER_ERROR = "coder-error", "an unexpected error in the coder (a bug: please report it)"
    # errors that stop a run rather than a document
    CONFIG = "config", "invalid settings, unknown option values, bad config file"
    MODEL = "model", "the spaCy pipeline is missing or cannot be loaded"
    DICTIONARY = "dictionary", "an actor or pattern dictionary file is malformed"
    STORE = "store", "the DuckDB store cannot be opened or written"
    LOCKED = "locked", "the DuckDB store is locked by another process"
    ERROR = "error", "an error without a more precise reason"

    @staticmethod
    def http(status: int) -> str:
        """The reason of a page answered with HTTP ``status``: ``http-404``."""
        return f"http-{status}"


_REASONS = frozenset(m.value for m in FailureReason)
_HTTP_REASON = re.compile(r"http-[1-5]\d\d")


def check_reason(reason: str) -> str:
    """``reason`` as a plain string when it is registered; raises ValueError otherwise."""
    if reason in _REASONS or _HTTP_REASON.fullmatch(reason):
        return str(reason)
    raise ValueError(f"unregistered failure reason {reason!r} (see dragoman.errors.FailureReason)")


class DragomanError(Exception):
    """Base class of every error dragoman raises on purpose."""

    reason: str = FailureReason.ERROR

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = check_reason(reason)


class ConfigError(DragomanError):
    reason = FailureReason.CONFIG


class InputError(DragomanError):
    reason = FailureReason.UNREADABLE


class EmptyInput(InputError):
    reason = FailureReason.EMPTY


class BinaryInput(InputError):
    reason = FailureReason.BINARY


class DecodeError(InputError):
    reason = FailureReason.UNDECODABLE


class UnsupportedInput(InputError):
    reason = FailureReason.UNSUPPORTED


class FetchError(DragomanError):
    reason = FailureReason.FETCH


class ExtractionError(DragomanError):
    reason = FailureReason.NO_MAIN_TEXT


class StageTimeout(DragomanError):
    reason = "timeout"


class ModelError(DragomanError):
    reason = FailureReason.MODEL


class DictionaryError(DragomanError):
    reason = FailureReason.DICTIONARY


class StoreError(DragomanError):
    reason = FailureReason.STORE
