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

from dragoman.events.arguments import resolve_heads, resolve_phrase
from dragoman.events.nominal import pobjs
from dragoman.events.patterns import Pattern
from dragoman.events.rulebook import rulebook
from dragoman.events.rulebook import words as rule_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dragoman.events.arguments import DocContext
    from dragoman.records import Actor

RULE = "change.position-judged"
_QUESTION_MARKS = rule_words("read.question-marks")
_PARTY_PREPS = rule_words("read.party-preps")
# The trigger of a position: the reporting verb, coded 111 with the speaker as its source.
POSITION = Pattern(
    pattern_id="111:rule:position-judged",
    code="111",
    kind="verb",
    lemma="say",
    preps=(),
    objects=(),
    target="object",
    absorb=False,
    example=rulebook()[RULE].example,
)


def position_rule(pattern: Pattern) -> str | None:
    """The rule a trigger's pattern stands for when it is a position, else None."""
    return RULE if pattern is POSITION else None


@functools.cache
def screen_words() -> tuple[frozenset[str], frozenset[str]]:
    """The reporting verbs and the judging words, for the sentence screen: a sentence needs
    one of each to hold a position."""
    return rule_words("read.reporting-verbs"), rule_words(RULE)


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _judged(clause: Token) -> bool:
    """Whether the complement clause judges its subject (illegal, a violation, failing to)."""
    copulas = rule_words("read.position-copulas")
    judged = rule_words(RULE)
    predicates: list[Token] = []
    if _lemma(clause) in copulas:
        predicates = [c for c in clause.children if c.dep_ in ("acomp", "attr", "dobj")]
    elif clause.pos_ == "ADJ":
        predicates = [clause]
    for pred in [c for p in predicates for c in (p, *p.conjuncts)]:
        if _lemma(pred) in judged or pred.lower_ in judged:
            return True
        # "a clear violation", "an act of aggression": the head or its "of" noun
        for c in pred.children:
            if (
                c.dep_ == "prep"
                and c.lower_ == "of"
                and any(_lemma(g) in judged for g in c.children if g.dep_ == "pobj")
            ):
                return True
    # "said Kabul was failing to rein in ..."
    return _lemma(clause) in judged and any(c.dep_ == "xcomp" for c in clause.children)


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
    if any(c.dep_ == "mark" and c.lower_ in _QUESTION_MARKS for c in clause.children):
        return None  # "asked whether it was legal": a question, no position
    return POSITION if _judged(clause) else None


def position_target(verb: Token, ctx: DocContext, offset: int) -> list[Actor]:
    """The party the complement judges: its subject ("Kabul was failing"), the owner of its
    subject ("Pakistan's tests are a provocation") or the subject's national modifier
    ("Israeli settlements are illegal")."""
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
    parties = [g for head in heads for g in pobjs(head, _PARTY_PREPS)]
    named = [a for a in resolve_heads(parties, ctx, offset) if a.code]
    return named or found
