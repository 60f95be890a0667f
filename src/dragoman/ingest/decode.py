"""Bytes -> text: encoding detection that never silently mangles text.

Order of evidence, strongest first: a byte-order mark; the charset declared by the transport
(HTTP ``Content-Type``); a ``<meta charset>`` / ``<?xml encoding?>`` declaration in the first
bytes; strict UTF-8; then ``charset-normalizer``. Declared single-byte Western charsets
(``iso-8859-1``, ``ascii``) are read as ``cp1252`` as browsers do (WHATWG), and a declared
single-byte charset loses to bytes that are valid multi-byte UTF-8 (the common mislabelling).
Every candidate is decoded strictly; a lossy UTF-8 decode is only accepted when the replacement
characters stay under a tiny threshold. Otherwise :class:`~dragoman.errors.DecodeError`.
"""

from __future__ import annotations

import codecs
import logging
import re

from dragoman.errors import BinaryInput, DecodeError

log = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Labels that browsers read as windows-1252.
_AS_CP1252 = {"iso8859-1", "latin-1", "ascii", "cp1252", "windows-1252", "iso-8859-1", "us-ascii"}
_SINGLE_BYTE_WESTERN = _AS_CP1252 | {"iso8859-15", "cp1250", "iso8859-2", "mac-roman"}

# (magic prefix, description) of binary formats we do not read as text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"BZh", "bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

# Lossy decodes are accepted only under this share of U+FFFD (and at most a handful).
_MAX_REPLACEMENT_SHARE = 0.001


def _norm(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None


def _bom(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_kind(data: bytes) -> str | None:
    """Describe ``data`` if it is a known binary format or holds NUL bytes, else None.

    Call it only on data without a UTF-16/32 BOM (those legitimately contain NUL bytes).
    """
    head = data[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and len(head) >= 12:
        return _RIFF_KINDS.get(head[8:12], "RIFF media")
    if head[4:12] in (b"ftypisom", b"ftypmp42", b"ftypM4A ") or head[4:8] == b"ftyp":
        return "MP4 media"
    sample = data[:8192]
    if b"\x00" in sample and _utf16_without_bom(sample) is None:
        return "binary data (NUL bytes)"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """Recognise BOM-less UTF-16 of mostly ASCII text (every other byte NUL)."""
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag or XML declaration announces in the first 4 KB."""
    match = _META_RE.search(data[:4096])
    if not match:
        return None
    raw = (match.group(1) or match.group(2) or b"").decode("ascii", "ignore")
    return raw or None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_multibyte_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    return _strict(data, "utf-8") is not None


def _try_declared(data: bytes, label: str) -> tuple[str, str] | None:
    name = _norm(label)
    if name is None:
        log.debug("unknown declared charset %r ignored", label)
        return None
    if name in _SINGLE_BYTE_WESTERN and _is_multibyte_utf8(data):
        return data.decode("utf-8"), "utf-8"
    candidates = ["cp1252", "latin-1"] if name in _AS_CP1252 else [name]
    for cand in candidates:
        text = _strict(data, cand)
        if text is not None:
            return text, cand
    return None


_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _plausible(text: str) -> bool:
    """Reject decodes full of C0/C1 control characters (a sign of the wrong codec)."""
    if not text:
        return True
    bad = len(_CONTROL_CHARS.findall(text))
    return bad <= max(2, len(text) * 0.001)


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` into text; return ``(text, encoding used)``.

    ``declared`` is a charset from the transport (an HTTP header), if any. A leading BOM is
    removed from the text. Raises :class:`DecodeError` when no encoding gives plausible text
    and :class:`BinaryInput` for data that is not text at all.
    """
    if not data:
        return "", "utf-8"
    bom = _bom(data)
    if bom is not None:
        text = _strict(data[len(codecs.BOM_UTF8) if bom == "utf-8" else 0 :], bom)
        if bom != "utf-8" and text is not None:
            text = text.lstrip("\ufeff")
        if text is None:
            raise DecodeError(f"bytes start with a {bom} byte-order mark but are not valid {bom}")
        return text, bom
    kind = binary_kind(data)
    if kind is not None:
        raise BinaryInput(f"this is not text: {kind}")
    utf16 = _utf16_without_bom(data[:8192]) if b"\x00" in data[:8192] else None
    if utf16 is not None:
        text = _strict(data, utf16)
        if text is not None:
            return text, utf16
    for label in (declared, declared_charset(data)):
        if label:
            found = _try_declared(data, label)
            if found is not None and _plausible(found[0]):
                return found
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    few_bad = bad <= 8 and bad <= len(lossy) * _MAX_REPLACEMENT_SHARE
    if bad <= max(8.0, len(lossy) * 0.01) and _multibyte(lossy) >= 2 * bad:
        # UTF-8 with a few damaged bytes: a guesser would call it Cyrillic or Greek
        log.warning("decoded as UTF-8 with %d invalid byte sequence(s) replaced", bad)
        return lossy, "utf-8"
    western = _mostly_ascii_cp1252(data)
    if western is not None:
        return western, "cp1252"
    guessed = _charset_normalizer(data)
    if guessed is not None:
        return guessed
    if few_bad:
        log.warning("decoded as UTF-8 with %d invalid byte sequence(s) replaced", bad)
        return lossy, "utf-8"
    raise DecodeError(
        f"cannot determine the text encoding ({bad} invalid UTF-8 sequences, "
        "no declared charset and no confident guess)"
    )


def _multibyte(lossy: str) -> int:
    """How many well-formed non-ASCII characters a lossy UTF-8 decode holds."""
    return sum(1 for c in lossy if c > "\x7f" and c != "\ufffd")


# Western text is mostly ASCII; its few other bytes are accented letters and cp1252 quotes.
_MAX_NON_ASCII_SHARE = 0.1
_HIGH_RUNS = re.compile(rb"[\x80-\xff]+")


def _mostly_ascii_cp1252(data: bytes) -> str | None:
    """``data`` as cp1252 when it is mostly ASCII (a short Western text whose curly quotes a
    statistical guess would misread), else None."""
    runs = [len(m) for m in _HIGH_RUNS.findall(data)]
    # accented letters and quotes stand alone among ASCII; Cyrillic or Greek bytes make words
    if sum(runs) > len(data) * _MAX_NON_ASCII_SHARE and (
        max(runs, default=0) > 3 or sum(runs) > 1.6 * len(runs)
    ):
        return None
    text = _strict(data, "cp1252")
    if text is None or not _plausible(text):
        return None
    return text


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return None
    if best.chaos > 0.3:
        return None
    text = _strict(data, best.encoding)
    if text is None or not _plausible(text):
        return None
    return text, best.encoding
