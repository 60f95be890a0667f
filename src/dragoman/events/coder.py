"""The event coder: parsed sentences in, CAMEO/PLOVER events with evidence out.

For each sentence: find triggers (verbs and nouns matching the patterns), drop those another
trigger governs (:mod:`dragoman.events.triggers`), find source and target actors from the
dependency structure (:mod:`dragoman.events.arguments`), read negation and modality
(:mod:`dragoman.events.modality`), adjust the code for intention, refusal and threat
(:mod:`dragoman.events.rules`), and attach date, place, quantities, confidence and provenance.
Statements (CAMEO 01) are never coded; an event needs an actor unless it is violence or protest.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dragoman import __version__
from dragoman.actors import ActorLexicon
from dragoman.actors.story import article_country, with_story_country
from dragoman.attributes import (
    PLACE_NOUNS,
    SITUATION_NOUNS,
    confidence,
    event_date,
    event_location,
    historical_date,
    quantities,
)
from dragoman.events.arguments import (
    DocContext,
    dedupe,
    nearest_actors,
    objects,
    resolve_heads,
    resolve_phrase,
    subjects,
)
from dragoman.events.modality import is_denied, is_negated, modality, negated_in_past
from dragoman.events.ontology import CODED_STATEMENTS, cameo, intent_code
from dragoman.events.patterns import PatternIndex
from dragoman.events.rules import (
    APPEAL_VERBS,
    appeal_code,
    reject_code,
    threat_code,
    with_complement,
)
from dragoman.events.senses import (
    OPINING,
    PROTEST_OBJECT,
    REBUTTING_ROOTS,
    TRADE_WORDS,
    accident_cue,
    accidental_agent,
    announces,
    electoral_win,
    from_the_air,
    military_context,
    object_sense,
    ordinary_crime,
    phrasal_sense_off,
    readying,
    rebuts_accusation,
    sports_cue,
    sports_story,
    violence_cue,
)
from dragoman.events.triggers import (
    APPEAL_FOR_ACT,
    CLAIMS,
    DEMAND,
    Trigger,
    complement_of,
    find_triggers,
    inside_modifier_clause,
    keep_triggers,
    path_to,
)
from dragoman.nlp import doc_words, entities, forget
from dragoman.records import (
    Actor,
    Article,
    DatePrecision,
    DocInfo,
    Event,
    Evidence,
    Location,
    Modality,
    Sentence,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dragoman.settings import Settings

_ANNOUNCING = frozenset({"announce", "say", "declare", "confirm", "state", "pledge", "decide"})
# Material conflict may be coded without a known actor ("a car bomb exploded in Kabul").
_ACTORLESS_OK = frozenset({"14", "18", "19", "20"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_VIOLENT = frozenset({"18", "19", "20"})
# Where an event without a recipient happens names it: a protest in Beijing targets China.
_PLACE_TARGET_ROOTS = frozenset({"14", "18", "19", "20"})
_CONDOLENCES = "018"
# Verbs that carry a nominal event: "staged a protest", "launched an attack".
_NOUN_ARG_PREPS_SOURCE = frozenset({"by", "from"})
_NOUN_ARG_PREPS_TARGET = frozenset(
    {"on", "against", "with", "to", "for", "at", "toward", "towards", "into", "over"}
)


@dataclass(frozen=True, slots=True)
class Coded:
    """What the coder decided for one trigger, before it becomes an Event."""

    trigger: Trigger
    code: str
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    negated: bool
    modality: Modality
    rule: str
    inherited: bool = False
    actorless: bool = False  # coded without a political actor on purpose
    # "after violent protests by unnamed groups": context of another event in the sentence
    background: bool = False


def _event_id(
    doc_id: str, index: int, code: str, src: Sequence[Actor], tgt: Sequence[Actor], token: int
) -> str:
    key = "|".join(
        [
            doc_id,
            str(index),
            code,
            str(token),
            ",".join(sorted(f"{a.code}{a.sector}{a.name}" for a in src)),
            ",".join(sorted(f"{a.code}{a.sector}{a.name}" for a in tgt)),
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


# Verbs whose object is not an act of their subject: "sold bombs", "attended a summit on the
# unrest", "condemned the violence", "denied the attack".
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NOT_CARRYING = frozenset(
    """be sell buy supply send ship deliver receive get obtain attend cover report investigate
    condemn deny discuss witness survive flee escape blame fear expect see watch film
    photograph describe document mourn remember commemorate mark recall cite mention
    criticise criticize praise welcome support oppose monitor follow highlight address note
    regret applaud hail call label term brand dub consider deem view treat say tell speak
    track study analyse analyze research chronicle point""".split()
)


def _carries(verb: Token) -> bool:
    return verb.lemma_ not in _NOT_CARRYING


def _governing_verb(tok: Token, *, background: bool = True) -> Token | None:
    """The verb that carries a nominal trigger: "staged a protest", "engaged in cleansing".

    Only a direct object or the object of a preposition on the verb itself counts, so that
    "attend a summit on the unrest" does not make the attendee riot.
    """
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    head = cur.head
    if cur.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        return head if _carries(head) else None
    if (
        cur.dep_ == "pobj"
        and head.lower_ == "for"
        and head.head.lemma_ in ("responsibility", "credit")
        and head.head.dep_ == "dobj"
    ):
        return head.head.head  # "claimed responsibility for the bombing": the claimant bombed
    if (
        cur.dep_ == "pobj"
        and head.dep_ == "prep"
        and (background or head.lower_ not in _BACKGROUND_PREPS)
    ):
        # "advised against travel after the museum shooting": the adviser did not shoot (but
        # "threw stones during demonstrations": the stone-throwers demonstrated).
        verb = head.head
        if verb.pos_ in ("VERB", "AUX") and _carries(verb):
            return verb
    return None


def _described(tok: Token) -> bool:
    """A nominal event with a definite or possessive determiner that no verb carries and that
    is not the subject of the clause ("brought his love of show business to the trade talks",
    "increase his demands"): the article describes it, it does not report it happening."""
    if tok.dep_ in ("nsubj", "nsubjpass", "ROOT", "attr", "appos"):
        return False
    definite = any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those")) or (c.dep_ == "poss")
        for c in tok.children
    )
    return definite and _governing_verb(tok) is None


def _private_person(actor: Actor) -> bool:
    """A named person in no table, with no role that makes them political ("Raj Oza")."""
    return actor.kind == "person" and actor.code is None and actor.sector is None


def _imperative(tok: Token) -> bool:
    """ "Ask them to come with you", "so call the police": a bare verb with no subject or
    auxiliary that opens its clause gives advice; it reports nothing."""
    if tok.tag_ != "VB" or any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in tok.children
    ):
        return False
    before = [t for t in tok.doc[: tok.i] if not t.is_punct]
    if tok.dep_ == "ROOT" and not before:
        return True
    return (
        bool(before)
        and before[-1].lower_ in ("so", "please", "then")
        and tok.dep_
        in (
            "ROOT",
            "conj",
        )
    )


def _topic_verb(tok: Token) -> Token:
    """The verb a nominal is the object of, directly or through a preposition."""
    return tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "prep" else tok.head


def _topic_of(tok: Token) -> bool:
    """Is this nominal event what a verb is about rather than what it reports ("citing Taliban
    violence", "discussed the ceasefire", "referred to investigations into the Bidens")?"""
    if tok.dep_ not in ("dobj", "pobj") or (tok.dep_ == "pobj" and tok.head.dep_ != "prep"):
        return False
    head = _topic_verb(tok)
    return head.pos_ in ("VERB", "AUX") and not _carries(head)


# Verbs whose negation makes a refusal of their complement ("does not want to meet").
_VOLITION = frozenset(
    """want plan intend agree wish seek aim mean expect go be have need dare bother try
    promise pledge vow commit prepare""".split()
)
# Quantifiers of a people in an opinion poll ("most Americans", "44 percent of voters").
_POLLED = frozenset("most many some majority half percent % few fewer more".split())
_UNTRUE = frozenset(
    "false untrue baseless unfounded groundless absurd ridiculous wrong fabricated".split()
)
_TOPIC_NOUNS = frozenset(
    """view history story analysis picture account review look timeline prospect prospects
    book film documentary essay column explainer guide lesson lessons memory memories""".split()
)
# Verbs whose object is a subject of talk or thought, or an event ended or prevented ("not
# able to end the violence", "prevented an attack"): a nominal event there is never news.
_TOPIC_VERBS = frozenset(
    """refer cite mention discuss describe recall debate review question explain analyse
    analyze study examine consider recount remember highlight testify end stop prevent
    avert""".split()
)


def _against(mod: Token) -> bool:
    """ "anti-government protests": the modifier is whom the event is against."""
    doc = mod.doc
    first = doc[mod.left_edge.i]
    if first.lower_ in ("anti", "anti-") or first.lower_.startswith("anti-"):
        return True
    return mod.i >= 2 and doc[mod.i - 1].text == "-" and doc[mod.i - 2].lower_ == "anti"


def _modifier_actors(
    tok: Token, ctx: DocContext, offset: int, *, against: bool = False
) -> list[Actor]:
    """Actors in a nominal trigger's modifiers ("Israeli air strikes", "US Predator attacks");
    with ``against``, those after "anti-" ("anti-government protests")."""
    out: list[Actor] = []
    stack = [
        c
        for c in tok.children
        if c.dep_ in ("poss", "amod", "compound", "nmod")
        and c.pos_ != "PUNCT"
        and c.text != "-"
        and _against(c) == against
    ]
    while stack:
        mod = stack.pop()
        found = resolve_phrase(mod, ctx, offset)
        if found:
            out.extend(found)
            continue
        stack.extend(c for c in mod.children if c.dep_ in ("amod", "compound", "nmod", "poss"))
    return out


def _noun_arguments(
    tok: Token, ctx: DocContext, offset: int, code: str = ""
) -> tuple[list[Actor], list[Actor]]:
    src = _modifier_actors(tok, ctx, offset)
    opposed = _modifier_actors(tok, ctx, offset, against=True)
    tgt_heads: list[Token] = []
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        pobjs = [g for g in c.children if g.dep_ == "pobj"]
        if c.lower_ in _NOUN_ARG_PREPS_SOURCE or c.lower_ == "between":
            src.extend(resolve_heads(pobjs, ctx, offset))
        elif c.lower_ in _NOUN_ARG_PREPS_TARGET:
            tgt_heads.extend(pobjs)
    if not src:
        agents = [
            g
            for acl in tok.children
            if acl.dep_ == "acl" and acl.tag_ == "VBN"
            for c in acl.children
            if c.dep_ == "agent"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        src = resolve_heads(agents, ctx, offset)
    if not src:
        verb = _governing_verb(tok, background=code[:2] not in _VIOLENT)
        if verb is not None:
            src = resolve_heads(subjects(verb)[0], ctx, offset)
    ctx.avoid = frozenset(a.code for a in src if a.code)
    tgt = nearest_actors(tgt_heads, ctx, offset) if tgt_heads else []
    ctx.avoid = frozenset()
    return dedupe(src), tgt or dedupe(opposed, key=lambda a: a.code)


def _complement_target(
    trigger: Trigger, ctx: DocContext, offset: int, *, subject: bool = True
) -> list[Actor]:
    """For "demanded that the government resign" or "threatened to attack Israel"; a named
    country wins over unnamed people ("refused to deploy peacekeepers in Iraq")."""
    tok = trigger.token
    fallback: list[Actor] = []
    clauses = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
    if not clauses:
        # "issued a declaration demanding that the government ...": one level down
        for child in tok.children:
            for grand in child.children:
                clauses.extend(g for g in grand.children if g.dep_ in ("ccomp", "xcomp", "acl"))
                if grand.dep_ in ("ccomp", "xcomp"):
                    clauses.append(grand)
    for child in clauses:
        heads = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "alleging that Trump's call was an abuse": the call's maker is accused
        owners = [p for h in heads if h.pos_ == "NOUN" for p in h.children if p.dep_ == "poss"]
        candidates = (
            [resolve_heads(heads, ctx, offset), resolve_heads(owners, ctx, offset)]
            if subject and child.dep_ == "ccomp"
            else []
        )
        candidates.append(nearest_actors(objects(child, "object", ("in",)), ctx, offset))
        for found in candidates:
            if any(a.code for a in found):
                return found
            fallback = fallback or found
    return fallback


_INSTRUMENT_PREPS = frozenset({"in", "by", "during", "from"})


def _instrument_actors(tok: Token, ctx: DocContext, offset: int) -> list[Actor]:
    """ "killed in Israeli tank shelling", "wounded by Saudi air strikes": the weapon's owner."""
    holders = [tok, *(c for c in tok.children if c.dep_ == "advcl")]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in _INSTRUMENT_PREPS:
                continue
            for pobj in prep.children:
                # "killed in Iran unrest", "in the Mali ambush": a situation's modifier is
                # its place or its sides, not the killer
                if (
                    pobj.dep_ == "pobj"
                    and pobj.pos_ == "NOUN"  # "killed in Gaza City" names no weapon
                    and pobj.lemma_.lower() not in SITUATION_NOUNS | PLACE_NOUNS
                ):
                    found = [a for a in _modifier_actors(pobj, ctx, offset) if a.code]
                    if found:
                        return found
    return []


def _launcher(heads: Sequence[Token], ctx: DocContext, offset: int) -> list[Actor]:
    """ "Grad missiles fired by Azerbaijan hit ...": the weapon's user is the source."""
    for head in heads:
        for acl in head.children:
            if acl.dep_ != "acl" or acl.tag_ != "VBN":
                continue
            agents = [
                g for c in acl.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
            ]
            found = resolve_heads(agents, ctx, offset)
            if found:
                return found
    return []


def _verb_arguments(
    trigger: Trigger, ctx: DocContext, offset: int
) -> tuple[list[Actor], list[Actor]]:
    tok, pattern = trigger.token, trigger.pattern
    subject_heads = subjects(tok)[0]
    src = resolve_heads(subject_heads, ctx, offset)
    if not any(a.code for a in src) and (pattern.code[:2] in _VIOLENT or pattern.code == "1712"):
        src = _launcher(subject_heads, ctx, offset) or src
    if not src and tok.dep_ == "acl" and tok.tag_ != "VBN":
        # "issued a declaration demanding ...": the declarer demands (but in "victims killed
        # by the crash" the noun is the patient, and the clause's speaker did nothing to it).
        verb = _governing_verb(tok.head)
        if verb is not None:
            src = resolve_heads(subjects(verb)[0], ctx, offset)
    if not src and tok.dep_ == "ccomp" and tok.head.lemma_ in _ANNOUNCING and pattern.code < "14":
        # "Lavrov announced that the debt would be reinvested": the speaker acts.
        src = resolve_heads([c for c in tok.head.children if c.dep_ == "nsubj"], ctx, offset)
    if pattern.reverse:
        # "demonstrators received weapons from the government": the giver is the source.
        holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
        givers = [
            g
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        return resolve_heads(givers, ctx, offset), src
    ctx.avoid = frozenset(a.code for a in src if a.code)
    heads = objects(tok, pattern.target, pattern.preps)
    # (diplomats "held talks in Cairo" did not talk to Egypt; "demanded reform in Bahrain" did)
    diplomacy = "03" <= pattern.code[:2] <= "08"
    tgt = nearest_actors(
        heads,
        ctx,
        offset,
        skip=frozenset(pattern.objects),
        places=not diplomacy,
        # "killed civilians", "swapped hostages" name the patients; "sent troops", "deployed
        # police" name the means
        named_objects=pattern.code[:2] != "15" and pattern.code[:3] != "074",
    )
    if (
        not tgt
        and pattern.target != "none"
        and (
            pattern.absorb
            or pattern.code[:2] in ("10", "11", "12", "13")  # "alleged that Russia meddled"
            or pattern.code in CLAIMS
        )
    ):
        # a claim's target is the claimed act's ("claimed that they had attacked Iraq")
        tgt = _complement_target(trigger, ctx, offset, subject=pattern.code not in CLAIMS)
    ctx.avoid = frozenset()
    return src, tgt


def _protest_target(
    trigger: Trigger, triggers: Sequence[Trigger], ctx: DocContext, offset: int
) -> list[Actor]:
    """Whom a protest is against: the target of the demand it makes ("went on hunger strike to
    demand the resignation of President X") or of an against/at/over/of phrase."""
    tok = trigger.token
    anchor = tok
    if trigger.pattern.kind == "noun":
        anchor = _carrier_verb(tok) or tok
    for other in triggers:
        if other is trigger or other.pattern.code[:2] not in ("10", "11", "12"):
            continue
        if other.pattern.kind == "verb" and path_to(other.token, anchor):
            _src, found = _verb_arguments(other, ctx, offset)
            if found:
                return found
    heads = [
        g
        for holder in {anchor.i: anchor, tok.i: tok}.values()
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ in ("against", "at", "over", "of", "outside", "in")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    # "in protest of / in defiance of / in opposition to X": X is the target
    heads = [
        g2
        for h in heads
        for g2 in (
            [
                p2
                for c in h.children
                if c.dep_ == "prep" and c.lower_ in ("of", "against", "to", "at")
                for p2 in c.children
                if p2.dep_ == "pobj"
            ]
            if h.lemma_ in ("protest", "defiance", "opposition", "response", "solidarity")
            else [h]
        )
        if not (h.head.lower_ == "in" and h.lemma_ not in _IN_PROTEST and g2 is h)
    ]
    found = nearest_actors(heads, ctx, offset) if heads else []
    return [a for a in found if a.code or a.sector in _STATE_SECTORS]


def _real_request(tok: Token) -> bool:
    """ "asked X to do", "asked for X", "asked that": a request, not a question."""
    if tok.lemma_.lower() == "call":
        # "called on Egypt to free ...", not "called on her because ..."
        return any(
            t.dep_ == "aux" and t.lower_ == "to" and t.head.pos_ == "VERB" for t in tok.subtree
        ) or any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or tok.tag_ == "VBN":
        return False
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            return True
        if c.dep_ in ("xcomp", "ccomp", "oprd"):
            marks = {m.lower_ for m in c.children if m.dep_ in ("mark", "advmod")}
            wh = any(m.tag_ in ("WP", "WRB", "WDT") for m in c.subtree)
            if "to" in {m.lower_ for m in c.children if m.dep_ == "aux"} or "that" in marks:
                return True
            if not (marks & {"if", "whether"} or wh):
                return not tok.doc.text.rstrip().endswith("?") and "?" not in tok.doc.text
    return False


def _carrier_verb(tok: Token) -> Token | None:
    if tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return tok.head.head
    return None


def _condition(tok: Token) -> str | None:
    """ "unless" or "if" when the event is stated under a condition ("will withdraw unless")."""
    for t in [tok, *tok.ancestors][:3]:
        for c in t.children:
            if c.dep_ == "advcl":
                for g in c.children:
                    if g.dep_ == "mark" and g.lower_ in ("unless", "if"):
                        return g.lower_
    return None


def decide(
    trigger: Trigger,
    triggers: Sequence[Trigger],
    ctx: DocContext,
    offset: int,
    settings: Settings,
) -> Coded | None:
    """Code one trigger, or None when it is no event (negated conflict, no actor, ...)."""
    tok, pattern = trigger.token, trigger.pattern
    inherited = False
    background = False
    if pattern.kind == "verb":
        if (
            tok.dep_ == "relcl"
            and pattern.code[:2] not in _VIOLENT
            and any(c.dep_ in _SUBJECTS and c.tag_ in ("WP", "WDT") for c in tok.children)
        ):
            # "the group that has seized parts of Iraq": a description, not news; only the
            # violence of "militants, who fired shells" is coded from a relative clause.
            return None
        src, tgt = _verb_arguments(trigger, ctx, offset)
        agentless = subjects(tok) == ([], True)
        if not src and agentless and ctx.last_source and not _sentence_has_actor(tok, ctx):
            src, tgt, inherited = list(ctx.last_source), tgt or list(ctx.last_target), True
    else:
        if tok.dep_ == "pobj" and (tok.head.lower_ == "despite" or tok.head.head.lower_ == "spite"):
            return None  # "despite the Supreme Court ban": conceded background, not news
        src, tgt = _noun_arguments(tok, ctx, offset, pattern.code)
        if (
            tok.dep_ in ("nsubj", "nsubjpass")
            and tok.head.lemma_ == "be"
            and any(c.dep_ == "acomp" and c.lemma_.lower() in _UNTRUE for c in tok.head.children)
        ):
            return None  # "the Defense Ministry's allegations are false": a rebuttal
        topic = _topic_of(tok)
        if (
            tok.dep_ in ("dobj", "pobj")
            and _topic_verb(tok).lemma_.lower() in _TOPIC_VERBS
            and not (any(a.code for a in src) and any(a.code for a in tgt))
        ):
            # "referred to investigations into the Bidens": a topic, not news (but "described
            # Trump's call with Zelenskiy as improper" still names who called whom)
            return None
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ in ("of", "on", "about")
            and tok.head.head.lemma_.lower() in _TOPIC_NOUNS
        ):
            return None  # "a muddled view of US-China trade talks", "a history of the war"
        background = (
            tok.dep_ == "pobj"
            and tok.head.lower_ in (*_BACKGROUND_PREPS, "with", "without")
            and not any(a.code for a in src)
        ) or topic
        if _described(tok) and not (any(a.code for a in src) and any(a.code for a in tgt)):
            # "the president's refusal to divest", "his demands": a description (but "Trump's
            # call with Zelenskiy" names who did what to whom)
            return None
    if pattern.kind == "verb" and _imperative(tok):
        return None  # "so ask them to come with you": advice to the reader, no event
    code = pattern.code
    rule = pattern.pattern_id + (" (actors from previous sentence)" if inherited else "")
    if (
        pattern.kind == "noun"
        and code[:3] == "041"
        # ("joined growing calls on Thursday for the release": "for" may hang on the verb)
        and any(
            c.dep_ == "prep" and c.lower_ == "for"
            for c in (
                *tok.children,
                *(tok.head.children if tok.head.lemma_ not in ("hold", "have", "take") else ()),
            )
        )
    ):
        code, rule = "100", rule + " (call for)"  # "growing calls for the release": no phone
    if tok.lemma_.lower() in ("retaliate", "retaliation") and doc_words(tok.doc) & TRADE_WORDS:
        code, rule = "163", rule + " (trade)"  # "China retaliated with tariffs"
    if code[:3] == "143" and tok.lemma_.lower() == "strike" and military_context(tok.doc):
        code, rule = "195", rule + " (military strike)"  # "jets took part in the strikes"
    mod = modality(tok)
    negated = is_negated(tok)
    if is_denied(tok):
        return None  # a denied act is no event (the denial itself is CAMEO 01, not coded)
    if pattern.code[:2] in REBUTTING_ROOTS and rebuts_accusation(tok):
        return None  # "condemned the allegations", "accused X of making accusations": a denial
    if pattern.code[:2] in _VIOLENT and electoral_win(tok):
        return None  # "Democrats beat the governor in the election"
    if pattern.code[:2] in _VIOLENT and accidental_agent(tok):
        return None  # "victims killed by the plane crash": an accident, not an attack
    if pattern.kind == "verb" and phrasal_sense_off(tok, pattern.preps):
        return None  # "has sworn in a justice", "written off as a dying island"
    if (
        pattern.kind == "verb"
        and (
            pattern.lemma == "ask"
            or (pattern.lemma == "call" and set(pattern.preps) & {"on", "upon"})
        )
        and not _real_request(tok)
    ):
        return None  # "a reporter asked ...?", "he was asked", "King asked Scott."
    if (
        pattern.kind == "verb"
        and code[:2] == "14"
        and (
            (tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl", "relcl"))
            or any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        )
        and tok.lemma_.lower() in ("demonstrate", "show", "march", "rally", "protest")
    ):
        return None  # "as demonstrated by Beijing": no one demonstrates in the street
    if (
        pattern.kind == "verb"
        and code[:2] == "14"
        and not pattern.objects
        and any(c.dep_ in ("ccomp", "dobj") for c in tok.children)
        and tok.lemma_.lower() in ("demonstrate", "show", "rally", "march", "protest")
        and not any(c.dep_ == "dobj" and PROTEST_OBJECT.search(c.lower_) for c in tok.children)
    ):
        return None  # "this case demonstrates that ...", "demonstrate ways to": no protest
    sense = object_sense(trigger)
    if sense == "none":
        return None  # "released the transcript", "offered an explanation", "fight corruption"
    if sense == "verbal":
        code, rule = "111", rule + " (verbal attack)"  # "attacked the government's policies"
    comp = complement_of(trigger, triggers)  # the event this trigger governs, if any
    if pattern is DEMAND and not any(a.code or a.sector in _STATE_SECTORS for a in tgt):
        return None  # "travellers must self-isolate, Shapps said": advice, not a demand
    if (
        pattern.kind == "verb"
        and not pattern.objects
        and tok.lemma_.lower() in OPINING
        and any(c.dep_ == "ccomp" for c in tok.children)
        and not (tok.lemma_.lower() == "warn" and announces(tok))
        and not any(c.dep_ in ("dobj", "dative") for c in tok.children)
        and comp is None
        and pattern is not DEMAND
    ):
        # "recognize that ...", "businesses agree that China has ...", "warned that staff
        # shortages ...": an opinion about no political act
        return None
    if (
        pattern.kind == "verb"
        and tok.lemma_.lower() in ("help", "assist")
        and comp is not None
        and comp.token.dep_ in ("xcomp", "ccomp")
    ):
        return None  # "helped to broker the agreement": the brokering is the event
    if pattern is APPEAL_FOR_ACT and comp is None:
        return None  # "wants the company to turn a profit", "would like us to know": no event
    if pattern is APPEAL_FOR_ACT and any(
        c.dep_ == "nsubj"
        and c.tag_ == "NNPS"
        and any(g.lower_ in _POLLED for g in c.subtree if g.i < c.i)
        for c in tok.children
    ):
        return None  # "most Americans want Congress to investigate": a poll, not an appeal
    if pattern.absorb:
        if comp is not None and object_sense(comp) == "none":
            return None  # "vowed to fight corruption": a pledge about no political act
        if comp is not None:
            refined = with_complement(code, comp.pattern.code)
            if refined != code:
                rule += f" + {comp.pattern.pattern_id}"
                code = refined
    if negated and (
        (
            tok.lemma_.lower() in ("agree", "reach", "decide", "settle")
            and any(c.dep_ == "aux" and c.lower_ in ("ca", "can", "could") for c in tok.children)
        )
        or (
            tok.dep_ == "xcomp"
            and not any(c.dep_ == "neg" for c in tok.children)
            and any(c.dep_ == "neg" for c in tok.head.children)
            and tok.head.lemma_.lower() not in _VOLITION
        )
    ):
        # "can't agree on a candidate": unable to settle, not refusing ("cannot accept the
        # proposal" is a refusal); "are not rushing to endorse him": no hurry, no refusal
        return None
    if negated:
        refusal = (
            mod in ("actual", "intent", "reported")
            and not (mod != "intent" and negated_in_past(tok))
            # "unions are not endorsing anyone": a refusal needs a party refused, or a "will not"
            and (mod == "intent" or bool(tgt))
        )
        rejected = reject_code(code) if refusal else None
        if rejected is not None and not settings.keep_negated:
            code, negated, rule = rejected, False, rule + " (refused)"
        elif not settings.keep_negated:
            return None
    elif (
        code[:2] != "13"
        and mod in ("intent", "hypothetical")
        and (cond := _condition(tok)) is not None
        and (cond == "unless" or threat_code(code) is not None)
    ):
        # "will withdraw its force unless ...", "will attack if ...": a conditional threat.
        code, rule = threat_code(code) or "130", rule + " (conditional threat)"
    elif mod == "intent" and code[:2] not in ("03", "13"):
        threat = threat_code(code)
        if (
            threat is not None
            and code[:2] in _VIOLENT
            and readying(tok)
            and any(a.sector in _ARMED for a in src)
        ):
            # "the army prepared to resume shelling": forces made ready, no threat said
            code, rule = "150", rule + " (readied)"
        elif threat is not None:
            code, rule = threat, rule + " (threat)"
        elif (ic := intent_code(code)) is not None and pattern.plover_mode != "resign":
            code, rule = ic, rule + " (intent)"
    if code[:3] in ("042", "043") and src and all(a.sector == "MIL" for a in src):
        # troops "arriving in" a country are deployed, not visiting
        words = {
            w.lower_ for a in src for w in tok.doc if a.start - offset <= w.idx < a.end - offset
        }
        code = "074" if any(w.startswith("peacekeep") for w in words) else "154"
        rule += " (troops)"
    if code.startswith("10") and pattern.kind == "verb" and tok.lemma_.lower() in APPEAL_VERBS:
        code, rule = appeal_code(code), rule + " (appeal)"
    root = code[:2]
    src_keys = {(s.code, s.sector, s.name) for s in src}
    src_codes = {s.code for s in src}
    tgt = [
        a
        for a in tgt
        if (a.code, a.sector, a.name) not in src_keys
        # ("Russia ... Russia" is no target; "Trump accused the Democrats" has one)
        and not (a.kind == "country" and a.sector is None and a.code in src_codes)
        and not (
            a.code
            and (a.code, a.sector) in {(s.code, s.sector) for s in src}
            # "Pompeo urged President Trump": two people of one government are two actors
            and not (a.kind == "person" and a.name and a.name not in {s.name for s in src})
        )
    ]
    if not src and root in _VIOLENT and pattern.kind == "verb":
        src = _instrument_actors(tok, ctx, offset)
    if not src and root in _VIOLENT and pattern.kind == "verb":
        # "were killed in Israeli tank shelling": the governed nominal names the attacker.
        for other in triggers:
            if (
                other.pattern.kind == "noun"
                and other.pattern.code[:2] in _VIOLENT
                and path_to(other.token, tok)
            ):
                nsrc, ntgt = _noun_arguments(other.token, ctx, offset, other.pattern.code)
                if nsrc:
                    src, tgt = nsrc, tgt or ntgt
                    if pattern.specificity == 0:
                        code = other.pattern.code
                    rule += f" + {other.pattern.pattern_id}"
                    break
    if root == "14" and not tgt:
        tgt = _protest_target(trigger, triggers, ctx, offset)
    if root in _VIOLENT and not tgt and pattern.kind == "verb":
        tgt = _place_noun_country(objects(tok, pattern.target), ctx, offset)
    if root in ("18", "19") and code[:3] not in ("195", "204") and from_the_air(src):
        code, rule = "195", rule + " (aircraft)"  # "bombed by Saudi warplanes"
    if (
        root in _VIOLENT
        and not any(a.code for a in src)
        and (
            accident_cue(tok.doc)
            or (not any(a.sector in _ARMED for a in src) and not violence_cue(tok.doc, tok.i))
        )
    ):
        return None  # "a gas tank exploded at the plant", "stags battle": no political violence
    actorless = False
    if tok.dep_ == "acl" and tok.head.lemma_ in _ATTEMPTS and root in _VIOLENT:
        # "an attempt to assassinate the governor was thwarted": an attempted attack
        code = "185" if code[:3] == "186" else code
        rule += " (attempt)"
        if not src:
            return Coded(trigger, code, (), tuple(tgt), negated, mod, rule, inherited, True)
    if (
        not src
        and pattern.kind == "verb"
        and (root == "15" or code[:3] in ("087", "166"))
        and subjects(tok) == ([], True)
    ):
        patients = resolve_heads([c for c in tok.children if c.dep_ == "nsubjpass"], ctx, offset)
        if any(a.sector in _SELF_MOVERS for a in patients):
            src, tgt, rule = patients, [], rule + " (passive self-move)"
    if not src:
        if inside_modifier_clause(tok) and not pattern.actorless:
            return None
        # "Nine activists were arrested": coercion in the passive names no agent.
        passive_coercion = root == "17" and pattern.kind == "verb" and subjects(tok) == ([], True)
        if not (pattern.actorless or passive_coercion):
            if root not in _ACTORLESS_OK:
                return None
            if root in _VIOLENT and (not violence_cue(tok.doc, tok.i) or accident_cue(tok.doc)):
                return None
        actorless = True
        existential = tok.dep_ == "attr" and any(c.dep_ == "expl" for c in tok.head.children)
        if (
            pattern.kind == "noun"
            and not tgt
            and tok.dep_ not in ("nsubj", "nsubjpass", "ROOT")
            and not existential
        ):
            return None
        if pattern.kind == "noun" and not tgt and _anaphoric(tok):
            return None  # "Biden said the strikes were defensive": an event told earlier
    return Coded(
        trigger, code, tuple(src), tuple(tgt), negated, mod, rule, inherited, actorless, background
    )


def _as_written(actors: Sequence[Actor], text: str) -> tuple[Actor, ...]:
    """Actors with their text as the article writes it (a headline is parsed in sentence
    case: "OBAMA MEETS MERKEL" is read as "Obama meets Merkel", same offsets)."""
    return tuple(
        dataclasses.replace(a, text=text[a.start : a.end])
        if 0 <= a.start < a.end <= len(text) and text[a.start : a.end] != a.text
        else a
        for a in actors
    )


def _place_noun_country(heads: Sequence[Token], ctx: DocContext, offset: int) -> list[Actor]:
    """ "bombed a Yemeni village", "shelled the Syrian town": the place's country is hit."""
    for head in heads:
        if head.lemma_.lower() not in PLACE_NOUNS:
            continue
        for mod in head.children:
            if mod.dep_ not in ("amod", "compound", "poss"):
                continue
            found = [a for a in resolve_phrase(mod, ctx, offset) if a.kind == "country"]
            if found:
                return found
    return []


def _anaphoric(tok: Token) -> bool:
    """ "the strikes", "these attacks": a nominal event that refers back to one already told."""
    return any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this") for c in tok.children
    )


_STATE_OR_ARMED = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "REB", "SPY", "UAF", "OPP"})


def _sentence_has_actor(tok: Token, ctx: DocContext) -> bool:
    doc = tok.doc
    return any(
        ent.label_ in ("GPE", "NORP", "PERSON", "ORG") and ctx.lexicon.match([ent.text])
        for ent in entities(doc)
    )


_DOMESTIC_ROOTS = frozenset({"10", "11", "12", "13", "14"})
# Unnamed gunmen or criminals do not "visit" or "agree": cooperation needs someone known.
_ARMED_UNKNOWN = frozenset({"UAF", "CRM"})
_ARMED = frozenset({"MIL", "REB", "COP", "UAF", "SPY", "CRM"})
# People and bodies that, named without a country, make no political event on their own.
_PRIVATE = frozenset({"CVL", "BUS", "MED", "CRM"})
_SELF_MOVERS = frozenset({"MIL", "REB", "COP", "UAF", "SPY"})
_BACKGROUND_PREPS = frozenset(
    {"after", "before", "following", "amid", "since", "during", "despite"}
)
_IN_PROTEST = frozenset({"protest", "defiance", "opposition", "response", "solidarity"})
_ATTEMPTS = frozenset({"attempt", "plot", "bid", "try", "effort", "conspiracy"})


def _domestic_sources(src: Sequence[Actor], tgt: Sequence[Actor], code: str) -> tuple[Actor, ...]:
    """Protesters, elders or rebels named without a country who make demands of, or protest
    against, a government take that government's country ("fundamentalists demanded the
    resignation of Algerian President Ben Bella")."""
    if code[:2] not in _DOMESTIC_ROOTS or any(a.code for a in src):
        return tuple(src)
    states = [
        a.code[:3]
        for a in tgt
        if a.code
        and not a.code.startswith(("IGO", "NGO", "IMG"))
        and (a.sector in _STATE_SECTORS or a.kind == "person")
    ]
    if not states:
        return tuple(src)
    return tuple(Actor(a.text, states[0], a.sector, a.name, a.kind, a.start, a.end) for a in src)


def _place_actors(
    actors: Sequence[Actor], location: Location | None, *, everyone: bool = False
) -> tuple[Actor, ...]:
    """A state actor named without a country takes the country where the event happens
    (so do protesters, with ``everyone``: "people blocked streets in Hong Kong")."""
    if location is None or not location.country:
        return tuple(actors)
    return tuple(
        Actor(a.text, location.country, a.sector, a.name, a.kind, a.start, a.end)
        if a.code is None
        and (everyone or a.sector in _STATE_SECTORS)
        # "Premier Fahie was detained in Miami": a named person is not of the place
        and not (a.kind == "person" and a.name)
        else a
        for a in actors
    )


def code_sentence(
    article: Article,
    sentence: Sentence,
    doc: Doc,
    ctx: DocContext,
    index: PatternIndex,
    settings: Settings,
) -> list[Event]:
    """All events of one parsed sentence."""
    offset = sentence.start
    for ent in entities(doc):  # people introduced with a role, for later references
        if ent.label_ == "PERSON":
            resolve_phrase(ent.root, ctx, offset)
    triggers = find_triggers(doc, index)
    kept = keep_triggers(triggers, index)
    events: list[Event] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    quants = quantities(sentence.text)
    doc_info = DocInfo(article.url, article.title, article.publisher, article.date)
    mentioned: list[Actor] = []
    decided = [(trig, decide(trig, triggers, ctx, offset, settings)) for trig in kept]
    foreground = any(c is not None and not c.background for _t, c in decided)
    for trig, coded in decided:
        if coded is None or (coded.background and foreground):
            continue
        info = cameo(coded.code)
        plover = trig.pattern.plover if coded.code == trig.pattern.code else None
        plover = plover or info.plover
        if plover is None and coded.code not in CODED_STATEMENTS:
            continue
        mode = (
            trig.pattern.plover_mode
            if coded.code == trig.pattern.code and trig.pattern.plover_mode
            else info.plover_mode
        )
        tok = trig.token
        loc = event_location(doc, ctx.lexicon, tok)
        protest = coded.code[:2] == "14"
        # Officials meeting or agreeing in Geneva are not Swiss: places name the actors of
        # domestic events (protest, coercion, violence), not of diplomacy.
        diplomacy = "03" <= coded.code[:2] <= "08"
        src = coded.source if diplomacy else _place_actors(coded.source, loc, everyone=protest)
        # Victims named without a country ("four children were killed in Gaza") are of the place.
        tgt = _place_actors(coded.target, loc, everyone=coded.code[:2] in _PLACE_TARGET_ROOTS)
        src = _domestic_sources(src, tgt, coded.code)
        if (
            not tgt
            and loc is not None
            and loc.country
            and (
                (coded.code[:2] in _PLACE_TARGET_ROOTS and loc.country not in {a.code for a in src})
                # condolences "for the shootings in South Carolina" go to the place's people,
                # the speaker's own country included
                or coded.code == _CONDOLENCES
            )
        ):
            tgt = (Actor(loc.name, loc.country, None, None, "country"),)
        src, tgt = _as_written(src, article.text), _as_written(tgt, article.text)
        if (
            not src
            and not tgt
            and not trig.pattern.actorless
            and loc is None
            and not any(q.kind in ("dead", "injured", "arrested") for q in quants)
            and not any(e.label_ in ("GPE", "LOC", "FAC") for e in entities(doc))
        ):
            # "Violence is a part of modern society": no actor, no place, no victims
            continue
        cooperation = "03" <= coded.code[:2] <= "08"
        if trig.pattern.kind == "noun" and cooperation and not any(a.code for a in (*src, *tgt)):
            continue  # "student loan obligations total $1.5 trillion": no named party
        if (ctx.sports or sports_cue(doc)) and not any(
            # ("Ottawa held on to beat Detroit": a city is its team)
            a.sector in _STATE_OR_ARMED and not (a.kind == "country" and ctx.lexicon.place(a.text))
            for a in (*src, *tgt)
        ):
            continue  # "Russia beat Croatia 2-1", "rallied to defeat": a match, not politics
        if (
            coded.code[:2] not in _ACTORLESS_OK
            and not coded.actorless
            and not any(
                # ("Ukrainian companies filed suit": a national code on a private party
                # does not make a business quarrel political)
                (a.code and a.sector not in _PRIVATE)
                or (
                    a.sector
                    and a.sector not in _PRIVATE
                    and not (cooperation and a.sector in _ARMED_UNKNOWN)
                )
                for a in (*src, *tgt)
            )
        ):
            # "residents complained about the noise", "the newspaper criticised the company":
            # nobody political
            continue
        if (
            coded.code[:3] in ("042", "043")
            and tgt
            and all(
                a.code is None
                and a.kind != "person"
                and a.sector in (None, *_PRIVATE, "HLH", "EDU")
                for a in tgt
            )
        ):
            continue  # "Trump's visit to Walter Reed hospital": a check-up, not diplomacy
        if src and coded.code[:2] not in _VIOLENT and all(_private_person(a) for a in (*src, *tgt)):
            continue  # "Oza attributed the rally to the ruling": private people, no politics
        if (coded.code[:3] == "173" or coded.code[:2] in ("09", "11", "12")) and ordinary_crime(
            src, tgt, doc
        ):
            continue  # "Police arrested a 57-year-old man for retail theft": a police blotter
        if (
            coded.code in ("182", "1823")
            # no attacker named, or a criminal or a private person ("Epstein abused girls")
            and all(a.sector == "CRM" or _private_person(a) for a in src)
            and ordinary_crime((), coded.target, doc)
        ):
            # "A man has been stabbed to death on a train": a crime, not politics (but mobs
            # and sexual violence are political violence for ACLED and CASE)
            continue
        # One event per PLOVER type and source in a sentence: "kidnapped ... and exploded
        # bombs" by the same rebels is one assault, not two rows inflating counts.
        key = (plover or coded.code, tuple(sorted(str(a.code) for a in src)))
        if key in seen:
            continue
        seen.add(key)
        mentioned.extend((*src, *tgt))
        past = historical_date(doc, article.date, tok)
        date: str | None
        precision: DatePrecision | None
        if past is not None:
            date, precision = past  # a reference to an earlier event, dated at that time
        else:
            date, precision = event_date(doc, article.date, coded.modality, tok)
        span_tokens = [doc[trig.span[0]], doc[trig.span[1] - 1]]
        inside = [a for a in (*src, *tgt) if sentence.start <= a.start and a.end <= sentence.end]
        starts = [a.start for a in inside]
        ends = [a.end for a in inside]
        starts += [offset + t.idx for t in span_tokens]
        ends += [offset + t.idx + len(t) for t in span_tokens]
        ev_start, ev_end = min(starts), max(ends)
        if coded.inherited:  # the actors are in an earlier sentence: show this one whole
            ev_start, ev_end = sentence.start, max(ev_end, sentence.end)
        conf = confidence(
            kind=trig.pattern.kind,
            specificity=trig.pattern.specificity,
            has_source=bool(src),
            has_target=bool(tgt),
            coded_source=any(a.code for a in src),
            modality=coded.modality,
            pronoun=any(a.text.lower() in ("he", "she") for a in src),
        )
        if coded.inherited:
            conf = round(max(0.05, conf - 0.2), 2)
        if conf < settings.min_confidence:
            continue
        events.append(
            Event(
                event_id=_event_id(article.doc_id, sentence.index, coded.code, src, tgt, tok.i),
                doc_id=article.doc_id,
                sentence_index=sentence.index,
                sentence=sentence.text,
                date=date,
                date_precision=precision,
                cameo=coded.code,
                cameo_root=coded.code[:2],
                quad_class=info.quad_class,
                goldstein=info.goldstein,
                plover=plover,
                plover_mode=mode,
                plover_context=info.plover_context,
                source=src,
                target=tgt,
                location=loc,
                quantities=quants,
                negated=coded.negated,
                modality=coded.modality,
                confidence=conf,
                evidence=Evidence(ev_start, ev_end, article.text[ev_start:ev_end]),
                doc=doc_info,
                coder_version=__version__,
                historical=past is not None,
                rule=f"{coded.rule}{' (historical)' if past else ''} @ {tok.text}",
            )
        )
    _remember(doc, kept, ctx, offset, mentioned)
    if events:
        ctx.last_source, ctx.last_target = events[-1].source, events[-1].target
    else:
        ctx.last_source, ctx.last_target = (), ()
    return events


def _remember(
    doc: Doc, kept: Sequence[Trigger], ctx: DocContext, offset: int, mentioned: list[Actor]
) -> None:
    """Who acted (for "he"/"she") and which countries were named (for "the country")."""
    subjects_seen = False
    for tok in doc:  # an unknown person as subject ends the old antecedent
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.ent_type_ == "PERSON":
            people = [a for a in resolve_heads([tok], ctx, offset) if a.kind == "person"]
            ctx.last_person = people[0] if people else None
    for trig in kept:
        if trig.pattern.kind == "verb":
            for a in resolve_heads(subjects(trig.token)[0], ctx, offset):
                subjects_seen = True
                if a.kind == "person":
                    ctx.last_person = a
    if not subjects_seen:
        for tok in doc:
            if tok.dep_ == "nsubj":
                for a in resolve_heads([tok], ctx, offset):
                    if a.kind == "person":
                        ctx.last_person = a
    for ent in entities(doc):
        if ent.label_ in ("GPE", "NORP"):
            mentioned.extend(resolve_phrase(ent.root, ctx, offset))
    ctx.note_countries(mentioned)


def code_article(
    article: Article,
    sentences: Sequence[Sentence],
    docs: Sequence[Doc],
    settings: Settings,
    lexicon: ActorLexicon,
    index: PatternIndex,
) -> list[Event]:
    """Events of one article, its sentences parsed in ``docs`` (same order)."""
    ctx = DocContext(date=article.date, lexicon=lexicon, sports=sports_story(article.text))
    out: list[Event] = []
    for sentence, doc in zip(sentences, docs, strict=True):
        out.extend(code_sentence(article, sentence, doc, ctx, index, settings))
        forget(doc)
    return with_story_country(out, lambda: article_country(article, docs, lexicon), lexicon)
