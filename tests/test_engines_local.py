"""The local engine gives the same events, in the same order, with one or two processes."""

from __future__ import annotations

import pytest

from dragoman.dedup import NearDuplicateIndex, PageMemo
from dragoman.engines.local import run
from dragoman.errors import ConfigError
from dragoman.records import Document, Failure
from dragoman.settings import load_settings

TEXTS = [
    "Russian Foreign Minister Sergei Lavrov met Cuban President Raul Castro in Havana.",
    "Police arrested 40 protesters in Nairobi on Monday.",
    "The European Union imposed new sanctions on Iran.",
    "Japan pledged $200 million in aid to the Philippines.",
    "Israeli warplanes struck targets in Gaza, killing 12 people.",
    "North Korea threatened the United States with nuclear war.",
]


def _batches() -> list[list[Document | Failure]]:
    docs: list[Document | Failure] = [
        Document(f"d{n}", f"d{n}", text.encode(), "text", date="2020-05-04")
        for n, text in enumerate(TEXTS)
    ]
    docs.append(Failure("bad", "bad.txt", "ingest", "empty", "empty file"))
    return [docs[:3], docs[3:5], docs[5:]]


def _events(workers: int) -> list[tuple[str, str]]:
    settings = load_settings()
    results = list(run(_batches(), settings, workers=workers, dedup=NearDuplicateIndex()))
    assert [r.counters["documents"] for r in results] == [3, 2, 1]
    assert [f.doc_id for r in results for f in r.failures] == ["bad"]
    return [(e.doc_id, e.cameo) for r in results for e in r.events]


@pytest.mark.model
@pytest.mark.slow
def test_two_processes_code_the_same_events_in_the_same_order() -> None:
    one = _events(1)
    assert {doc for doc, _ in one} == {f"d{n}" for n in range(len(TEXTS))}
    assert _events(2) == one


def _copies_run(workers: int) -> list[tuple[object, ...]]:
    """Pages copied within a batch and across batches, an empty page twice, with a memo."""
    long = " ".join(TEXTS)
    pages = [(long, "a"), ("", "e1"), (long, "b"), (TEXTS[1], "c"), ("", "e2"), (long, "d")]
    docs: list[Document | Failure] = [
        Document(f"id-{name}", f"{name}.txt", text.encode(), "text", date="2020-05-04")
        for text, name in pages
    ]
    memo = PageMemo()
    results = run(
        [docs[:3], docs[3:5], docs[5:]],
        load_settings(),
        workers=workers,
        dedup=NearDuplicateIndex(),
        pages=memo,
    )
    out: list[tuple[object, ...]] = [
        (
            [a.to_dict() for a in r.articles],
            [f.to_dict() for f in r.failures],
            {k: [c.to_dict() for c in v] for k, v in r.copies.items()},
            [e.to_dict() for e in r.events],
        )
        for r in results
    ]
    assert memo.hits >= 2  # "b" and "e2" at least; "d" too unless sent with "a" in flight
    return out


@pytest.mark.model
@pytest.mark.slow
def test_copied_pages_give_the_same_rows_when_workers_extract_them() -> None:
    one = _copies_run(1)
    assert [len(articles) for articles, *_ in one] == [1, 1, 0]
    assert _copies_run(2) == one


def test_workers_must_be_positive() -> None:
    with pytest.raises(ConfigError):
        list(run([], load_settings(), workers=0))
