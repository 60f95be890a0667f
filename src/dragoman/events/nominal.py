"""Who does what to whom in an event said as a noun: "the arrest of X by police".

The coder reads a nominal trigger's actors from its modifiers ("Israeli air strikes"), its
"by"/"from"/"between" phrases (source) and its "on"/"against"/"to" phrases (target). Three
readings of English noun phrases complete that, each a named rule of ``data/rules.yaml``:

- ``change.nominal-of-patient``: for nouns whose "of" phrase names the one the act is done to
  ("the arrest of two opposition leaders", "the killing of 33 militants"), that phrase is the
  target; with no "of" phrase, their possessor is the one it was done to ("Navalny's arrest").
- ``change.nominal-carrier``: an event noun in the "of" phrase of a noun of doing ("Trump's
  imposition of sanctions on Turkey", "Russia's use of force") takes its actors from that noun.
- ``change.between-parties``: a gerund with a "between" phrase ("displaced by fighting
  between rebels and government forces") has those parties as its actors, not the subject of
  the clause it hangs on.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from dragoman.events.rulebook import words as rule_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dragoman.events.arguments import DocContext
    from dragoman.records import Actor

Resolver = Callable[[Sequence["Token"], "DocContext", int], list["Actor"]]

_DONE_TO_PREPS = rule_words("read.done-to-preps")


def pobjs(tok: Token, preps: Collection[str]) -> list[Token]:
    """The objects of a token's prepositions (or "by" agent) among ``preps``."""
    return [
        g
        for c in tok.children
        if c.dep_ in ("prep", "agent") and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def nominal_roles(
    tok: Token,
    src: list[Actor],
    tgt: list[Actor],
    ctx: DocContext,
    offset: int,
    resolve: Resolver,
    modifiers: Callable[[Token], list[Actor]],
) -> tuple[list[Actor], list[Actor], str | None]:
    """The actors of a nominal trigger after the readings above, and the rule that changed
    them (None when none did). ``resolve`` resolves heads; ``modifiers`` reads the actors in a
    noun's modifiers (both from the coder, so that actors are found one way)."""
    if _lemma(tok) in rule_words("change.nominal-of-patient"):
        patients = resolve(pobjs(tok, ("of",)), ctx, offset)
        if patients and not tgt:
            owners = {(a.start, a.end) for a in patients}
            return (
                [a for a in src if (a.start, a.end) not in owners],
                patients,
                ("change.nominal-of-patient"),
            )
        possessors = [c for c in tok.children if c.dep_ == "poss"]
        if possessors and not pobjs(tok, ("of",)) and not tgt:
            owned = resolve(possessors, ctx, offset)
            spans = {(a.start, a.end) for a in owned}
            if owned and all(a.code is None or a.kind == "person" for a in owned):
                # "Navalny's arrest", "the journalist's detention": the one it was done to
                rest = [a for a in src if (a.start, a.end) not in spans]
                return rest, owned, "change.nominal-of-patient"
    carrier = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if (
        carrier is not None
        and carrier.pos_ == "NOUN"
        and _lemma(carrier) in rule_words("change.nominal-carrier")
        and not any(a.code for a in src)
    ):
        doers = modifiers(carrier) + resolve(pobjs(carrier, ("by",)), ctx, offset)
        if any(a.code for a in doers):
            done_to = tgt or resolve(pobjs(carrier, _DONE_TO_PREPS), ctx, offset)
            return doers, done_to, "change.nominal-carrier"
    return src, tgt, None


def between_parties(tok: Token, ctx: DocContext, offset: int, resolve: Resolver) -> list[Actor]:
    """The parties of a gerund's "between" phrase ("by fighting between X and Y"), or []."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("pcomp", "pobj", "nsubj", "dobj"):
        return []
    return resolve(pobjs(tok, ("between",)), ctx, offset)
