"""The attribute ruler matched by lookup gives every token the attributes spaCy's Matcher gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.matcher import Matcher

from dragoman.ingest import read_inputs
from dragoman.nlp import pipeline_for
from dragoman.nlp.rules import IndexedMatcher, index_attribute_ruler, stock_attribute_ruler
from dragoman.pipeline import prepare_batch
from dragoman.settings import load_settings

pytestmark = pytest.mark.model

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
# the ruler's exceptions: "ai n't", "gon na", "let 's", "y' all", "there is", "but" as adverb
ODD = [
    "We ain't gonna let 's go, y'all said, but there were 2 reasons.",
    "I  told you it wasn't me; they gave it to me and I did.",
    "  ",
    "",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    settings = load_settings(env={})
    prepared = prepare_batch(list(read_inputs([str(SAMPLES)], settings)), settings)
    return [a.text for a in prepared.articles] + ODD


def _attributes(nlp: spacy.language.Language, texts: list[str]) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_)
        for doc in nlp.pipe(texts)
        for t in doc
    ]


def test_tokens_get_the_attributes_the_stock_ruler_gives(texts: list[str]) -> None:
    nlp = pipeline_for(load_settings(env={}))
    assert isinstance(nlp.get_pipe("attribute_ruler").matcher, IndexedMatcher)
    indexed = _attributes(nlp, texts)
    with stock_attribute_ruler(nlp):
        assert isinstance(nlp.get_pipe("attribute_ruler").matcher, Matcher)
        stock = _attributes(nlp, texts)
    assert len(indexed) > 5_000
    assert indexed == stock


def test_matches_equal_the_matchers_on_every_pattern_kind(texts: list[str]) -> None:
    nlp = pipeline_for(load_settings(env={}))
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = ruler.matcher
    assert isinstance(indexed, IndexedMatcher)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        want = indexed.original(doc, allow_missing=True, as_spans=False)
        assert sorted(indexed(doc, allow_missing=True)) == sorted(want)


def test_a_pattern_outside_what_it_reads_leaves_the_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}, {"POS": "NOUN", "OP": "+"}]], {"LEMMA": "x"})
    index_attribute_ruler(nlp)
    assert isinstance(ruler.matcher, Matcher)
    with stock_attribute_ruler(nlp):  # nothing to put back
        assert isinstance(ruler.matcher, Matcher)
