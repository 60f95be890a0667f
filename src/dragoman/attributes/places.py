"""The place of an event, from its own clause.

A place counts when the sentence says the event happened there: a locative preposition on the
trigger or on one of its arguments ("met in Havana", "protesters in Hong Kong blocked"), the
destination of a movement around the trigger ("during his visit to Cuba, Lavrov met"), the
object of a verb that acts on a place ("shelled Donetsk"), or a place noun ("in the Kenyan
town of Garissa"). A place that qualifies something else ("support over the crisis in
Ukraine"), a possessor ("Ukraine's sovereignty") or an actor ("warned that the United States
would pay") is not where the event happened. The cues are data (``data/place_cues.yaml``);
names are resolved by :class:`~dragoman.attributes.gazetteer.Gazetteer`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from dragoman.attributes.gazetteer import Gazetteer, Place, StoryPlaces
from dragoman.nlp import entities
from dragoman.records import Location
from dragoman.yamlfiles import load_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dragoman.actors import ActorLexicon

_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "agent", "dative", "oprd"})
_ACTING = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "poss"})


@dataclass(frozen=True, slots=True)
class PlaceCues:
    locative: frozenset[str]
    movement: frozenset[str]
    movement_prepositions: frozenset[str]
    movement_links: frozenset[str]
    place_objects: frozenset[str]
    capital_roots: frozenset[str]
    host_sectors: frozenset[str]
    place_nouns: frozenset[str]
    situation_nouns: frozenset[str]


@functools.cache
def place_cues() -> PlaceCues:
    text = (
        resources.files("dragoman.attributes").joinpath("data/place_cues.yaml").read_text("utf-8")
    )
    data = load_yaml(text)
    return PlaceCues(*(frozenset(data[k]) for k in PlaceCues.__slots__))


#: Common nouns that name places ("the Syrian town", "the capital Kabul"); data/place_cues.yaml.
PLACE_NOUNS = place_cues().place_nouns
#: Nouns for a state of affairs whose modifier names its place or sides ("Iran unrest"), never
#: the attacker; data/place_cues.yaml.
SITUATION_NOUNS = place_cues().situation_nouns


def _root(ent: Span) -> Token:
    root = ent.root
    while root.dep_ in ("appos", "compound", "conj") and root.head.i != root.i:
        if (
            root.dep_ == "compound"
            and root.head.pos_ != "PROPN"
            and root.head.lemma_.lower() not in PLACE_NOUNS | SITUATION_NOUNS
        ):
            break  # "in a U.S. drone strike" names the striker, not the place
        root = root.head  # "in the capital Kabul"
    return root


def _near_trigger(tok: Token, trigger: Token, hops: int = 2) -> bool:
    """``tok`` is the trigger, or the trigger's clause reaches it in a few steps up either way
    ("met" under "was to meet", a noun trigger under its light verb "held talks")."""
    if tok.i == trigger.i or (trigger.pos_ in ("NOUN", "PROPN") and trigger.head.i == tok.i):
        return True  # the trigger itself, or a noun trigger's verb ("missiles struck Kharkiv")
    cur = trigger
    for _ in range(hops):
        if cur.head.i == cur.i:
            break
        if cur.dep_ not in ("xcomp", "dobj", "pobj", "prep", "ccomp", "advcl", "relcl"):
            break
        cur = cur.head
        if cur.i == tok.i:
            return True
    # an argument of the trigger, or a clause that tells how ("killed in shelling in Gaza")
    return tok.head.i == trigger.i and tok.dep_ in _ARGUMENTS | {"prep", "advcl", "xcomp"}


def _attachment(root: Token, trigger: Token) -> int:
    """How strongly the place named at ``root`` is the event's place (0: not at all)."""
    cues = place_cues()
    prep = root.head if root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
        noun = prep.head  # "in the Kenyan town of Garissa"
        prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None:
        head = root.head
        if root.dep_ == "dobj" and head.lemma_.lower() in cues.place_objects:
            return 3 if _near_trigger(head, trigger) else 0
        return 0
    owner = prep.head
    word = prep.lower_
    if owner.lemma_.lower() in cues.movement and word in cues.movement_prepositions:
        # "visit to Cuba" on the trigger or on a phrase of its clause ("during his visit")
        if owner.i == trigger.i or _near_trigger(owner, trigger):
            return 4
        if owner.dep_ != "pobj" or owner.head.lower_ not in cues.movement_links:
            return 0
        above = owner.head.head
        return 3 if _near_trigger(above, trigger) else 0
    if word not in cues.locative:
        return 0
    if owner.i == trigger.i or _near_trigger(owner, trigger):
        return 4
    if owner.lemma_.lower() in PLACE_NOUNS:
        return 2
    while owner.dep_ == "pobj" and owner.head.lower_ == "of" and owner.head.head.i != owner.i:
        owner = owner.head.head  # "dozens of people outside Kabul airport"
    anchor = owner.head.head if owner.dep_ == "pobj" else owner.head
    if owner.pos_ in ("NOUN", "PROPN", "PRON") and (
        _near_trigger(anchor, trigger)
        and owner.dep_ in _ARGUMENTS | {"pobj", "conj"}
        and owner.lemma_.lower() not in SITUATION_NOUNS
    ):
        # "protesters in Hong Kong blocked", "an attack on a market in Kabul", "fighting broke
        # out between the army and ... in Khartoum"
        return 3
    if (
        owner.pos_ in ("VERB", "AUX")
        and trigger.dep_ in ("xcomp", "advcl")
        and (trigger.head.i == owner.i)
    ):
        return 2  # the clause above the trigger: "gathered in Kyiv to protest"
    return 0


def _qualifier(ent: Span, doc: Doc, gazetteer: Gazetteer) -> Place | None:
    """The admin area or country after a comma: "Paris, Texas", "Havana, Cuba"."""
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        nxt = next((e for e in entities(doc) if e.start == ent.end + 1), None)
        if nxt is not None and nxt.label_ == "GPE":
            for p in gazetteer.candidates(nxt.text):
                if p.feature in ("country", "admin1"):
                    return p
    return None


def place_mentions(doc: Doc) -> list[Span]:
    """Named places: GPE, LOC and FAC entities, and proper nouns the tagger left untyped
    ("shelled Donetsk"; they count only if the gazetteer knows them and the clause puts the
    event there)."""
    spans = [e for e in entities(doc) if e.label_ in ("GPE", "LOC", "FAC")]
    spans += [
        doc[t.i : t.i + 1]
        for t in doc
        if t.pos_ == "PROPN" and not t.ent_type_ and t.dep_ in ("pobj", "dobj") and t.is_title
    ]
    return spans


def resolve_mention(
    ent: Span, doc: Doc, story: StoryPlaces | None, gazetteer: Gazetteer | None = None
) -> Place | None:
    gaz = gazetteer or Gazetteer.default()
    return gaz.resolve(ent.text, story, _qualifier(ent, doc, gaz))


def event_place(doc: Doc, trigger: Token, story: StoryPlaces | None = None) -> Place | None:
    """The place the event's own clause names, resolved in the story's context."""
    best: tuple[int, Place] | None = None
    mentions = place_mentions(doc)
    # "Havana, Cuba": Cuba qualifies Havana (and counts only where Havana is unknown)
    qualifiers = {e.start for e in mentions if e.start >= 2 and doc[e.start - 1].text == ","}
    for ent in mentions:
        root = _root(ent)
        score = _attachment(root, trigger) - (ent.start in qualifiers)
        if score <= 0 or root.dep_ == "poss" or ent.root.dep_ == "poss":
            continue
        place = resolve_mention(ent, doc, story)
        if place is None:
            continue
        if best is None or score > best[0]:
            best = (score, place)
    return best[1] if best else None


def event_location(doc: Doc, lexicon: ActorLexicon, trigger: Token) -> Location | None:
    """The place where the event happened, as its own clause says (see the module doc).

    ``lexicon`` is the coder's actor lexicon (the coder's call passes it); places are resolved
    by the gazetteer, which is built on the same country table."""
    del lexicon
    place = event_place(doc, trigger)
    return place.location() if place else None
