"""Leaders by name, surname and date."""

from __future__ import annotations

import pytest

from dragoman.actors import ActorLexicon


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


def test_medvedev_in_2009_is_president(lex: ActorLexicon) -> None:
    entry = lex.leader("Medvedev", "2009-06-01")
    assert entry is not None
    assert (entry.code, entry.sector, entry.role) == ("RUS", "GOV", "head_of_state")
    assert entry.name == "Dmitry Medvedev"


def test_putin_in_2009_is_prime_minister(lex: ActorLexicon) -> None:
    entry = lex.leader("Putin", "2009-06-01")
    assert entry is not None and entry.role == "head_of_government"


def test_putin_in_2015_is_president(lex: ActorLexicon) -> None:
    entry = lex.leader("Vladimir Putin", "2015-03-01")
    assert entry is not None and entry.role == "head_of_state"


def test_full_name_with_accents_and_alias(lex: ActorLexicon) -> None:
    entry = lex.leader("Recep Tayyip Erdoğan", "2010-01-01")
    assert entry is not None and (entry.code, entry.role) == ("TUR", "head_of_government")
    assert lex.leader("Bruno Rodríguez Parrilla", "2015-01-01") is not None


def test_former_leader_is_elite(lex: ActorLexicon) -> None:
    entry = lex.leader("Tony Blair", "2012-01-01")
    assert entry is not None and (entry.code, entry.sector) == ("GBR", "ELI")


def test_ambiguous_surname_needs_a_date(lex: ActorLexicon) -> None:
    assert lex.leader("Castro") is None
    fidel = lex.leader("Castro", "2005-01-01")
    raul = lex.leader("Castro", "2012-01-01")
    assert fidel is not None and fidel.name == "Fidel Castro"
    assert raul is not None and raul.name == "Raul Castro"


def test_bush_resolves_to_president_in_office(lex: ActorLexicon) -> None:
    entry = lex.leader("Bush", "2003-03-20")
    assert entry is not None and entry.name == "George W. Bush"


def test_unknown_name_is_none(lex: ActorLexicon) -> None:
    assert lex.leader("Nobody Inparticular", "2010-01-01") is None


def test_match_resolves_surname_by_date(lex: ActorLexicon) -> None:
    words = ["Medvedev", "and", "Putin", "met", "Obama"]
    found = {words[a]: e for a, b, e in lex.match(words, "2009-07-06")}
    assert found["Medvedev"].role == "head_of_state"
    assert found["Putin"].role == "head_of_government"
    assert found["Obama"].code == "USA"


def test_match_skips_ambiguous_surname_without_date(lex: ActorLexicon) -> None:
    assert lex.match(["Castro", "spoke"]) == []


def test_stoplisted_surname_not_matched_alone_but_full_name_is(lex: ActorLexicon) -> None:
    assert lex.match(["May", "said"], "2017-01-01") == []
    found = lex.match(["Theresa", "May", "said"], "2017-01-01")
    assert [(a, b, e.name) for a, b, e in found] == [(0, 2, "Theresa May")]


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Xi Jinping", "2020-01-01", "CHN"),
        ("Hu Jintao", "2008-01-01", "CHN"),
        ("Netanyahu", "2015-01-01", "ISR"),
        ("Abbas", "2015-01-01", "PSE"),
        ("Modi", "2019-01-01", "IND"),
        ("Zelensky", "2022-03-01", "UKR"),
        ("Assad", "2013-01-01", "SYR"),
        ("Khamenei", "2013-01-01", "IRN"),
        ("Rouhani", "2015-01-01", "IRN"),
        ("Raisi", "2022-01-01", "IRN"),
        ("Daniel Ortega", "2010-01-01", "NIC"),
        ("Merkel", "2010-01-01", "DEU"),
        ("Macron", "2020-01-01", "FRA"),
        ("Sarkozy", "2010-01-01", "FRA"),
        ("Trump", "2018-01-01", "USA"),
        ("Biden", "2022-01-01", "USA"),
    ],
)
def test_well_known_leaders_in_office(lex: ActorLexicon, name: str, date: str, code: str) -> None:
    entry = lex.leader(name, date)
    assert entry is not None
    assert (entry.code, entry.sector, entry.kind, entry.source) == (code, "GOV", "person", "leader")


def test_a_common_surname_alone_is_a_leader_only_while_in_office(lex: ActorLexicon) -> None:
    in_office = lex.leader("Taylor", "2000-05-01")
    assert in_office is not None and (in_office.code, in_office.sector) == ("LBR", "GOV")
    assert lex.leader("Taylor", "2019-11-20") is None  # Taylor Swift's year, not Charles Taylor's
    former = lex.leader("Charles Taylor", "2019-11-20")
    assert former is not None and former.sector == "ELI"
