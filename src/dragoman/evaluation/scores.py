"""Score records shared by the event scorers: counts, per-class rows, misses, the whole score."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dragoman.evaluation.gold import Scheme


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True, slots=True)
class Counts:
    """Matched pairs, predictions and gold items of one matching level, summed over records."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.n_pred)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.n_gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.n_pred + other.n_pred, self.n_gold + other.n_gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "predicted": self.n_pred,
            "gold": self.n_gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class ClassScore:
    """One row of the per-type table.

    ``counts`` is at the headline level (event level for PLOVER, root triples for CAMEO; for
    CASE ``tp`` = snippets where an accepted type was found and ``n_gold`` = support);
    ``type_counts`` ignores actors (PLOVER and CAMEO roots). ``accepts`` lists the PLOVER types
    a CASE label accepts (empty for the other schemes).
    """

    label: str
    counts: Counts
    type_counts: Counts
    accepts: tuple[str, ...] = ()

    @property
    def support(self) -> int:
        return self.counts.n_gold

    def to_dict(self, *, classification: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "support": self.support}
        if classification:  # CASE: found / support, and the accepted types
            out["found"] = self.counts.tp
            out["recall"] = round(self.counts.recall, 4) if self.accepts else None
            out["accepts"] = list(self.accepts)
            return out
        out.update({k: v for k, v in self.counts.to_dict().items() if k != "gold"})
        out["type_f1"] = round(self.type_counts.f1, 4)
        return out


@dataclass(frozen=True, slots=True)
class Miss:
    """A record the coder did not get exactly right, for error analysis."""

    record_id: str
    sentence: str
    gold: tuple[str, ...]
    predicted: tuple[str, ...]
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.record_id,
            "sentence": self.sentence,
            "gold": list(self.gold),
            "predicted": list(self.predicted),
            "missed": list(self.missed),
            "spurious": list(self.spurious),
        }


@dataclass(frozen=True, slots=True)
class EventScore:
    """The score of one gold file.

    ``levels`` holds the matching levels by name (PLOVER: ``event``, ``type``; CAMEO:
    ``root_triple``, ``exact_triple``, ``root``); ``summary`` the flat headline numbers that the
    accuracy gate pins (``event_f1``, ``root_triple_f1``, ``balanced_accuracy`` ...); ``counts``
    whole-number checks (``noevent_records_with_fp``, ``disasters_coded_as_violence`` ...).
    """

    scheme: Scheme
    records: int
    levels: dict[str, Counts]
    summary: dict[str, float]
    counts: dict[str, int]
    per_type: tuple[ClassScore, ...]
    misses: list[Miss] = field(default_factory=list)

    def to_dict(self, *, with_misses: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "scheme": self.scheme,
            "records": self.records,
            "summary": {k: round(v, 4) for k, v in self.summary.items()},
            "counts": dict(self.counts),
            "levels": {name: c.to_dict() for name, c in self.levels.items()},
            "per_type": [
                row.to_dict(classification=self.scheme == "case") for row in self.per_type
            ],
        }
        if with_misses:
            out["misses"] = [m.to_dict() for m in self.misses]
        return out

    def format_table(self, misses: int = 0) -> str:
        """A plain-text report: headline numbers, one line per type, then up to ``misses``
        records the coder got wrong (gold, predicted and the sentence)."""
        lines = [f"scheme: {self.scheme}   records: {self.records}"]
        if self.levels:
            lines.append(f"{'level':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'pred':>7}{'gold':>7}")
            for name, c in self.levels.items():
                lines.append(
                    f"{name:<14}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
                    f"{c.tp:>7}{c.n_pred:>7}{c.n_gold:>7}"
                )
        for key, value in self.summary.items():
            if not any(key.startswith(f"{name}_") for name in self.levels):
                lines.append(f"{key}: {value:.3f}")
        for key, count in self.counts.items():
            lines.append(f"{key}: {count}")
        lines.append("")
        if self.scheme == "case":
            lines.append(f"{'label':<32}{'n':>5}{'found':>7}{'recall':>8}  accepts")
            for row in self.per_type:
                recall = f"{row.counts.recall:>8.3f}" if row.accepts else f"{'-':>8}"
                accepts = ",".join(row.accepts) or "(not scored)"
                lines.append(
                    f"{row.label:<32}{row.support:>5}{row.counts.tp:>7}{recall}  {accepts}"
                )
        else:
            lines.append(
                f"{'type':<14}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}{'typeF1':>8}"
            )
            for row in self.per_type:
                c = row.counts
                lines.append(
                    f"{row.label:<14}{c.n_gold:>6}{c.n_pred:>6}{c.tp:>6}{c.precision:>8.3f}"
                    f"{c.recall:>8.3f}{c.f1:>8.3f}{row.type_counts.f1:>8.3f}"
                )
        if misses and self.misses:
            lines.append("")
            lines.append(f"misses (first {min(misses, len(self.misses))} of {len(self.misses)}):")
            for miss in self.misses[:misses]:
                lines.append(f"- {miss.record_id}: {miss.sentence}")
                lines.append(f"    gold:      {'; '.join(miss.gold) or '(none)'}")
                lines.append(f"    predicted: {'; '.join(miss.predicted) or '(none)'}")
        return "\n".join(lines)
