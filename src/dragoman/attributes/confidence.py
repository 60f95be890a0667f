"""How likely a coded event is right, from how it was found."""

from __future__ import annotations

from dragoman.records import Modality


def confidence(
    *,
    kind: str,
    specificity: int,
    has_source: bool,
    has_target: bool,
    coded_source: bool,
    modality: Modality,
    pronoun: bool,
    origin: str = "dragoman",
) -> float:
    """A 0..1 score for how likely the event is right, from how it was found.

    ``origin`` is the table of the pattern that found it: PETRARCH2's verb dictionary was
    measured at a third of its events right on news (fold A of the VOA stories, see
    docs/BENCHMARKS.md), so its events start lower and stay out of the default output unless
    everything else about them is strong.
    """
    score = 0.7 if kind == "verb" else 0.55
    if origin == "petrarch2":
        score -= 0.35
    score += min(specificity, 4) * 0.03
    score += 0.1 if coded_source else (0.0 if has_source else -0.25)
    score += 0.05 if has_target else 0.0
    if modality == "hypothetical":
        score -= 0.15
    if pronoun:
        score -= 0.05
    return round(max(0.05, min(0.99, score)), 2)
