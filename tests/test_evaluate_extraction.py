"""Extraction scoring: aeb shingle math, trafeval snippet counts, metadata, folder detection."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dragoman.errors import ConfigError, InputError
from dragoman.evaluate import score_extraction, shingle_precision_recall, snippet_counts


@dataclass(frozen=True)
class Fake:
    text: str | None
    title: str | None = None
    date: str | None = None
    author: str | None = None


def fake_extractor(
    outputs: dict[str, Fake | Exception | None],
) -> Callable[[bytes, str | None], Fake | None]:
    """An extractor answering by the page's URL; an exception value is raised."""

    def extract(data: bytes, url: str | None) -> Fake | None:
        assert isinstance(data, bytes)
        out = outputs[url or ""]
        if isinstance(out, Exception):
            raise out
        return out

    return extract


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("a b c d e", "a b c d x", (0.5, 0.5)),  # shingles abcd+bcde vs abcd+bcdx
        ("a b c d a b c d", "a b c d", (1.0, 0.2)),  # gold has abcd twice among 5 shingles
        ("Hi, there!", "hi there", (0.0, 0.0)),  # case is kept: a short text is one shingle
        ("Hi, there!", "Hi there", (1.0, 1.0)),  # punctuation dropped
        ("a b c d", "", (0.0, 0.0)),  # empty prediction scores 0
        ("", "", (1.0, 1.0)),
    ],
)
def test_shingle_precision_recall(gold: str, pred: str, expected: tuple[float, float]) -> None:
    assert shingle_precision_recall(gold, pred) == pytest.approx(expected)


def test_snippet_counts_collapse_whitespace() -> None:
    out = "Hello\n  world and\tShare this"
    assert snippet_counts(out, ["Hello world", "missing bit"], ["Share  this"]) == (1, 1, 1, 0)
    assert snippet_counts(None, ["a"], ["b"]) == (0, 1, 0, 1)


def _gz(path: Path, html: str) -> None:
    path.write_bytes(gzip.compress(html.encode("utf-8")))


def test_aeb_folder_averages_precision_and_recall_over_pages(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    truth = {
        "p1": {"articleBody": "a b c d e", "url": "u1"},
        "p2": {"articleBody": "a b c d a b c d", "url": "u2"},
        "p3": {"articleBody": "never read", "url": "u3"},  # its file is missing
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    _gz(tmp_path / "html" / "p1.html.gz", "<p>one</p>")
    _gz(tmp_path / "html" / "p2.html.gz", "<p>two</p>")
    extractor = fake_extractor({"u1": Fake("a b c d x"), "u2": Fake("a b c d")})
    score = score_extraction(tmp_path, extractor)
    assert score.benchmark == "aeb"
    assert (score.pages, score.missing_files, score.errors) == (2, 1, 0)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.35)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.35 / 1.1)
    assert score.pages_per_second > 0
    assert json.loads(json.dumps(score.to_dict(with_pages=True)))["page_scores"][0]["id"] == "p1"
    limited = score_extraction(tmp_path, extractor, limit=1)
    assert limited.pages == 1
    assert limited.precision == pytest.approx(0.5)


def test_trafeval_folder_sums_snippets_and_scores_metadata(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    data = {
        "https://a.example/1": {
            "file": "1.html.gz",
            "with": ["Hello  world", "missing bit"],
            "without": ["Share this"],
            "title": "A  Title",
            "date": "2019-10-19",
            "author": ["X", "Y"],
        },
        "https://b.example/2": {
            "file": "2.html",
            "with": ["alpha beta"],
            "without": ["cookie"],
            "title": "T2",
            "date": None,
            "author": "",
        },
        "https://c.example/3": {"file": "3.html.gz", "with": ["gamma"], "without": ["delta"]},
    }
    (tmp_path / "evaldata.json").write_text(json.dumps(data), encoding="utf-8")
    _gz(tmp_path / "html" / "1.html.gz", "<p>1</p>")
    (tmp_path / "html" / "2.html").write_text("<p>2</p>", encoding="utf-8")
    _gz(tmp_path / "html" / "3.html.gz", "<p>3</p>")
    extractor = fake_extractor(
        {
            "https://a.example/1": Fake(
                "Hello\nworld and Share this", "A Title", "2019-10-19", "X; Y"
            ),
            "https://b.example/2": Fake("alpha beta", "T2 - Site", "2019-10-19", "Z"),
            "https://c.example/3": ValueError("boom"),
        }
    )
    score = score_extraction(tmp_path, extractor)
    assert score.benchmark == "trafeval"
    assert (score.tp, score.fn, score.fp, score.tn) == (2, 2, 1, 2)
    assert score.f1 == pytest.approx(4 / 7)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(0.5)
    assert score.errors == 1
    assert (score.metadata["title"].correct, score.metadata["title"].total) == (1, 2)
    assert (score.metadata["date"].correct, score.metadata["date"].total) == (1, 1)
    assert (score.metadata["author"].correct, score.metadata["author"].total) == (1, 1)
    assert "TP 2" in score.format_table()
    assert score.to_dict()["metadata"]["title"]["accuracy"] == 0.5


def test_unknown_folder_and_conflicting_options_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        score_extraction(tmp_path, fake_extractor({}))
    with pytest.raises(ConfigError):
        score_extraction(tmp_path, fake_extractor({}), baseline="trafilatura")


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("folder", ["aeb", "trafeval"])
def test_trafilatura_baseline_on_a_few_shared_pages(shared_dir: Path, folder: str) -> None:
    path = shared_dir / "data" / "extraction" / folder
    if not path.is_dir():
        pytest.skip(f"{folder} absent")
    score = score_extraction(path, limit=10, baseline="trafilatura")
    assert score.pages == 10
    assert score.f1 > 0.8


@pytest.mark.shared
def test_throughput_comparison_times_both_extractors_on_the_same_pages(shared_dir: Path) -> None:
    from dragoman.cli import main
    from dragoman.evaluation.extraction import compare_throughput

    path = shared_dir / "data" / "extraction" / "aeb"
    if not path.is_dir():
        pytest.skip("aeb absent")
    result = compare_throughput(path, limit=4)
    assert result.pages == 4
    assert result.dragoman_cpu > 0 and result.trafilatura_cpu > 0
    assert result.to_dict()["speed_ratio_cpu"] > 0
    assert main(["eval", "extraction-speed", str(path), "--limit", "2", "--json"]) == 0
