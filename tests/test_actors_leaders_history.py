"""Leaders of 1975-2000 (CAMEO and PETRARCH-era news) resolved by the article's date."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import pytest

from dragoman.actors import ActorLexicon, tables


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


@pytest.mark.parametrize(
    ("name", "date", "code", "role"),
    [
        ("Akayev", "1995-06-01", "KGZ", "head_of_state"),
        ("Rabin", "1994-01-01", "ISR", "head_of_government"),
        ("Kohl", "1990-01-01", "DEU", "head_of_government"),
        ("Yeltsin", "1995-01-01", "RUS", "head_of_state"),
        ("Arafat", "1996-01-01", "PSE", "head_of_state"),
        ("Arafat", "1988-01-01", "PSE", "head_of_state"),
        ("Saddam Hussein", "1990-08-02", "IRQ", "head_of_state"),
        ("Hafez al-Assad", "1990-01-01", "SYR", "head_of_state"),
        ("Warren Christopher", "1995-01-01", "USA", "foreign_minister"),
        ("Kozyrev", "1994-01-01", "RUS", "foreign_minister"),
        ("Douglas Hurd", "1992-01-01", "GBR", "foreign_minister"),
        ("Thatcher", "1985-01-01", "GBR", "head_of_government"),
        ("Mitterrand", "1990-01-01", "FRA", "head_of_state"),
        ("Rafsanjani", "1993-01-01", "IRN", "head_of_government"),
        ("Khomeini", "1985-01-01", "IRN", "head_of_state"),
        ("King Hussein", "1994-01-01", "JOR", "head_of_state"),
        ("Mobutu", "1995-01-01", "COD", "head_of_state"),
        ("Mandela", "1995-01-01", "ZAF", "head_of_state"),
        ("Tudjman", "1995-08-01", "HRV", "head_of_state"),
        ("Izetbegovic", "1995-08-01", "BIH", "head_of_state"),
    ],
)
def test_leader_of_the_1980s_and_1990s_resolves_to_country_and_role(
    lex: ActorLexicon, name: str, date: str, code: str, role: str
) -> None:
    entry = lex.leader(name, date)
    assert entry is not None
    assert (entry.code, entry.sector, entry.role) == (code, "GOV", role)


def test_soviet_leaders_are_coded_as_russia(lex: ActorLexicon) -> None:
    gorbachev = lex.leader("Gorbachev", "1989-01-01")
    assert gorbachev is not None
    assert (gorbachev.code, gorbachev.role) == ("RUS", "head_of_state")
    brezhnev = lex.leader("Brezhnev", "1979-12-27")
    assert brezhnev is not None and brezhnev.code == "RUS"


def test_shevardnadze_is_soviet_foreign_minister_then_georgian_head_of_state(
    lex: ActorLexicon,
) -> None:
    soviet = lex.leader("Shevardnadze", "1988-01-01")
    georgian = lex.leader("Shevardnadze", "1996-01-01")
    assert soviet is not None and (soviet.code, soviet.role) == ("RUS", "foreign_minister")
    assert georgian is not None and (georgian.code, georgian.role) == ("GEO", "head_of_state")


def test_milosevic_is_serbia_both_as_serbian_and_yugoslav_president(lex: ActorLexicon) -> None:
    for date in ("1993-01-01", "1998-06-01"):
        entry = lex.leader("Milosevic", date)
        assert entry is not None
        assert (entry.code, entry.sector, entry.role) == ("SRB", "GOV", "head_of_state")


def test_shared_surname_picks_whoever_was_in_office(lex: ActorLexicon) -> None:
    father = lex.leader("Bush", "1990-01-01")
    son = lex.leader("Bush", "2003-03-20")
    assert father is not None and father.name == "George H. W. Bush"
    assert son is not None and son.name == "George W. Bush"
    assert lex.leader("Bush", "1995-01-01") is None  # neither in office


def test_assad_is_hafez_before_2000_and_bashar_after(lex: ActorLexicon) -> None:
    hafez = lex.leader("Assad", "1995-01-01")
    bashar = lex.leader("Assad", "2013-01-01")
    assert hafez is not None and hafez.name == "Hafez al-Assad"
    assert bashar is not None and bashar.name == "Bashar al-Assad"
    assert lex.leader("Assad") is None


def test_peres_role_follows_the_date(lex: ActorLexicon) -> None:
    roles = {d: lex.leader("Shimon Peres", d) for d in ("1993-09-13", "1996-01-01", "2010-01-01")}
    assert {d: e.role if e else None for d, e in roles.items()} == {
        "1993-09-13": "foreign_minister",
        "1996-01-01": "head_of_government",
        "2010-01-01": "head_of_state",
    }


def test_leader_out_of_office_between_terms_is_elite(lex: ActorLexicon) -> None:
    entry = lex.leader("Rabin", "1985-01-01")
    assert entry is not None and (entry.code, entry.sector) == ("ISR", "ELI")


def test_match_codes_a_1994_sentence(lex: ActorLexicon) -> None:
    words = ["Yitzhak", "Rabin", "met", "King", "Hussein", "and", "Warren", "Christopher"]
    found = [(a, b, e.code, e.role) for a, b, e in lex.match(words, "1994-07-25")]
    assert found == [
        (0, 2, "ISR", "head_of_government"),
        (3, 5, "JOR", "head_of_state"),
        (6, 8, "USA", "foreign_minister"),
    ]


@pytest.mark.parametrize(
    "words",
    [["the", "Horn", "of", "Africa"], ["a", "Franco-German", "brigade"], ["the", "UNO", "said"]],
)
def test_structural_words_are_not_read_as_leader_surnames(
    lex: ActorLexicon, words: list[str]
) -> None:
    found = lex.match(words, "1995-01-01")
    assert all(entry.kind != "person" for _, _, entry in found)


def test_history_table_loads_with_pre_1980_terms_and_no_double_terms() -> None:
    rows = tables.leaders()
    assert len({r.iso3 for r in rows}) >= 100
    assert sum(1 for r in rows if r.start < "1980-01-01") >= 100
    terms: dict[tuple[str, str], list[tables.LeaderRow]] = defaultdict(list)
    for row in rows:
        terms[(row.name, row.role)].append(row)
    for spans in terms.values():
        spans.sort(key=lambda r: r.start)
        for before, after in pairwise(spans):
            assert before.end is not None and before.end <= after.start, (before, after)
