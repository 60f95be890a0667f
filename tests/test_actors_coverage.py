"""Coverage of the packaged tables and place lookup."""

from __future__ import annotations

import pycountry
import pytest

from dragoman.actors import ActorLexicon, tables
from dragoman.actors.phrases import tokenize_phrase

NO_ADJECTIVE = {"ATF", "BVT", "HMD", "SGS", "SJM", "UMI", "COG", "VAT"}
NO_CAPITAL = {"ATA", "BVT", "HMD", "UMI"}


def test_every_iso_country_has_name_adjective_and_capital() -> None:
    rows = {row.iso3: row for row in tables.countries()}
    iso = {c.alpha_3 for c in pycountry.countries}
    assert iso <= set(rows)
    assert "XKX" in rows
    for code, row in rows.items():
        assert row.name, code
        assert row.lat is not None and row.lon is not None, code
        if code not in NO_ADJECTIVE:
            assert row.adjectives or row.demonyms, code
        if code not in NO_CAPITAL:
            assert row.capital, code


def test_every_country_name_matches_itself() -> None:
    lex = ActorLexicon.default()
    for row in tables.countries():
        words = tokenize_phrase(row.name)[0]  # as spaCy splits it
        found = lex.match(words)
        assert found and found[0][2].code == row.iso3, row.name


def test_leaders_table_covers_many_countries_and_valid_dates() -> None:
    rows = tables.leaders()
    assert len({r.iso3 for r in rows}) >= 60
    for row in rows:
        assert row.role in {"HOS", "HOG", "FM"}
        assert row.end is None or row.start < row.end, row


def test_organisation_codes_follow_cameo_prefixes() -> None:
    isos = {row.iso3 for row in tables.countries()}
    for org in tables.organisations():
        if org.kind == "org":
            assert org.code[:3] in {"IGO", "NGO"}, org
        else:
            assert org.code in isos or org.code.startswith("IMG"), org


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


def test_country_name_is_a_country_not_a_town(lex: ActorLexicon) -> None:
    china = lex.place("China")
    assert china is not None and china.country == "CHN" and china.name == "China"
    assert china.lat is not None and 39 < china.lat < 41  # Beijing


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Paris", "FRA"),
        ("Havana", "CUB"),
        ("Moscow", "RUS"),
        ("Kiev", "UKR"),
        ("Gaza", "PSE"),
        ("Georgia", "GEO"),
        ("Jordan", "JOR"),
        ("the Netherlands", "NLD"),
        ("Aleppo", "SYR"),
    ],
)
def test_place_lookup_prefers_countries_then_most_populous_city(
    lex: ActorLexicon, name: str, country: str
) -> None:
    place = lex.place(name)
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("name", "country"),
    [("South Carolina", "USA"), ("Virginia", "USA"), ("Georgia", "GEO"), ("New York", "USA")],
)
def test_us_states_are_places_unless_a_country_or_big_city_has_the_name(
    lex: ActorLexicon, name: str, country: str
) -> None:
    place = lex.place(name)
    assert place is not None and place.country == country and place.lat is not None


def test_unknown_place_is_none(lex: ActorLexicon) -> None:
    assert lex.place("Nowhereville Flats") is None
