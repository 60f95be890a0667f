"""Article metadata helpers: titles without site names, headline detection, language."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|/)\s+|\s*:\s+")
_STRONG_SEPARATORS = ("|", "::", "·", "»", "—", "–")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _key(value: str) -> str:
    low = value.lower().strip()
    low = re.sub(r"^the\s+", "", low)
    low = re.sub(r"^www\.", "", low)
    low = re.sub(r"\.(?:com|org|net|co\.uk|co|ru|de|fr|info|news|io)$", "", low)
    return _NON_ALNUM.sub("", low)


def _host_key(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    parts = [p for p in host.split(".") if p not in {"www", "m", "amp", "edition", "en", "news"}]
    return _key(parts[0]) if parts else None


def clean_title(
    title: str | None, sitename: str | None = None, url: str | None = None
) -> str | None:
    """``title`` without a leading or trailing site name ("Story | The Moscow Times" -> "Story").

    A segment is dropped when it matches the site name or the host name; without either, a
    last segment after a strong separator ("|", "·", "»", dashes) of at most four words is taken
    for the site name when what remains is longer.
    """
    if title is None:
        return None
    title = " ".join(title.split())
    if not title:
        return None
    parts = _SEPARATORS.split(title)
    seps = _SEPARATORS.findall(title)
    if len(parts) < 2:
        return title
    names = {k for k in (_key(sitename) if sitename else None, _host_key(url)) if k}

    def is_site(segment: str) -> bool:
        key = _key(segment)
        return bool(key) and any(
            key == n or (len(n) >= 3 and (key.startswith(n) or n in key or key in n)) for n in names
        )

    if names:
        if is_site(parts[-1]):
            return _join(title, seps[:-1], parts[:-1])
        if is_site(parts[0]):
            return _join(title, seps[1:], parts[1:])
        return title
    last_sep = seps[-1].strip()
    tail_words = len(parts[-1].split())
    head = _join(title, seps[:-1], parts[:-1])
    if last_sep in _STRONG_SEPARATORS and tail_words <= 4 and len(head) > len(parts[-1]):
        return head
    return title


def _join(original: str, seps: list[str], parts: list[str]) -> str:
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        out += sep + part
    return out.strip() or original


def is_headline(line: str) -> bool:
    """A first line that reads as a headline: short, no final period."""
    stripped = line.strip()
    return (
        0 < len(stripped) < 200
        and not stripped.endswith((".", ",", ";", ":"))
        and len(stripped.split()) <= 30
        and any(ch.isalpha() for ch in stripped)
    )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (py3langid on its first 5000 characters); None if too short."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)
