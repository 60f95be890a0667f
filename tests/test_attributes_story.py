"""Places, dates and quantities of events. Sentences written for this file."""

from __future__ import annotations

import datetime as dt

import pytest

from dragoman.attributes import parse_number, quantities, relative_date
from dragoman.attributes.gazetteer import Gazetteer, StoryPlaces
from dragoman.pipeline import code_texts
from dragoman.settings import load_settings

BASE = dt.date(2014, 4, 30)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "value"),
    [("Twenty-five", 25), ("Sixty", 60), ("Seventeen", 17), ("1,200", 1200), ("dozens", 24)],
)
def test_number_words_and_digits_parse(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_number_words_count_the_arrested() -> None:
    (q,) = quantities("Twenty-five protesters were arrested in the capital.")
    assert (q.kind, q.value) == ("arrested", 25)


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit"),
    [
        ("Cuba's $30 billion debt to Russia", "money", 3e10, "USD"),
        ("a loan of 2.5 billion euros", "money", 2.5e9, "EUR"),
        ("At least 12 civilians were killed in the strike", "dead", 12, None),
        ("Forty people were wounded", "injured", 40, None),
        ("some 3,000 villagers fled their homes", "displaced", 3000, None),
        ("thousands of demonstrators marched to parliament", "crowd", 2000, None),
        ("Washington will send 500 troops to the region", "troops", 500, None),
    ],
)
def test_quantities_have_kind_value_and_unit(
    sentence: str, kind: str, value: float, unit: str | None
) -> None:
    found = [q for q in quantities(sentence) if q.kind == kind]
    assert found and found[0].value == value and found[0].unit == unit, quantities(sentence)


def test_soldiers_are_not_dead_for_the_letters_of_their_noun() -> None:
    assert [q.kind for q in quantities("200 soldiers crossed the river")] == ["troops"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday", ("2014-04-29", "day")),
        ("last week", ("2014-04-23", "week")),
        ("two days ago", ("2014-04-28", "day")),
        ("three weeks ago", ("2014-04-09", "week")),
        ("earlier this month", ("2014-04-01", "month")),
        ("last month", ("2014-03-01", "month")),
        ("yesterday", ("2014-04-29", "day")),
        ("last year", ("2013-01-01", "year")),
    ],
)
def test_relative_dates_resolve_against_publication(text: str, expected: tuple[str, str]) -> None:
    assert relative_date(text, BASE, future=False) == expected


def test_an_announced_weekday_is_the_next_one() -> None:
    assert relative_date("on Friday", BASE, future=True) == ("2014-05-02", "day")


def test_ambiguous_place_names_follow_the_story() -> None:
    gaz = Gazetteer.default()
    assert gaz.resolve("Paris").country == "FRA"  # type: ignore[union-attr]
    texas = gaz.resolve("Paris", StoryPlaces(admin1={"Texas"}))
    assert texas is not None and (texas.country, texas.admin1) == ("USA", "Texas")
    assert gaz.resolve("Georgia").feature == "country"  # type: ignore[union-attr]
    state = gaz.resolve("Georgia", StoryPlaces(countries={"USA"}))
    assert state is not None and state.feature == "admin1"


def test_a_country_is_a_country_never_a_town_named_after_it() -> None:
    china = Gazetteer.default().resolve("China")
    assert china is not None and china.feature == "country" and china.country == "CHN"


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        # each capital lies outside its box: Havana (23.1, -82.4), Moscow (55.8, 37.6),
        # Washington (38.9, -77.0)
        ("Cuba", (20.0, 23.0), (-81.0, -76.0)),
        ("Russia", (50.0, 70.0), (50.0, 110.0)),
        ("United States", (33.0, 45.0), (-105.0, -88.0)),
    ],
)
def test_a_country_is_at_its_centre_not_at_its_capital(
    name: str, lat: tuple[float, float], lon: tuple[float, float]
) -> None:
    country = Gazetteer.default().resolve(name)
    assert country is not None and country.feature == "country"
    assert country.lat is not None and lat[0] < country.lat < lat[1]
    assert country.lon is not None and lon[0] < country.lon < lon[1]


TEXTS = {
    "clause": (
        "The Cuban side voiced its support for Russia in relation to the crisis in Ukraine.",
        "2014-04-30",
    ),
    "qualified": (
        "Police arrested 25 anti-government protesters in Paris, Texas, on Sunday.",
        "2018-09-03",
    ),
    "month": ("Russia and China signed a gas deal in March.", "2014-05-21"),
    "two": (
        "Police arrested 30 protesters in Cairo, and Islamist militants killed four soldiers "
        "in Sinai.",
        "2014-05-21",
    ),
    "visit": (
        "During his visit to Cuba, Lavrov met President Raul Castro. "
        "Lavrov also met Cuban officials this week.",
        "2014-04-30",
    ),
    "dateline": (
        "KABUL (Reuters) - Afghan police arrested 12 militants on Tuesday, officials said.",
        "2021-05-20",
    ),
}


@pytest.fixture(scope="module")
def coded() -> dict[str, list[dict[str, object]]]:
    return code_texts(((k, t, d) for k, (t, d) in TEXTS.items()), load_settings())


def _loc(event: dict[str, object]) -> dict[str, object]:
    loc = event["location"]
    assert isinstance(loc, dict), event
    return loc


def test_a_place_qualifying_a_topic_is_not_the_event_place(coded: dict) -> None:
    events = coded["clause"]
    assert events and all(
        e["location"] is None or e["location"]["country"] != "UKR" for e in events
    )


def test_a_qualified_place_resolves_inside_its_state(coded: dict) -> None:
    loc = _loc(coded["qualified"][0])
    assert (loc["name"], loc["country"], loc["admin1"], loc["feature"]) == (
        "Paris",
        "USA",
        "Texas",
        "city",
    )


def test_in_march_is_dated_with_month_precision(coded: dict) -> None:
    (event,) = coded["month"]
    assert (event["date"], event["date_precision"]) == ("2014-03-01", "month")


def test_each_quantity_goes_to_its_own_event(coded: dict) -> None:
    by_root = {e["cameo_root"]: e for e in coded["two"]}
    arrest = [q["kind"] for q in by_root["17"]["quantities"]]
    killing = [q["kind"] for q in by_root["19"]["quantities"]]
    assert arrest == ["arrested"] and killing == ["dead"]
    assert _loc(by_root["17"])["name"] == "Cairo"
    # "in Sinai" is a place the gazetteer does not know: not guessed as Cairo
    assert by_root["19"]["location"] is None


def test_an_official_visit_is_placed_at_the_hosts_capital(coded: dict) -> None:
    names = {_loc(e)["name"] for e in coded["visit"]}
    assert names == {"Havana"}


def test_an_event_without_a_place_takes_the_dateline(coded: dict) -> None:
    (event,) = coded["dateline"]
    assert _loc(event)["name"] == "Kabul" and event["date"] == "2021-05-18"
