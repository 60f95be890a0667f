"""PETRARCH2's CAMEO verb dictionary, converted into a packaged verb table and merged."""

from __future__ import annotations

import importlib.util
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from dragoman.errors import DictionaryError
from dragoman.events.patterns import (
    PETRARCH2_VERBS,
    build_index,
    default_patterns,
    merge_verb_table,
    read_verb_table,
)

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "convert_cameo_verbs.py"

# A hand-made dictionary in PETRARCH2's format: two synonym sets, a coded block, a block with
# no code, and a statement block.
DICTIONARY = """\
# header comment
####### SYNONYM SETS #######

&MILITARY
+ARMY
+SOLDIERS
+{ARMED FORCES}

&FOOD
+RICE
+WHEAT

####### VERB PATTERNS #######

---  ACCELERATE   [---]  ---
RUSH
HURRY {HURRIES HURRYING HURRIED }
- * &FOOD                                   [073]   # RUSH
- * (TO BORDER)                             [154]   # RUSH
- &MILITARY *                               [154]   # RUSH
- * + $ (TO)                                [042]   # RUSH
- * HELP                                    [---]   # RUSH

---  PHYSICAL_CONFLICT   [190]  ---
BATTLE
+FIGHT_BACK
+KILLED_AND {}
- * &MILITARY                               [190]   # BATTLE
- * (WITH RIFLE)                            [193]   # BATTLE
- * (IN RIOT)                               [175]   # BATTLE
- * (IN RALLY) (FOR)                        [053]   # BATTLE

---  EXPLAIN_VERBAL   [010]  ---
EXPLAIN
- * POLICY                                  [012]   # EXPLAIN
- * DEPLOYMENT                              [154]   # EXPLAIN

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("convert_cameo_verbs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    path = tmp_path_factory.mktemp("dict") / "CAMEO.test.txt"
    path.write_text(DICTIONARY, encoding="latin-1")
    text = _script().build(path)
    rows = read_verb_table(text)
    return {phrase: (code, source) for code, phrase, source in rows}


def test_every_verb_of_a_block_takes_every_pattern_with_sets_expanded(
    converted: dict[str, tuple[str, str]],
) -> None:
    for verb in ("rush", "hurry"):
        assert converted[f"{verb} rice"][0] == "073"
        assert converted[f"{verb} wheat"][0] == "073"
        assert converted[f"{verb} to border"][0] == "154"
    # a set member stands for its head noun, singular: "{ARMED FORCES}" -> "force"
    assert {"battle army", "battle soldier", "battle force"} <= set(converted)
    assert converted["battle with rifle"] == ("193", "CAMEO.2.0.txt:29, block PHYSICAL_CONFLICT")


def test_classes_the_table_cannot_use_are_dropped(converted: dict[str, tuple[str, str]]) -> None:
    phrases = set(converted)
    assert "rush help" not in phrases  # null code
    assert not any(p.startswith("explain") for p in phrases if converted[p][0][:2] == "01")
    # a saying block's phrases name reported content ("explained the deployment"), no act
    assert not any(p.startswith("explain") for p in phrases)
    assert "rush" not in phrases and "hurry" not in phrases  # a block with no code
    assert not any(p.startswith(("rush to", "hurry to")) and p.endswith("to") for p in phrases)
    assert not any(p.startswith("killed") for p in phrases)  # a fixed string, no verb
    assert "battle in rally for" not in phrases  # two prepositional phrases


def test_a_verb_alone_or_with_particles_only_is_not_kept(
    converted: dict[str, tuple[str, str]],
) -> None:
    assert "battle" not in converted  # the block's code alone
    assert "fight back" not in converted  # a compound: verb and particle
    assert "battle in riot" in converted  # an object makes a phrase specific


@pytest.mark.shared
def test_the_script_reproduces_the_committed_table_from_shared(shared_dir: Path) -> None:
    """Rerunning the conversion on ../shared gives the packaged file byte for byte."""
    dictionary = shared_dir / "data" / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
    committed = resources.files("dragoman.events").joinpath(PETRARCH2_VERBS).read_text("utf-8")
    assert _script().build(dictionary) == committed


def test_our_table_keeps_the_senses_of_the_verbs_it_lists() -> None:
    ours = build_index(
        [
            {"code": "190", "verbs": ["battle"], "example": "x"},
            {"code": "040", "verbs": ["meet with"], "target": "with", "example": "x"},
        ]
    )
    merged = merge_verb_table(
        ours,
        [
            ("193", "battle", "CAMEO.2.0.txt:1, block B"),
            ("193", "battle with rifle", "CAMEO.2.0.txt:2, block B"),
            ("193", "skirmish with rifle", "CAMEO.2.0.txt:2, block B"),
            ("040", "confer with", "CAMEO.2.0.txt:3, block C"),
        ],
    )
    by_phrase = {p.pattern_id: p for p in merged.all}
    assert "193:verb:battle" not in by_phrase
    assert "193:verb:battle with rifle" not in by_phrase
    assert by_phrase["190:verb:battle"].origin == "dragoman"
    added = by_phrase["193:verb:skirmish with rifle"]
    assert (added.origin, added.source) == ("petrarch2", "CAMEO.2.0.txt:2, block B")
    assert added.provenance == "PETRARCH2 CAMEO verb dictionary (CAMEO.2.0.txt:2, block B)"
    assert by_phrase["190:verb:battle"].provenance == "dragoman patterns.yaml"
    assert added.max_depth == 2  # a PETRARCH2 object heads one of the verb's own phrases
    # the added phrase finds its target as our patterns for that code do
    assert by_phrase["040:verb:confer with"].target == "with"
    assert merged.verbs["skirmish"] == (added,)


def test_packaged_patterns_keep_their_origin() -> None:
    origins = {p.origin for p in default_patterns().all}
    assert origins == {"dragoman", "petrarch2"}
    assert all(
        p.source.startswith("CAMEO.2.0.txt:")
        for p in default_patterns().all
        if p.origin == "petrarch2"
    )


def test_a_verb_table_without_its_header_or_with_an_unknown_code_is_rejected() -> None:
    with pytest.raises(DictionaryError, match="header"):
        read_verb_table("# comment\n190\tbattle\tbare-verb\tB\t1\n")
    with pytest.raises(DictionaryError, match="unknown CAMEO code"):
        read_verb_table("code\tphrase\tclass\tblock\tline\n999\tbattle\tbare-verb\tB\t1\n")
