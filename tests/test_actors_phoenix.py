"""The PETRARCH2 / Phoenix dictionaries converted into packaged tables, and how they resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.actors import ActorLexicon, tables
from dragoman.actors.convert import (
    ACTORS_TABLE,
    AGENTS_TABLE,
    clean_name,
    convert,
    format_code,
    package_data,
)
from dragoman.actors.lexicon import phoenix_code
from dragoman.actors.userdict import DatedCode


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.slow
def test_rerunning_the_conversion_gives_the_committed_tables(shared_dir: Path) -> None:
    source = shared_dir / "data" / "dictionaries" / "petrarch2"
    if not source.is_dir():
        pytest.skip(f"{source} absent")
    result = convert(source)
    for name, text in result.files().items():
        committed = (package_data() / name).read_text("utf-8")
        assert text == committed, f"{name} differs from a fresh conversion: rerun the script"
    assert result.counts["kept: person"] > 15_000
    assert result.counts["kept: agent"] > 2_000


def test_packaged_tables_carry_their_credit_and_licence() -> None:
    for name in (ACTORS_TABLE, AGENTS_TABLE):
        head = (package_data() / name).read_text("utf-8").splitlines()[0]
        assert "Open Event Data Alliance, PETRARCH2 / Phoenix dictionaries" in head
    licence = (package_data() / "PHOENIX_LICENSE.txt").read_text("utf-8")
    assert "MIT" in licence and "Open Event Data Alliance" in licence


def test_codes_are_written_back_in_petrarch_syntax_with_full_dates() -> None:
    assert format_code(DatedCode("CUB", "GOV", "2009-04-01", None)) == "CUBGOV >20090401"
    assert format_code(DatedCode("USA", "GOV", "2009-01-20", "2017-01-20")) == (
        "USAGOV 20090120-20170120"
    )
    assert format_code(DatedCode(None, "ELI", None, None)) == "ELI"
    assert format_code(DatedCode("IGOUNO", None, None, "1961-09-18")) == "IGOUNO <19610918"


def test_names_lose_acronyms_in_brackets_quotes_and_numbers() -> None:
    assert clean_name("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_") == "ADEN ABYAN ISLAMIC ARMY"
    assert clean_name('DA_PIEDADE_DIAS_DOS_SANTOS__"NANDO"_') == "DA PIEDADE DIAS DOS SANTOS NANDO"
    assert clean_name("UNIT_731") is None


def test_a_role_in_office_wins_over_elite_status_on_the_same_day() -> None:
    codes = (
        DatedCode("AGO", "ELI", "1960-01-01", "2000-01-01"),
        DatedCode("AGO", "GOV", "1979-09-10", None),
        DatedCode("AGO", "ELI", None, None),
    )
    assert phoenix_code(codes, "1990-01-01") == codes[1]
    assert phoenix_code(codes, "1970-01-01") == codes[0]
    assert phoenix_code(codes, None) == codes[2]


def test_a_minister_of_the_dictionaries_resolves_by_date(lex: ActorLexicon) -> None:
    spring_2014 = lex.leader("Bruno Rodriguez Parilla", "2014-04-30")  # short form, in office
    assert spring_2014 is not None
    assert (spring_2014.code, spring_2014.sector) == ("CUB", "GOV")
    assert lex.leader("Bruno Rodriguez Parilla", "2006-01-01") is None  # out of office
    annan = lex.match(["Kofi", "Annan", "said"], "2000-06-01")
    assert [(s, e, x.code) for s, e, x in annan] == [(0, 2, "IGOUNO")]
    later = lex.match(["Kofi", "Annan", "said"], "2010-06-01")
    assert [(x.code, x.sector) for _s, _e, x in later] == [(None, "ELI")]


def test_our_leaders_win_and_the_dictionaries_fill_the_days_we_do_not_cover(
    lex: ActorLexicon,
) -> None:
    president = lex.leader("Nicolas Sarkozy", "2010-01-01")
    assert president is not None and president.role == "head_of_state"
    minister = lex.leader("Nicolas Sarkozy", "2003-06-01")  # a minister in Phoenix, not in ours
    assert minister is not None and (minister.code, minister.sector) == ("FRA", "GOV")
    assert minister.name == "Nicolas Sarkozy"


def test_one_word_names_of_people_resolve_only_while_in_office(lex: ActorLexicon) -> None:
    in_office = lex.leader("Tantawi", "2000-01-01")
    assert in_office is not None and (in_office.code, in_office.sector) == ("EGY", "GOV")
    assert lex.leader("Tantawi", "2015-01-01") is None  # out of office (ELI)
    assert lex.leader("Tantawi") is None
    assert lex.match(["Tantawi", "said"], "2000-01-01") == []  # not matched in running text


def test_names_that_are_common_words_do_not_match(lex: ActorLexicon) -> None:
    for word in ("Youth", "Senate", "Falcon", "Organization"):
        assert lex.match([word, "leaders", "met"], "2010-01-01") == [], word


def test_phoenix_names_follow_the_case_rules_of_proper_names(lex: ActorLexicon) -> None:
    words = ["Afghan", "National", "Security", "Forces", "said"]
    ((start, end, entry),) = lex.match(words, "2012-01-01")
    assert (start, end, entry.code, entry.sector) == (0, 4, "AFG", "MIL")
    lower = lex.match(["afghan", "national", "security", "forces"], "2012-01-01")
    assert all(e.source != "phoenix" for _s, _e, e in lower)
    ((_s, _e, aclu),) = lex.match(["ACLU", "lawyers"])
    assert aclu.code == "NGOUSAHRI" and aclu.source == "phoenix"


def test_on_the_same_words_our_tables_win(lex: ActorLexicon) -> None:
    ((_s, _e, fbi),) = lex.match(["the", "FBI", "said"])
    assert (fbi.code, fbi.sector, fbi.source) == ("USA", "COP", "metonym")


def test_phoenix_agents_are_sector_nouns_and_ours_win(lex: ActorLexicon) -> None:
    assert lex.sector("abductor") == "CRM"
    assert lex.sector("gendarmery") == "COP"
    assert lex.sector("police") == "COP"
    assert not lex.is_person_role("abductor")


def test_agents_that_name_places_vehicles_or_things_are_left_out(lex: ActorLexicon) -> None:
    for noun in ("village", "tanker", "magazine", "aircraft carrier", "small town", "hiker"):
        assert lex.sector(noun) is None, noun
    skipped = {row.phrase for row in tables.phoenix_agents()}
    assert "village" not in skipped and "abductor" in skipped
