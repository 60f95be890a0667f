"""What a consultation is about is not whom it is with: "discussed Iran's programme".

Patterns whose target is read from a "with" phrase (meetings, talks, cooperation,
negotiations: ``target: with`` in ``data/patterns.yaml``) also take a direct object as the
partner ("met Putin"). When that object is a thing talked about ("discussed Iran's programme",
"discussed the future of Syria") the party named inside it, through a possessor or a
prepositional phrase, is the topic, not the one met. The reading is the named rule
``change.topic-not-target`` of ``data/rules.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dragoman.actors import ActorLexicon
    from dragoman.events.patterns import Pattern
    from dragoman.records import Actor

RULE = "change.topic-not-target"


def _topic_reach(obj: Token) -> list[tuple[int, int]]:
    """Character spans (in the parsed text) of the phrases a topic object reaches through a
    possessor or a prepositional phrase other than "with"."""
    spans: list[tuple[int, int]] = []
    for child in obj.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ != "with"):
            sub = list(child.subtree)
            spans.append((sub[0].idx, sub[-1].idx + len(sub[-1])))
    return spans


def topic_targets(
    verb: Token,
    pattern: Pattern,
    tgt: Sequence[Actor],
    lexicon: ActorLexicon,
    offset: int,
) -> tuple[list[Actor], bool]:
    """The target without the parties named inside the topic of a "with"-pattern's object,
    and whether any was removed."""
    if pattern.target != "with" or not tgt:
        return list(tgt), False
    topics = [
        c
        for c in verb.children
        if c.dep_ == "dobj"
        and c.pos_ == "NOUN"
        and c.lemma_ not in pattern.objects
        and lexicon.sector(c.lemma_) is None  # "met the head of ...": a person, no topic
    ]
    spans = [(offset + a, offset + b) for t in topics for a, b in _topic_reach(t)]
    if not spans:
        return list(tgt), False
    kept = [a for a in tgt if not any(s <= a.start and a.end <= e for s, e in spans)]
    return kept, len(kept) != len(tgt)
