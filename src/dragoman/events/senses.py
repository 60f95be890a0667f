"""What a word means in its sentence: the checks that keep the coder to political events.

A trigger word can have another sense ("released the transcript", "fight corruption",
"took over as point man"), a sentence can describe an accident, a match, a police blotter or
an opinion rather than a political act, and "strikes" can be air strikes or a labour strike.
These pure functions over spaCy tokens and docs answer such questions for
:mod:`dragoman.events.coder`; their word lists are the project's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dragoman.nlp import doc_text, doc_words
from dragoman.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dragoman.events.triggers import Trigger


# Objects that make a bare verb pattern mean something else than its political sense.
_MEDIA_OBJECTS = frozenset(
    """transcript report video footage photo photograph image picture data statistic figure
    album song single film movie book novel trailer app product update version beta feature
    statement result earning record recording document file documents details memo letter
    list study survey poll findings guideline guidance schedule plan budget forecast
    information name names""".split()
)


_SPEECH_OBJECTS = frozenset(
    """explanation comment remark view opinion detail insight answer reason analysis thought
    prayer benediction blessing invocation defence defense argument example account version
    advice suggestion glimpse hint
    clue perspective take apology excuse testimony praise tribute""".split()
)


_ABSTRACT_OBJECTS = frozenset(
    """policy policies plan proposal idea remark remarks comment comments decision record
    bill law statement stance approach strategy handling rhetoric claim claims
    credibility integrity character reputation leadership agenda budget reform reforms""".split()
)


_PROBLEM_OBJECTS = frozenset(
    """corruption poverty disease virus pandemic epidemic cancer addiction inflation
    unemployment crime fire fires wildfire wildfires flood floods drought hunger climate
    change illiteracy extremism racism discrimination injustice inequality misinformation
    disinformation odds battle bill ticket charge charges case lawsuit""".split()
)


_FUELS = frozenset(
    """coal fuel fuels oil gas wood calorie calories fat cash money bridge bridges energy
    midnight""".split()
)


_CAMPAIGNS = frozenset(
    """campaign bid candidacy account accounts trading production service services flight
    flights subscription membership season""".split()
)


_VENUES = frozenset(
    """manufacturer manufacturers company companies firm firms factory factories plant plants
    festival concert games olympics tournament championship show exhibition fair headquarters
    office offices branch podcast programme program""".split()
)


_HERDS = frozenset("goat goats sheep cattle cow cows animal animals dog dogs horse horses".split())


_OFFICES = frozenset(
    """office power powers position authority privilege privileges trust system process
    discretion mandate""".split()
)
_SENSE_VERBS: dict[str, tuple[frozenset[str], str]] = {
    "abuse": (_OFFICES, "none"),
    "host": (_VENUES, "none"),
    "round": (_HERDS, "none"),
    "burn": (_FUELS, "none"),
    "suspend": (_CAMPAIGNS, "none"),
    "release": (_MEDIA_OBJECTS, "none"),
    "publish": (_MEDIA_OBJECTS, "none"),
    "offer": (_SPEECH_OBJECTS, "none"),
    "attack": (_ABSTRACT_OBJECTS, "verbal"),
    "fight": (_PROBLEM_OBJECTS, "none"),
    "combat": (_PROBLEM_OBJECTS, "none"),
    "tackle": (_PROBLEM_OBJECTS, "none"),
}


_POLITICAL_CUES = frozenset(
    """protest protests protester protesters protestor protestors demonstrator demonstrators
    demonstration activist activists journalist journalists reporter reporters opposition
    dissident dissidents politician politicians lawmaker lawmakers legislator militant
    militants rebel rebels terrorist terrorists terrorism insurgent insurgents extremist
    extremists party minister ministers official officials election elections government
    regime spy spies espionage blogger bloggers critic critics candidate mayor governor
    senator president diplomat diplomats foreigner foreigners foreign national nationals
    treason sedition coup riot riots rioters unrest strike strikers union""".split()
)


def ordinary_crime(src: Sequence[Actor], tgt: Sequence[Actor], doc: Doc) -> bool:
    """Police or courts acting on private people for a crime, with nothing political around."""
    if not all(a.sector in ("COP", "JUD") for a in src):
        return False  # ("was arrested for retail theft": no one named at all counts too)
    if any(a.sector not in (None, "CVL", "CRM") or a.kind == "country" for a in tgt):
        return False
    return not (doc_words(doc) & _POLITICAL_CUES)


def object_sense(trigger: Trigger) -> str:
    """ "actual", or "none"/"verbal" when a bare verb's object shows another sense."""
    tok, pattern = trigger.token, trigger.pattern
    if pattern.objects:
        return "actual"
    entry = _SENSE_VERBS.get(tok.lemma_.lower())
    if entry is None:
        return "actual"
    words, sense = entry
    if pattern.kind == "noun":
        # "calls for the release of racial data": the noun's "of" phrase is its object
        of = [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in ("of", "on", "against")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        return (
            sense if any(o.lemma_.lower() in words or o.lower_ in words for o in of) else "actual"
        )
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ == "acl":
        objects.append(tok.head)  # "the explanation offered by the White House"
    objects += [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ == "against" for g in c.children
    ]
    objects += [c for o in list(objects) for c in o.conjuncts]
    if any(o.lemma_.lower() in words or o.lower_ in words for o in objects):
        return sense
    return "actual"


_AIRCRAFT = frozenset(
    """warplane warplanes jet jets aircraft drone drones helicopter helicopters
    gunship gunships""".split()
)


PROTEST_OBJECT = re.compile(r"^(decision|result|ruling|law|bill|plan|policy|verdict|election)")


_MILITARY_WORDS = frozenset(
    """air missile missiles drone drones warplane warplanes jet jets military troops army navy
    bombing bombs target targets airstrike airstrikes raid raids forces fighter fighters
    warship warships pentagon""".split()
)


_LABOUR_WORDS = frozenset(
    """worker workers union unions wage wages pay pension pensions teacher teachers doctors
    nurses walkout employees staff hunger general labour labor industrial""".split()
)


def from_the_air(src: Sequence[Actor]) -> bool:
    return any(w in _AIRCRAFT for a in src for w in a.text.lower().replace("-", " ").split())


# Rejecting or condemning an accusation is a denial (CAMEO 016, a statement, not coded).
REBUTTING_ROOTS = frozenset({"11", "12"})


_ACCUSATION_NOUNS = frozenset(
    {"allegation", "accusation", "claim", "assertion", "insinuation", "slander", "smear"}
)


_ACCIDENT_AGENTS = frozenset(
    """crash accident collision earthquake quake flood floods flooding storm cyclone hurricane
    typhoon tornado landslide mudslide avalanche tsunami lightning derailment stampede heatwave
    disease virus illness outbreak cholera malaria epidemic""".split()
)


def rebuts_accusation(tok: Token) -> bool:
    """Is the object of this criticism or rejection an accusation ("condemned as unacceptable
    allegations by Rwanda", "accused Rwanda of making unacceptable accusations")?"""
    heads = [c for c in tok.children if c.dep_ in ("dobj", "oprd")]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "as"):
            for comp in prep.children:
                heads.append(comp)
                heads.extend(c for c in comp.children if c.dep_ == "dobj")
    heads.extend(c for h in list(heads) for c in h.conjuncts)
    return any(h.lemma_.lower() in _ACCUSATION_NOUNS for h in heads)


_VIOLENCE_WORDS = frozenset(
    """bomb bombs bomber bombers bombing suicide explosive explosives ied ieds grenade grenades
    rocket rockets mortar mortars missile missiles shell shells shelling landmine landmines
    limpet projectile projectiles militant militants gunman gunmen attacker attackers insurgent
    insurgents rebel rebels terrorist terrorists jihadist jihadists soldier soldiers troops
    army police forces airstrike airstrikes strike strikes raid raids ambush attack attacks
    assault fighter fighters gunfire shooting shot shots sniper snipers artillery warplane
    warplanes drone drones clash clashes protester protesters demonstrator demonstrators
    rioter rioters mob vigilantes hoodlums gang gangs cultists bandits herdsmen assassinate
    assassinated assassination assassin killer killers""".split()
)


_ACCIDENT_WORDS = frozenset(
    """accident accidental leak leaked refinery boiler cylinder cylinders firefighters blaze
    earthquake quake flood floods flooding flooded volcano eruption storm cyclone hurricane
    typhoon landslide tsunami collapse collapsed derailed derailment crash crashed ammonium
    warehouse heatwave drought avalanche wildfire propane""".split()
)


_ACCIDENT_PHRASES = (
    "gas plant",
    "chemical plant",
    "power plant",
    "gas explosion",
    "gas leak",
    "gas cylinder",
    "tank exploded",
    "factory",
    "mine collapse",
    "plane crash",
    "road accident",
    "short circuit",
)


_INTENT_VIOLENCE_STEMS = (
    "attack",
    "stab",
    "rape",
    "abduct",
    "kidnap",
    "shot",
    "gunned",
    "lynch",
    "tortur",
    "assault",
    "massacr",
    "behead",
    "bomb",
    "molest",
    "ambush",
    "shell",
    "clash",
    "violen",
    "fighting",
    "vigilant",
    "armed",
)


_GENERIC_VIOLENCE = frozenset(
    {"violence", "attack", "fighting", "fight", "war", "assault", "unrest"}
)


def violence_cue(doc: Doc, skip: int = -1) -> bool:
    words = doc_words(doc)
    if not words & _VIOLENCE_WORDS and not any(w.startswith(_INTENT_VIOLENCE_STEMS) for w in words):
        return False
    return any(
        not (t.i == skip and t.lemma_.lower() in _GENERIC_VIOLENCE)
        and (t.lower_ in _VIOLENCE_WORDS or t.lower_.startswith(_INTENT_VIOLENCE_STEMS))
        for t in doc
    )


def accident_cue(doc: Doc) -> bool:
    text = doc_text(doc).lower()
    if not doc_words(doc) & _ACCIDENT_WORDS and not any(p in text for p in _ACCIDENT_PHRASES):
        return False
    accident = any(t.lower_ in _ACCIDENT_WORDS and t.pos_ != "PROPN" for t in doc) or any(
        p in text for p in _ACCIDENT_PHRASES
    )
    return accident and not any(
        t.lower_ in ("bomb", "bomber", "militants", "gunmen", "attacker", "attackers", "airstrike")
        for t in doc
    )


_ELECTION_WORDS = frozenset(
    """election elections vote votes voters poll polls ballot ballots race primary primaries
    runoff seat seats governorship reelection re-election campaign candidate electorate
    incumbent challenger midterm midterms gubernatorial nominee nomination referendum
    landslide electoral""".split()
)
_WINNING = frozenset({"beat", "defeat", "crush", "trounce", "rout", "unseat", "topple"})


def electoral_win(tok: Token) -> bool:
    """A defeat in a story about an election: a vote count, no assault."""
    return tok.lemma_.lower() in _WINNING and bool(doc_words(tok.doc) & _ELECTION_WORDS)


def readying(tok: Token) -> bool:
    """Is the act governed by "prepared to", "was poised to", "readied to"?"""
    cur = tok
    for _ in range(3):
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in ("prepare", "poise", "ready", "gear", "mass"):
            return True
    return False
