"""Publication dates: from HTML metadata, from URLs, and from news datelines in plain text.

HTML (:func:`html_date`). The *stated* date is the first found of:

1. a full date in the URL path (``/2019/11/18/``, ``-2019-11-18-``, ``/20191118/``): fixed when
   the story was created;
2. an element marked as the publication date (``itemprop=datePublished``, ``<time pubdate>``,
   a ``<time>`` whose class names publication);
3. ``<meta>`` publication fields (:data:`META_DATE_NAMES`: ``article:published_time``,
   ``itemprop=datePublished``, ``DC.date.issued``, ``pubdate`` ...).

(A JSON-LD ``datePublished`` layer was dropped: on the benchmark pages it made dates worse on
both folds; htmldate, the fallback, reads JSON-LD in its own order.)

Modification fields (``dateModified``, ``article:modified_time``, ``og:updated_time``) are
never read by these layers, nor are dates inside ordinary scripts. The *shown* date is the
visible date closest to the headline (:func:`header_date`). Within a day of the stated date
the shown one wins (the same moment in the publisher's time zone); further off, the shown date
wins unless two sources agree on the stated one. Without either, htmldate
(``original_date=True``; fast, then extensive).

A date keeps the calendar day the publisher wrote (``2022-05-03T23:37:00-04:00`` is
2022-05-03): no time-zone conversion. Dates before 1995 or more than a day in the future are
not plausible publication dates and are ignored.

Plain text (:func:`dateline`): wire-style datelines at the start of a story,
``HAVANA, April 29, 2014 (Dragoman Wire) -``, ``MOSCOW, Nov 10 (Reuters) -``,
``April 29, 2014 -``, ``WASHINGTON (AP) --``. A dateline without a year takes it from a context
date (a date in the document's URL or file name, else the latest year the text mentions),
choosing the year that puts the day closest to that context date.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

MIN_YEAR = 1995

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "satiricalarticle",
        "advertisercontentarticle",
        "webpage",
        "itempage",
        "recipe",
        "videoobject",
        "event",
    }
)

#: ``<meta>`` names/properties/itemprops holding the original publication date (lower case).
META_DATE_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article.published",
    "article_date_original",
    "datepublished",
    "published_time",
    "published-date",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "publication-date",
    "pubdate",
    "pub_date",
    "date_published",
    "original-publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc.created",
    "citation_publication_date",
    "citation_date",
    "cxenseparse:recs:publishtime",
    "datecreated",
    "date",
    "created",
    "release_date",
)
_META_RANK = {name: i for i, name in enumerate(META_DATE_NAMES)}

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero gennaio janeiro jänner stycznia",
        "february feb febr februar février fevrier febrero febbraio fevereiro lutego",
        "march mar märz maerz mars marzo março marca",
        "april apr avril abril aprile kwietnia",
        "may mai mayo maggio maio maja",
        "june jun juni juin junio giugno junho czerwca",
        "july jul juli juillet julio luglio julho lipca",
        "august aug août aout agosto sierpnia",
        "september sep sept septembre septiembre settembre setembro września",
        "october oct okt oktober octobre octubre ottobre outubro października",
        "november nov novembre noviembre novembro listopada",
        "december dec dez dezember décembre decembre diciembre dicembre dezembro grudnia",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_]|[+-]\d\d:?\d\d$|Z)")
_COMPACT_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T|\d{2,6}\b)")
_SLASH_YMD_RE = re.compile(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
_DMY_RE = re.compile(r"^\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_DAY_MONTH_YEAR_RE = re.compile(
    rf"\b(\d{{1,2}})\.?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?(\d{{4}})\b", re.IGNORECASE
)
_MONTH_DAY_YEAR_RE = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE
)
_URL_DATE_RES = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|[-_])"),
    re.compile(r"[/_-]((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_.-]|$)"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|[-_])"),
)
_TYPE_CLASS_RE = re.compile(r"publi|posted|dateline|entry-date|post-date|article-date", re.I)


def _valid(year: int, month: int, day: int, today: dt.date | None = None) -> str | None:
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return None
    limit = (today or dt.date.today()) + dt.timedelta(days=1)
    if found.year < MIN_YEAR or found > limit:
        return None
    return found.isoformat()


def parse_date(value: str | None, today: dt.date | None = None) -> str | None:
    """``YYYY-MM-DD`` of a date string as metadata writes it, or None.

    Understands ISO 8601 (the local calendar day is kept), ``YYYYMMDD``, ``YYYY/MM/DD``,
    ``DD.MM.YYYY``, RFC 2822 (``Wed, 19 Feb 2020 18:37:32 +0100``), ``February 19, 2020`` and
    ``19 February 2020`` (English, German, French, Spanish, Italian, Portuguese, Polish months).
    """
    if not value:
        return None
    text = value.strip()[:80]
    for pattern in (_ISO_RE, _SLASH_YMD_RE, _COMPACT_RE):
        m = pattern.match(text)
        if m:
            return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), today)
    m = _DMY_RE.match(text)
    if m:
        return _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)), today)
    if re.match(r"^\s*[A-Za-z]{3},\s+\d", text):
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            parsed = None
        if parsed is not None:
            return _valid(parsed.year, parsed.month, parsed.day, today)
    m = _MONTH_DAY_YEAR_RE.search(text)
    if m:
        return _valid(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)), today)
    m = _DAY_MONTH_YEAR_RE.search(text)
    if m:
        return _valid(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)), today)
    return None


def url_date(url: str | None, today: dt.date | None = None) -> str | None:
    """A full date in a URL path (``/2019/11/18/``, ``-2019-11-18-``, ``/20191118/``)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    for pattern in _URL_DATE_RES:
        m = pattern.search(path)
        if m:
            found = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), today)
            if found:
                return found
    return None


# ---------------------------------------------------------------------------------------------
# JSON-LD


def json_ld_objects(tree: Any) -> list[dict[str, Any]]:
    """Every JSON object in the page's ``application/ld+json`` scripts (``@graph`` flattened)."""
    found: list[dict[str, Any]] = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", raw)
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            try:
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
            except ValueError:
                continue
        found.extend(_walk_json(data, 0))
    return found


def _walk_json(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_json(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk_json(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _walk_json(main, depth + 1)


def json_types(obj: dict[str, Any]) -> set[str]:
    """The lower-cased ``@type`` names of a JSON-LD object."""
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str)}


def is_article(obj: dict[str, Any]) -> bool:
    return bool(json_types(obj) & ARTICLE_TYPES)


# ---------------------------------------------------------------------------------------------
# HTML


def _meta_date(tree: Any, today: dt.date | None) -> str | None:
    best: tuple[int, str] | None = None
    for meta in tree.iterfind(".//meta"):
        content = meta.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            rank = _META_RANK.get(key)
            if rank is None:
                continue
            if best is not None and rank >= best[0]:
                continue
            found = parse_date(content, today)
            if found:
                best = (rank, found)
    return best[1] if best else None


@functools.cache
def _marked_dates_xpath() -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    return etree.XPath(
        "//*[@itemprop='datePublished' or @itemprop='dateCreated'"
        " or (self::time and (@pubdate or @datetime)) or (self::abbr and @title)]"
    )


def _time_date(tree: Any, today: dt.date | None) -> str | None:
    for elem in _marked_dates_xpath()(tree):
        marked = (elem.get("itemprop") or "") in {"datePublished", "dateCreated"} or (
            elem.tag == "time" and elem.get("pubdate") is not None
        )
        if not marked:
            marked = bool(_TYPE_CLASS_RE.search(elem.get("class") or ""))
        if not marked or elem.tag == "meta":
            continue
        for value in (elem.get("datetime"), elem.get("content"), elem.get("title")):
            found = parse_date(value, today)
            if found:
                return found
        if elem.tag in ("time", "abbr"):
            found = parse_date(" ".join(elem.itertext()), today)
            if found:
                return found
    return None


def htmldate_date(tree: Any, url: str | None, *, extensive: bool = False) -> str | None:
    """htmldate's original publication date, or None."""
    from htmldate import find_date

    try:
        found = find_date(
            tree,
            url=url,
            extensive_search=extensive,
            original_date=True,
            outputformat="%Y-%m-%d",
        )
    except (ValueError, TypeError, AttributeError) as exc:
        log.debug("htmldate failed on %s: %s", url, exc)
        return None
    return str(found) if found else None


_VISIBLE_DATE_RE = re.compile(
    r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)"
    r"|(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"
    rf"|(?<!\d)(\d{{1,2}})\.?\s+(?:de\s+)?((?i:{_MONTH_RE}))\.?,?\s+(?:de\s+)?(\d{{4}})(?!\d)"
    rf"|(?<![\w])((?i:{_MONTH_RE}))\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)"
)
HEADER_BEFORE = 150
HEADER_AFTER = 800


@functools.cache
def _visible_xpath() -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    return etree.XPath(
        "//body//text()[not(parent::script or parent::style or parent::noscript"
        " or parent::template)]",
        smart_strings=False,
    )


_SPACES = re.compile(r"\s+")
_NODE_BREAKS = re.compile(r"(?: ?\x00)+ ?")


def visible_text(tree: Any) -> str:
    """The page's visible text, one line per text node (spaces squashed, empty nodes dropped)."""
    try:
        pieces = _visible_xpath()(tree)
    except (ValueError, TypeError):
        return ""
    raw = _SPACES.sub(" ", "\x00".join(pieces))
    return _NODE_BREAKS.sub("\n", raw).strip()


def _visible_match(m: re.Match[str], today: dt.date | None) -> str | None:
    g = m.groups()
    if g[0]:
        return _valid(int(g[2]), int(g[1]), int(g[0]), today)
    if g[3]:
        return _valid(int(g[3]), int(g[4]), int(g[5]), today)
    if g[6]:
        return _valid(int(g[8]), _MONTHS[g[7].lower()], int(g[6]), today)
    return _valid(int(g[11]), _MONTHS[g[9].lower()], int(g[10]), today)


def header_date(text: str, headline: str | None, today: dt.date | None = None) -> str | None:
    """The visible date closest to the headline (150 characters before it to 800 after).

    ``text`` is the page's :func:`visible_text`. This is the date a reader sees next to the
    headline, in the publisher's time zone. Dates before the headline count double their
    distance (they are more often navigation).
    """
    if not headline or not text:
        return None
    flat = text.replace("\n", " ")
    head = " ".join(headline.split())
    pos = flat.find(head)
    if pos < 0:
        return None
    end = pos + len(head)
    best: tuple[int, str] | None = None
    for m in _VISIBLE_DATE_RE.finditer(flat, max(0, pos - HEADER_BEFORE), end + HEADER_AFTER):
        found = _visible_match(m, today)
        if not found:
            continue
        distance = m.start() - end if m.start() >= end else 2 * max(0, pos - m.end())
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else None


def _days_apart(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


#: The named rules of the date choice, which ``off`` can leave out (see the module docstring).
DATE_RULES: dict[str, str] = {
    "date-url": "a date in the URL path (/2019/11/18/)",
    "date-time-element": "a <time> or element marked datePublished or pubdate",
    "date-meta": "a <meta> publication field (article:published_time, DC.date.issued, ...)",
    "date-visible": "the date shown next to the headline arbitrates between candidates",
    "date-htmldate": "htmldate when nothing else gives a date",
}


def html_date(
    tree: Any,
    url: str | None = None,
    objects: list[dict[str, Any]] | None = None,
    *,
    visible: str | None = None,
    fallback: bool = True,
    today: dt.date | None = None,
    off: frozenset[str] = frozenset(),
) -> str | None:
    """The original publication date of an HTML page (see the module docstring).

    ``objects`` are the page's JSON-LD objects when already parsed; ``visible`` the date shown
    next to the headline (:func:`header_date`), if known; ``fallback=False`` skips htmldate;
    ``off`` names :data:`DATE_RULES` to leave out.
    """
    layers: tuple[tuple[str, Callable[[], str | None]], ...] = (
        ("date-url", lambda: url_date(url, today)),
        ("date-time-element", lambda: _time_date(tree, today)),
        ("date-meta", lambda: _meta_date(tree, today)),
    )
    sources = [found for name, layer in layers if name not in off and (found := layer())]
    if sources:
        stated = sources[0]
        if visible is None or visible == stated:
            return stated
        if _days_apart(stated, visible) <= 1:
            return visible  # the same moment, in the publisher's own time zone
        return stated if sources.count(stated) >= 2 else visible
    if visible is not None:
        return visible
    if not fallback:
        return None
    return htmldate_date(tree, url) or htmldate_date(tree, url, extensive=True)


# ---------------------------------------------------------------------------------------------
# Datelines in plain text


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a story's dateline says: the date (if any), the place and the publisher."""

    date: str | None
    place: str | None
    publisher: str | None
    text: str


_UPPER_PLACE = r"[A-Z][A-Z.'’\- ]{1,40}"
_ANY_PLACE = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|del|la|al|el|am|an|on|upon)){0,4}"
_REGION = r"(?:,\s*[A-Z][\w.'’\- ]{1,30}){0,2}"
_MONTHS_CI = rf"(?i:{_MONTH_RE})"
_DAY_FIRST = rf"(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTHS_CI})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
_MONTH_FIRST = (
    rf"(?P<m2>{_MONTHS_CI})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
)
_ISO_DAY = r"(?P<iso>\d{4}-\d{2}-\d{2})"
_WHEN = rf"(?:{_ISO_DAY}|{_MONTH_FIRST}|{_DAY_FIRST})"
_AGENCY = r"\((?P<agency>[A-Z][\w.&'’/ -]{0,40})\)"
_DASH = r"\s*(?:-{1,2}|–|—)\s"
_DATELINE_RES = (
    # PLACE, [Region,] WHEN [(Agency)] -
    re.compile(rf"^(?P<place>{_ANY_PLACE}{_REGION}),\s+{_WHEN}(?:\s*{_AGENCY})?{_DASH}"),
    # PLACE (Agency) -      (no date; the place in capitals)
    re.compile(rf"^(?P<place>{_UPPER_PLACE}{_REGION})\s*{_AGENCY}{_DASH}"),
    # WHEN [(Agency)] -
    re.compile(rf"^{_WHEN}(?:\s*{_AGENCY})?{_DASH}"),
)
_YEAR_RE = re.compile(r"\b(19[89]\d|20\d\d)\b")
_CONTEXT_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_/.]?(\d{2})[-_/.]?(\d{2})(?!\d)")


def context_date(*hints: str | None, today: dt.date | None = None) -> str | None:
    """A full date in a URL or file name (``.../2020-11-10-story.txt``), for a year hint."""
    for hint in hints:
        if not hint:
            continue
        found = url_date(hint, today)
        if found:
            return found
        for m in _CONTEXT_DATE_RE.finditer(hint):
            found = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), today)
            if found:
                return found
    return None


def _closest_year(month: int, day: int, context: dt.date) -> str | None:
    best: tuple[int, str] | None = None
    for year in (context.year - 1, context.year, context.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        gap = abs((candidate - context).days)
        if best is None or gap < best[0]:
            best = (gap, candidate.isoformat())
    return best[1] if best else None


def dateline(
    text: str,
    context: str | None = None,
    *,
    today: dt.date | None = None,
) -> Dateline | None:
    """The dateline of a news story, searched at the start of its first three paragraphs.

    ``context`` is a ``YYYY-MM-DD`` date near the publication (from the URL or file name) used
    when the dateline has no year; without it the latest plausible year the text mentions is
    used, and without that the dateline has no date.
    """
    paragraphs = [p.strip() for p in text[:3000].split("\n") if p.strip()][:3]
    for para in paragraphs:
        for pattern in _DATELINE_RES:
            m = pattern.match(para)
            if m:
                return _dateline_of(m, text, context, today)
    return None


def _dateline_of(
    m: re.Match[str], text: str, context: str | None, today: dt.date | None
) -> Dateline:
    groups = m.groupdict()
    place = (groups.get("place") or "").strip(" ,") or None
    publisher = (groups.get("agency") or "").strip() or None
    date: str | None = None
    if groups.get("iso"):
        date = parse_date(groups["iso"], today)
    else:
        month_name = groups.get("m1") or groups.get("m2")
        day = groups.get("d1") or groups.get("d2")
        year = groups.get("y1") or groups.get("y2")
        if month_name and day:
            month = _MONTHS[month_name.lower().rstrip(".")]
            if year:
                date = _valid(int(year), month, int(day), today)
            else:
                date = _date_without_year(month, int(day), text, context, today)
    return Dateline(date=date, place=place, publisher=publisher, text=m.group(0).strip())


def _date_without_year(
    month: int, day: int, text: str, context: str | None, today: dt.date | None
) -> str | None:
    if context:
        try:
            anchor = dt.date.fromisoformat(context[:10])
        except ValueError:
            anchor = None
        if anchor is not None:
            found = _closest_year(month, day, anchor)
            if found is None:
                return None
            year, month, day = (int(part) for part in found.split("-"))
            return _valid(year, month, day, today)
    limit = (today or dt.date.today()).year
    years = [int(y) for y in _YEAR_RE.findall(text[:20000]) if MIN_YEAR <= int(y) <= limit]
    if not years:
        return None
    return _valid(max(years), month, day, today)


__all__ = [
    "DATE_RULES",
    "Dateline",
    "context_date",
    "dateline",
    "header_date",
    "html_date",
    "htmldate_date",
    "is_article",
    "json_ld_objects",
    "json_types",
    "parse_date",
    "url_date",
    "visible_text",
]
