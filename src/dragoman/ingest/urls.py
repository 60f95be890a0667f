"""URL identity: one spelling per address, and the document id of a URL.

:func:`canonical_url` turns the many spellings of one address into one (lower-case scheme and
host, default port dropped, query sorted, tracking parameters such as ``utm_*`` and ``fbclid``
removed, fragment dropped); :func:`url_doc_id` hashes it into a document id. Fetching, WARC,
feeds and ``watch`` all name a page this way.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

__all__ = ["canonical_url", "url_doc_id"]

_TRACKING_PARAM = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ocid|cmpid)$",
    re.IGNORECASE,
)


def canonical_url(url: str) -> str:
    """One spelling per address: what document ids and "seen" checks are computed from.

    ``HTTP://Example.COM:80/a?utm_source=x&b=2&a=1#top`` -> ``http://example.com/a?a=1&b=2``.
    Strings that are not absolute http(s) URLs are returned stripped but otherwise unchanged.
    """
    raw = url.strip()
    try:
        parts = urlsplit(raw)
    except ValueError:
        return raw
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return raw
    try:
        normalized = normalize_url(raw)
    except (ValueError, UnicodeError):
        normalized = raw
    parts = urlsplit(normalized)
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAM.match(k)
        )
    )
    path = _remove_dot_segments(parts.path) or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4: ``/a/./b/../c`` -> ``/a/c``."""
    if "." not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == ".":
            if last:
                out.append("")
        elif seg == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(seg)
    result = "/".join(out)
    return result if result.startswith("/") or not path.startswith("/") else "/" + result


def url_doc_id(url: str) -> str:
    """Document id of a URL: the first 16 hex digits of sha256 of its canonical form."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]
