"""Scoring main-text extraction on the two benchmark folders of ``shared/data/extraction``.

The folder kind is detected from its files:

``aeb`` (``ground-truth.json`` + ``html/<id>.html.gz``), scrapinghub's article extraction benchmark
    Texts are tokenised into ``\\w+`` matches (case kept) and compared as multisets of
    overlapping 4-token shingles (a text of fewer than 4 tokens is one shingle). Per page,
    precision = shared / predicted shingles and recall = shared / gold shingles (both 1 when
    both texts are empty, 0 when nothing is shared). Precision and recall are averaged over
    pages; F1 is the harmonic mean of the two averages.
``trafeval`` (``evaldata.json`` + ``html/<file>``), trafilatura's evaluation set
    After collapsing whitespace (in output and snippets), each ``with`` snippet found in the
    output is a true positive, each missing one a false negative; each ``without`` snippet
    found is a false positive (a missing one a true negative). Counts are summed over pages;
    F1 = 2TP / (2TP + FP + FN). Metadata: date on an exact string match, title on an exact
    match after whitespace normalisation, author exactly (several joined by "; "); each is
    scored over the pages whose gold value is not empty.

Folds: the pages of a folder fall into two fixed folds by a hash of their id (the aeb id, or
the trafeval file name): :func:`fold_of` is 1 when the first byte of
``sha256("dragoman-fold:" + id)`` is even, else 2. The split never changes, whatever pages a
folder holds; cues are tuned on one fold and kept only when they help on the other
(docs/EXTRACTION.md, ``dragoman eval cues``).

The extractor is any callable ``(html bytes, url or None) -> object`` with ``text``, ``title``,
``date`` and ``author`` attributes (``dragoman.records.Article`` has them); an exception or
``None`` counts as an empty output and is counted in ``errors``. ``pages_per_second`` times
the extractor calls only (not reading and unzipping the files), after an untimed warm-up on
the first :data:`WARM_UP_PAGES` pages (imports, language model and date-parser tables load
there, for dragoman and the baseline alike).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, cast

from dragoman.errors import ConfigError, InputError

log = logging.getLogger(__name__)

Benchmark = Literal["aeb", "trafeval"]
_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4
METADATA_FIELDS = ("title", "date", "author")
#: Pages extracted once, untimed and unscored, before the timed pass.
WARM_UP_PAGES = 3


class Extracted(Protocol):
    @property
    def text(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...
    @property
    def author(self) -> str | None: ...


Extractor = Callable[[bytes, str | None], Extracted | None]


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[str]:
    """The multiset of overlapping ``n``-token shingles of a text (aeb's definition)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        " ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens
    )


def shingle_precision_recall(gold: str | None, predicted: str | None) -> tuple[float, float]:
    """Per-page precision and recall of shingles, as aeb's ``evaluate.py`` computes them."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    if tp == 0:
        return 0.0, 0.0
    return tp / (tp + fp), tp / (tp + fn)


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def snippet_counts(
    output: str | None, with_: list[str], without: list[str]
) -> tuple[int, int, int, int]:
    """(TP, FN, FP, TN) of one trafeval page."""
    text = _squash(output)
    found = [_squash(s) in text for s in with_]
    leaked = [_squash(s) in text for s in without]
    return sum(found), len(found) - sum(found), sum(leaked), len(leaked) - sum(leaked)


@dataclass(frozen=True, slots=True)
class PageScore:
    id: str
    url: str | None
    precision: float | None = None
    recall: float | None = None
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


@dataclass(frozen=True, slots=True)
class MetadataScore:
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class ExtractionScore:
    benchmark: Benchmark
    pages: int
    precision: float
    recall: float
    f1: float
    seconds: float
    errors: int = 0
    missing_files: int = 0
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    metadata: dict[str, MetadataScore] = field(default_factory=dict)
    page_scores: tuple[PageScore, ...] = ()

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self, *, with_pages: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "benchmark": self.benchmark,
            "pages": self.pages,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "pages_per_second": round(self.pages_per_second, 2),
            "seconds": round(self.seconds, 3),
            "errors": self.errors,
            "missing_files": self.missing_files,
        }
        if self.benchmark == "trafeval":
            out.update(tp=self.tp, fn=self.fn, fp=self.fp, tn=self.tn)
            out["metadata"] = {
                k: {"correct": m.correct, "total": m.total, "accuracy": round(m.accuracy, 4)}
                for k, m in self.metadata.items()
            }
        if with_pages:
            out["page_scores"] = [p.to_dict() for p in self.page_scores]
        return out

    def format_table(self) -> str:
        lines = [
            f"benchmark: {self.benchmark}   pages: {self.pages}   errors: {self.errors}",
            f"precision {self.precision:.3f}   recall {self.recall:.3f}   F1 {self.f1:.3f}",
            f"pages/s {self.pages_per_second:.1f} ({self.seconds:.2f} s in the extractor)",
        ]
        if self.benchmark == "trafeval":
            lines.append(f"TP {self.tp}   FN {self.fn}   FP {self.fp}   TN {self.tn}")
            for name, m in self.metadata.items():
                lines.append(f"{name:<8}{m.accuracy:>7.3f}  ({m.correct}/{m.total} exact)")
        return "\n".join(lines)


FOLDS = (1, 2)


def fold_of(page_id: str) -> int:
    """The fixed fold (1 or 2) of a benchmark page, from a hash of its id."""
    digest = hashlib.sha256(f"dragoman-fold:{page_id}".encode()).digest()
    return 1 if digest[0] % 2 == 0 else 2


def detect_benchmark(directory: Path) -> Benchmark:
    if (directory / "ground-truth.json").is_file():
        return "aeb"
    if (directory / "evaldata.json").is_file():
        return "trafeval"
    raise InputError(f"{directory}: neither ground-truth.json (aeb) nor evaldata.json (trafeval)")


def trafilatura_extractor(data: bytes, url: str | None) -> Extracted | None:
    """The baseline: ``trafilatura.bare_extraction`` with metadata, without comments."""
    import trafilatura

    result = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    return None if result is None or isinstance(result, dict) else cast(Extracted, result)


def dragoman_extractor(data: bytes, url: str | None) -> Extracted | None:
    """dragoman's own extractor, ``dragoman.extract.extract_html`` (imported when first used)."""
    module = importlib.import_module("dragoman.extract")
    extract_html: Callable[[bytes, str | None], Extracted] = module.extract_html
    return extract_html(data, url)


def _read_page(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.name.endswith(".gz") else raw


Page = tuple[str, str | None, Path, dict[str, Any]]


def benchmark_pages(directory: Path, fold: int | None = None) -> tuple[Benchmark, list[Page]]:
    """The kind of a benchmark folder and its pages (id, url, file, gold), of one fold or all."""
    if fold is not None and fold not in FOLDS:
        raise ConfigError(f"fold must be one of {FOLDS}, not {fold}")
    kind = detect_benchmark(directory)
    pages = _pages(directory, kind)
    if fold is not None:
        pages = [page for page in pages if fold_of(page[0]) == fold]
    return kind, pages


def read_page(path: Path) -> bytes:
    """The HTML bytes of a benchmark page file (gunzipped)."""
    return _read_page(path)


def _pages(directory: Path, kind: Benchmark) -> list[Page]:
    if kind == "aeb":
        truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
        return [
            (pid, entry.get("url"), directory / "html" / f"{pid}.html.gz", entry)
            for pid, entry in sorted(truth.items())
        ]
    data = json.loads((directory / "evaldata.json").read_text(encoding="utf-8"))
    rows = [
        (entry["file"], url, directory / "html" / entry["file"], entry)
        for url, entry in data.items()
    ]
    return sorted(rows, key=lambda row: row[0])


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value) or None
    return str(value)


def metadata_hits(entry: dict[str, Any], result: Extracted | None) -> dict[str, bool]:
    """Exact-match hits of title, date and author against a trafeval gold entry."""
    return _metadata_hits(entry, result)


def _metadata_hits(entry: dict[str, Any], result: Extracted | None) -> dict[str, bool]:
    hits: dict[str, bool] = {}
    for name in METADATA_FIELDS:
        gold = _as_text(entry.get(name))
        if not gold or not gold.strip():
            continue
        pred = _as_text(getattr(result, name, None)) if result is not None else None
        if name == "title":
            hits[name] = pred is not None and _squash(pred) == _squash(gold)
        else:
            hits[name] = pred is not None and pred.strip() == gold.strip()
    return hits


def _warm_up(run: Extractor, pages: list[tuple[str, str | None, Path, dict[str, Any]]]) -> None:
    """One untimed call on the first pages, so that one-off costs (imports, model and
    date-parser loading) do not count as extraction time for either extractor."""
    for _pid, url, path, _entry in pages[:WARM_UP_PAGES]:
        if path.is_file():
            try:
                run(_read_page(path), url)
            except Exception:  # scored (and reported) in the timed pass
                log.debug("warm-up call failed on %s", path)


def score_extraction(
    directory: Path,
    extractor: Extractor | None = None,
    limit: int | None = None,
    *,
    baseline: Literal["trafilatura"] | None = None,
    fold: int | None = None,
    on_page: Callable[[], None] | None = None,
) -> ExtractionScore:
    """Score an extractor on an aeb or trafeval folder (detected from its files).

    ``extractor`` defaults to dragoman's own; ``baseline="trafilatura"`` scores trafilatura
    instead. ``fold`` (1 or 2, :func:`fold_of`) keeps the pages of one fold; ``limit`` then
    keeps the first pages in id (aeb) or file name (trafeval) order. ``on_page`` is called
    after each page (for progress).
    """
    if baseline is not None:
        if baseline != "trafilatura":
            raise ConfigError(f"unknown extraction baseline {baseline!r}")
        if extractor is not None:
            raise ConfigError("give either an extractor or a baseline, not both")
        extractor = trafilatura_extractor
    run = extractor or dragoman_extractor
    kind, pages = benchmark_pages(Path(directory), fold)
    if limit is not None:
        pages = pages[:limit]
    _warm_up(run, pages)
    seconds = 0.0
    errors = missing = 0
    scores: list[PageScore] = []
    meta: dict[str, list[bool]] = {name: [] for name in METADATA_FIELDS}
    for pid, url, path, entry in pages:
        if on_page is not None:
            on_page()
        if not path.is_file():
            log.warning("%s: page file missing: %s", kind, path)
            missing += 1
            continue
        data = _read_page(path)
        error: str | None = None
        started = time.perf_counter()
        try:
            result = run(data, url)
        except Exception as exc:  # an extractor failure scores as an empty page
            result, error = None, f"{type(exc).__name__}: {exc}"
        seconds += time.perf_counter() - started
        if error is not None:
            log.info("%s: extractor failed on %s: %s", kind, pid, error)
        errors += error is not None or result is None
        text = result.text if result is not None else None
        if kind == "aeb":
            p, r = shingle_precision_recall(entry.get("articleBody"), text)
            scores.append(PageScore(pid, url, precision=p, recall=r, error=error))
        else:
            tp, fn, fp, tn = snippet_counts(
                text, entry.get("with") or [], entry.get("without") or []
            )
            scores.append(PageScore(pid, url, tp=tp, fn=fn, fp=fp, tn=tn, error=error))
            for name, hit in _metadata_hits(entry, result).items():
                meta[name].append(hit)
    return _summarise(kind, scores, seconds, errors, missing, meta)


def _summarise(
    kind: Benchmark,
    scores: list[PageScore],
    seconds: float,
    errors: int,
    missing: int,
    meta: dict[str, list[bool]],
) -> ExtractionScore:
    n = len(scores)
    if kind == "aeb":
        precision = sum(s.precision or 0.0 for s in scores) / n if n else 0.0
        recall = sum(s.recall or 0.0 for s in scores) / n if n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return ExtractionScore(
            kind, n, precision, recall, f1, seconds, errors, missing, page_scores=tuple(scores)
        )
    tp, fn, fp, tn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fn", "fp", "tn"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    metadata = {name: MetadataScore(sum(hits), len(hits)) for name, hits in meta.items()}
    return ExtractionScore(
        kind,
        n,
        precision,
        recall,
        f1,
        seconds,
        errors,
        missing,
        tp,
        fn,
        fp,
        tn,
        metadata,
        tuple(scores),
    )


@dataclass(frozen=True, slots=True)
class ThroughputComparison:
    """Extraction speed of dragoman and of trafilatura alone on the same pages.

    Calls alternate page by page (dragoman first on even pages, trafilatura first on odd
    ones) so that machine load drifts hit both alike; ``*_cpu`` are CPU seconds of this
    process (``time.process_time``), ``*_wall`` elapsed seconds.
    """

    benchmark: Benchmark
    pages: int
    dragoman_cpu: float
    trafilatura_cpu: float
    dragoman_wall: float
    trafilatura_wall: float

    @staticmethod
    def _rate(pages: int, seconds: float) -> float:
        return pages / seconds if seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark": self.benchmark,
            "pages": self.pages,
            "dragoman_pages_per_cpu_second": round(self._rate(self.pages, self.dragoman_cpu), 2),
            "trafilatura_pages_per_cpu_second": round(
                self._rate(self.pages, self.trafilatura_cpu), 2
            ),
            "dragoman_pages_per_second": round(self._rate(self.pages, self.dragoman_wall), 2),
            "trafilatura_pages_per_second": round(self._rate(self.pages, self.trafilatura_wall), 2),
            "speed_ratio_cpu": round(self.trafilatura_cpu / self.dragoman_cpu, 3)
            if self.dragoman_cpu > 0
            else 0.0,
        }

    def format_table(self) -> str:
        d = self.to_dict()
        return "\n".join(
            [
                f"benchmark: {self.benchmark}   pages: {self.pages} (calls interleaved)",
                f"dragoman     {d['dragoman_pages_per_cpu_second']:>7.1f} pages/CPU-s"
                f"  {d['dragoman_pages_per_second']:>7.1f} pages/s",
                f"trafilatura  {d['trafilatura_pages_per_cpu_second']:>7.1f} pages/CPU-s"
                f"  {d['trafilatura_pages_per_second']:>7.1f} pages/s",
                f"dragoman is {d['speed_ratio_cpu']:.2f}x the speed of trafilatura (CPU time)",
            ]
        )


def compare_throughput(directory: Path, limit: int | None = None) -> ThroughputComparison:
    """Time dragoman's extractor against trafilatura alone, interleaved, on one folder."""
    directory = Path(directory)
    kind = detect_benchmark(directory)
    pages = [
        (url, _read_page(path)) for _pid, url, path, _e in _pages(directory, kind) if path.is_file()
    ]
    if limit is not None:
        pages = pages[:limit]
    runners: tuple[Extractor, Extractor] = (dragoman_extractor, trafilatura_extractor)
    for url, data in pages[:WARM_UP_PAGES]:
        for run in runners:
            try:
                run(data, url)
            except Exception:
                log.debug("warm-up call failed on %s", url)
    cpu = [0.0, 0.0]
    wall = [0.0, 0.0]
    for n, (url, data) in enumerate(pages):
        order = (0, 1) if n % 2 == 0 else (1, 0)
        for which in order:
            started_cpu, started = time.process_time(), time.perf_counter()
            try:
                runners[which](data, url)
            except Exception:  # timed like any other call; quality is scored elsewhere
                log.debug("extractor %d failed on %s", which, url)
            cpu[which] += time.process_time() - started_cpu
            wall[which] += time.perf_counter() - started
    return ThroughputComparison(kind, len(pages), cpu[0], cpu[1], wall[0], wall[1])
