"""RSS and Atom feeds: each item's link fetched as a Document.

:func:`read_feed` reads a feed from a path or an http(s) URL (fetched through
:class:`~dragoman.ingest.fetch.Fetcher`, so every fetching policy applies), parses it with
feedparser (always from bytes, so feedparser itself never touches the network) and yields one
Document per item. An item whose page cannot be fetched falls back to a plain-text Document
built from the item's content or summary when that text is substantial (at least
``MIN_SUMMARY_WORDS`` words); otherwise it becomes a ``Failure``. A feed that cannot be read or
parsed yields a single ``Failure``.

Item Documents carry the feed's title for the item and its publication date (``YYYY-MM-DD``
from ``published_parsed``, else ``updated_parsed``, else ``settings.default_date``): a feed's
date is the publisher's own metadata for the item.

:func:`parse_feed` and :func:`item_document` are the two halves, used by ``watch`` to skip
items already seen before fetching them.
"""

from __future__ import annotations

import hashlib
import html
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser

from dragoman.errors import FailureReason, FetchError
from dragoman.ingest.fetch import Fetcher
from dragoman.ingest.urls import canonical_url, url_doc_id
from dragoman.records import Document, Failure
from dragoman.settings import Settings

__all__ = [
    "MIN_SUMMARY_WORDS",
    "FeedError",
    "FeedItem",
    "item_document",
    "parse_feed",
    "read_feed",
]

log = logging.getLogger(__name__)

MIN_SUMMARY_WORDS = 40


@dataclass(frozen=True, slots=True)
class FeedItem:
    """What a feed says about one item."""

    feed: str
    link: str | None
    guid: str | None
    title: str | None
    date: str | None
    summary: str

    @property
    def keys(self) -> tuple[str, ...]:
        """Identities of the item for "seen" bookkeeping: canonical URL and feed-scoped GUID."""
        keys: list[str] = []
        if self.link:
            keys.append("url:" + canonical_url(self.link))
        if self.guid:
            keys.append(f"guid:{self.feed}:{self.guid}")
        return tuple(keys)

    @property
    def doc_id(self) -> str:
        if self.link:
            return url_doc_id(self.link)
        basis = self.guid or f"{self.feed}\n{self.title}\n{self.summary}"
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


class FeedError(FetchError):
    """A feed could not be read or parsed (``reason`` says why)."""


class _TextOf(HTMLParser):
    _BREAKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries), paragraphs on their own lines."""
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _day(parsed: Any) -> str | None:
    if not isinstance(parsed, time.struct_time):
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _entry_text(entry: Any) -> str:
    candidates: list[str] = []
    for content in entry.get("content") or []:
        value = content.get("value") if hasattr(content, "get") else None
        if value:
            candidates.append(str(value))
    summary = entry.get("summary")
    if summary:
        candidates.append(str(summary))
    texts = [html_to_text(c) for c in candidates]
    return max(texts, key=len, default="")


def parse_feed(source: str, settings: Settings, fetcher: Fetcher | None = None) -> list[FeedItem]:
    """Read and parse a feed from a path or URL; raises FeedError (a FetchError) on failure."""
    base: str | None = None
    if _is_url(source):
        if fetcher is None:
            with Fetcher(settings) as own:
                resp = own.get(source)
        else:
            resp = fetcher.get(source)
        data, base = resp.data, resp.final_url
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise FeedError(
                f"cannot read feed {source}: {exc}", reason=FailureReason.UNREADABLE
            ) from exc
    headers = {"content-location": base} if base else {}
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception") or "not an RSS or Atom feed"
        raise FeedError(f"{source}: {problem}", reason=FailureReason.BAD_FEED)
    items: list[FeedItem] = []
    seen_links: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link")
        if link:
            link = str(link).strip()
            key = canonical_url(link)
            if key in seen_links:
                continue
            seen_links.add(key)
        title = entry.get("title")
        items.append(
            FeedItem(
                feed=source,
                link=link or None,
                guid=str(entry["id"]) if entry.get("id") else None,
                title=html_to_text(str(title)) if title else None,
                date=_day(entry.get("published_parsed")) or _day(entry.get("updated_parsed")),
                summary=_entry_text(entry),
            )
        )
    return items


def _summary_document(item: FeedItem, settings: Settings) -> Document:
    return Document(
        doc_id=item.doc_id,
        source=item.link or item.feed,
        data=item.summary.encode("utf-8"),
        media_type="text",
        url=item.link,
        date=item.date or settings.default_date,
        title=item.title,
        encoding="utf-8",
    )


def item_document(item: FeedItem, settings: Settings, fetcher: Fetcher) -> Document | Failure:
    """The item's page as a Document; its summary as a text Document if the page fails."""
    substantial = len(item.summary.split()) >= MIN_SUMMARY_WORDS
    if not item.link:
        if substantial:
            return _summary_document(item, settings)
        return Failure(
            item.doc_id, item.feed, "ingest", FailureReason.NO_LINK, "feed item has no link"
        )
    try:
        doc = fetcher.fetch(item.link)
    except FetchError as exc:
        if substantial:
            log.info("using the feed summary of %s (%s)", item.link, exc.reason)
            return _summary_document(item, settings)
        return Failure(item.doc_id, item.link, "ingest", exc.reason, str(exc))
    return Document(
        doc_id=doc.doc_id,
        source=doc.source,
        data=doc.data,
        media_type=doc.media_type,
        url=doc.url,
        date=item.date or doc.date,
        title=item.title or doc.title,
        encoding=doc.encoding,
    )


def read_feed(
    source: str, settings: Settings, fetcher: Fetcher | None = None
) -> Iterator[Document | Failure]:
    """Yield a Document (or a Failure) for every item of the RSS/Atom feed at ``source``."""
    own = fetcher is None
    active = fetcher if fetcher is not None else Fetcher(settings)
    try:
        try:
            items = parse_feed(source, settings, active)
        except FetchError as exc:
            doc_id = url_doc_id(source) if _is_url(source) else _path_id(source)
            yield Failure(doc_id, source, "ingest", exc.reason, str(exc))
            return
        for item in items:
            yield item_document(item, settings, active)
    finally:
        if own:
            active.close()


def _path_id(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
