"""A byte-identical page is extracted once per run and gives the rows a fresh extraction gives."""

from __future__ import annotations

import pytest

import dragoman.pipeline
from dragoman.dedup import NearDuplicateIndex, PageMemo
from dragoman.pipeline import prepare_batch
from dragoman.records import Article, Document, Failure
from dragoman.settings import Settings

SETTINGS = Settings()
PAGE = (
    b"<!DOCTYPE html><html><head><title>Armenia and Azerbaijan resume border talks</title>"
    b'<meta property="og:site_name" content="Daily Herald"></head><body><article>'
    b"<h1>Armenia and Azerbaijan resume border talks</h1>"
    b"<p>Delegations from Armenia and Azerbaijan met in Geneva on Monday for a second round of "
    b"talks on a border settlement, officials from both sides said.</p>"
    b"<p>The talks, mediated by Swiss diplomats and observers from the European Union, lasted "
    b"more than six hours, and both ministers agreed to meet again next month in Brussels.</p>"
    b"</article></body></html>"
)


def _page(name: str, data: bytes = PAGE, date: str | None = "2024-03-04") -> Document:
    return Document(f"id-{name}", f"/news/{name}.html", data, "html", date=date)


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the documents the extract stage was run on."""
    seen: list[str] = []
    real = dragoman.pipeline.extract

    def counting(batch: list[Document], settings: Settings) -> list[Article | Failure]:
        seen.extend(d.doc_id for d in batch)
        return real(batch, settings)

    monkeypatch.setattr(dragoman.pipeline, "extract", counting)
    return seen


def test_copy_of_a_page_is_not_extracted_again_and_gives_the_same_article(
    extractions: list[str],
) -> None:
    memo = PageMemo()
    first = prepare_batch([_page("a")], SETTINGS, pages=memo).articles
    again = prepare_batch([_page("b"), _page("c")], SETTINGS, pages=memo).articles
    fresh = prepare_batch([_page("b")], SETTINGS).articles
    assert extractions == ["id-a", "id-b"]  # "b" the second time only: without the memo
    assert [a.doc_id for a in again] == ["id-b", "id-c"]
    assert again[0] == fresh[0]
    assert again[1].source == "/news/c.html"
    assert again[1].text == first[0].text and again[1].publisher == first[0].publisher


def test_with_dedup_the_copy_is_recorded_as_a_copy_of_the_story() -> None:
    memo, index = PageMemo(), NearDuplicateIndex()
    prepared = prepare_batch([_page("a"), _page("b")], SETTINGS, index, memo)
    assert [a.doc_id for a in prepared.articles] == ["id-a"]
    copies = prepared.copies["id-a"]
    assert [(c.doc_id, c.source, c.publisher) for c in copies] == [
        ("id-b", "/news/b.html", "Daily Herald")
    ]
    assert memo.hits == 1


def test_same_bytes_with_other_metadata_are_extracted_again(extractions: list[str]) -> None:
    memo = PageMemo()
    prepare_batch([_page("a"), _page("b", date="2024-05-06")], SETTINGS, pages=memo)
    assert extractions == ["id-a", "id-b"]


def test_a_failed_page_fails_again_under_its_own_id(extractions: list[str]) -> None:
    memo = PageMemo()
    empty = b"<html><body><nav>Home</nav></body></html>"
    out = prepare_batch([_page("a", empty), _page("b", empty)], SETTINGS, pages=memo)
    assert extractions == ["id-a"]
    assert [(f.doc_id, f.source, f.reason) for f in out.failures] == [
        ("id-a", "/news/a.html", out.failures[0].reason),
        ("id-b", "/news/b.html", out.failures[0].reason),
    ]
    assert out.failures[0].detail == out.failures[1].detail


def test_memo_keeps_at_most_its_size_forgetting_the_least_recent(
    extractions: list[str],
) -> None:
    memo = PageMemo(max_pages=1)
    other = PAGE.replace(b"Monday", b"Tuesday")
    prepare_batch([_page("a"), _page("b", other), _page("c")], SETTINGS, pages=memo)
    assert len(memo) == 1
    assert extractions == ["id-a", "id-b", "id-c"]
    with pytest.raises(ValueError):
        PageMemo(max_pages=0)


def test_memo_keeps_at_most_its_characters_of_text(extractions: list[str]) -> None:
    memo = PageMemo(max_chars=100)  # one article's text is more than half of it
    other = PAGE.replace(b"Monday", b"Tuesday")
    prepare_batch([_page("a"), _page("b", other), _page("c")], SETTINGS, pages=memo)
    assert len(memo) == 1
    assert extractions == ["id-a", "id-b", "id-c"]
