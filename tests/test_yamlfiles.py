"""Data files read as YAML keep their words: YAML 1.1's on/off/yes/no are not booleans."""

from __future__ import annotations

from dragoman.attributes.places import place_cues
from dragoman.events.rulebook import words
from dragoman.yamlfiles import load_yaml


def test_yaml_1_1_booleans_stay_words_and_true_false_stay_booleans() -> None:
    data = load_yaml("preps: [on, off, in]\ncodes: [NO, yes, Y, n]\nflag: true\nother: false\n")
    assert data == {
        "preps": ["on", "off", "in"],
        "codes": ["NO", "yes", "Y", "n"],
        "flag": True,
        "other": False,
    }


def test_packaged_word_lists_hold_on_and_off_as_words() -> None:
    assert "on" in words("read.target-preps")
    assert "on" in place_cues().movement_links
    assert "off" in place_cues().locative
