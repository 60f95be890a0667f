"""The pipeline: ingest -> extract -> dedup -> segment -> parse -> code -> store.

:func:`run` is the one library call that runs it over inputs (paths, URLs, or records already
read) and returns a :class:`RunReport` with counters and the seconds spent in each stage;
``dragoman code``, ``watch``, ``bench`` and the evaluation all go through it, so a benchmark
times exactly what ``code`` runs. Within it, batches go through two pure stage functions that
any engine can map (in this process, a process pool, or Spark):

- :func:`prepare_batch`: extract, language check and (with an index) near-duplicate removal;
  run where one index sees every document;
- :func:`code_batch`: segment, parse and code (the CPU-heavy part, run in any worker).

:func:`run_batch` composes the two for one batch. Failures are records, never exceptions.
"""

from __future__ import annotations

import dataclasses
import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, BinaryIO

from dragoman.actors import ActorLexicon
from dragoman.attributes.story import attach_story_attributes
from dragoman.deadline import time_limit
from dragoman.dedup import NearDuplicateIndex, PageMemo, StoryCopy, dedup_articles
from dragoman.errors import DictionaryError, DragomanError, FailureReason, StageTimeout
from dragoman.events.coder import explain_article
from dragoman.events.patterns import default_patterns
from dragoman.events.trace import ArticleCoding, rule_counts, story_counts
from dragoman.extract import extract
from dragoman.nlp import parse_needed
from dragoman.records import Article, Document, Event, Failure, Sentence
from dragoman.segment import segment
from dragoman.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dragoman.store import Store

log = logging.getLogger(__name__)

#: The stages :func:`run` times, in data-flow order.
STAGES = ("ingest", "extract", "dedup", "segment", "parse", "code", "store")
_COUNTERS = ("inputs", "documents", "articles", "duplicates", "sentences", "words", "events")
_clock = time.perf_counter


@dataclass(frozen=True, slots=True)
class BatchResult:
    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    failures: tuple[Failure, ...]
    counters: dict[str, int] = field(default_factory=dict)
    # For each coded story, the other copies of it that were not coded (with ``dedup``).
    copies: dict[str, tuple[StoryCopy, ...]] = field(default_factory=dict)
    #: Wall seconds per stage (``extract``, ``dedup``, ``segment``, ``parse``, ``code``).
    seconds: dict[str, float] = field(default_factory=dict)
    # How often each named rule (data/rules.yaml, story_gate.yaml) kept, changed, merged,
    # flagged or dropped a candidate in this batch.
    rules: dict[str, int] = field(default_factory=dict)


# Below this many words a language guess is unreliable ("Russia did not meet Cuba." is
# classified as Nigerian Pidgin), so short texts are coded whatever the detector says.
_MIN_WORDS_FOR_LANGUAGE = 25


def language_ok(article: Article, settings: Settings) -> bool:
    """Is the article in a language we code? Short Latin-script text always is (the detector
    cannot tell); text mostly in another script is not, however short or unspaced (Chinese)."""
    if article.language in settings.languages:
        return True
    if latin_share(article.text[:5000]) < 0.5:
        return False
    return article.language is None or len(article.text.split()) < _MIN_WORDS_FOR_LANGUAGE


def latin_share(text: str) -> float:
    """The share of letters in ``text`` that are Latin script (1.0 when it has no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if c < "\u0250" or "\u1e00" <= c <= "\u1eff")
    return latin / len(letters)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A batch after extraction, language check and dedup: what is left to parse and code."""

    articles: tuple[Article, ...]
    failures: tuple[Failure, ...]
    copies: dict[str, tuple[StoryCopy, ...]]
    counters: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)


def prepare_batch(
    items: Sequence[Document | Failure],
    settings: Settings,
    dedup: NearDuplicateIndex | None = None,
    pages: PageMemo | None = None,
) -> Prepared:
    """Extract articles, drop unsupported languages and (with ``dedup``) repeated stories.

    With ``pages`` (one memo per run), a page byte-identical to one seen before is not
    extracted again: it takes the earlier page's outcome under its own id and source.
    """
    documents = [i for i in items if isinstance(i, Document)]
    started = _clock()
    extracted = extract_documents(documents, settings, pages)
    return finish_prepare(items, extracted, settings, dedup, _clock() - started)


def finish_prepare(
    items: Sequence[Document | Failure],
    extracted: Sequence[Article | Failure],
    settings: Settings,
    dedup: NearDuplicateIndex | None = None,
    extract_seconds: float = 0.0,
) -> Prepared:
    """The rest of :func:`prepare_batch` once the documents of ``items`` are ``extracted``
    (in order): the language check and, with ``dedup``, repeated stories set aside."""
    counters: Counter[str] = Counter()
    failures: list[Failure] = [i for i in items if isinstance(i, Failure)]
    counters["inputs"] = len(items)
    counters["documents"] = len(items) - len(failures)
    articles: list[Article] = []
    started = _clock()
    for out in extracted:
        if isinstance(out, Failure):
            failures.append(out)
        elif not language_ok(out, settings):
            failures.append(
                Failure(
                    out.doc_id,
                    out.source,
                    "language",
                    FailureReason.UNSUPPORTED_LANGUAGE,
                    f"text is in {out.language or 'a non-Latin script'!r}; dragoman codes "
                    f"{', '.join(settings.languages)}",
                )
            )
        else:
            articles.append(out)
    seconds = {"extract": extract_seconds + _clock() - started}
    copies: dict[str, tuple[StoryCopy, ...]] = {}
    if dedup is not None:
        started = _clock()
        deduped = dedup_articles(articles, dedup)
        articles, copies = list(deduped.kept), deduped.copies
        counters["duplicates"] = deduped.dropped
        seconds["dedup"] = _clock() - started
    return Prepared(tuple(articles), tuple(failures), copies, dict(counters), seconds)


def extract_documents(
    documents: Sequence[Document], settings: Settings, pages: PageMemo | None = None
) -> list[Article | Failure]:
    """The extract stage one document at a time, each within ``settings.document_timeout``
    (a page already in ``pages`` takes its remembered outcome); never raises."""
    out: list[Article | Failure] = []
    for doc in documents:
        key = None
        if pages is not None:
            key = PageMemo.key(doc)
            known = pages.get(key, doc)
            if known is not None:
                out.append(known)
                continue
        result = _extract_bounded(doc, settings)
        if pages is not None and key is not None and memorable(result):
            pages.put(key, result)
        out.append(result)
    return out


def memorable(outcome: Article | Failure) -> bool:
    """Does extraction always give this outcome for this page? (A timeout may not recur.)"""
    return not (isinstance(outcome, Failure) and outcome.reason == FailureReason.TIMEOUT)


def _extract_bounded(doc: Document, settings: Settings) -> Article | Failure:
    """Extraction of one document within ``settings.document_timeout``."""
    try:
        with time_limit(settings.document_timeout) as limit:
            (result,) = extract([doc], settings)
    except StageTimeout as exc:
        return Failure(doc.doc_id, doc.source, "extract", exc.reason, str(exc))
    if limit.expired and not (
        isinstance(result, Failure) and result.reason == FailureReason.TIMEOUT
    ):
        result = Failure(
            doc.doc_id,
            doc.source,
            "extract",
            FailureReason.TIMEOUT,
            f"stopped after {limit.seconds:g} s",
        )
    return result


def code_batch(prepared: Prepared, settings: Settings) -> BatchResult:
    """Segment, parse and code a prepared batch (the CPU-heavy part, run in any worker)."""
    counters = Counter(prepared.counters)
    seconds = dict(prepared.seconds)
    started = _clock()
    per_article: list[list[Sentence]] = [
        segment(a, settings.max_sentence_chars) for a in prepared.articles
    ]
    flat = [s for sents in per_article for s in sents]
    counters["sentences"] = len(flat)
    counters["words"] = sum(len(s.text.split()) for s in flat)
    seconds["segment"] = _clock() - started
    started = _clock()
    docs = (
        parse_needed([[s.text for s in sents] for sents in per_article], settings) if flat else []
    )
    counters["parsed"] = sum(d is not None for d in docs)
    seconds["parse"] = _clock() - started
    started = _clock()
    codings, coder_failures = explain_parsed(prepared.articles, per_article, docs, settings)
    events = [e for c in codings for e in c.events]
    rules = rule_counts(d for c in codings for d in c.decisions) + story_counts(codings)
    seconds["code"] = _clock() - started
    failures = [*prepared.failures, *coder_failures]
    counters["articles"] = len(prepared.articles)
    counters["events"] = len(events)
    counters["failures"] = len(failures)
    return BatchResult(
        prepared.articles,
        tuple(events),
        tuple(failures),
        dict(counters),
        prepared.copies,
        seconds,
        dict(sorted(rules.items())),
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
    codings, failures = explain_parsed(articles, sentences, docs, settings)
    return [e for c in codings for e in c.events], failures


def explain_parsed(
    articles: Sequence[Article],
    sentences: Sequence[Sequence[Sentence]],
    docs: Sequence[Doc | None],
    settings: Settings,
) -> tuple[list[ArticleCoding], list[Failure]]:
    """Like :func:`code_parsed`, with every decision of the coder beside the events."""
    lexicon = ActorLexicon.default(settings.actor_dictionaries)
    index = default_patterns()
    codings: list[ArticleCoding] = []
    failures: list[Failure] = []
    pos = 0
    for article, sents in zip(articles, sentences, strict=True):
        article_docs = docs[pos : pos + len(sents)]
        pos += len(sents)
        try:
            with time_limit(settings.document_timeout):
                coding = explain_article(article, sents, article_docs, settings, lexicon, index)
                placed = attach_story_attributes(article, sents, article_docs, list(coding.events))
            codings.append(dataclasses.replace(coding, events=tuple(placed)))
        except StageTimeout as exc:
            log.warning("coding %s: %s", article.doc_id, exc)
            failures.append(Failure(article.doc_id, article.source, "code", exc.reason, str(exc)))
        except Exception as exc:  # a coder bug must not lose the batch
            log.exception("coding failed for %s", article.doc_id)
            failures.append(
                Failure(
                    article.doc_id,
                    article.source,
                    "code",
                    FailureReason.CODER_ERROR,
                    f"{type(exc).__name__}: {exc}",
                )
            )
    return codings, failures


def code_texts(
    records: Iterable[tuple[str, str, str | None]],
    settings: Settings,
    *,
    shown_only: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, list[dict[str, object]]]:
    """Code (id, text, date) records; events per id as contract dicts (used for gold scoring).

    Every record is coded (no deduplication: gold records may repeat a sentence); every coded
    event by default, flagged or not; ``shown_only``: the default output only;
    ``on_progress`` is told how many records each batch held.
    """
    docs: list[Document | Failure] = [
        Document(doc_id=rid, source=rid, data=text.encode("utf-8"), media_type="text", date=date)
        for rid, text, date in records
    ]
    out: dict[str, list[dict[str, object]]] = {str(d.doc_id): [] for d in docs}

    def collect(result: BatchResult) -> None:
        for ev in result.events:
            if ev.shown or not shown_only:
                out.setdefault(ev.doc_id, []).append(ev.to_dict())
        if on_progress is not None:
            on_progress(result.counters.get("inputs", 0))

    run(docs, settings, dedup=False, batch_size=256, on_batch=collect)
    return out


@dataclass(frozen=True, slots=True)
class RunReport:
    """What one :func:`run` did: counters, and seconds per stage (:data:`STAGES`).

    ``counters``: ``inputs`` (records read, failures included), ``documents``, ``articles``
    (coded), ``duplicates`` (copies not coded), ``sentences``, ``words``, ``events``,
    ``failures`` and ``failed_documents`` (distinct ids). ``seconds`` adds up each stage over
    the batches (with several workers, their parse and code seconds overlap); ``wall_seconds``
    and ``cpu_seconds`` (of this process) cover the whole run except the time spent in the
    caller's ``on_batch``.
    """

    run_id: str
    counters: dict[str, int]
    seconds: dict[str, float]
    wall_seconds: float
    cpu_seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "counters": dict(self.counters),
            "seconds": {k: round(v, 4) for k, v in self.seconds.items()},
            "wall_seconds": round(self.wall_seconds, 4),
            "cpu_seconds": round(self.cpu_seconds, 4),
        }


def check_dictionaries(settings: Settings) -> None:
    """Load the user actor dictionaries before any work; a bad file's error names the file."""
    from dragoman.actors import userdict

    for path in settings.actor_dictionaries:
        try:
            userdict.load(path)
        except UnicodeDecodeError as exc:
            raise DictionaryError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    if settings.actor_dictionaries:
        ActorLexicon.default(settings.actor_dictionaries)


def _records(
    inputs: Iterable[str | Document | Failure], settings: Settings, stdin: BinaryIO | None
) -> Iterator[Document | Failure]:
    """Records from paths and URLs (read together, sharing one fetcher) or passed as they are."""
    from dragoman.ingest import read_inputs

    if isinstance(inputs, list | tuple) and all(isinstance(i, str) for i in inputs):
        yield from read_inputs([str(i) for i in inputs], settings, stdin=stdin)
        return
    for item in inputs:
        if isinstance(item, str):
            yield from read_inputs([item], settings, stdin=stdin)
        else:
            yield item


def run(
    inputs: Iterable[str | Document | Failure],
    settings: Settings,
    *,
    store: Store | None = None,
    dedup: bool | NearDuplicateIndex = True,
    workers: int = 1,
    batch_size: int | None = None,
    run_id: str | None = None,
    stdin: BinaryIO | None = None,
    limit: int | None = None,
    on_batch: Callable[[BatchResult], None] | None = None,
    resume: bool = False,
    record_run: bool = True,
) -> RunReport:
    """Run the whole pipeline over ``inputs`` and write the results to ``store`` (if given).

    ``inputs`` are paths, URLs or ``-`` (read with :func:`dragoman.ingest.read_inputs`), or
    Documents and Failures already read. ``dedup=True`` codes a syndicated story once per run
    and extracts a byte-identical page once (pass a
    :class:`~dragoman.dedup.NearDuplicateIndex` to share one across runs, ``False`` to code
    and extract every copy). ``workers`` > 1 parses and codes in a process pool
    (:func:`dragoman.engines.local.run`). ``limit`` stops after that many records. Each
    batch's :class:`BatchResult` is passed to ``on_batch`` (for printing or progress) after it
    is stored. Bad documents become failures (stored, counted); nothing is raised for them.
    ``resume`` skips the documents ``store`` already holds (a rerun after a killed run ends
    with the rows of a clean run, see :mod:`dragoman.store.runs`). The run is recorded in the
    store's ``runs`` table as ``running``, then ``finished``, ``stopped`` (Ctrl-C) or ``failed``
    (``record_run=False`` leaves that to a caller that runs many times under one id, as
    ``watch`` does).
    """
    from dragoman.engines.local import run as run_local

    check_dictionaries(settings)
    index: NearDuplicateIndex | None
    if isinstance(dedup, NearDuplicateIndex):
        index = dedup
    else:
        index = NearDuplicateIndex() if dedup else None
    # with dedup, a byte-identical page is extracted once per run (it is then a copy anyway)
    pages = PageMemo() if index is not None else None
    size = batch_size or settings.batch_size
    run_id = run_id or uuid.uuid4().hex[:12]
    counters: Counter[str] = Counter()
    seconds = dict.fromkeys(STAGES, 0.0)
    failed: set[str] = set()
    outside = outside_cpu = 0.0  # seconds spent in on_batch
    started, cpu_started = _clock(), time.process_time()
    records = _records(inputs, settings, stdin)

    def batches() -> Iterator[list[Document | Failure]]:
        pulled = 0
        while limit is None or pulled < limit:
            t = _clock()
            take = size if limit is None else min(size, limit - pulled)
            batch = list(islice(records, take))
            seconds["ingest"] += _clock() - t
            if not batch:
                return
            pulled += len(batch)
            yield batch

    stream: Iterator[list[Document | Failure]] = batches()
    if store is not None:
        if resume:
            from dragoman.store.runs import Resumer

            resumer = Resumer.of(store, index)
            counters["resumed_skipped"] = resumer.stored
            stream = resumer.filter(stream)
        if record_run:
            store.begin_run(run_id)
    status = "failed"
    try:
        for result in run_local(stream, settings, workers=workers, dedup=index, pages=pages):
            counters.update(result.counters)
            for stage, spent in result.seconds.items():
                seconds[stage] = seconds.get(stage, 0.0) + spent
            failed.update(f.doc_id for f in result.failures)
            if store is not None:
                t = _clock()
                store.write_batch(
                    result.articles,
                    result.events,
                    result.failures,
                    run_id=run_id,
                    copies=result.copies,
                )
                seconds["store"] += _clock() - t
            if on_batch is not None:
                t, cpu = _clock(), time.process_time()
                on_batch(result)
                outside += _clock() - t
                outside_cpu += time.process_time() - cpu
        status = "finished"
    except KeyboardInterrupt:
        status = "stopped"
        raise
    finally:
        if store is not None and record_run:
            try:
                store.finish_run(run_id, status)
            except DragomanError as exc:
                log.warning("could not record the end of run %s: %s", run_id, exc)
    counters["failed_documents"] = len(failed)
    for name in _COUNTERS:
        counters.setdefault(name, 0)
    return RunReport(
        run_id=run_id,
        counters=dict(counters),
        seconds=seconds,
        wall_seconds=_clock() - started - outside,
        cpu_seconds=time.process_time() - cpu_started - outside_cpu,
    )
