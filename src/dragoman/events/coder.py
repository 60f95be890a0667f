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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dragoman import __version__
from dragoman.actors import ActorLexicon
from dragoman.actors.story import article_country, with_story_country
from dragoman.attributes import (
    PLACE_NOUNS,
    PRIVATE_SECTORS,
    SITUATION_NOUNS,
    confidence,
    event_date,
    event_location,
    historical_date,
    learned_confidence,
    quantities,
)
from dragoman.events.antecedents import depth, speaker_agent
from dragoman.events.arguments import (
    DocContext,
    control_complement,
    dedupe,
    group_member,
    nearest_actors,
    objects,
    relative_pronoun,
    resolve_heads,
    resolve_phrase,
    subjects,
)
from dragoman.events.modality import is_denied, is_negated, modality, negated_in_past
from dragoman.events.nominal import between_parties, nominal_roles
from dragoman.events.ontology import CODED_STATEMENTS, cameo, intent_code
from dragoman.events.patterns import PatternIndex
from dragoman.events.positions import position_rule, position_target
from dragoman.events.rulebook import words as rule_words
from dragoman.events.rules import (
    APPEAL_VERBS,
    appeal_code,
    reject_code,
    threat_code,
    with_complement,
)
from dragoman.events.senses import (
    PROTEST_OBJECT,
    REBUTTING_ROOTS,
    accident_cue,
    electoral_win,
    from_the_air,
    object_sense,
    ordinary_crime,
    readying,
    rebuts_accusation,
    violence_cue,
)
from dragoman.events.story_gate import classify_story
from dragoman.events.topics import RULE as TOPIC_RULE
from dragoman.events.topics import topic_targets
from dragoman.events.trace import ArticleCoding, Decision, Outcome
from dragoman.events.triggers import (
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
    Basis,
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
    # ids of the rules that changed the pattern's code or actors, in order
    changes: tuple[str, ...] = ()
    plover: str | None = None  # a PLOVER type a rule set with the code (else from cameo.tsv)


@dataclass(frozen=True, slots=True)
class Dropped:
    """A candidate that is no event, with the id of the rule that dropped it."""

    rule: str


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


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _carries(verb: Token) -> bool:
    return verb.lemma_ not in rule_words("read.not-carrying")


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
        and (background or head.lower_ not in rule_words("read.background-preps"))
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


def _topic_verb(tok: Token) -> Token:
    """The verb a nominal is the object of, directly or through a preposition."""
    return tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "prep" else tok.head


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


def _avoiding(ctx: DocContext, src: Sequence[Actor]) -> DocContext:
    """The document context for finding targets: a recipient does not resolve to the source's
    country. A shallow copy: people and roles learnt meanwhile are still the document's."""
    return dataclasses.replace(ctx, avoid=frozenset(a.code for a in src if a.code))


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
    avoiding = _avoiding(ctx, src)
    tgt = nearest_actors(tgt_heads, avoiding, offset) if tgt_heads else []
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
    if (
        not src
        and tok.dep_ == "ccomp"
        and tok.head.lemma_ in rule_words("read.announcing")
        and pattern.code < "14"
    ):
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
    avoiding = _avoiding(ctx, src)
    if position_rule(pattern) is not None:  # "said Kabul was failing to ...": Kabul
        return src, position_target(tok, avoiding, offset)
    if pattern is DEMAND:
        return src, _demand_addressee(trigger, src, avoiding, offset)
    heads = objects(tok, pattern.target, pattern.preps)
    if occasions := _occasions(tok, pattern.code, heads, avoiding, offset):
        heads = [h for h in heads if h not in occasions]
    # (diplomats "held talks in Cairo" did not talk to Egypt; "demanded reform in Bahrain" did)
    # (and a protest or an appeal "in Tunis" is made there, not of Tunisia:
    # ``read.place-not-target``)
    placeless = pattern.code[:2] in rule_words("read.place-not-target")
    tgt = nearest_actors(
        heads,
        avoiding,
        offset,
        skip=frozenset(pattern.objects),
        places=not placeless,
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
        tgt = _complement_target(trigger, avoiding, offset, subject=pattern.code not in CLAIMS)
    return src, tgt


def _occasions(
    verb: Token, code: str, heads: Sequence[Token], ctx: DocContext, offset: int
) -> list[Token]:
    """``change.at-occasion``: what follows the verb's "at" and names no actor is where or
    when it happened ("asked at a hearing in Nairobi", "tested at its launch site"), not
    whom it was aimed at ("pointed at the rebels"); violence keeps it ("fired at Israeli
    positions")."""
    if code[:2] in _VIOLENT:
        return []
    return [
        h
        for h in heads
        if h.dep_ == "pobj"
        and h.head.lower_ == "at"
        and h.head.head.i == verb.i
        and not any(a.code for a in resolve_heads([h], ctx, offset))
    ]


def _demand_addressee(
    trigger: Trigger, src: Sequence[Actor], ctx: DocContext, offset: int
) -> list[Actor]:
    """Whom "X said/told Y that Z must ..." makes a demand of: Z, the party that must act;
    the listener Y only when Z names nobody else ("told Iran that it must ..."), and never a
    news medium or reporters ("told the BBC", "told reporters"): they hear it, it is not theirs
    to do."""
    must_act = _complement_target(trigger, ctx, offset)
    own = {a.code for a in src if a.code}
    if any(a.code and a.code not in own for a in must_act):
        return must_act
    heads = objects(trigger.token, "object")
    listeners = [a for a in nearest_actors(heads, ctx, offset) if a.sector not in _PRIVATE]
    return listeners or must_act


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
        if not (h.head.lower_ == "in" and h.lemma_ not in rule_words("read.in-protest") and g2 is h)
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
) -> Coded | Dropped:
    """Code one trigger, or say which rule drops it (negated conflict, no actor, ...).

    The candidate is read from the parse (:func:`_read_candidate`), then each step of
    ``_CODE_STEPS`` and ``_ACTOR_STEPS`` returns it changed (``dataclasses.replace``, with the
    id of the rule that changed it) or drops it.
    """
    env = _Env(triggers, ctx, offset, settings)
    candidate = _read_candidate(trigger, env)
    for code_step in _CODE_STEPS:
        if isinstance(candidate, Dropped):
            return candidate
        candidate = code_step(candidate, env)
    if isinstance(candidate, Dropped):
        return candidate
    # the actor steps read the root of the code as it stands now (a later change of code by
    # a governed nominal keeps the root they were given)
    root = candidate.code[:2]
    for actor_step in _ACTOR_STEPS:
        if isinstance(candidate, Dropped):
            return candidate
        candidate = actor_step(candidate, env, root)
    return candidate


@dataclass(frozen=True, slots=True)
class _Env:
    """What every step may read: the sentence's triggers, the document, the settings."""

    triggers: Sequence[Trigger]
    ctx: DocContext
    offset: int
    settings: Settings


def _read_candidate(trigger: Trigger, env: _Env) -> Coded | Dropped:
    """The pattern's code with the actors the parse gives, modality and negation."""
    tok, pattern = trigger.token, trigger.pattern
    ctx, offset = env.ctx, env.offset
    inherited = False
    changes: tuple[str, ...] = ()
    read_by: str | None = None  # the rule that read the actors, if not the plain parse
    if pattern.kind == "verb":
        relative = tok.dep_ == "relcl" and any(
            c.dep_ in _SUBJECTS and c.tag_ in ("WP", "WDT") for c in tok.children
        )
        if (
            tok.dep_ == "relcl"
            and any(relative_pronoun(c) for c in tok.children)
            and group_member(tok.head) is not None
        ):
            # "X is one of the countries that voted": the clause says what X did
            changes = ("change.group-member",)
        elif relative and pattern.code[:2] not in _VIOLENT:
            # a description of an actor, not news; only violence is coded from a relative
            # clause
            return Dropped("drop.relative-clause")
        src, tgt = _verb_arguments(trigger, ctx, offset)
        tgt, topical = topic_targets(tok, pattern, tgt, ctx.lexicon, offset)
        read_by = TOPIC_RULE if topical else _control_object(tok, tgt, offset)
        occasions = _occasions(tok, pattern.code, objects(tok, "object"), ctx, offset)
        if not tgt and occasions and nearest_actors(occasions, ctx, offset):
            read_by = "change.at-occasion"  # an "at" phrase that would have named a target
        if parties := between_parties(tok, ctx, offset, resolve_heads):
            src, read_by = parties, "change.between-parties"
        agentless = subjects(tok) == ([], True)
        if not src and agentless:
            # "police said 12 suspects were arrested": the reporting authority arrested them
            src = speaker_agent(tok, pattern.code, ctx, offset, resolve_heads)
            read_by = "change.speaker-agent" if src else read_by
        if not src and agentless and ctx.last_source and not _sentence_has_actor(tok, ctx):
            src, tgt, inherited = list(ctx.last_source), tgt or list(ctx.last_target), True
    else:
        src, tgt = _noun_arguments(tok, ctx, offset, pattern.code)
        src, tgt, read_by = nominal_roles(
            tok, src, tgt, ctx, offset, resolve_heads, lambda n: _modifier_actors(n, ctx, offset)
        )
        both_coded = any(a.code for a in src) and any(a.code for a in tgt)
        if (
            tok.dep_ in ("dobj", "pobj")
            and _topic_verb(tok).lemma_.lower() in rule_words("drop.topic-of-talk")
            and not both_coded
        ):
            return Dropped("drop.topic-of-talk")
        if _described(tok) and not both_coded:
            return Dropped("drop.described-nominal")
    position = position_rule(pattern)
    return Coded(
        trigger,
        pattern.code,
        tuple(src),
        tuple(tgt),
        is_negated(tok),
        modality(tok),
        pattern.pattern_id + (" (actors from previous sentence)" if inherited else ""),
        inherited,
        changes=(
            *changes,
            *((position,) if position else ()),
            *((read_by,) if read_by else ()),
            *(("change.inherited-actors",) if inherited else ()),
        ),
    )


def _control_object(verb: Token, tgt: Sequence[Actor], offset: int) -> str | None:
    """``change.control-object`` when the target is the subject of the verb's infinitive
    complement ("helped Ghana build a port"), else None."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return None
    starts = {
        offset + s.left_edge.idx
        for c in verb.children
        if control_complement(c)
        for s in c.children
        if s.dep_ == "nsubj"
    }
    return "change.control-object" if any(a.start in starts for a in tgt) else None


def _changed(c: Coded, rule_id: str, note: str, **fields: Any) -> Coded:
    """The candidate changed by a rule: new fields, the rule id noted, the note on ``rule``."""
    return dataclasses.replace(c, **fields, rule=c.rule + note, changes=(*c.changes, rule_id))


def _trade_retaliation(c: Coded, env: _Env) -> Coded | Dropped:
    """Retaliation in a sentence about trade is an economic sanction (163)."""
    tok = c.trigger.token
    if tok.lemma_.lower() in ("retaliate", "retaliation") and doc_words(tok.doc) & rule_words(
        "change.trade-retaliation"
    ):
        return _changed(c, "change.trade-retaliation", " (trade)", code="163")
    return c


def _economic_measure(c: Coded, env: _Env) -> Coded | Dropped:
    """A verb of force whose doer is an economic or legal measure ("a bill targeting
    Iranian banks", "tariffs hit Canada") is a sanction (163, PLOVER SANCTION), not violence."""
    tok = c.trigger.token
    if c.code[:2] not in _VIOLENT or c.trigger.pattern.kind != "verb":
        return c
    doers = [tok.head] if tok.dep_ == "acl" and tok.head.i != tok.i else subjects(tok)[0]
    measures = rule_words("change.economic-measure")
    if not any(d.lemma_.lower() in measures for d in doers):
        return c
    return _changed(
        c, "change.economic-measure", " (economic measure)", code="163", plover="SANCTION"
    )


def _not_reported(c: Coded, env: _Env) -> Coded | Dropped:
    """Triggers that report no act: denied, a rebuttal, a question, a proof, another sense."""
    trigger = c.trigger
    tok, pattern = trigger.token, trigger.pattern
    if is_denied(tok):
        return Dropped("drop.denied")
    if pattern.code[:2] in REBUTTING_ROOTS and rebuts_accusation(tok):
        return Dropped("drop.rebuts-accusation")
    if pattern.code[:2] in _VIOLENT and electoral_win(tok):
        return Dropped("drop.electoral-win")
    if (
        pattern.kind == "verb"
        and (
            pattern.lemma == "ask"
            or (pattern.lemma == "call" and set(pattern.preps) & {"on", "upon"})
        )
        and not _real_request(tok)
    ):
        return Dropped("drop.question-not-request")
    if (
        pattern.kind == "verb"
        and c.code[:2] == "14"
        and not pattern.objects
        and any(ch.dep_ in ("ccomp", "dobj") for ch in tok.children)
        and tok.lemma_.lower() in ("demonstrate", "show", "rally", "march", "protest")
        and not any(ch.dep_ == "dobj" and PROTEST_OBJECT.search(ch.lower_) for ch in tok.children)
    ):
        return Dropped("drop.demonstrate-shows")
    if object_sense(trigger) == "none":
        return Dropped("drop.object-sense-none")
    if position_rule(pattern) and not any(a.code or a.sector in _STATE_SECTORS for a in c.target):
        return Dropped("drop.position-without-target")
    return c


def _by_complement(c: Coded, env: _Env) -> Coded | Dropped:
    """A verb that takes an event as its complement is refined by it ("agreed to release")."""
    pattern = c.trigger.pattern
    comp = complement_of(c.trigger, env.triggers)
    if not pattern.absorb or comp is None:
        return c
    refined = with_complement(c.code, comp.pattern.code)
    if refined == c.code:
        return c
    return _changed(c, "change.complement", f" + {comp.pattern.pattern_id}", code=refined)


_CONDITIONAL_THREAT_NOTE = " (conditional threat)"


def _by_negation_and_intent(c: Coded, env: _Env) -> Coded | Dropped:
    """A refusal, a conditional threat, a threat or an intent, from negation and modality."""
    tok, pattern = c.trigger.token, c.trigger.pattern
    code, mod = c.code, c.modality
    if c.negated:
        if env.settings.keep_negated:
            return c
        refusal = (
            mod in ("actual", "intent", "reported")
            and not (mod != "intent" and negated_in_past(tok))
            # a refusal needs a party refused, or a "will not"
            and (mod == "intent" or bool(c.target))
        )
        rejected = reject_code(code) if refusal else None
        if rejected is None:
            return Dropped("drop.negated")
        return _changed(c, "change.refused", " (refused)", code=rejected, negated=False)
    if (
        code[:2] != "13"
        and mod in ("intent", "hypothetical")
        and (cond := _condition(tok)) is not None
        and (cond == "unless" or threat_code(code) is not None)
    ):
        threat = threat_code(code) or "130"
        return _changed(c, "change.conditional-threat", _CONDITIONAL_THREAT_NOTE, code=threat)
    if mod == "intent" and code[:2] not in ("03", "13"):
        if (intended_threat := threat_code(code)) is not None:
            if code[:2] in _VIOLENT and readying(tok) and any(a.sector in _ARMED for a in c.source):
                # forces made ready to attack: mobilised, no threat said
                return _changed(c, "change.readied", " (readied)", code="150")
            return _changed(c, "change.threat", " (threat)", code=intended_threat)
        if (ic := intent_code(code)) is not None and pattern.plover_mode != "resign":
            return _changed(c, "change.intent", " (intent)", code=ic)
    return c


def _troops(c: Coded, env: _Env) -> Coded | Dropped:
    """Troops "arriving in" or "visiting" a country are deployed, not visiting."""
    if not (c.code[:3] in ("042", "043") and c.source and all(a.sector == "MIL" for a in c.source)):
        return c
    tok, offset = c.trigger.token, env.offset
    words = {
        w.lower_ for a in c.source for w in tok.doc if a.start - offset <= w.idx < a.end - offset
    }
    code = "074" if any(w.startswith("peacekeep") for w in words) else "154"
    return _changed(c, "change.troops", " (troops)", code=code)


def _appeal(c: Coded, env: _Env) -> Coded | Dropped:
    """A demand made with an appeal verb is the matching appeal (CAMEO 02)."""
    tok, pattern = c.trigger.token, c.trigger.pattern
    if c.code.startswith("10") and pattern.kind == "verb" and tok.lemma_.lower() in APPEAL_VERBS:
        return _changed(c, "change.appeal", " (appeal)", code=appeal_code(c.code))
    return c


def _distinct_target(c: Coded, env: _Env, root: str) -> Coded | Dropped:
    """A target that is the source itself is no target."""
    src = c.source
    src_keys = {(s.code, s.sector, s.name) for s in src}
    src_codes = {s.code for s in src}
    tgt = tuple(
        a
        for a in c.target
        if (a.code, a.sector, a.name) not in src_keys
        # (a country is no target of itself; a domestic party is one of its own leader)
        and not (a.kind == "country" and a.sector is None and a.code in src_codes)
        and not (
            a.code
            and (a.code, a.sector) in {(s.code, s.sector) for s in src}
            # two people of one government are two actors
            and not (a.kind == "person" and a.name and a.name not in {s.name for s in src})
        )
    )
    return dataclasses.replace(c, target=tgt)


def _demand_of_a_state(c: Coded, env: _Env, root: str) -> Coded | Dropped:
    """A "must"-demand made of nobody political (no code or state sector, or only the
    speaker's own side) is advice or an opinion, not a demand."""
    if c.trigger.pattern is DEMAND and not any(
        (a.code and a.sector not in _PRIVATE) or a.sector in _STATE_SECTORS for a in c.target
    ):
        return Dropped("drop.demand-without-state")
    return c


def _violent_source(c: Coded, env: _Env, root: str) -> Coded | Dropped:
    """Violence with no subject: the weapon's owner, or the attacker of a governed nominal."""
    tok, pattern = c.trigger.token, c.trigger.pattern
    if c.source or root not in _VIOLENT or pattern.kind != "verb":
        return c
    found = _instrument_actors(tok, env.ctx, env.offset)
    if found:
        return dataclasses.replace(c, source=tuple(found))
    for other in env.triggers:
        if (
            other.pattern.kind == "noun"
            and other.pattern.code[:2] in _VIOLENT
            and path_to(other.token, tok)
        ):
            nsrc, ntgt = _noun_arguments(other.token, env.ctx, env.offset, other.pattern.code)
            if nsrc:
                return _changed(
                    c,
                    "change.governed-nominal",
                    f" + {other.pattern.pattern_id}",
                    source=tuple(nsrc),
                    target=c.target or tuple(ntgt),
                    code=other.pattern.code if pattern.specificity == 0 else c.code,
                )
    return c


def _more_targets(c: Coded, env: _Env, root: str) -> Coded | Dropped:
    """Whom a protest is against; the country of a place attacked."""
    trigger = c.trigger
    if root == "14" and not c.target:
        found = _protest_target(trigger, env.triggers, env.ctx, env.offset)
        c = dataclasses.replace(c, target=tuple(found))
    if root in _VIOLENT and not c.target and trigger.pattern.kind == "verb":
        heads = objects(trigger.token, trigger.pattern.target)
        c = dataclasses.replace(c, target=tuple(_place_noun_country(heads, env.ctx, env.offset)))
    return c


def _armed_backing(c: Coded, env: _Env, root: str) -> Coded | Dropped:
    """Armed forces backing or supporting armed forces ("soldiers backed by allied
    troops") cooperate militarily (062): material help, not a diplomatic endorsement."""
    if c.code != "050" or not c.source or not c.target:
        return c
    if all(a.sector in _ARMED for a in c.source) and any(a.sector in _ARMED for a in c.target):
        return _changed(c, "change.armed-backing", " (armed backing)", code="062")
    return c


def _aircraft(c: Coded, env: _Env, root: str) -> Coded | Dropped:
    """Violence by aircraft is an aerial attack (195)."""
    if root in ("18", "19") and c.code[:3] not in ("195", "204") and from_the_air(c.source):
        return _changed(c, "change.aircraft", " (aircraft)", code="195")
    return c


def _political_violence(c: Coded, env: _Env, root: str) -> Coded | Dropped:
    """Violence with no coded attacker needs cues of violence and none of an accident."""
    doc, i = c.trigger.token.doc, c.trigger.token.i
    if (
        root in _VIOLENT
        and not any(a.code for a in c.source)
        and (
            accident_cue(doc)
            or (not any(a.sector in _ARMED for a in c.source) and not violence_cue(doc, i))
        )
    ):
        return Dropped("drop.no-political-violence")
    return c


def _passive_self_move(c: Coded, env: _Env, root: str) -> Coded | Dropped:
    """Troops or police that "were deployed" moved themselves: they are the source."""
    tok, pattern = c.trigger.token, c.trigger.pattern
    if (
        c.source
        or pattern.kind != "verb"
        or not (root == "15" or c.code[:3] in ("087", "166"))
        or subjects(tok) != ([], True)
    ):
        return c
    patients = resolve_heads(
        [ch for ch in tok.children if ch.dep_ == "nsubjpass"], env.ctx, env.offset
    )
    if not any(a.sector in _SELF_MOVERS for a in patients):
        return c
    return _changed(
        c, "change.passive-self-move", " (passive self-move)", source=tuple(patients), target=()
    )


def _without_source(c: Coded, env: _Env, root: str) -> Coded | Dropped:
    """An event with no source: only violence, protest and passive coercion, told as news."""
    if c.source:
        return c
    tok, pattern = c.trigger.token, c.trigger.pattern
    if inside_modifier_clause(tok) and not pattern.actorless:
        return Dropped("drop.no-source-in-modifier")
    # coercion in the passive ("were arrested") names no agent
    passive_coercion = root == "17" and pattern.kind == "verb" and subjects(tok) == ([], True)
    if not (pattern.actorless or passive_coercion) and root not in _ACTORLESS_OK:
        return Dropped("drop.no-actor")
    existential = tok.dep_ == "attr" and any(ch.dep_ == "expl" for ch in tok.head.children)
    if (
        pattern.kind == "noun"
        and not c.target
        and tok.dep_ not in ("nsubj", "nsubjpass", "ROOT")
        and not existential
    ):
        return Dropped("drop.actorless-noun-no-target")
    if pattern.kind == "noun" and not c.target and _anaphoric(tok):
        return Dropped("drop.anaphoric-noun")
    return dataclasses.replace(c, actorless=True)


_CODE_STEPS: tuple[Callable[[Coded, _Env], Coded | Dropped], ...] = (
    _trade_retaliation,
    _economic_measure,
    _not_reported,
    _by_complement,
    _by_negation_and_intent,
    _troops,
    _appeal,
)
_ACTOR_STEPS: tuple[Callable[[Coded, _Env, str], Coded | Dropped], ...] = (
    _distinct_target,
    _demand_of_a_state,
    _violent_source,
    _more_targets,
    _armed_backing,
    _aircraft,
    _political_violence,
    _passive_self_move,
    _without_source,
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
_PRIVATE = PRIVATE_SECTORS
_SELF_MOVERS = frozenset({"MIL", "REB", "COP", "UAF", "SPY"})


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
) -> tuple[list[Event], list[Decision]]:
    """All events of one parsed sentence, and the decision taken on every candidate."""
    offset = sentence.start
    for ent in entities(doc):  # people introduced with a role, for later references
        if ent.label_ == "PERSON":
            resolve_phrase(ent.root, ctx, offset)
    triggers = find_triggers(doc, index)
    kept = keep_triggers(triggers, index)
    events: list[Event] = []
    depths: list[int] = []  # of each event's trigger below the sentence's root
    decisions = [
        _decision(sentence, t, offset, "dropped", ("drop.governed-trigger",))
        for t in triggers
        if t not in kept
    ]
    # happening -> (index in events, rank of its evidence)
    seen: dict[tuple[str, tuple[str, ...]], tuple[int, tuple[int, int, float]]] = {}
    quants = quantities(sentence.text)
    doc_info = DocInfo(article.url, article.title, article.publisher, article.date)
    mentioned: list[Actor] = []
    decided = [(trig, decide(trig, triggers, ctx, offset, settings)) for trig in kept]
    for trig, coded in decided:
        if isinstance(coded, Dropped):
            decisions.append(_decision(sentence, trig, offset, "dropped", (coded.rule,)))
            continue

        def drop(
            rule: str,
            src: Sequence[Actor] = (),
            tgt: Sequence[Actor] = (),
            trig: Trigger = trig,
            coded: Coded = coded,
        ) -> None:
            rules = (*coded.changes, rule)
            decisions.append(
                _decision(sentence, trig, offset, "dropped", rules, coded.code, src, tgt)
            )

        info = cameo(coded.code)
        plover = trig.pattern.plover if coded.code == trig.pattern.code else coded.plover
        plover = plover or info.plover
        if plover is None and coded.code not in CODED_STATEMENTS:
            drop("guard.no-plover-type", coded.source, coded.target)
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
            drop("drop.no-actor-no-place")
            continue
        cooperation = "03" <= coded.code[:2] <= "08"
        if trig.pattern.kind == "noun" and cooperation and not any(a.code for a in (*src, *tgt)):
            drop("drop.cooperation-unnamed", src, tgt)  # no named party
            continue
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
            drop("drop.nobody-political", src, tgt)
            continue
        if src and coded.code[:2] not in _VIOLENT and all(_private_person(a) for a in (*src, *tgt)):
            drop("drop.private-people", src, tgt)
            continue
        if (coded.code[:3] == "173" or coded.code[:2] in ("09", "11", "12")) and ordinary_crime(
            src, tgt, doc
        ):
            drop("drop.police-blotter", src, tgt)
            continue
        # One event per PLOVER type and source in a sentence: a second candidate is the same
        # happening told again; the telling with the better evidence is kept (_evidence_rank).
        key = (plover or coded.code, tuple(sorted(str(a.code) for a in src)))
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
            origin=trig.pattern.origin,
        )
        if coded.inherited:
            conf = round(max(0.05, conf - 0.2), 2)
        if settings.confidence_model == "rules" and conf < settings.min_confidence:
            drop("drop.min-confidence", src, tgt)
            continue
        rank = _evidence_rank(coded.code, src, tgt, conf)
        if key in seen and rank <= seen[key][1]:
            drop("merge.same-happening", src, tgt)
            continue
        event_id = _event_id(article.doc_id, sentence.index, coded.code, src, tgt, tok.i)
        flag = _flag(src, conf, settings, _supposed(coded.modality, coded.rule))
        rules = (*coded.changes, f"flag.{flag}") if flag else coded.changes
        decisions.append(
            _decision(
                sentence,
                trig,
                offset,
                "flagged" if flag else "coded",
                rules,
                coded.code,
                src,
                tgt,
                event_id,
            )
        )
        event = Event(
            event_id=event_id,
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
            flag=flag,
            rule=f"{coded.rule}{' (historical)' if past else ''} @ {tok.text}",
            basis=Basis(
                pattern_kind=trig.pattern.kind,
                origin=trig.pattern.origin,
                specificity=trig.pattern.specificity,
                changes=coded.changes,
                inherited=coded.inherited,
                trigger_start=offset + tok.idx,
                sentence_start=sentence.start,
                sentence_tokens=len(doc),
                candidates=len(kept),
            ),
        )
        if key in seen:  # this telling has the better evidence: it replaces the first
            at = seen[key][0]
            replaced = events[at]
            decisions[:] = [_merged(d) if d.event_id == replaced.event_id else d for d in decisions]
            events[at] = event
            depths[at] = depth(tok)
            seen[key] = (at, rank)
        else:
            seen[key] = (len(events), rank)
            events.append(event)
            depths.append(depth(tok))
    _remember(doc, kept, ctx, offset, mentioned)
    if events:
        # the main clause's event continues into the next sentence ("They called on ..."),
        # not one named in passing below it; among equals, the last
        main = min(range(len(events)), key=lambda k: (depths[k], -k))
        ctx.last_source, ctx.last_target = events[main].source, events[main].target
    else:
        ctx.last_source, ctx.last_target = (), ()
    return events, decisions


def _evidence_rank(
    code: str, src: Sequence[Actor], tgt: Sequence[Actor], conf: float
) -> tuple[int, int, float]:
    """How good one telling of a happening is: actors with a code, then a specific code (not
    a root-level one such as 190), then confidence."""
    coded = sum(1 for a in (*src, *tgt) if a.code)
    specific = len(code) - (1 if code.endswith("0") else 0)
    return coded, specific, conf


def _merged(decision: Decision) -> Decision:
    """A coded candidate that another telling of the same happening replaced."""
    rules = (*(r for r in decision.rules if not r.startswith("flag.")), "merge.same-happening")
    return dataclasses.replace(decision, outcome="merged", rules=rules, event_id=None)


def _private_person(actor: Actor) -> bool:
    """A named person in no table, with no role that makes them political."""
    return actor.kind == "person" and actor.code is None and actor.sector is None


def _political(actor: Actor) -> bool:
    """A resolved political actor: a code, and no private sector (people, firms, media)."""
    return actor.code is not None and actor.sector not in _PRIVATE


def _supposed(modality: str, rule: str) -> bool:
    """A supposed act ("could attack", "must release", "if Moscow agrees"), not a done
    one; a conditional threat ("will strike unless") is the saying of it, which was done."""
    return modality == "hypothetical" and _CONDITIONAL_THREAT_NOTE not in rule


def _flag(
    src: Sequence[Actor], conf: float, settings: Settings, supposed: bool = False
) -> str | None:
    """Why an event is left out of the default output, or None when it is shown."""
    if not any(_political(a) for a in src):
        return "no-coded-source"
    if supposed:
        return "hypothetical"
    if conf < settings.shown_min_confidence:
        return "low-confidence"
    return None


def _decision(
    sentence: Sentence,
    trig: Trigger,
    offset: int,
    outcome: Outcome,
    rules: Sequence[str],
    code: str | None = None,
    src: Sequence[Actor] = (),
    tgt: Sequence[Actor] = (),
    event_id: str | None = None,
) -> Decision:
    return Decision(
        sentence.index,
        trig.token.text,
        offset + trig.token.idx,
        trig.pattern.pattern_id,
        trig.pattern.code,
        outcome,
        tuple(rules),
        code,
        tuple(src),
        tuple(tgt),
        event_id,
    )


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


def _story_basis(
    events: Sequence[tuple[Event, bool]],
    decisions: list[Decision],
    story_kind: str | None,
    n_sentences: int,
    settings: Settings,
) -> tuple[list[Event], list[Decision]]:
    """The events with what the story adds to their basis (its gate's kind, its length,
    whether a domestic agent took its country: ``filled``); with the learned confidence
    (``confidence_model = "learned"``), their confidence from the whole basis, and the
    flags and decisions that follow from it."""
    out: list[Event] = []
    changed: dict[str, Event | None] = {}
    for event, filled in events:
        basis = event.basis
        if basis is not None:
            basis = dataclasses.replace(
                basis, story_kind=story_kind, story_country=filled, story_sentences=n_sentences
            )
        event = dataclasses.replace(event, basis=basis)
        if settings.confidence_model == "learned":
            conf = learned_confidence(event)
            if conf < settings.min_confidence:
                changed[event.event_id] = None
                continue
            event = dataclasses.replace(
                event, confidence=conf, flag=_flag(event.source, conf, settings)
            )
            changed[event.event_id] = event
        out.append(event)
    if changed:
        decisions = [
            _reflagged(d, changed[d.event_id]) if d.event_id in changed else d for d in decisions
        ]
    return out, decisions


def _reflagged(decision: Decision, event: Event | None) -> Decision:
    """A decision told the event's confidence-dependent outcome (None: dropped by it)."""
    rules = tuple(r for r in decision.rules if not r.startswith("flag."))
    if event is None:
        return dataclasses.replace(
            decision, outcome="dropped", rules=(*rules, "drop.min-confidence"), event_id=None
        )
    if event.flag is None:
        return dataclasses.replace(decision, outcome="coded", rules=rules)
    return dataclasses.replace(decision, outcome="flagged", rules=(*rules, f"flag.{event.flag}"))


def code_article(
    article: Article,
    sentences: Sequence[Sentence],
    docs: Sequence[Doc | None],
    settings: Settings,
    lexicon: ActorLexicon,
    index: PatternIndex,
) -> list[Event]:
    """Events of one article, its sentences parsed in ``docs`` (same order; None for a
    sentence that cannot hold an event, which is not parsed: see dragoman.events.screen)."""
    return list(explain_article(article, sentences, docs, settings, lexicon, index).events)


def explain_article(
    article: Article,
    sentences: Sequence[Sentence],
    docs: Sequence[Doc | None],
    settings: Settings,
    lexicon: ActorLexicon,
    index: PatternIndex,
) -> ArticleCoding:
    """Events of one article with every decision behind them and the story gate's verdict.

    The events of a story the gate classifies (the kinds of ``data/story_gate.yaml``)
    are flagged ``story:<kind>``: stored, but left out of the default output.
    """
    verdict = classify_story(article.text, article.title)
    ctx = DocContext(date=article.date, lexicon=lexicon)
    events: list[Event] = []
    decisions: list[Decision] = []
    for sentence, doc in zip(sentences, docs, strict=True):
        if doc is None:  # no event here, so none for a later passive to continue
            ctx.last_source, ctx.last_target = (), ()
            continue
        evs, decs = code_sentence(article, sentence, doc, ctx, index, settings)
        events.extend(evs)
        decisions.extend(decs)
        forget(doc)
    # domestic agents ("police", "the army") take the story's country; an event whose source
    # gains a code that way is no longer left out for having none
    parsed = [d for d in docs if d is not None]
    before = events
    events = with_story_country(events, lambda: article_country(article, parsed, lexicon), lexicon)
    events, decisions = _story_basis(
        [(e, e is not b) for e, b in zip(events, before, strict=True)],
        decisions,
        verdict.kind,
        len(sentences),
        settings,
    )
    events = [
        dataclasses.replace(
            e, flag=_flag(e.source, e.confidence, settings, _supposed(e.modality, e.rule))
        )
        if e.flag == "no-coded-source"
        else e
        for e in events
    ]
    if verdict.flag is not None:
        flag = verdict.flag
        events = [dataclasses.replace(e, flag=flag) for e in events]
        decisions = [
            dataclasses.replace(
                d,
                outcome="flagged",
                rules=(*(r for r in d.rules if not r.startswith("flag.")), verdict.rule),
            )
            if d.event_id is not None
            else d
            for d in decisions
        ]
    return ArticleCoding(
        tuple(events), tuple(decisions), verdict.kind, verdict.cues, verdict.political
    )
