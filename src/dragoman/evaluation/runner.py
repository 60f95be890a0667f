"""Entry points used by the CLI and the accuracy gate: score events, code and score a gold file."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dragoman.errors import ConfigError
from dragoman.evaluation.case import score_case
from dragoman.evaluation.events import score_cameo, score_plover
from dragoman.evaluation.folds import FOLDS, Fold, fold_of
from dragoman.evaluation.gold import SCHEMES, GoldRecord, Scheme, load_gold
from dragoman.evaluation.scores import EventScore

if TYPE_CHECKING:
    from dragoman.settings import Settings

log = logging.getLogger(__name__)

Predicted = Mapping[str, Sequence[Mapping[str, Any]]]
CodeFn = Callable[[Sequence[GoldRecord]], Mapping[str, Sequence[Mapping[str, Any]]]]


def score_events(gold: Sequence[GoldRecord], predicted: Predicted, scheme: Scheme) -> EventScore:
    """Score predicted events (contract dicts by record id) against gold records of ``scheme``."""
    if scheme not in SCHEMES:
        raise ConfigError(f"unknown scheme {scheme!r}; use one of {', '.join(SCHEMES)}")
    other = {r.scheme for r in gold} - {scheme}
    if other:
        raise ConfigError(f"gold records are {sorted(other)}, cannot score them as {scheme!r}")
    if scheme == "plover":
        return score_plover(gold, predicted)
    if scheme == "cameo":
        return score_cameo(gold, predicted)
    return score_case(gold, predicted)


def evaluate_events_file(
    path: Path, scheme: Scheme | None, code_fn: CodeFn, fold: Fold | None = None
) -> EventScore:
    """Read a gold file, code its records with ``code_fn`` and score the result.

    ``scheme`` None uses the scheme detected from the file; ``fold`` (``"A"`` or ``"B"``, see
    :mod:`dragoman.evaluation.folds`) scores only the records of that fold.
    """
    gold = load_gold(Path(path))
    if fold is not None:
        if fold not in FOLDS:
            raise ConfigError(f"unknown fold {fold!r}; use one of {', '.join(FOLDS)}")
        gold = [r for r in gold if fold_of(r.id) == fold]
        if not gold:
            raise ConfigError(f"{path} has no record in fold {fold}")
    detected = gold[0].scheme
    chosen = scheme or detected
    predicted = code_fn(gold)
    score = score_events(gold, predicted, chosen)
    log.info("%s (%s): %s", path, chosen, {k: round(v, 3) for k, v in score.summary.items()})
    return score


def pipeline_code_fn(settings: Settings | None = None) -> CodeFn:
    """A ``code_fn`` that codes gold records with dragoman's pipeline (``code_texts``)."""

    def code(records: Sequence[GoldRecord]) -> Mapping[str, Sequence[Mapping[str, Any]]]:
        from dragoman.settings import load_settings

        # imported when used: the pipeline loads spaCy, and scoring alone must not need it
        module = importlib.import_module("dragoman.pipeline")
        code_texts: Callable[..., Mapping[str, Sequence[Mapping[str, Any]]]] = module.code_texts
        chosen = settings if settings is not None else load_settings()
        return code_texts([(r.id, r.text, r.date) for r in records], chosen)

    return code
