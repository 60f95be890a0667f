"""Positions given through a reporting verb: "X said the settlements are illegal".

News gives most disapproval as reported speech: a government "said", "stressed" or
"reiterated" that something is illegal, dangerous or a violation, or that another party "is
failing to" do what it should. Such a sentence holds no pattern of ``patterns.yaml`` (the
speaking verb alone is a statement, which is not coded), yet the speaker takes a position
against the party the complement is about: CAMEO 111, criticise or denounce.

:func:`position_pattern` reads the reporting verb and its clausal complement; the words are
data, the word list of the ``change.position-judged`` rule of ``data/rules.yaml``
(``read.reporting-verbs`` for the verbs, ``read.position-copulas`` for "is", "remains" ...).
The trigger is the reporting verb; its source is the speaker, as for any verb; its target is
the party the complement judges (:func:`position_target`), and a position with no such party
("said the situation was dangerous") is dropped (``drop.position-without-target``).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from dragoman.events.patterns import Pattern
from dragoman.events.rulebook import rulebook
from dragoman.events.rulebook import words as rule_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dragoman.events.arguments import DocContext
    from dragoman.records import Actor

# The rules whose word lists name the judging words of the complement, in the order tried.
POSITION_RULES = ("change.position-judged",)


def _pattern(rule_id: str) -> Pattern:
    return Pattern(
        pattern_id=f"111:rule:{rule_id.removeprefix('change.')}",
        code="111",
        kind="verb",
        lemma="say",
        preps=(),
        objects=(),
        target="object",
        absorb=False,
        example=rulebook()[rule_id].example,
    )


_PATTERNS = {rule_id: _pattern(rule_id) for rule_id in POSITION_RULES}
_RULE_OF = {p.pattern_id: rule_id for rule_id, p in _PATTERNS.items()}


def position_rule(pattern: Pattern) -> str | None:
    """The ``change.position-*`` rule a trigger's pattern stands for, if it is a position."""
    return _RULE_OF.get(pattern.pattern_id)


@functools.cache
def screen_words() -> tuple[frozenset[str], frozenset[str]]:
    """The reporting verbs and the judging words, for the sentence screen: a sentence needs
    one of each to hold a position."""
    cues = frozenset(w for r in POSITION_RULES for w in rule_words(r))
    return rule_words("read.reporting-verbs"), cues


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _judged(clause: Token) -> str | None:
    """Which position rule the complement clause states, if any."""
    copulas = rule_words("read.position-copulas")
    judged = rule_words("change.position-judged")
    predicates: list[Token] = []
    if _lemma(clause) in copulas:
        predicates = [c for c in clause.children if c.dep_ in ("acomp", "attr", "dobj")]
    elif clause.pos_ == "ADJ":
        predicates = [clause]
    for pred in [c for p in predicates for c in (p, *p.conjuncts)]:
        if _lemma(pred) in judged or pred.lower_ in judged:
            return "change.position-judged"
        # "a clear violation", "an act of aggression": the head or its "of" noun
        for c in pred.children:
            if (
                c.dep_ == "prep"
                and c.lower_ == "of"
                and any(_lemma(g) in judged for g in c.children if g.dep_ == "pobj")
            ):
                return "change.position-judged"
    if _lemma(clause) in judged and any(c.dep_ == "xcomp" for c in clause.children):
        return "change.position-judged"  # "said Kabul was failing to rein in ..."
    return None


def _complement(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "ccomp":
            return c
    return None


def position_pattern(tok: Token) -> Pattern | None:
    """The position a reporting verb states through its complement ("said X is illegal")."""
    if tok.pos_ not in ("VERB", "AUX") or _lemma(tok) not in rule_words("read.reporting-verbs"):
        return None
    clause = _complement(tok)
    if clause is None:
        return None
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children):
        return None  # "asked whether it was legal": a question, no position
    rule_id = _judged(clause)
    return _PATTERNS[rule_id] if rule_id else None


def position_target(verb: Token, ctx: DocContext, offset: int) -> list[Actor]:
    """The party the complement judges: its subject ("Kabul was failing"), the owner of its
    subject ("Pakistan's tests are a provocation") or the subject's national modifier
    ("Israeli settlements are illegal")."""
    from dragoman.events.arguments import resolve_heads, resolve_phrase

    clause = _complement(verb)
    if clause is None:
        return []
    heads = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "expanding the cooperation between X and Y is dangerous": the clausal subject's object
    heads += [
        o for c in clause.children if c.dep_ == "csubj" for o in c.children if o.dep_ == "dobj"
    ]
    found = resolve_heads(heads, ctx, offset)
    if any(a.code for a in found):
        return found
    for head in heads:
        for mod in head.children:
            if mod.dep_ in ("poss", "amod", "compound"):
                owners = [a for a in resolve_phrase(mod, ctx, offset) if a.code]
                if owners:
                    return owners
    # "cooperation between Russia and North Korea is dangerous", "strikes by Israel are
    # illegal": the parties its phrases name
    parties = [
        g
        for head in heads
        for c in head.children
        if c.dep_ in ("prep", "agent") and c.lower_ in ("between", "by")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    named = [a for a in resolve_heads(parties, ctx, offset) if a.code]
    return named or found
