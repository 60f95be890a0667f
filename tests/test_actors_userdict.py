"""User dictionaries: PETRARCH/Phoenix text format and our YAML format."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.actors import ActorLexicon, parse_petrarch, parse_yaml
from dragoman.errors import DictionaryError

PETRARCH = """\
# test dictionary
<!-- a block
comment -->
JOHN_KERRY_  [USAGOV 130201-170120] [USAELI]  # dated and default codes
+SECRETARY_KERRY
HAMAS_
+ISLAMIC_RESISTANCE_MOVEMENT
\t[PSEREBHMS]
ZORGLAND_ARMY_ [MIL]
UN_ [IGOUNO]
NOCODE_ACTOR_
"""

AGENTS = """\
!PERSON! = MAN, MEN
SOLDIER [~MIL]
ANTI_RIOT_POLICE {} [~COP]
MILITIA!PERSON! [~REB]
GENDARME {GENDARMES} [~COP]
"""


def test_petrarch_actor_blocks_synonyms_and_codes() -> None:
    parsed = parse_petrarch(PETRARCH, "test.txt")
    names = [a.names for a in parsed.actors]
    assert ("JOHN KERRY", "SECRETARY KERRY") in names
    kerry = parsed.actors[0]
    assert [(c.code, c.sector, c.start, c.end) for c in kerry.codes] == [
        ("USA", "GOV", "2013-02-01", "2017-01-20"),
        ("USA", "ELI", None, None),
    ]
    hamas = parsed.actors[1]
    assert hamas.codes[0].code == "PSE" and hamas.codes[0].sector == "REB"
    army = parsed.actors[2]
    assert (army.codes[0].code, army.codes[0].sector) == (None, "MIL")
    assert len(parsed.actors) == 4  # the actor without a code is skipped


def test_petrarch_agents_with_substitution_sets_and_plurals() -> None:
    agents = {a.phrase: a.sector for a in parse_petrarch(AGENTS, "agents.txt").agents}
    assert agents["soldier"] == "MIL"
    assert agents["anti riot police"] == "COP"
    assert agents["militiaman"] == "REB" and agents["militiamen"] == "REB"
    assert agents["gendarmes"] == "COP"


def test_petrarch_date_restrictions() -> None:
    text = "BARACK_OBAMA_ [USAGOV >090120] [USAELI <090120]\n"
    codes = parse_petrarch(text).actors[0].codes
    assert (codes[0].start, codes[0].end) == ("2009-01-20", None)
    assert (codes[1].start, codes[1].end) == (None, "2009-01-20")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("GOOD_ [USA]\nBAD_ [USAGOV 130231-140101]\n", 2),
        ("GOOD_ [USA]\n\nBROKEN_ [USAGOV\n", 3),
        ("+ORPHAN_SYNONYM\n", 1),
        ("GOOD_ [USA]\nODD_ [usa gov extra]\n", 2),
        ("# header\n\t[USAGOV]\n", 2),
        ("X_ [USAGOV 1302-1401]\n", 1),
    ],
)
def test_petrarch_malformed_line_raises_with_file_and_line_when_strict(
    text: str, line: int
) -> None:
    with pytest.raises(DictionaryError, match=rf"bad\.txt:{line}:"):
        parse_petrarch(text, "bad.txt", strict=True)


# The kinds of slips found in the public Phoenix dictionaries, in lines written for this test.
SLIPPED = """GOOD_ [USA]
BROKEN_AGENT [~ENV}
OLD_LEADER_
\t[ABWGOV >20070101]
\t[ABWELI 2004017-20061201]
LOWER_CASE_ [pse]
SPACED_DATES_
\t[ABW < 950601]
\t[ABWGOV 19950601 - 19990815]
FARMER [~AGR]
"""


def test_petrarch_reader_skips_malformed_lines_with_a_warning_and_loads_the_rest(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("WARNING", logger="dragoman.actors.userdict"):
        found = parse_petrarch(SLIPPED, "phoenix.txt")
    by_name = {a.names[0]: [(c.code, c.sector, c.start) for c in a.codes] for a in found.actors}
    assert by_name == {
        "GOOD": [("USA", None, None)],
        "OLD LEADER": [("ABW", "GOV", "2007-01-01")],
        "LOWER CASE": [("PSE", None, None)],
        "SPACED DATES": [("ABW", None, None), ("ABW", "GOV", "1995-06-01")],
    }
    assert [a.phrase for a in found.agents] == ["farmer"]
    assert len(found.skipped) == 2
    assert found.skipped[0].startswith("phoenix.txt:2: unbalanced brackets")
    assert found.skipped[1].startswith("phoenix.txt:5: malformed date")
    assert "phoenix.txt:5" in caplog.text and "2 malformed lines skipped" in caplog.text


def test_petrarch_dictionary_used_by_lexicon_with_dates(tmp_path: Path) -> None:
    path = tmp_path / "extra.actors.txt"
    path.write_text(PETRARCH, encoding="utf-8")
    lex = ActorLexicon.default((str(path),))
    words = ["John", "Kerry", "met", "Hamas", "and", "the", "UN"]
    during = {words[a]: e for a, b, e in lex.match(words, "2014-05-01")}
    assert (during["John"].code, during["John"].sector, during["John"].source) == (
        "USA",
        "GOV",
        "user",
    )
    after = {words[a]: e for a, b, e in lex.match(words, "2019-05-01")}
    assert after["John"].sector == "ELI"
    assert during["Hamas"].source == "user"
    upper = lex.match(["JOHN", "KERRY"], "2014-05-01")
    assert upper and upper[0][2].code == "USA"
    assert lex.match(["un", "homme"]) == []


YAML = """\
- name: Zorgland Liberation Front
  aliases: [ZLF]
  code: ZZZ
  sector: REB
  kind: group
- name: Jane Example
  code: USA
  sector: GOV
  kind: person
  start: 2020-01-01
  end: 2022-01-01
- name: gendarme
  kind: role
  sector: COP
"""


def test_yaml_dictionary_loads_actors_and_roles(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(YAML, encoding="utf-8")
    lex = ActorLexicon.default((str(path),))
    found = lex.match(["The", "ZLF", "and", "Jane", "Example"], "2021-06-01")
    assert [(a, b, e.code, e.sector, e.kind, e.name) for a, b, e in found] == [
        (1, 2, "ZZZ", "REB", "group", "Zorgland Liberation Front"),
        (3, 5, "USA", "GOV", "person", "Jane Example"),
    ]
    assert lex.match(["Jane", "Example"], "2023-06-01") == []
    assert lex.sector("gendarmes") == "COP"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- name: X\n  code: usa!\n", "entry 1"),
        ("- name: X\n  sector: XYZ\n", "unknown sector"),
        ("- name: X\n  code: USA\n  kind: planet\n", "kind"),
        ("- aliases: [X]\n", "name"),
        ("- name: X\n  code: USA\n  start: yesterday\n", "YYYY-MM-DD"),
        ("- name: X\n", "code or a sector"),
        ("name: X\n", "list"),
        ("- name: X\n  code: USA\n  colour: red\n", "unknown keys"),
    ],
)
def test_yaml_malformed_entry_raises(text: str, message: str) -> None:
    with pytest.raises(DictionaryError, match=message):
        parse_yaml(text, "bad.yaml")


def test_missing_dictionary_file_raises(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read"):
        ActorLexicon.default((str(tmp_path / "absent.yaml"),))
