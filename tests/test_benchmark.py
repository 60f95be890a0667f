"""`dragoman bench` and run_benchmark on a tiny corpus written in the test.

Counts only: the figures must agree with what the pipeline itself produces on the same
documents. No assertion is made on any time or rate.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.benchmark import STAGES, BenchResult, run_benchmark
from dragoman.cli import main
from dragoman.extract import extract
from dragoman.ingest import read_inputs
from dragoman.pipeline import run_batch
from dragoman.records import Article, Document
from dragoman.segment import segment
from dragoman.settings import Settings, load_settings

pytestmark = pytest.mark.model

TALKS_TXT = (
    "Russia and Cuba agree to expand trade\n"
    "\n"
    "Russian Foreign Minister Sergei Lavrov met Cuban President Raul Castro in Havana. "
    "The two governments signed an agreement on trade and energy cooperation, officials said.\n"
)
SANCTIONS_TXT = (
    "The European Union imposed new sanctions on Iran over its nuclear programme. "
    "France condemned the Iranian government for its missile tests.\n"
)
ARRESTS_HTML = (
    "<!DOCTYPE html><html><head><title>Police arrest protesters in Caracas</title></head>"
    "<body><article><h1>Police arrest protesters in Caracas</h1>"
    "<p>Venezuelan police arrested dozens of opposition protesters in Caracas, "
    "witnesses said, after a march against the government turned violent.</p>"
    "<p>The United States criticised the Venezuelan government for the arrests.</p>"
    "</article></body></html>"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "talks.txt").write_text(TALKS_TXT, encoding="utf-8")
    (folder / "sanctions.txt").write_text(SANCTIONS_TXT, encoding="utf-8")
    (folder / "arrests.html").write_text(ARRESTS_HTML, encoding="utf-8")
    return folder


@pytest.fixture
def settings() -> Settings:
    return load_settings(env={}, overrides={"default_date": "2024-01-12"})


def _expected(folder: Path, settings: Settings) -> dict[str, int]:
    """The counts the pipeline itself gives for the folder."""
    items = list(read_inputs([str(folder)], settings))
    docs = [d for d in items if isinstance(d, Document)]
    articles = [a for a in extract(docs, settings) if isinstance(a, Article)]
    sentences = [s for a in articles for s in segment(a, settings.max_sentence_chars)]
    batch = run_batch(items, settings)
    return {
        "documents": len(docs),
        "articles": len(batch.articles),
        "sentences": len(sentences),
        "parsed_sentences": batch.counters["parsed"],
        "words": sum(len(s.text.split()) for s in sentences),
        "events": len(batch.events),
        "failures": len(batch.failures),
    }


def _counts(result: BenchResult) -> dict[str, int]:
    return {
        "documents": result.documents,
        "articles": result.articles,
        "sentences": result.sentences,
        "parsed_sentences": result.parsed,
        "words": result.words,
        "events": result.events,
        "failures": result.failures,
    }


def test_bench_counts_equal_what_the_pipeline_produces(corpus: Path, settings: Settings) -> None:
    result = run_benchmark([str(corpus)], settings, batch_size=2)
    expected = _expected(corpus, settings)
    assert _counts(result) == expected
    assert result.documents == 3
    assert result.articles == 3
    assert result.failures == 0
    assert result.events > 0
    assert result.sentences >= 5


def test_repeated_runs_report_the_same_counts(corpus: Path, settings: Settings) -> None:
    once = run_benchmark([str(corpus)], settings, warmup=False)
    twice = run_benchmark([str(corpus)], settings, repeat=2, warmup=False)
    assert twice.deterministic
    assert len(twice.runs_seconds) == 2
    assert twice.seconds in twice.runs_seconds
    assert _counts(twice) == _counts(once)
    assert twice.warmup_seconds == 0.0


def test_failed_document_is_counted_not_raised(corpus: Path, settings: Settings) -> None:
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    result = run_benchmark([str(corpus)], settings)
    assert result.documents == 3
    assert result.articles == 3
    assert result.failures == 1


def test_spacy_alone_is_also_timed_over_every_copy_the_input_holds(
    corpus: Path, settings: Settings
) -> None:
    (corpus / "talks-again.txt").write_text(TALKS_TXT, encoding="utf-8")
    result = run_benchmark([str(corpus)], settings, warmup=False)
    data = result.to_dict()
    assert result.documents == 4
    assert result.articles == 3  # the copy is recognised, not coded
    assert data["spacy_input_text"]["articles"] == 4
    assert data["spacy_input_text"]["seconds"] > 0
    assert "copies included (4)" in result.format_table()


def test_report_lists_every_stage_and_the_spacy_floor(corpus: Path, settings: Settings) -> None:
    result = run_benchmark([str(corpus)], settings, trace_python=True)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["counts"] == {**_counts(result), "parsed_sentences": result.parsed}
    assert 0 < result.parsed <= result.sentences
    assert list(data["stages_seconds"]) == [*STAGES, "other"]
    assert data["spacy_floor"]["seconds"] >= 0
    assert data["memory_mib"]["peak_rss"] > 0
    assert data["memory_mib"]["python_peak"] is not None
    table = result.format_table()
    for word in (*STAGES, "spaCy nlp.pipe", "peak RSS", "tracemalloc", "sentences/s"):
        assert word in table


def test_cli_bench_prints_json_counts(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    rc = main(["bench", str(corpus), "--json", "--no-warmup", "--repeat", "2"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert data["repeat"] == 2
    assert data["counts"]["documents"] == 3
    assert data["counts"]["failures"] == 0
    assert data["inputs"] == [str(corpus)]


def test_cli_bench_exits_1_when_a_document_failed(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    capsys.readouterr()
    rc = main(["bench", str(corpus), "--no-warmup"])
    captured = capsys.readouterr()
    assert rc == 1
    assert "failures" in captured.out
    assert "1 document(s) failed" in captured.err
