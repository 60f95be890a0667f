"""The local engine gives the same events, in the same order, with one or two processes."""

from __future__ import annotations

import pytest

from dragoman.dedup import NearDuplicateIndex
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


def test_workers_must_be_positive() -> None:
    with pytest.raises(ConfigError):
        list(run([], load_settings(), workers=0))
