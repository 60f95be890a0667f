"""Attributes that need the whole article: places in the story's context, the story's own
place, and which event of a sentence each quantity belongs to.

Runs after the coder on each article (:func:`attach_story_attributes`):

- Places are resolved again with the story's other places and actors ("Paris" in a story
  that names Texas is Paris, Texas).
- An event whose clause names no place takes the story's place (the dateline's, else the first
  city the opening sentences put something in, else the first destination of a visit the story
  names) when that place is in the country of one of the event's actors. A place the clause
  names is kept, even a whole country. Historical events keep their own.
- An official meeting placed only at country level, hosted by that country's government with
  a foreign party, is placed at the capital (``capital_roots`` in ``data/place_cues.yaml``).
- In a sentence with several events, each quantity goes to the event of its kind (deaths to
  violence, crowds to protest, ``data/quantity_kinds.tsv``), else to the nearest event.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dragoman.actors import tables
from dragoman.attributes.gazetteer import Gazetteer, Place, StoryPlaces
from dragoman.attributes.places import place_cues, place_mentions, resolve_mention
from dragoman.attributes.quantities import kind_rules
from dragoman.extract.published import dateline
from dragoman.records import Article, Event, Location, Quantity, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# The story's place is looked for in its first sentences only.
_LEAD_SENTENCES = 3


def story_places(docs: Sequence[Doc | None], events: Sequence[Event]) -> StoryPlaces:
    """Countries and admin areas that the story names without ambiguity, and its actors'
    countries."""
    gaz = Gazetteer.default()
    story = StoryPlaces()
    for doc in docs:
        if doc is None:  # a sentence the parser skipped (no trigger word)
            continue
        for ent in place_mentions(doc):
            found = gaz.candidates(ent.text)
            if len(found) == 1 or (found and found[0].feature == "country"):
                story.add(found[0] if len(found) == 1 else gaz.resolve(ent.text) or found[0])
    for ev in events:
        for actor in (*ev.source, *ev.target):
            if actor.code and len(actor.code) == 3:
                story.actor_countries.add(actor.code)
    return story


def story_place(article: Article, docs: Sequence[Doc | None], story: StoryPlaces) -> Place | None:
    """The dateline's place, else the first city the lead puts something in."""
    line = dateline(article.text, article.date)
    if line is not None and line.place:
        place = Gazetteer.default().resolve(line.place.split(",")[0], story)
        if place is not None:
            return place
    cues = place_cues()
    for doc in docs[:_LEAD_SENTENCES]:
        if doc is None:
            continue
        for ent in place_mentions(doc):
            root = ent.root
            if root.dep_ == "pobj" and root.head.lower_ in cues.locative:
                place = resolve_mention(ent, doc, story)
                if place is not None and place.feature == "city":
                    return place
    for doc in docs:
        if doc is None:  # a sentence the parser skipped (no trigger word)
            continue
        for ent in place_mentions(doc):
            root = ent.root
            prep = root.head
            if (
                root.dep_ == "pobj"
                and prep.lower_ in cues.movement_prepositions
                and prep.head.lemma_.lower() in cues.movement
            ):
                place = resolve_mention(ent, doc, story)
                if place is not None:
                    return place
    return None


def _capital(country: str) -> Place | None:
    row = next((r for r in tables.countries() if r.iso3 == country), None)
    if row is None or not row.capital:
        return None
    gaz = Gazetteer.default()
    within = next((p for p in gaz.candidates(row.name) if p.feature == "country"), None)
    found = gaz.resolve(row.capital, within=within)
    if found is not None and found.country == country:
        return found
    return Place(row.capital, country, None, row.lat, row.lon, "city")


def _hosted_at_capital(ev: Event, loc: Location) -> Location:
    """An official meeting in a country, with its government and a foreign party: the capital."""
    cues = place_cues()
    if loc.feature != "country" or not loc.country or ev.cameo_root not in cues.capital_roots:
        return loc
    parties = (*ev.source, *ev.target)
    host = any(a.code == loc.country and a.sector in cues.host_sectors for a in parties)
    guest = any(a.code and a.code != loc.country for a in parties)
    if not (host and guest):
        return loc
    capital = _capital(loc.country)
    return capital.location() if capital else loc


def names_unknown_place(doc: Doc) -> bool:
    """The sentence puts something in a place the gazetteer does not know ("in Sinai"): the
    story's place is no guess for its events."""
    locative = place_cues().locative
    return any(
        ent.root.dep_ == "pobj"
        and ent.root.head.lower_ in locative
        and not Gazetteer.default().candidates(ent.text)
        for ent in place_mentions(doc)
        if ent.label_ in ("GPE", "LOC")
    )


def _locate(
    ev: Event, story: StoryPlaces, home: Place | None, unknown: bool = False
) -> Location | None:
    loc = ev.location
    gaz = Gazetteer.default()
    if loc is not None and len(gaz.candidates(loc.name)) > 1:
        again = gaz.resolve(loc.name, story)
        if again is not None:
            loc = again.location()
    if ev.historical:
        return loc
    if home is not None:
        actors = {a.code for a in (*ev.source, *ev.target) if a.code}
        if loc is None and home.country in actors and not unknown:
            loc = home.location()
    return _hosted_at_capital(ev, loc) if loc is not None else None


def _share_quantities(events: list[Event], start: int) -> list[Event]:
    """Give each quantity of a sentence to one event: of its kind, else the nearest."""
    if len(events) < 2:
        return events
    roots = {r.kind: r.roots for r in kind_rules()}
    owned: dict[int, list[Quantity]] = {i: [] for i in range(len(events))}
    sentence = events[0].sentence
    for q in events[0].quantities:
        at = sentence.find(q.text)
        fitting = [i for i, ev in enumerate(events) if ev.cameo_root in roots.get(q.kind, ())]
        pool = fitting or list(range(len(events)))

        gaps = {i: _gap(events[i], at, start) for i in pool}
        owned[min(pool, key=gaps.__getitem__)].append(q)
    return [dataclasses.replace(ev, quantities=tuple(owned[i])) for i, ev in enumerate(events)]


def _gap(ev: Event, at: int, start: int) -> int:
    """Characters between a quantity at ``at`` in the sentence and the event's evidence."""
    lo, hi = ev.evidence.start - start, ev.evidence.end - start
    return 0 if lo <= at <= hi else min(abs(at - lo), abs(at - hi))


def attach_story_attributes(
    article: Article,
    sentences: Sequence[Sentence],
    docs: Sequence[Doc | None],
    events: list[Event],
) -> list[Event]:
    """The article's events with story-level places and per-event quantities."""
    if not events:
        return events
    story = story_places(docs, events)
    home = story_place(article, docs, story)
    unknown = {
        s.index
        for s, doc in zip(sentences, docs, strict=False)
        if doc is not None and names_unknown_place(doc)
    }
    located = [
        dataclasses.replace(ev, location=_locate(ev, story, home, ev.sentence_index in unknown))
        for ev in events
    ]
    out: list[Event] = []
    by_sentence: dict[int, list[Event]] = {}
    for ev in located:
        by_sentence.setdefault(ev.sentence_index, []).append(ev)
    starts = {s.index: s.start for s in sentences}
    for index, group in by_sentence.items():
        out.extend(_share_quantities(group, starts.get(index, 0)))
    order = {ev.event_id: n for n, ev in enumerate(events)}
    return sorted(out, key=lambda e: order[e.event_id])
