"""Agents named outside the clause of an agentless act.

An agentless passive names no one who acted ("several rebels were captured"). Two readings of
news English give its agent, each a named rule of ``data/rules.yaml``:

- ``change.speaker-agent``: an arrest, detention or seizure reported in the passive by the
  authorities that make them ("police said 12 suspects were arrested", "both forces say
  ammunition was seized") was made by the speaker. Only coercion (CAMEO 17) is read so:
  "the army said five soldiers were killed" names victims, not the army's act.
- the main clause's actors continue into the next sentence (:func:`main_event`): a later
  "they" or agentless passive refers to the subject of the main clause, not to an event
  mentioned in passing inside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from dragoman.events.rulebook import words as rule_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dragoman.events.arguments import DocContext
    from dragoman.records import Actor

Resolver = Callable[[Sequence["Token"], "DocContext", int], list["Actor"]]


def _reporting_head(tok: Token) -> Token | None:
    """The reporting verb whose complement holds ``tok`` ("said [...] were arrested")."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in rule_words("read.reporting-verbs"):
            return cur.head
        if cur.dep_ != "conj" or cur.head.i == cur.i:
            return None
        cur = cur.head  # "ammunition was seized and rebels were captured"
    return None


def speaker_agent(
    tok: Token, code: str, ctx: DocContext, offset: int, resolve: Resolver
) -> list[Actor]:
    """The authority that reports an agentless coercion it made, or []."""
    if code[:2] != "17":
        return []
    verb = _reporting_head(tok)
    if verb is None:
        return []
    speakers = resolve([c for c in verb.children if c.dep_ == "nsubj"], ctx, offset)
    authorities = rule_words("change.speaker-agent")
    if speakers and all((a.sector or "").lower() in authorities for a in speakers):
        return speakers
    return []


def depth(tok: Token) -> int:
    """How far below the root of its sentence a token is (0 for the root)."""
    n = 0
    cur = tok
    while cur.head.i != cur.i and n < 50:
        cur = cur.head
        n += 1
    return n
