"""Article metadata: titles without site names, authors, site names, headlines, language.

:func:`html_metadata` reads a parsed page (an lxml tree, never modified) once:

title
    The visible headline (the first ``<h1>`` that agrees with the page's metadata title) when
    there is one, else the metadata title (``og:title``, JSON-LD ``headline``,
    ``twitter:title``, ``<title>``) without the site name (:func:`clean_title`), else the first
    ``<h1>``.
site name
    ``og:site_name``, ``application-name``, the JSON-LD publisher, else none (the host name is
    only used to recognise the site name inside titles and bylines).
authors
    JSON-LD ``author`` of the article object, ``<meta name=author>`` and its kin, then the
    visible byline (``rel=author``, ``itemprop=author``, elements whose class or id names an
    author or byline). Values are cleaned (:func:`clean_authors`): "By"/"Von"/"Par" prefixes,
    e-mail addresses, dates, roles and "staff" dropped, the site name dropped, several names
    joined by "; ".
date
    :func:`dragoman.extract.published.html_date`, then a visible date next to the headline
    (:func:`dragoman.extract.published.header_date`) decides between candidates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from dragoman.extract.published import (
    header_date,
    html_date,
    is_article,
    json_ld_objects,
    visible_text,
)

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/|~)\s+|\s*:\s+|\s*\|\s*")
_STRONG_SEPARATORS = ("|", "::", "·", "•", "»", "—", "–", "~")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACE = re.compile(r"\s+")
_ELLIPSES = ("...", "…")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _squash(value: str | None) -> str:
    return _SPACE.sub(" ", value or "").strip()


def _key(value: str) -> str:
    low = value.lower().strip()
    low = re.sub(r"^the\s+", "", low)
    low = re.sub(r"^(?:https?://)?www\.", "", low)
    low = re.sub(r"\.(?:com|org|net|co\.uk|co|ru|de|fr|at|ch|it|es|info|news|io|gov)$", "", low)
    return _NON_ALNUM.sub("", low)


def _host_key(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    parts = [
        p for p in host.split(".") if p not in {"www", "m", "amp", "edition", "en", "de", "news"}
    ]
    return _key(parts[0]) if parts else None


def _site_keys(sitename: str | None, url: str | None) -> set[str]:
    return {k for k in (_key(sitename) if sitename else None, _host_key(url)) if k}


def _is_site(segment: str, names: set[str]) -> bool:
    """Whether a title segment names the site ("Moscow Times", "themoscowtimes.com")."""
    key = _key(segment)
    if not key:
        return False
    short = len(segment.split()) <= 5
    return any(
        key == n or (len(key) >= 3 and key in n) or (short and len(n) >= 3 and n in key)
        for n in names
    )


def clean_title(
    title: str | None,
    sitename: str | None = None,
    url: str | None = None,
    *,
    guess: bool = True,
) -> str | None:
    """``title`` without a leading or trailing site name ("Story | The Moscow Times" -> "Story").

    A segment is dropped when it matches the site name or the host name; failing that (and
    when ``guess``), a last segment after a strong separator ("|", "·", "»", dashes) of at most
    four words is taken for the site name when what remains is longer.
    """
    if title is None:
        return None
    title = _squash(_INVISIBLE.sub("", title))
    if not title:
        return None
    parts = _SEPARATORS.split(title)
    seps = _SEPARATORS.findall(title)
    if len(parts) < 2:
        return title
    names = _site_keys(sitename, url)
    if names:
        if _is_site(parts[-1], names):
            return _join(title, seps[:-1], parts[:-1])
        if _is_site(parts[0], names):
            return _join(title, seps[1:], parts[1:])
    if not guess:
        return title
    last_sep = seps[-1].strip()
    tail_words = len(parts[-1].split())
    head = _join(title, seps[:-1], parts[:-1])
    tail = parts[-1].strip()
    if (
        last_sep in _STRONG_SEPARATORS
        and tail_words <= 4
        and len(head) > len(tail)
        and not tail.endswith(("?", "!", ".", "…"))
        and (tail[:1].isupper() or tail[:1].isdigit() or "." in tail)
    ):
        return head
    return title


def _join(original: str, seps: list[str], parts: list[str]) -> str:
    if not parts:
        return original
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


@functools.cache
def _langid() -> Any:
    import py3langid

    return py3langid


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (py3langid on its first 1200 characters); None if too short."""
    sample = text[:1200]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    lang, _score = _langid().classify(sample)
    return str(lang)


# ---------------------------------------------------------------------------------------------
# HTML pages


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says about itself (every field may be None)."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    language: str | None = None
    #: The page's visible headline (``<h1>``) when the title came from it.
    heading: str | None = None


def _meta_values(tree: Any) -> dict[str, str]:
    """First non-empty ``content`` per lower-cased meta ``property``/``name``/``itemprop``."""
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        content = _squash(meta.get("content"))
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key and key not in found:
                found[key] = content
    return found


def _text(elem: Any) -> str:
    return _squash("".join(elem.itertext()))


def _json_names(value: Any) -> list[str]:
    """Names in a JSON-LD author/publisher value (a string, an object or a list of them)."""
    out: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if not name:
                given = " ".join(
                    str(item[k])
                    for k in ("givenName", "familyName")
                    if isinstance(item.get(k), str)
                )
                name = given or None
            if isinstance(name, str):
                out.append(name)
    return [_squash(n) for n in out if _squash(n)]


def _sitename(meta: dict[str, str], objects: list[dict[str, Any]]) -> str | None:
    for key in ("og:site_name", "application-name", "twitter:site:name", "publisher"):
        value = meta.get(key)
        if value and not value.startswith(("http", "@")) and len(value) <= 80:
            return value
    for obj in objects:
        if is_article(obj):
            names = _json_names(obj.get("publisher"))
            if names:
                return names[0]
    return None


# -- titles ----------------------------------------------------------------------------------

_TITLE_WORD = re.compile(r"\w+")


def _words(value: str) -> list[str]:
    return [w.casefold() for w in _TITLE_WORD.findall(value)]


def _agrees(candidate: str, reference: str) -> bool:
    """Whether a visible headline and a metadata title name the same story."""
    a, b = _words(candidate), _words(reference)
    if not a or not b:
        return False
    if " ".join(a) in " ".join(b) or " ".join(b) in " ".join(a):
        return True
    shared = len(set(a) & set(b))
    return shared / max(1, min(len(set(a)), len(set(b)))) >= 0.6 and shared >= 2


def _headings(tree: Any) -> list[str]:
    out: list[str] = []
    for h1 in tree.iter("h1"):
        text = _text(h1)
        if text and len(text) <= 300 and any(ch.isalpha() for ch in text):
            out.append(text)
        if len(out) >= 8:
            break
    return out


def _fold(value: str) -> str:
    return " ".join(_words(value))


def page_title(
    tree: Any,
    meta: dict[str, str],
    objects: list[dict[str, Any]],
    sitename: str | None,
    url: str | None,
    off: frozenset[str] = frozenset(),
) -> tuple[str | None, str | None]:
    """(title, the ``<h1>`` it came from if any) of a page; see the module docstring.

    A headline that agrees with a metadata title wins, except that a metadata title found
    inside a longer headline wins over it (the headline then carries a kicker, a date or a
    subtitle: "Politics | <title>", "<title> Subtitle"). ``off`` names rules of
    :data:`TITLE_RULES` to leave out.
    """
    refs: list[str] = []
    for key in ("og:title", "twitter:title"):
        if meta.get(key):
            refs.append(meta[key])
    for obj in objects:
        headline = obj.get("headline")
        if is_article(obj) and isinstance(headline, str) and _squash(headline):
            refs.append(_squash(headline))
            break
    title_elem = tree.find(".//title")
    if title_elem is not None and _text(title_elem):
        refs.append(_text(title_elem))
    if "title-site-name" in off:
        cleaned = [c for c in (_squash(r) for r in refs) if c]
        headings = [h for h in (_squash(x) for x in _headings(tree)) if h]
    else:
        cleaned = [c for c in (clean_title(r, sitename, url) for r in refs) if c]
        headings = [
            h for h in (clean_title(x, sitename, url, guess=False) for x in _headings(tree)) if h
        ]
    cut: list[str] = []
    if "title-ellipsis" not in off:
        cut = [c for c in cleaned if c.endswith(_ELLIPSES)]
        cleaned = [c for c in cleaned if not c.endswith(_ELLIPSES)]
    if "title-headline" in off:
        headings = []
    for heading in headings:
        agreeing = [ref for ref in cleaned if _agrees(heading, ref)]
        if not agreeing and not any(_fold(heading).startswith(_fold(c)) for c in cut):
            continue
        folded = _fold(heading)
        for ref in agreeing if "title-inside-headline" not in off else []:
            inner = _fold(ref)
            if inner != folded and len(inner.split()) >= 2 and inner in folded:
                return ref, heading
        return heading, heading
    cleaned += cut
    if cleaned:
        return cleaned[0], None
    if headings:
        return headings[0], headings[0]
    return None, None


# -- authors ---------------------------------------------------------------------------------

_MARKER = (
    r"(?:by|von|vom|par|por|door|av|di|written by|posted by|verfasst von|geschrieben von|"
    r"veröffentlicht von|eingestellt von|ein (?:artikel|beitrag|text) von|"
    r"(?:view|show) all (?:posts|articles) (?:by|of)|(?:zeige )?alle (?:beiträge|artikel) von|"
    r"mehr von|more from|autor(?:in|/in|\*in)?(?:\(en\))?|auteur|author(?:\(s\))?|autore|text|"
    r"texte|words)"
)
_BY_PREFIX = re.compile(rf"^\W*(?:{_MARKER})(?:\s*[:|-]\s*|\s+)", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||,|&|\band\b|\bund\b|\bet\b|\by\b)\s*")
_EMAIL = re.compile(r"\S+(?:@|\[at\])\S+")
_CUT = re.compile(
    r"\s(?:\d|[-–—|·•]\s|(?:am|on|le|el|il|den|vom|updated|aktualisiert|stand|published|"
    r"veröffentlicht|publicado|posted|zuletzt)\b|(?:alle|all)\s+(?:artikel|beiträge|posts|articles)|"
    r"https?://|\()",
    re.IGNORECASE,
)
_NOT_NAME = re.compile(
    r"^(?:staff|editor|editors|redaktion|editorial|admin|administrator|team|newsroom|"
    r"reporter|correspondent|contributor|guest|anonymous|unknown|none|null|name|follow|"
    r"share|more|updated|published|posted|aktualisiert|veröffentlicht|publicado|twitter|"
    r"facebook|email|e-mail|mail|home|news|photo|foto|bild|video|image|read more|"
    r"view all posts|all posts|profile|about|contact|no author|by|von|par|por|text|"
    r"phd|md|dr\.?|prof\.?|mba|jr\.?|sr\.?)$",
    re.IGNORECASE,
)
_CREDIT = re.compile(r"^(?:foto|photo|fotos|photos|bild|image|illustration|grafik|video)s?\b", re.I)
_ROLE_TAIL = re.compile(
    r"\s*(?:,|\(|–|—|-)\s*(?:staff writer|staff reporter|senior \w+|editor\b|correspondent|"
    r"reporter|contributor|columnist|redakteur(?:in)?|chefredakteur(?:in)?|journalist(?:in)?)"
    r".*$",
    re.IGNORECASE,
)
_AUTHOR_ATTR = re.compile(r"author|byline|byl\b|writer|verfasser|autor|auteur", re.IGNORECASE)
_AUTHOR_ATTR_BAD = re.compile(
    r"comment|avatar|image|img|photo|date|time|bio|description|about|social|share|follow|"
    r"related|more|widget|box-?title|label|title|icon",
    re.IGNORECASE,
)
_PARTICLES = frozenset(
    "von van der den de da di du del della la le al el bin ibn zu ten ter dos das y".split()
)
_ROLE_WORDS = frozenset(
    "staff writer writers reporter reporters editor editors senior correspondent contributor "
    "contributing columnist chief special freelance redakteur redakteurin redaktion team "
    "desk newsroom online digital".split()
)
MAX_AUTHOR_CHARS = 80


_INNER_BY = re.compile(
    r"^(?=.{0,60}?(?:\d|posted|published|written|veröffentlicht|geschrieben|erstellt|"
    r"eingestellt|artikel|beitrag|publié|publicado)).{0,60}?\s(?:by|von|par|por)\s+(?=[^\W\d_])",
    re.IGNORECASE,
)
_NAME_CHARS = re.compile(r"^[\w .'’/\-]+$")


def clean_author(value: str) -> str | None:
    """One author name without "By", e-mails, dates and roles; None if it is not a name."""
    name = _squash(_EMAIL.sub(" ", _INVISIBLE.sub("", value)))
    inner = _INNER_BY.match(name)
    if inner and not _BY_PREFIX.match(name):
        name = name[inner.end() :]
    for _ in range(2):
        name = _BY_PREFIX.sub("", name).strip(" :|,-–—·•/()")
    cut = _CUT.search(" " + name)
    if cut:
        name = name[: max(0, cut.start() - 1)]
    name = _ROLE_TAIL.sub("", name).strip(" :|,-–—·•/()")
    if not name or len(name) > MAX_AUTHOR_CHARS or _NOT_NAME.match(name) or _CREDIT.match(name):
        return None
    if all(word in _ROLE_WORDS for word in name.lower().split()):
        return None
    if not _NAME_CHARS.match(name):
        return None
    if not any(ch.isalpha() for ch in name) or name.startswith(("http", "www.", "@", "#")):
        return None
    if len(name.split()) > 6:
        return None
    return name


def clean_authors(
    values: list[str], sitename: str | None = None, url: str | None = None
) -> str | None:
    """Author names joined by "; ", without duplicates, site names or non-names."""
    site_keys = _site_keys(sitename, url)
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        for part in _AUTHOR_SPLIT.split(_BY_PREFIX.sub("", _squash(value))):
            name = clean_author(part)
            if name is None:
                continue
            key = _key(name)
            if not key or key in seen:
                continue
            if _is_site(name, site_keys):
                continue
            seen.add(key)
            out.append(name)
    return "; ".join(out) if out else None


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """JSON-LD ``{"@id": ...}`` references replaced by the objects they name."""
    if isinstance(value, list):
        return [_resolve(v, by_id) for v in value]
    if isinstance(value, dict) and "@id" in value and len(value) <= 2 and "name" not in value:
        return by_id.get(str(value["@id"]), value)
    return value


def _json_authors(objects: list[dict[str, Any]]) -> list[str]:
    by_id = {str(o["@id"]): o for o in objects if isinstance(o.get("@id"), str)}
    for group in ([o for o in objects if is_article(o)], objects):
        for obj in group:
            for key in ("author", "creator"):
                names = _json_names(_resolve(obj.get(key), by_id))
                if names:
                    return names
    return []


_META_AUTHOR_KEYS = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
)


def _meta_authors(meta: dict[str, str]) -> list[str]:
    for key in _META_AUTHOR_KEYS:
        value = meta.get(key)
        if value and not value.startswith(("http", "@")):
            return [value]
    return []


def _names(rest: str) -> str | None:
    """The names at the start of a byline's remainder ("Jane Doe and Max Muster | 12 May").

    Each name has two or three capitalised words (particles such as "von" or "de" between
    them allowed); anything else ends the byline.
    """
    names: list[str] = []
    current: list[str] = []

    def close() -> bool:
        capitals = sum(1 for w in current if w[:1].isupper())
        if 2 <= capitals <= 3:
            names.append(" ".join(current))
            current.clear()
            return True
        return False

    for token in rest.split()[:14]:
        bare = token.strip(",;")
        low = bare.lower()
        if low in {"and", "und", "&", "et", "y"} and current:
            if not close():
                break
            continue
        if bare[:1].isupper() or (current and low in _PARTICLES):
            current.append(bare)
            if token.endswith((",", ";")) and not close():
                break
            if sum(1 for w in current if w[:1].isupper()) > 3:
                return None
            continue
        break
    if current:
        close()
    return "; ".join(names) if names else None


_BYLINE_LINE = re.compile(
    rf"(?:^|[|·•(/]|\d)[^\S\n]*(?:{_MARKER})\b(?:[^\S\n]*:)?(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
    r"(?P<rest>[^\n]{1,80})$",
    re.IGNORECASE | re.MULTILINE,
)


def _text_bylines(text: str) -> list[str]:
    """Visible "By Jane Doe" / "Von Max Muster" bylines in the page's visible text, in order.

    ``text`` has one line per text node (:func:`dragoman.extract.published.visible_text`); the
    marker starts a line (or follows a separator or a date) and the names fill a short line
    of their own or the rest of the marker's line.
    """
    found: list[str] = []
    for m in _BYLINE_LINE.finditer(text):
        names = _names(m.group("rest"))
        if names:
            found.append(names)
            if len(found) >= 2:
                break
    return found


@functools.cache
def _marked_author_xpath() -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    return etree.XPath(
        "//body//*[@rel='author' or @itemprop='author' or @itemprop='creator'"
        " or contains(@itemtype, 'schema.org/Person')]"
    )


def _marked_authors(tree: Any) -> list[str]:
    """Names in elements marked up as authors (``rel=author``, ``itemprop=author``)."""
    elems = _marked_author_xpath()(tree)
    out: list[str] = []
    parent = None
    for elem in elems[:6]:
        names = elem.xpath('.//*[@itemprop="name"]')
        values = [n.get("content") or _text(n) for n in names[:4]] if names else [_text(elem)]
        values = [v for v in values if v]
        if not values:
            continue
        if parent is not None and elem.getparent() is not parent:
            break
        parent = elem.getparent()
        out.extend(values)
    return out


@functools.cache
def _class_author_xpath() -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    return etree.XPath(
        "//body//*[contains(@class, 'author') or contains(@class, 'Author')"
        " or contains(@class, 'byline') or contains(@class, 'Byline')"
        " or contains(@id, 'author') or contains(@class, 'writer')]"
    )


def _class_authors(tree: Any) -> list[str]:
    """Short texts of elements whose class or id names an author or byline."""
    for elem in _class_author_xpath()(tree):
        attrs = " ".join(filter(None, (elem.get("class"), elem.get("id"))))
        if _AUTHOR_ATTR_BAD.search(attrs) or elem.tag in {"img", "script", "style", "time"}:
            continue
        text = _text(elem)
        if text and len(text) <= 120:
            return [text]
    return []


def _person_like(names: str) -> bool:
    """Whether every name has two to four words and some lower-case letters (not "JF")."""
    return all(
        2 <= len(name.split()) <= 4 and any(ch.islower() for ch in name)
        for name in names.split("; ")
    )


def page_authors(
    tree: Any,
    meta: dict[str, str],
    objects: list[dict[str, Any]],
    sitename: str | None,
    url: str | None,
    title: str | None = None,
    text: str | None = None,
) -> str | None:
    """Authors of a page joined by "; ": JSON-LD, meta tags, marked-up and visible bylines.

    The first source giving person-like names wins; failing that, the first source giving
    anything (a user name, initials).
    """
    first: str | None = None
    sources: tuple[Callable[[], list[str]], ...] = (
        lambda: _json_authors(objects),
        lambda: _meta_authors(meta),
        lambda: _marked_authors(tree),
        lambda: _text_bylines(visible_text(tree) if text is None else text)[:1],
        lambda: _class_authors(tree),
    )
    for source in sources:
        found = clean_authors(source(), sitename, url)
        if found is None or (title and _key(found) in _key(title)):
            continue
        if _person_like(found):
            return found
        first = first or found
    return first


# -- the whole page --------------------------------------------------------------------------


def html_language(tree: Any, meta: dict[str, str]) -> str | None:
    """The two-letter language the page declares (``<html lang>``, ``og:locale``), if any."""
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    for value in (
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        meta.get("og:locale"),
        meta.get("content-language"),
    ):
        if value:
            code = re.split(r"[-_]", value.strip().lower())[0]
            if len(code) == 2 and code.isalpha():
                return code
    return None


#: The named rules of the title choice (:func:`page_title`), which ``off`` can leave out.
TITLE_RULES: dict[str, str] = {
    "title-site-name": "the site name is cut from titles and headlines",
    "title-headline": "the visible headline (an <h1> agreeing with a metadata title) wins",
    "title-inside-headline": "a metadata title inside a longer headline wins over it",
    "title-ellipsis": 'metadata titles cut with "..." give way to the full headline',
}


def html_metadata(
    tree: Any,
    url: str | None = None,
    *,
    date_fallback: bool = True,
    off: frozenset[str] = frozenset(),
) -> PageMetadata:
    """Title, publication date, authors, site name and declared language of a parsed page.

    ``off`` names rules (:data:`TITLE_RULES`, :data:`dragoman.extract.published.DATE_RULES`)
    to leave out.
    """
    meta = _meta_values(tree)
    objects = json_ld_objects(tree)
    sitename = _sitename(meta, objects)
    title, heading = page_title(tree, meta, objects, sitename, url, off)
    text = visible_text(tree)
    shown = None if "date-visible" in off else header_date(text, heading or title)
    date = html_date(
        tree,
        url,
        objects,
        visible=shown,
        fallback=date_fallback and "date-htmldate" not in off,
        off=off,
    )
    return PageMetadata(
        title=title,
        date=date,
        author=page_authors(tree, meta, objects, sitename, url, title, text),
        sitename=sitename,
        language=html_language(tree, meta),
        heading=heading,
    )


__all__ = [
    "TITLE_RULES",
    "PageMetadata",
    "clean_author",
    "clean_authors",
    "clean_title",
    "detect_language",
    "html_language",
    "html_metadata",
    "is_headline",
    "page_authors",
    "page_title",
]
