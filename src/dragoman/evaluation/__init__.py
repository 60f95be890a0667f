"""Scoring against gold data: coded events (PLOVER, CAMEO, CASE 2021) and text extraction.

``dragoman.evaluate`` re-exports this package's public names. The rules of each scheme are in
the docstrings of :mod:`.gold` (actor codes), :mod:`.events` (PLOVER and CAMEO), :mod:`.case`
(the CASE label to PLOVER table) and :mod:`.extraction` (aeb and trafeval metrics).
"""

from __future__ import annotations

from dragoman.evaluation.case import CASE_TO_PLOVER, is_violent
from dragoman.evaluation.extraction import (
    FOLDS,
    ExtractionScore,
    Extractor,
    MetadataScore,
    PageScore,
    benchmark_pages,
    fold_of,
    score_extraction,
    shingle_precision_recall,
    snippet_counts,
    trafilatura_extractor,
)
from dragoman.evaluation.gold import (
    CODE_ALIASES,
    PLOVER_RENAMES,
    GoldActor,
    GoldEvent,
    GoldRecord,
    Scheme,
    actor_key,
    load_gold,
    parse_gold_lines,
    plover_type,
)
from dragoman.evaluation.runner import (
    CodeFn,
    evaluate_events_file,
    pipeline_code_fn,
    score_events,
)
from dragoman.evaluation.scores import ClassScore, Counts, EventScore, Miss

__all__ = [
    "CASE_TO_PLOVER",
    "CODE_ALIASES",
    "FOLDS",
    "PLOVER_RENAMES",
    "ClassScore",
    "CodeFn",
    "Counts",
    "EventScore",
    "ExtractionScore",
    "Extractor",
    "GoldActor",
    "GoldEvent",
    "GoldRecord",
    "MetadataScore",
    "Miss",
    "PageScore",
    "Scheme",
    "actor_key",
    "benchmark_pages",
    "evaluate_events_file",
    "fold_of",
    "is_violent",
    "load_gold",
    "parse_gold_lines",
    "pipeline_code_fn",
    "plover_type",
    "score_events",
    "score_extraction",
    "shingle_precision_recall",
    "snippet_counts",
    "trafilatura_extractor",
]
