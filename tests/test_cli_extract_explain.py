"""`dragoman extract --explain`, `eval extraction --fold/--per-fold` and `eval cues`, as a user
runs them, on pages written here (trafilatura runs for real; no spaCy model needed)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dragoman.cli import main
from dragoman.evaluation.cues import measure_cues
from dragoman.evaluation.extraction import benchmark_pages, fold_of
from dragoman.extract import cue_names

NEWS = (
    "The finance ministers of the two countries met in Brussels on Tuesday to discuss the "
    "budget rules, officials said after the talks ended late in the evening. "
)
PAGE = (
    "<html><head><title>Ministers meet in Brussels | The Example Post</title>"
    '<meta property="og:site_name" content="The Example Post">'
    '<meta property="article:published_time" content="2021-03-02T10:00:00Z"></head><body>'
    "<article><h1>Ministers meet in Brussels</h1>"
    f"<p>{NEWS * 3}</p><p>{NEWS * 2}</p>"
    "<p>Sign up for our newsletter to get the news delivered to your inbox.</p>"
    "<p>Read more:</p><p>Markets Rally After Vote</p>"
    "</article></body></html>"
)


def test_explain_lists_each_removed_unit_with_its_cue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    rc = main(["extract", str(page), "--explain"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    record = json.loads(captured.out)
    reasons = {r["text"]: r["reasons"] for r in record["removed"]}
    assert (
        "newsletter-signup"
        in reasons["Sign up for our newsletter to get the news delivered to your inbox."]
    )
    assert reasons["Read more:"] == ["related-marker"]
    assert "newsletter" not in record["text"]
    assert "newsletter-signup" in captured.err  # the count of units per cue


def test_without_explain_the_json_has_only_the_article_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["extract", str(page)]) == 0
    assert "removed" not in json.loads(capsys.readouterr().out)


def test_every_cue_name_is_described() -> None:
    names = cue_names()
    assert {"drop-headline", "tail-run", "title-headline", "date-visible"} <= set(names)
    assert all(text.strip() for text in names.values())


def _aeb(folder: Path, ids: list[str]) -> Path:
    (folder / "html").mkdir(parents=True)
    truth = {}
    for pid in ids:
        (folder / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(PAGE.encode()))
        truth[pid] = {"articleBody": (NEWS * 5).strip(), "url": f"https://example.org/{pid}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def test_folds_are_fixed_by_page_id(tmp_path: Path) -> None:
    ids = ["p1", "p2", "p3", "p4"]
    folder = _aeb(tmp_path / "aeb", ids)
    for fold in (1, 2):
        _, pages = benchmark_pages(folder, fold)
        assert [p[0] for p in pages] == [i for i in ids if fold_of(i) == fold]
    assert {fold_of(i) for i in ids} == {1, 2}


def test_eval_extraction_per_fold_shows_both_extractors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _aeb(tmp_path / "aeb", ["p1", "p2", "p3"])
    rc = main(["eval", "extraction", str(folder), "--per-fold", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert [(r["fold"], r["extractor"]) for r in rows] == [
        (1, "dragoman"),
        (1, "trafilatura"),
        (2, "dragoman"),
        (2, "trafilatura"),
    ]
    assert sum(r["pages"] for r in rows if r["extractor"] == "dragoman") == 3
    assert main(["eval", "extraction", str(folder), "--fold", "3"]) == 2


def test_cue_report_counts_pages_changed_per_fold(tmp_path: Path) -> None:
    folder = _aeb(tmp_path / "aeb", ["p1", "p2", "p3"])
    report = measure_cues([folder], names=["related-marker", "card-logos"])
    by_name = {c.name: c for c in report.cues}
    assert by_name["related-marker"].pages == {1: 2, 2: 1, 0: 3}
    assert by_name["card-logos"].pages[0] == 0
    # the related headline is not in the gold text: removing it raises precision
    assert by_name["related-marker"].gain[0]["aeb_text_f1"] > 0
    assert set(report.trafilatura) == {0, 1, 2}
    assert "related-marker" in report.format_table()
