"""The story gate: stories of a kind without political events (sports, business, lifestyle,
private crime, science, heritage, nature) yield no events.

A document-level decision from named cue sets in ``data/story_gate.yaml`` (see its header):
a story is of a kind when it holds at least the kind's ``min_cues`` distinct cues and fewer
distinct political cues than cues of the kind. The verdict names the cues that decided it, so
that ``dragoman explain`` can show them; the coder flags the events of a gated story
``story:<kind>`` (stored, left out of the default output).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from dragoman.errors import DictionaryError
from dragoman.yamlfiles import load_yaml

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class StoryKind:
    """One named kind of story that yields no political events."""

    id: str
    does: str
    example: str
    min_cues: int
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryGate:
    kinds: tuple[StoryKind, ...]
    political_cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryVerdict:
    """What the gate decided for one story, and why."""

    kind: str | None  # None: the story passes
    cues: tuple[str, ...] = ()  # the kind's cues found (of the best-scoring kind)
    political: tuple[str, ...] = ()  # the political cues found

    @property
    def flag(self) -> str | None:
        return f"story:{self.kind}" if self.kind else None

    @property
    def rule(self) -> str:
        return f"story-gate.{self.kind}" if self.kind else "story-gate.pass"


def _normal(phrase: str) -> str:
    return " ".join(_WORD.findall(phrase.lower()))


@cache
def story_gate() -> StoryGate:
    """The packaged gate (``data/story_gate.yaml``), loaded once."""
    text = resources.files("dragoman.events").joinpath("data/story_gate.yaml").read_text("utf-8")
    try:
        data = load_yaml(text)
        kinds = tuple(
            StoryKind(
                id=str(k["id"]),
                does=str(k["does"]),
                example=str(k["example"]),
                min_cues=int(k["min_cues"]),
                cues=tuple(_normal(str(c)) for c in k["cues"]),
            )
            for k in data["kinds"]
        )
        political = tuple(_normal(str(c)) for c in data["political_cues"])
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise DictionaryError(f"story_gate.yaml: {exc}") from exc
    return StoryGate(kinds, political)


def _found(cues: tuple[str, ...], words: frozenset[str], padded: str) -> tuple[str, ...]:
    return tuple(c for c in cues if (c in words) if " " not in c) + tuple(
        c for c in cues if " " in c and f" {c} " in padded
    )


def classify_story(
    text: str, title: str | None = None, gate: StoryGate | None = None
) -> StoryVerdict:
    """The kind of a story (or None when it may hold political events), with its cues."""
    gate = gate or story_gate()
    tokens = _WORD.findall(f"{title or ''}\n{text}".lower())
    words = frozenset(tokens)
    padded = f" {' '.join(tokens)} "
    political = _found(gate.political_cues, words, padded)
    best: StoryVerdict = StoryVerdict(None, (), political)
    for kind in gate.kinds:
        cues = _found(kind.cues, words, padded)
        gated = len(cues) >= kind.min_cues and len(political) < len(cues)
        if gated and (best.kind is None or len(cues) > len(best.cues)):
            best = StoryVerdict(kind.id, cues, political)
    return best
