"""Sector nouns and phrases."""

from __future__ import annotations

import pytest

from dragoman.actors import ActorLexicon


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


@pytest.mark.parametrize(
    ("lemma", "sector"),
    [
        ("minister", "GOV"),
        ("president", "GOV"),
        ("authorities", "GOV"),
        ("spokeswoman", "GOV"),
        ("troops", "MIL"),
        ("troop", "MIL"),
        ("soldiers", "MIL"),
        ("police", "COP"),
        ("policemen", "COP"),
        ("judge", "JUD"),
        ("lawmakers", "LEG"),
        ("rebels", "REB"),
        ("militias", "REB"),
        ("opposition", "OPP"),
        ("civilians", "CVL"),
        ("protesters", "CVL"),
        ("refugees", "REF"),
        ("journalists", "MED"),
        ("students", "EDU"),
        ("workers", "LAB"),
        ("cleric", "REL"),
        ("doctors", "HLH"),
        ("smugglers", "CRM"),
        ("gunmen", "UAF"),
        ("Foreign Minister", "GOV"),
        ("armed forces", "MIL"),
    ],
)
def test_sector_of_role_nouns(lex: ActorLexicon, lemma: str, sector: str) -> None:
    assert lex.sector(lemma) == sector


def test_unknown_noun_has_no_sector(lex: ActorLexicon) -> None:
    assert lex.sector("banana") is None
    assert lex.sector("") is None


def test_person_roles(lex: ActorLexicon) -> None:
    for lemma in ("minister", "president", "spokesman", "prime minister", "general"):
        assert lex.is_person_role(lemma), lemma
    for lemma in ("government", "army", "police", "banana"):
        assert not lex.is_person_role(lemma), lemma


def test_sector_phrases_longest_match(lex: ActorLexicon) -> None:
    words = "the foreign minister said riot police and security forces clashed with armed forces"
    found = [(a, b, s) for a, b, s in lex.sector_phrase(words.split())]
    assert (1, 3, "GOV") in found
    assert (4, 6, "COP") in found
    assert (7, 9, "COP") in found
    assert (11, 13, "MIL") in found


def test_prime_minister_is_one_phrase(lex: ActorLexicon) -> None:
    assert lex.sector_phrase(["prime", "minister"]) == [(0, 2, "GOV")]
