"""Compose the stages for one batch: extract -> segment -> parse -> code.

``run_batch`` is pure (no I/O but the model load): it takes documents (or failures passed
through from ingest) and returns articles, events, failures and counters. The local engine, a
process pool and Spark all map this same function over batches.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dragoman.actors import ActorLexicon
from dragoman.dedup import NearDuplicateIndex, StoryCopy, dedup_articles
from dragoman.events.coder import code_article
from dragoman.events.patterns import default_patterns
from dragoman.extract import extract
from dragoman.nlp import parse_needed
from dragoman.records import Article, Document, Event, Failure, Sentence
from dragoman.segment import segment
from dragoman.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BatchResult:
    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    failures: tuple[Failure, ...]
    counters: dict[str, int] = field(default_factory=dict)
    # For each coded story, the other copies of it that were not coded (with ``dedup``).
    copies: dict[str, tuple[StoryCopy, ...]] = field(default_factory=dict)


# Below this many words a language guess is unreliable ("Russia did not meet Cuba." is
# classified as Nigerian Pidgin), so short texts are coded whatever the detector says.
_MIN_WORDS_FOR_LANGUAGE = 25


def language_ok(article: Article, settings: Settings) -> bool:
    if article.language is None or article.language in settings.languages:
        return True
    return len(article.text.split()) < _MIN_WORDS_FOR_LANGUAGE


@dataclass(frozen=True, slots=True)
class Prepared:
    """A batch after extraction, language check and dedup: what is left to parse and code."""

    articles: tuple[Article, ...]
    failures: tuple[Failure, ...]
    copies: dict[str, tuple[StoryCopy, ...]]
    counters: dict[str, int]


def prepare_batch(
    items: Sequence[Document | Failure],
    settings: Settings,
    dedup: NearDuplicateIndex | None = None,
) -> Prepared:
    """Extract articles, drop unsupported languages and (with ``dedup``) repeated stories."""
    counters: Counter[str] = Counter()
    failures: list[Failure] = [i for i in items if isinstance(i, Failure)]
    documents = [i for i in items if isinstance(i, Document)]
    counters["documents"] = len(documents)
    articles: list[Article] = []
    for out in extract(documents, settings):
        if isinstance(out, Failure):
            failures.append(out)
        elif not language_ok(out, settings):
            failures.append(
                Failure(
                    out.doc_id,
                    out.source,
                    "language",
                    "unsupported-language",
                    f"text is in {out.language!r}; dragoman codes {', '.join(settings.languages)}",
                )
            )
        else:
            articles.append(out)
    copies: dict[str, tuple[StoryCopy, ...]] = {}
    if dedup is not None:
        deduped = dedup_articles(articles, dedup)
        articles, copies = list(deduped.kept), deduped.copies
        counters["duplicates"] = deduped.dropped
    return Prepared(tuple(articles), tuple(failures), copies, dict(counters))


def code_batch(prepared: Prepared, settings: Settings) -> BatchResult:
    """Segment, parse and code a prepared batch (the CPU-heavy part, run in any worker)."""
    counters = Counter(prepared.counters)
    per_article: list[list[Sentence]] = [
        segment(a, settings.max_sentence_chars) for a in prepared.articles
    ]
    flat = [s for sents in per_article for s in sents]
    counters["sentences"] = len(flat)
    docs = (
        parse_needed([[s.text for s in sents] for sents in per_article], settings) if flat else []
    )
    counters["parsed"] = sum(d is not None for d in docs)
    events, coder_failures = code_parsed(prepared.articles, per_article, docs, settings)
    failures = [*prepared.failures, *coder_failures]
    counters["articles"] = len(prepared.articles)
    counters["events"] = len(events)
    counters["failures"] = len(failures)
    return BatchResult(
        prepared.articles, tuple(events), tuple(failures), dict(counters), prepared.copies
    )


def run_batch(
    items: Sequence[Document | Failure],
    settings: Settings,
    dedup: NearDuplicateIndex | None = None,
) -> BatchResult:
    """Code one batch of documents into events; failures are records, never exceptions.

    With ``dedup`` (one index per run, passed to every batch), a story syndicated by several
    sites is coded once and its other copies are returned in ``BatchResult.copies``.
    """
    return code_batch(prepare_batch(items, settings, dedup), settings)


def code_parsed(
    articles: Sequence[Article],
    sentences: Sequence[Sequence[Sentence]],
    docs: Sequence[Doc | None],
    settings: Settings,
) -> tuple[list[Event], list[Failure]]:
    """Code articles whose sentences are already parsed (``docs``, flat, in article order;
    None for a sentence the screen left unparsed).

    A coder bug on one article becomes a ``coder-error`` failure; the batch carries on.
    """
    lexicon = ActorLexicon.default(settings.actor_dictionaries)
    index = default_patterns()
    events: list[Event] = []
    failures: list[Failure] = []
    pos = 0
    for article, sents in zip(articles, sentences, strict=True):
        article_docs = docs[pos : pos + len(sents)]
        pos += len(sents)
        try:
            events.extend(code_article(article, sents, article_docs, settings, lexicon, index))
        except Exception as exc:  # a coder bug must not lose the batch
            log.exception("coding failed for %s", article.doc_id)
            failures.append(
                Failure(
                    article.doc_id,
                    article.source,
                    "code",
                    "coder-error",
                    f"{type(exc).__name__}: {exc}",
                )
            )
    return events, failures


def code_texts(
    records: Iterable[tuple[str, str, str | None]], settings: Settings
) -> dict[str, list[dict[str, object]]]:
    """Code (id, text, date) records; events per id as contract dicts (used for gold scoring)."""
    docs: list[Document | Failure] = [
        Document(doc_id=rid, source=rid, data=text.encode("utf-8"), media_type="text", date=date)
        for rid, text, date in records
    ]
    out: dict[str, list[dict[str, object]]] = {str(d.doc_id): [] for d in docs}
    for start in range(0, len(docs), 256):
        result = run_batch(docs[start : start + 256], settings)
        for ev in result.events:
            out.setdefault(ev.doc_id, []).append(ev.to_dict())
    return out
