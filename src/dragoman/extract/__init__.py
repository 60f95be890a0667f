"""Documents -> Articles: clean main text plus title, date, author, publisher and language.

HTML is parsed once. Its metadata (title without the site name, original publication date,
authors, site name) comes from :func:`dragoman.extract.metadata.html_metadata`; its main
text from trafilatura's full cascade (:func:`main_text`). Leading paragraphs that repeat the
headline are dropped (the headline is ``Article.title``). Plain text is taken as it is, its
first line serving as the title when it reads as a headline (it stays in the text). Both then
pass through :mod:`dragoman.extract.boilerplate`, which removes donation appeals,
related-story lists, captions and the like. A document without a date takes it from a wire
dateline at the start of the text (:func:`dragoman.extract.published.dateline`), and the
dateline's agency becomes the publisher when none is known. The returned ``Article.text`` is
exactly the text later offsets point into.

Normalisation: newlines unified to ``\\n``, no-break and narrow spaces to plain spaces,
zero-width spaces removed, runs of spaces collapsed, lines stripped, paragraphs separated by one
blank line, NFC. See docs/EXTRACTION.md for the measured effect of each part.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import unicodedata
import warnings
from collections.abc import Sequence
from typing import Any

from dragoman.errors import DragomanError, ExtractionError, FailureReason, InputError
from dragoman.extract.boilerplate import CUES, RULES, Removal, remove_boilerplate
from dragoman.extract.metadata import (
    TITLE_RULES,
    PageMetadata,
    detect_language,
    html_metadata,
    is_headline,
)
from dragoman.extract.published import DATE_RULES, context_date, dateline
from dragoman.ingest.decode import decode_bytes
from dragoman.records import Article, Document, Failure
from dragoman.settings import Settings

log = logging.getLogger(__name__)

STAGE = "extract"
#: An HTML page whose main text has fewer words is taken to have none (a lone "Home" link).
MIN_HTML_WORDS = 5

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2000-\u200a\u3000]+")
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff\u00ad]")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD_RE = re.compile(r"\w+")


def normalize_text(text: str) -> str:
    """Unify newlines and spaces; paragraphs end up separated by exactly one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _ZERO_WIDTH.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def truncate(text: str, max_chars: int, doc_id: str = "") -> str:
    """``text`` cut to at most ``max_chars`` at a paragraph (else line, else word) boundary."""
    if len(text) <= max_chars:
        return text
    cut = text.rfind("\n\n", 0, max_chars + 1)
    if cut <= 0:
        cut = text.rfind("\n", 0, max_chars + 1)
    if cut <= 0:
        cut = text.rfind(" ", 0, max_chars + 1)
    if cut <= 0:
        cut = max_chars
    log.warning(
        "document %s: text of %d characters truncated to %d (max_text_chars=%d)",
        doc_id,
        len(text),
        cut,
        max_chars,
    )
    return text[:cut].rstrip()


def _decode(doc: Document) -> str:
    if doc.encoding:
        try:
            return doc.data.decode(doc.encoding)
        except (UnicodeDecodeError, LookupError):
            log.debug("document %s: declared encoding %s failed", doc.doc_id, doc.encoding)
    text, _ = decode_bytes(doc.data)
    return text


class _DropDiscarding(logging.Filter):
    """trafilatura logs "discarding data" for pages without main text; we report a Failure."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "discarding data" not in record.getMessage()


@functools.cache
def _trafilatura_module() -> Any:
    """Import trafilatura once; its optional SOCKS import warns when PySocks is absent."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*SOCKS support.*")
        warnings.filterwarnings("ignore", category=ImportWarning)
        import trafilatura
        import trafilatura.utils
    logging.getLogger("trafilatura.core").addFilter(_DropDiscarding())
    return trafilatura


def parse_html(html: str | bytes) -> Any:
    """The lxml tree of a page (trafilatura's loader), or None when it holds no HTML."""
    try:
        return _trafilatura_module().utils.load_html(html)
    except (ValueError, TypeError) as exc:
        raise ExtractionError(f"HTML could not be parsed: {exc}") from exc


def _bare_text(tree: Any, url: str | None) -> str:
    result = _trafilatura_module().bare_extraction(
        tree,
        url=url,
        fast=False,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    text = getattr(result, "text", None) if result is not None else None
    return str(text or "")


#: The named steps of extraction itself, which ``off`` can leave out (besides the boilerplate
#: cues and rules and the title and date rules).
EXTRACT_RULES: dict[str, str] = {
    "drop-headline": "leading paragraphs that repeat the headline are dropped",
}


def main_text(tree: Any, url: str | None = None) -> str:
    """The main text of a parsed page: trafilatura's full cascade (its own rules compared with
    readability and jusText), tables kept, comments, images and links left out."""
    try:
        return _bare_text(tree, url)
    except (ValueError, TypeError, AttributeError) as exc:  # malformed trees inside lxml
        raise ExtractionError(f"HTML could not be parsed: {exc}") from exc


def _paragraphs(text: str) -> list[str]:
    return [line for line in normalize_text(text).split("\n") if line.strip()]


def _fold(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.casefold()))


def drop_headline(paragraphs: list[str], titles: Sequence[str | None]) -> list[str]:
    """``paragraphs`` without leading ones that repeat the headline (it is ``Article.title``)."""
    keys = {_fold(t) for t in titles if t}
    keys.discard("")
    out = list(paragraphs)
    while len(out) > 1 and _fold(out[0]) in keys:
        out.pop(0)
    return out


def _from_html(doc: Document, html: str, off: frozenset[str]) -> tuple[Article, list[Removal]]:
    tree = parse_html(html)
    if tree is None:
        raise ExtractionError("no HTML to extract from")
    meta = html_metadata(tree, doc.url, off=off)
    raw = main_text(tree, doc.url)
    return finish_html(doc, meta, raw, off)


def finish_html(
    doc: Document, meta: PageMetadata, raw: str, off: frozenset[str] = frozenset()
) -> tuple[Article, list[Removal]]:
    """The Article of a page from its metadata and trafilatura's text, and what was removed."""
    if len(raw.split()) < MIN_HTML_WORDS:
        raise ExtractionError("no main text")
    paragraphs = _paragraphs(raw)
    removed: list[Removal] = []
    if "drop-headline" not in off:
        kept = drop_headline(paragraphs, (meta.title, meta.heading))
        removed = [
            Removal(p, ("drop-headline",)) for p in paragraphs[: len(paragraphs) - len(kept)]
        ]
        paragraphs = kept
    cleaned = remove_boilerplate("\n\n".join(paragraphs), off)
    date = meta.date if meta.date and _DATE_RE.match(meta.date) else None
    publisher = meta.sitename or cleaned.publisher
    if date is None and doc.date is None:
        line = dateline(cleaned.text, context_date(doc.url, doc.source))
        if line is not None:
            date = line.date
            publisher = publisher or line.publisher
    article = Article(
        doc_id=doc.doc_id,
        source=doc.source,
        text=cleaned.text,
        url=doc.url,
        title=doc.title or meta.title,
        date=date or doc.date,
        author=meta.author,
        publisher=publisher,
    )
    return article, [*removed, *cleaned.why]


def _from_text(doc: Document, text: str, off: frozenset[str]) -> tuple[Article, list[Removal]]:
    cleaned = remove_boilerplate(normalize_text(text), off)
    title = doc.title
    if title is None and cleaned.text:
        first = cleaned.text.split("\n", 1)[0]
        if is_headline(first) and "\n" in cleaned.text:
            title = first.strip()
    date = doc.date
    publisher = cleaned.publisher
    if date is None or publisher is None:
        line = dateline(cleaned.text, context_date(doc.url, doc.source))
        if line is not None:
            date = date or line.date
            publisher = publisher or line.publisher
    article = Article(
        doc_id=doc.doc_id,
        source=doc.source,
        text=cleaned.text,
        url=doc.url,
        title=title,
        date=date,
        publisher=publisher,
    )
    return article, list(cleaned.why)


def explain_one(
    doc: Document, settings: Settings, off: frozenset[str] = frozenset()
) -> tuple[Article, tuple[Removal, ...]]:
    """The Article of one document and what was removed from its text, and why (the names of
    the cues and rules, see :func:`cue_names`); raises InputError or ExtractionError."""
    text = _decode(doc)
    if not text.strip():
        raise InputError("the document is empty", reason=FailureReason.EMPTY)
    if doc.media_type == "html":
        article, removed = _from_html(doc, text, off)
    else:
        article, removed = _from_text(doc, text, off)
    if not article.text.strip():
        raise ExtractionError("no main text")
    body = truncate(article.text, settings.max_text_chars, doc.doc_id)
    return dataclasses.replace(article, text=body, language=detect_language(body)), tuple(removed)


def extract_one(doc: Document, settings: Settings) -> Article:
    """Clean text and metadata of one document; raises InputError or ExtractionError."""
    return explain_one(doc, settings)[0]


def cue_names() -> dict[str, str]:
    """Every named cue and rule of extraction, with what it does (``off`` takes these names)."""
    names = dict(EXTRACT_RULES)
    names.update({cue.name: f"boilerplate cue ({cue.kind}, weight {cue.weight:g})" for cue in CUES})
    names.update(RULES)
    names.update(TITLE_RULES)
    names.update(DATE_RULES)
    return names


Explained = tuple[Article, tuple[Removal, ...]]


def explain(batch: Sequence[Document], settings: Settings) -> list[Explained | Failure]:
    """The extract stage with its reasons: per document, (Article, what was removed and why)
    or a Failure, in order; never raises."""
    out: list[Explained | Failure] = []
    for doc in batch:
        try:
            out.append(explain_one(doc, settings))
        except DragomanError as exc:
            log.warning("extract failed for %s (%s): %s", doc.source, doc.doc_id, exc)
            out.append(Failure(doc.doc_id, doc.source, STAGE, exc.reason, str(exc)))
        except Exception as exc:  # one bad page must not stop the batch
            log.exception("extract crashed on %s (%s)", doc.source, doc.doc_id)
            out.append(
                Failure(
                    doc.doc_id,
                    doc.source,
                    STAGE,
                    FailureReason.EXTRACT_ERROR,
                    f"{type(exc).__name__}: {exc}",
                )
            )
    return out


def extract(batch: Sequence[Document], settings: Settings) -> list[Article | Failure]:
    """The extract stage: one Article or Failure per document, in order; never raises."""
    return [item if isinstance(item, Failure) else item[0] for item in explain(batch, settings)]


def extract_html(
    html: str | bytes, url: str | None = None, settings: Settings | None = None
) -> Article:
    """Extract one HTML page given as text or bytes (used by the extraction benchmark)."""
    from dragoman.ingest.files import content_id

    data = html.encode("utf-8") if isinstance(html, str) else html
    doc = Document(
        doc_id=content_id(data),
        source=url or "<html>",
        data=data,
        media_type="html",
        url=url,
        encoding="utf-8" if isinstance(html, str) else None,
    )
    return extract_one(doc, settings or Settings())


__all__ = [
    "EXTRACT_RULES",
    "Removal",
    "cue_names",
    "drop_headline",
    "explain",
    "explain_one",
    "extract",
    "extract_html",
    "extract_one",
    "finish_html",
    "main_text",
    "normalize_text",
    "parse_html",
    "truncate",
]
