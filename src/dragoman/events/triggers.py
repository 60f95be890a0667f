"""Finding event triggers in a parsed sentence, and which triggers another one absorbs.

A trigger is a verb or noun that matches a pattern (:mod:`dragoman.events.patterns`). Some
triggers govern others: "agreed to withdraw" is one agreement, "condemned the attack" one
criticism, "struck targets, killing 12" one strike. :func:`keep_triggers` drops the governed
ones and :func:`complement_of` finds, for an absorbing trigger, the event it governs so that
its code can be refined ("threatened to impose sanctions" -> 1312).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dragoman.events.ontology import cameo
from dragoman.events.patterns import PREPOSITIONS, Pattern, PatternIndex
from dragoman.events.positions import position_pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_REGION_SKIP = frozenset(
    {"nsubj", "csubj", "conj", "cc", "advcl", "punct", "mark", "parataxis", "relcl", "appos"}
)
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Verbs of saying whose complement with "must"/"should" is a demand ("said Iraq must comply").
_DECLARING = frozenset(
    {
        "say",
        "declare",
        "insist",
        "conclude",
        "state",
        "stress",
        "argue",
        "tell",
        "announce",
        "warn",
        "add",
        "remind",
        "write",
        "reiterate",
        "believe",
    }
)
_OBLIGATION = frozenset({"must", "should", "ought"})
# Claims of responsibility: the claimed act is coded too, with the claimant as its source.
CLAIMS = frozenset({"015"})

_TEMPORAL_PREPS = frozenset(
    {"after", "before", "during", "despite", "since", "amid", "following", "until", "ahead"}
)

DEMAND = Pattern(
    pattern_id="100:rule:must-in-statement",
    code="100",
    kind="verb",
    lemma="say",
    preps=(),
    objects=(),
    target="object",
    absorb=True,
    example="The Bush administration declared that China must drop barriers to U.S. exports.",
)


CLAIM_OWN_ACT = Pattern(
    pattern_id="015:rule:claimed-own-act",
    code="015",
    kind="verb",
    lemma="claim",
    preps=(),
    objects=(),
    target="object",
    absorb=False,
    example="The rebels claimed that they had attacked the army base.",
)
APPEAL_FOR_ACT = Pattern(
    pattern_id="020:rule:wants-someone-to",
    code="100",
    kind="verb",
    lemma="want",
    preps=(),
    objects=(),
    target="object",
    absorb=True,
    example="The president wants Germany to send troops to Mali.",
)
_NAMED = frozenset({"DATE", "TIME", "PERSON", "LAW", "WORK_OF_ART", "PRODUCT", "ORG"})
_CLAIMING = frozenset({"claim", "admit", "acknowledge", "boast", "confirm"})
_SELF = frozenset({"it", "they", "we", "i"})
# "wants Putin to attack", "would like Germany to send troops": an appeal to that party.
_DESIRING = frozenset({"want", "like", "wish", "prefer", "love"})


def cameo_quad(code: str) -> int:
    return cameo(code).quad_class


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    pattern: Pattern
    span: tuple[int, int]  # token index range of the trigger words

    @property
    def absorbs(self) -> bool:
        return self.pattern.absorb


def region(verb: Token, clauses: bool = True) -> list[tuple[Token, int]]:
    """The verb's complements with their depth: objects, prepositional phrases and (with
    ``clauses``) clausal complements ("agreed that their countries should cooperate")."""
    out: list[tuple[Token, int]] = []
    stack = [
        (c, 1)
        for c in verb.children
        if c.dep_ not in _REGION_SKIP
        and (clauses or c.dep_ != "ccomp" or c.pos_ in ("ADJ", "NOUN"))  # "found him guilty"
    ]
    while stack:
        tok, depth = stack.pop()
        out.append((tok, depth))
        stack.extend(
            (c, depth + 1) for c in tok.children if c.dep_ not in ("relcl", "advcl", "parataxis")
        )
    return out


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


_IRREGULAR = {
    "retook": "retake",
    "retaken": "retake",
    "overtook": "overtake",
    "overran": "overrun",
    "undertook": "undertake",
    "threw": "throw",
    "thrown": "throw",
    "shot": "shoot",
    "fought": "fight",
    "struck": "strike",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
}


#: Crude stems of a verb form (suffix, replacement), for verbs the lemmatizer misses; the
#: sentence screen (dragoman.events.screen) uses the same table so it never skips a trigger.
VERB_STEMS: tuple[tuple[str, str], ...] = (
    ("ied", "y"),
    ("ies", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("es", ""),
    ("s", ""),
)


def verb_keys(tok: Token) -> list[str]:
    """The trigger's lemma, then crude stems of its form (the lemmatizer misses some verbs)."""
    low = tok.lower_
    keys = [_lemma(tok), low]
    if low in _IRREGULAR:
        keys.insert(0, _IRREGULAR[low])
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
        keys.insert(0, f"{doc[tok.i - 2].lower_}-{_lemma(tok)}")  # "test-fired"
    for suffix, repl in VERB_STEMS:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            keys.append(low[: len(low) - len(suffix)] + repl)
    return keys


def _object_keys(tok: Token) -> tuple[str, ...]:
    """Lemma, form and crude singulars: the lemmatizer turns "bases" into "basis"."""
    low = tok.lower_
    keys = [_lemma(tok), low]
    if low.endswith("es") and len(low) > 4:
        keys += [low[:-2], low[:-1]]
    elif low.endswith("s") and len(low) > 3:
        keys.append(low[:-1])
    return tuple(keys)


def match_verb(tok: Token, index: PatternIndex) -> Pattern | None:
    cands: tuple[Pattern, ...] = ()
    for key in verb_keys(tok):
        cands = index.verbs.get(key, ())
        if cands:
            break
    if not cands:
        return None
    best: tuple[int, int, Pattern] | None = None
    for clauses in (False, True):
        reg = region(tok, clauses)
        depth: dict[str, int] = {}
        for t, d in reg:
            if t.dep_ == "poss":
                continue  # "taken to the court's witness box": a possessor is no object
            keys = list(_object_keys(t))
            doc = t.doc
            if t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and not t.whitespace_:
                nxt = doc[t.i + 2]
                for k2 in _object_keys(nxt):
                    keys += [f"{t.lower_}-{k2}", f"{t.lower_}{k2}"]  # "cease-fire", "ceasefire"
            for key in keys:
                depth[key] = min(d, depth.get(key, 99))
        preps = {
            t.lower_
            for t, _ in reg
            if t.dep_ in ("prep", "prt", "agent", "dative", "aux")
            # "Over the years, authorities have taken halfway measures": a fronted
            # preposition is no particle of the verb ("take over")
            and not (t.dep_ == "prep" and t.head.i == tok.i and t.i < tok.i)
        }
        preps |= {
            t.lower_
            for t in tok.children
            if t.lower_ in PREPOSITIONS and (t.i > tok.i or t.dep_ != "prep")
        }
        for p in cands:
            if clauses and not p.absorb:
                continue  # only verbs that take an event look inside clausal complements
            if all(w in preps for w in p.preps) and all(
                depth.get(w, 99) <= p.max_depth for w in p.objects
            ):
                score = (p.specificity, -sum(depth[w] for w in p.objects))
                if best is None or score > best[:2]:
                    best = (score[0], score[1], p)
    return best[2] if best else None


def match_noun(tok: Token, index: PatternIndex) -> tuple[Pattern, tuple[int, int]] | None:
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_:
        first = doc[tok.i - 2].lower_
        for joined in (f"{first}-{_lemma(tok)}", f"{first}-{tok.lower_}", f"{first}{_lemma(tok)}"):
            hy = index.nouns.get(joined)
            if hy:
                for p in hy:
                    if not p.objects:
                        return p, (tok.i - 2, tok.i + 1)
    cands = index.nouns.get(_lemma(tok)) or index.nouns.get(tok.lower_)
    if not cands:
        return None
    for p in cands:
        n = len(p.objects)
        if n == 0:
            return p, (tok.i, tok.i + 1)
        start = tok.i - n
        if start < 0:
            continue
        words = [_lemma(doc[j]) for j in range(start, tok.i)]
        lowers = [doc[j].lower_ for j in range(start, tok.i)]
        if all(a == b or c == b for a, c, b in zip(words, lowers, p.objects, strict=True)):
            return p, (start, tok.i + 1)
    return None


def _is_verbal(tok: Token) -> bool:
    if tok.pos_ == "VERB":
        return True
    if tok.pos_ == "AUX" and tok.dep_ == "ROOT":
        return True
    # "Israel is opposed to ...": a participle tagged as an adjective.
    return (tok.pos_ == "ADJ" and tok.tag_ == "VBN") or (
        tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT") and tok.lower_.endswith("ed")
    )


def _title_case_noise(tok: Token) -> bool:
    """A capitalised word mid-sentence in running text is a name ("Secretary-General Ban")."""
    if tok.i == 0 or not tok.text[:1].isupper() or tok.text.isupper():
        return False
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"):
        return True
    prev = tok.doc[tok.i - 1]
    if prev.text[:1].isupper() and prev.pos_ in ("PROPN", "NOUN") and prev.i > 0:
        return True  # "Secretary-General Ban Ki-moon": a title before a name
    words = [t for t in tok.doc if t.is_alpha and len(t) > 3]
    capitalised = sum(1 for t in words if t.text[:1].isupper())
    return capitalised < 0.6 * max(1, len(words))  # not a headline


def _demand_statement(tok: Token) -> bool:
    if _lemma(tok) not in _DECLARING or tok.pos_ not in ("VERB", "AUX"):
        return False
    for child in tok.children:
        if child.dep_ == "ccomp":
            auxes = {c.lower_ for c in child.children if c.dep_ in ("aux", "auxpass")}
            if auxes & _OBLIGATION:
                return True

    return False


def _claimed_own_act(tok: Token, index: PatternIndex) -> bool:
    """ "The rebels claimed that they had attacked the base": a claim of responsibility."""
    if _lemma(tok) not in _CLAIMING:
        return False
    speaker = {c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"}
    if not speaker:
        return False
    for clause in tok.children:
        if clause.dep_ != "ccomp" or not _is_verbal(clause):
            continue
        doers = {c.lemma_.lower() for c in clause.children if c.dep_ == "nsubj"}
        if not doers or not (doers <= _SELF or doers == speaker):
            continue
        act = match_verb(clause, index)
        if act is not None and act.code[:2] in _VIOLENT_ROOTS:
            return True
    return False


def _wants_someone_to(tok: Token) -> bool:
    """ "Obama wants Putin to attack", "would like Germany to send": a desire for another
    party's act, which CAMEO codes as an appeal to that party (not as the act)."""
    if _lemma(tok) not in _DESIRING or tok.pos_ not in ("VERB", "AUX"):
        return False
    modals = {c.lower_ for c in tok.children if c.dep_ == "aux" and c.tag_ == "MD"}
    if _lemma(tok) in ("like", "love"):
        if not modals or not modals <= {"would", "'d"}:
            return False  # "would like X to" is a wish; "likes X" is not
    elif modals:
        return False  # "might want Obama to head back": a guess about a wish, no appeal
    for clause in tok.children:
        if clause.dep_ not in ("ccomp", "xcomp") or not _is_verbal(clause):
            continue
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        subject = [c for c in clause.children if c.dep_ == "nsubj"]
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if infinitive and (subject or objects):
            return True
    return False


def find_triggers(doc: Doc, index: PatternIndex) -> list[Trigger]:
    triggers: list[Trigger] = []
    for tok in doc:
        if _is_verbal(tok):
            if _title_case_noise(tok):
                continue
            p = match_verb(tok, index)
            if p is None or (p.specificity == 0 and p.code[:2] == "13"):
                # "warned that the cooperation is illegal" is a position, not a threat
                p = position_pattern(tok) or p
            if p is None and _demand_statement(tok):
                p = DEMAND
            if p is None and _wants_someone_to(tok):
                p = APPEAL_FOR_ACT
            if p is None and _claimed_own_act(tok, index):
                p = CLAIM_OWN_ACT
            if p is not None:
                triggers.append(Trigger(tok, p, (tok.i, tok.i + 1)))
        elif (
            tok.pos_ in ("NOUN", "PROPN")
            and tok.ent_type_ not in _NAMED
            # "under the Paris Agreement", "the Minsk Accords": a capitalised name
            and not (
                tok.i > 0
                and tok.text[:1].isupper()
                and not tok.text.isupper()
                and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
            )
        ):
            # "elected a president in March": a month is no march; "Ban Ki-moon" is no ban;
            # "the Paris Agreement", "the Crisis Group": names, not events
            m = match_noun(tok, index)
            if m is not None:
                p, span = m
                head = doc[span[0] : span[1]].root
                if any(t.token.i == head.i for t in triggers):
                    continue
                triggers.append(Trigger(head, p, span))
    return triggers


def path_to(tok: Token, stop: Token) -> list[Token]:
    """Tokens from ``tok`` up to (not including) ``stop``, or [] if ``stop`` does not govern it."""
    chain = []
    cur = tok
    for _ in range(40):
        if cur.head.i == cur.i:
            return []
        chain.append(cur)
        if cur.head.i == stop.i:
            return chain
        cur = cur.head
    return []


def _carrier(tok: Token) -> Token | None:
    """The verb whose object a nominal trigger is ("continued their hunger strike")."""
    if tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return tok.head.head
    return None


def _governed(trigger: Trigger, other: Trigger, absorbing: frozenset[str]) -> bool:
    tok = trigger.token
    chain = path_to(tok, other.token)
    if not chain and other.pattern.kind == "noun" and cameo_quad(other.pattern.code) == 4:
        # "continued their hunger strike to demand ...": the purpose clause hangs on the verb
        # that carries the protest; it is part of the protest, not a second event.
        carrier = _carrier(other.token)
        if carrier is not None and trigger.pattern.kind == "verb":
            via = path_to(tok, carrier)
            if via and via[-1].dep_ in ("advcl", "xcomp") and via[-1].i != other.token.i:
                return True
        return False
    if not chain:
        return False
    first = chain[-1]
    if first.dep_ in ("nsubj", "nsubjpass", "csubj", "conj", "parataxis"):
        return False
    if other.pattern.code in CLAIMS:
        return False  # "claimed responsibility for the bombing": the claim and the bombing
    if trigger.pattern.kind == "noun":
        return True  # "condemned the attack": the verb's event only
    absorbs = other.pattern.absorb or other.pattern.lemma in absorbing
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in first.children)
    if absorbs and (
        first.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pcomp", "oprd")
        or (first.dep_ == "advcl" and infinitive)
    ):
        return True
    if first.dep_ == "prep" and first.lower_ in _TEMPORAL_PREPS:
        return False  # "criticised X after the attack": both are events
    repressed_protest = trigger.pattern.code[:2] == "14" and other.pattern.code[:2] in (
        "17",
        "18",
        "19",
    )
    if (
        first.dep_ in ("dobj", "prep", "attr")
        and any(c.dep_ in ("acl", "relcl") for c in chain)
        and not repressed_protest  # "dispersed demonstrators protesting the results"
    ):
        return True  # "defended the right of troops to fire": a modifier of the object
    if first.dep_ == "prep" and first.lower_ in ("of", "for", "over", "about"):
        return True  # "accused Russia of shelling", "condemned X for attacking"
    if first.dep_ in ("advcl", "xcomp") and cameo_quad(other.pattern.code) == 4:
        mine, theirs = trigger.pattern.code[:2], other.pattern.code[:2]
        if (
            (theirs == "14" and (mine < "14" or tok.tag_ == "VBG"))  # "rallied, saying ..."
            or (theirs in _VIOLENT_ROOTS and mine in _VIOLENT_ROOTS)  # "killed 23 when they blew"
            or mine == theirs
        ):
            return True  # "staged rallies, saying he must resign": the protest is the event
    if first.dep_ == "advcl":
        participle = tok.tag_ == "VBG"
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in first.children)
        same_root = trigger.pattern.code[:2] == other.pattern.code[:2]
        violent = (
            trigger.pattern.code[:2] in _VIOLENT_ROOTS and other.pattern.code[:2] in _VIOLENT_ROOTS
        )
        if purpose:
            return True  # "phoned X to discuss", "summoned the envoy to protest": an aim
        if participle and (same_root or violent):
            return True  # "struck targets, killing 12"
    return False


def keep_triggers(triggers: Sequence[Trigger], index: PatternIndex) -> list[Trigger]:
    """The triggers that no other trigger governs."""
    return [
        t
        for t in triggers
        if not any(o is not t and _governed(t, o, index.absorbing) for o in triggers)
    ]


def complement_of(trigger: Trigger, triggers: Sequence[Trigger]) -> Trigger | None:
    """The event an absorbing trigger governs through its complement, if any."""
    best: tuple[int, Trigger] | None = None
    for other in triggers:
        if other is trigger:
            continue
        chain = path_to(other.token, trigger.token)
        if not chain or chain[-1].dep_ not in (
            "xcomp",
            "ccomp",
            "dobj",
            "pcomp",
            "prep",
            "oprd",
            "advcl",
        ):
            continue
        if any(c.dep_ == "prep" and c.lower_ in _TEMPORAL_PREPS for c in chain):
            continue  # "promised reforms after weeks of protests": not the promised act
        if best is None or len(chain) < best[0]:
            best = (len(chain), other)
    return best[1] if best else None


def inside_modifier_clause(tok: Token) -> bool:
    """Is the token inside a relative or adjectival clause ("a resolution that aims to ...")?"""
    cur = tok
    for _ in range(20):
        if cur.dep_ in ("relcl", "acl"):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False
