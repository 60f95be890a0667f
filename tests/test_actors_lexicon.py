"""ActorLexicon: names, case rules, metonyms, capitals, IGOs, groups, leaders by date."""

from __future__ import annotations

import pytest

from dragoman.actors import ActorLexicon, Entry


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


def spans(lex: ActorLexicon, text: str, date: str | None = None) -> dict[str, Entry]:
    words = text.split()
    return {" ".join(words[a:b]): e for a, b, e in lex.match(words, date)}


def test_default_lexicon_is_cached(lex: ActorLexicon) -> None:
    assert ActorLexicon.default() is lex


def test_design_example_sentence_finds_adjectives_leader_and_capital(lex: ActorLexicon) -> None:
    found = spans(
        lex,
        "Russian Foreign Minister Sergei Lavrov met with Cuban authorities in Havana",
        "2014-04-30",
    )
    assert found["Russian"].code == "RUS" and found["Russian"].source == "adjective"
    lavrov = found["Sergei Lavrov"]
    assert (lavrov.code, lavrov.sector, lavrov.kind, lavrov.role) == (
        "RUS",
        "GOV",
        "person",
        "foreign_minister",
    )
    assert found["Cuban"].code == "CUB"
    assert found["Havana"] == Entry("CUB", "GOV", "country", None, "capital")


@pytest.mark.parametrize(
    ("phrase", "code", "sector"),
    [
        ("Kremlin", "RUS", "GOV"),
        ("White House", "USA", "GOV"),
        ("Pentagon", "USA", "MIL"),
        ("State Department", "USA", "GOV"),
        ("Downing Street", "GBR", "GOV"),
        ("Whitehall", "GBR", "GOV"),
        ("Quai d'Orsay", "FRA", "GOV"),
        ("Elysee", "FRA", "GOV"),
        ("Zhongnanhai", "CHN", "GOV"),
        ("Blue House", "KOR", "GOV"),
        ("Knesset", "ISR", "LEG"),
        ("Congress", "USA", "LEG"),
        ("Duma", "RUS", "LEG"),
        ("Bundestag", "DEU", "LEG"),
        ("CIA", "USA", "SPY"),
    ],
)
def test_government_metonym_resolves_to_country_and_sector(
    lex: ActorLexicon, phrase: str, code: str, sector: str
) -> None:
    found = spans(lex, f"the {phrase} said")
    assert (found[phrase].code, found[phrase].sector) == (code, sector)


@pytest.mark.parametrize(
    ("capital", "code"),
    [
        ("Moscow", "RUS"),
        ("Washington", "USA"),
        ("Beijing", "CHN"),
        ("Tehran", "IRN"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Pristina", "XKX"),
        ("Ramallah", "PSE"),
    ],
)
def test_capital_used_as_metonym_resolves_to_country(
    lex: ActorLexicon, capital: str, code: str
) -> None:
    entry = spans(lex, f"{capital} warned")[capital]
    assert (entry.code, entry.sector, entry.source) == (code, "GOV", "capital")


@pytest.mark.parametrize(
    ("word", "code", "source"),
    [
        ("Russian", "RUS", "adjective"),
        ("Cuban", "CUB", "adjective"),
        ("Israeli", "ISR", "adjective"),
        ("Palestinian", "PSE", "adjective"),
        ("Kosovar", "XKX", "adjective"),
        ("Russians", "RUS", "demonym"),
        ("Iraqis", "IRQ", "demonym"),
        ("Afghans", "AFG", "demonym"),
        ("Filipinos", "PHL", "demonym"),
        ("Britons", "GBR", "demonym"),
    ],
)
def test_adjectives_and_demonyms_resolve_to_country(
    lex: ActorLexicon, word: str, code: str, source: str
) -> None:
    entry = spans(lex, f"{word} said")[word]
    assert (entry.code, entry.source) == (code, source)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("United States", "USA"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("America", "USA"),
        ("USA", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("Great Britain", "GBR"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Ivory Coast", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Burma", "MMR"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Congo", "COD"),
        ("DR Congo", "COD"),
        ("Democratic Republic of Congo", "COD"),
        ("Republic of Congo", "COG"),
        ("Kosovo", "XKX"),
        ("Taiwan", "TWN"),
        ("Hong Kong", "HKG"),
        ("Gaza", "PSE"),
        ("West Bank", "PSE"),
        ("Bosnia and Herzegovina", "BIH"),
    ],
)
def test_country_names_and_aliases(lex: ActorLexicon, text: str, code: str) -> None:
    assert spans(lex, f"in {text} today")[text].code == code


def test_longest_match_prefers_multiword_country(lex: ActorLexicon) -> None:
    found = spans(lex, "Equatorial Guinea and Papua New Guinea and Guinea-Bissau")
    assert found["Equatorial Guinea"].code == "GNQ"
    assert found["Papua New Guinea"].code == "PNG"
    assert "Guinea" not in found


def test_spacy_style_hyphen_tokens_match(lex: ActorLexicon) -> None:
    matches = lex.match(["Guinea", "-", "Bissau", "and", "al", "-", "Shabab"])
    assert [(a, b, e.code) for a, b, e in matches] == [(0, 3, "GNB"), (4, 7, "SOM")]


def test_hyphenated_token_matches_by_its_first_part(lex: ActorLexicon) -> None:
    matches = lex.match(["U.S.-led", "forces"])
    assert [(a, b, e.code) for a, b, e in matches] == [(0, 1, "USA")]


@pytest.mark.parametrize(
    "text",
    [
        "a chad of paper",
        "roast turkey for dinner",
        "fine china plates",
        "a guinea pig",
        "jordan almonds",
        "let us go",
        "un homme",
        "who said it",
        "Who said it",
        "the new mexico policy",
    ],
)
def test_lowercase_common_words_never_match(lex: ActorLexicon, text: str) -> None:
    assert lex.match(text.split()) == []


def test_blocked_phrases_do_not_yield_the_country_inside(lex: ActorLexicon) -> None:
    text = "New Mexico and Latin America and the Indian Ocean and the Washington Post"
    assert lex.match(text.split()) == []


def test_all_caps_headline_matches(lex: ActorLexicon) -> None:
    found = spans(lex, "RUSSIA WARNS US AND NATO AFTER PUTIN VISITS CHINA", "2015-01-01")
    assert found["RUSSIA"].code == "RUS"
    assert found["US"].code == "USA"
    assert found["NATO"].code == "IGOWSTNAT"
    assert found["PUTIN"].name == "Vladimir Putin"
    assert found["CHINA"].code == "CHN"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("United Nations", "IGOUNO"),
        ("UN", "IGOUNO"),
        ("U.N.", "IGOUNO"),
        ("UN Security Council", "IGOUNO"),
        ("UNHCR", "IGOUNOREFHCR"),
        ("UNICEF", "IGOUNOKID"),
        ("WHO", "IGOUNOHLHWHO"),
        ("IAEA", "IGOUNOIAE"),
        ("European Union", "IGOEUREEC"),
        ("EU", "IGOEUREEC"),
        ("NATO", "IGOWSTNAT"),
        ("Nato", "IGOWSTNAT"),
        ("African Union", "IGOAFRAFU"),
        ("Arab League", "IGOMEAARL"),
        ("OPEC", "IGOOPC"),
        ("IMF", "IGOBUSIMF"),
        ("World Bank", "IGOUNODEVWBK"),
        ("ASEAN", "IGOSEAASN"),
        ("ECOWAS", "IGOWAFWAS"),
        ("Interpol", "IGOCOPITP"),
        ("International Criminal Court", "IGOJUDICC"),
        ("Red Cross", "NGOHLHIRC"),
        ("Amnesty International", "NGOHRIAMN"),
        ("Human Rights Watch", "NGOHRIHRW"),
        ("Doctors Without Borders", "NGOHLHMSF"),
    ],
)
def test_igos_and_ngos_have_cameo_style_codes(lex: ActorLexicon, text: str, code: str) -> None:
    entry = spans(lex, f"the {text} said")[text]
    assert entry.code == code
    assert entry.kind == "org" and entry.source == "igo"
    assert entry.code[:3] in {"IGO", "NGO"}


def test_brussels_stays_belgium(lex: ActorLexicon) -> None:
    assert spans(lex, "Brussels said")["Brussels"].code == "BEL"


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Hamas", "PSE", "REB"),
        ("Hezbollah", "LBN", "REB"),
        ("Taliban", "AFG", "REB"),
        ("Islamic State", "IMGMUSISI", "REB"),
        ("ISIS", "IMGMUSISI", "REB"),
        ("Daesh", "IMGMUSISI", "REB"),
        ("al-Qaeda", "IMGMUSALQ", "REB"),
        ("Boko Haram", "NGA", "REB"),
        ("FARC", "COL", "REB"),
        ("PKK", "TUR", "REB"),
        ("Houthis", "YEM", "REB"),
        ("al-Shabab", "SOM", "REB"),
    ],
)
def test_named_armed_groups(lex: ActorLexicon, text: str, code: str, sector: str) -> None:
    entry = spans(lex, f"the {text} attacked")[text]
    assert (entry.code, entry.sector, entry.kind, entry.source) == (code, sector, "group", "group")


def test_country_name_lookup(lex: ActorLexicon) -> None:
    assert lex.country_name("RUS") == "Russia"
    assert lex.country_name("usa") == "United States"
    assert lex.country_name("XKX") == "Kosovo"
    assert lex.country_name("ZZZ") is None
