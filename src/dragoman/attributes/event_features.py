"""Named properties of a coded event that say how likely it is right (the confidence's input).

:func:`event_features` is a pure function of an :class:`~dragoman.records.Event` (with the
:class:`~dragoman.records.Basis` the coder attaches) and its sentence: how the event was
found (pattern origin and kind, rules that changed it), how its actors were resolved (a
country, a person or organisation of the packaged tables, a domestic agent given the story's
country, a pronoun, an earlier sentence, nothing), what the sentence says about it (modality,
negation, quotation) and where it stands in the story. Every feature is 0 or 1, or a number
scaled to about 0..2, so that a weight reads as "how much this property moves the log-odds".

The names are a contract with the packaged model (``data/confidence_model.json``): rename
one and the model must be refitted (``scripts/fit_confidence.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from dragoman.records import Actor, Event

#: Sectors of private parties: civilians, businesses, media, criminals.
PRIVATE_SECTORS = frozenset({"CVL", "BUS", "MED", "CRM"})

_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
_QUOTES = ('"', "\u201c", "\u201d")

#: Every feature, with what it means (``dragoman explain`` shows these).
FEATURES: dict[str, str] = {
    "pattern.noun": "the trigger is a noun ('an attack on'), not a verb",
    "pattern.petrarch2": "the pattern comes from PETRARCH2's verb table, not patterns.yaml",
    "pattern.specificity": "how many words the pattern names beyond the trigger (0..4, /2)",
    "rule.changed": "a named rule changed the pattern's code or actors",
    "source.none": "no source actor",
    "source.uncoded": "a source actor, none of them with a code",
    "source.country": "the source is a country named as such (or its capital, demonym)",
    "source.person": "the source is a person the packaged tables give a code",
    "source.org": "the source is an organisation with a code (IGO, NGO, party, group)",
    "source.agent": "the source is a sector or group with a code (government, police, rebels)",
    "source.private": "the source is a private party (civilians, firm, media, criminals)",
    "source.pronoun": "the source is a pronoun (he, she, they)",
    "source.earlier_sentence": "the source was read from an earlier sentence",
    "source.story_country": "a domestic agent took the story's country as its code",
    "source.several": "more than one source actor",
    "target.none": "no target actor",
    "target.coded": "a target actor with a code",
    "target.same_country": "source and target have the same country",
    "modality.intent": "announced, planned or expected, not done",
    "modality.hypothetical": "conditional, possible or asked about",
    "modality.reported": "reported speech",
    "negated": "the sentence negates the act",
    "historical": "the sentence dates the act more than a year before publication",
    "sentence.quoted": "the sentence holds a quotation",
    "sentence.candidates": "other candidate events in the same sentence (log)",
    "sentence.length": "the sentence's length in tokens (/40)",
    "trigger.source_distance": "characters between the trigger and the nearest source (/100)",
    "story.gated": "the story gate classed the story as a kind without political events",
    "story.position": "how far into the story the sentence stands (0 first, 1 last)",
    "type.material_conflict": "a material conflict (CAMEO quad class 4: force, coercion)",
    "type.verbal_conflict": "a verbal conflict (quad class 3: accusation, threat, demand)",
    "type.material_cooperation": "a material cooperation (quad class 2: aid, yielding)",
}


def _first_coded(actors: Sequence[Actor]) -> Actor | None:
    return next((a for a in actors if a.code), None)


def _source_kind(actor: Actor) -> str:
    """Which ``source.*`` feature a coded source is."""
    if actor.sector in PRIVATE_SECTORS:
        return "source.private"
    if actor.kind in ("person", "org"):
        return f"source.{actor.kind}"
    if actor.kind == "country" and not actor.sector:
        return "source.country"
    return "source.agent"


def event_features(event: Event) -> dict[str, float]:
    """The features of one coded event (names of :data:`FEATURES`; absent ones are 0)."""
    out: dict[str, float] = {}
    basis = event.basis

    def put(name: str, value: float | bool = 1.0) -> None:
        if value:
            out[name] = float(value)

    src, tgt = event.source, event.target
    if basis is not None:
        put("pattern.noun", basis.pattern_kind == "noun")
        put("pattern.petrarch2", basis.origin == "petrarch2")
        put("pattern.specificity", min(basis.specificity, 4) / 2)
        put("rule.changed", bool(basis.changes))
        put(
            "source.earlier_sentence",
            basis.inherited or any(0 <= a.start < basis.sentence_start for a in src),
        )
        put("source.story_country", basis.story_country)
        put("sentence.candidates", math.log(max(1, basis.candidates)))
        put("sentence.length", min(basis.sentence_tokens, 80) / 40)
        starts = [a.start for a in src if a.start >= 0]
        if starts:
            gap = min(abs(s - basis.trigger_start) for s in starts)
            put("trigger.source_distance", min(gap, 200) / 100)
        put("story.gated", basis.story_kind is not None)
        if basis.story_sentences > 1:
            put("story.position", event.sentence_index / (basis.story_sentences - 1))
    coded = _first_coded(src)
    if not src:
        put("source.none")
    elif coded is None:
        put("source.uncoded")
        put("source.private", any(a.sector in PRIVATE_SECTORS for a in src))
    else:
        put(_source_kind(coded))
    put("source.pronoun", any(a.text.lower() in _PRONOUNS for a in src))
    put("source.several", len(src) > 1)
    coded_target = _first_coded(tgt)
    put("target.none", not tgt)
    put("target.coded", coded_target is not None)
    if coded is not None and coded_target is not None:
        put("target.same_country", (coded.code or "")[:3] == (coded_target.code or "")[:3])
    put(f"modality.{event.modality}", event.modality != "actual")
    put("negated", event.negated)
    put("historical", event.historical)
    put("sentence.quoted", any(q in event.sentence for q in _QUOTES))
    quad = {4: "material_conflict", 3: "verbal_conflict", 2: "material_cooperation"}
    if event.quad_class in quad:
        put(f"type.{quad[event.quad_class]}")
    return out
