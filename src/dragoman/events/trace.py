"""What the coder decided for every candidate, and which named rule decided it.

The coder returns a :class:`Decision` per trigger it found (kept, changed, dropped, merged or
flagged) beside the events; ``dragoman explain`` prints them sentence by sentence and the
pipeline counts them per rule id (:func:`rule_counts`), with the batch results. The rule ids
are those of ``data/rules.yaml``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dragoman.records import Actor, Event

Outcome = Literal["coded", "flagged", "dropped", "merged"]


@dataclass(frozen=True, slots=True)
class Decision:
    """One candidate (a trigger in a sentence) and what became of it."""

    sentence_index: int
    trigger: str  # the trigger word as written
    start: int  # character offset of the trigger in the article text
    pattern_id: str
    pattern_code: str  # the code the pattern gives
    outcome: Outcome
    # the rules that changed the candidate, then the one that dropped, merged or flagged it
    rules: tuple[str, ...]
    code: str | None = None  # the code it was given (None when dropped before coding)
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    event_id: str | None = None

    @property
    def rule(self) -> str:
        """The deciding rule: the last one applied, or ``pattern`` when none was."""
        return self.rules[-1] if self.rules else "pattern"

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence_index": self.sentence_index,
            "trigger": self.trigger,
            "start": self.start,
            "pattern": self.pattern_id,
            "pattern_code": self.pattern_code,
            "outcome": self.outcome,
            "rule": self.rule,
            "rules": list(self.rules),
            "code": self.code,
            "source": [_actor(a) for a in self.source],
            "target": [_actor(a) for a in self.target],
            "event_id": self.event_id,
        }


def _actor(a: Actor) -> dict[str, Any]:
    return {**a.to_dict(), "resolved": a.code is not None}


@dataclass(frozen=True, slots=True)
class ArticleCoding:
    """Events of one article with every decision behind them and the story gate's verdict."""

    events: tuple[Event, ...]
    decisions: tuple[Decision, ...]
    story_kind: str | None = None
    story_cues: tuple[str, ...] = ()
    political_cues: tuple[str, ...] = ()


def rule_counts(decisions: Iterable[Decision]) -> Counter[str]:
    """How often each rule changed, dropped, merged or flagged a candidate."""
    counts: Counter[str] = Counter()
    for d in decisions:
        counts.update(d.rules)
    return counts


def story_counts(codings: Sequence[ArticleCoding]) -> Counter[str]:
    """Story-gate decisions: ``story-gate.<kind>`` per gated story, ``story-gate.pass`` else."""
    return Counter(f"story-gate.{c.story_kind or 'pass'}" for c in codings)
