"""Every pattern entry's example sentence is coded with that entry's CAMEO code."""

from __future__ import annotations

import pytest

from dragoman.errors import DictionaryError
from dragoman.events.patterns import build_index, default_patterns, load_patterns
from dragoman.events.rules import appeal_code
from dragoman.pipeline import run_batch
from dragoman.records import Document
from dragoman.settings import load_settings


def test_packaged_patterns_cover_every_cameo_root_and_plover_type() -> None:
    index = default_patterns()
    roots = {p.code[:2] for p in index.all}
    assert roots >= {f"{r:02d}" for r in range(3, 21)}
    codes = {p.code for p in index.all}
    assert len(codes) >= 120


def test_every_pattern_entry_has_an_example() -> None:
    index = default_patterns()
    codes_with_examples = {code for code, _ in index.examples}
    assert {p.code for p in index.all if p.origin == "dragoman"} <= codes_with_examples


def test_a_phrase_listed_for_two_codes_is_rejected() -> None:
    entries = [
        {"code": "040", "verbs": ["meet"]},
        {"code": "042", "verbs": ["meet"]},
    ]
    with pytest.raises(DictionaryError, match="listed for both"):
        build_index(entries)


def test_an_unknown_cameo_code_is_rejected(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "p.yaml"
    bad.write_text('- code: "999"\n  verbs: [meet]\n', encoding="utf-8")
    with pytest.raises(DictionaryError, match="unknown CAMEO code"):
        load_patterns(bad)


def test_an_unknown_plover_override_is_rejected() -> None:
    with pytest.raises(DictionaryError, match="unknown PLOVER type"):
        build_index([{"code": "040", "plover": "MEET", "verbs": ["meet"]}])


def test_phrases_split_into_lemma_prepositions_and_objects() -> None:
    index = build_index([{"code": "071", "verbs": ["write off debt"], "example": "x"}])
    (pattern,) = index.all
    assert (pattern.lemma, pattern.preps, pattern.objects) == ("write", ("off",), ("debt",))


@pytest.mark.model
def test_every_example_sentence_is_coded_with_its_code() -> None:
    index = default_patterns()
    docs = [
        Document(f"{n}:{code}", "example", text.encode(), "text", date="2020-01-01")
        for n, (code, text) in enumerate(index.examples)
    ]
    result = run_batch(docs, load_settings())
    coded: dict[str, set[str]] = {}
    for event in result.events:
        coded.setdefault(event.doc_id, set()).add(event.cameo)
    # An appeal verb ("urged", "asked") codes a demand entry as the matching CAMEO 02 appeal.
    wrong = [
        (doc.doc_id.split(":")[1], doc.data.decode(), sorted(coded.get(doc.doc_id, ())))
        for doc in docs
        if not {doc.doc_id.split(":")[1], appeal_code(doc.doc_id.split(":")[1])}
        & coded.get(doc.doc_id, set())
    ]
    assert not result.failures
    assert wrong == []
