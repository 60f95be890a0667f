"""The one exception tree of dragoman.

Library code raises these; the CLI maps them to exit codes (2 for usage and configuration
errors, 1 when documents failed). Per-document problems inside a batch never raise: stages turn
them into :class:`dragoman.records.Failure` records that carry ``reason`` and ``detail``.

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


class DragomanError(Exception):
    """Base class of every error dragoman raises on purpose."""

    reason: str = "error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class ConfigError(DragomanError):
    reason = "config"


class InputError(DragomanError):
    reason = "unreadable"


class EmptyInput(InputError):
    reason = "empty"


class BinaryInput(InputError):
    reason = "binary"


class DecodeError(InputError):
    reason = "undecodable"


class UnsupportedInput(InputError):
    reason = "unsupported"


class FetchError(DragomanError):
    reason = "fetch"


class ExtractionError(DragomanError):
    reason = "no-main-text"


class StageTimeout(DragomanError):
    reason = "timeout"


class ModelError(DragomanError):
    reason = "model"


class DictionaryError(DragomanError):
    reason = "dictionary"


class StoreError(DragomanError):
    reason = "store"
