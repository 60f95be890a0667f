"""What each extraction cue is worth, per fold: the measure behind keeping or dropping a cue.

:func:`measure_cues` extracts every page of the benchmark folders once with all cues on
(trafilatura's work is done once per page and kept), then again with each named cue or rule
switched off (:func:`dragoman.extract.cue_names`), and scores every run per fold
(:func:`~dragoman.evaluation.extraction.fold_of`). A cue's *gain* on a fold is the score with
it minus the score without it: main-text F1 (aeb and trafeval), and title and date exactness
(trafeval). ``pages`` counts the pages whose output the cue changes. The same report gives
trafilatura alone on each fold, the floor that dragoman's main text must not fall below.

The rule for cues (CONTRIBUTING.md): a cue is written while looking at one fold; it stays only
if it helps on the other fold (and hurts on neither).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dragoman.evaluation.extraction import (
    FOLDS,
    Benchmark,
    benchmark_pages,
    fold_of,
    metadata_hits,
    read_page,
    shingle_precision_recall,
    snippet_counts,
    trafilatura_extractor,
)

log = logging.getLogger(__name__)

#: What the gains are measured on, per benchmark.
MEASURES: dict[Benchmark, tuple[str, ...]] = {
    "aeb": ("aeb_text_f1",),
    "trafeval": ("trafeval_text_f1", "title", "date"),
}


@dataclass(frozen=True, slots=True)
class _Output:
    text: str | None
    title: str | None
    date: str | None
    author: str | None = None


@dataclass(slots=True)
class _Page:
    kind: Benchmark
    page_id: str
    fold: int
    url: str | None
    html: bytes
    gold: dict[str, Any]
    raw: str = ""
    meta: Any = None
    outputs: dict[str, _Output] = field(default_factory=dict)
    #: Boilerplate cues whose pattern matches some line or paragraph of the page's text: a
    #: cue outside this set cannot change the page's output.
    matching: frozenset[str] = frozenset()


def _matching_cues(raw: str) -> frozenset[str]:
    from dragoman.extract import normalize_text
    from dragoman.extract.boilerplate import CUES

    raw = normalize_text(raw)
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    blocks = [" ".join(b.split()) for b in raw.split("\n\n") if b.strip()]
    units = [*lines, *blocks]
    return frozenset(c.name for c in CUES if any(c.pattern.search(u) for u in units))


def _score(pages: Sequence[_Page], variant: str) -> dict[int, dict[str, float]]:
    """Measures per fold of one variant's outputs (fold 0: both folds together)."""
    out: dict[int, dict[str, float]] = {}
    for fold in (*FOLDS, 0):
        chosen = [p for p in pages if fold in (0, p.fold)]
        scores: dict[str, float] = {}
        for kind in ("aeb", "trafeval"):
            of_kind = [p for p in chosen if p.kind == kind]
            if not of_kind:
                continue
            if kind == "aeb":
                pr = [
                    shingle_precision_recall(p.gold.get("articleBody"), p.outputs[variant].text)
                    for p in of_kind
                ]
                precision = sum(x for x, _ in pr) / len(pr)
                recall = sum(y for _, y in pr) / len(pr)
                total = precision + recall
                scores["aeb_text_f1"] = 2 * precision * recall / total if total else 0.0
                continue
            tp = fn = fp = 0
            hits: dict[str, list[bool]] = {"title": [], "date": []}
            for p in of_kind:
                output = p.outputs[variant]
                a, b, c, _ = snippet_counts(
                    output.text, p.gold.get("with") or [], p.gold.get("without") or []
                )
                tp, fn, fp = tp + a, fn + b, fp + c
                for name, hit in metadata_hits(p.gold, output).items():
                    if name in hits:
                        hits[name].append(hit)
            scores["trafeval_text_f1"] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
            for name, values in hits.items():
                scores[name] = sum(values) / len(values) if values else 0.0
        out[fold] = scores
    return out


@dataclass(frozen=True, slots=True)
class CueEffect:
    """One cue: how many pages it changes and what it gains, per fold and measure."""

    name: str
    description: str
    pages: dict[int, int]
    gain: dict[int, dict[str, float]]

    def helps_on(self, fold: int) -> bool:
        return any(v > 0 for v in self.gain[fold].values())

    def hurts_on(self, fold: int) -> bool:
        return any(v < 0 for v in self.gain[fold].values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "pages": {str(k): v for k, v in self.pages.items()},
            "gain": {str(k): {m: round(v, 4) for m, v in g.items()} for k, g in self.gain.items()},
        }


@dataclass(frozen=True, slots=True)
class CueReport:
    """All cues, with dragoman (all cues on) and trafilatura alone per fold."""

    pages: dict[int, int]
    dragoman: dict[int, dict[str, float]]
    trafilatura: dict[int, dict[str, float]]
    cues: tuple[CueEffect, ...]

    def to_dict(self) -> dict[str, Any]:
        def per_fold(d: dict[int, dict[str, float]]) -> dict[str, dict[str, float]]:
            return {str(k): {m: round(v, 4) for m, v in g.items()} for k, g in d.items()}

        return {
            "pages": {str(k): v for k, v in self.pages.items()},
            "dragoman": per_fold(self.dragoman),
            "trafilatura": per_fold(self.trafilatura),
            "cues": [c.to_dict() for c in self.cues],
        }

    def format_table(self) -> str:
        measures = [m for ms in MEASURES.values() for m in ms if m in self.dragoman[0]]
        head = f"{'':<26}" + "".join(f"{m:>18}" for m in measures)
        lines = [
            "fold 0 is both folds together; gains are the score with the cue minus without it",
            head,
        ]
        for fold in (*FOLDS, 0):
            for label, scores in (("dragoman", self.dragoman), ("trafilatura", self.trafilatura)):
                row = f"{label + f' fold {fold}':<26}"
                row += "".join(f"{scores[fold].get(m, 0.0):>18.4f}" for m in measures)
                lines.append(row)
        lines += ["", f"{'cue':<26}{'pages 1/2':>10}" + "".join(f"{m:>18}" for m in measures)]
        for cue in self.cues:
            if not any(cue.pages.values()):
                continue
            row = f"{cue.name:<26}{cue.pages[1]:>5}/{cue.pages[2]:<4}"
            for m in measures:
                g1, g2 = cue.gain[1].get(m, 0.0), cue.gain[2].get(m, 0.0)
                row += f"{g1:>+9.4f}/{g2:<+8.4f}"
            lines.append(row)
        silent = [c.name for c in self.cues if not any(c.pages.values())]
        if silent:
            lines += ["", "changing no page here: " + ", ".join(silent)]
        return "\n".join(lines)


def _article(page: _Page, off: frozenset[str], *, fresh_meta: bool) -> _Output:
    from dragoman.errors import DragomanError
    from dragoman.extract import finish_html, parse_html
    from dragoman.extract.metadata import html_metadata
    from dragoman.ingest.files import content_id
    from dragoman.records import Document

    doc = Document(content_id(page.html), page.url or page.page_id, page.html, "html", url=page.url)
    meta = page.meta
    if fresh_meta:
        meta = html_metadata(parse_html(page.html), page.url, off=off)
    raw = page.raw
    try:
        article, _ = finish_html(doc, meta, raw, off)
    except DragomanError:
        return _Output(None, meta.title, meta.date, meta.author)
    return _Output(article.text, article.title, article.date, article.author)


def measure_cues(
    directories: Sequence[Path],
    *,
    names: Sequence[str] | None = None,
    on_step: Callable[[str], None] | None = None,
) -> CueReport:
    """Score dragoman with all cues, without each cue, and trafilatura alone, per fold."""
    from dragoman.extract import cue_names, main_text, parse_html
    from dragoman.extract.metadata import html_metadata

    described = cue_names()
    chosen = list(names) if names is not None else list(described)
    pages: list[_Page] = []
    for directory in directories:
        kind, rows = benchmark_pages(Path(directory))
        for pid, url, path, entry in rows:
            if path.is_file():
                page = _Page(kind, pid, fold_of(pid), url, read_page(path), entry)
                pages.append(page)
    for page in pages:
        tree = parse_html(page.html)
        page.meta = html_metadata(tree, page.url)
        page.raw = main_text(tree, page.url)
        base = trafilatura_extractor(page.html, page.url)
        page.outputs["trafilatura"] = _Output(
            getattr(base, "text", None), getattr(base, "title", None), getattr(base, "date", None)
        )
        page.outputs[""] = _article(page, frozenset(), fresh_meta=False)
        page.matching = _matching_cues(page.raw)
        if on_step is not None:
            on_step("page")
    dragoman = _score(pages, "")
    trafilatura = _score(pages, "trafilatura")
    from dragoman.extract.boilerplate import CUES

    metadata_rules = {n for n in described if n.startswith(("title-", "date-"))}
    cue_patterns = {c.name for c in CUES}
    effects: list[CueEffect] = []
    for name in chosen:
        off = frozenset({name})
        changed = {fold: 0 for fold in FOLDS}
        for page in pages:
            if name in cue_patterns and name not in page.matching:
                page.outputs[name] = page.outputs[""]
                continue
            page.outputs[name] = _article(page, off, fresh_meta=name in metadata_rules)
            if page.outputs[name] != page.outputs[""]:
                changed[page.fold] += 1
        without = _score(pages, name)
        gain = {
            fold: {m: dragoman[fold][m] - without[fold].get(m, 0.0) for m in dragoman[fold]}
            for fold in (*FOLDS, 0)
        }
        changed_all = {**changed, 0: sum(changed.values())}
        effects.append(CueEffect(name, described.get(name, ""), changed_all, gain))
        for page in pages:
            del page.outputs[name]
        if on_step is not None:
            on_step("cue")
    counts = {fold: sum(1 for p in pages if p.fold == fold) for fold in FOLDS}
    counts[0] = len(pages)
    return CueReport(counts, dragoman, trafilatura, tuple(effects))


__all__ = ["MEASURES", "CueEffect", "CueReport", "measure_cues"]
