"""Throughput and memory of the whole pipeline, stage by stage, against spaCy's parse floor.

:func:`run_benchmark` loads the model and the packaged tables (timed apart), warms up on the
first few documents (untimed), then runs the corpus ``repeat`` times. Each run is exactly what
``dragoman code`` runs, :func:`dragoman.pipeline.run` with deduplication into a throwaway
DuckDB store, and reports the seconds it measured in each stage::

    ingest      dragoman.ingest.read_inputs              (documents pulled batch by batch)
    extract     dragoman.extract.extract                 (+ the pipeline's language guard)
    dedup       dragoman.dedup.dedup_articles            (one index per run)
    segment     dragoman.segment.segment
    parse       dragoman.nlp.parse
    code        dragoman.events.coder.code_article
    store       dragoman.store.Store.write_batch         (a throwaway DuckDB per run)

After each run it times spaCy's own ``nlp.pipe`` over the same sentences, with the same model
and batch size: the floor, what parsing alone costs, so the report shows what dragoman adds
above it. It then times spaCy's pipeline over the whole extracted text of the articles, the
full-parse limit of any spaCy-based coder, twice: over the articles dragoman coded (one per
story: copies of a story are recognised and not coded) and over every article of the input in
the coder's languages, copies included (what spaCy alone would be given). On an input without
copies the two are the same. Runs and baselines alternate so that all meet the same load on
the machine.

The reported run is the one with the median wall time (``statistics.median_low``, so it is a
real run whose stage times add up; the floor likewise); the times of all runs are kept. The
process's CPU seconds beside its wall seconds show how much of the CPU other work took.
"Words" are whitespace-separated tokens of the sentences. Peak memory is the process's peak
resident set size (``getrusage``), model included; ``trace_python`` (``--tracemalloc``) adds
the peak of Python allocations during the runs, at the price of slower runs.
Numbers, not judgements: nothing here asserts a speed.
"""

from __future__ import annotations

import gc
import importlib.metadata
import logging
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dragoman.errors import ConfigError

if TYPE_CHECKING:
    from dragoman.settings import Settings

log = logging.getLogger(__name__)

STAGES = ("ingest", "extract", "dedup", "segment", "parse", "code", "store")
_MIB = 1024 * 1024
# the warm-up runs every stage once (lazy imports, trafilatura, dateparser, DuckDB schema)
_WARMUP_DOCUMENTS = 4


@dataclass(frozen=True, slots=True)
class StageSeconds:
    """Wall seconds spent in each stage during one run."""

    ingest: float = 0.0
    extract: float = 0.0
    dedup: float = 0.0
    segment: float = 0.0
    parse: float = 0.0
    code: float = 0.0
    store: float = 0.0

    def items(self) -> tuple[tuple[str, float], ...]:
        return tuple((name, float(getattr(self, name))) for name in STAGES)

    def total(self) -> float:
        return sum(seconds for _, seconds in self.items())


@dataclass(frozen=True, slots=True)
class Machine:
    """What the benchmark ran on."""

    cpus: int
    cpu_model: str
    memory_gib: float
    python: str
    platform: str

    @classmethod
    def current(cls) -> Machine:
        return cls(
            cpus=_cpu_count(),
            cpu_model=_cpu_model(),
            memory_gib=round(_memory_bytes() / 1024**3, 1),
            python=platform.python_version(),
            platform=platform.platform(),
        )

    def describe(self) -> str:
        return (
            f"{self.cpus} CPU(s), {self.cpu_model}, {self.memory_gib:g} GiB RAM, "
            f"Python {self.python}, {self.platform}"
        )


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("model name", "Model", "cpu model") and value.strip():
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _memory_bytes() -> int:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes
    return peak / _MIB if sys.platform == "darwin" else peak / 1024


def _load_average() -> float:
    """The 1-minute load average at the start (other work on the machine skews timings)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class BenchResult:
    """Counts, times and memory of one benchmark; the times are those of the reported run."""

    inputs: tuple[str, ...]
    repeat: int
    batch_size: int
    model: str
    documents: int
    articles: int
    sentences: int
    words: int
    events: int
    failures: int
    seconds: float
    cpu_seconds: float
    runs_seconds: tuple[float, ...]
    stages: StageSeconds
    load_seconds: float
    warmup_seconds: float
    floor_seconds: float
    floor_cpu_seconds: float
    peak_rss_mib: float
    loaded_rss_mib: float
    python_peak_mib: float | None
    deterministic: bool
    machine: Machine
    load_average: float
    started: str
    parsed: int = 0
    full_text_seconds: float = 0.0
    full_text_cpu_seconds: float = 0.0
    # every article of the input in the coder's languages, copies included
    input_articles: int = 0
    input_text_seconds: float = 0.0
    input_text_cpu_seconds: float = 0.0
    # the peak after the first pipeline run, before any spaCy baseline ran in this process
    pipeline_peak_rss_mib: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return _rate(self.documents, self.seconds)

    @property
    def sentences_per_second(self) -> float:
        return _rate(self.sentences, self.seconds)

    @property
    def words_per_second(self) -> float:
        return _rate(self.words, self.seconds)

    @property
    def events_per_second(self) -> float:
        return _rate(self.events, self.seconds)

    @property
    def docs_per_cpu_second(self) -> float:
        return _rate(self.documents, self.cpu_seconds)

    @property
    def words_per_cpu_second(self) -> float:
        return _rate(self.words, self.cpu_seconds)

    @property
    def floor_sentences_per_second(self) -> float:
        return _rate(self.sentences, self.floor_seconds)

    @property
    def floor_words_per_second(self) -> float:
        return _rate(self.words, self.floor_seconds)

    @property
    def other_seconds(self) -> float:
        """Wall time outside the six stages (batching, bookkeeping)."""
        return max(0.0, self.seconds - self.stages.total())

    @property
    def overhead_seconds(self) -> float:
        """Wall time above spaCy's own parse of the same sentences."""
        return self.seconds - self.floor_seconds

    @property
    def articles_per_second(self) -> float:
        return _rate(self.articles, self.seconds)

    @property
    def full_text_articles_per_second(self) -> float:
        return _rate(self.articles, self.full_text_seconds)

    @property
    def full_text_speedup(self) -> float:
        """End-to-end articles/s over spaCy's articles/s on the whole extracted texts."""
        return self.full_text_seconds / self.seconds if self.seconds > 0 else 0.0

    @property
    def full_text_cpu_speedup(self) -> float:
        return self.full_text_cpu_seconds / self.cpu_seconds if self.cpu_seconds > 0 else 0.0

    @property
    def input_articles_per_second(self) -> float:
        """Articles of the input handled per second: coded, or recognised as copies."""
        return _rate(self.input_articles, self.seconds)

    @property
    def input_text_articles_per_second(self) -> float:
        return _rate(self.input_articles, self.input_text_seconds)

    @property
    def input_text_speedup(self) -> float:
        """End-to-end articles/s over spaCy's on the whole text of every input article."""
        return self.input_text_seconds / self.seconds if self.seconds > 0 else 0.0

    @property
    def input_text_cpu_speedup(self) -> float:
        return self.input_text_cpu_seconds / self.cpu_seconds if self.cpu_seconds > 0 else 0.0

    @property
    def floor_ratio(self) -> float:
        """Pipeline wall time as a multiple of the parse floor (1.0 = parsing is everything)."""
        return self.seconds / self.floor_seconds if self.floor_seconds > 0 else 0.0

    @property
    def floor_cpu_ratio(self) -> float:
        """The same ratio in CPU seconds, which other work on the machine disturbs less."""
        return self.cpu_seconds / self.floor_cpu_seconds if self.floor_cpu_seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": list(self.inputs),
            "started": self.started,
            "machine": asdict(self.machine),
            "model": self.model,
            "repeat": self.repeat,
            "batch_size": self.batch_size,
            "counts": {
                "documents": self.documents,
                "articles": self.articles,
                "sentences": self.sentences,
                "parsed_sentences": self.parsed,
                "words": self.words,
                "events": self.events,
                "failures": self.failures,
            },
            "deterministic": self.deterministic,
            "seconds": round(self.seconds, 4),
            "cpu_seconds": round(self.cpu_seconds, 4),
            "load_average_1min": round(self.load_average, 2),
            "runs_seconds": [round(s, 4) for s in self.runs_seconds],
            "per_second": {
                "documents": round(self.docs_per_second, 2),
                "sentences": round(self.sentences_per_second, 2),
                "words": round(self.words_per_second, 1),
                "events": round(self.events_per_second, 2),
            },
            "per_cpu_second": {
                "documents": round(self.docs_per_cpu_second, 2),
                "words": round(self.words_per_cpu_second, 1),
            },
            "stages_seconds": {
                **{name: round(s, 4) for name, s in self.stages.items()},
                "other": round(self.other_seconds, 4),
            },
            "load_seconds": round(self.load_seconds, 4),
            "warmup_seconds": round(self.warmup_seconds, 4),
            "spacy_floor": {
                "seconds": round(self.floor_seconds, 4),
                "cpu_seconds": round(self.floor_cpu_seconds, 4),
                "sentences_per_second": round(self.floor_sentences_per_second, 2),
                "words_per_second": round(self.floor_words_per_second, 1),
                "pipeline_ratio": round(self.floor_ratio, 3),
                "pipeline_cpu_ratio": round(self.floor_cpu_ratio, 3),
                "overhead_seconds": round(self.overhead_seconds, 4),
            },
            "spacy_full_text": {
                "seconds": round(self.full_text_seconds, 4),
                "cpu_seconds": round(self.full_text_cpu_seconds, 4),
                "articles_per_second": round(self.full_text_articles_per_second, 2),
                "pipeline_articles_per_second": round(self.articles_per_second, 2),
                "speedup": round(self.full_text_speedup, 3),
                "cpu_speedup": round(self.full_text_cpu_speedup, 3),
            },
            "spacy_input_text": {
                "articles": self.input_articles,
                "seconds": round(self.input_text_seconds, 4),
                "cpu_seconds": round(self.input_text_cpu_seconds, 4),
                "articles_per_second": round(self.input_text_articles_per_second, 2),
                "pipeline_articles_per_second": round(self.input_articles_per_second, 2),
                "speedup": round(self.input_text_speedup, 3),
                "cpu_speedup": round(self.input_text_cpu_speedup, 3),
            },
            "memory_mib": {
                "peak_rss": round(self.peak_rss_mib, 1),
                "pipeline_peak_rss": round(self.pipeline_peak_rss_mib, 1),
                "rss_after_load": round(self.loaded_rss_mib, 1),
                "python_peak": None
                if self.python_peak_mib is None
                else round(self.python_peak_mib, 1),
            },
        }

    def format_table(self) -> str:
        runs = ", ".join(f"{s:.2f}" for s in self.runs_seconds)
        lines = [
            f"dragoman bench  {' '.join(self.inputs)}",
            f"machine   {self.machine.describe()}",
            f"model     {self.model}; batch {self.batch_size} documents; "
            f"{self.repeat} run(s): {runs} s (reporting the median)",
            "",
            f"{'documents':<12}{self.documents:>10,}",
            f"{'articles':<12}{self.articles:>10,}",
            f"{'sentences':<12}{self.sentences:>10,}",
            f"{'words':<12}{self.words:>10,}",
            f"{'events':<12}{self.events:>10,}",
            f"{'failures':<12}{self.failures:>10,}",
        ]
        if not self.deterministic:
            lines.append("WARNING: the runs did not produce the same counts")
        lines += [
            "",
            f"wall {self.seconds:.2f} s, CPU {self.cpu_seconds:.2f} s, load average "
            f"{self.load_average:.2f} at the start",
            f"(model load {self.load_seconds:.2f} s and warm-up {self.warmup_seconds:.2f} s "
            "not counted)",
            f"{'':<12}{'per second':>12}",
            f"{'documents':<12}{self.docs_per_second:>12,.1f}",
            f"{'sentences':<12}{self.sentences_per_second:>12,.1f}",
            f"{'words':<12}{self.words_per_second:>12,.0f}",
            f"{'events':<12}{self.events_per_second:>12,.1f}",
            f"per CPU second: {self.docs_per_cpu_second:,.1f} documents, "
            f"{self.words_per_cpu_second:,.0f} words",
            "",
            f"{'stage':<12}{'seconds':>10}{'share':>8}",
        ]
        wall = self.seconds or 1.0
        for name, s in (*self.stages.items(), ("other", self.other_seconds)):
            lines.append(f"{name:<12}{s:>10.3f}{s / wall:>8.1%}")
        lines += [
            f"{'total':<12}{self.seconds:>10.3f}{1:>8.0%}",
            "",
            f"baseline: spaCy nlp.pipe alone over the same {self.sentences:,} sentences",
            f"{'seconds':<12}{self.floor_seconds:>10.3f}",
            f"{'CPU seconds':<12}{self.floor_cpu_seconds:>10.3f}",
            f"{'sentences/s':<12}{self.floor_sentences_per_second:>10,.1f}",
            f"{'words/s':<12}{self.floor_words_per_second:>10,.0f}",
            f"pipeline = {self.floor_ratio:.2f} x the parse floor "
            f"(+{self.overhead_seconds:.2f} s for ingest, extraction, coding and storage); "
            f"{self.floor_cpu_ratio:.2f} x in CPU seconds",
            "",
            f"full-parse limit: spaCy nlp.pipe over the whole extracted text of the "
            f"{self.articles:,} articles coded (one per story)",
            f"{'seconds':<12}{self.full_text_seconds:>10.3f}",
            f"{'CPU seconds':<12}{self.full_text_cpu_seconds:>10.3f}",
            f"{'articles/s':<12}{self.full_text_articles_per_second:>10,.2f}",
            f"dragoman end to end: {self.articles_per_second:,.2f} articles/s = "
            f"{self.full_text_speedup:.2f} x spaCy's full parse "
            f"({self.full_text_cpu_speedup:.2f} x in CPU seconds); "
            f"{self.parsed:,} of {self.sentences:,} sentences parsed",
            "",
            f"spaCy over the whole text of every article of the input, copies included "
            f"({self.input_articles:,})",
            f"{'seconds':<12}{self.input_text_seconds:>10.3f}",
            f"{'CPU seconds':<12}{self.input_text_cpu_seconds:>10.3f}",
            f"{'articles/s':<12}{self.input_text_articles_per_second:>10,.2f}",
            f"dragoman end to end: {self.input_articles_per_second:,.2f} articles/s "
            f"(coded or recognised as copies) = {self.input_text_speedup:.2f} x spaCy "
            f"({self.input_text_cpu_speedup:.2f} x in CPU seconds)",
            "",
            f"{'peak RSS':<28}{self.peak_rss_mib:>10,.1f} MiB  (with the spaCy baselines)",
            f"{'peak RSS of the pipeline':<28}{self.pipeline_peak_rss_mib:>10,.1f} MiB  "
            "(first run, before any baseline)",
            f"{'RSS after load and warm-up':<28}{self.loaded_rss_mib:>10,.1f} MiB",
        ]
        if self.python_peak_mib is not None:
            lines.append(
                f"{'Python peak (tracemalloc)':<28}{self.python_peak_mib:>10,.1f} MiB"
                "  (timings slowed by tracing)"
            )
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Run:
    seconds: float
    cpu_seconds: float
    stages: StageSeconds
    documents: int
    articles: int
    sentences: int
    words: int
    events: int
    failures: int
    texts: tuple[str, ...]
    parsed: int = 0
    article_texts: tuple[str, ...] = ()

    def counts(self) -> tuple[int, ...]:
        return (
            self.documents,
            self.articles,
            self.sentences,
            self.words,
            self.events,
            self.failures,
        )


def default_inputs() -> list[str]:
    """The bundled corpus: ``samples/`` in the working folder, else beside the source tree."""
    here = Path("samples")
    if here.is_dir():
        return [str(here)]
    checkout = Path(__file__).resolve().parents[2] / "samples"
    if checkout.is_dir():
        return [str(checkout)]
    raise ConfigError("no inputs given and no samples/ folder found; name the files to bench")


def _run_once(
    inputs: Sequence[str],
    settings: Settings,
    *,
    batch_size: int,
    db_path: Path,
    limit: int | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> _Run:
    """One run of :func:`dragoman.pipeline.run`, as ``dragoman code`` makes it."""
    from dragoman.pipeline import BatchResult, run
    from dragoman.segment import segment
    from dragoman.store import open_store

    texts: list[str] = []
    article_texts: list[str] = []

    def keep_sentences(result: BatchResult) -> None:
        # for the parse floors; the pipeline's own segmentation, redone outside its timing
        for article in result.articles:
            texts.extend(s.text for s in segment(article, settings.max_sentence_chars))
            article_texts.append(article.text)
        if on_batch is not None:
            on_batch(result.counters.get("inputs", 0))

    started = time.perf_counter()
    store = open_store(db_path)
    opened = time.perf_counter() - started
    try:
        report = run(
            inputs,
            settings,
            store=store,
            dedup=True,
            batch_size=batch_size,
            run_id="bench",
            limit=limit,
            on_batch=keep_sentences,
        )
    finally:
        started = time.perf_counter()
        store.close()
        opened += time.perf_counter() - started
    spent = {name: report.seconds.get(name, 0.0) for name in STAGES}
    spent["store"] += opened
    counters = report.counters
    return _Run(
        seconds=report.wall_seconds + opened,
        cpu_seconds=report.cpu_seconds,
        stages=StageSeconds(**spent),
        documents=counters["documents"],
        articles=counters["articles"],
        sentences=counters["sentences"],
        words=counters["words"],
        events=counters["events"],
        failures=counters["failures"],
        texts=tuple(texts),
        parsed=counters.get("parsed", 0),
        article_texts=tuple(article_texts),
    )


def _input_texts(inputs: Sequence[str], settings: Settings) -> list[str]:
    """The extracted text of every article of ``inputs`` in the coder's languages, copies
    included (untimed: the input of the spaCy-alone baseline)."""
    from dragoman.dedup import PageMemo
    from dragoman.ingest import read_inputs
    from dragoman.pipeline import prepare_batch

    records = read_inputs(list(inputs), settings)
    pages = PageMemo()
    texts: list[str] = []
    while batch := list(islice(records, 64)):
        texts.extend(a.text for a in prepare_batch(batch, settings, pages=pages).articles)
    return texts


def _parse_floor(texts: Sequence[str], settings: Settings, batch_size: int) -> tuple[float, float]:
    """Wall and CPU seconds of spaCy's own ``nlp.pipe`` over ``texts`` (same model, its
    components as shipped)."""
    from dragoman.nlp import pipeline_for
    from dragoman.nlp.rules import stock_attribute_ruler

    nlp = pipeline_for(settings)
    with stock_attribute_ruler(nlp):  # spaCy as shipped, not dragoman's faster matching
        started, cpu_started = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=batch_size):
            pass
        return time.perf_counter() - started, time.process_time() - cpu_started


def run_benchmark(
    inputs: Sequence[str],
    settings: Settings,
    *,
    repeat: int = 1,
    batch_size: int = 32,
    warmup: bool = True,
    trace_python: bool = False,
    on_batch: Callable[[int], None] | None = None,
) -> BenchResult:
    """Time the pipeline on ``inputs`` ``repeat`` times, stage by stage, and spaCy's floor.

    Model and table loading and the warm-up batch are timed apart and not counted in
    ``seconds``. ``on_batch`` is told how many inputs each timed batch took (for progress).
    Raises :class:`~dragoman.errors.ConfigError` for a bad argument and
    :class:`~dragoman.errors.ModelError` when no spaCy pipeline loads.
    """
    if repeat < 1:
        raise ConfigError("repeat must be >= 1")
    if batch_size < 1:
        raise ConfigError("batch_size must be >= 1")
    if not inputs:
        raise ConfigError("no inputs to benchmark")
    if "-" in inputs:
        raise ConfigError("bench reads its inputs several times; stdin (-) cannot be used")

    from dragoman.actors import ActorLexicon
    from dragoman.events.patterns import default_patterns
    from dragoman.nlp import pipeline_for

    started_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    load_average = _load_average()
    t = time.perf_counter()
    nlp = pipeline_for(settings)
    ActorLexicon.default(settings.actor_dictionaries)
    default_patterns()
    load_seconds = time.perf_counter() - t
    meta = nlp.meta
    model = f"{meta.get('lang', '')}_{meta.get('name', '?')} {meta.get('version', '?')}"
    model += f" (spaCy {importlib.metadata.version('spacy')})"

    runs: list[_Run] = []
    with tempfile.TemporaryDirectory(prefix="dragoman-bench-") as tmp:
        warmup_seconds = 0.0
        if warmup:
            t = time.perf_counter()
            _run_once(
                inputs,
                settings,
                batch_size=batch_size,
                db_path=Path(tmp) / "warmup.duckdb",
                limit=min(batch_size, _WARMUP_DOCUMENTS),
            )
            warmup_seconds = time.perf_counter() - t
        loaded_rss = peak_rss_mib()
        input_texts = _input_texts(inputs, settings)
        floors: list[tuple[float, float]] = []
        full_texts: list[tuple[float, float]] = []
        all_texts: list[tuple[float, float]] = []
        pipeline_peak = 0.0
        peaks: list[float] = []
        for i in range(repeat):
            # pipeline run and floor alternate, so that both meet the same machine load
            gc.collect()
            if trace_python:
                tracemalloc.start()
            try:
                run = _run_once(
                    inputs,
                    settings,
                    batch_size=batch_size,
                    db_path=Path(tmp) / f"run{i}.duckdb",
                    on_batch=on_batch,
                )
            finally:
                if trace_python:
                    peaks.append(tracemalloc.get_traced_memory()[1] / _MIB)
                    tracemalloc.stop()
            runs.append(run)
            if i == 0:
                pipeline_peak = peak_rss_mib()
            gc.collect()
            floors.append(_parse_floor(run.texts, settings, settings.parse_batch_size))
            gc.collect()
            full_texts.append(_parse_floor(run.article_texts, settings, settings.batch_size))
            gc.collect()
            all_texts.append(_parse_floor(input_texts, settings, settings.batch_size))
            log.info("run %d: %.2f s, parse floor %.2f s", i + 1, run.seconds, floors[-1][0])
    peak_rss = peak_rss_mib()
    python_peak = max(peaks) if peaks else None

    chosen_seconds = statistics.median_low(r.seconds for r in runs)
    chosen = next(r for r in runs if r.seconds == chosen_seconds)
    floor = sorted(floors)[(len(floors) - 1) // 2]  # median_low by wall time
    full_text = sorted(full_texts)[(len(full_texts) - 1) // 2]
    input_text = sorted(all_texts)[(len(all_texts) - 1) // 2]
    deterministic = len({r.counts() for r in runs}) == 1
    if not deterministic:
        log.warning("benchmark runs differ in their counts: %s", [r.counts() for r in runs])

    return BenchResult(
        inputs=tuple(inputs),
        repeat=repeat,
        batch_size=batch_size,
        model=model,
        documents=chosen.documents,
        articles=chosen.articles,
        sentences=chosen.sentences,
        words=chosen.words,
        events=chosen.events,
        failures=chosen.failures,
        seconds=chosen.seconds,
        cpu_seconds=chosen.cpu_seconds,
        runs_seconds=tuple(r.seconds for r in runs),
        stages=chosen.stages,
        load_seconds=load_seconds,
        warmup_seconds=warmup_seconds,
        floor_seconds=floor[0],
        floor_cpu_seconds=floor[1],
        parsed=chosen.parsed,
        full_text_seconds=full_text[0],
        full_text_cpu_seconds=full_text[1],
        input_articles=len(input_texts),
        input_text_seconds=input_text[0],
        input_text_cpu_seconds=input_text[1],
        peak_rss_mib=peak_rss,
        pipeline_peak_rss_mib=pipeline_peak,
        loaded_rss_mib=loaded_rss,
        python_peak_mib=python_peak,
        deterministic=deterministic,
        machine=Machine.current(),
        load_average=load_average,
        started=started_at,
    )
